//! Prints the TempEval-3 platinum score and every disagreement with the gold, for development.
//!
//! `cargo run -p sitrep-time --example te3_errors [DIR]`

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| sitrep_testkit::data("time/tempeval3-platinum"));
    match sitrep_time::eval::errors(&dir) {
        Ok(errs) => {
            for e in &errs {
                println!("{e}");
            }
        }
        Err(e) => eprintln!("{e}"),
    }
    match sitrep_time::eval::evaluate_dir(&dir) {
        Ok(s) => println!(
            "{s} (gold={} predicted={} relaxed P={:.3} R={:.3})",
            s.gold,
            s.predicted,
            s.relaxed_precision(),
            s.relaxed_recall()
        ),
        Err(e) => eprintln!("{e}"),
    }
}
