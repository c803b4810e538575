//! Bad input is reported with its place and reason and skipped; the rest of the batch goes on;
//! the exit code is non-zero only when nothing at all could be ingested.

mod common;
use common::*;
use flate2::write::GzEncoder;
use std::io::Write;
use std::path::Path;

fn write(p: &Path, bytes: &[u8]) {
    std::fs::write(p, bytes).unwrap();
}

/// A folder with one good article among every kind of bad input the issue lists.
fn bad_folder(dir: &Path) {
    let good = sitrep_testkit::sample("002");
    write(&dir.join("good.txt"), good.as_bytes());
    write(&dir.join("empty.txt"), b"");
    write(
        &dir.join("binary.txt"),
        &[0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 255, 254],
    );
    let mut bad_utf8 = b"Kyiv said on Tuesday that ".to_vec();
    bad_utf8.extend_from_slice(&[0xff, 0xfe, 0xc3, 0x28]);
    bad_utf8.extend_from_slice(b" the talks failed.");
    write(&dir.join("invalid-utf8.txt"), &bad_utf8);
    // A gzip cut in the middle.
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(sitrep_testkit::sample("000").as_bytes())
        .unwrap();
    let gz = gz.finish().unwrap();
    write(&dir.join("truncated.txt.gz"), &gz[..gz.len() / 2]);
    // 50 MB of text: one document far over the size limit.
    let mut big = std::fs::File::create(dir.join("huge.txt")).unwrap();
    let line = "Ukraine asked NATO for more air defence systems on Tuesday. ".repeat(100) + "\n";
    while big.metadata().unwrap().len() < 50 * 1024 * 1024 {
        big.write_all(line.as_bytes()).unwrap();
    }
    drop(big);
    // JSONL: line 7 broken, line 4 without `text`, the others good.
    let s4 = sitrep_testkit::sample("004");
    let paras: Vec<&str> = s4.split("\n\n").filter(|p| p.len() > 200).collect();
    let mut jsonl = String::new();
    for i in 1..=9 {
        let line = match i {
            4 => r#"{"title": "no text here", "url": "https://example.com/4"}"#.to_string(),
            7 => r#"{"text": "Zelensky asked for more Patriot systems", "title": "#.to_string(),
            _ => serde_json::json!({
                "text": paras[i % paras.len()].to_string() + &format!(" (item {i})"),
                "url": format!("https://example.com/{i}"),
                "outlet": "example.com",
                "published": "2024-05-17",
            })
            .to_string(),
        };
        jsonl.push_str(&line);
        jsonl.push('\n');
    }
    write(&dir.join("feed.jsonl"), jsonl.as_bytes());
}

#[test]
fn every_bad_input_is_reported_and_the_rest_is_ingested() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    bad_folder(&input);
    let db = dir.path().join("t.db");
    let o = sitrep(&db, &["ingest", input.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(o.status.success(), "exit {:?}: {err}", o.status);
    for (place, why) in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("invalid-utf8.txt", "UTF-8"),
        ("truncated.txt.gz", "gzip"),
        ("huge.txt", "large"),
        ("feed.jsonl:7", "JSON"),
        ("feed.jsonl:4", "text"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains("skipped") && l.contains(place))
            .unwrap_or_else(|| panic!("no skip reported for {place} in:\n{err}"));
        assert!(
            line.to_lowercase().contains(&why.to_lowercase()),
            "{place}: {line}"
        );
    }
    // good.txt plus the 7 good JSONL lines.
    assert_eq!(db_counts(&db).0, 8, "{err}");
}

#[test]
fn nothing_ingestable_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    write(&empty, b"");
    let db = dir.path().join("t.db");
    let o = sitrep(&db, &["ingest", empty.to_str().unwrap(), "/no/such/path"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("empty.txt"), "{err}");
    assert!(err.contains("/no/such/path"), "{err}");
}

#[test]
fn stdin_is_read_with_dash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut child = bin()
        .arg("--db")
        .arg(&db)
        .args(["ingest", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(sitrep_testkit::sample("004").as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(db_counts(&db).0, 1);
}

#[test]
fn views_without_a_database_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let o = sitrep(&dir.path().join("none.db"), &["events"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("sitrep ingest"), "{}", stderr(&o));
}
