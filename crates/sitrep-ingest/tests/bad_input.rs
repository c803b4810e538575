//! Broken, odd and hostile inputs: each yields the right skip, with its file and line, and the
//! good documents beside them all come through.

use sitrep_ingest::{
    clean, discover, read_paths, Format, Input, Item, RawDoc, ReadOptions, Skip, SkipReason,
};
use std::path::{Path, PathBuf};

mod common;
use common::{docs, gzip, skips, write};

fn read(path: &Path, opts: &ReadOptions) -> Vec<Item> {
    common::read_with(path, opts)
}

/// The one skip a single-document input yields.
fn only_skip(path: &Path, opts: &ReadOptions) -> Skip {
    let items = read(path, opts);
    match items.as_slice() {
        [Item::Skip(s)] => {
            assert_eq!(s.source.path, path.display().to_string());
            s.clone()
        }
        other => panic!("{}: expected one skip, got {other:?}", path.display()),
    }
}

fn sample_000() -> String {
    sitrep_testkit::sample("000")
}

/// Ten JSONL records; line 4 has no `text`, line 5 is blank, line 7 is broken JSON.
fn jsonl_with_bad_lines() -> String {
    let mut lines = Vec::new();
    for n in 1..=10 {
        let line = match n {
            4 => r#"{"title": "No text here", "url": "https://example.com/4"}"#.to_string(),
            5 => "   ".to_string(),
            7 => r#"{"text": "Broken record, "title": }"#.to_string(),
            _ => serde_json::json!({
                "id": format!("r{n}"),
                "title": format!("Headline number {n}"),
                "text": format!("Headline number {n}\n\nRecord {n} says the army moved north on Monday."),
                "url": format!("https://www.example.com/story/{n}"),
                "published": "2024-09-19T10:00:00Z",
            })
            .to_string(),
        };
        lines.push(line);
    }
    lines.join("\n") + "\n"
}

#[test]
fn empty_binary_and_invalid_utf8_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = ReadOptions::default();

    let empty = write(dir.path(), "empty.txt", b"");
    assert_eq!(only_skip(&empty, &opts).reason, SkipReason::Empty);
    let blank = write(dir.path(), "blank.txt", b"\xEF\xBB\xBF \r\n\t\n");
    assert_eq!(only_skip(&blank, &opts).reason, SkipReason::Empty);

    let png = write(
        dir.path(),
        "image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0",
    );
    assert_eq!(only_skip(&png, &opts).reason, SkipReason::Binary);
    let controls: Vec<u8> = (0..400).map(|i| [1u8, 2, 3, b'a'][i % 4]).collect();
    let ctl = write(dir.path(), "controls.txt", &controls);
    assert_eq!(only_skip(&ctl, &opts).reason, SkipReason::Binary);

    let latin1 = write(dir.path(), "latin1.txt", b"Caf\xe9 society\n\nA paragraph.");
    let s = only_skip(&latin1, &opts);
    assert_eq!(s.reason, SkipReason::InvalidUtf8 { offset: 3 });
    assert_eq!(s.reason.code(), "invalid-utf8");
    assert_eq!(
        s.to_string(),
        format!(
            "{}: not valid UTF-8 (first bad byte at offset 3)",
            latin1.display()
        )
    );

    // HTML is read as a page, told by its head or by its name.
    let html = write(
        dir.path(),
        "page.txt",
        b"  <!DOCTYPE html>\n<html><body>x</body></html>",
    );
    let items = read(&html, &opts);
    assert!(matches!(items.as_slice(), [Item::Doc(d)] if d.format == Format::Html));
    let fragment = write(dir.path(), "fragment.htm", b"Just a fragment of a page");
    let items = read(&fragment, &opts);
    assert!(matches!(items.as_slice(), [Item::Doc(d)] if d.format == Format::Html));
}

#[test]
fn missing_path_is_not_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nope.txt");
    let (inputs, skips) = discover(&[missing.clone(), PathBuf::from("-")]);
    assert_eq!(inputs, vec![Input::Stdin]);
    assert_eq!(skips.len(), 1);
    assert_eq!(skips[0].reason, SkipReason::NotFound);
    assert_eq!(skips[0].reason.code(), "not-found");
    assert_eq!(skips[0].source.path, missing.display().to_string());
    // Reading a path that vanished after discovery says the same.
    assert_eq!(
        only_skip(&missing, &ReadOptions::default()).reason,
        SkipReason::NotFound
    );
    assert_eq!(Input::Stdin.to_string(), "-");
}

#[test]
fn truncated_gzip_text_is_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let gz = gzip(sample_000().as_bytes());
    let cut = write(dir.path(), "cut.txt.gz", &gz[..gz.len() / 2]);
    let s = only_skip(&cut, &ReadOptions::default());
    assert_eq!(s.reason, SkipReason::TruncatedGzip);
    assert_eq!(s.reason.code(), "truncated-gzip");

    // Cut just before the 8-byte trailer: all data there, the check sums missing.
    let no_trailer = write(dir.path(), "no-trailer.txt.gz", &gz[..gz.len() - 4]);
    assert_eq!(
        only_skip(&no_trailer, &ReadOptions::default()).reason,
        SkipReason::TruncatedGzip
    );

    // The whole file reads, whatever it is named: gzip is told by its magic bytes.
    let whole = write(dir.path(), "article", &gz);
    let items = read(&whole, &ReadOptions::default());
    assert_eq!(docs(&items).len(), 1);
    assert_eq!(docs(&items)[0].text, sample_000());
    // And a plain file named .gz is plain text.
    let plain = write(dir.path(), "plain.txt.gz", sample_000().as_bytes());
    assert_eq!(
        docs(&read(&plain, &ReadOptions::default()))[0].text,
        sample_000()
    );
}

#[test]
fn truncated_gzip_jsonl_keeps_the_complete_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let record = |n: usize| {
        serde_json::json!({ "text": format!("Record {n}: {}", "the army moved north. ".repeat(20)) })
            .to_string()
    };
    let data: String = (1..=200).map(|n| record(n) + "\n").collect();
    let gz = gzip(data.as_bytes());
    let cut = write(dir.path(), "cut.jsonl.gz", &gz[..gz.len() * 3 / 5]);
    let items = read(&cut, &ReadOptions::default());
    let got = docs(&items);
    assert!(
        got.len() > 10 && got.len() < 200,
        "{} records read",
        got.len()
    );
    for (i, d) in got.iter().enumerate() {
        assert_eq!(d.source.line, Some(i as u64 + 1));
        assert_eq!(
            d.text,
            format!("Record {}: {}", i + 1, "the army moved north. ".repeat(20))
        );
    }
    let s = skips(&items);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].reason, SkipReason::TruncatedGzip);
    assert_eq!(
        s[0].source.line,
        Some(got.len() as u64 + 1),
        "skip at the broken line"
    );
    assert!(
        matches!(items.last(), Some(Item::Skip(_))),
        "the skip comes last"
    );
}

#[test]
fn fifty_megabyte_text_is_too_large() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sentence = "The army moved north on Monday, officials said. ";
    let big: String = sentence.repeat(50_000_000 / sentence.len() + 1);
    let big = &big[..50_000_000];
    let path = write(dir.path(), "big.txt", big.as_bytes());
    let limit = ReadOptions::default().max_doc_bytes as u64;
    let s = only_skip(&path, &ReadOptions::default());
    // The size comes from the file's metadata: the file was not read to find it.
    assert_eq!(
        s.reason,
        SkipReason::TooLarge {
            bytes: 50_000_000,
            limit
        }
    );
    assert_eq!(s.reason.code(), "too-large");

    // Compressed, the size is unknown: reading stops one byte past the limit.
    let gz = write(dir.path(), "big.txt.gz", &gzip(big.as_bytes()));
    let s = only_skip(&gz, &ReadOptions::default());
    assert_eq!(
        s.reason,
        SkipReason::TooLarge {
            bytes: limit + 1,
            limit
        }
    );

    // A smaller limit applies to every document.
    let small = ReadOptions { max_doc_bytes: 100 };
    let doc = write(dir.path(), "doc.txt", sample_000().as_bytes());
    let s = only_skip(&doc, &small);
    assert!(matches!(s.reason, SkipReason::TooLarge { limit: 100, .. }));
}

#[test]
fn jsonl_bad_lines_are_skipped_with_their_line_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "feed.jsonl", jsonl_with_bad_lines().as_bytes());
    let items = read(&path, &ReadOptions::default());
    let good = docs(&items);
    let lines: Vec<u64> = good.iter().filter_map(|d| d.source.line).collect();
    assert_eq!(lines, vec![1, 2, 3, 6, 8, 9, 10]);
    for d in &good {
        assert_eq!(d.format, Format::Jsonl);
        assert_eq!(d.source.path, path.display().to_string());
        let n = d.source.line.expect("line");
        assert_eq!(d.meta.id, Some(format!("r{n}")));
        assert_eq!(d.meta.title, Some(format!("Headline number {n}")));
        assert_eq!(d.meta.published.as_deref(), Some("2024-09-19T10:00:00Z"));
        let a = clean(d).expect("cleans");
        assert_eq!(
            a.text,
            format!("Record {n} says the army moved north on Monday.")
        );
        assert_eq!(a.outlet.as_deref(), Some("example.com"));
        assert_eq!(a.source.line, Some(n));
    }
    let bad: Vec<(Option<u64>, &'static str)> = skips(&items)
        .iter()
        .map(|s| (s.source.line, s.reason.code()))
        .collect();
    assert_eq!(bad, vec![(Some(4), "missing-text"), (Some(7), "bad-json")]);
    let shown = skips(&items)[1].to_string();
    assert!(
        shown.starts_with(&format!("{}:7: bad JSON: ", path.display())),
        "{shown}"
    );
    // Items come in line order.
    let order: Vec<u64> = items.iter().filter_map(|i| i.source().line).collect();
    assert_eq!(order, vec![1, 2, 3, 4, 6, 7, 8, 9, 10]);
}

#[test]
fn jsonl_odd_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let small = ReadOptions {
        max_doc_bytes: 1000,
    };
    let long = serde_json::json!({ "text": "x".repeat(5000) }).to_string();
    let data = format!(
        "\u{feff}{{\"text\": \"first\"}}\r\n{long}\n[1, 2]\n{{\"text\": \"caf\u{e9}\", \"id\": 3}}\n{{\"text\": 7}}\n{{\"text\": \"\"}}\n{{\"text\": \"last, no newline\"}}"
    );
    let path = write(dir.path(), "odd.ndjson", data.as_bytes());
    let items = read(&path, &small);
    let got: Vec<(u64, &str)> = docs(&items)
        .iter()
        .map(|d| (d.source.line.unwrap_or(0), d.text.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![(1, "first"), (4, "caf\u{e9}"), (7, "last, no newline")]
    );
    let bad: Vec<(Option<u64>, &'static str)> = skips(&items)
        .iter()
        .map(|s| (s.source.line, s.reason.code()))
        .collect();
    assert_eq!(
        bad,
        vec![
            (Some(2), "too-large"),
            (Some(3), "bad-json"),
            (Some(5), "bad-json"),
            (Some(6), "empty")
        ]
    );

    // Invalid UTF-8 in a line: the offset is into the file.
    let mut bytes = b"{\"text\": \"ok\"}\n{\"text\": \"caf".to_vec();
    bytes.extend_from_slice(b"\xe9\"}\n{\"text\": \"ok again\"}\n");
    let path = write(dir.path(), "latin1.jsonl", &bytes);
    let items = read(&path, &small);
    assert_eq!(docs(&items).len(), 2);
    assert_eq!(
        skips(&items)[0].reason,
        SkipReason::InvalidUtf8 { offset: 28 }
    );
    assert_eq!(skips(&items)[0].source.line, Some(2));

    // A JSONL file with nothing in it is empty.
    let path = write(dir.path(), "blank.jsonl", b"\n  \n\n");
    let items = read(&path, &small);
    assert_eq!(items.len(), 1);
    assert_eq!(skips(&items)[0].reason, SkipReason::Empty);
}

#[test]
fn jsonl_is_told_by_content_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "feed.txt",
        format!("\n\n{}", jsonl_with_bad_lines()).as_bytes(),
    );
    let items = read(&path, &ReadOptions::default());
    assert_eq!(docs(&items).len(), 7);
    assert!(docs(&items).iter().all(|d| d.format == Format::Jsonl));
    // The line numbers count the blank lines before the first record.
    assert_eq!(docs(&items)[0].source.line, Some(3));

    // A text whose first line is not a JSON object stays text.
    let path = write(
        dir.path(),
        "brace.txt",
        b"{not json} said the headline\n\nBody text here.",
    );
    let d = read(&path, &ReadOptions::default());
    assert_eq!(docs(&d)[0].format, Format::Text);
}

#[test]
fn folder_mixing_good_and_bad_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let gz = gzip(sample_000().as_bytes());
    write(root, "a_good.txt", sitrep_testkit::sample("002").as_bytes());
    write(root, "b_empty.txt", b"");
    write(root, "c_binary.txt", b"\0\0\0\x01\x02binary");
    write(root, "d_latin1.txt", b"caf\xe9");
    write(root, "e_cut.txt.gz", &gz[..gz.len() / 2]);
    write(root, "f_feed.jsonl", jsonl_with_bad_lines().as_bytes());
    write(root, "g_page.html", b"<html><body>hi</body></html>");
    write(
        root,
        "h_notes",
        b"A headline without a name\n\nAnd a body that reads as text.",
    );
    write(root, "i_image.png", b"\x89PNG\r\n\x1a\n\0\0\0");
    write(root, "j_pretty.json", b"{\n  \"a\": 1\n}\n");
    write(root, ".hidden.txt", b"never read");
    write(root, ".git/config.txt", b"never read either");
    write(root, "sub/k_good.txt.gz", &gz);
    let missing = root.join("missing.txt");

    let (inputs, _) = discover(&[root.to_path_buf()]);
    let names: Vec<String> = inputs
        .iter()
        .map(|i| match i {
            Input::File(p) => p
                .strip_prefix(root)
                .expect("under root")
                .display()
                .to_string(),
            Input::Stdin => "-".into(),
        })
        .collect();
    assert_eq!(
        names,
        vec![
            "a_good.txt",
            "b_empty.txt",
            "c_binary.txt",
            "d_latin1.txt",
            "e_cut.txt.gz",
            "f_feed.jsonl",
            "g_page.html",
            "h_notes",
            "sub/k_good.txt.gz"
        ]
    );

    let items: Vec<Item> = read_paths(
        &[root.to_path_buf(), missing.clone()],
        &ReadOptions::default(),
    )
    .collect();
    let place = |s: &Skip| {
        let p = Path::new(&s.source.path);
        let name = p.strip_prefix(root).unwrap_or(p).display().to_string();
        (name, s.source.line, s.reason.code())
    };
    let got: Vec<(String, Option<u64>, &str)> = skips(&items).into_iter().map(place).collect();
    let want: Vec<(String, Option<u64>, &str)> = vec![
        ("missing.txt".into(), None, "not-found"),
        ("b_empty.txt".into(), None, "empty"),
        ("c_binary.txt".into(), None, "binary"),
        ("d_latin1.txt".into(), None, "invalid-utf8"),
        ("e_cut.txt.gz".into(), None, "truncated-gzip"),
        ("f_feed.jsonl".into(), Some(4), "missing-text"),
        ("f_feed.jsonl".into(), Some(7), "bad-json"),
    ];
    assert_eq!(got, want);

    let good = docs(&items);
    assert_eq!(
        good.len(),
        1 + 7 + 1 + 1 + 1,
        "a_good, seven feed records, g_page, h_notes, k_good"
    );
    let sources: Vec<String> = good
        .iter()
        .map(|d| {
            let p = Path::new(&d.source.path);
            p.strip_prefix(root).unwrap_or(p).display().to_string()
        })
        .collect();
    assert_eq!(sources[0], "a_good.txt");
    assert_eq!(sources[8], "g_page.html");
    assert_eq!(good[8].format, Format::Html);
    assert_eq!(sources[9], "h_notes");
    assert_eq!(sources[10], "sub/k_good.txt.gz");
    for d in good {
        let a = clean(d).unwrap_or_else(|r| panic!("{}: {r}", d.source.path));
        assert!(!a.text.is_empty());
    }
}

/// Text unlike the samples: never a panic, and the invariants hold.
#[test]
fn odd_texts_clean_without_panic() {
    let giant = "word ".repeat(400_000);
    let texts: Vec<String> = vec![
        "One plain paragraph with no title at all, which is the whole article.".into(),
        "Title\r\nBody line one.\r\n\r\nBody line two.\r\n".into(),
        "\u{feff}\tTabbed title\t\n\n\tTabbed body that is a sentence.\t".into(),
        giant.clone(),
        "\u{2028}\u{200b}x".into(),
        "日本語のタイトル\n\n本文です。".into(),
        "Today : Sep 20, 2024".into(),
        "More news\nOther story one is here\nOther story two is here".into(),
        "Read Full Article at RT.com".into(),
        "é\r\r\r\n\n\u{feff}".into(),
    ];
    for t in &texts {
        let doc = RawDoc {
            source: Default::default(),
            text: t.clone(),
            meta: Default::default(),
            format: Format::Text,
        };
        match clean(&doc) {
            Ok(a) => {
                for s in &a.segments {
                    assert_eq!(
                        a.text.get(s.clean_start..s.clean_start + s.len),
                        t.get(s.raw_start..s.raw_start + s.len)
                    );
                }
                assert_eq!(a.id, sitrep_core::article_id(&a.text));
            }
            Err(r) => assert_eq!(r, SkipReason::NoBody, "{t:?}"),
        }
    }
    let one = |t: &str| {
        clean(&RawDoc {
            source: Default::default(),
            text: t.into(),
            meta: Default::default(),
            format: Format::Text,
        })
    };
    assert_eq!(one(&texts[0]).expect("body").text, texts[0]);
    assert_eq!(one(&texts[3]).expect("body").text, giant.trim_end());
    let crlf = one(&texts[1]).expect("body");
    assert_eq!(crlf.title.as_deref(), Some("Title"));
    assert_eq!(crlf.text, "Body line one.\n\nBody line two.");
    assert_eq!(
        one(&texts[2]).expect("body").text,
        "Tabbed body that is a sentence."
    );
    assert_eq!(one(&texts[6]), Err(SkipReason::NoBody));
    assert_eq!(one(&texts[7]), Err(SkipReason::NoBody));
    assert_eq!(one(&texts[8]), Err(SkipReason::NoBody));
}
