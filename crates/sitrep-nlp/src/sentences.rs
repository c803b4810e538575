//! The rule-based sentence splitter. The rules are documented at the crate root.
//!
//! Each line is cut into *chunks* (maximal runs of non-whitespace), and a sentence boundary can
//! only fall between two chunks (or after a full-width CJK stop). Runs of chunks made only of
//! periods (`. . .`) form one *unit*; every other chunk is a unit of its own. Each gap between
//! units is decided from the unit before it, the one or two after it, and a little state (where
//! the sentence started, the last list marker), so the whole pass is linear in the input.

use crate::abbrev::{self, Class};
use sitrep_core::Span;

/// Characters that may open a sentence before its first word (quotes, brackets, inverted marks).
pub(crate) const OPENERS: &[char] = &[
    '"', '\'', '“', '‘', '„', '‚', '«', '‹', '(', '[', '{', '¿', '¡', '「', '『', '（', '【', '《',
    '〈',
];

/// Characters that may close a sentence after its terminator (quotes, brackets).
pub(crate) const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', '»', '›', ')', ']', '}', '」', '』', '）', '】', '》', '〉',
];

/// List bullets: a chunk starting with one begins a new sentence.
pub(crate) const BULLETS: &[char] = &['•', '‣', '⁃', '▪', '◦', '●', '■', '►', '➢'];

/// Terminators that end a sentence unless a lowercase word follows.
const BANGS: &[char] = &['!', '?', '‼', '⁇', '⁈', '⁉', '؟'];

/// Full-width and Indic stops: they end a sentence whatever follows, even without a space.
const HARD_STOPS: &[char] = &['。', '！', '？', '｡', '।', '॥'];

/// Characters that break lines: a sentence never crosses one.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Whether `c` is a currency sign.
pub(crate) fn is_currency(c: char) -> bool {
    matches!(
        c,
        '$' | '£' | '€' | '¥' | '¢' | '₹' | '₽' | '₴' | '₩' | '₪' | '₺' | '₿' | '₦' | '₱'
    ) || ('\u{20A0}'..='\u{20CF}').contains(&c)
}

/// Sentence spans of `text`, in order, trimmed of surrounding whitespace, never crossing a line
/// break. Every non-whitespace byte of `text` lies in exactly one sentence.
///
/// The rules are listed in the crate documentation. Runs in time linear in `text` and never
/// panics.
///
/// ```
/// use sitrep_nlp::split_sentences;
/// let text = "I live in the U.S. How about you?\nGen. Charles Q. Brown Jr. has left.";
/// let got: Vec<&str> = split_sentences(text).iter().map(|s| s.slice(text)).collect();
/// assert_eq!(got, ["I live in the U.S.", "How about you?", "Gen. Charles Q. Brown Jr. has left."]);
/// ```
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut chunks: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    // After a hard stop the chunk is cut before the next character that is neither a stop nor a
    // closer, so that unspaced CJK text still splits.
    let mut cut = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                chunks.push((s, i));
            }
            cut = false;
            if is_line_break(c) {
                split_line(text, &chunks, &mut out);
                chunks.clear();
            }
            continue;
        }
        if cut && !HARD_STOPS.contains(&c) && !CLOSERS.contains(&c) {
            if let Some(s) = start.take() {
                chunks.push((s, i));
            }
            cut = false;
        }
        if start.is_none() {
            start = Some(i);
        }
        if HARD_STOPS.contains(&c) {
            cut = true;
        }
    }
    if let Some(s) = start {
        chunks.push((s, text.len()));
    }
    split_line(text, &chunks, &mut out);
    out
}

/// One or more chunks decided together: a single chunk (`dots == 0`) or a run of chunks made only
/// of periods and ellipses, holding `dots` periods in all (`…` counts three).
#[derive(Debug, Clone, Copy)]
struct Unit {
    first: usize,
    last: usize,
    dots: usize,
}

/// A numbered or lettered list marker: `1.`, `2)`, `3.)`, `a.`, `(b)`, possibly after a bullet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    letter: bool,
    style: u8,
    value: u32,
}

impl Marker {
    fn follows(self, prev: Marker) -> bool {
        self.letter == prev.letter && self.style == prev.style && self.value == prev.value + 1
    }
}

/// Splits one line (its chunks, in order) into sentences appended to `out`.
fn split_line(text: &str, chunks: &[(usize, usize)], out: &mut Vec<Span>) {
    if chunks.is_empty() {
        return;
    }
    let mut units = Vec::with_capacity(chunks.len());
    let mut k = 0;
    while k < chunks.len() {
        let d = dot_count(&text[chunks[k].0..chunks[k].1]);
        if d == 0 {
            units.push(Unit {
                first: k,
                last: k,
                dots: 0,
            });
            k += 1;
            continue;
        }
        let first = k;
        let mut total = 0;
        while k < chunks.len() {
            let d = dot_count(&text[chunks[k].0..chunks[k].1]);
            if d == 0 {
                break;
            }
            total += d;
            k += 1;
        }
        units.push(Unit {
            first,
            last: k - 1,
            dots: total,
        });
    }
    let mut line = Line {
        text,
        chunks,
        units: &units,
        sent: 0,
        last_marker: None,
    };
    for u in 0..units.len() {
        if u + 1 == units.len() || line.boundary_after(u) {
            let span = Span::new(chunks[units[line.sent].first].0, chunks[units[u].last].1);
            out.push(span);
            line.sent = u + 1;
        }
    }
}

/// If `chunk` is made only of periods and ellipses (optionally followed by closers), how many
/// periods it holds (`…` counts three); otherwise 0.
fn dot_count(chunk: &str) -> usize {
    let core = chunk.trim_end_matches(CLOSERS);
    let mut n = 0;
    for c in core.chars() {
        match c {
            '.' => n += 1,
            '…' => n += 3,
            _ => return 0,
        }
    }
    n
}

/// `s` without its leading opening quotes and brackets.
pub(crate) fn strip_openers(s: &str) -> &str {
    s.trim_start_matches(OPENERS)
}

/// `s` without its trailing closing quotes and brackets.
pub(crate) fn strip_closers(s: &str) -> &str {
    s.trim_end_matches(CLOSERS)
}

/// Whether `chunk` could open a sentence: after any opening quotes or brackets it starts with an
/// uppercase letter, a letter of a script without case, a digit, a currency sign or a bullet.
fn starts_sentence(chunk: &str) -> bool {
    match strip_openers(chunk).chars().next() {
        Some(c) if c.is_uppercase() || c.is_numeric() => true,
        Some(c) if c.is_alphabetic() => !c.is_lowercase(),
        Some(c) => is_currency(c) || BULLETS.contains(&c),
        None => false,
    }
}

/// Whether `chunk` starts with a digit once its opening quotes and brackets are gone.
fn starts_with_digit(chunk: &str) -> bool {
    strip_openers(chunk)
        .chars()
        .next()
        .is_some_and(|c| c.is_numeric())
}

/// Whether `chunk` opens with a sentence-starter word (`They`, `How`, `The`…); a single letter
/// followed by a period is an initial, not a starter.
fn starts_with_starter(chunk: &str) -> bool {
    let s = strip_openers(chunk);
    let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let word = &s[..end];
    if abbrev::is_single_letter(word) && s[end..].starts_with('.') {
        return false;
    }
    abbrev::is_starter(word)
}

/// Whether `chunk` is a title abbreviation such as `Mr.` or `Dr.`.
fn is_title(chunk: &str) -> bool {
    let core = strip_closers(strip_openers(chunk));
    core.strip_suffix('.')
        .and_then(abbrev::classify)
        .is_some_and(|a| a.class == Class::Title)
}

/// Whether `chunk` is only bullets.
fn is_bullet_only(chunk: &str) -> bool {
    !chunk.is_empty() && chunk.chars().all(|c| BULLETS.contains(&c))
}

/// The list marker `chunk` is, if any: an optional bullet, an optional `(`, one to three digits or
/// one lowercase ASCII letter, then `.`, `)` or `.)`, and nothing else.
fn list_marker(chunk: &str) -> Option<Marker> {
    let s = chunk.trim_start_matches(BULLETS);
    let (paren, s) = match s.strip_prefix('(') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let body_end = s
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(s.len());
    let (body, suffix) = s.split_at(body_end);
    let style = match (paren, suffix) {
        (false, ".") => 0,
        (false, ")") => 1,
        (false, ".)") => 2,
        (true, ")") => 3,
        _ => return None,
    };
    if !body.is_empty() && body.len() <= 3 && body.bytes().all(|b| b.is_ascii_digit()) {
        let value = body.parse().ok()?;
        return Some(Marker {
            letter: false,
            style,
            value,
        });
    }
    let b = body.as_bytes();
    if b.len() == 1 && b[0].is_ascii_lowercase() {
        return Some(Marker {
            letter: true,
            style,
            value: u32::from(b[0] - b'a'),
        });
    }
    None
}

/// The state of the pass over one line.
struct Line<'a> {
    text: &'a str,
    chunks: &'a [(usize, usize)],
    units: &'a [Unit],
    /// The unit where the current sentence starts.
    sent: usize,
    /// The last list marker seen at a sentence start on this line.
    last_marker: Option<Marker>,
}

impl Line<'_> {
    /// The text of chunk `k`.
    fn chunk(&self, k: usize) -> &str {
        &self.text[self.chunks[k].0..self.chunks[k].1]
    }

    /// The text of unit `u`'s first chunk.
    fn unit(&self, u: usize) -> &str {
        self.chunk(self.units[u].first)
    }

    /// Whether a sentence ends between unit `u` and unit `u + 1` (which exists).
    fn boundary_after(&mut self, u: usize) -> bool {
        let v = u + 1;
        let here = self.units[u];
        let next = self.units[v];

        // A list marker opening a sentence (or following a bullet that opens it) never ends one.
        let opens = u == self.sent || (u == self.sent + 1 && is_bullet_only(self.unit(self.sent)));
        let marker = if here.dots == 0 && opens {
            list_marker(self.unit(u))
        } else {
            None
        };
        if marker.is_some() {
            self.last_marker = marker;
        }

        // A bullet belongs with what follows it.
        if here.dots == 0 && is_bullet_only(self.unit(u)) {
            return false;
        }
        // A bullet, or the next marker of a list begun on this line, starts a new sentence.
        if next.dots == 0 {
            let nx = self.unit(v);
            if nx.starts_with(BULLETS) {
                return true;
            }
            if let (Some(m), Some(prev)) = (list_marker(nx), self.last_marker) {
                if m.follows(prev) {
                    return true;
                }
            }
        }
        if marker.is_some() {
            return false;
        }

        // Runs of spaced periods: `. . .` is an ellipsis inside a sentence; four or more (`. . . .`,
        // ellipsis and period) end one before a sentence start.
        if here.dots > 0 {
            return here.dots != 3 && starts_sentence(self.unit(v));
        }
        if next.dots > 0 {
            // `word. . . . Next` — a period then a spaced ellipsis that opens the next sentence.
            return next.dots == 3
                && ends_with_terminator(self.unit(u))
                && v + 1 < self.units.len()
                && starts_sentence(self.unit(v + 1));
        }
        self.word_ends_sentence(u, v)
    }

    /// Whether the single chunk `u` ends a sentence before the single chunk `v`.
    fn word_ends_sentence(&self, u: usize, v: usize) -> bool {
        let here = self.unit(u);
        let next = self.unit(v);
        let core = strip_closers(here);
        let Some(last) = core.chars().next_back() else {
            return false;
        };
        if HARD_STOPS.contains(&last) {
            return true;
        }
        if BANGS.contains(&last) {
            return starts_sentence(next);
        }
        if last != '.' && last != '…' {
            return false;
        }
        let body = core.trim_end_matches(['.', '…']);
        let dots: usize = core[body.len()..]
            .chars()
            .map(|c| if c == '…' { 3 } else { 1 })
            .sum();
        if dots >= 3 {
            // An ellipsis: bracketed (`[...]`) it marks an omission; otherwise it ends the
            // sentence when a sentence start follows.
            return !body.ends_with(['[', '(']) && starts_sentence(next);
        }
        if !starts_sentence(next) {
            return false;
        }
        let word = strip_openers(body);
        let digit_next = starts_with_digit(next);
        if abbrev::is_single_letter(word) {
            // An initial (`Jonas E. Smith`, `p. 55`) unless it opens nothing and a starter follows
            // (`you and I. Did`).
            return !digit_next && u != self.sent && starts_with_starter(next);
        }
        let Some(ab) = abbrev::classify(word) else {
            return true;
        };
        if digit_next {
            return !ab.before_number;
        }
        match ab.class {
            Class::Title => false,
            Class::Numeral => true,
            Class::Final | Class::Acronym => {
                if self.fronted_time_phrase(u) {
                    return false;
                }
                starts_with_starter(next) || (ab.class == Class::Final && is_title(next))
            }
        }
    }

    /// Whether the sentence so far, ending at unit `u`, is only a fronted time phrase such as
    /// `At 5 a.m.` — a preposition, then numbers, then `u`; that is no sentence on its own.
    fn fronted_time_phrase(&self, u: usize) -> bool {
        let s = self.sent;
        if u < s + 2 || u > s + 3 {
            return false;
        }
        abbrev::is_intro_preposition(strip_openers(self.unit(s)))
            && (s + 1..u).all(|w| self.units[w].dots == 0 && starts_with_digit(self.unit(w)))
    }
}

/// Whether `chunk`, closers aside, ends with `.`, `!` or `?`.
fn ends_with_terminator(chunk: &str) -> bool {
    strip_closers(chunk).ends_with(|c: char| c == '.' || BANGS.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let spans = split_sentences(text);
        check_coverage(text, &spans);
        spans.iter().map(|s| s.slice(text)).collect()
    }

    /// Spans are in order, on char boundaries, trimmed, free of line breaks, and cover every
    /// non-whitespace byte exactly once.
    fn check_coverage(text: &str, spans: &[Span]) {
        let mut covered = vec![0u8; text.len()];
        let mut prev_end = 0;
        for s in spans {
            assert!(s.start < s.end, "empty span {s:?}");
            assert!(
                s.start >= prev_end,
                "spans out of order or overlapping at {s:?}"
            );
            assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "{s:?}"
            );
            let t = s.slice(text);
            assert_eq!(t, t.trim(), "span {s:?} not trimmed");
            assert!(!t.contains('\n'), "span {s:?} crosses a line break");
            for b in &mut covered[s.start..s.end] {
                *b += 1;
            }
            prev_end = s.end;
        }
        for (i, c) in text.char_indices() {
            if !c.is_whitespace() {
                for b in 0..c.len_utf8() {
                    assert_eq!(
                        covered[i + b],
                        1,
                        "byte {} of {c:?} covered {} times",
                        i + b,
                        covered[i + b]
                    );
                }
            }
        }
    }

    #[test]
    fn news_titles_and_acronyms_do_not_split() {
        let t = "U.S. Army General Mark Milley met Gen. Charles Q. Brown Jr. has said. \
                 Col. Dave Butler, Lt. Smith, Sgt. Jones and Dr. Who came. \
                 Prof. X. Adams of Acme Inc. and Foo Ltd. spoke.";
        assert_eq!(
            split(t),
            [
                "U.S. Army General Mark Milley met Gen. Charles Q. Brown Jr. has said.",
                "Col. Dave Butler, Lt. Smith, Sgt. Jones and Dr. Who came.",
                "Prof. X. Adams of Acme Inc. and Foo Ltd. spoke.",
            ]
        );
    }

    #[test]
    fn news_misc_abbreviations() {
        let t = "It was Ukraine vs. Russia, e.g. in Kyiv, i.e. the capital. He met at No. 10 \
                 on Jan. 6 and Sept. 11. Then he left for Tampa, Fla. He stayed. \
                 Apple Inc. Chief Executive Tim Cook spoke at 10 a.m. Tuesday.";
        assert_eq!(
            split(t),
            [
                "It was Ukraine vs. Russia, e.g. in Kyiv, i.e. the capital.",
                "He met at No. 10 on Jan. 6 and Sept. 11.",
                "Then he left for Tampa, Fla.",
                "He stayed.",
                "Apple Inc. Chief Executive Tim Cook spoke at 10 a.m. Tuesday.",
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_the_sentence() {
        let t = "“Is it too much to ask,” according to him. \"We were victorious,\" Cleverly \
                 told MPs. “These guys met,” Butler said. He added: “It’s over.” Then he left.";
        assert_eq!(
            split(t),
            [
                "“Is it too much to ask,” according to him.",
                "\"We were victorious,\" Cleverly told MPs.",
                "“These guys met,” Butler said.",
                "He added: “It’s over.”",
                "Then he left.",
            ]
        );
    }

    #[test]
    fn lines_are_hard_boundaries() {
        let t = "Top Ukraine US military leaders meet\n\nThe officer traveled to Poland. He \
                 spoke.\r\n“Look Each Other In The Eye”\n  indented line  \n";
        assert_eq!(
            split(t),
            [
                "Top Ukraine US military leaders meet",
                "The officer traveled to Poland.",
                "He spoke.",
                "“Look Each Other In The Eye”",
                "indented line",
            ]
        );
    }

    #[test]
    fn sample_articles_split_cleanly() {
        for p in sitrep_testkit::sample_articles() {
            let text = std::fs::read_to_string(&p).unwrap();
            let spans = split_sentences(&text);
            check_coverage(&text, &spans);
            assert!(spans.len() > 5, "{}", p.display());
        }
    }

    #[test]
    fn hard_stops_split_unspaced_text() {
        assert_eq!(
            split("你好。我很好！「是吗？」对。"),
            ["你好。", "我很好！", "「是吗？」", "对。"]
        );
    }

    #[test]
    fn empty_and_whitespace_only() {
        assert!(split("").is_empty());
        assert!(split("   \n\n\t \r\n \u{a0}\u{2003} ").is_empty());
    }

    #[test]
    fn long_sentence_without_punctuation() {
        let t = "word ".repeat(10_000);
        let got = split(&t);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].len(), t.trim_end().len());
    }

    #[test]
    fn emoji_line() {
        let t = "😀".repeat(5_000);
        assert_eq!(split(&t).len(), 1);
        let t = "👍🏽 ".repeat(5_000) + "end. 🇺🇦 Next. 👨‍👩‍👧!";
        split(&t);
    }

    #[test]
    fn control_characters_and_odd_input() {
        for t in [
            "\u{0}\u{1}\u{7f}. \u{1b}[0m. A",
            ". . . . . .",
            "....",
            "!? ?! …",
            "“ ” ( ) [ ]",
            "\u{feff}Hello.\u{200b} World.",
            "a.\nb.\rc.\u{2028}d.",
            "Mr.",
            ". A",
            "• • • ⁃",
            "1. 2. 3. a. b. c.",
            "9999999999. 10000000000.",
            "(1) One (2) Two",
            "Привет. Как дела? שלום. مرحبا؟ नमस्ते। ठीक।",
            "x\u{301}. Y\u{308}. 日本. Ａ.",
        ] {
            split(t);
        }
    }

    #[test]
    fn large_input_runs_in_linear_time() {
        // 10 MB without punctuation, and 10 MB of short sentences: both well under a second in
        // release and a few seconds in debug.
        let t = "a".repeat(10_000_000);
        assert_eq!(split_sentences(&t).len(), 1);
        let t = "Ab. ".repeat(1_000_000);
        assert_eq!(split_sentences(&t).len(), 1_000_000);
        let t = ". ".repeat(1_000_000);
        assert_eq!(split_sentences(&t).len(), 1);
    }
}
