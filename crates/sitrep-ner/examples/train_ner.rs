//! Trains the recogniser and writes `models/ner.model`; prints dev scores.
//!
//! ```text
//! cargo run --release -p sitrep-ner --example train_ner -- [--out PATH] [--epochs N]
//!     [--folds K] [--fold-epochs N] [--one-pass] [--min-seen N] [--min-weight W] [--seed S]
//!     [--ensemble N] [--mira C] [--dropout P] [--margin M] [--train-only]
//!     [--no-crossner] [--no-kb] [--no-actors]
//! ```
//!
//! The standard setup trains the final model on train and dev (see `TrainConfig::train_on_dev`),
//! so the CoNLL dev score printed at the end is on data the model has seen; the score of the
//! same setup trained on train only is in the log and the model's provenance. Tune with
//! `--train-only`, which trains once, on train, and prints a true dev score.
//!
//! Data come from `$SITREP_DATA` or `../shared/data` beside the repository.

use sitrep_ner::{evaluate_conll, evaluate_crossner, train, TrainConfig};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()?;
    let data = std::env::var_os("SITREP_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("../shared/data"));
    let mut cfg = TrainConfig::standard(&data, &repo);
    let mut out = repo.join("crates/sitrep-ner/models/ner.model");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--out" => out = PathBuf::from(val()?),
            "--epochs" => cfg.epochs = val()?.parse()?,
            "--folds" => cfg.folds = val()?.parse()?,
            "--fold-epochs" => cfg.fold_epochs = val()?.parse()?,
            "--min-seen" => cfg.min_seen = val()?.parse()?,
            "--min-weight" => cfg.min_weight = val()?.parse()?,
            "--seed" => cfg.seed = val()?.parse()?,
            "--ensemble" => cfg.ensemble = val()?.parse()?,
            "--mira" => cfg.mira_c = Some(val()?.parse()?),
            "--dropout" => cfg.lex_dropout = val()?.parse()?,
            "--margin" => cfg.margin = val()?.parse()?,
            "--one-pass" => cfg.second_pass = false,
            "--train-only" => cfg.train_on_dev = false,
            "--no-crossner" => cfg.train.truncate(1),
            "--no-kb" => cfg.kb_dir = None,
            "--no-actors" => cfg.actor_dictionaries.clear(),
            "--crossner-dev" => cfg.train.push((
                data.join("ner/crossner-politics/dev.txt"),
                sitrep_ner::Format::CrossNer,
            )),
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let t0 = Instant::now();
    let ner = train(&cfg)?;
    let secs = t0.elapsed().as_secs_f64();
    let bundle = ner.to_bundle(ner.provenance());
    bundle.write(&out)?;
    let size = std::fs::metadata(&out)?.len();
    eprintln!(
        "wrote {} ({:.1} MB, {:?} feature rows) after {secs:.0}s of training",
        out.display(),
        size as f64 / 1e6,
        ner.n_features()
    );
    eprintln!("provenance:\n{}", ner.provenance());
    // Scores of the model as written (quantised weights), read back.
    let ner = sitrep_ner::Ner::from_bundle(&sitrep_learn::Bundle::read(&out)?)?;
    let dev = evaluate_conll(&ner, &data.join("ner/conll2003/dev.txt"))?;
    println!("CoNLL dev: {dev}");
    let xdev = evaluate_crossner(&ner, &data.join("ner/crossner-politics/dev.txt"))?;
    println!("CrossNER politics dev: {xdev}");
    Ok(())
}
