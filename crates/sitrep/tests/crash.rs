//! A `kill -9` during ingest leaves a database that opens and holds every article committed
//! before the kill; running the same ingest again completes it with no duplicates.

mod common;
use common::*;
use std::time::{Duration, Instant};

/// A JSONL file of `n` distinct articles built from the sample articles' paragraphs.
fn corpus(path: &std::path::Path, n: usize) {
    let mut paras = Vec::new();
    for p in sitrep_testkit::sample_articles() {
        let t = std::fs::read_to_string(p).unwrap();
        paras.extend(t.split('\n').filter(|l| l.len() > 120).map(str::to_string));
    }
    let mut out = String::new();
    for i in 0..n {
        let body: Vec<&str> = (0..6)
            .map(|k| paras[(i * 7 + k * 3) % paras.len()].as_str())
            .collect();
        let rec = serde_json::json!({
            "text": format!("{}\n\nDispatch number {i}.", body.join("\n\n")),
            "url": format!("https://example.com/{i}"),
            "outlet": format!("outlet{}.example", i % 13),
            "published": format!("2024-05-{:02}", 1 + i % 28),
        });
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn kill_9_loses_nothing_committed_and_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.jsonl");
    // Each article is committed in its own transaction, so the first commit comes long before
    // the last; 1000 articles keep the database near 25 MB, small enough for a crowded CI disk.
    let n = 1000;
    corpus(&input, n);
    let db = dir.path().join("t.db");

    let mut child = bin()
        .arg("--db")
        .arg(&db)
        .args(["ingest", "--quiet", input.to_str().unwrap()])
        .spawn()
        .unwrap();
    // Wait until some articles are committed, then kill -9.
    let start = Instant::now();
    let mut committed = 0;
    while start.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(50));
        if let Ok(c) =
            rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        {
            committed = c
                .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
                .unwrap_or(0);
        }
        if committed > 0 || child.try_wait().unwrap().is_some() {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    assert!(committed > 0, "nothing was committed within the time limit");

    let (after_kill, _) = db_counts(&db);
    assert!(
        after_kill >= committed,
        "lost articles: {after_kill} < {committed}"
    );
    assert!(
        after_kill < n as i64,
        "ingest finished before the kill; raise n"
    );

    let o = sitrep(&db, &["ingest", "--quiet", input.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (total, _) = db_counts(&db);
    assert_eq!(
        total,
        n as i64,
        "rerun must complete the ingest: {}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains(&format!("{after_kill} already stored")),
        "{}",
        stderr(&o)
    );
}
