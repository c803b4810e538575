//! Stories and merged events: from many articles to the happenings they report.
//!
//! * [`signature`] summarises an analysed article by its content words and linked entities;
//!   [`assign`] puts it into the most similar existing story, or starts a new one.
//! * [`merge_events`] collapses the events of a story that describe one happening (same PLOVER
//!   type, same source and target, same modality) into a [`MergedEvent`] that lists every
//!   report as evidence and counts articles and independent outlets.
//!
//! This is the foundation's first version: the comparison is a weighted overlap of entity and
//! word sets and looks at every candidate it is given; near-duplicate detection, indexed
//! candidate retrieval and disagreement reports come with the stories issue. The crate does no
//! I/O: the caller hands it candidates and persists what it returns.

mod cluster;
mod merge;

pub use cluster::{assign, signature, similarity, Signature, StoryCandidate, JOIN_THRESHOLD};
pub use merge::{merge_events, Report};
