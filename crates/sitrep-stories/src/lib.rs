//! Stories: from many articles to the happenings they report.
//!
//! * [`features`] summarises an analysed article as [`DocFeatures`] (content terms, linked
//!   entities, event keys, a MinHash of its word shingles): small, serialisable, what the
//!   pipeline stores to rebuild clustering state.
//! * [`Clusterer`] is the online, incremental story clusterer: each new article is checked for
//!   near-duplicates (MinHash LSH) and joins the best active story or starts one
//!   ([`Assignment`]); candidate retrieval goes through an inverted index over a time window, so
//!   the cost per article does not grow with the number of stories.
//! * [`merge_events`] collapses the events of a story that describe one happening into merged
//!   events with their evidence, counts of articles and independent outlets, and the
//!   [`Disagreement`]s between reports.
//! * [`brief`] makes a story's [`Brief`]: headline, summary sentences, timeline, actors, sources.
//! * [`bcubed`] scores a clustering against gold groups; [`bench`] measures clustering speed on
//!   a synthetic stream made from real articles (`sitrep bench stories`).
//!
//! The crate does no I/O and knows nothing of the store: the caller hands it features, reports
//! and articles, and persists what it returns.

pub mod bench;
mod brief;
mod cluster;
mod eval;
mod features;
mod merge;
pub mod text;

pub use brief::{
    brief, Brief, BriefArticle, BriefSource, SummarySentence, TopActor, LEAD_SENTENCES,
    MAX_REDUNDANCY, MMR_LAMBDA, SUMMARY_SENTENCES, TOP_ACTORS,
};
pub use cluster::{Assignment, ClusterConfig, Clusterer, StoryInfo, BANDS, MAX_QUERY_ENTITIES};
pub use eval::bcubed;
pub use features::{
    event_key, features, features_from, first_words, minhash, minhash_similarity, DocFeatures,
    FeatureInput, MAX_TERMS, MINHASH_LEN, MIN_SHINGLES, TITLE_WEIGHT,
};
pub use merge::{
    merge_events, ActorFacts, Disagreement, DisagreementField, Merged, Report, DATE_SLACK_DAYS,
};
