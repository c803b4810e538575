//! The word stream the extractor reads: [`sitrep_nlp::tokenize`]'s tokens, normalised.
//!
//! Whatever the tokeniser decides about hyphens, apostrophes and dots, the extractor sees the same
//! pieces: every run of letters and digits is one [`Word`], every other non-space character is one
//! punctuation word. Then three English habits are folded in:
//!
//! * a possessive `'s`/`’s` (or the `'` of `allies'`) is dropped and marks the word before it
//!   `poss` ("Ukraine’s" is the word `Ukraine`, possessive);
//! * `n't` becomes one word (`didn` + `n't`), so negation is one cue;
//! * `'ll`, `'ve`, `'re`, `'d`, `'m` become one word each.
//!
//! Knowledge-base aliases go through the same normalisation ([`words_of_str`]), so an alias and the
//! text it names compare word by word. Curly quotes are normalised to `'` and `"` in `norm`.

use sitrep_core::Span;
use sitrep_nlp::TokenKind;

/// What a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordKind {
    /// Letters, or letters and digits ("Milley", "F16").
    Alpha,
    /// Digits only ("300").
    Num,
    /// One punctuation or symbol character, or a folded contraction ("n't", "'ll").
    Punct,
    /// A URL or e-mail address, kept whole.
    Opaque,
}

/// One word: its span in the article text and its normalised form.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    pub span: Span,
    /// Lower-cased, curly quotes made straight.
    pub norm: String,
    pub kind: WordKind,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Followed by a possessive `'s` (which is not a word of its own).
    pub poss: bool,
}

impl Word {
    pub fn is(&self, s: &str) -> bool {
        self.norm == s
    }

    pub fn is_alpha(&self) -> bool {
        self.kind == WordKind::Alpha
    }

    /// A quote mark of any kind.
    pub fn is_quote(&self) -> bool {
        self.kind == WordKind::Punct && (self.norm == "\"" || self.norm == "'")
    }
}

fn norm_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '«' | '»' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        c => c,
    }
}

/// Splits `text[start..end]` (no whitespace expected, but tolerated) into raw pieces.
fn split_piece(text: &str, start: usize, end: usize, out: &mut Vec<Word>) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let mut run: Option<usize> = None;
    let flush = |run: &mut Option<usize>, at: usize, out: &mut Vec<Word>| {
        if let Some(r) = run.take() {
            let t = &text[r..at];
            let kind = if t.chars().all(|c| c.is_ascii_digit()) {
                WordKind::Num
            } else {
                WordKind::Alpha
            };
            out.push(Word {
                span: Span::new(r, at),
                norm: t.to_lowercase(),
                kind,
                cap: t.chars().next().is_some_and(char::is_uppercase),
                poss: false,
            });
        }
    };
    for (i, c) in s.char_indices() {
        let abs = start + i;
        if c.is_alphanumeric() {
            if run.is_none() {
                run = Some(abs);
            }
            continue;
        }
        flush(&mut run, abs, out);
        if c.is_whitespace() {
            continue;
        }
        out.push(Word {
            span: Span::new(abs, abs + c.len_utf8()),
            norm: norm_char(c).to_string(),
            kind: WordKind::Punct,
            cap: false,
            poss: false,
        });
    }
    flush(&mut run, end, out);
}

/// Folds possessives and contractions (see the module doc).
fn fold(raw: Vec<Word>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let w = &raw[i];
        if w.kind == WordKind::Punct && w.norm == "'" {
            let prev_adjacent = out
                .last()
                .is_some_and(|p| p.kind == WordKind::Alpha && p.span.end == w.span.start);
            let next = raw.get(i + 1).filter(|n| {
                n.kind == WordKind::Alpha && n.span.start == w.span.end && prev_adjacent
            });
            if let Some(n) = next {
                match n.norm.as_str() {
                    "s" => {
                        if let Some(p) = out.last_mut() {
                            p.poss = true;
                        }
                        i += 2;
                        continue;
                    }
                    "t" if out.last().is_some_and(|p| p.norm.ends_with('n')) => {
                        out.push(Word {
                            span: Span::new(w.span.start, n.span.end),
                            norm: "n't".into(),
                            kind: WordKind::Punct,
                            cap: false,
                            poss: false,
                        });
                        i += 2;
                        continue;
                    }
                    "ll" | "ve" | "re" | "d" | "m" => {
                        out.push(Word {
                            span: Span::new(w.span.start, n.span.end),
                            norm: format!("'{}", n.norm),
                            kind: WordKind::Punct,
                            cap: false,
                            poss: false,
                        });
                        i += 2;
                        continue;
                    }
                    _ => {}
                }
            }
            // "allies' counterparts": a plural possessive.
            let next_is_space = raw.get(i + 1).is_none_or(|n| n.span.start > w.span.end);
            if prev_adjacent && next_is_space && out.last().is_some_and(|p| p.norm.ends_with('s')) {
                let before_prev_is_quote = out.len() >= 2 && out[out.len() - 2].norm == "'";
                if !before_prev_is_quote {
                    if let Some(p) = out.last_mut() {
                        p.poss = true;
                    }
                    i += 1;
                    continue;
                }
            }
        }
        out.push(w.clone());
        i += 1;
    }
    out
}

/// The words of `text[within]`, with spans into `text`.
pub(crate) fn words(text: &str, within: Span) -> Vec<Word> {
    let mut raw = Vec::new();
    for t in sitrep_nlp::tokenize(text, within) {
        // Tolerate tokens outside `within` or off char boundaries: skip them.
        let Some(s) = text.get(t.span.start..t.span.end) else {
            continue;
        };
        if matches!(t.kind, TokenKind::Url | TokenKind::Email) {
            raw.push(Word {
                span: t.span,
                norm: s.to_lowercase(),
                kind: WordKind::Opaque,
                cap: false,
                poss: false,
            });
        } else {
            split_piece(text, t.span.start, t.span.end, &mut raw);
        }
    }
    fold(raw)
}

/// The words of a plain string (a knowledge-base alias), spans into that string.
pub(crate) fn words_of_str(s: &str) -> Vec<Word> {
    let mut raw = Vec::new();
    split_piece(s, 0, s.len(), &mut raw);
    fold(raw)
}

/// Parses a number written as the words `from..` (`150,000`, `2.5`, `600-700` gives 600).
/// Returns the value and the number of words used.
pub(crate) fn number_at(words: &[Word], from: usize) -> Option<(f64, usize)> {
    let first = words.get(from)?;
    if first.kind != WordKind::Num {
        return word_number(&first.norm).map(|v| (v, 1));
    }
    let mut digits = first.norm.clone();
    let mut used = 1;
    // Thousands groups: 150 , 000 written without spaces.
    while let (Some(sep), Some(grp)) = (words.get(from + used), words.get(from + used + 1)) {
        let adjacent =
            sep.span.start == words[from + used - 1].span.end && grp.span.start == sep.span.end;
        if adjacent && sep.norm == "," && grp.kind == WordKind::Num && grp.norm.len() == 3 {
            digits.push_str(&grp.norm);
            used += 2;
        } else {
            break;
        }
    }
    let mut value: f64 = digits.parse().ok()?;
    if let (Some(dot), Some(frac)) = (words.get(from + used), words.get(from + used + 1)) {
        let adjacent =
            dot.span.start == words[from + used - 1].span.end && frac.span.start == dot.span.end;
        if adjacent && dot.norm == "." && frac.kind == WordKind::Num {
            if let Ok(v) = format!("{digits}.{}", frac.norm).parse::<f64>() {
                value = v;
                used += 2;
            }
        }
    }
    // A range "600-700": keep the lower bound, consume the rest.
    if let (Some(dash), Some(hi)) = (words.get(from + used), words.get(from + used + 1)) {
        if dash.norm == "-" && hi.kind == WordKind::Num {
            used += 2;
        }
    }
    // "5 billion"
    if let Some(scale) = words.get(from + used).and_then(|w| scale_word(&w.norm)) {
        value *= scale;
        used += 1;
    }
    Some((value, used))
}

fn scale_word(w: &str) -> Option<f64> {
    match w {
        "thousand" => Some(1e3),
        "million" | "mln" => Some(1e6),
        "billion" | "bln" | "bn" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

fn word_number(w: &str) -> Option<f64> {
    const SMALL: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    SMALL.iter().position(|s| *s == w).map(|p| (p + 1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(t: &str) -> Vec<String> {
        words(t, Span::new(0, t.len()))
            .into_iter()
            .map(|w| w.norm)
            .collect()
    }

    #[test]
    fn possessives_and_contractions_fold() {
        let t = "Ukraine’s chief didn't go; Zelensky's allies' plans. We'll see.";
        let ws = words(t, Span::new(0, t.len()));
        assert_eq!(ws[0].norm, "ukraine");
        assert!(ws[0].poss);
        assert_eq!(ws[0].span.slice(t), "Ukraine");
        assert!(norms(t).contains(&"n't".to_string()));
        assert!(norms(t).contains(&"'ll".to_string()));
        let z = ws.iter().find(|w| w.norm == "zelensky").unwrap();
        assert!(z.poss);
        let a = ws.iter().find(|w| w.norm == "allies").unwrap();
        assert!(a.poss);
    }

    #[test]
    fn dotted_and_hyphenated_names_split_alike() {
        assert_eq!(
            norms("U.S. MGM-140"),
            words_of_str("U.S. MGM-140")
                .into_iter()
                .map(|w| w.norm)
                .collect::<Vec<_>>()
        );
        assert_eq!(norms("F-16s"), vec!["f", "-", "16s"]);
    }

    #[test]
    fn numbers_parse() {
        let t = "150,000 new recruits, 600-700 vehicles, 2.5 billion, two officials";
        let ws = words(t, Span::new(0, t.len()));
        assert_eq!(number_at(&ws, 0), Some((150000.0, 3)));
        let i = ws.iter().position(|w| w.norm == "600").unwrap();
        assert_eq!(number_at(&ws, i), Some((600.0, 3)));
        let i = ws.iter().position(|w| w.norm == "2").unwrap();
        assert_eq!(number_at(&ws, i), Some((2.5e9, 4)));
        let i = ws.iter().position(|w| w.norm == "two").unwrap();
        assert_eq!(number_at(&ws, i), Some((2.0, 1)));
    }
}
