//! JSON Lines: one article per line.
//!
//! Each non-blank line is a JSON object with the article in `text` (a non-empty string) or, when
//! `text` is absent, in `html` (the page: the document is then [`Format::Html`]); optional
//! string fields `id`, `url`, `outlet`, `title`, `published`, `byline` (or `author`), `html`
//! (numbers are accepted for `id`; other unknown fields are ignored). Blank lines are ignored.
//!
//! [`JsonlReader`] reads one line at a time, never holding more than one line (and never one over
//! [`ReadOptions::max_line_bytes`]: longer lines are scanned past, not stored). Every bad line
//! yields a [`Skip`] carrying its 1-based line number, and reading goes on with the next line.

use crate::doc::{Format, Item, RawDoc, RawMeta, Skip, SkipReason};
use crate::source::{read_reason, ReadOptions};
use serde_json::{Map, Value};
use sitrep_core::SourceRef;
use std::io::{self, BufRead};

/// An iterator over the records of one JSONL input.
pub(crate) struct JsonlReader {
    reader: Box<dyn BufRead + Send>,
    path: String,
    gzip: bool,
    opts: ReadOptions,
    /// Lines read so far (the number of the last line read).
    line_no: u64,
    /// Byte offset of the next line in the (decompressed) input.
    offset: u64,
    /// Whether any non-blank line was seen.
    seen_content: bool,
    done: bool,
    buf: Vec<u8>,
}

impl JsonlReader {
    pub(crate) fn new(
        reader: Box<dyn BufRead + Send>,
        path: String,
        gzip: bool,
        opts: ReadOptions,
    ) -> Self {
        JsonlReader {
            reader,
            path,
            gzip,
            opts,
            line_no: 0,
            offset: 0,
            seen_content: false,
            done: false,
            buf: Vec::new(),
        }
    }

    fn source(&self, line: Option<u64>) -> SourceRef {
        SourceRef {
            path: self.path.clone(),
            line,
            offset: None,
        }
    }

    fn skipped(&self, line: Option<u64>, reason: SkipReason) -> Item {
        let skip = Skip {
            source: self.source(line),
            reason,
        };
        tracing::debug!(place = %skip, code = skip.reason.code(), "skip");
        Item::Skip(skip)
    }
}

/// What [`read_line_bounded`] read.
struct LineRead {
    /// Bytes consumed, the newline included; 0 at the end of the input.
    len: u64,
    /// The line was longer than the limit: it was consumed but not stored.
    overflow: bool,
}

/// Reads one line (up to and including `\n`) into `buf`, storing at most `limit` bytes; a longer
/// line is consumed to its end and reported as `overflow`.
fn read_line_bounded(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<LineRead> {
    let mut len = 0u64;
    let mut overflow = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(LineRead { len, overflow });
        }
        let (take, at_newline) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        if !overflow {
            if buf.len() + take > limit {
                overflow = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&available[..take]);
            }
        }
        reader.consume(take);
        len += take as u64;
        if at_newline {
            return Ok(LineRead { len, overflow });
        }
    }
}

impl Iterator for JsonlReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.done {
                return None;
            }
            self.buf.clear();
            let line_offset = self.offset;
            let limit = self.opts.max_line_bytes();
            let read = match read_line_bounded(&mut self.reader, &mut self.buf, limit) {
                Ok(r) => r,
                Err(e) => {
                    // The line being read is incomplete: report it, and stop.
                    self.done = true;
                    let reason = read_reason(&e, self.gzip);
                    return Some(self.skipped(Some(self.line_no + 1), reason));
                }
            };
            if read.len == 0 {
                self.done = true;
                if !self.seen_content {
                    return Some(self.skipped(None, SkipReason::Empty));
                }
                return None;
            }
            self.line_no += 1;
            self.offset += read.len;
            if read.overflow {
                self.seen_content = true;
                let reason = SkipReason::TooLarge {
                    bytes: read.len,
                    limit: limit as u64,
                };
                return Some(self.skipped(Some(self.line_no), reason));
            }
            let mut line: &[u8] = &self.buf;
            if self.line_no == 1 {
                line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            }
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            self.seen_content = true;
            let source = self.source(Some(self.line_no));
            return Some(
                match parse_line(line, source.clone(), line_offset, &self.opts) {
                    Ok(doc) => Item::Doc(doc),
                    Err(reason) => self.skipped(source.line, reason),
                },
            );
        }
    }
}

/// Parses one JSONL record. `line_offset` is where the line starts in the input, for
/// [`SkipReason::InvalidUtf8`].
pub(crate) fn parse_line(
    line: &[u8],
    source: SourceRef,
    line_offset: u64,
    opts: &ReadOptions,
) -> Result<RawDoc, SkipReason> {
    let line = std::str::from_utf8(line).map_err(|e| SkipReason::InvalidUtf8 {
        offset: usize::try_from(line_offset)
            .unwrap_or(usize::MAX)
            .saturating_add(e.valid_up_to()),
    })?;
    let value: Value = serde_json::from_str(line).map_err(|e| SkipReason::BadJson {
        message: e.to_string(),
    })?;
    let Value::Object(mut map) = value else {
        return Err(SkipReason::BadJson {
            message: format!("a record must be a JSON object, found {}", kind(&value)),
        });
    };
    let text = match map.remove("text") {
        None | Some(Value::Null) => {
            // No text: the page's HTML stands in, when the record has it.
            match map.get("html") {
                Some(Value::String(h)) if !h.trim().is_empty() => {
                    let html = h.clone();
                    map.remove("html");
                    if html.len() as u64 > opts.max_doc_bytes as u64 {
                        return Err(SkipReason::TooLarge {
                            bytes: html.len() as u64,
                            limit: opts.max_doc_bytes as u64,
                        });
                    }
                    let meta = meta_of(&mut map, &source, None);
                    return Ok(RawDoc {
                        source,
                        text: html,
                        meta,
                        format: Format::Html,
                    });
                }
                _ => return Err(SkipReason::MissingText),
            }
        }
        Some(Value::String(t)) => t,
        Some(other) => {
            return Err(SkipReason::BadJson {
                message: format!("`text` must be a string, found {}", kind(&other)),
            })
        }
    };
    if text.trim().is_empty() {
        return Err(SkipReason::Empty);
    }
    let limit = opts.max_doc_bytes as u64;
    if text.len() as u64 > limit {
        return Err(SkipReason::TooLarge {
            bytes: text.len() as u64,
            limit,
        });
    }
    let html = field(&mut map, "html", &source);
    let meta = meta_of(&mut map, &source, html);
    Ok(RawDoc {
        source,
        text,
        meta,
        format: Format::Jsonl,
    })
}

fn meta_of(map: &mut Map<String, Value>, source: &SourceRef, html: Option<String>) -> RawMeta {
    RawMeta {
        id: field(map, "id", source),
        url: field(map, "url", source),
        outlet: field(map, "outlet", source),
        title: field(map, "title", source),
        published: field(map, "published", source),
        html,
        byline: field(map, "byline", source).or_else(|| field(map, "author", source)),
        fetched: None,
    }
}

/// An optional string field, trimmed; numbers are written out; other types are ignored.
fn field(map: &mut Map<String, Value>, name: &str, source: &SourceRef) -> Option<String> {
    match map.remove(name)? {
        Value::String(s) => {
            let t = s.trim();
            if t.is_empty() {
                None
            } else if t.len() == s.len() {
                Some(s)
            } else {
                Some(t.to_string())
            }
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Null => None,
        other => {
            tracing::debug!(
                path = %source.path,
                line = source.line,
                field = name,
                found = kind(&other),
                "field ignored: not a string"
            );
            None
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<RawDoc, SkipReason> {
        parse_line(
            s.as_bytes(),
            SourceRef::default(),
            100,
            &ReadOptions::default(),
        )
    }

    #[test]
    fn fields_are_read() {
        let d = parse(r#"{"id": 7, "text": "Body.", "title": " T ", "url": "", "extra": [1]}"#)
            .expect("valid record");
        assert_eq!(d.text, "Body.");
        assert_eq!(d.meta.id.as_deref(), Some("7"));
        assert_eq!(d.meta.title.as_deref(), Some("T"));
        assert_eq!(d.meta.url, None);
        assert_eq!(d.format, Format::Jsonl);
    }

    #[test]
    fn bad_records() {
        assert_eq!(parse(r#"{"title": "x"}"#), Err(SkipReason::MissingText));
        assert_eq!(parse(r#"{"text": null}"#), Err(SkipReason::MissingText));
        assert_eq!(parse(r#"{"text": "  "}"#), Err(SkipReason::Empty));
        assert!(matches!(
            parse(r#"{"text": 3}"#),
            Err(SkipReason::BadJson { .. })
        ));
        assert!(matches!(
            parse(r#"["text"]"#),
            Err(SkipReason::BadJson { .. })
        ));
        assert!(matches!(
            parse(r#"{"text": "a""#),
            Err(SkipReason::BadJson { .. })
        ));
        let bad = parse_line(
            b"{\"text\": \"\xff\"}",
            SourceRef::default(),
            100,
            &ReadOptions::default(),
        );
        assert_eq!(bad, Err(SkipReason::InvalidUtf8 { offset: 110 }));
    }

    #[test]
    fn text_over_the_limit() {
        let opts = ReadOptions { max_doc_bytes: 4 };
        let r = parse_line(br#"{"text": "hello"}"#, SourceRef::default(), 0, &opts);
        assert_eq!(r, Err(SkipReason::TooLarge { bytes: 5, limit: 4 }));
    }

    #[test]
    fn long_lines_are_consumed_not_stored() {
        let data = format!("{}\nnext\n", "x".repeat(1000));
        let mut reader = io::Cursor::new(data.into_bytes());
        let mut buf = Vec::new();
        let r = read_line_bounded(&mut reader, &mut buf, 100).expect("in memory");
        assert!(r.overflow);
        assert_eq!(r.len, 1001);
        assert!(buf.is_empty());
        let r = read_line_bounded(&mut reader, &mut buf, 100).expect("in memory");
        assert!(!r.overflow);
        assert_eq!(buf, b"next\n");
    }
}
