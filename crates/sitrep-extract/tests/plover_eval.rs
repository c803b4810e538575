//! Regression floor on the PLOVER gold-standard records (`eval plover`).
//!
//! The bars are type accuracy >= 0.80 and source accuracy >= 0.75; the source bar is
//! reached, the type bar not yet. This test asserts the measured floors (just under what the
//! extractor reaches) so that changes cannot silently lose ground. The records are a test set: no
//! rule in the extractor is written for a particular sentence, and no rule was chosen by looking
//! at one. Like every data-driven test it fails when the shared data is missing.

#[test]
fn plover_gold_floor() {
    let path = sitrep_testkit::data("events/plover/gold_standard_records.jsonl");
    let scores = sitrep_extract::eval::plover(&path).expect("gold records");
    println!("{scores}");
    print!("{}", scores.confusion());
    assert_eq!(scores.records.len(), 322);
    let line = scores.to_string();
    assert!(line.starts_with("eval plover type_accuracy="), "{line}");
    assert!(!line.contains('\n'));
    assert!(scores.type_accuracy >= 0.70, "{line}");
    assert!(scores.source_accuracy >= 0.80, "{line}");
    assert!(scores.target_accuracy >= 0.46, "{line}");
}
