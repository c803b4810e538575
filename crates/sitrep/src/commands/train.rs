//! `sitrep train tagger|parser|ner`: trains a model from the shared data and writes it where
//! the build embeds it from (or to `--out`), with a provenance line inside the model file.
//!
//! Training logs one line per epoch (on a spinner when stderr is a terminal, else as plain
//! lines) and ends with one `train NAME ...` line on stdout.

use crate::cli::{TrainArgs, TrainWhat};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sitrep_syntax::conllu::{read_conllu, UdSentence};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Epoch lines: on a spinner on a terminal, else on stderr as they come.
struct Log {
    bar: Option<ProgressBar>,
}

impl Log {
    fn new(quiet: bool, what: &str) -> Log {
        if quiet {
            return Log { bar: None };
        }
        if !std::io::stderr().is_terminal() {
            return Log { bar: None };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] {prefix}: {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_prefix(what.to_string());
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        Log { bar: Some(bar) }
    }

    fn line(&mut self, l: &str) {
        tracing::info!("{l}");
        match &self.bar {
            Some(b) => b.println(l),
            None => eprintln!("{l}"),
        }
        if let Some(b) = &self.bar {
            b.set_message(l.to_string());
        }
    }
}

impl Drop for Log {
    fn drop(&mut self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

fn treebank(dir: &Path, split: &str) -> anyhow::Result<Vec<UdSentence>> {
    let path = dir.join(format!("en_ewt-ud-{split}.conllu"));
    read_conllu(&path).with_context(|| {
        format!("cannot read the {split} split (pass --data DIR with en_ewt-ud-{split}.conllu)")
    })
}

fn out_path(a: &TrainArgs, file: &str) -> PathBuf {
    a.out
        .clone()
        .unwrap_or_else(|| Path::new(sitrep_syntax::analyse::MODELS_DIR).join(file))
}

pub fn train(a: &TrainArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    match a.what {
        TrainWhat::Tagger => {
            let dir = a
                .data
                .clone()
                .unwrap_or_else(|| super::eval::data_root().join("ud/en_ewt"));
            let (train, dev) = (treebank(&dir, "train")?, treebank(&dir, "dev")?);
            let mut log = Log::new(quiet, "train tagger");
            let opts = sitrep_syntax::tagger::TrainOptions::default();
            let tagger = sitrep_syntax::tagger::train(&train, &dev, &opts, &mut |l| log.line(l));
            drop(log);
            let s = sitrep_syntax::tagger::evaluate(&tagger, &dev);
            let secs = t0.elapsed().as_secs_f64();
            let provenance = format!(
                "tagger: UD English EWT train ({} sentences), selected on dev ({} sentences); command `sitrep train tagger`; dev upos={:.4} xpos={:.4} ufeats={:.4} lemma={:.4}; {:.0} s",
                train.len(), dev.len(), s.upos, s.xpos, s.ufeats, s.lemma, secs
            );
            let out = out_path(a, "tagger.model");
            tagger
                .to_bundle(&provenance)
                .write(&out)
                .with_context(|| format!("cannot write {}", out.display()))?;
            println!(
                "train tagger dev_upos={:.4} dev_xpos={:.4} dev_ufeats={:.4} dev_lemma={:.4} seconds={secs:.0} out={}",
                s.upos, s.xpos, s.ufeats, s.lemma, out.display()
            );
        }
        TrainWhat::Parser => {
            let dir = a
                .data
                .clone()
                .unwrap_or_else(|| super::eval::data_root().join("ud/en_ewt"));
            let (mut train, mut dev) = (treebank(&dir, "train")?, treebank(&dir, "dev")?);
            let mut log = Log::new(quiet, "train parser");
            // The parser learns from the tags it will see: jackknifed tags on train, the
            // tagger's own on dev.
            let opts = sitrep_syntax::tagger::TrainOptions::default();
            log.line(&format!("tagging train by {}-fold jackknifing", a.folds));
            let tags =
                sitrep_syntax::tagger::jackknife(&train, a.folds, &opts, &mut |l| log.line(l));
            for (s, t) in train.iter_mut().zip(tags) {
                retag(s, t);
            }
            // The trees once more with their gold tags: the parser learns both what the
            // tagger says and what is right (+0.24 UAS/LAS on dev).
            let n_trees = train.len();
            train.extend(treebank(&dir, "train")?);
            let tagger = super::models::tagger(a.models.as_deref())?;
            for s in dev.iter_mut() {
                let t = tagger.tag(&s.forms());
                retag(s, t);
            }
            let popts = sitrep_syntax::parser::TrainOptions::default();
            let parser = sitrep_syntax::parser::train(&train, &dev, &popts, &mut |l| log.line(l));
            drop(log);
            let s = sitrep_syntax::parser::evaluate(&parser, &dev);
            let secs = t0.elapsed().as_secs_f64();
            let provenance = format!(
                "parser: UD English EWT train ({} trees, with tags by {}-fold jackknifing and with gold tags), selected on dev with predicted tags; command `sitrep train parser`; dev uas={:.4} las={:.4}; {:.0} s",
                n_trees, a.folds, s.uas, s.las, secs
            );
            let out = out_path(a, "parser.model");
            parser
                .to_bundle(&provenance)
                .write(&out)
                .with_context(|| format!("cannot write {}", out.display()))?;
            println!(
                "train parser dev_uas={:.4} dev_las={:.4} seconds={secs:.0} out={}",
                s.uas,
                s.las,
                out.display()
            );
        }
        TrainWhat::Ner => {
            let data = a.data.clone().unwrap_or_else(super::eval::data_root);
            let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
            let mut cfg = sitrep_ner::TrainConfig::standard(&data, &repo);
            cfg.verbose = !quiet;
            let ner = sitrep_ner::train(&cfg).context("training the entity recogniser failed")?;
            let out = a
                .out
                .clone()
                .unwrap_or_else(|| repo.join("crates/sitrep-ner/models/ner.model"));
            ner.to_bundle(ner.provenance())
                .write(&out)
                .with_context(|| format!("cannot write {}", out.display()))?;
            if cfg.train_on_dev {
                // The shipped model has seen dev: its dev score says nothing. The score of the
                // train-only model that chose the settings is in the provenance.
                println!(
                    "train ner seconds={:.0} out={} (trained on train+dev; the train-only dev score is in the provenance below)",
                    t0.elapsed().as_secs_f64(),
                    out.display()
                );
                println!("{}", ner.provenance());
            } else {
                let dev = sitrep_ner::evaluate_conll(&ner, &cfg.dev)
                    .with_context(|| format!("cannot read {}", cfg.dev.display()))?;
                println!(
                    "train ner dev_f1={:.4} seconds={:.0} out={}",
                    dev.f1,
                    t0.elapsed().as_secs_f64(),
                    out.display()
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn retag(s: &mut UdSentence, tags: Vec<sitrep_syntax::tagger::Tags>) {
    for (w, t) in s.words.iter_mut().zip(tags) {
        w.upos = t.upos;
        w.xpos = t.xpos;
        w.feats = t.feats;
        w.lemma = t.lemma;
    }
}
