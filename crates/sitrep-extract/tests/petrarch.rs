//! The PETRARCH2 unit-test evaluation (a measured number, no bar). It installs the validation
//! suite's verb dictionary for the whole process, so it lives in a test binary of its own.

#[test]
fn petrarch_unit_tests_run_with_the_validation_dictionaries() {
    let s = sitrep_extract::eval::petrarch(&sitrep_testkit::data("events/petrarch2"))
        .expect("unit-test records");
    let line = s.to_string();
    println!("{line}");
    assert!(line.starts_with("eval petrarch passed="), "{line}");
    // 284 records, 7 of which test PETRARCH's error handling and are not counted.
    assert_eq!(s.total, 277);
    assert!(s.events_expected > 300);
    assert!(s.passed <= s.total && s.events_found <= s.events_expected);
    // With the validation verbs installed, codes come from that dictionary: some expected
    // events are found with the exact code (none were, with the CAMEO 2.0 verbs).
    assert!(s.events_found >= 20, "{line}");
    // A second dictionary cannot be installed over the first.
    assert!(sitrep_extract::cameo::install_verbs("--- MEET [040] ---\nMEET\n").is_err());
}

#[test]
fn a_verb_dictionary_without_the_patterns_marker_is_read() {
    let tsv = sitrep_extract::cameo::convert(
        "<!-- comment -->\n&CURRENCY\n+DOLLARS\n\n--- URGE  [102] ---\nURGE\n- * OUR FRIENDS [def]\n--- BLAST [+++] ---\nBLAST\n",
        "",
    )
    .expect("converts");
    assert!(tsv.contains("S\t&currency\tdollars"), "{tsv}");
    assert!(tsv.contains("V\turge\turge\t-\t102"), "{tsv}");
    assert!(tsv.contains("V\tblast\tblast\t-\t-"), "{tsv}");
    assert!(!tsv.contains("our friends"), "{tsv}");
}
