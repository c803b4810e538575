//! A small tokenizer and sentence cutter made for the tagger: one pass, no allocation per token.
//!
//! Tokens are words (runs of letters), numbers (runs of digits, with `1,000` groups, decimals,
//! ordinal suffixes `18th` and decade suffixes `1990s`/`1990's` folded in) and single punctuation
//! characters. Each token carries its byte span into the whole text, its time role and tense cue
//! from the [lexicon](crate::lexicon), so the grammar never re-reads or lower-cases text.
//!
//! The sentence cutter is only used by [`crate::tag`] when the caller gives no sentences: the
//! sentence is the window in which tense cues are looked for, so a rough cut is enough.

use crate::lexicon::{self, Cue, Lex};
use sitrep_core::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

/// Number flags.
pub(crate) const F_ORD: u8 = 1;
pub(crate) const F_DECADE: u8 = 2;
pub(crate) const F_GROUPED: u8 = 4;
pub(crate) const F_DECIMAL: u8 = 8;

#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Value of a number (saturating), the character of a punctuation token.
    pub num: u32,
    pub digits: u8,
    pub flags: u8,
    pub ch: char,
    pub cap: bool,
    pub lex: Lex,
    pub cue: Cue,
}

impl Tok {
    fn new(start: usize, end: usize, kind: Kind) -> Tok {
        Tok {
            start,
            end,
            kind,
            num: 0,
            digits: 0,
            flags: 0,
            ch: ' ',
            cap: false,
            lex: Lex::None,
            cue: Cue::None,
        }
    }
}

/// Tokens of `text[s..e]` into `out` (cleared first). `s` and `e` must be char boundaries.
pub(crate) fn tokenize(text: &str, s: usize, e: usize, out: &mut Vec<Tok>) {
    out.clear();
    let b = text.as_bytes();
    let mut i = s;
    while i < e {
        let c = b[i];
        if c < 128 {
            if c.is_ascii_whitespace() {
                i += 1;
            } else if c.is_ascii_digit() {
                i = number(text, i, e, out);
            } else if c.is_ascii_alphabetic() {
                i = word(text, i, e, out);
            } else {
                let mut t = Tok::new(i, i + 1, Kind::Punct);
                t.ch = c as char;
                out.push(t);
                i += 1;
            }
            continue;
        }
        let ch = text[i..].chars().next().unwrap_or(' ');
        let l = ch.len_utf8();
        if ch.is_whitespace() {
            i += l;
        } else if ch.is_alphabetic() {
            i = word(text, i, e, out);
        } else {
            let mut t = Tok::new(i, i + l, Kind::Punct);
            t.ch = ch;
            out.push(t);
            i += l;
        }
    }
}

fn word(text: &str, s: usize, e: usize, out: &mut Vec<Tok>) -> usize {
    let b = text.as_bytes();
    let mut i = s;
    let mut ascii = true;
    while i < e {
        let c = b[i];
        if c < 128 {
            if c.is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            break;
        }
        let ch = text[i..].chars().next().unwrap_or(' ');
        if ch.is_alphabetic() {
            ascii = false;
            i += ch.len_utf8();
        } else {
            break;
        }
    }
    let w = &text[s..i];
    let mut t = Tok::new(s, i, Kind::Word);
    t.cap = w.chars().next().is_some_and(char::is_uppercase);
    if ascii {
        let en = lexicon::lookup(w);
        t.lex = en.lex;
        t.cue = en.cue;
    }
    out.push(t);
    i
}

fn digits_at(b: &[u8], mut i: usize, e: usize) -> usize {
    while i < e && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

fn number(text: &str, s: usize, e: usize, out: &mut Vec<Tok>) -> usize {
    let b = text.as_bytes();
    let mut i = digits_at(b, s, e);
    let mut t = Tok::new(s, i, Kind::Num);
    let mut v: u64 = 0;
    for &c in &b[s..i] {
        v = (v * 10 + u64::from(c - b'0')).min(u64::from(u32::MAX));
    }
    t.digits = (i - s).min(255) as u8;
    // 1,000,000 groups.
    while i + 4 <= e
        && b[i] == b','
        && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
        && (i + 4 == e || !b[i + 4].is_ascii_digit())
    {
        t.flags |= F_GROUPED;
        i += 4;
    }
    if t.flags & F_GROUPED != 0 {
        // Recompute the grouped value exactly.
        let mut w: u64 = 0;
        for &c in &b[s..i] {
            if c.is_ascii_digit() {
                w = (w * 10 + u64::from(c - b'0')).min(u64::from(u32::MAX));
            }
        }
        v = w;
    }
    // Decimals.
    if i + 1 < e && b[i] == b'.' && b[i + 1].is_ascii_digit() {
        i = digits_at(b, i + 1, e);
        t.flags |= F_DECIMAL;
    }
    // Suffixes: 18th, 1990s, 1990's.
    let mut j = i;
    while j < e && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    if j > i {
        let suf = &text[i..j];
        let at_end = j >= e || !b[j].is_ascii_alphanumeric();
        if at_end {
            if ["st", "nd", "rd", "th"]
                .iter()
                .any(|x| suf.eq_ignore_ascii_case(x))
            {
                t.flags |= F_ORD;
                i = j;
            } else if suf == "s" {
                t.flags |= F_DECADE;
                i = j;
            }
        }
    } else if i + 1 < e
        && (b[i] == b'\'')
        && b[i + 1] == b's'
        && (i + 2 >= e || !b[i + 2].is_ascii_alphanumeric())
    {
        t.flags |= F_DECADE;
        i += 2;
    }
    t.end = i;
    t.num = v as u32;
    out.push(t);
    i
}

/// Rough sentence spans of `text`: a break after `.`, `!` or `?` followed by whitespace and a
/// capital, digit or quote (unless the word before the period is a short abbreviation), and at
/// every line break. Linear, never panics.
pub(crate) fn sentences(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    let n = b.len();
    let push = |out: &mut Vec<Span>, s: usize, e: usize| {
        let seg = &text[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if s + lead < e - trail {
            out.push(Span::new(s + lead, e - trail));
        }
    };
    while i < n {
        let c = b[i];
        if c == b'\n' || c == b'\r' {
            push(&mut out, start, i);
            start = i + 1;
        } else if (c == b'.' || c == b'!' || c == b'?')
            && i + 2 < n
            && (b[i + 1] == b' ' || b[i + 1] == b'\t')
        {
            let nx = b[i + 2];
            let starts = nx.is_ascii_uppercase() || nx.is_ascii_digit() || nx == b'"' || nx >= 0x80;
            if starts && (c != b'.' || !abbreviation_before(b, i)) {
                push(&mut out, start, i + 1);
                start = i + 1;
            }
        }
        i += 1;
    }
    if start < n {
        push(&mut out, start, n);
    }
    out
}

/// Whether the word ending at the period `b[dot]` looks like an abbreviation (a single letter,
/// a title, a month abbreviation, `U.S`).
fn abbreviation_before(b: &[u8], dot: usize) -> bool {
    let mut s = dot;
    while s > 0 && (b[s - 1].is_ascii_alphabetic() || b[s - 1] == b'.') {
        s -= 1;
    }
    let w = &b[s..dot];
    if w.is_empty() || w.contains(&b'.') || w.len() == 1 {
        return !w.is_empty();
    }
    const ABBR: &[&str] = &[
        "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "capt", "maj", "adm", "sen", "rep",
        "gov", "pres", "st", "jr", "sr", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "prof", "rev", "vs", "inc", "co", "corp", "ltd",
    ];
    ABBR.iter().any(|a| w.eq_ignore_ascii_case(a.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<Tok> {
        let mut v = Vec::new();
        tokenize(t, 0, t.len(), &mut v);
        v
    }

    #[test]
    fn numbers_fold_groups_ordinals_and_decades() {
        let t = toks("150,000 18th 1990s 1990's 2.5 7:22");
        let got: Vec<(u32, u8)> = t
            .iter()
            .filter(|t| t.kind == Kind::Num)
            .map(|t| (t.num, t.flags))
            .collect();
        assert_eq!(
            got,
            [
                (150000, F_GROUPED),
                (18, F_ORD),
                (1990, F_DECADE),
                (1990, F_DECADE),
                (2, F_DECIMAL),
                (7, 0),
                (22, 0)
            ]
        );
    }

    #[test]
    fn sentences_cut_roughly() {
        let t = "He met Gen. Brown on Jan. 5. Then he left.\nNext line";
        let s: Vec<&str> = sentences(t).iter().map(|s| s.slice(t)).collect();
        assert_eq!(
            s,
            ["He met Gen. Brown on Jan. 5.", "Then he left.", "Next line"]
        );
    }
}
