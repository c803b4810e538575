//! Times `Extractor::analyse` on article files, repeated:
//! `cargo run -p sitrep-extract --release --example throughput -- N FILE...`.
use sitrep_core::{Article, SourceRef};
use sitrep_extract::Extractor;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let texts: Vec<String> = args
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .collect();
    let x = Extractor::default();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let start = Instant::now();
    let mut events = 0;
    for _ in 0..n {
        for t in &texts {
            let a = x.analyse(Article::from_text(t.clone(), SourceRef::default()));
            events += a.events.len();
        }
    }
    let s = start.elapsed().as_secs_f64();
    println!(
        "articles/s={:.1} words/s={:.0} events={}",
        (n * texts.len()) as f64 / s,
        (n * words) as f64 / s,
        events / n.max(1)
    );
}
