//! The TempEval-3 platinum bar: relaxed span F1 >= 0.91 and value F1 >= 0.80 on its 138 gold
//! TIMEX3 (HeidelTime's published figures are about 0.90 / 0.78).

use sitrep_time::eval::{errors, evaluate_dir};

#[test]
fn tempeval3_platinum_meets_the_bar() {
    let dir = sitrep_testkit::data("time/tempeval3-platinum");
    let s = evaluate_dir(&dir).expect("TE3 platinum readable");
    println!("{s}");
    assert_eq!(s.documents, 20);
    assert_eq!(s.gold, 138, "gold TIMEX3 inside <TEXT>");
    assert!(s.relaxed_f1() >= 0.91, "{s}");
    assert!(s.value_f1() >= 0.80, "{s}");
    // The error listing covers every miss and false positive.
    let errs = errors(&dir).expect("readable");
    let missed = errs.iter().filter(|e| e.what == "missed").count();
    let spurious = errs.iter().filter(|e| e.what == "spurious").count();
    assert_eq!(missed, s.gold - s.relaxed_matches);
    assert_eq!(spurious, s.predicted - s.relaxed_matches);
}

#[test]
fn a_missing_folder_is_an_error_not_a_panic() {
    assert!(evaluate_dir(std::path::Path::new("/nonexistent/te3")).is_err());
}
