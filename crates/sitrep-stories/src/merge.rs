//! Merging one happening's reports across articles.
//!
//! Two events merge when they belong to the same story and agree on PLOVER type, modality,
//! source and target (compared by linked entity id, else by lower-cased name). Syndicated
//! copies (`duplicate_of` set) add evidence but no outlet; articles without an outlet count as
//! an outlet each.

use sitrep_core::{short_hash, Event, Evidence, MergedEvent};
use std::collections::{BTreeMap, BTreeSet};

/// One article's report of an event, with what merging needs to know about the article.
#[derive(Debug, Clone)]
pub struct Report {
    pub event: Event,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub story: Option<String>,
    pub duplicate_of: Option<String>,
    pub sentence: String,
}

fn actor_key(a: &Option<sitrep_core::Actor>) -> String {
    match a {
        None => String::new(),
        Some(a) => a.entity.clone().unwrap_or_else(|| a.name.to_lowercase()),
    }
}

/// Groups reports into merged events, ordered by date (undated last) then by confidence.
pub fn merge_events(reports: Vec<Report>) -> Vec<MergedEvent> {
    let mut groups: BTreeMap<(String, String, String, String, String), Vec<Report>> =
        BTreeMap::new();
    for r in reports {
        let key = (
            r.story.clone().unwrap_or_else(|| r.event.article.clone()),
            r.event.kind.as_str().to_string(),
            r.event.modality.as_str().to_string(),
            actor_key(&r.event.source),
            actor_key(&r.event.target),
        );
        groups.entry(key).or_default().push(r);
    }
    let mut out: Vec<MergedEvent> = groups.into_values().map(merge_group).collect();
    out.sort_by(|a, b| {
        let da = a.event.date.as_ref().and_then(|d| d.value.clone());
        let db = b.event.date.as_ref().and_then(|d| d.value.clone());
        (da.is_none(), da)
            .cmp(&(db.is_none(), db))
            .then_with(|| b.confidence.total_cmp(&a.confidence))
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

fn merge_group(mut group: Vec<Report>) -> MergedEvent {
    // The representative report: the most confident, then the earliest published, then the
    // first in its article (a story's lead sentence usually states the event best).
    group.sort_by(|a, b| {
        b.event
            .confidence
            .total_cmp(&a.event.confidence)
            .then_with(|| {
                (a.published.is_none(), &a.published).cmp(&(b.published.is_none(), &b.published))
            })
            .then_with(|| a.event.article.cmp(&b.event.article))
            .then_with(|| a.event.sentence.start.cmp(&b.event.sentence.start))
    });
    let mut ids: Vec<&str> = group.iter().map(|r| r.event.id.as_str()).collect();
    ids.sort();
    let id = short_hash(&ids);
    let articles = group
        .iter()
        .map(|r| r.event.article.as_str())
        .collect::<BTreeSet<&str>>()
        .len();
    let outlets = group
        .iter()
        .filter(|r| r.duplicate_of.is_none())
        .map(|r| {
            r.outlet
                .as_ref()
                .map(|o| o.to_lowercase())
                .unwrap_or_else(|| format!("article:{}", r.event.article))
        })
        .collect::<BTreeSet<String>>()
        .len();
    let best = group[0].clone();
    // Evidence in reading order: by publication, article, then position.
    group.sort_by(|a, b| {
        (
            a.published.is_none(),
            &a.published,
            &a.event.article,
            a.event.sentence.start,
        )
            .cmp(&(
                b.published.is_none(),
                &b.published,
                &b.event.article,
                b.event.sentence.start,
            ))
    });
    let evidence = group
        .iter()
        .map(|r| Evidence {
            article: r.event.article.clone(),
            event: r.event.id.clone(),
            outlet: r.outlet.clone(),
            published: r.published.clone(),
            sentence: r.sentence.clone(),
            start: r.event.sentence.start,
            end: r.event.sentence.end,
        })
        .collect();
    MergedEvent {
        id,
        event: best.event.clone(),
        evidence,
        articles,
        outlets: outlets.max(1),
        story: best.story.clone(),
        confidence: best.event.confidence,
    }
}
