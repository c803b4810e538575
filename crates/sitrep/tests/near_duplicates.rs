//! Syndicated or lightly edited copies: the copy is marked as a near-duplicate of the original,
//! its reports add evidence, and they do not add an outlet.

mod common;
use common::*;
use serde_json::Value;

#[test]
fn edited_copy_is_a_near_duplicate_and_counts_once_as_an_outlet() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for p in sitrep_testkit::sample_articles() {
        std::fs::copy(&p, input.join(p.file_name().unwrap())).unwrap();
    }
    // A copy of sample 000 with its title and first paragraph edited, as a syndicating site
    // would publish it.
    let original = sitrep_testkit::sample("000");
    let first_para = "The senior US military officer traveled to Poland and spoke face-to-face \
                      with his Ukrainian counterpart for the first time as Russia’s war against \
                      Ukraine nears the one-year mark.";
    assert!(original.contains(first_para));
    let copy = original
        .replace(
            "Top Ukraine US military leaders meet over urgent needs",
            "Milley and Zaluzhnyi meet for the first time",
        )
        .replace(
            "Top Ukraine, US military leaders meet over ‘urgent needs’",
            "Milley and Zaluzhnyi meet for the first time",
        )
        .replace(
            first_para,
            "America's top general met Ukraine's military chief in person for the first time, \
             close to the Polish border with Ukraine.",
        );
    std::fs::write(input.join("zz_copy.txt"), copy).unwrap();

    let db = dir.path().join("t.db");
    let o = sitrep(&db, &["ingest", input.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("4 new (1 near-duplicate copies)"),
        "{}",
        stderr(&o)
    );

    let o = sitrep(&db, &["export", "articles", "--format", "jsonl"]);
    let articles: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let orig = articles
        .iter()
        .find(|a| {
            a["source"]["path"]
                .as_str()
                .unwrap()
                .ends_with("000_43be47f687196c6b.txt")
        })
        .unwrap();
    let copy = articles
        .iter()
        .find(|a| {
            a["source"]["path"]
                .as_str()
                .unwrap()
                .ends_with("zz_copy.txt")
        })
        .unwrap();
    assert_eq!(copy["duplicate_of"], orig["id"]);
    assert_eq!(copy["story"], orig["story"]);
    for a in &articles {
        if a["id"] != copy["id"] {
            assert!(a["duplicate_of"].is_null(), "{}", a["id"]);
        }
    }

    // The meeting is reported by both copies: two articles, one outlet.
    let events = exported_events(&db);
    let meeting = events
        .iter()
        .find(|e| {
            e["type"] == "CONSULT"
                && e["source"]["name"]
                    .as_str()
                    .unwrap_or("")
                    .contains("Milley")
                && e["target"]["name"]
                    .as_str()
                    .unwrap_or("")
                    .contains("Zaluzhnyi")
        })
        .unwrap_or_else(|| panic!("no meeting in {events:#?}"));
    assert_eq!(meeting["articles"], 2, "{meeting:#}");
    assert_eq!(meeting["outlets"], 1, "{meeting:#}");
}
