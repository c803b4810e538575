//! The same event reported by two outlets with different numbers: one merged event with both
//! reports as evidence, two outlets, and the conflict shown side by side.

mod common;
use common::*;

#[test]
fn conflicting_quantities_are_merged_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let recs = [
        serde_json::json!({
            "text": "Germany has pledged 14 Leopard tanks to Ukraine, Chancellor Olaf Scholz said on Wednesday. The tanks will come from Bundeswehr stocks, officials in Berlin said.",
            "outlet": "dw.com", "published": "2023-01-25",
            "title": "Germany pledges Leopard tanks to Ukraine"}),
        serde_json::json!({
            "text": "Germany pledged 18 Leopard tanks to Ukraine, Olaf Scholz told parliament on Wednesday. Poland welcomed the decision to send the tanks from German stocks.",
            "outlet": "reuters.com", "published": "2023-01-25",
            "title": "Scholz: Germany to send Leopard tanks to Ukraine"}),
    ];
    let text: String = recs.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(&feed, text).unwrap();
    let db = dir.path().join("t.db");
    let o = sitrep(&db, &["ingest", feed.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));

    let events = exported_events(&db);
    let pledge = events
        .iter()
        .find(|e| e["type"] == "AGREE" && e["source"]["name"] == "Germany")
        .unwrap_or_else(|| panic!("no German pledge in {events:#?}"));
    assert_eq!(pledge["articles"], 2, "{pledge:#}");
    assert_eq!(pledge["outlets"], 2, "{pledge:#}");
    assert_eq!(pledge["date"]["value"], "2023-01-25");
    let d = &pledge["disagreements"][0];
    assert_eq!(d["field"], "quantity", "{pledge:#}");
    let values: Vec<&str> = d["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_str().unwrap())
        .collect();
    assert!(values.iter().any(|v| v.contains("14")) && values.iter().any(|v| v.contains("18")));

    let o = sitrep(&db, &["report", "--all"]);
    let report = stdout(&o);
    assert!(report.contains("outlets disagree"), "{report}");
    assert!(report.contains("Leopard"), "{report}");
}
