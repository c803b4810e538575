//! Language analysis of clean text: sentences and tokens, each a byte [`Span`] into the text.
//!
//! STUB: replaced by the real splitter and tokeniser. The signatures are the contract.

pub use sitrep_core::Span;

/// Sentence spans of `text`, in order, trimmed of surrounding whitespace, never crossing a line
/// break. Every non-whitespace byte of `text` lies in exactly one sentence.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if start.is_none() && !c.is_whitespace() {
            start = Some(i);
        }
        if let Some(s) = start {
            if c == '\n' || ((c == '.' || c == '?' || c == '!') && text[i + 1..].starts_with(' ')) {
                let end = if c == '\n' { i } else { i + 1 };
                let t = text[s..end].trim_end();
                out.push(Span::new(s, s + t.len()));
                start = None;
            }
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, s + text[s..].trim_end().len()));
    }
    out
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
    Url,
    Email,
}

/// A token: its span in the text it was cut from, and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// Tokens of `text[within]`, with spans into `text` (not into the slice).
pub fn tokenize(text: &str, within: Span) -> Vec<Token> {
    let mut out = Vec::new();
    let s = within.slice(text);
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let abs = within.start + i;
        if c.is_alphanumeric() || c == '\'' || c == '-' {
            if start.is_none() {
                start = Some(abs);
            }
        } else {
            if let Some(st) = start.take() {
                out.push(Token { span: Span::new(st, abs), kind: TokenKind::Word });
            }
            if !c.is_whitespace() {
                out.push(Token { span: Span::new(abs, abs + c.len_utf8()), kind: TokenKind::Punct });
            }
        }
    }
    if let Some(st) = start {
        out.push(Token { span: Span::new(st, within.end), kind: TokenKind::Word });
    }
    out
}
