//! The read side of sitrep: what a person or a script sees of the store.
//!
//! * [`merged_events`]: the store's events merged across articles ([`sitrep_stories`]), each
//!   with what its reports disagree on.
//! * [`explain`]: one event's sentence with its trigger, arguments, time and cues marked.
//! * [`story_brief`]: one story as a newsletter brief (headline, summary, timeline, actors,
//!   sources).
//! * [`report`]: a readable markdown report, per story a timeline of events with their sources.
//! * [`events_table`]: a fixed-width table for the terminal.
//! * [`entities_table`], [`entity_page`]: the entities, and one entity with its names,
//!   attributes, evidence, articles and events.
//! * [`export`]: the stable export formats of DESIGN.md section 3 (JSONL, CSV). Their field
//!   types ([`export::EventOut`] and friends) are this crate's own, mapped from the core model
//!   at this boundary, so the core types can change without breaking scripts that read exports.
//!
//! Nothing here writes to the store.

mod brief;
mod entities;
mod explain;
pub mod export;
mod report;
mod table;

pub use brief::story_brief;
pub use entities::{entities_table, entity_page, find_entities};
pub use explain::explain;
pub use report::{report, ReportOptions};
pub use table::{articles_table, events_table, stories_table};

use sitrep_store::{EventFilter, Store, StoreError};
use sitrep_stories::{ActorFacts, Merged, Report};

/// What can go wrong producing a view.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ViewError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write output: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
}

/// Stored events matching `filter`, merged across the articles of each story.
pub fn merged_events(store: &Store, filter: &EventFilter) -> Result<Vec<Merged>, ViewError> {
    let entities = store.entities()?;
    let facts = ActorFacts::from_entities(entities.iter().map(|(e, _, _)| e));
    let reports = store
        .events(filter)?
        .into_iter()
        .map(|e| Report {
            event: e.event,
            outlet: e.outlet,
            published: e.published,
            story: e.story,
            duplicate_of: e.duplicate_of,
            sentence: e.sentence,
        })
        .collect();
    let names: std::collections::HashMap<&str, &str> = entities
        .iter()
        .map(|(e, _, _)| (e.id.as_str(), e.name.as_str()))
        .collect();
    let mut merged = sitrep_stories::merge_events(reports, &facts);
    // Disagreements name their subject by entity id; show the entity's name.
    for m in &mut merged {
        for d in &mut m.disagreements {
            if let Some(name) = d.subject.as_deref().and_then(|s| names.get(s)) {
                d.subject = Some(name.to_string());
            }
        }
    }
    Ok(merged)
}

/// `Name (CTY, SEC)` for an actor, or `—`.
pub(crate) fn actor_label(a: &Option<sitrep_core::Actor>) -> String {
    match a {
        None => "—".into(),
        Some(a) => {
            let mut tags = Vec::new();
            if let Some(c) = &a.country {
                tags.push(c.clone());
            }
            if let Some(s) = a.sector {
                tags.push(s.as_str().to_string());
            }
            if tags.is_empty() {
                a.name.clone()
            } else {
                format!("{} ({})", a.name, tags.join(", "))
            }
        }
    }
}

/// `ATACMS; 300 tanks` for an event's objects.
pub(crate) fn objects_label(e: &sitrep_core::Event) -> String {
    e.objects
        .iter()
        .map(|o| o.text.clone())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The date an event is shown under, and how it was obtained.
pub(crate) fn date_label(e: &sitrep_core::Event) -> String {
    match &e.date {
        None => "undated".into(),
        Some(d) => match (&d.value, d.from_published) {
            (Some(v), true) => format!("{v} (published)"),
            (Some(v), false) => match &d.text {
                Some(t) => format!("{v} ({t})"),
                None => v.clone(),
            },
            (None, _) => format!("unresolved: {}", d.text.as_deref().unwrap_or("?")),
        },
    }
}

/// `date: 2023-01-17 (a1b2c3d4, …) vs 2023-01-18 (e5f6…)` for a disagreement.
pub(crate) fn disagreement_label(d: &sitrep_stories::Disagreement) -> String {
    let field = format!("{:?}", d.field).to_lowercase();
    let subject = d
        .subject
        .as_ref()
        .map(|s| format!(" of {s}"))
        .unwrap_or_default();
    let values: Vec<String> = d
        .values
        .iter()
        .map(|(v, arts)| {
            let ids: Vec<&str> = arts.iter().map(|a| &a[..8.min(a.len())]).collect();
            format!("{v} ({})", ids.join(", "))
        })
        .collect();
    format!("{field}{subject}: {}", values.join(" vs "))
}
