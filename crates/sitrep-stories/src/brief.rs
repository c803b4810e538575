//! A story's brief: what a reader needs first, from the story's articles and merged events.
//!
//! [`brief`] is a pure function of [`BriefArticle`]s and [`Merged`] events:
//!
//! * `headline`: the title of the article closest to the story as a whole (cosine of its title
//!   and lead against the story's term centroid; copies skipped; ties: earliest).
//! * `summary`: up to [`SUMMARY_SENTENCES`] sentences picked by maximal marginal relevance over
//!   sentence term vectors (IDF over the story's candidate sentences): each pick maximises
//!   `MMR_LAMBDA * relevance - (1 - MMR_LAMBDA) * max similarity to the sentences already
//!   picked`, and a sentence more than [`MAX_REDUNDANCY`] similar to a picked one is never
//!   picked, so the summary covers the story without repeating itself. Candidates are the first
//!   [`LEAD_SENTENCES`] sentences of every article that is not a copy (leads state the news;
//!   this also bounds the work on long transcripts), 40 to 600 bytes long.
//! * `timeline`: the merged events sorted by date (undated last).
//! * `actors`: the [`TOP_ACTORS`] linked entities in most articles (then most mentions).
//! * `sources`: every article by publication date: outlet, date, title, id, and the canonical
//!   article when it is a copy.
//!
//! Rendering is the caller's (`sitrep story ID`).

use crate::merge::Merged;
use crate::text::content_terms;
use serde::{Deserialize, Serialize};
use sitrep_core::{AnalysedArticle, Entity, EntityType, Mention, Span};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Sentences in a summary, at most.
pub const SUMMARY_SENTENCES: usize = 4;
/// Sentences of each article considered for the summary.
pub const LEAD_SENTENCES: usize = 6;
/// Relevance against novelty in the MMR pick.
pub const MMR_LAMBDA: f32 = 0.7;
/// A candidate this similar (cosine) to a picked sentence is a repetition.
pub const MAX_REDUNDANCY: f32 = 0.6;
/// Actors listed, at most.
pub const TOP_ACTORS: usize = 8;

/// What a brief needs of one article of the story.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BriefArticle {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    pub text: String,
    pub sentences: Vec<Span>,
    pub mentions: Vec<Mention>,
    /// The entities the mentions link to (for names and kinds).
    pub entities: Vec<Entity>,
    pub duplicate_of: Option<String>,
}

impl BriefArticle {
    /// The brief's view of an analysed article.
    pub fn from_analysed(a: &AnalysedArticle, duplicate_of: Option<String>) -> BriefArticle {
        BriefArticle {
            id: a.article.id.clone(),
            title: a.article.title.clone(),
            outlet: a.article.outlet.clone(),
            published: a.article.published.as_ref().map(|p| p.date.to_string()),
            text: a.article.text.clone(),
            sentences: a.sentences.clone(),
            mentions: a.mentions.clone(),
            entities: a.entities.clone(),
            duplicate_of,
        }
    }
}

/// One summary sentence and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    pub article: String,
    pub span: Span,
    pub text: String,
}

/// An entity of the story and how much it is in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopActor {
    pub entity: String,
    pub name: String,
    /// Articles mentioning it.
    pub articles: usize,
    pub mentions: usize,
}

/// One article of the story, as a source line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefSource {
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub article: String,
    pub duplicate_of: Option<String>,
}

/// A story's brief (see the module doc).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    pub headline: String,
    pub summary: Vec<SummarySentence>,
    pub timeline: Vec<Merged>,
    pub actors: Vec<TopActor>,
    pub sources: Vec<BriefSource>,
}

type Vector = BTreeMap<String, f32>;

fn counts(text: &str) -> Vector {
    let mut v = Vector::new();
    for t in content_terms(text) {
        *v.entry(t).or_default() += 1.0;
    }
    v
}

fn weigh(v: &Vector, idf: &HashMap<String, f32>) -> Vector {
    v.iter()
        .map(|(t, c)| (t.clone(), c * idf.get(t).copied().unwrap_or(1.0)))
        .collect()
}

fn cosine(a: &Vector, b: &Vector) -> f32 {
    let dot: f32 = a.iter().filter_map(|(t, x)| b.get(t).map(|y| x * y)).sum();
    let n = |v: &Vector| v.values().map(|x| x * x).sum::<f32>().sqrt();
    let d = n(a) * n(b);
    if d > 0.0 {
        dot / d
    } else {
        0.0
    }
}

/// The brief of one story.
pub fn brief(articles: &[BriefArticle], merged: &[Merged]) -> Brief {
    let mut order: Vec<&BriefArticle> = articles.iter().collect();
    order.sort_by(|a, b| {
        (a.published.is_none(), &a.published, &a.id).cmp(&(
            b.published.is_none(),
            &b.published,
            &b.id,
        ))
    });
    let originals: Vec<&BriefArticle> = order
        .iter()
        .copied()
        .filter(|a| a.duplicate_of.is_none())
        .collect();

    // Candidate sentences and story-level IDF over them.
    struct Cand<'a> {
        article: &'a str,
        span: Span,
        text: &'a str,
        v: Vector,
    }
    let mut cands: Vec<Cand> = Vec::new();
    for a in &originals {
        for s in a.sentences.iter().take(LEAD_SENTENCES) {
            let text = s.slice(&a.text).trim();
            if !(40..=600).contains(&text.len()) {
                continue;
            }
            let v = counts(text);
            if !v.is_empty() {
                cands.push(Cand {
                    article: &a.id,
                    span: *s,
                    text,
                    v,
                });
            }
        }
    }
    let n = cands.len().max(1) as f32;
    let mut df: HashMap<String, f32> = HashMap::new();
    for c in &cands {
        for t in c.v.keys() {
            *df.entry(t.clone()).or_default() += 1.0;
        }
    }
    let idf: HashMap<String, f32> = df
        .into_iter()
        .map(|(t, d)| (t, (n / d).ln() + 1.0))
        .collect();
    for c in &mut cands {
        c.v = weigh(&c.v, &idf);
    }
    let mut centroid = Vector::new();
    for c in &cands {
        for (t, w) in &c.v {
            *centroid.entry(t.clone()).or_default() += w;
        }
    }

    // Headline: the title (plus lead) closest to the centroid.
    let headline = originals
        .iter()
        .chain(order.iter())
        .filter_map(|a| {
            let title = a.title.as_deref()?.trim();
            if title.is_empty() {
                return None;
            }
            let lead = a.sentences.first().map(|s| s.slice(&a.text)).unwrap_or("");
            let v = weigh(&counts(&format!("{title} {lead}")), &idf);
            Some((cosine(&v, &centroid), title))
        })
        .fold(None::<(f32, &str)>, |best, (s, t)| match best {
            Some((b, _)) if b >= s => best,
            _ => Some((s, t)),
        })
        .map(|(_, t)| t.to_string())
        .or_else(|| order.first().map(|a| crate::features::first_words(&a.text)))
        .unwrap_or_default();

    // Summary by MMR.
    let relevance: Vec<f32> = cands.iter().map(|c| cosine(&c.v, &centroid)).collect();
    let mut picked: Vec<usize> = Vec::new();
    while picked.len() < SUMMARY_SENTENCES {
        let mut best: Option<(usize, f32)> = None;
        for (i, c) in cands.iter().enumerate() {
            if picked.contains(&i) {
                continue;
            }
            let redundancy = picked
                .iter()
                .map(|&j| cosine(&c.v, &cands[j].v))
                .fold(0.0f32, f32::max);
            if redundancy > MAX_REDUNDANCY {
                continue;
            }
            let score = MMR_LAMBDA * relevance[i] - (1.0 - MMR_LAMBDA) * redundancy;
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((i, score));
            }
        }
        match best {
            Some((i, _)) => picked.push(i),
            None => break,
        }
    }
    let summary = picked
        .into_iter()
        .map(|i| SummarySentence {
            article: cands[i].article.to_string(),
            span: cands[i].span,
            text: cands[i].text.to_string(),
        })
        .collect();

    // Timeline.
    let mut timeline = merged.to_vec();
    timeline.sort_by(|a, b| {
        let d = |m: &Merged| m.merged.event.date.as_ref().and_then(|d| d.value.clone());
        let (da, db) = (d(a), d(b));
        (da.is_none(), da)
            .cmp(&(db.is_none(), db))
            .then_with(|| a.merged.id.cmp(&b.merged.id))
    });

    Brief {
        headline,
        summary,
        timeline,
        actors: actors(&originals),
        sources: order
            .iter()
            .map(|a| BriefSource {
                outlet: a.outlet.clone(),
                published: a.published.clone(),
                title: a.title.clone(),
                article: a.id.clone(),
                duplicate_of: a.duplicate_of.clone(),
            })
            .collect(),
    }
}

fn actors(articles: &[&BriefArticle]) -> Vec<TopActor> {
    let mut names: HashMap<&str, (&str, EntityType)> = HashMap::new();
    for a in articles {
        for e in &a.entities {
            names.entry(&e.id).or_insert((&e.name, e.kind));
        }
    }
    let mut stats: BTreeMap<&str, (BTreeSet<&str>, usize)> = BTreeMap::new();
    for a in articles {
        for m in &a.mentions {
            let Some(e) = m.entity.as_deref() else {
                continue;
            };
            if matches!(
                m.kind,
                EntityType::Date | EntityType::Quantity | EntityType::Money
            ) {
                continue;
            }
            let s = stats.entry(e).or_default();
            s.0.insert(&a.id);
            s.1 += 1;
        }
    }
    let mut out: Vec<TopActor> = stats
        .into_iter()
        .map(|(e, (arts, n))| TopActor {
            entity: e.to_string(),
            name: names
                .get(e)
                .map(|(n, _)| n.to_string())
                .unwrap_or_else(|| e.to_string()),
            articles: arts.len(),
            mentions: n,
        })
        .collect();
    out.sort_by(|a, b| {
        (b.articles, b.mentions)
            .cmp(&(a.articles, a.mentions))
            .then_with(|| a.entity.cmp(&b.entity))
    });
    out.truncate(TOP_ACTORS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, title: &str, text: &str, published: &str) -> BriefArticle {
        let mut sentences = Vec::new();
        let mut start = 0;
        for part in text.split_inclusive(". ") {
            sentences.push(Span::new(start, start + part.len()));
            start += part.len();
        }
        BriefArticle {
            id: id.into(),
            title: Some(title.into()),
            outlet: Some(format!("outlet-{id}")),
            published: Some(published.into()),
            text: text.into(),
            sentences,
            ..Default::default()
        }
    }

    #[test]
    fn summary_covers_without_repeating() {
        let a = article(
            "a",
            "Missile hits Poland near Ukrainian border",
            "A missile hit a farm in eastern Poland near the Ukrainian border, killing two. \
             NATO allies held emergency talks about the missile blast in Poland. ",
            "2022-11-15",
        );
        let b = article(
            "b",
            "Missile strikes Polish village near border",
            "A missile hit a farm in eastern Poland near the Ukrainian border and killed two. \
             Investigators think a Ukrainian air defence missile caused the blast. ",
            "2022-11-16",
        );
        let copy = BriefArticle {
            duplicate_of: Some("a".into()),
            id: "c".into(),
            ..a.clone()
        };
        let br = brief(&[b.clone(), a.clone(), copy], &[]);
        assert!(br.headline.contains("Missile"));
        assert!(br.summary.len() >= 2);
        // The two near-identical lead sentences are not both picked.
        let leads = br
            .summary
            .iter()
            .filter(|s| s.text.starts_with("A missile hit a farm"))
            .count();
        assert_eq!(leads, 1, "{:#?}", br.summary);
        for s in &br.summary {
            let art = if s.article == "a" { &a } else { &b };
            assert_eq!(s.span.slice(&art.text).trim(), s.text);
        }
        assert_eq!(br.sources.len(), 3);
        assert_eq!(br.sources[0].published.as_deref(), Some("2022-11-15"));
    }

    #[test]
    fn empty_story_gives_empty_brief() {
        let br = brief(&[], &[]);
        assert!(br.headline.is_empty() && br.summary.is_empty() && br.sources.is_empty());
    }
}
