//! The cleaned article and where it came from.

use crate::Span;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// One news article after cleaning.
///
/// `text` is the *clean text*: the body without title, byline, dateline and boilerplate,
/// paragraphs separated by a blank line. Every [`Span`] in the system indexes this string.
/// `segments` maps it back to the raw input it was cut from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// [`crate::article_id`] of `text`.
    pub id: String,
    pub url: Option<String>,
    /// The outlet (site or publisher) as the input or the text states it, e.g. `RT.com`.
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<Published>,
    pub byline: Option<String>,
    /// ISO 639-1 code, when known.
    pub language: Option<String>,
    /// The clean body text.
    pub text: String,
    /// Pieces of `text` and where each lies in the raw input, in order.
    pub segments: Vec<Segment>,
    pub source: SourceRef,
}

impl Article {
    /// An article that is only `text`, taken as its clean text: its content-hash id, no
    /// metadata, no segment map. For text that comes from somewhere other than ingest (a
    /// benchmark sentence, a test, a tool); override fields with struct-update syntax.
    pub fn from_text(text: impl Into<String>, source: SourceRef) -> Article {
        let text = text.into();
        Article {
            id: crate::article_id(&text),
            url: None,
            outlet: None,
            title: None,
            published: None,
            byline: None,
            language: None,
            text,
            segments: Vec::new(),
            source,
        }
    }

    /// The raw-input byte offset of a clean-text offset, when that offset lies in a segment.
    pub fn raw_offset(&self, clean: usize) -> Option<usize> {
        self.segments
            .iter()
            .find(|s| s.clean_start <= clean && clean <= s.clean_start + s.len)
            .map(|s| s.raw_start + (clean - s.clean_start))
    }

    /// The text of a span of this article (`""` if the span does not fit).
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }
}

/// A run of clean text copied verbatim from the raw input: `text[clean_start..clean_start+len]`
/// equals `raw[raw_start..raw_start+len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub clean_start: usize,
    pub raw_start: usize,
    pub len: usize,
}

/// The input an article was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SourceRef {
    /// File path as given on the command line, or `-` for standard input.
    pub path: String,
    /// 1-based line, for line-oriented inputs (JSONL).
    pub line: Option<u64>,
    /// Byte offset of the record, for record-oriented inputs: in a plain WARC the record's
    /// offset; in a `.warc.gz` the offset of its gzip member in the compressed file (what WARC
    /// indexes such as CDX record, so a reader can seek straight to it).
    pub offset: Option<u64>,
}

/// A publication date and how it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub source: DateSource,
    /// The words it was read from ("May 17, 2024 | 7:22 p.m.").
    pub text: String,
}

/// Where a publication date was found, from most to least trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DateSource {
    /// A field of the input record (JSONL `published`, a feed's `pubDate`).
    Metadata,
    /// A page's JSON-LD (`datePublished`).
    JsonLd,
    /// A page's `<meta>` tags (OpenGraph `article:published_time`, `date`, ...).
    MetaTag,
    /// A page's `<time datetime=...>` element.
    TimeElement,
    /// Data embedded in a page's scripts (`"datePublished":` outside JSON-LD).
    Script,
    /// A dateline in the text near the title ("Today : Sep 20, 2024", "May 17, 2024 | 7:22 p.m.").
    Dateline,
    /// A date pattern in the URL.
    Url,
}

impl DateSource {
    pub fn as_str(&self) -> &'static str {
        match self {
            DateSource::Metadata => "metadata",
            DateSource::JsonLd => "json_ld",
            DateSource::MetaTag => "meta_tag",
            DateSource::TimeElement => "time_element",
            DateSource::Script => "script",
            DateSource::Dateline => "dateline",
            DateSource::Url => "url",
        }
    }

    /// The variant named by [`DateSource::as_str`], if any.
    pub fn parse(s: &str) -> Option<DateSource> {
        [
            DateSource::Metadata,
            DateSource::JsonLd,
            DateSource::MetaTag,
            DateSource::TimeElement,
            DateSource::Script,
            DateSource::Dateline,
            DateSource::Url,
        ]
        .into_iter()
        .find(|d| d.as_str() == s)
    }
}
