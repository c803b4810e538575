//! The foundation's acceptance on the bundled samples: the demo's key events, the export
//! format, idempotent re-ingest.

mod common;
use common::*;
use serde_json::Value;

fn text(v: &Value, path: &[&str]) -> String {
    let mut cur = v;
    for p in path {
        cur = &cur[*p];
    }
    cur.as_str().unwrap_or("").to_string()
}

#[test]
fn milley_zaluzhnyi_meeting_in_poland_is_a_consult() {
    let (_d, db) = ingest_samples();
    let events = exported_events(&db);
    let found = events.iter().find(|e| {
        let names = format!(
            "{} {}",
            text(e, &["source", "name"]),
            text(e, &["target", "name"])
        );
        e["type"] == "CONSULT" && names.contains("Milley") && names.contains("Zaluzhnyi")
    });
    let e = found.unwrap_or_else(|| panic!("no Milley-Zaluzhnyi CONSULT in {events:#?}"));
    assert!(text(e, &["location", "name"]).contains("Poland"), "{e:#}");
    assert_eq!(e["modality"], "asserted");
    let sentences: Vec<String> = e["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|ev| text(ev, &["sentence"]))
        .collect();
    assert!(
        sentences
            .iter()
            .any(|s| s.contains("met with Ukraine’s Chief Military Officer")),
        "{e:#}"
    );
}

#[test]
fn pentagon_refuses_atacms_to_zelensky_per_wsj() {
    let (_d, db) = ingest_samples();
    let events = exported_events(&db);
    let found = events.iter().find(|e| {
        let src = text(e, &["source", "name"]);
        e["type"] == "REJECT"
            && (src.contains("Austin") || src.contains("Defense"))
            && text(e, &["target", "name"]).contains("Zelensky")
            && e["object"]
                .as_array()
                .is_some_and(|o| o.iter().any(|o| text(o, &["text"]).contains("ATACMS")))
    });
    let e = found.unwrap_or_else(|| panic!("no Austin/Pentagon REJECT of ATACMS in {events:#?}"));
    assert!(
        text(e, &["attribution", "name"]).contains("Wall Street Journal"),
        "{e:#}"
    );
    assert_eq!(text(e, &["source", "country"]), "USA");
    // The evidence points at the exact sentence in the stored clean text.
    let ev = &e["evidence"][0];
    let (start, end) = (
        ev["start"].as_u64().unwrap() as usize,
        ev["end"].as_u64().unwrap() as usize,
    );
    let o = sitrep(&db, &["export", "articles", "--format", "jsonl"]);
    let article: Value = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|a| a["id"] == ev["article"])
        .expect("evidence article exported");
    assert_eq!(
        &text(&article, &["text"])[start..end],
        text(ev, &["sentence"])
    );
}

#[test]
fn export_follows_the_design_format() {
    let (_d, db) = ingest_samples();
    let events = exported_events(&db);
    assert!(!events.is_empty());
    for e in &events {
        for k in [
            "id",
            "type",
            "mode",
            "modality",
            "source",
            "target",
            "object",
            "location",
            "date",
            "attribution",
            "evidence",
            "articles",
            "outlets",
            "story",
            "confidence",
        ] {
            assert!(e.get(k).is_some(), "field {k} missing in {e}");
        }
        assert!(e["evidence"].as_array().is_some_and(|v| !v.is_empty()));
        assert!(e["articles"].as_u64().unwrap() >= 1);
        let c = e["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c));
    }
    // CSV has a header and one row per event.
    let o = sitrep(&db, &["export", "events", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    assert!(r.headers().unwrap().iter().any(|h| h == "attribution"));
    assert_eq!(r.records().count(), events.len());
}

#[test]
fn reingesting_changes_nothing() {
    let (_d, db) = ingest_samples();
    let before = db_counts(&db);
    assert_eq!(before.0, 3);
    let o = sitrep(&db, &["ingest", samples_dir().to_str().unwrap()]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("0 new (0 near-duplicate copies), 3 already stored"),
        "{}",
        stderr(&o)
    );
    assert_eq!(db_counts(&db), before);
}

#[test]
fn demo_prints_the_report_with_sources() {
    let o = bin().args(["demo"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("CONSULT"), "{out}");
    assert!(out.contains("REJECT"), "{out}");
    assert!(out.contains("too much to ask"), "{out}");
    assert!(out.contains("### Sources"), "{out}");
}

#[test]
fn explain_marks_the_words_each_field_came_from() {
    let (_d, db) = ingest_samples();
    let events = exported_events(&db);
    let reject = events
        .iter()
        .find(|e| e["type"] == "REJECT" && text(e, &["source", "name"]).contains("Austin"))
        .expect("Austin's refusal");
    let id = text(reject, &["id"]);
    let o = sitrep(&db, &["events", "--explain", &id[..8]]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("[SOURCE Lloyd Austin]"), "{out}");
    assert!(out.contains("[TRIGGER"), "{out}");
    assert!(out.contains("[OBJECT ATACMS"), "{out}");
    assert!(
        out.contains("[ATTRIBUTION according to the Wall Street Journal]"),
        "{out}"
    );
    let o = sitrep(&db, &["events", "--explain", "no-such-event"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no event"), "{}", stderr(&o));
}

/// Regression: the undated Milley-Zaluzhnyi article (January 2023) once joined the May 2024
/// NATO-trainers story, because without a date the time window could not keep them apart.
#[test]
fn undated_article_does_not_join_an_unrelated_dated_story() {
    let (_d, db) = ingest_samples();
    let o = sitrep(&db, &["export", "stories", "--format", "jsonl"]);
    let stories: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(stories.len(), 3, "{stories:#?}");
    assert!(stories
        .iter()
        .all(|s| s["articles"].as_array().unwrap().len() == 1));
}
