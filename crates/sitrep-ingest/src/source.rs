//! Where documents come from: paths to [`Input`]s, and an input to a stream of [`Item`]s.
//!
//! * [`discover`] turns command-line paths into inputs: `-` is standard input, a folder is walked
//!   recursively (sorted by name, hidden entries skipped), a missing path becomes a
//!   [`SkipReason::NotFound`].
//! * [`read_input`] opens one input and streams what it holds. The format is told by content as
//!   well as by name: gzip by its magic bytes `1f 8b` (whatever the extension), then, on the
//!   decompressed bytes, empty / binary / web content (by name: `.html`, `.htm`, `.xhtml`,
//!   `.warc`, `.rss`, `.atom`, `.xml`, each maybe `.gz`; or by a head such as `<!doctype html`,
//!   `WARC/1.1`, `<rss`, `<feed`), JSONL (name ends `.jsonl`/`.ndjson`, or the first non-blank
//!   line is a JSON object), else UTF-8 text, one article per file. HTML is one document per
//!   file, decoded from its charset ([`crate::charset`]); WARC files yield their HTML responses
//!   ([`crate::warc`]); feeds their items ([`crate::feed`]).
//!
//! Memory stays bounded: a text document over [`ReadOptions::max_doc_bytes`] is skipped after
//! reading at most that many bytes plus one (a plain file's size is checked before reading), and
//! JSONL is read one line at a time ([`crate::jsonl`]).

use crate::charset::decode_html;
use crate::doc::{Format, Item, RawDoc, RawMeta, Skip, SkipReason};
use crate::jsonl::JsonlReader;
use crate::warc::WarcReader;
use flate2::read::MultiGzDecoder;
use sitrep_core::SourceRef;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

/// How much of the head of an input is looked at to tell its format.
const SNIFF_BYTES: usize = 8 * 1024;

/// Options for reading inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The largest document, in bytes, that is read: a text file (after decompression) or the
    /// `text` of a JSONL line. Larger ones are skipped with [`SkipReason::TooLarge`] without being
    /// loaded. Default 10 MiB.
    pub max_doc_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_doc_bytes: 10 * 1024 * 1024,
        }
    }
}

impl ReadOptions {
    /// The longest JSONL line kept in memory: twice the document limit (a record may carry the
    /// text and its HTML) plus room for the other fields.
    pub(crate) fn max_line_bytes(&self) -> usize {
        self.max_doc_bytes
            .saturating_mul(2)
            .saturating_add(64 * 1024)
    }
}

/// One input: a file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl fmt::Display for Input {
    /// The path as given, or `-` for standard input.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::File(p) => write!(f, "{}", p.display()),
            Input::Stdin => f.write_str("-"),
        }
    }
}

fn skip_at(path: &str, reason: SkipReason) -> Skip {
    Skip {
        source: SourceRef {
            path: path.to_string(),
            line: None,
            offset: None,
        },
        reason,
    }
}

/// Turns command-line paths into inputs, in order.
///
/// * `-` is standard input.
/// * A folder is walked recursively, entries sorted by name, hidden files and folders (name
///   starting with `.`) skipped. Inside folders, files with a known extension (`.txt`, `.text`,
///   `.jsonl`, `.ndjson`, `.html`, `.htm`, `.xhtml`, `.warc`, `.xml`, `.rss`, `.atom`, also
///   `.gz`) are taken; other files only when their head sniffs as text, JSONL, HTML, WARC or a
///   feed (see [`read_input`]), else they are silently left out.
/// * A file named explicitly is always taken, whatever its name.
/// * A path that does not exist, or a folder entry that cannot be read, is a [`Skip`].
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Skip>) {
    let mut inputs = Vec::new();
    let mut skips = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let shown = p.display().to_string();
        match std::fs::metadata(p) {
            Err(e) => skips.push(skip_at(&shown, io_reason(&e))),
            Ok(md) if md.is_dir() => walk(p, &mut inputs, &mut skips),
            Ok(_) => inputs.push(Input::File(p.clone())),
        }
    }
    (inputs, skips)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn walk(root: &Path, inputs: &mut Vec<Input>, skips: &mut Vec<Skip>) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        match entry {
            Err(e) => {
                let shown = e.path().unwrap_or(root).display().to_string();
                tracing::debug!(path = %shown, error = %e, "folder entry unreadable");
                skips.push(skip_at(&shown, SkipReason::Io(e.to_string())));
            }
            Ok(e) if e.file_type().is_file() => {
                if wanted_in_folder(e.path()) {
                    inputs.push(Input::File(e.path().to_path_buf()));
                } else {
                    tracing::trace!(path = %e.path().display(), "not a supported format, left out");
                }
            }
            Ok(_) => {}
        }
    }
}

/// File-name extensions read as documents (lower case, without a `.gz`).
const KNOWN_EXTENSIONS: &[&str] = &["txt", "text", "jsonl", "ndjson"];
/// Web formats, by extension.
const WEB_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "warc", "xml", "rss", "atom"];

/// A web format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Web {
    Html,
    Warc,
    Feed,
}

fn lower_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// The extension that tells the format, looking through a final `.gz`.
fn format_extension(path: &Path) -> Option<String> {
    let name = lower_name(path);
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let (_, ext) = name.rsplit_once('.')?;
    Some(ext.to_string())
}

fn named_jsonl(path: &Path) -> bool {
    matches!(format_extension(path).as_deref(), Some("jsonl" | "ndjson"))
}

fn wanted_in_folder(path: &Path) -> bool {
    if let Some(ext) = format_extension(path) {
        if KNOWN_EXTENSIONS.contains(&ext.as_str()) || WEB_EXTENSIONS.contains(&ext.as_str()) {
            return true;
        }
    }
    let Ok(opened) = open(&Input::File(path.to_path_buf())) else {
        return false;
    };
    let mut reader = opened.reader;
    let Ok(head) = read_head(&mut reader, SNIFF_BYTES) else {
        return false;
    };
    sniffs_supported(&head)
}

/// Whether the head of a file with an unknown name looks like text, JSONL or a web format.
fn sniffs_supported(head: &[u8]) -> bool {
    let body = strip_bom_ws(head);
    if body.is_empty() || is_binary(head) {
        return false;
    }
    if web_format(body).is_some() {
        return true;
    }
    if let Err(e) = std::str::from_utf8(head) {
        // A character cut by the end of the head is fine; a bad byte is not.
        if e.error_len().is_some() {
            return false;
        }
    }
    match body.first() {
        Some(b'[') => false,
        Some(b'{') => match body.iter().position(|&b| b == b'\n') {
            Some(end) => is_json_object(&body[..end]),
            None => true,
        },
        _ => true,
    }
}

/// An opened input: its (decompressed) bytes, and what is known of its size.
struct Opened {
    reader: Box<dyn BufRead + Send>,
    gzip: bool,
    /// The size of a plain (not compressed) file.
    plain_len: Option<u64>,
}

fn io_reason(e: &io::Error) -> SkipReason {
    match e.kind() {
        io::ErrorKind::NotFound => SkipReason::NotFound,
        _ => SkipReason::Io(e.to_string()),
    }
}

/// The reason for an error met while reading an input's content.
pub(crate) fn read_reason(e: &io::Error, gzip: bool) -> SkipReason {
    if !gzip {
        return io_reason(e);
    }
    match e.kind() {
        io::ErrorKind::UnexpectedEof => SkipReason::TruncatedGzip,
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => {
            SkipReason::CorruptGzip(e.to_string())
        }
        _ => io_reason(e),
    }
}

fn open(input: &Input) -> Result<Opened, SkipReason> {
    let (mut raw, plain_len): (Box<dyn Read + Send>, Option<u64>) = match input {
        Input::Stdin => (Box::new(io::stdin()), None),
        Input::File(p) => {
            let f = File::open(p).map_err(|e| io_reason(&e))?;
            let md = f.metadata().map_err(|e| io_reason(&e))?;
            if md.is_dir() {
                return Err(SkipReason::Io("is a folder, not a file".into()));
            }
            (Box::new(f), Some(md.len()))
        }
    };
    let mut magic = [0u8; 2];
    let mut got = 0;
    while got < magic.len() {
        match raw.read(&mut magic[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io_reason(&e)),
        }
    }
    let rejoined = Cursor::new(magic[..got].to_vec()).chain(raw);
    if got == 2 && magic == [0x1f, 0x8b] {
        let decoder = MultiGzDecoder::new(BufReader::with_capacity(64 * 1024, rejoined));
        Ok(Opened {
            reader: Box::new(BufReader::with_capacity(64 * 1024, decoder)),
            gzip: true,
            plain_len: None,
        })
    } else {
        Ok(Opened {
            reader: Box::new(BufReader::with_capacity(64 * 1024, rejoined)),
            gzip: false,
            plain_len,
        })
    }
}

/// Reads up to `n` bytes (fewer only at the end of the input).
fn read_head(reader: &mut dyn Read, n: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(n.min(SNIFF_BYTES));
    reader.take(n as u64).read_to_end(&mut head)?;
    Ok(head)
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The bytes after a UTF-8 byte-order mark and leading whitespace.
fn strip_bom_ws(bytes: &[u8]) -> &[u8] {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b.iter().position(|&c| !is_ws(c)).unwrap_or(b.len());
    &b[start..]
}

/// NUL bytes, or more than one byte in ten a control character, in the head.
fn is_binary(head: &[u8]) -> bool {
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !is_ws(b) && b != 0x1b) || b == 0x7f)
        .count();
    controls * 10 > head.len()
}

/// A web format told by the head of the content.
fn web_format(body: &[u8]) -> Option<Web> {
    let n = body.len().min(1024);
    let head = String::from_utf8_lossy(&body[..n]).to_lowercase();
    const HTML_TAGS: &[&str] = &["<html", "<head", "<body", "<div", "<p>", "<meta", "<script"];
    if head.starts_with("warc/") {
        Some(Web::Warc)
    } else if head.starts_with("<rss")
        || head.starts_with("<feed")
        || head.starts_with("<rdf:rdf")
        || (head.starts_with("<?xml")
            && (head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf")))
    {
        Some(Web::Feed)
    } else if head.starts_with("<!doctype html")
        || (head.starts_with('<') && HTML_TAGS.iter().any(|t| head.contains(t)))
    {
        Some(Web::Html)
    } else {
        None
    }
}

/// A web format told by the file's name (`.html`, `.warc.gz`, ...).
fn web_format_by_name(path: &Path) -> Option<Web> {
    match format_extension(path)?.as_str() {
        "html" | "htm" | "xhtml" => Some(Web::Html),
        "warc" => Some(Web::Warc),
        "xml" | "rss" | "atom" => Some(Web::Feed),
        _ => None,
    }
}

pub(crate) fn is_json_object(line: &[u8]) -> bool {
    matches!(
        serde_json::from_slice::<serde_json::Value>(line),
        Ok(serde_json::Value::Object(_))
    )
}

/// Streams the documents of one input; one that cannot be read yields a [`Skip`] and reading goes
/// on (with the next line of a JSONL file, or the next input for the caller).
///
/// Text inputs yield one [`Item`]; JSONL inputs one per non-blank line (blank lines are ignored,
/// [`SourceRef::line`] is 1-based). A truncated gzip JSONL yields its complete lines, then a
/// [`SkipReason::TruncatedGzip`] at the line where the data breaks off. The iterator owns the
/// open file and holds at most one document (or one line) in memory.
pub fn read_input(input: &Input, opts: &ReadOptions) -> Box<dyn Iterator<Item = Item> + Send> {
    let path = input.to_string();
    let one = |item: Item| -> Box<dyn Iterator<Item = Item> + Send> {
        if let Item::Skip(s) = &item {
            tracing::debug!(place = %s, code = s.reason.code(), "skip");
        }
        Box::new(std::iter::once(item))
    };
    let (named_jsonl, by_name) = match input {
        Input::File(p) => (named_jsonl(p), web_format_by_name(p)),
        Input::Stdin => (false, None),
    };
    if by_name == Some(Web::Warc) {
        if let Input::File(p) = input {
            return match File::open(p) {
                Ok(f) => Box::new(WarcReader::new(
                    Box::new(BufReader::with_capacity(64 * 1024, f)),
                    path,
                    opts.clone(),
                )),
                Err(e) => one(Item::Skip(skip_at(&path, io_reason(&e)))),
            };
        }
    }
    let opened = match open(input) {
        Ok(o) => o,
        Err(reason) => return one(Item::Skip(skip_at(&path, reason))),
    };
    let sniffed = match by_name {
        Some(web) => Ok(Sniffed::Web {
            web,
            reader: opened.reader,
            gzip: opened.gzip,
            plain_len: opened.plain_len,
        }),
        None => sniff(opened, named_jsonl, opts),
    };
    match sniffed {
        Err(reason) => one(Item::Skip(skip_at(&path, reason))),
        Ok(Sniffed::Jsonl { reader, gzip }) => {
            Box::new(JsonlReader::new(reader, path, gzip, opts.clone()))
        }
        Ok(Sniffed::Web {
            web: Web::Warc,
            reader,
            ..
        }) => {
            // Re-open a file raw, so that a `.warc.gz` is read member by member.
            if let Input::File(p) = input {
                if let Ok(f) = File::open(p) {
                    return Box::new(WarcReader::new(
                        Box::new(BufReader::with_capacity(64 * 1024, f)),
                        path,
                        opts.clone(),
                    ));
                }
            }
            Box::new(WarcReader::new(reader, path, opts.clone()))
        }
        Ok(Sniffed::Web {
            web: Web::Feed,
            reader,
            gzip,
            ..
        }) => Box::new(crate::feed::read_feed(reader, &path, gzip, opts).into_iter()),
        Ok(Sniffed::Web {
            web: Web::Html,
            reader,
            gzip,
            plain_len,
        }) => match read_bytes(reader, gzip, plain_len, opts) {
            Ok(bytes) => {
                let decoded = decode_html(&bytes, None, None);
                if let Some(declared) = decoded.mismatch {
                    tracing::warn!(path = %path, declared = declared.name(), used = decoded.encoding.name(), "page charset declared wrongly");
                }
                if decoded.text.trim().is_empty() {
                    return one(Item::Skip(skip_at(&path, SkipReason::Empty)));
                }
                one(Item::Doc(RawDoc {
                    source: SourceRef {
                        path,
                        line: None,
                        offset: None,
                    },
                    text: decoded.text,
                    meta: RawMeta::default(),
                    format: Format::Html,
                }))
            }
            Err(reason) => one(Item::Skip(skip_at(&path, reason))),
        },
        Ok(Sniffed::Text {
            reader,
            gzip,
            plain_len,
        }) => match read_text(reader, gzip, plain_len, opts) {
            Ok(text) => one(Item::Doc(RawDoc {
                source: SourceRef {
                    path,
                    line: None,
                    offset: None,
                },
                text,
                meta: RawMeta::default(),
                format: Format::Text,
            })),
            Err(reason) => one(Item::Skip(skip_at(&path, reason))),
        },
    }
}

/// Reads every path: the skips of [`discover`] first, then each input's items, in order.
pub fn read_paths(
    paths: &[PathBuf],
    opts: &ReadOptions,
) -> impl Iterator<Item = Item> + Send + 'static {
    let (inputs, skips) = discover(paths);
    let opts = opts.clone();
    skips
        .into_iter()
        .map(Item::Skip)
        .chain(inputs.into_iter().flat_map(move |i| read_input(&i, &opts)))
}

enum Sniffed {
    Web {
        web: Web,
        reader: Box<dyn BufRead + Send>,
        gzip: bool,
        plain_len: Option<u64>,
    },
    Jsonl {
        reader: Box<dyn BufRead + Send>,
        gzip: bool,
    },
    Text {
        reader: Box<dyn BufRead + Send>,
        gzip: bool,
        plain_len: Option<u64>,
    },
}

/// Tells the format from the head of the content; hands back a reader that still yields every
/// byte (the head is put back in front).
fn sniff(opened: Opened, named_jsonl: bool, opts: &ReadOptions) -> Result<Sniffed, SkipReason> {
    let Opened {
        mut reader,
        gzip,
        plain_len,
    } = opened;
    let mut head = read_head(&mut reader, SNIFF_BYTES).map_err(|e| read_reason(&e, gzip))?;
    let at_end = head.len() < SNIFF_BYTES;
    let body = strip_bom_ws(&head);
    if body.is_empty() && at_end {
        return Err(SkipReason::Empty);
    }
    if is_binary(&head) {
        return Err(SkipReason::Binary);
    }
    let mut jsonl = named_jsonl;
    let mut web = None;
    if !jsonl {
        web = web_format(body);
    }
    if !jsonl && web.is_none() && body.first() == Some(&b'{') {
        // Make sure the head holds the whole first non-blank line, then try it as JSON.
        let line_start = head.len() - body.len();
        if !head[line_start..].contains(&b'\n') && !at_end {
            let mut rest = Vec::new();
            (&mut reader)
                .take(opts.max_line_bytes() as u64)
                .read_until(b'\n', &mut rest)
                .map_err(|e| read_reason(&e, gzip))?;
            head.extend_from_slice(&rest);
        }
        let line = &head[line_start..];
        let line = match line.iter().position(|&b| b == b'\n') {
            Some(end) => &line[..end],
            None => line,
        };
        jsonl = is_json_object(line);
    }
    let reader: Box<dyn BufRead + Send> = Box::new(Cursor::new(head).chain(reader));
    if let Some(web) = web {
        return Ok(Sniffed::Web {
            web,
            reader,
            gzip,
            plain_len,
        });
    }
    Ok(if jsonl {
        Sniffed::Jsonl { reader, gzip }
    } else {
        Sniffed::Text {
            reader,
            gzip,
            plain_len,
        }
    })
}

/// Reads a whole document's bytes, at most `max_doc_bytes + 1` of them.
fn read_bytes(
    reader: Box<dyn BufRead + Send>,
    gzip: bool,
    plain_len: Option<u64>,
    opts: &ReadOptions,
) -> Result<Vec<u8>, SkipReason> {
    let limit = opts.max_doc_bytes as u64;
    if let Some(len) = plain_len.filter(|&l| l > limit) {
        return Err(SkipReason::TooLarge { bytes: len, limit });
    }
    let mut buf = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| read_reason(&e, gzip))?;
    if buf.len() as u64 > limit {
        return Err(SkipReason::TooLarge {
            bytes: plain_len.unwrap_or(buf.len() as u64),
            limit,
        });
    }
    Ok(buf)
}

/// Reads a whole text document, at most `max_doc_bytes + 1` bytes of it.
fn read_text(
    reader: Box<dyn BufRead + Send>,
    gzip: bool,
    plain_len: Option<u64>,
    opts: &ReadOptions,
) -> Result<String, SkipReason> {
    let buf = read_bytes(reader, gzip, plain_len, opts)?;
    let text = String::from_utf8(buf).map_err(|e| SkipReason::InvalidUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
        return Err(SkipReason::Empty);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_heads() {
        assert!(is_binary(b"abc\0def"));
        assert!(is_binary(&[1u8, 2, 3, 4, 5, 6, b'a', b'b']));
        assert!(!is_binary(
            "plain text\r\n\twith tabs and “quotes”".as_bytes()
        ));
    }

    #[test]
    fn sniff_unknown_names() {
        assert!(sniffs_supported(b"Some headline\n\nA paragraph."));
        assert!(sniffs_supported(b"{\"text\": \"x\"}\n{\"text\": \"y\"}\n"));
        assert!(!sniffs_supported(b"{\n  \"a\": 1\n}\n"));
        assert!(!sniffs_supported(b"[1, 2]"));
        assert!(sniffs_supported(b"<!DOCTYPE html><html></html>"));
        assert!(sniffs_supported(b"<div class=\"story\"><p>Hi</p></div>"));
        assert!(sniffs_supported(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n"));
        assert!(sniffs_supported(
            b"<?xml version=\"1.0\"?><rss version=\"2.0\">"
        ));
        assert!(sniffs_supported(
            b"<Breaking> news: a headline that opens with a bracket"
        ));
        assert!(!sniffs_supported(b"\x89PNG\r\n\x1a\n\0\0"));
        assert!(!sniffs_supported(b"caf\xe9 latin-1 text"));
        assert!(!sniffs_supported(b"   \n"));
    }

    #[test]
    fn extensions() {
        assert!(named_jsonl(Path::new("a/b.JSONL")));
        assert!(named_jsonl(Path::new("b.ndjson.gz")));
        assert!(!named_jsonl(Path::new("b.txt.gz")));
        assert_eq!(
            format_extension(Path::new("x.txt.gz")).as_deref(),
            Some("txt")
        );
        assert_eq!(format_extension(Path::new("noext")), None);
    }
}
