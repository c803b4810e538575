//! `sitrep story ID`: one story as a newsletter brief.
//!
//! The content comes from [`sitrep_stories::brief`] (headline, an extractive summary chosen for
//! coverage without repetition, the merged events as a timeline, the main actors, the sources);
//! this module gathers the story's articles from the store and renders the brief as markdown.

use crate::{actor_label, date_label, disagreement_label, merged_events, objects_label, ViewError};
use sitrep_core::Entity;
use sitrep_store::{EventFilter, Store};
use sitrep_stories::BriefArticle;
use std::collections::HashSet;
use std::fmt::Write;

/// The brief of the story whose id starts with `id`, as markdown; `None` when no story matches.
/// Events below `min_confidence` are left out of the timeline.
pub fn story_brief(
    store: &Store,
    id: &str,
    min_confidence: Option<f32>,
) -> Result<Option<String>, ViewError> {
    let stories = store.stories()?;
    let Some(story) = stories.iter().find(|s| s.id.starts_with(id)) else {
        return Ok(None);
    };
    let entities: Vec<Entity> = store.entities()?.into_iter().map(|(e, _, _)| e).collect();
    let mut articles = Vec::new();
    for aid in &story.articles {
        let Some(row) = store.article(aid)? else {
            continue;
        };
        let mentions = store.mentions(aid)?;
        let linked: HashSet<&str> = mentions
            .iter()
            .filter_map(|m| m.entity.as_deref())
            .collect();
        articles.push(BriefArticle {
            id: row.article.id.clone(),
            title: row.article.title.clone(),
            outlet: row.article.outlet.clone(),
            published: row.article.published.as_ref().map(|p| p.date.to_string()),
            sentences: row.sentences.clone(),
            entities: entities
                .iter()
                .filter(|e| linked.contains(e.id.as_str()))
                .cloned()
                .collect(),
            mentions,
            duplicate_of: row.duplicate_of.clone(),
            text: row.article.text,
        });
    }
    let filter = EventFilter {
        story: Some(story.id.clone()),
        min_confidence,
        ..Default::default()
    };
    let merged = merged_events(store, &filter)?;
    let b = sitrep_stories::brief(&articles, &merged);

    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", b.headline);
    let _ = writeln!(
        out,
        "Story `{}` · {} · {} article(s)\n",
        &story.id[..12.min(story.id.len())],
        match (&story.first_seen, &story.last_seen) {
            (Some(a), Some(z)) if a == z => a.clone(),
            (Some(a), Some(z)) => format!("{a} to {z}"),
            _ => "undated".into(),
        },
        story.articles.len()
    );
    if !b.summary.is_empty() {
        let _ = writeln!(out, "## Summary\n");
        for s in &b.summary {
            let _ = writeln!(
                out,
                "- {} [{} {}..{}]",
                s.text.replace('\n', " "),
                &s.article[..8.min(s.article.len())],
                s.span.start,
                s.span.end
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Timeline\n");
    if b.timeline.is_empty() {
        let _ = writeln!(out, "No events found.");
    }
    for m in &b.timeline {
        let e = &m.merged.event;
        let mut line = format!(
            "- **{}** {} — {} → {}",
            date_label(e),
            e.kind.as_str(),
            actor_label(&e.source),
            actor_label(&e.target)
        );
        let obj = objects_label(e);
        if !obj.is_empty() {
            let _ = write!(line, " · {obj}");
        }
        if e.modality != sitrep_core::Modality::Asserted {
            let _ = write!(line, " · *{}*", e.modality.as_str());
        }
        let _ = write!(
            line,
            " · {} article(s), {} outlet(s)",
            m.merged.articles, m.merged.outlets
        );
        let _ = writeln!(out, "{line}");
        for d in &m.disagreements {
            let _ = writeln!(out, "  - **outlets disagree** on {}", disagreement_label(d));
        }
    }
    out.push('\n');
    if !b.actors.is_empty() {
        let _ = writeln!(out, "## Actors\n");
        for a in &b.actors {
            let _ = writeln!(
                out,
                "- {} ({} mention(s) in {} article(s))",
                a.name, a.mentions, a.articles
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Sources\n");
    for s in &b.sources {
        let _ = writeln!(
            out,
            "- [{}] {} · {} · {}{}",
            &s.article[..8.min(s.article.len())],
            s.outlet.as_deref().unwrap_or("unknown outlet"),
            s.published.as_deref().unwrap_or("undated"),
            s.title.as_deref().unwrap_or("(no title)"),
            s.duplicate_of
                .as_ref()
                .map(|d| format!(" (copy of [{}])", &d[..8.min(d.len())]))
                .unwrap_or_default()
        );
    }
    Ok(Some(out))
}
