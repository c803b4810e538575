//! The markdown report: per story, a timeline of events, each with the sentences that say so.

use crate::{actor_label, date_label, disagreement_label, merged_events, objects_label, ViewError};
use sitrep_store::{EventFilter, Store};
use sitrep_stories::Merged;
use std::collections::HashMap;
use std::fmt::Write;

/// What the report shows.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Only events at or above this confidence.
    pub min_confidence: Option<f32>,
    /// Only this story (id or id prefix).
    pub story: Option<String>,
}

/// The report as markdown (readable as plain text in a terminal).
pub fn report(store: &Store, opts: &ReportOptions) -> Result<String, ViewError> {
    let (n_articles, _, n_stories) = store.counts()?;
    let filter = EventFilter {
        min_confidence: opts.min_confidence,
        ..Default::default()
    };
    let merged = merged_events(store, &filter)?;
    let mut by_story: HashMap<String, Vec<&Merged>> = HashMap::new();
    for m in &merged {
        by_story
            .entry(m.merged.story.clone().unwrap_or_default())
            .or_default()
            .push(m);
    }
    let articles: HashMap<String, sitrep_store::ArticleRow> = store
        .articles()?
        .into_iter()
        .map(|a| (a.article.id.clone(), a))
        .collect();

    let mut out = String::new();
    let _ = writeln!(out, "# sitrep report\n");
    let _ = writeln!(
        out,
        "{} articles, {} stories, {} events shown (confidence >= {:.2}).\n",
        n_articles,
        n_stories,
        merged.len(),
        opts.min_confidence.unwrap_or(0.0)
    );
    for story in store.stories()? {
        if let Some(want) = &opts.story {
            if !story.id.starts_with(want.as_str()) {
                continue;
            }
        }
        let events = by_story.remove(&story.id).unwrap_or_default();
        let _ = writeln!(out, "## {}\n", story.title);
        let _ = writeln!(
            out,
            "Story `{}` · {} · {} article(s)\n",
            &story.id[..12.min(story.id.len())],
            match (&story.first_seen, &story.last_seen) {
                (Some(a), Some(b)) if a == b => a.clone(),
                (Some(a), Some(b)) => format!("{a} to {b}"),
                _ => "undated".into(),
            },
            story.articles.len()
        );
        if events.is_empty() {
            let _ = writeln!(out, "No events found.\n");
        } else {
            let _ = writeln!(out, "### Timeline\n");
            for m in events {
                write_event(&mut out, m, &articles);
            }
        }
        let _ = writeln!(out, "### Sources\n");
        for id in &story.articles {
            if let Some(a) = articles.get(id) {
                let a = &a.article;
                let _ = writeln!(
                    out,
                    "- [{}] {} · {} · {}{}",
                    &a.id[..8],
                    a.outlet.as_deref().unwrap_or("unknown outlet"),
                    a.published
                        .as_ref()
                        .map(|p| p.date.to_string())
                        .unwrap_or_else(|| "undated".into()),
                    a.title.as_deref().unwrap_or("(no title)"),
                    a.byline
                        .as_ref()
                        .map(|b| format!(" · by {b}"))
                        .unwrap_or_default()
                );
                if let Some(d) = &articles[id].duplicate_of {
                    let _ = writeln!(
                        out,
                        "  (a copy of [{}]: counts once as an outlet)",
                        &d[..8.min(d.len())]
                    );
                }
            }
        }
        out.push('\n');
    }
    Ok(out)
}

fn write_event(
    out: &mut String,
    merged: &Merged,
    articles: &HashMap<String, sitrep_store::ArticleRow>,
) {
    let m = &merged.merged;
    let e = &m.event;
    let mut line = format!(
        "- **{}** {}{} — {} → {}",
        date_label(e),
        e.kind.as_str(),
        e.mode
            .as_ref()
            .map(|m| format!(" ({m})"))
            .unwrap_or_default(),
        actor_label(&e.source),
        actor_label(&e.target),
    );
    let obj = objects_label(e);
    if !obj.is_empty() {
        let _ = write!(line, " · object: {obj}");
    }
    if let Some(l) = &e.location {
        let _ = write!(line, " · in {}", l.name);
    }
    if e.modality != sitrep_core::Modality::Asserted {
        let _ = write!(line, " · *{}*", e.modality.as_str());
    }
    if let Some(a) = &e.attribution {
        let _ = write!(line, " · per {}", a.name);
    }
    let _ = write!(
        line,
        " · {} article(s), {} outlet(s), confidence {:.2}",
        m.articles, m.outlets, m.confidence
    );
    let _ = writeln!(out, "{line}");
    for d in &merged.disagreements {
        let _ = writeln!(out, "  - **outlets disagree** on {}", disagreement_label(d));
    }
    for ev in &m.evidence {
        let outlet = ev
            .outlet
            .clone()
            .or_else(|| {
                articles
                    .get(&ev.article)
                    .and_then(|a| a.article.title.clone())
            })
            .unwrap_or_else(|| "unknown outlet".into());
        let _ = writeln!(
            out,
            "  > {}\n  > — {}, {} [{} {}..{}]",
            ev.sentence.replace('\n', " "),
            outlet,
            ev.published.as_deref().unwrap_or("undated"),
            &ev.article[..8],
            ev.start,
            ev.end
        );
    }
    out.push('\n');
}
