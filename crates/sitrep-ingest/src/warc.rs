//! WARC files (`.warc`, `.warc.gz`): response records with HTML bodies become documents.
//!
//! Our own small reader rather than a crate: the format is a header block and a
//! `Content-Length` body per record, and what this crate needs beyond parsing is the part
//! crates do not give: bounded memory (a body over the document limit is streamed past, never
//! held), the byte offset of every record for [`SourceRef::offset`], and recovery. A `.warc.gz`
//! is read one gzip member at a time (one record per member, as the standard recommends), so a
//! member corrupt in the middle is reported at its offset and reading resumes at the next
//! member's magic bytes; a truncated final record is reported and the records before it kept.
//!
//! What becomes a document: `response` records whose HTTP status is 200 and whose
//! `Content-Type` is HTML (and `resource` records with an HTML content type). Other responses
//! are skipped with [`SkipReason::HttpStatus`] or [`SkipReason::NotHtml`]; `request`,
//! `metadata`, `warcinfo` and other record types are passed over silently (they are not
//! pages). Chunked transfer coding and gzip/deflate content coding are undone. The charset comes
//! from the HTTP header, else the page ([`crate::charset`]). `WARC-Target-URI` becomes
//! [`RawMeta::url`] and `WARC-Date` [`RawMeta::fetched`].

use crate::charset::decode_html;
use crate::doc::{Format, Item, RawDoc, RawMeta, Skip, SkipReason};
use crate::source::ReadOptions;
use sitrep_core::SourceRef;
use std::io::{self, BufRead, Read};

/// Counts the bytes consumed from the underlying (compressed) reader.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

/// The decompressed bytes of a WARC, member by member for gzip.
/// The raw input, counted.
type Raw = Counting<Box<dyn BufRead + Send>>;
/// One gzip member being decompressed.
type Member = io::BufReader<flate2::bufread::GzDecoder<Raw>>;

enum Stream {
    Plain {
        r: Raw,
    },
    Gzip {
        raw: Option<Raw>,
        /// The current member's decoder with the remains of its decompressed data.
        member: Option<Box<Member>>,
        member_start: u64,
    },
}

pub(crate) struct WarcReader {
    stream: Stream,
    path: String,
    opts: ReadOptions,
    done: bool,
    /// Decompressed offset (plain files: also the file offset).
    pos: u64,
    seen_record: bool,
}

fn is_gzip_magic(b: &[u8]) -> bool {
    b.len() >= 3 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 0x08
}

impl WarcReader {
    /// `raw` is the input as stored (gzip or not: told by its first bytes).
    pub(crate) fn new(mut raw: Box<dyn BufRead + Send>, path: String, opts: ReadOptions) -> Self {
        let gzip = raw.fill_buf().map(is_gzip_magic).unwrap_or(false);
        let counting = Counting { inner: raw, pos: 0 };
        let stream = if gzip {
            Stream::Gzip {
                raw: Some(counting),
                member: None,
                member_start: 0,
            }
        } else {
            Stream::Plain { r: counting }
        };
        WarcReader {
            stream,
            path,
            opts,
            done: false,
            pos: 0,
            seen_record: false,
        }
    }

    fn skipped(&self, offset: Option<u64>, reason: SkipReason) -> Item {
        let skip = Skip {
            source: SourceRef {
                path: self.path.clone(),
                line: None,
                offset,
            },
            reason,
        };
        tracing::debug!(place = %skip, code = skip.reason.code(), "skip");
        Item::Skip(skip)
    }

    /// Makes sure there is decompressed data to read; returns false at the end of the input.
    fn ready(&mut self) -> io::Result<bool> {
        match &mut self.stream {
            Stream::Plain { r } => Ok(!r.fill_buf()?.is_empty()),
            Stream::Gzip {
                raw,
                member,
                member_start,
            } => loop {
                if let Some(m) = member {
                    if !m.fill_buf()?.is_empty() {
                        return Ok(true);
                    }
                    // Member finished: take the raw reader back.
                    let Some(done) = member.take() else { continue };
                    *raw = Some((*done).into_inner().into_inner());
                }
                let Some(r) = raw.as_mut() else {
                    return Ok(false);
                };
                // Between members: skip padding, stop at the end.
                let buf = r.fill_buf()?;
                if buf.is_empty() {
                    return Ok(false);
                }
                if !is_gzip_magic(buf) {
                    if buf.len() < 3 && buf.iter().all(|&b| b == 0x1f || b == 0x8b) {
                        return Err(io::Error::new(
                            io::ErrorKind::UnexpectedEof,
                            "truncated gzip member",
                        ));
                    }
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "data between gzip members is not gzip",
                    ));
                }
                *member_start = r.pos;
                let Some(r) = raw.take() else {
                    return Ok(false);
                };
                *member = Some(Box::new(io::BufReader::with_capacity(
                    64 * 1024,
                    flate2::bufread::GzDecoder::new(r),
                )));
            },
        }
    }

    /// Consumes the blank lines after a record; when the gzip member ends there, reads to its
    /// end so that its checksum is verified (a corrupt member is an error here).
    fn end_of_record(&mut self) -> io::Result<()> {
        let Stream::Gzip {
            member: Some(m), ..
        } = &mut self.stream
        else {
            return Ok(());
        };
        loop {
            let buf = m.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            let n = buf
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            if n == 0 {
                return Ok(()); // another record in the same member
            }
            m.consume(n);
            self.pos += n as u64;
        }
    }

    /// Where the next record starts, for [`SourceRef::offset`].
    fn record_offset(&self) -> u64 {
        match &self.stream {
            Stream::Plain { r } => r.pos,
            Stream::Gzip { member_start, .. } => *member_start,
        }
    }

    fn reader(&mut self) -> &mut dyn BufRead {
        match &mut self.stream {
            Stream::Plain { r } => r,
            Stream::Gzip { member, raw, .. } => match member {
                Some(m) => m.as_mut(),
                None => match raw {
                    Some(r) => r,
                    None => unreachable_reader(),
                },
            },
        }
    }

    /// After a broken gzip member: drop it and scan the raw bytes for the next member's magic.
    /// Returns false when the input ends first (or is not gzip).
    fn resync(&mut self) -> bool {
        let Stream::Gzip { raw, member, .. } = &mut self.stream else {
            return false;
        };
        let mut r = match member.take() {
            Some(m) => (*m).into_inner().into_inner(),
            None => match raw.take() {
                Some(r) => r,
                None => return false,
            },
        };
        // Look for the next member's magic bytes. (A magic split across two reads of the
        // buffer is missed; the member after it is found.)
        loop {
            let (consume, found) = {
                let buf = match r.fill_buf() {
                    Ok(b) => b,
                    Err(_) => return false,
                };
                if buf.is_empty() {
                    return false;
                }
                match memchr::memchr(0x1f, buf) {
                    Some(at) if buf.len() - at >= 3 => {
                        if is_gzip_magic(&buf[at..]) {
                            (at, true)
                        } else {
                            (at + 1, false)
                        }
                    }
                    Some(at) => (at.max(1), false),
                    None => (buf.len(), false),
                }
            };
            r.consume(consume);
            if found {
                *raw = Some(r);
                return true;
            }
        }
    }

    /// Reads one line (to `\n`), at most `limit` bytes kept.
    fn line(&mut self, limit: usize) -> io::Result<Option<Vec<u8>>> {
        let mut out = Vec::new();
        let r = self.reader();
        let n = r.take(limit as u64).read_until(b'\n', &mut out)?;
        self.pos += n as u64;
        if n == 0 {
            return Ok(None);
        }
        Ok(Some(out))
    }

    /// Reads `len` body bytes; keeps them when `keep`, else discards them. An early end is an
    /// `UnexpectedEof`.
    fn body(&mut self, len: u64, keep: bool) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let r = self.reader();
        let got = if keep {
            r.take(len).read_to_end(&mut out)? as u64
        } else {
            io::copy(&mut r.take(len), &mut io::sink())?
        };
        self.pos += got;
        if got < len {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("{got} of {len} bytes"),
            ));
        }
        Ok(out)
    }

    /// Reads records up to the next document or skip; `Ok(None)` at the end.
    fn record(&mut self) -> Result<Option<Item>, (u64, SkipReason)> {
        loop {
            match self.record_once()? {
                None => return Ok(None),
                Some(None) => continue,
                Some(Some(item)) => return Ok(Some(item)),
            }
        }
    }

    /// Reads one record: `Some(None)` for a record that is not a page (request, metadata).
    fn record_once(&mut self) -> Result<Option<Option<Item>>, (u64, SkipReason)> {
        let io_reason = |e: &io::Error, gzip: bool| -> SkipReason {
            match e.kind() {
                io::ErrorKind::UnexpectedEof if gzip => SkipReason::TruncatedGzip,
                io::ErrorKind::UnexpectedEof => SkipReason::TruncatedRecord(e.to_string()),
                io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput if gzip => {
                    SkipReason::CorruptGzip(e.to_string())
                }
                _ => SkipReason::Io(e.to_string()),
            }
        };
        let gzip = matches!(self.stream, Stream::Gzip { .. });
        // Skip blank lines between records.
        let mut offset;
        let first = loop {
            offset = self.record_offset();
            match self.ready() {
                Ok(false) => return Ok(None),
                Ok(true) => {}
                Err(e) => return Err((offset, io_reason(&e, gzip))),
            }
            offset = self.record_offset();
            let line = self.line(1024).map_err(|e| (offset, io_reason(&e, gzip)))?;
            let Some(line) = line else { return Ok(None) };
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            break line;
        };
        if !first.starts_with(b"WARC/") {
            return Err((
                offset,
                SkipReason::BadRecord(format!(
                    "expected a WARC/1.x version line, found {:?}",
                    String::from_utf8_lossy(&first[..first.len().min(40)])
                )),
            ));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            let line = self
                .line(64 * 1024)
                .map_err(|e| (offset, io_reason(&e, gzip)))?
                .ok_or((
                    offset,
                    SkipReason::TruncatedRecord("the input ends in the headers".into()),
                ))?;
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if headers.len() < 256 {
                if let Some((k, v)) = text.split_once(':') {
                    headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
                }
            }
        }
        let h = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let Some(len) = h("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            return Err((offset, SkipReason::BadRecord("no Content-Length".into())));
        };
        let kind = h("warc-type").unwrap_or("").to_ascii_lowercase();
        let url = h("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
        let fetched = h("warc-date").map(str::to_string);
        let block_type = h("content-type").unwrap_or("").to_ascii_lowercase();
        let limit = self.opts.max_doc_bytes as u64 + 64 * 1024;
        let wanted = kind == "response" || (kind == "resource" && block_type.contains("html"));
        if !wanted {
            self.body(len, false)
                .map_err(|e| (offset, io_reason(&e, gzip)))?;
            self.seen_record = true;
            return Ok(Some(None));
        }
        if len > limit {
            self.body(len, false)
                .map_err(|e| (offset, io_reason(&e, gzip)))?;
            return Err((
                offset,
                SkipReason::TooLarge {
                    bytes: len,
                    limit: self.opts.max_doc_bytes as u64,
                },
            ));
        }
        let block = self
            .body(len, true)
            .map_err(|e| (offset, io_reason(&e, gzip)))?;
        self.seen_record = true;
        if gzip {
            // Verify the member (its checksum is read at its end) before trusting the record.
            self.end_of_record()
                .map_err(|e| (offset, io_reason(&e, gzip)))?;
        }
        let (content_type, payload) =
            if kind == "response" && block_type.contains("application/http") {
                match http_payload(&block) {
                    Ok(x) => x,
                    Err(reason) => return Err((offset, reason)),
                }
            } else {
                (block_type.clone(), block)
            };
        let ct = content_type.to_ascii_lowercase();
        if !(ct.contains("text/html") || ct.contains("application/xhtml")) {
            return Err((
                offset,
                SkipReason::NotHtml {
                    content_type: if ct.is_empty() { "none".into() } else { ct },
                },
            ));
        }
        let decoded = decode_html(&payload, Some(&content_type), url.as_deref());
        if let Some(declared) = decoded.mismatch {
            tracing::warn!(path = %self.path, offset, declared = declared.name(), used = decoded.encoding.name(), "page charset declared wrongly");
        }
        if decoded.text.trim().is_empty() {
            return Err((offset, SkipReason::Empty));
        }
        Ok(Some(Some(Item::Doc(RawDoc {
            source: SourceRef {
                path: self.path.clone(),
                line: None,
                offset: Some(offset),
            },
            text: decoded.text,
            meta: RawMeta {
                url,
                fetched,
                ..RawMeta::default()
            },
            format: Format::Warc,
        }))))
    }
}

fn unreachable_reader() -> &'static mut dyn BufRead {
    // Only reached when a gzip stream has neither a member nor the raw reader, which `ready`
    // never leaves behind; an empty reader is a safe answer.
    Box::leak(Box::new(io::empty()))
}

/// Splits an HTTP response into (Content-Type, decoded body); non-200 is a skip.
fn http_payload(block: &[u8]) -> Result<(String, Vec<u8>), SkipReason> {
    let head_end = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2)))
        .ok_or_else(|| SkipReason::BadRecord("HTTP headers without an end".into()))?;
    let head = String::from_utf8_lossy(&block[..head_end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| SkipReason::BadRecord(format!("bad HTTP status line {status_line:?}")))?;
    if status != 200 {
        return Err(SkipReason::HttpStatus(status));
    }
    let mut content_type = String::new();
    let mut chunked = false;
    let mut coding = String::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => content_type = v.trim().to_string(),
                "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
                "content-encoding" => coding = v.trim().to_ascii_lowercase(),
                _ => {}
            }
        }
    }
    let mut body = block[head_end.1..].to_vec();
    if chunked {
        body = dechunk(&body);
    }
    if coding == "gzip" || coding == "x-gzip" || coding == "deflate" {
        let mut out = Vec::new();
        let limit = (body.len() as u64).saturating_mul(20).max(1 << 20);
        let ok = if coding == "deflate" {
            flate2::read::ZlibDecoder::new(&body[..])
                .take(limit)
                .read_to_end(&mut out)
                .is_ok()
        } else {
            flate2::read::MultiGzDecoder::new(&body[..])
                .take(limit)
                .read_to_end(&mut out)
                .is_ok()
        };
        if ok {
            body = out;
        }
    }
    Ok((content_type, body))
}

/// Undoes chunked transfer coding (leniently: a broken chunk ends the body).
fn dechunk(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let Some(eol) = memchr::memchr(b'\n', &b[i..]) else {
            break;
        };
        let size_line = String::from_utf8_lossy(&b[i..i + eol]);
        let size_text = size_line.trim().split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            break;
        };
        i += eol + 1;
        if size == 0 {
            break;
        }
        let end = (i + size).min(b.len());
        out.extend_from_slice(&b[i..end]);
        i = end;
        while i < b.len() && (b[i] == b'\r' || b[i] == b'\n') {
            i += 1;
        }
    }
    out
}

impl Iterator for WarcReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        match self.record() {
            Ok(Some(item)) => Some(item),
            Ok(None) => {
                self.done = true;
                if !self.seen_record {
                    return Some(self.skipped(None, SkipReason::Empty));
                }
                None
            }
            Err((offset, reason)) => {
                self.seen_record = true;
                let broken_stream = matches!(
                    reason,
                    SkipReason::CorruptGzip(_)
                        | SkipReason::TruncatedGzip
                        | SkipReason::TruncatedRecord(_)
                        | SkipReason::BadRecord(_)
                        | SkipReason::Io(_)
                );
                if broken_stream && !self.resync() {
                    // Plain files cannot resync inside a broken record; gzip ones ran out.
                    if !matches!(self.stream, Stream::Gzip { .. })
                        && matches!(reason, SkipReason::BadRecord(_))
                    {
                        // Plain WARC: look for the next version line.
                        if self.scan_to_version_line() {
                            return Some(self.skipped(Some(offset), reason));
                        }
                    }
                    self.done = true;
                }
                Some(self.skipped(Some(offset), reason))
            }
        }
    }
}

impl WarcReader {
    /// Plain WARC after a bad record: skips lines up to one starting `WARC/`, left unread.
    fn scan_to_version_line(&mut self) -> bool {
        loop {
            let r = self.reader();
            let buf = match r.fill_buf() {
                Ok(b) if !b.is_empty() => b,
                _ => return false,
            };
            if buf.starts_with(b"WARC/") {
                return true;
            }
            let n = match memchr::memchr(b'\n', buf) {
                Some(i) => i + 1,
                None => buf.len(),
            };
            r.consume(n);
            self.pos += n as u64;
        }
    }
}
