//! Character sets of web pages: bytes in, correct UTF-8 out.
//!
//! The encoding is taken from, in order: a byte-order mark; the HTTP `Content-Type` header
//! (WARC records); a `<meta charset>` or `<meta http-equiv=Content-Type>` in the first 4 KiB;
//! else it is detected (valid UTF-8 is UTF-8, anything else goes to `chardetng`, hinted by
//! the URL's top-level domain). Decoding is `encoding_rs` (the WHATWG Encoding Standard, so
//! labels such as `cp1251`, `koi8-u`, `latin1` mean what browsers take them to mean).
//!
//! Pages lie about their charset. Two lies are caught, and the truth wins: a page declared
//! UTF-8 whose bytes are not UTF-8 (decoded with the detected encoding instead), and a page
//! declared as a legacy single-byte charset whose bytes are valid UTF-8 with non-ASCII
//! characters in them (decoded as UTF-8: such byte runs are practically never legacy text).
//! [`Decoded::mismatch`] records it so the caller can report the page.

use encoding_rs::{Encoding, UTF_8};

/// Where the encoding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    Bom,
    Http,
    Meta,
    Detected,
}

impl CharsetSource {
    pub fn as_str(&self) -> &'static str {
        match self {
            CharsetSource::Bom => "bom",
            CharsetSource::Http => "http",
            CharsetSource::Meta => "meta",
            CharsetSource::Detected => "detected",
        }
    }
}

/// A decoded page.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// The encoding used.
    pub encoding: &'static Encoding,
    pub source: CharsetSource,
    /// The encoding the page declared (HTTP or meta) when the bytes proved it wrong.
    pub mismatch: Option<&'static Encoding>,
    /// Some bytes could not be decoded and became U+FFFD.
    pub had_errors: bool,
}

/// The `charset=` value of a `Content-Type` header or meta `content`.
pub fn charset_param(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = lower[at + 7..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    Encoding::for_label(&rest.as_bytes()[..end])
}

/// The charset a page declares in its first 4 KiB (`<meta charset>`, `http-equiv`).
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(off) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + off;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = String::from_utf8_lossy(&lower[start..end]);
        if let Some(at) = tag.find("charset") {
            let rest = tag[at + 7..].trim_start();
            if let Some(v) = rest.strip_prefix('=') {
                let v = v.trim_start().trim_start_matches(['"', '\'']);
                let e = v
                    .find(|c: char| {
                        c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace()
                    })
                    .unwrap_or(v.len());
                if let Some(enc) = Encoding::for_label(&v.as_bytes()[..e]) {
                    // The standard: a page cannot declare UTF-16 in a meta; it means UTF-8.
                    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                        return Some(UTF_8);
                    }
                    if enc == encoding_rs::X_USER_DEFINED {
                        return Some(encoding_rs::WINDOWS_1252);
                    }
                    return Some(enc);
                }
            }
        }
        from = end.max(start + 5);
    }
    None
}

fn tld(url: Option<&str>) -> Option<Vec<u8>> {
    let url = url?;
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', ':', '?', '#']).next()?;
    let t = host.rsplit('.').next()?;
    (!t.is_empty() && t.len() < 10 && t.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| t.to_ascii_lowercase().into_bytes())
}

fn detect(bytes: &[u8], url: Option<&str>) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new();
    // Enough to decide; the whole page costs time for nothing.
    let sample = &bytes[..bytes.len().min(256 * 1024)];
    det.feed(sample, sample.len() == bytes.len());
    let tld = tld(url);
    det.guess(tld.as_deref(), true)
}

fn has_non_ascii(bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| b >= 0x80)
}

/// Decodes a page. `content_type` is the HTTP header when known; `url` hints detection.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>, url: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            encoding: enc,
            source: CharsetSource::Bom,
            mismatch: None,
            had_errors,
        };
    }
    let declared = content_type
        .and_then(charset_param)
        .map(|e| (e, CharsetSource::Http))
        .or_else(|| meta_charset(bytes).map(|e| (e, CharsetSource::Meta)));
    let utf8 = std::str::from_utf8(bytes).is_ok();
    let (enc, source, mismatch) = match declared {
        Some((e, src)) if e == UTF_8 => {
            if utf8 {
                (UTF_8, src, None)
            } else {
                let d = detect(bytes, url);
                (d, CharsetSource::Detected, (d != UTF_8).then_some(e))
            }
        }
        Some((e, src)) => {
            let single_byte = e.is_single_byte();
            if single_byte && utf8 && has_non_ascii(bytes) {
                (UTF_8, CharsetSource::Detected, Some(e))
            } else {
                (e, src, None)
            }
        }
        None if utf8 => (UTF_8, CharsetSource::Detected, None),
        None => (detect(bytes, url), CharsetSource::Detected, None),
    };
    if enc == UTF_8 && utf8 {
        return Decoded {
            // Checked above: valid UTF-8.
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding: UTF_8,
            source,
            mismatch,
            had_errors: false,
        };
    }
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: enc,
        source,
        mismatch,
        had_errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
        enc.encode(s).0.into_owned()
    }

    const UK: &str = "Україна отримала нові гармати; Київ дякує партнерам за підтримку.";
    const RU: &str = "Россия заявила, что переговоры продолжатся на следующей неделе в Москве.";

    #[test]
    fn declared_charsets() {
        let page = |cs: &str, body: &str| {
            format!("<html><head><meta charset=\"{cs}\"></head><body><p>{body}</p></body></html>")
        };
        for (label, enc, text) in [
            ("windows-1251", encoding_rs::WINDOWS_1251, RU),
            ("koi8-u", encoding_rs::KOI8_U, UK),
            ("iso-8859-5", encoding_rs::ISO_8859_5, RU),
            (
                "iso-8859-2",
                encoding_rs::ISO_8859_2,
                "Zażółć gęślą jaźń, powiedział minister.",
            ),
        ] {
            let bytes = encode(enc, &page(label, text));
            let d = decode_html(&bytes, None, None);
            assert_eq!(d.encoding, enc, "{label}");
            assert_eq!(d.source, CharsetSource::Meta);
            assert!(d.text.contains(text), "{label}");
        }
        let http = encode(encoding_rs::KOI8_U, &format!("<p>{UK}</p>"));
        let d = decode_html(&http, Some("text/html; charset=KOI8-U"), None);
        assert_eq!(d.source, CharsetSource::Http);
        assert!(d.text.contains(UK));
        let equiv = encode(
            encoding_rs::WINDOWS_1251,
            &format!("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=cp1251\"><p>{RU}</p>"),
        );
        assert!(decode_html(&equiv, None, None).text.contains(RU));
    }

    #[test]
    fn undeclared_is_detected() {
        let long = format!("<html><body><p>{RU} {RU} {RU}</p></body></html>");
        let bytes = encode(encoding_rs::WINDOWS_1251, &long);
        let d = decode_html(&bytes, None, Some("https://example.ru/x"));
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1251);
        assert!(d.text.contains(RU));
        let d = decode_html(long.as_bytes(), None, None);
        assert_eq!(d.encoding, UTF_8);
    }

    #[test]
    fn lying_declarations() {
        // Declares windows-1251, is UTF-8.
        let page = format!("<meta charset=windows-1251><p>{UK}</p>");
        let d = decode_html(page.as_bytes(), None, None);
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.mismatch, Some(encoding_rs::WINDOWS_1251));
        assert!(d.text.contains(UK));
        // Declares UTF-8, is windows-1251.
        let page = format!("<meta charset=utf-8><p>{RU} {RU}</p>");
        let bytes = encode(encoding_rs::WINDOWS_1251, &page);
        let d = decode_html(&bytes, None, Some("http://example.ru/"));
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1251);
        assert_eq!(d.mismatch, Some(UTF_8));
        assert!(d.text.contains(RU));
    }

    #[test]
    fn boms() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("<p>é</p>".as_bytes());
        let d = decode_html(&b, Some("text/html; charset=iso-8859-1"), None);
        assert_eq!(d.source, CharsetSource::Bom);
        assert_eq!(d.text, "<p>é</p>");
    }
}
