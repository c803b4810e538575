//! Helpers for the CLI tests: run the real binary on real data in a temporary folder.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    c.env_remove("SITREP_DB").env("NO_COLOR", "1");
    c
}

/// Runs `sitrep --db DB ARGS...` and returns its output.
pub fn sitrep(db: &Path, args: &[&str]) -> Output {
    bin()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run sitrep")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The bundled sample articles' folder.
pub fn samples_dir() -> PathBuf {
    sitrep_testkit::repo_root().join("examples/articles")
}

/// `(articles, events)` rows in the database, read with SQLite directly (not through sitrep).
pub fn db_counts(db: &Path) -> (i64, i64) {
    let c = rusqlite::Connection::open(db).expect("open db");
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check");
    assert_eq!(ok, "ok", "database {} is damaged", db.display());
    let n = |t: &str| -> i64 {
        c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .expect("count")
    };
    (n("articles"), n("events"))
}

/// The merged events `sitrep export events --format jsonl` prints, parsed.
pub fn exported_events(db: &Path) -> Vec<serde_json::Value> {
    let o = sitrep(db, &["export", "events", "--format", "jsonl"]);
    assert!(o.status.success(), "export failed: {}", stderr(&o));
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each export line is JSON"))
        .collect()
}

/// A temporary database with the bundled samples ingested (keep the folder alive).
pub fn ingest_samples() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let o = sitrep(&db, &["ingest", samples_dir().to_str().unwrap()]);
    assert!(o.status.success(), "ingest failed: {}", stderr(&o));
    (dir, db)
}
