//! What reading yields: raw documents ([`RawDoc`]) and skips ([`Skip`]) with their reasons.
//!
//! A raw document is the text of one article as the input holds it (a whole `.txt` file, or the
//! `text` field of one JSONL line) plus whatever metadata the format carries. Nothing is cleaned
//! yet: [`crate::clean()`] does that, and its offsets point into [`RawDoc::text`].

use sitrep_core::SourceRef;
use std::fmt;

/// The input format a document was read from, which also says what [`RawDoc::text`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// A text file: one article per file.
    Text,
    /// JSON Lines: one article per line, in the `text` field (its `html` field, when present,
    /// is in [`RawMeta::html`]).
    Jsonl,
    /// An HTML page: `text` is the page's HTML, decoded to UTF-8. A `.html` file, or a JSONL
    /// record with `html` and no `text` (then [`SourceRef::line`] is the record's line).
    Html,
    /// A WARC response record: `text` is the page's HTML, decoded; [`SourceRef::offset`] is
    /// the record's byte offset (in the compressed file for `.warc.gz`, the offset of the
    /// record's gzip member, as WARC indexes give it).
    Warc,
    /// An RSS item: `text` is its content (or summary) as given, HTML or plain text.
    Rss,
    /// An Atom entry: `text` as for [`Format::Rss`].
    Atom,
}

impl Format {
    /// A short lower-case name (`text`, `jsonl`, `html`, `warc`, `rss`, `atom`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Warc => "warc",
            Format::Rss => "rss",
            Format::Atom => "atom",
        }
    }

    /// Whether `text` is (or may be) HTML for the main-text extractor.
    pub fn is_web(&self) -> bool {
        matches!(
            self,
            Format::Html | Format::Warc | Format::Rss | Format::Atom
        )
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
    /// The page's HTML when a JSONL record carries it beside its `text`: the cleaner reads the
    /// metadata the text lacks (title, date, byline, outlet, URL) from it.
    pub html: Option<String>,
    /// The author(s), when the input gives them (a feed item's author).
    pub byline: Option<String>,
    /// When the page was fetched (a WARC record's `WARC-Date`): not a publication date.
    pub fetched: Option<String>,
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
    #[error("no `text` or `html` field: each JSONL record needs its article in one of them")]
    MissingText,
    #[error("unsupported format: {0}")]
    UnsupportedFormat(String),
    #[error("no article text found: only title, dateline, byline, navigation or boilerplate")]
    NoBody,
    #[error("not an HTML page: {content_type}")]
    NotHtml { content_type: String },
    #[error("HTTP status {0}, not 200")]
    HttpStatus(u16),
    #[error("truncated WARC record: {0}")]
    TruncatedRecord(String),
    #[error("bad WARC record: {0}")]
    BadRecord(String),
    #[error("not a readable RSS or Atom feed: {0}")]
    BadFeed(String),
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
            SkipReason::NotHtml { .. } => "not-html",
            SkipReason::HttpStatus(_) => "http-status",
            SkipReason::TruncatedRecord(_) => "truncated-record",
            SkipReason::BadRecord(_) => "bad-record",
            SkipReason::BadFeed(_) => "bad-feed",
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
