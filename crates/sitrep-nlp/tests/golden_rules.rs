//! pySBD's English golden rules for sentence splitting: every rule must pass.

use serde_json::Value;
use sitrep_nlp::split_sentences;

#[test]
fn all_english_golden_rules_pass() {
    let path = sitrep_testkit::data("sentences/golden_rules_en.json");
    let raw = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let rules: Vec<Value> = serde_json::from_str(&raw).expect("golden rules are JSON");
    assert_eq!(rules.len(), 48, "expected 48 golden rules");

    let mut failures = Vec::new();
    for rule in &rules {
        let id = &rule["id"];
        let text = rule["text"].as_str().expect("rule text");
        let expected: Vec<&str> = rule["expected"]
            .as_array()
            .expect("rule expected")
            .iter()
            .map(|s| s.as_str().expect("expected sentence").trim())
            .collect();
        let got: Vec<&str> = split_sentences(text)
            .iter()
            .map(|s| s.slice(text).trim())
            .collect();
        if got != expected {
            failures.push(format!(
                "rule {id}: {text:?}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    let passed = rules.len() - failures.len();
    println!("golden rules: {passed}/{} passed", rules.len());
    assert!(
        failures.is_empty(),
        "{} golden rules failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
