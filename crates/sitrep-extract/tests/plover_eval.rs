//! Regression floor on the PLOVER gold-standard records (`eval plover`).
//!
//! The bars are type accuracy >= 0.80 and source accuracy >= 0.75; the source bar is
//! reached, the type bar not yet. This test asserts the measured floors (just under what the
//! extractor reaches) so that changes cannot silently lose ground. The records are a test set: no
//! rule in the extractor is written for a particular sentence, and no rule was chosen by looking
//! at one. Like every data-driven test it fails when the shared data is missing.

/// One of the project's own sets in `tests/data/`, scored and printed; it must hold `n` records.
fn own_set(name: &str, n: usize) -> sitrep_extract::eval::PloverScores {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    // Records with a `text_ref` read their sentence from the shared data.
    let scores =
        sitrep_extract::eval::plover_in(&path, Some(&sitrep_testkit::data_dir())).expect("records");
    println!("{scores}");
    print!("{}", scores.confusion());
    assert_eq!(scores.records.len(), n, "{name}");
    scores
}

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
    assert!(scores.type_accuracy >= 0.71, "{line}");
    assert!(scores.source_accuracy >= 0.80, "{line}");
    assert!(scores.target_accuracy >= 0.47, "{line}");
}

/// The project's own dev set (`tests/data/plover-dev.jsonl`, 164 sentences written for sitrep,
/// 9 to 12 per PLOVER type, labelled by the manual's definitions and the CAMEO -> PLOVER table):
/// the set that trigger work is checked on, since the gold records are a test set.
#[test]
fn plover_dev_floor() {
    let scores = own_set("plover-dev.jsonl", 164);
    for kind in sitrep_core::PloverType::ALL {
        let n = scores
            .records
            .iter()
            .filter(|r| r.gold == kind.as_str())
            .count();
        assert!(n >= 9, "{} dev records of {}", n, kind.as_str());
    }
    let line = scores.to_string();
    assert!(scores.type_accuracy >= 0.95, "{line}");
    assert!(scores.source_accuracy >= 0.90, "{line}");
}

/// The per-CAMEO-code dev set (`tests/data/plover-dev-cameo.jsonl`, 299 sentences written for
/// sitrep: one for every code of the CAMEO -> PLOVER table, labelled by it, and 23 more for
/// the categories journalists word in the most ways). It covers the long tail of the CAMEO
/// categories that the first dev set, written per PLOVER type, missed.
#[test]
fn plover_cameo_dev_floor() {
    let scores = own_set("plover-dev-cameo.jsonl", 299);
    let line = scores.to_string();
    assert!(scores.type_accuracy >= 0.88, "{line}");
    assert!(scores.source_accuracy >= 0.80, "{line}");
}

/// The wire-style per-CAMEO-code dev set (`tests/data/plover-dev-wire.jsonl`, 276 sentences
/// written for sitrep in the manner of 1990s-2000s wire leads, one per code of the table).
#[test]
fn plover_wire_dev_floor() {
    let scores = own_set("plover-dev-wire.jsonl", 276);
    let line = scores.to_string();
    assert!(scores.type_accuracy >= 0.86, "{line}");
    assert!(scores.source_accuracy >= 0.85, "{line}");
}

/// The held-out check set (`tests/data/plover-check.jsonl`, 276 sentences written for sitrep,
/// one per code): measured after the trigger work chosen on the dev sets, never used to choose
/// triggers. The floor guards what the dev-set work generalised to (0.819 type, 0.848 source
/// when it was first measured).
#[test]
fn plover_check_floor() {
    let scores = own_set("plover-check.jsonl", 276);
    let line = scores.to_string();
    assert!(scores.type_accuracy >= 0.80, "{line}");
    assert!(scores.source_accuracy >= 0.82, "{line}");
}

/// Asserts each set's (file, records, type floor, source floor).
fn floors(sets: &[(&str, usize, f64, f64)]) {
    for &(name, n, ty, src) in sets {
        let scores = own_set(name, n);
        let line = scores.to_string();
        assert!(scores.type_accuracy >= ty, "{name}: {line}");
        assert!(scores.source_accuracy >= src, "{name}: {line}");
    }
}

/// The three per-code sets with every country and capital name replaced by an invented one
/// (`*-renamed.jsonl`): actors the knowledge base cannot know must still be found, as subjects
/// and as places acting. Before the extractor took unknown places and sentence-initial names as
/// actors, these read 0.837/0.578 (wire), 0.890/0.642 (cameo) and 0.750/0.547 (check) for type
/// and source; the floors sit just under what is measured now, close to the original sets.
#[test]
fn plover_renamed_floor() {
    floors(&[
        ("plover-dev-wire-renamed.jsonl", 276, 0.86, 0.85),
        ("plover-dev-cameo-renamed.jsonl", 299, 0.89, 0.80),
        ("plover-check-renamed.jsonl", 276, 0.79, 0.80),
    ]);
}

/// The three per-code sets with a wire-service dateline before every sentence
/// (`*-dateline.jsonl`: "MOSCOW, July 2 (Reuters) - ", "LAGOS, Nigeria -- ", "London (AP) — "):
/// the dateline's place is not the source and its date not the event. Before datelines were
/// skipped these read 0.848/0.749 (wire), 0.863/0.686 (cameo) and 0.779/0.728 (check) for type
/// and source; now they read as the plain sets do, and the floors are the plain sets' floors.
#[test]
fn plover_dateline_floor() {
    floors(&[
        ("plover-dev-wire-dateline.jsonl", 276, 0.86, 0.85),
        ("plover-dev-cameo-dateline.jsonl", 299, 0.88, 0.80),
        ("plover-check-dateline.jsonl", 276, 0.80, 0.82),
    ]);
}

/// One of our sets of real wire copy, whose records point at their sentence in the shared
/// data: every record finds its text, and type and source accuracy meet their floors.
fn reuters_floor(name: &str, n: usize, type_floor: f64, source_floor: f64) {
    let scores = own_set(name, n);
    assert!(scores.records.iter().all(|r| !r.text.is_empty()));
    let line = scores.to_string();
    assert!(scores.type_accuracy >= type_floor, "{name}: {line}");
    assert!(scores.source_accuracy >= source_floor, "{name}: {line}");
}

/// Real wire copy (`tests/data/plover-dev-reuters.jsonl`: 248 sentences of Reuters news from
/// CoNLL-2003 train, labelled for sitrep; the file holds our labels and points at the text in
/// the shared data). A dev set, like the per-code sets, but of sentences nobody wrote for us.
/// It read 0.593 type accuracy when it was made; the floors sit just under what is measured
/// now (0.774/0.597).
#[test]
fn plover_reuters_dev_floor() {
    reuters_floor("plover-dev-reuters.jsonl", 248, 0.75, 0.58);
    // Without the shared data folder such records are an error that says why, not a score.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/plover-dev-reuters.jsonl");
    let err = sitrep_extract::eval::plover(&path).expect_err("needs the shared data");
    assert!(err.to_string().contains("text_ref"), "{err}");
}

/// The second draw of real wire copy (`tests/data/plover-dev-reuters2.jsonl`: 257 other
/// sentences of CoNLL-2003 train). It read 0.630 type and 0.628 source accuracy when it was
/// made, before any rule was chosen on it; the floors sit just under what is measured now
/// (0.735/0.650).
#[test]
fn plover_reuters2_dev_floor() {
    reuters_floor("plover-dev-reuters2.jsonl", 257, 0.71, 0.63);
}
