//! RSS and Atom feeds: each item (entry) is one document.
//!
//! Parsing is `feed-rs` (RSS 0.9x/1.0/2.0 and Atom, lenient about the usual feed sins). Per
//! item: title, link (the `alternate` one, else the first), published (else updated) date,
//! author names, and the text: the full content when the item has it, else the summary. The
//! text is kept as given ([`RawDoc::text`]); [`crate::clean()`] runs HTML content through the
//! main-text extractor and cleans plain text like any text.
//!
//! A feed that is not XML, or not a feed, is one [`SkipReason::BadFeed`] for the file. A feed
//! is read whole (bounded by [`ReadOptions::max_doc_bytes`] times four: feeds with full
//! content are larger than one article) before its items are handed out.
//!
//! feed-rs gives dates in UTC; the day of a late-evening item in a western time zone may so
//! read as the next day. [`RawMeta::published`] is written RFC 3339 (`...Z`).

use crate::doc::{Format, Item, RawDoc, RawMeta, Skip, SkipReason};
use crate::source::ReadOptions;
use sitrep_core::SourceRef;
use std::io::Read;

/// Reads a feed and returns its items (or the one skip saying why it could not be read).
pub(crate) fn read_feed(
    reader: Box<dyn std::io::BufRead + Send>,
    path: &str,
    gzip: bool,
    opts: &ReadOptions,
) -> Vec<Item> {
    let skip = |reason: SkipReason| -> Vec<Item> {
        let s = Skip {
            source: SourceRef {
                path: path.to_string(),
                line: None,
                offset: None,
            },
            reason,
        };
        tracing::debug!(place = %s, code = s.reason.code(), "skip");
        vec![Item::Skip(s)]
    };
    let limit = (opts.max_doc_bytes as u64).saturating_mul(4);
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(limit + 1).read_to_end(&mut bytes) {
        return skip(crate::source::read_reason(&e, gzip));
    }
    if bytes.len() as u64 > limit {
        return skip(SkipReason::TooLarge {
            bytes: bytes.len() as u64,
            limit,
        });
    }
    let feed = match feed_rs::parser::parse(&bytes[..]) {
        Ok(f) => f,
        Err(e) => return skip(SkipReason::BadFeed(e.to_string())),
    };
    let format = match feed.feed_type {
        feed_rs::model::FeedType::Atom => Format::Atom,
        _ => Format::Rss,
    };
    let outlet = feed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    let mut items = Vec::new();
    for (n, e) in feed.entries.into_iter().enumerate() {
        let source = SourceRef {
            path: path.to_string(),
            line: None,
            offset: None,
        };
        let text = e
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .filter(|b| !b.trim().is_empty())
            .or_else(|| e.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        if text.trim().is_empty() {
            let s = Skip {
                source,
                reason: SkipReason::Empty,
            };
            tracing::debug!(place = %s, item = n + 1, "feed item without text");
            items.push(Item::Skip(s));
            continue;
        }
        let link = e
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(e.links.first())
            .map(|l| l.href.trim().to_string());
        let authors: Vec<String> = e
            .authors
            .iter()
            .map(|a| a.name.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        let meta = RawMeta {
            id: Some(e.id.clone()).filter(|i| !i.is_empty()),
            url: link.filter(|l| !l.is_empty()),
            outlet: outlet.clone(),
            title: e
                .title
                .as_ref()
                .map(|t| t.content.trim().to_string())
                .filter(|t| !t.is_empty()),
            published: e.published.or(e.updated).map(|d| d.to_rfc3339()),
            html: None,
            byline: (!authors.is_empty()).then(|| authors.join(", ")),
            fetched: None,
        };
        if text.len() > opts.max_doc_bytes {
            items.push(Item::Skip(Skip {
                source,
                reason: SkipReason::TooLarge {
                    bytes: text.len() as u64,
                    limit: opts.max_doc_bytes as u64,
                },
            }));
            continue;
        }
        items.push(Item::Doc(RawDoc {
            source,
            text,
            meta,
            format,
        }));
    }
    if items.is_empty() {
        return skip(SkipReason::Empty);
    }
    items
}
