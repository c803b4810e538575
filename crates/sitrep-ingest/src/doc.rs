//! What reading yields: raw documents ([`RawDoc`]) and skips ([`Skip`]) with their reasons.
//!
//! A raw document is the text of one article as the input holds it (a whole `.txt` file, or the
//! `text` field of one JSONL line) plus whatever metadata the format carries. Nothing is cleaned
//! yet: [`crate::clean()`] does that, and its offsets point into [`RawDoc::text`].

use sitrep_core::SourceRef;
use std::fmt;

/// The input format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// A text file: one article per file.
    Text,
    /// JSON Lines: one article per line, in the `text` field.
    Jsonl,
}

impl Format {
    /// A short lower-case name (`text`, `jsonl`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Jsonl => "jsonl",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Metadata the input format gave alongside the text (JSONL fields). All `None` for text files:
/// there the cleaner finds title, date and outlet in the text itself.
///
/// Strings are as given, trimmed; empty strings are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawMeta {
    pub id: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    /// A date or datetime as the input wrote it (ISO 8601 or a form such as "Sep 20, 2024").
    pub published: Option<String>,
    /// The page's HTML when the record carries it. Kept for the web-formats work; the cleaner
    /// does not read it yet.
    pub html: Option<String>,
}

/// One raw document: the text of one article as the input holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDoc {
    /// Where it was read from (path, and the 1-based line for JSONL).
    pub source: SourceRef,
    /// The raw text, verbatim (a BOM or `\r\n` included). [`crate::clean()`]'s segment offsets
    /// index this string.
    pub text: String,
    pub meta: RawMeta,
    pub format: Format,
}

/// Something that could not be read or cleaned, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub source: SourceRef,
    pub reason: SkipReason,
}

impl fmt::Display for Skip {
    /// `path:line: reason`, or `path: reason` when there is no line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.source.line, self.source.offset) {
            (Some(line), _) => write!(f, "{}:{}: {}", self.source.path, line, self.reason),
            (None, Some(off)) => write!(f, "{}@{}: {}", self.source.path, off, self.reason),
            (None, None) => write!(f, "{}: {}", self.source.path, self.reason),
        }
    }
}

impl std::error::Error for Skip {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.reason)
    }
}

/// Why a file, a line or an article was skipped.
///
/// The message (`Display`) is for people; [`SkipReason::code`] is a short stable key for
/// counting and filtering.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SkipReason {
    #[error("no such file or folder")]
    NotFound,
    #[error("empty: no text")]
    Empty,
    #[error("binary content, not text")]
    Binary,
    #[error("not valid UTF-8 (first bad byte at offset {offset})")]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte in the (decompressed) input.
        offset: usize,
    },
    #[error("too large: {bytes} bytes or more, the limit is {limit}")]
    TooLarge {
        /// The size when known (a plain file, a line), else the bytes read before giving up.
        bytes: u64,
        limit: u64,
    },
    #[error("truncated gzip stream: the file ends in the middle of the compressed data")]
    TruncatedGzip,
    #[error("corrupt gzip stream: {0}")]
    CorruptGzip(String),
    #[error("read error: {0}")]
    Io(String),
    #[error("bad JSON: {message}")]
    BadJson { message: String },
    #[error("no `text` field: each JSONL record needs its article text in `text`")]
    MissingText,
    #[error("unsupported format: {0}")]
    UnsupportedFormat(String),
    #[error("no article text left after removing title, dateline, byline and boilerplate")]
    NoBody,
}

impl SkipReason {
    /// A short stable key for summary counts (`empty`, `binary`, `bad-json`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            SkipReason::NotFound => "not-found",
            SkipReason::Empty => "empty",
            SkipReason::Binary => "binary",
            SkipReason::InvalidUtf8 { .. } => "invalid-utf8",
            SkipReason::TooLarge { .. } => "too-large",
            SkipReason::TruncatedGzip => "truncated-gzip",
            SkipReason::CorruptGzip(_) => "corrupt-gzip",
            SkipReason::Io(_) => "io",
            SkipReason::BadJson { .. } => "bad-json",
            SkipReason::MissingText => "missing-text",
            SkipReason::UnsupportedFormat(_) => "unsupported-format",
            SkipReason::NoBody => "no-body",
        }
    }
}

/// One thing read from an input: a document, or a skip in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Doc(RawDoc),
    Skip(Skip),
}

impl Item {
    /// Where the document or the skip came from.
    pub fn source(&self) -> &SourceRef {
        match self {
            Item::Doc(d) => &d.source,
            Item::Skip(s) => &s.source,
        }
    }
}
