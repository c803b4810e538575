//! Which trained models the commands use: those built into the binary, or files from
//! `--models DIR` (any of tagger.model, parser.model; a missing file falls back to the built-in).

use anyhow::Context;
use sitrep_learn::Bundle;
use sitrep_syntax::analyse::{Syntax, PARSER_MODEL, TAGGER_MODEL};
use sitrep_syntax::parser::Parser;
use sitrep_syntax::tagger::Tagger;
use std::path::Path;

fn bundle(dir: Option<&Path>, file: &str, builtin: &[u8]) -> anyhow::Result<Bundle> {
    match dir.map(|d| d.join(file)).filter(|p| p.exists()) {
        Some(p) => {
            Bundle::read(&p).with_context(|| format!("cannot load the model {}", p.display()))
        }
        None => {
            Bundle::from_bytes(builtin).with_context(|| format!("the built-in {file} is damaged"))
        }
    }
}

pub fn tagger(dir: Option<&Path>) -> anyhow::Result<Tagger> {
    Ok(Tagger::from_bundle(&bundle(
        dir,
        "tagger.model",
        TAGGER_MODEL,
    )?)?)
}

pub fn parser(dir: Option<&Path>) -> anyhow::Result<Parser> {
    Ok(Parser::from_bundle(&bundle(
        dir,
        "parser.model",
        PARSER_MODEL,
    )?)?)
}

/// The entity recogniser: `ner.model` from `--models DIR`, else the built-in one.
pub fn ner() -> &'static sitrep_ner::Ner {
    sitrep_ner::Ner::builtin()
}

/// Installs the models of `--models DIR` for the whole process (before any analysis).
pub fn install(dir: Option<&Path>) -> anyhow::Result<()> {
    if let Some(d) = dir {
        if !d.is_dir() {
            anyhow::bail!("--models {}: not a folder", d.display());
        }
        Syntax::install(Syntax {
            tagger: tagger(dir)?,
            parser: parser(dir)?,
        });
        tracing::info!("models from {}", d.display());
    }
    Ok(())
}
