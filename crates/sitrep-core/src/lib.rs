//! The data model of sitrep: the contract between the pipeline's stages.
//!
//! Every stage reads the types of this crate and adds a layer to them; nothing here does I/O.
//!
//! * [`Article`]: one news article after cleaning: metadata plus the *clean text* that every
//!   annotation points into.
//! * [`Span`]: a half-open byte range `[start, end)` into an article's clean text. **Offsets are
//!   the contract**: every mention, event field and evidence sentence is a `Span` into
//!   [`Article::text`], never a copy detached from where it came from.
//! * [`Mention`], [`Entity`]: names found in the text and the knowledge-base entries they link to.
//! * [`Event`]: one PLOVER event as one article states it; [`MergedEvent`] is the same happening
//!   as several articles report it, with its corroboration.
//! * [`Timex`]: a time expression and its TIMEX3 value, resolved against the publication date.
//! * [`Story`]: articles grouped by what they report.
//!
//! Labels are enums ([`EntityType`], [`PloverType`], [`Modality`], [`Sector`], [`TimexType`]) and become strings
//! only at the edges, through their `as_str`/`FromStr` pairs.

mod article;
mod event;
mod ids;
mod labels;
mod span;

pub use article::{Article, DateSource, Published, Segment, SourceRef};
pub use event::{
    Actor, AnalysedArticle, AttrEvidence, Attribution, Diagnostic, Entity, Event, EventDate,
    EventObject, Evidence, Location, Mention, MergedEvent, ObjectKind, Quantity, Story, Timex,
};
pub use ids::{article_id, normalise_for_id, short_hash};
pub use labels::{EntityType, LabelError, Modality, PloverType, Sector, TimexType};
pub use span::Span;
