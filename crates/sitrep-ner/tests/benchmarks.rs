//! Floors on the benchmarks' dev sets with the committed model (the test sets are measured
//! once, for the report, by `examples/eval_ner.rs`).

use sitrep_ner::{evaluate_conll, evaluate_crossner, Ner};

#[test]
fn conll_dev_floor() {
    let s = evaluate_conll(
        Ner::builtin(),
        &sitrep_testkit::data("ner/conll2003/dev.txt"),
    )
    .unwrap();
    assert!(s.n_gold > 5_000, "{s}");
    assert!(s.f1 >= 0.93, "CoNLL dev {s}");
    for (t, f1, _) in &s.per_type {
        assert!(*f1 >= 0.85, "CoNLL dev {t}: {s}");
    }
}

#[test]
fn crossner_politics_dev_floor() {
    let s = evaluate_crossner(
        Ner::builtin(),
        &sitrep_testkit::data("ner/crossner-politics/dev.txt"),
    )
    .unwrap();
    assert!(s.f1 >= 0.70, "CrossNER politics dev {s}");
}
