//! The raw text as lines with byte ranges, the shape tests the cleaner uses on them, and the
//! assembly of the kept lines into clean text with its [`Segment`] map.
//!
//! Every [`Line`] is a trimmed byte range of the raw text; the cleaner only ever drops lines or
//! shortens their ranges, so each kept piece is a verbatim slice of the raw text. Assembly joins
//! the pieces: a blank line between paragraphs (`"\n\n"`), a space between the lines of a
//! hard-wrapped paragraph. Those separators are the only bytes of the clean text that no
//! segment covers.

use sitrep_core::Segment;

/// One non-blank line of the raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// Byte range in the raw text, trimmed of whitespace (a BOM and zero-width spaces too).
    pub start: usize,
    pub end: usize,
    /// Index of the run of lines between blank lines that this line belongs to.
    pub block: usize,
    /// Still part of the body.
    pub keep: bool,
}

impl Line {
    pub fn text<'a>(&self, raw: &'a str) -> &'a str {
        &raw[self.start..self.end]
    }
}

/// Whitespace for trimming: Unicode whitespace plus BOM and zero-width characters.
pub(crate) fn is_trim(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
        )
}

/// `[start, end)` of `raw` narrowed to exclude leading and trailing [`is_trim`] characters.
pub(crate) fn trim_range(raw: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &raw[start..end];
    let lead = s.len() - s.trim_start_matches(is_trim).len();
    let trimmed = s.trim_matches(is_trim);
    (start + lead, start + lead + trimmed.len())
}

/// Splits on `\n`, `\r\n` and lone `\r`; returns the non-blank lines, trimmed.
pub(crate) fn split(raw: &str) -> Vec<Line> {
    let bytes = raw.as_bytes();
    let mut lines = Vec::new();
    let mut block = 0;
    let mut blank_since_last = false;
    let mut start = 0;
    let mut i = 0;
    let mut push = |s: usize, e: usize, lines: &mut Vec<Line>| {
        let (ts, te) = trim_range(raw, s, e);
        if ts == te {
            blank_since_last = true;
            return;
        }
        if blank_since_last && !lines.is_empty() {
            block += 1;
        }
        blank_since_last = false;
        lines.push(Line {
            start: ts,
            end: te,
            block,
            keep: true,
        });
    };
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                push(start, i, &mut lines);
                start = i + 1;
            }
            b'\r' => {
                push(start, i, &mut lines);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    push(start, bytes.len(), &mut lines);
    lines
}

pub(crate) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

const CLOSERS: &[char] = &['"', '\'', '\u{201d}', '\u{2019}', ')', ']', '\u{bb}', '*'];

/// Ends like a sentence or a clause (`.`, `:`, `;`, `,`), closing quotes aside. An ellipsis, `?`
/// and `!` do not count: headlines end that way.
pub(crate) fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(CLOSERS);
    if s.ends_with("...") || s.ends_with('\u{2026}') {
        return false;
    }
    s.ends_with(['.', ':', ';', ','])
}

/// Ends a sentence of any kind (`.`, `!`, `?`, `:`, `;`), closing quotes aside.
pub(crate) fn ends_terminal(s: &str) -> bool {
    s.trim_end_matches(CLOSERS)
        .ends_with(['.', '!', '?', ':', ';', '\u{2026}'])
}

/// Short, not ending like a sentence, with letters: a headline, a heading, a title.
pub(crate) fn title_like(s: &str) -> bool {
    let words = word_count(s);
    s.len() <= 300
        && (1..=20).contains(&words)
        && s.chars().any(char::is_alphabetic)
        && !ends_sentence(s)
}

fn starts_with_bullet(s: &str) -> bool {
    s.starts_with(['-', '*', '\u{2022}', '\u{b7}', '\u{2013}', '\u{2014}', '>'])
}

/// A headline of another story, as link lists hold them: [`title_like`], at least four words,
/// starting with a capital, a digit or a quote, no list bullet.
pub(crate) fn headline_like(s: &str) -> bool {
    let first = s
        .trim_start_matches(['"', '\'', '\u{201c}', '\u{2018}'])
        .chars()
        .next();
    title_like(s)
        && word_count(s) >= 4
        && !starts_with_bullet(s)
        && first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether the lines of one block look hard-wrapped (one paragraph over several short lines)
/// rather than one paragraph per line.
fn block_wrapped(texts: &[&str]) -> bool {
    if texts.len() < 3 || texts.iter().any(|t| t.len() > 100 || starts_with_bullet(t)) {
        return false;
    }
    let inner = &texts[..texts.len() - 1];
    if inner.iter().any(|t| t.len() < 25) {
        return false;
    }
    let open = inner.iter().filter(|t| !ends_terminal(t)).count();
    open * 2 >= inner.len()
}

/// Whether `next` continues the sentence of `prev` (a line break inside a paragraph).
fn continues(prev: &str, next: &str) -> bool {
    !ends_terminal(prev)
        && !starts_with_bullet(next)
        && (next.chars().next().is_some_and(char::is_lowercase) || prev.ends_with(','))
}

/// Joins the kept lines into the clean text and its segment map.
pub(crate) fn assemble(raw: &str, lines: &[Line]) -> (String, Vec<Segment>) {
    // Blocks whose kept lines look hard-wrapped are joined whole.
    let mut wrapped = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let block = lines[i].block;
        let texts: Vec<&str> = lines[i..]
            .iter()
            .take_while(|l| l.block == block)
            .filter(|l| l.keep)
            .map(|l| l.text(raw))
            .collect();
        let n = lines[i..].iter().take_while(|l| l.block == block).count();
        if wrapped.len() <= block {
            wrapped.resize(block + 1, false);
        }
        wrapped[block] = block_wrapped(&texts);
        i += n;
    }

    let mut text = String::with_capacity(raw.len());
    let mut segments = Vec::new();
    let mut prev: Option<&Line> = None;
    let mut removed_between = false;
    for line in lines {
        if !line.keep {
            removed_between |= prev.is_some();
            continue;
        }
        let piece = line.text(raw);
        if let Some(p) = prev {
            let same_paragraph = p.block == line.block
                && !removed_between
                && (wrapped[line.block] || continues(p.text(raw), piece));
            text.push_str(if same_paragraph { " " } else { "\n\n" });
        }
        segments.push(Segment {
            clean_start: text.len(),
            raw_start: line.start,
            len: piece.len(),
        });
        text.push_str(piece);
        prev = Some(line);
        removed_between = false;
    }
    (text, segments)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(raw: &str) -> Vec<(&str, usize)> {
        split(raw).iter().map(|l| (l.text(raw), l.block)).collect()
    }

    #[test]
    fn splits_all_line_ends_and_trims() {
        let raw = "\u{feff}Title \r\n\r\n\tOne\rTwo\n\n\nThree";
        assert_eq!(
            texts(raw),
            vec![("Title", 0), ("One", 1), ("Two", 1), ("Three", 2)]
        );
        assert!(split("").is_empty());
        assert!(split(" \n\u{feff}\n").is_empty());
    }

    #[test]
    fn shapes() {
        assert!(title_like("\u{201c}Look Each Other In The Eye\u{201d}"));
        assert!(title_like("Will NATO send troops?"));
        assert!(!title_like("According to recent statements:"));
        assert!(!title_like("It ended."));
        assert!(headline_like("Ukraine formally asks NATO to send troops"));
        assert!(!headline_like("- 300 tanks and more"));
        assert!(!headline_like("More news"));
    }

    fn check_segments(raw: &str, text: &str, segments: &[Segment]) {
        for s in segments {
            assert_eq!(
                &text[s.clean_start..s.clean_start + s.len],
                &raw[s.raw_start..s.raw_start + s.len]
            );
        }
    }

    #[test]
    fn paragraphs_and_wrapping() {
        let raw = "First paragraph ends here.\nSecond one, on its own line.\n\nA hard-wrapped paragraph of\nsome length that goes on for\nthree lines.\n\nHeading\nThen a\nshort one.";
        let lines = split(raw);
        let (text, segs) = assemble(raw, &lines);
        assert_eq!(
            text,
            "First paragraph ends here.\n\nSecond one, on its own line.\n\nA hard-wrapped paragraph of some length that goes on for three lines.\n\nHeading\n\nThen a short one."
        );
        check_segments(raw, &text, &segs);
    }
}
