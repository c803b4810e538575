//! Fixed-width tables for the terminal.

use crate::{actor_label, date_label, objects_label};
use sitrep_store::{ArticleRow, StoryRow};
use sitrep_stories::Merged;

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut o: String = s.chars().take(n.saturating_sub(1)).collect();
        o.push('…');
        o
    }
}

pub(crate) fn render(header: &[&str], rows: Vec<Vec<String>>, widths: &[usize]) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>| -> String {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            let w = widths[i];
            let c = clip(c, w);
            if i + 1 == cells.len() {
                l.push_str(&c);
            } else {
                l.push_str(&c);
                l.push_str(&" ".repeat(w - c.chars().count() + 2));
            }
        }
        l.trim_end().to_string() + "\n"
    };
    out.push_str(&line(header.iter().map(|s| s.to_string()).collect()));
    out.push_str(&line(widths.iter().map(|w| "-".repeat(*w)).collect()));
    for r in rows {
        out.push_str(&line(r));
    }
    out
}

/// One line per merged event: date, type, modality, source, target, object, sources.
pub fn events_table(events: &[Merged]) -> String {
    let rows = events
        .iter()
        .map(|m| {
            let m = &m.merged;
            let e = &m.event;
            vec![
                date_label(e),
                e.kind.as_str().to_string(),
                e.modality.as_str().to_string(),
                actor_label(&e.source),
                actor_label(&e.target),
                objects_label(e),
                format!("{:.2}", m.confidence),
                format!("{}/{}", m.articles, m.outlets),
                m.id[..8.min(m.id.len())].to_string(),
            ]
        })
        .collect();
    render(
        &[
            "DATE", "TYPE", "MODALITY", "SOURCE", "TARGET", "OBJECT", "CONF", "ART/OUT", "ID",
        ],
        rows,
        &[26, 9, 12, 28, 28, 24, 4, 7, 8],
    )
}

/// One line per article: published, outlet, title, id.
pub fn articles_table(articles: &[ArticleRow]) -> String {
    let rows = articles
        .iter()
        .map(|r| {
            let a = &r.article;
            vec![
                a.published
                    .as_ref()
                    .map(|p| p.date.to_string())
                    .unwrap_or_else(|| "undated".into()),
                a.outlet.clone().unwrap_or_else(|| "—".into()),
                a.title.clone().unwrap_or_else(|| "(no title)".into()),
                a.id[..12].to_string(),
            ]
        })
        .collect();
    render(
        &["PUBLISHED", "OUTLET", "TITLE", "ID"],
        rows,
        &[10, 16, 70, 12],
    )
}

/// One line per story: date range, size, title, id.
pub fn stories_table(stories: &[StoryRow]) -> String {
    let rows = stories
        .iter()
        .map(|s| {
            vec![
                match (&s.first_seen, &s.last_seen) {
                    (Some(a), Some(z)) => format!("{a}..{z}"),
                    _ => "undated".to_string(),
                },
                s.articles.len().to_string(),
                s.title.clone(),
                s.id[..12.min(s.id.len())].to_string(),
            ]
        })
        .collect();
    render(
        &["DATES", "ARTICLES", "TITLE", "ID"],
        rows,
        &[22, 8, 70, 12],
    )
}
