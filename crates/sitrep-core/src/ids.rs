//! Content-derived identifiers.
//!
//! **Invariant**: an article's id is a hash of its *normalised* clean text, so ingesting the same
//! article twice (from another file, with other whitespace or case) yields the same id and the
//! store keeps one copy. Every other id (event, story) is derived from article ids and spans, so
//! re-running the pipeline reproduces them.

use sha2::{Digest, Sha256};

/// Lower-cases, maps curly quotes and dashes to ASCII and collapses every run of whitespace to
/// one space, so that trivially different copies of a text hash alike.
pub fn normalise_for_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        };
        out.extend(c.to_lowercase());
    }
    out
}

/// A 32-hex-digit (128-bit) id of the given parts, joined by a unit separator.
pub fn short_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.update([0x1f]);
        }
        h.update(p.as_bytes());
    }
    hex::encode(&h.finalize()[..16])
}

/// The id of an article with this clean text.
pub fn article_id(clean_text: &str) -> String {
    short_hash(&[&normalise_for_id(clean_text)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_other_whitespace_and_quotes_same_id() {
        let a = article_id("Milley met  Zaluzhnyi.\n\nIt’s “urgent”.");
        let b = article_id("  milley met zaluzhnyi. It's \"urgent\".  ");
        assert_eq!(a, b);
        assert_eq!(a.len(), 32);
        assert_ne!(a, article_id("Milley met Zaluzhnyi"));
    }
}
