//! Web formats end to end, on files the tests build themselves: HTML pages in legacy charsets,
//! JSONL records carrying HTML, WARC files (plain and gzip, with broken records), RSS and Atom
//! feeds, and hostile pages. Each bad input yields a skip with its file (and WARC offset) and
//! the rest is read.

use sitrep_core::DateSource;
use sitrep_ingest::{clean, Format, Item, ReadOptions, SkipReason};
use std::path::Path;

mod common;
use common::{docs, gzip, skips, write};

fn read(path: &Path) -> Vec<Item> {
    common::read_with(path, &ReadOptions::default())
}

const UK_BODY: &str = "Уряд України оголосив про нові заходи підтримки для переселенців. \
Міністр заявив, що програма запрацює з першого липня і охопить усі області країни.";
const RU_BODY: &str = "Правительство объявило о новых мерах поддержки для переселенцев. \
Министр заявил, что программа начнет работать с первого июля во всех областях страны.";

fn page(charset: &str, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"uk\"><head><meta charset=\"{charset}\"><title>{title} - Вісті</title>\
<meta property=\"og:site_name\" content=\"Вісті\">\
<meta property=\"article:published_time\" content=\"2020-06-07T10:15:00+03:00\">\
<meta name=\"author\" content=\"Олена Петренко\"></head><body>\
<nav><a href=\"/\">Головна</a> <a href=\"/news\">Новини</a> <a href=\"/sport\">Спорт</a></nav>\
<article><h1>{title}</h1><p>{body}</p><p>{body}</p>\
<div class=\"share-bar\"><a href=\"#\">Facebook</a> <a href=\"#\">Twitter</a></div></article>\
<footer>© Вісті 2020. Усі права захищені.</footer></body></html>"
    )
}

#[test]
fn html_pages_in_legacy_charsets_come_out_as_utf8() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        ("windows-1251", encoding_rs::WINDOWS_1251, RU_BODY, "a.html"),
        ("koi8-u", encoding_rs::KOI8_U, UK_BODY, "b.htm"),
        ("iso-8859-5", encoding_rs::ISO_8859_5, RU_BODY, "c.html.gz"),
    ];
    for (label, enc, body, name) in cases {
        let html = page(label, "Нові заходи підтримки", body);
        let html = if label == "iso-8859-5" {
            // ISO-8859-5 has no Ukrainian letters: keep the page Russian.
            html.replace("Нові заходи підтримки", "Новые меры поддержки")
                .replace("Вісті", "Вести")
                .replace("Головна", "Главная")
                .replace("Новини", "Новости")
                .replace("Усі права захищені", "Все права защищены")
                .replace("Олена Петренко", "Елена Петренко")
                .replace('©', "(c)")
        } else {
            html
        };
        let (bytes, _, bad) = enc.encode(&html);
        assert!(!bad, "{label}: encodable");
        let bytes = if name.ends_with(".gz") {
            gzip(&bytes)
        } else {
            bytes.into_owned()
        };
        let path = write(dir.path(), name, &bytes);
        let items = read(&path);
        let d = docs(&items);
        assert_eq!(d.len(), 1, "{label}: {items:?}");
        assert_eq!(d[0].format, Format::Html);
        let a = clean(d[0]).expect("article");
        assert!(a.text.contains(body), "{label}: {}", a.text);
        assert!(!a.text.contains("Facebook"), "{label}: share bar left in");
        assert!(!a.text.contains('©'), "{label}: footer left in");
        assert!(a.segments.is_empty());
        let p = a.published.expect("date");
        assert_eq!(p.date.to_string(), "2020-06-07");
        assert_eq!(p.source, DateSource::MetaTag);
        assert!(a.title.is_some_and(|t| t.starts_with("Нов")));
        assert!(a.byline.is_some());
        assert!(a.outlet.is_some());
    }
}

#[test]
fn page_declaring_one_charset_and_using_another() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Declared windows-1251, written in UTF-8.
    let html = page("windows-1251", "Нові заходи підтримки", UK_BODY);
    let path = write(dir.path(), "liar.html", html.as_bytes());
    let items = read(&path);
    let a = clean(docs(&items)[0]).expect("article");
    assert!(a.text.contains(UK_BODY));
    // Declared UTF-8, written in windows-1251.
    let html = page("utf-8", "Новые меры", RU_BODY);
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&html);
    let path = write(dir.path(), "liar2.html", &bytes);
    let items = read(&path);
    let a = clean(docs(&items)[0]).expect("article");
    assert!(a.text.contains(RU_BODY), "{}", a.text);
}

#[test]
fn jsonl_records_with_html() {
    let dir = tempfile::tempdir().expect("tempdir");
    let html = page("utf-8", "Нові заходи підтримки", UK_BODY);
    let lines = [
        serde_json::json!({"id": "1", "html": html, "url": "https://example.ua/news/2020/06/07/x"}),
        serde_json::json!({"id": "2", "text": "A plain text body that says the army moved north on Monday.", "html": html}),
        serde_json::json!({"id": "3", "title": "neither"}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let path = write(dir.path(), "feed.jsonl", body.as_bytes());
    let items = read(&path);
    let d = docs(&items);
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].format, Format::Html);
    assert_eq!(d[0].source.line, Some(1));
    let a = clean(d[0]).expect("article");
    assert!(a.text.contains(UK_BODY));
    assert_eq!(
        a.url.as_deref(),
        Some("https://example.ua/news/2020/06/07/x")
    );
    // Text wins for the body; the HTML gives what the text lacks.
    assert_eq!(d[1].format, Format::Jsonl);
    let b = clean(d[1]).expect("article");
    assert!(b.text.starts_with("A plain text body"));
    assert_eq!(
        b.published.map(|p| p.date.to_string()).as_deref(),
        Some("2020-06-07")
    );
    assert_eq!(b.title.as_deref(), Some("Нові заходи підтримки"));
    assert_eq!(b.outlet.as_deref(), Some("Вісті"));
    let s = skips(&items);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].reason, SkipReason::MissingText);
    assert_eq!(s[0].source.line, Some(3));
}

/// One WARC record.
fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-06-08T01:02:03Z\r\nWARC-Record-ID: <urn:uuid:x>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut h = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    h.extend_from_slice(body);
    h
}

fn response(uri: &str, status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    record(
        "response",
        uri,
        "application/http; msgtype=response",
        &http(status, content_type, body),
    )
}

/// warcinfo, request, a UTF-8 page, a 404, an image, a KOI8-U page (charset only in HTTP).
fn warc_records() -> Vec<Vec<u8>> {
    let page1 = page("utf-8", "Нові заходи підтримки", UK_BODY);
    let page2 = page("", "Нові заходи", UK_BODY).replace("<meta charset=\"\">", "");
    let (koi, _, _) = encoding_rs::KOI8_U.encode(&page2);
    vec![
        record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        record(
            "request",
            "https://example.ua/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\nHost: example.ua\r\n\r\n",
        ),
        response(
            "https://example.ua/a",
            "200 OK",
            "text/html; charset=utf-8",
            page1.as_bytes(),
        ),
        response(
            "https://example.ua/missing",
            "404 Not Found",
            "text/html",
            b"<p>Not found</p>",
        ),
        response(
            "https://example.ua/logo.png",
            "200 OK",
            "image/png",
            b"\x89PNG\r\n\x1a\n",
        ),
        response(
            "https://example.ua/b",
            "200 OK",
            "text/html; charset=KOI8-U",
            &koi,
        ),
    ]
}

fn check_warc(items: &[Item], offsets: &[u64]) {
    let d = docs(items);
    assert_eq!(d.len(), 2, "{items:?}");
    assert!(d.iter().all(|d| d.format == Format::Warc));
    assert_eq!(d[0].meta.url.as_deref(), Some("https://example.ua/a"));
    assert_eq!(d[0].meta.fetched.as_deref(), Some("2020-06-08T01:02:03Z"));
    assert_eq!(d[0].source.offset, Some(offsets[2]));
    assert_eq!(d[1].source.offset, Some(offsets[5]));
    for doc in &d {
        let a = clean(doc).expect("article");
        assert!(a.text.contains(UK_BODY), "{}", a.text);
        assert_eq!(
            a.published.map(|p| p.date.to_string()).as_deref(),
            Some("2020-06-07")
        );
    }
    let s = skips(items);
    let got: Vec<(&str, Option<u64>)> = s
        .iter()
        .map(|s| (s.reason.code(), s.source.offset))
        .collect();
    assert_eq!(
        got[..2],
        [
            ("http-status", Some(offsets[3])),
            ("not-html", Some(offsets[4]))
        ]
    );
}

fn offsets(parts: &[Vec<u8>]) -> Vec<u64> {
    let mut at = 0u64;
    parts
        .iter()
        .map(|p| {
            let o = at;
            at += p.len() as u64;
            o
        })
        .collect()
}

#[test]
fn warc_plain_and_gzip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let recs = warc_records();
    let plain: Vec<u8> = recs.concat();
    let path = write(dir.path(), "crawl.warc", &plain);
    let items = read(&path);
    check_warc(&items, &offsets(&recs));
    assert_eq!(skips(&items).len(), 2);

    let members: Vec<Vec<u8>> = recs.iter().map(|r| gzip(r)).collect();
    let path = write(dir.path(), "crawl.warc.gz", &members.concat());
    let items = read(&path);
    check_warc(&items, &offsets(&members));
    assert_eq!(skips(&items).len(), 2);

    // Told by content, whatever the name.
    let path = write(dir.path(), "crawl.bin", &members.concat());
    check_warc(&read(&path), &offsets(&members));
}

#[test]
fn warc_with_a_truncated_final_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let recs = warc_records();
    let plain = recs.concat();
    let cut = &plain[..plain.len() - 200];
    let path = write(dir.path(), "cut.warc", cut);
    let items = read(&path);
    let d = docs(&items);
    assert_eq!(d.len(), 1, "the first page survives");
    let s = skips(&items);
    let last = s.last().expect("a skip");
    assert_eq!(last.reason.code(), "truncated-record");
    assert_eq!(last.source.offset, Some(offsets(&recs)[5]));
    assert_eq!(last.source.path, path.display().to_string());

    let members: Vec<Vec<u8>> = recs.iter().map(|r| gzip(r)).collect();
    let all = members.concat();
    let path = write(dir.path(), "cut.warc.gz", &all[..all.len() - 50]);
    let items = read(&path);
    assert_eq!(docs(&items).len(), 1);
    let last = skips(&items).last().copied().cloned().expect("a skip");
    assert_eq!(last.reason, SkipReason::TruncatedGzip);
    assert_eq!(last.source.offset, Some(offsets(&members)[5]));
}

#[test]
fn warc_gzip_member_corrupt_in_the_middle() {
    let dir = tempfile::tempdir().expect("tempdir");
    let recs = warc_records();
    let mut members: Vec<Vec<u8>> = recs.iter().map(|r| gzip(r)).collect();
    // Corrupt the first page's member in the middle of its deflate data.
    let m = &mut members[2];
    let mid = m.len() / 2;
    for b in &mut m[mid..mid + 16] {
        *b ^= 0x5a;
    }
    let offs = offsets(&members);
    let path = write(dir.path(), "bad.warc.gz", &members.concat());
    let items = read(&path);
    let d = docs(&items);
    assert_eq!(d.len(), 1, "{items:?}");
    assert_eq!(
        d[0].source.offset,
        Some(offs[5]),
        "the page after the bad member"
    );
    let s = skips(&items);
    assert_eq!(s[0].reason.code(), "corrupt-gzip");
    assert_eq!(s[0].source.offset, Some(offs[2]));
    let codes: Vec<&str> = s.iter().map(|s| s.reason.code()).collect();
    assert_eq!(codes, ["corrupt-gzip", "http-status", "not-html"]);
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://example.com/</link>
<item><title>Kyiv asks for more air defence</title><link>https://example.com/2024/09/20/air</link>
<pubDate>Fri, 20 Sep 2024 10:00:00 +0000</pubDate><author>jenna@example.com (Jenna Lee)</author>
<description>&lt;p&gt;Kyiv asked again on Friday for more air defence systems, officials said, after a night of strikes on the capital.&lt;/p&gt;&lt;p&gt;&lt;a href="https://example.com/share"&gt;Share&lt;/a&gt;&lt;/p&gt;</description></item>
<item><title>Plain summary</title><link>https://example.com/b</link>
<pubDate>Sat, 21 Sep 2024 08:00:00 +0000</pubDate>
<description>The army moved north on Saturday, the ministry said in a statement.</description></item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><id>urn:x</id><updated>2024-09-20T10:00:00Z</updated>
<entry><title>Talks resume in Geneva</title><id>urn:1</id>
<link rel="alternate" href="https://example.org/talks"/><published>2024-09-19T08:30:00Z</published><updated>2024-09-20T08:30:00Z</updated>
<author><name>Bob Smith</name></author>
<content type="html">&lt;div&gt;&lt;p&gt;Negotiators met again in Geneva on Thursday, the first round of talks since the summer, diplomats said.&lt;/p&gt;&lt;/div&gt;</content></entry>
</feed>"#;

#[test]
fn rss_and_atom_items_are_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "wire.rss", RSS.as_bytes());
    let items = read(&path);
    let d = docs(&items);
    assert_eq!(d.len(), 2, "{items:?}");
    assert_eq!(d[0].format, Format::Rss);
    assert_eq!(
        d[0].meta.title.as_deref(),
        Some("Kyiv asks for more air defence")
    );
    assert_eq!(
        d[0].meta.url.as_deref(),
        Some("https://example.com/2024/09/20/air")
    );
    let a = clean(d[0]).expect("article");
    assert!(
        a.text.starts_with("Kyiv asked again on Friday"),
        "{}",
        a.text
    );
    assert!(!a.text.contains("Share"));
    let p = a.published.expect("date");
    assert_eq!(
        (p.date.to_string().as_str(), p.source),
        ("2024-09-20", DateSource::Metadata)
    );
    assert_eq!(a.outlet.as_deref(), Some("Example Wire"));
    let b = clean(d[1]).expect("article");
    assert_eq!(
        b.text,
        "The army moved north on Saturday, the ministry said in a statement."
    );

    // Told by content under any name.
    let path = write(dir.path(), "feed.dat", ATOM.as_bytes());
    let items = read(&path);
    let d = docs(&items);
    assert_eq!(d.len(), 1, "{items:?}");
    assert_eq!(d[0].format, Format::Atom);
    let a = clean(d[0]).expect("article");
    assert!(a.text.starts_with("Negotiators met again in Geneva"));
    assert_eq!(a.byline.as_deref(), Some("Bob Smith"));
    assert_eq!(a.url.as_deref(), Some("https://example.org/talks"));
    assert_eq!(
        a.published.map(|p| p.date.to_string()).as_deref(),
        Some("2024-09-19")
    );
}

#[test]
fn rss_file_that_is_not_xml() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "broken.rss",
        b"this is not XML at all {\"x\": 1}",
    );
    let items = read(&path);
    match items.as_slice() {
        [Item::Skip(s)] => {
            assert_eq!(s.reason.code(), "bad-feed");
            assert_eq!(s.source.path, path.display().to_string());
        }
        other => panic!("expected one skip, got {other:?}"),
    }
    let path = write(dir.path(), "cut.xml", &RSS.as_bytes()[..RSS.len() / 2]);
    let items = read(&path);
    assert!(items
        .iter()
        .all(|i| matches!(i, Item::Skip(_) | Item::Doc(_))));
}

#[test]
fn twenty_megabyte_page() {
    let para = "<p>The army moved north on Monday, officials said, and the city braced for more strikes overnight.</p>\n";
    let mut html = String::from("<html><head><title>Big</title></head><body><div>");
    while html.len() < 20 * 1024 * 1024 {
        html.push_str(para);
    }
    html.push_str("</div></body></html>");
    // Read from a file, it is over the default document limit: skipped without being loaded.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "big.html", html.as_bytes());
    let items = read(&path);
    assert!(matches!(items.as_slice(), [Item::Skip(s)] if s.reason.code() == "too-large"));
    // Given directly, the extractor copes.
    let e = sitrep_ingest::extract_html(&html, None);
    assert!(e.text.len() > 10 * 1024 * 1024);
}

#[test]
fn hundred_thousand_nested_divs() {
    let n = 100_000;
    let html = format!(
        "<html><body>{}<p>Deep inside, the army moved north on Monday, officials said.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "deep.html", html.as_bytes());
    let items = read(&path);
    let a = clean(docs(&items)[0]).expect("article");
    assert_eq!(
        a.text,
        "Deep inside, the army moved north on Monday, officials said."
    );
    // Unclosed, and with stray end tags.
    let html = "<div><span>".repeat(n) + "text" + &"</b>".repeat(n);
    let e = sitrep_ingest::extract_html(&html, None);
    assert_eq!(e.text, "text");
}

/// A page's publication date records where on the page it was found, most trusted first.
#[test]
fn page_dates_record_their_source() {
    let dir = tempfile::tempdir().unwrap();
    let body = "<p>Defense Secretary Lloyd Austin has told President Volodymyr Zelensky that \
                prioritising ATACMS deliveries for Ukraine would be too much to ask, according \
                to the Wall Street Journal, citing two US officials.</p>"
        .repeat(3);
    let cases = [
        (
            r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-09-20T10:00:00Z"}</script>"#,
            DateSource::JsonLd,
        ),
        (
            r#"<meta property="article:published_time" content="2024-09-20T10:00:00Z">"#,
            DateSource::MetaTag,
        ),
        (r#""#, DateSource::TimeElement),
    ];
    for (i, (head, want)) in cases.iter().enumerate() {
        let time = if *want == DateSource::TimeElement {
            r#"<time datetime="2024-09-20">20 September 2024</time>"#
        } else {
            ""
        };
        let html = format!(
            "<!doctype html><html><head><title>Pentagon refuses ATACMS</title>{head}</head>\
             <body><article><h1>Pentagon refuses ATACMS</h1>{time}{body}</article></body></html>"
        );
        let p = write(dir.path(), &format!("p{i}.html"), html.as_bytes());
        let items = read(&p);
        let d = docs(&items);
        assert_eq!(d.len(), 1, "{html}");
        let a = sitrep_ingest::clean(d[0]).unwrap();
        let published = a.published.unwrap_or_else(|| panic!("no date in {html}"));
        assert_eq!(published.date.to_string(), "2024-09-20");
        assert_eq!(published.source, *want, "{html}");
    }
}
