//! Entity views: the list of entities (`sitrep entities`) and one entity's page
//! (`sitrep entity NAME`): its names as the articles write them, its attributes with where they
//! came from, the articles that mention it and the events it takes part in.

use crate::{merged_events, ViewError};
use sitrep_core::{Entity, Event};
use sitrep_store::{EventFilter, Store};
use std::collections::BTreeMap;
use std::fmt::Write;

/// One line per entity: type, country, sector, mentions, articles, name, id.
pub fn entities_table(store: &Store) -> Result<String, ViewError> {
    let rows = store
        .entities()?
        .into_iter()
        .map(|(e, mentions, articles)| {
            vec![
                e.kind.as_str().to_string(),
                e.country.clone().unwrap_or_else(|| "-".into()),
                e.sector.map_or("-".to_string(), |s| s.as_str().to_string()),
                mentions.to_string(),
                articles.to_string(),
                e.name.clone(),
                e.id.clone(),
            ]
        })
        .collect();
    Ok(crate::table::render(
        &[
            "TYPE", "COUNTRY", "SECTOR", "MENTIONS", "ARTICLES", "NAME", "ID",
        ],
        rows,
        &[10, 7, 6, 8, 8, 32, 30],
    ))
}

/// Entities whose id, name or an alias equals `query` (ignoring case), else those whose name
/// or alias contains it.
pub fn find_entities(store: &Store, query: &str) -> Result<Vec<Entity>, ViewError> {
    let q = query.trim().to_lowercase();
    let all: Vec<Entity> = store.entities()?.into_iter().map(|(e, _, _)| e).collect();
    let names = |e: &Entity| -> Vec<String> {
        std::iter::once(e.name.to_lowercase())
            .chain(
                e.aliases
                    .iter()
                    .map(|a| a.trim_start_matches('=').to_lowercase()),
            )
            .collect()
    };
    let exact: Vec<Entity> = all
        .iter()
        .filter(|e| e.id.to_lowercase() == q || names(e).contains(&q))
        .cloned()
        .collect();
    if !exact.is_empty() {
        return Ok(exact);
    }
    Ok(all
        .into_iter()
        .filter(|e| names(e).iter().any(|n| n.contains(&q)))
        .collect())
}

fn involves(e: &Event, id: &str) -> bool {
    let is = |x: &Option<String>| x.as_deref() == Some(id);
    e.source.as_ref().is_some_and(|a| is(&a.entity))
        || e.target.as_ref().is_some_and(|a| is(&a.entity))
        || e.objects.iter().any(|o| is(&o.entity))
        || e.location.as_ref().is_some_and(|l| is(&l.entity))
}

/// The page of one entity, or `None` when no stored entity matches `query`. When several
/// match, a short list of them is returned instead, to pick from by id.
pub fn entity_page(
    store: &Store,
    query: &str,
    min_confidence: Option<f32>,
) -> Result<Option<String>, ViewError> {
    let found = find_entities(store, query)?;
    let mut out = String::new();
    let e = match found.as_slice() {
        [] => return Ok(None),
        [one] => one,
        many => {
            let _ = writeln!(
                out,
                "{} entities match {query:?}; ask for one by id:",
                many.len()
            );
            for e in many {
                let _ = writeln!(out, "  {}  {} ({})", e.id, e.name, e.kind.as_str());
            }
            return Ok(Some(out));
        }
    };
    let _ = writeln!(out, "# {} ({})\n", e.name, e.kind.as_str());
    let _ = writeln!(out, "id: {}", e.id);
    let from_kb = e.id.starts_with("kb:") || e.id.starts_with("geonames:");
    let origin = if from_kb {
        "knowledge base".to_string()
    } else {
        "the text (titles, appositives, demonyms next to the name)".to_string()
    };
    let from = |attr: &str| -> String {
        match e.evidence.iter().find(|x| x.attribute == attr) {
            Some(x) => format!(
                "from the {} \"{}\" in article {}",
                x.how,
                x.text,
                &x.article[..8.min(x.article.len())]
            ),
            None => format!("from {origin}"),
        }
    };
    if let Some(c) = &e.country {
        let _ = writeln!(out, "country: {c}   ({})", from("country"));
    }
    if let Some(s) = e.sector {
        let _ = writeln!(out, "sector: {}   ({})", s.as_str(), from("sector"));
    }
    if !e.aliases.is_empty() {
        let aliases: Vec<&str> = e
            .aliases
            .iter()
            .map(|a| a.trim_start_matches('='))
            .collect();
        let _ = writeln!(out, "known aliases: {}", aliases.join(", "));
    }
    // Names as the articles write them, and the articles.
    let mentions = store.entity_mentions(&e.id)?;
    let mut written: BTreeMap<String, usize> = BTreeMap::new();
    let mut articles: Vec<(String, usize, Option<String>)> = Vec::new();
    let mut evidence: Vec<String> = Vec::new();
    for (article, span) in &mentions {
        let Some(row) = store.article(article)? else {
            continue;
        };
        let text = &row.article.text;
        if let Some(w) = text.get(span.start..span.end) {
            *written.entry(w.to_string()).or_default() += 1;
        }
        match articles.iter_mut().find(|(id, _, _)| id == article) {
            Some(a) => a.1 += 1,
            None => {
                articles.push((article.clone(), 1, row.article.title.clone()));
                // The first mention in each article, with its sentence, is the evidence.
                if evidence.len() < 5 {
                    if let Some(s) = row.sentences.iter().find(|s| s.contains(*span)) {
                        let sent = text.get(s.start..s.end).unwrap_or("").trim();
                        evidence.push(format!(
                            "{}: \"{}\"",
                            &article[..8.min(article.len())],
                            sent
                        ));
                    }
                }
            }
        }
    }
    if !written.is_empty() {
        let mut w: Vec<(String, usize)> = written.into_iter().collect();
        w.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let list: Vec<String> = w.iter().map(|(n, c)| format!("{n} ({c})")).collect();
        let _ = writeln!(out, "written as: {}", list.join(", "));
    }
    let _ = writeln!(
        out,
        "\n## Evidence ({} mentions in {} articles)\n",
        mentions.len(),
        articles.len()
    );
    for ev in &evidence {
        let _ = writeln!(out, "- {ev}");
    }
    let _ = writeln!(out, "\n## Articles\n");
    for (id, n, title) in &articles {
        let _ = writeln!(
            out,
            "- {} {} ({n} mentions)",
            &id[..8.min(id.len())],
            title.as_deref().unwrap_or("(untitled)")
        );
    }
    let filter = EventFilter {
        min_confidence,
        ..Default::default()
    };
    let events: Vec<_> = merged_events(store, &filter)?
        .into_iter()
        .filter(|m| involves(&m.merged.event, &e.id))
        .collect();
    let _ = writeln!(out, "\n## Events ({})\n", events.len());
    if !events.is_empty() {
        out.push_str(&crate::events_table(&events));
    }
    Ok(Some(out))
}
