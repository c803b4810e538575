//! Throughput of tagging + normalising: the bundled sample articles repeated to ~20 MB.
//!
//! `cargo run --release -p sitrep-time --example bench`

use std::time::Instant;

fn main() {
    let mut unit = String::new();
    for p in sitrep_testkit::sample_articles() {
        unit.push_str(&std::fs::read_to_string(p).unwrap_or_default());
        unit.push('\n');
    }
    if unit.trim().is_empty() {
        eprintln!("no sample articles found");
        return;
    }
    let target = 20 * 1024 * 1024;
    let text = unit.repeat(target / unit.len() + 1);
    let dct = chrono::NaiveDate::from_ymd_opt(2023, 1, 18);
    // Warm up (builds the word table).
    let _ = sitrep_time::tag(&unit, dct);
    let t0 = Instant::now();
    let found = sitrep_time::tag(&text, dct);
    let secs = t0.elapsed().as_secs_f64();
    let mb = text.len() as f64 / 1e6;
    println!(
        "bench timex bytes={} timexes={} seconds={:.3} mb_per_s={:.1}",
        text.len(),
        found.len(),
        secs,
        mb / secs
    );
}
