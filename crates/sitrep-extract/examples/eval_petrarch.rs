//! Runs the PETRARCH2 unit-test records and prints the pass rate (with `-v`, every record):
//! `cargo run -p sitrep-extract --release --example eval_petrarch -- [DIR] [-v]`.
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // The shared data beside the repository unless a folder is given.
    let default =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/events/petrarch2");
    let dir = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .map_or(default, PathBuf::from);
    let scores = match sitrep_extract::eval::petrarch(&dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    println!("{scores}");
    println!(
        "matched at the PLOVER level (same actor codes, same PLOVER type): {}/{}",
        scores.events_found_plover, scores.events_expected
    );
    if args.iter().any(|a| a == "-v") {
        for r in &scores.records {
            println!(
                "{} {} [{}] expected={:?} produced={:?}\n    {}",
                if r.passed { "PASS" } else { "fail" },
                r.id,
                r.category,
                r.expected,
                r.produced,
                r.text
            );
        }
    }
}
