//! Syntactic words from clean text, cut the way UD English EWT cuts them.
//!
//! The tokenizer of `sitrep-nlp` already splits clitics UD-style (`do|n't`, `Ukraine|'s`,
//! `ca|n't`). Two EWT conventions are added here, both measured on the EWT train split:
//!
//! - **Hyphens.** EWT splits hyphenated compounds (`long - term`, `F - 16`, `600 - 700`,
//!   `U.S. - made`) but keeps words made with a prefix whole (`e-mail`, `non-stop`, `pre-war`,
//!   `anti-ship`, `co-workers`); [`KEPT_PREFIXES`] lists those prefixes.
//! - **Fused words.** `cannot` is `can|not`, `gonna` is `gon|na`, `wanna` is `wan|na`.
//!
//! Every word is a substring of the text, so a word is just its byte span: forms are slices and
//! spans point back into the clean text (the invariant of the whole pipeline).

use sitrep_core::Span;
use sitrep_nlp::{tokenize, TokenKind};

/// Prefixes after which EWT keeps a hyphenated word whole (lower case).
pub const KEPT_PREFIXES: &[&str] = &[
    "e", "non", "pre", "anti", "mid", "re", "post", "co", "over", "pro", "multi", "ex", "sub",
    "semi", "cross", "neo", "psycho", "socio", "counter", "intra", "inter", "micro", "macro",
    "vice", "un", "arch", "ultra", "mega", "mini", "self", "quasi", "pseudo", "trans", "bi", "tri",
    "uni", "infra", "super",
];

/// Words fused in writing that EWT cuts in two: the word (lower case) and where to cut.
const FUSED: &[(&str, usize)] = &[("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)];

/// The words of `text[within]`, as byte spans into `text`. Linear in the input; never panics.
pub fn words(text: &str, within: Span) -> Vec<Span> {
    let toks = tokenize(text, within);
    let mut out = Vec::with_capacity(toks.len() + toks.len() / 8);
    let mut i = 0;
    while i < toks.len() {
        let tok = toks[i];
        // Runs glued together without spaces that EWT keeps as one word.
        let glued = |j: usize| j < toks.len() && toks[j].span.start == toks[j - 1].span.end;
        let mut j = i + 1;
        match tok.kind {
            TokenKind::Word | TokenKind::Number => {
                // Dates and fractions written with slashes: 08/16/2000, 3/4.
                if tok.kind == TokenKind::Number {
                    while glued(j)
                        && glued(j + 1)
                        && toks[j].span.slice(text) == "/"
                        && toks[j + 1].kind == TokenKind::Number
                    {
                        j += 2;
                    }
                }
                // File names: report.pdf.
                if j == i + 1
                    && glued(j)
                    && glued(j + 1)
                    && toks[j].span.slice(text) == "."
                    && FILE_EXTENSIONS
                        .contains(&toks[j + 1].span.slice(text).to_ascii_lowercase().as_str())
                {
                    j += 2;
                }
                if j > i + 1 {
                    out.push(Span::new(tok.span.start, toks[j - 1].span.end));
                } else {
                    split_word(text, tok.span, &mut out);
                }
            }
            TokenKind::Punct | TokenKind::Symbol => {
                let first = tok.span.slice(text);
                if let Some(len) = EMOTICONS
                    .iter()
                    .filter(|e| text[tok.span.start..].starts_with(*e))
                    .map(|e| e.len())
                    .max()
                {
                    while j < toks.len() && toks[j].span.end <= tok.span.start + len {
                        j += 1;
                    }
                } else if !matches!(
                    first,
                    "(" | ")" | "[" | "]" | "{" | "}" | "\"" | "'" | "“" | "”" | "‘" | "’"
                ) {
                    // A run of the same mark: $$$, <<, ******, !!!.
                    while glued(j) && toks[j].span.slice(text) == first {
                        j += 1;
                    }
                }
                let end = toks[j - 1].span.end;
                out.push(Span::new(tok.span.start, end.max(tok.span.end)));
            }
            _ => out.push(tok.span),
        }
        i = j;
    }
    out
}

/// File-name extensions that keep `name.ext` one word.
const FILE_EXTENSIONS: &[&str] = &[
    "pdf", "doc", "docx", "htm", "html", "txt", "jpg", "jpeg", "png", "gif", "xls", "xlsx", "ppt",
    "zip",
];

/// Emoticons, one word each in EWT.
const EMOTICONS: &[&str] = &[
    ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":p", "=)", ":-/", ":/",
];

fn split_word(text: &str, span: Span, out: &mut Vec<Span>) {
    let s = span.slice(text);
    if let Some(&(_, cut)) = FUSED.iter().find(|(w, _)| s.eq_ignore_ascii_case(w)) {
        out.push(Span::new(span.start, span.start + cut));
        out.push(Span::new(span.start + cut, span.end));
        return;
    }
    if !s.contains('-') || s.len() < 3 {
        out.push(span);
        return;
    }
    if let Some((head, rest)) = s.split_once('-') {
        let lower = head.to_ascii_lowercase();
        if KEPT_PREFIXES.contains(&lower.as_str())
            && rest.chars().next().is_some_and(char::is_alphabetic)
        {
            out.push(span);
            return;
        }
    }
    let mut start = span.start;
    for (i, c) in s.char_indices() {
        if c != '-' {
            continue;
        }
        let at = span.start + i;
        if at > start {
            out.push(Span::new(start, at));
        }
        out.push(Span::new(at, at + 1));
        start = at + 1;
    }
    if start < span.end {
        out.push(Span::new(start, span.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        words(text, Span::new(0, text.len()))
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn ewt_conventions() {
        assert_eq!(
            cut("U.S.-made F-16s"),
            ["U.S.", "-", "made", "F", "-", "16s"]
        );
        assert_eq!(
            cut("a long-term e-mail"),
            ["a", "long", "-", "term", "e-mail"]
        );
        assert_eq!(
            cut("I cannot, gonna"),
            ["I", "can", "not", ",", "gon", "na"]
        );
        assert_eq!(cut("don't 600-700"), ["do", "n't", "600", "-", "700"]);
        assert_eq!(cut("--a-"), ["--", "a", "-"]);
        assert_eq!(
            cut("$$$ :-) see 08/16/2000 in a.pdf!!"),
            ["$$$", ":-)", "see", "08/16/2000", "in", "a.pdf", "!!"]
        );
    }
}
