//! `sitrep ingest` and `sitrep demo`.

use crate::cli::{Cli, DemoArgs, IngestArgs};
use crate::progress::Bar;
use anyhow::Context;
use sitrep_extract::{Extractor, Kb};
use sitrep_pipeline::{IngestOptions, IngestSummary};
use sitrep_store::Store;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The bundled sample articles, compiled in so that `sitrep demo` works from any folder.
pub(crate) const SAMPLES: &[(&str, &str)] = &[
    (
        "000_43be47f687196c6b.txt",
        include_str!("../../../../examples/articles/000_43be47f687196c6b.txt"),
    ),
    (
        "002_6dfa82d41b979490.txt",
        include_str!("../../../../examples/articles/002_6dfa82d41b979490.txt"),
    ),
    (
        "004_bcba9de748825b0c.txt",
        include_str!("../../../../examples/articles/004_bcba9de748825b0c.txt"),
    ),
];

pub fn open_store(path: &Path) -> anyhow::Result<Store> {
    Store::open(path).with_context(|| format!("cannot use database {}", path.display()))
}

pub fn extractor(kb_dir: Option<&Path>) -> anyhow::Result<Extractor> {
    let mut kb = Kb::builtin();
    if let Some(dir) = kb_dir {
        let extra = Kb::load_dir(dir)
            .with_context(|| format!("cannot load knowledge base from {}", dir.display()))?;
        kb.merge(extra);
        // A PETRARCH-format verb dictionary beside the KB files replaces the built-in verbs.
        let verbs = dir.join("verbs.txt");
        if verbs.is_file() {
            let text = std::fs::read_to_string(&verbs)
                .with_context(|| format!("cannot read {}", verbs.display()))?;
            sitrep_extract::cameo::install_verbs(&text)
                .with_context(|| format!("cannot use {}", verbs.display()))?;
        }
    }
    Ok(Extractor::new(kb))
}

fn run_ingest(
    store: &mut Store,
    paths: &[PathBuf],
    kb: Option<&Path>,
    max_bytes: usize,
    quiet: bool,
) -> anyhow::Result<IngestSummary> {
    let extractor = extractor(kb)?;
    let (inputs, missing) = sitrep_ingest::discover(paths);
    let mut opts = IngestOptions::default();
    opts.read.max_doc_bytes = max_bytes;
    let bar = Bar::new(quiet);
    let mut summary = sitrep_pipeline::ingest(store, &extractor, &inputs, &opts, &bar)
        .with_context(|| format!("writing to database {}", store.path()))?;
    bar.finish();
    let mut skipped: Vec<sitrep_pipeline::SkipRecord> = missing
        .iter()
        .map(|s| sitrep_pipeline::SkipRecord {
            place: s.source.path.clone(),
            code: s.reason.code().to_string(),
            reason: s.reason.to_string(),
        })
        .collect();
    skipped.append(&mut summary.skipped);
    summary.skipped = skipped;
    Ok(summary)
}

fn print_summary(s: &IngestSummary, db: &str) {
    let by_code: Vec<String> = s
        .skipped_by_code()
        .into_iter()
        .map(|(k, v)| format!("{v} {k}"))
        .collect();
    eprintln!(
        "ingested {} input(s) into {}: {} document(s) read, {} new ({} near-duplicate copies), {} already stored, {} skipped{}; {} event(s) extracted",
        s.inputs,
        db,
        s.read,
        s.new,
        s.near_duplicates,
        s.duplicates,
        s.skipped.len(),
        if by_code.is_empty() {
            String::new()
        } else {
            format!(" ({})", by_code.join(", "))
        },
        s.events
    );
    for r in &s.skipped {
        eprintln!("  skipped {}: {}", r.place, r.reason);
    }
}

pub fn ingest(cli: &Cli, a: &IngestArgs) -> anyhow::Result<ExitCode> {
    if let Some(j) = a.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(j.max(1))
            .build_global()
            .context("cannot start worker threads")?;
    }
    let mut store = open_store(&cli.db)?;
    let summary = run_ingest(
        &mut store,
        &a.paths,
        a.kb.as_deref(),
        a.max_bytes,
        cli.quiet,
    )?;
    print_summary(&summary, store.path());
    Ok(if summary.ingested_anything() {
        ExitCode::SUCCESS
    } else {
        eprintln!("error: nothing could be ingested");
        ExitCode::from(1)
    })
}

pub fn demo(cli: &Cli, a: &DemoArgs) -> anyhow::Result<ExitCode> {
    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).context("cannot create a temporary folder")?;
    for (name, text) in SAMPLES {
        std::fs::write(articles.join(name), text)
            .with_context(|| format!("cannot write {}", articles.join(name).display()))?;
    }
    let db = match &a.keep {
        Some(p) => p.clone(),
        None => dir.path().join("demo.db"),
    };
    let mut store = open_store(&db)?;
    let summary = run_ingest(&mut store, &[articles], None, 10 << 20, cli.quiet)?;
    print_summary(&summary, store.path());
    let opts = sitrep_views::ReportOptions {
        min_confidence: Some(sitrep_extract::DEFAULT_MIN_CONFIDENCE),
        story: None,
    };
    print!("{}", sitrep_views::report(&store, &opts)?);
    if let Some(p) = &a.keep {
        eprintln!(
            "demo database kept at {} (try: sitrep --db {} events)",
            p.display(),
            p.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
