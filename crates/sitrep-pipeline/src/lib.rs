//! The pipeline: wires sitrep's stages together for a batch of inputs.
//!
//! ```text
//! inputs --read--> raw documents --clean--> Article --analyse--> AnalysedArticle
//!        --story--> story assignment --put--> Store (one transaction per article)
//! ```
//!
//! Reading is sequential and streaming (a huge JSONL is never held whole); cleaning and analysis
//! run in parallel on batches with rayon; assignment to stories and writing are sequential, in
//! input order, so results do not depend on thread timing.
//!
//! **Failure isolation.** Unreadable inputs, bad lines and articles that clean to nothing come
//! back from `sitrep-ingest` as skips with their file, line and reason; they are counted and the
//! batch goes on. A panic inside analysis (a bug, never expected) is caught per article, logged,
//! and counted as a skip too. Every article is committed on its own, so a process killed
//! mid-batch keeps everything written before, and re-running the same ingest completes the
//! job without duplicates (article ids are content hashes).
//!
//! This crate never prints: it reports progress through the [`Progress`] trait and returns an
//! [`IngestSummary`].

mod ingest;

pub use ingest::{ingest, IngestOptions, IngestSummary, NoProgress, Progress, SkipRecord};
