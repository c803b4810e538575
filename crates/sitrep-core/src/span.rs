//! Byte spans into an article's clean text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into [`crate::Article::text`].
///
/// Invariant: `start <= end`, and both fall on `char` boundaries of the text they index.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; the two are swapped if given in the wrong order.
    pub fn new(start: usize, end: usize) -> Span {
        if start <= end {
            Span { start, end }
        } else {
            Span {
                start: end,
                end: start,
            }
        }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers, or `""` when it does not fit `text` (never panics).
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether `other` lies wholly inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// This span moved right by `offset` bytes (from sentence-relative to article-relative).
    pub fn shift(&self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_never_panics_on_bad_spans() {
        let t = "Kyiv – Київ";
        assert_eq!(Span::new(0, 4).slice(t), "Kyiv");
        assert_eq!(Span::new(0, 6).slice(t), ""); // inside the dash
        assert_eq!(Span::new(5, 500).slice(t), "");
    }

    #[test]
    fn new_orders_its_ends() {
        assert_eq!(Span::new(5, 2), Span { start: 2, end: 5 });
        assert!(Span::new(0, 10).contains(Span::new(2, 3)));
        assert!(Span::new(0, 3).overlaps(Span::new(2, 8)));
        assert!(!Span::new(0, 2).overlaps(Span::new(2, 8)));
    }
}
