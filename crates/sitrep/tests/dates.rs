//! Event dates end to end: resolved against the publication date when there is one, left
//! unresolved (and said so) when there is none; the export tells where each date came from.

mod common;
use common::*;
use serde_json::Value;

/// The Netherlands' Patriot pledge in sample 000 ("... Mark Rutte as saying on Tuesday").
fn patriot_pledge(events: &[Value]) -> &Value {
    events
        .iter()
        .find(|e| {
            e["source"]["name"] == "Netherlands"
                && e["object"].as_array().is_some_and(|o| {
                    o.iter()
                        .any(|o| o["text"].as_str().unwrap_or("").contains("Patriot"))
                })
        })
        .unwrap_or_else(|| panic!("no Netherlands Patriot event in {events:#?}"))
}

#[test]
fn weekday_resolves_against_the_publication_date() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let rec = serde_json::json!({
        "text": sitrep_testkit::sample("000"),
        "published": "2023-01-18",
        "outlet": "example.com",
    });
    std::fs::write(&feed, format!("{rec}\n")).unwrap();
    let db = dir.path().join("t.db");
    let o = sitrep(&db, &["ingest", feed.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let events = exported_events(&db);
    let d = &patriot_pledge(&events)["date"];
    assert_eq!(d["value"], "2023-01-17", "{d}");
    assert_eq!(d["from"], "text");
    assert_eq!(d["text"], "Tuesday");
    assert_eq!(d["anchor"], "2023-01-18");
    // Events with no time expression of their own carry the publication date, marked so.
    assert!(events
        .iter()
        .any(|e| e["date"]["from"] == "published" && e["date"]["value"] == "2023-01-18"));
}

#[test]
fn without_a_publication_date_nothing_is_invented() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let file = samples_dir().join("000_43be47f687196c6b.txt");
    let o = sitrep(&db, &["ingest", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let events = exported_events(&db);
    let d = &patriot_pledge(&events)["date"];
    assert!(d["value"].is_null(), "{d}");
    assert_eq!(d["text"], "Tuesday");
    assert!(
        d["unresolved"].as_str().is_some_and(|s| !s.is_empty()),
        "{d}"
    );
    assert!(events.iter().all(|e| e["date"]["from"] != "published"));
}
