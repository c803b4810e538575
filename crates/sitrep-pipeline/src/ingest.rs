//! `ingest`: inputs in, stored articles out.

use rayon::prelude::*;
use sitrep_core::AnalysedArticle;
use sitrep_extract::Extractor;
use sitrep_ingest::{Input, Item, RawDoc, ReadOptions, Skip};
use sitrep_store::{Placement, PutOutcome, Store, StoreError, StoryRow};
use sitrep_stories::{ClusterConfig, Clusterer, DocFeatures};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// How to run an ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub read: ReadOptions,
    /// Documents cleaned and analysed together in parallel.
    pub batch_size: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            read: ReadOptions::default(),
            batch_size: 64,
        }
    }
}

/// Hooks the caller uses to show progress. Every method has an empty default.
pub trait Progress: Sync {
    /// Input `index` of `total` is about to be read.
    fn input(&self, _index: usize, _total: usize, _name: &str) {}
    /// One document was stored (`new`) or found already stored.
    fn article(&self, _new: bool) {}
    /// One document or input was skipped.
    fn skipped(&self, _record: &SkipRecord) {}
}

/// Progress that shows nothing.
pub struct NoProgress;
impl Progress for NoProgress {}

/// One skipped input, line or article: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkipRecord {
    /// `path`, `path:line` or `path@offset`.
    pub place: String,
    /// Stable short key of the reason (`empty`, `binary`, `bad-json`, ...).
    pub code: String,
    /// The reason in words.
    pub reason: String,
}

impl SkipRecord {
    fn from_skip(s: &Skip) -> SkipRecord {
        SkipRecord {
            place: place(&s.source),
            code: s.reason.code().to_string(),
            reason: s.reason.to_string(),
        }
    }
}

fn place(src: &sitrep_core::SourceRef) -> String {
    match (src.line, src.offset) {
        (Some(l), _) => format!("{}:{}", src.path, l),
        (None, Some(o)) => format!("{}@{}", src.path, o),
        _ => src.path.clone(),
    }
}

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestSummary {
    /// Inputs (files, stdin) opened.
    pub inputs: usize,
    /// Documents read from them (before cleaning).
    pub read: u64,
    /// Articles stored for the first time.
    pub new: u64,
    /// Articles that were already stored (same normalised text).
    pub duplicates: u64,
    /// New articles that are near-duplicates (syndicated or lightly edited copies) of earlier ones.
    pub near_duplicates: u64,
    /// Events extracted from the new articles.
    pub events: u64,
    /// Everything skipped, in input order.
    pub skipped: Vec<SkipRecord>,
}

impl IngestSummary {
    /// Skips counted by reason code, for the summary line.
    pub fn skipped_by_code(&self) -> BTreeMap<String, usize> {
        let mut m = BTreeMap::new();
        for s in &self.skipped {
            *m.entry(s.code.clone()).or_default() += 1;
        }
        m
    }

    /// Whether anything at all could be ingested (new or already stored).
    pub fn ingested_anything(&self) -> bool {
        self.new + self.duplicates > 0
    }
}

/// Outcome of cleaning and analysing one document.
enum Analysed {
    Ok(Box<AnalysedArticle>),
    Skip(SkipRecord),
}

fn analyse(doc: &RawDoc, extractor: &Extractor) -> Analysed {
    let cleaned = sitrep_ingest::clean(doc);
    let article = match cleaned {
        Ok(a) => a,
        Err(reason) => {
            return Analysed::Skip(SkipRecord::from_skip(&Skip {
                source: doc.source.clone(),
                reason,
            }))
        }
    };
    match catch_unwind(AssertUnwindSafe(|| extractor.analyse(article))) {
        Ok(a) => Analysed::Ok(Box::new(a)),
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            tracing::error!(place = %place(&doc.source), panic = %msg, "analysis failed");
            Analysed::Skip(SkipRecord {
                place: place(&doc.source),
                code: "analysis-failed".into(),
                reason: format!("analysis failed (a bug; please report it): {msg}"),
            })
        }
    }
}

/// Reads every input, analyses and stores what it finds; returns what happened.
///
/// Only store errors abort the run: everything wrong with the input is a [`SkipRecord`].
pub fn ingest(
    store: &mut Store,
    extractor: &Extractor,
    inputs: &[Input],
    opts: &IngestOptions,
    progress: &dyn Progress,
) -> Result<IngestSummary, StoreError> {
    let mut summary = IngestSummary::default();
    // The clustering index is rebuilt from what earlier runs stored, in their order, so an
    // article joins the same stories whether it comes in this run or a later one.
    let mut stories = Clusterer::new(ClusterConfig::default());
    for p in store.story_features()? {
        match (serde_json::from_str::<DocFeatures>(&p.features), p.story) {
            (Ok(f), Some(story)) => stories.restore(&f, &story, p.duplicate_of.as_deref()),
            (Err(e), _) => tracing::warn!(error = %e, "stored story features unreadable; skipped"),
            (Ok(_), None) => {}
        }
    }
    let ingested_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let batch_size = opts.batch_size.max(1);

    for (i, input) in inputs.iter().enumerate() {
        let name = input.to_string();
        progress.input(i, inputs.len(), &name);
        summary.inputs += 1;
        let _span = tracing::info_span!("input", path = %name).entered();
        let mut batch: Vec<RawDoc> = Vec::with_capacity(batch_size);
        let mut items = sitrep_ingest::read_input(input, &opts.read);
        loop {
            let next = items.next();
            let end = next.is_none();
            match next {
                Some(Item::Doc(d)) => {
                    summary.read += 1;
                    batch.push(d);
                }
                Some(Item::Skip(s)) => {
                    let r = SkipRecord::from_skip(&s);
                    tracing::debug!(place = %r.place, reason = %r.reason, "skipped");
                    progress.skipped(&r);
                    summary.skipped.push(r);
                }
                None => {}
            }
            if batch.len() >= batch_size || (end && !batch.is_empty()) {
                let docs = std::mem::take(&mut batch);
                let results: Vec<Analysed> =
                    docs.par_iter().map(|d| analyse(d, extractor)).collect();
                for r in results {
                    store_one(store, r, &mut stories, &ingested_at, &mut summary, progress)?;
                }
            }
            if end {
                break;
            }
        }
    }
    Ok(summary)
}

fn store_one(
    store: &mut Store,
    r: Analysed,
    stories: &mut Clusterer,
    ingested_at: &str,
    summary: &mut IngestSummary,
    progress: &dyn Progress,
) -> Result<(), StoreError> {
    let a = match r {
        Analysed::Ok(a) => a,
        Analysed::Skip(rec) => {
            tracing::debug!(place = %rec.place, reason = %rec.reason, "skipped");
            progress.skipped(&rec);
            summary.skipped.push(rec);
            return Ok(());
        }
    };
    if store.has_article(&a.article.id)? {
        summary.duplicates += 1;
        progress.article(false);
        return Ok(());
    }
    let features = sitrep_stories::features(&a);
    let placed = stories.add(&features);
    let info = stories.story(&placed.story);
    let row = StoryRow {
        id: placed.story.clone(),
        title: info
            .as_ref()
            .map(|i| i.title.clone())
            .or_else(|| a.article.title.clone())
            .unwrap_or_else(|| first_words(&a.article.text)),
        first_seen: info.as_ref().and_then(|i| i.first_seen.clone()),
        last_seen: info.as_ref().and_then(|i| i.last_seen.clone()),
        signature: String::new(),
        articles: Vec::new(),
    };
    let features = serde_json::to_string(&features).unwrap_or_default();
    let place = Placement {
        story: Some(&row),
        duplicate_of: placed.duplicate_of.as_deref(),
        features: Some(&features),
    };
    match store.put_article_with(&a, &place, ingested_at)? {
        PutOutcome::New => {
            summary.new += 1;
            summary.events += a.events.len() as u64;
            if placed.duplicate_of.is_some() {
                summary.near_duplicates += 1;
            }
            progress.article(true);
        }
        PutOutcome::Duplicate => {
            summary.duplicates += 1;
            progress.article(false);
        }
    }
    Ok(())
}

fn first_words(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let mut out: String = line.chars().take(80).collect();
    if line.chars().count() > 80 {
        out.push('…');
    }
    out
}
