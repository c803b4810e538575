//! Scores a model on a benchmark split and measures recognition speed.
//!
//! ```text
//! cargo run --release -p sitrep-ner --example eval_ner -- [--model PATH] [--split dev|test]
//! ```
//!
//! Without `--model` the committed model is used. The test split is for the final report
//! only; tune on dev.

use sitrep_ner::{data, evaluate_conll, evaluate_crossner, Format, Ner};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()?;
    let data_dir = std::env::var_os("SITREP_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("../shared/data"));
    let mut model: Option<PathBuf> = None;
    let mut split = "dev".to_string();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--model" => model = args.next().map(PathBuf::from),
            "--split" => split = args.next().unwrap_or_default(),
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let owned;
    let ner: &Ner = match &model {
        Some(p) => {
            owned = Ner::from_bundle(&sitrep_learn::Bundle::read(p)?)?;
            &owned
        }
        None => Ner::builtin(),
    };
    let conll = data_dir.join(format!("ner/conll2003/{split}.txt"));
    println!("CoNLL {split}: {}", evaluate_conll(ner, &conll)?);
    let x = data_dir.join(format!("ner/crossner-politics/{split}.txt"));
    println!("CrossNER politics {split}: {}", evaluate_crossner(ner, &x)?);
    println!(
        "CrossNER politics {split}, sitrep's types: {}",
        sitrep_ner::evaluate_crossner_kinds(ner, &x)?
    );
    // Speed: recognise() over the CoNLL split, several rounds, one thread.
    let docs = data::read(&conll, Format::Conll)?;
    let toks: Vec<Vec<Vec<&str>>> = docs.iter().map(|d| d.tokens()).collect();
    let n: usize = docs.iter().map(|d| d.len()).sum();
    let mut best = f64::MAX;
    let mut spans = 0;
    let cpu0 = cpu_seconds();
    let rounds = 10;
    for _ in 0..rounds {
        let t0 = Instant::now();
        spans = 0;
        for d in &toks {
            spans += ner.recognise(d).iter().map(Vec::len).sum::<usize>();
        }
        best = best.min(t0.elapsed().as_secs_f64());
    }
    let cpu = cpu_seconds().map(|c| c - cpu0.unwrap_or(0.0));
    println!(
        "speed: {n} tokens in {best:.3}s (best of {rounds} rounds) = {:.0} tokens/s wall ({spans} spans)",
        n as f64 / best
    );
    if let Some(cpu) = cpu {
        println!(
            "speed: {:.0} tokens/s of CPU time over all rounds",
            (n * rounds) as f64 / cpu
        );
    }
    Ok(())
}

/// User + system CPU time of this process, from `/proc/self/stat` (Linux; 100 ticks a second).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
