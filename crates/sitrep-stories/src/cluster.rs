//! Online story assignment by overlap of entities and content words.
//!
//! An article's [`Signature`] is the set of entities its mentions link to plus its most frequent
//! content words (title words count double). Two signatures compare by
//! `0.6 * jaccard(entities) + 0.4 * jaccard(words)`; an article joins the best story scoring at
//! least [`JOIN_THRESHOLD`] whose dates lie within [`MAX_GAP_DAYS`] of its own, else it starts a
//! story of its own. A story's signature accumulates its members' counts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_core::{short_hash, AnalysedArticle};
use std::collections::{BTreeMap, BTreeSet};

/// Minimum similarity for an article to join an existing story.
pub const JOIN_THRESHOLD: f32 = 0.35;
/// Maximum days between an article and a story's date range for it to join.
pub const MAX_GAP_DAYS: i64 = 7;
/// Content words kept per signature.
const MAX_TERMS: usize = 40;

/// What story clustering compares: counts of linked entities and content words.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Signature {
    pub entities: BTreeMap<String, u32>,
    pub terms: BTreeMap<String, u32>,
}

/// A story the article may join, as the store holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryCandidate {
    pub id: String,
    pub title: String,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub signature: Signature,
}

const STOP: &[&str] = &[
    "about",
    "after",
    "again",
    "against",
    "also",
    "although",
    "among",
    "been",
    "before",
    "being",
    "between",
    "both",
    "could",
    "does",
    "during",
    "each",
    "even",
    "from",
    "further",
    "have",
    "having",
    "here",
    "into",
    "itself",
    "just",
    "more",
    "most",
    "much",
    "must",
    "only",
    "other",
    "over",
    "said",
    "same",
    "says",
    "several",
    "should",
    "since",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "time",
    "under",
    "until",
    "very",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "will",
    "with",
    "within",
    "would",
    "year",
    "your",
    "according",
    "however",
    "week",
    "months",
    "still",
];

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && !w.chars().all(|c| c.is_numeric()))
        .map(|w| w.to_lowercase())
        .filter(|w| !STOP.contains(&w.as_str()))
}

/// The signature of one analysed article.
pub fn signature(a: &AnalysedArticle) -> Signature {
    let mut terms: BTreeMap<String, u32> = BTreeMap::new();
    for w in words(&a.article.text) {
        *terms.entry(w).or_default() += 1;
    }
    for w in words(a.article.title.as_deref().unwrap_or("")) {
        *terms.entry(w).or_default() += 2;
    }
    let mut entities: BTreeMap<String, u32> = BTreeMap::new();
    for m in &a.mentions {
        if let Some(e) = &m.entity {
            *entities.entry(e.clone()).or_default() += 1;
        }
    }
    Signature {
        entities,
        terms: top(terms, MAX_TERMS),
    }
}

fn top(map: BTreeMap<String, u32>, n: usize) -> BTreeMap<String, u32> {
    let mut v: Vec<(String, u32)> = map.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(n);
    v.into_iter().collect()
}

fn jaccard(a: &BTreeMap<String, u32>, b: &BTreeMap<String, u32>) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let ka: BTreeSet<&String> = a.keys().collect();
    let kb: BTreeSet<&String> = b.keys().collect();
    let inter = ka.intersection(&kb).count() as f32;
    let union = ka.union(&kb).count() as f32;
    inter / union
}

/// Similarity of two signatures, 0..1.
pub fn similarity(a: &Signature, b: &Signature) -> f32 {
    0.6 * jaccard(&a.entities, &b.entities) + 0.4 * jaccard(&a.terms, &b.terms)
}

fn day(s: &Option<String>) -> Option<NaiveDate> {
    s.as_deref()
        .and_then(|d| d.get(..10))
        .and_then(|d| d.parse().ok())
}

fn within_gap(date: Option<NaiveDate>, c: &StoryCandidate) -> bool {
    let Some(d) = date else { return true };
    let (Some(first), Some(last)) = (day(&c.first_seen), day(&c.last_seen)) else {
        return true;
    };
    (first - d).num_days() <= MAX_GAP_DAYS && (d - last).num_days() <= MAX_GAP_DAYS
}

/// The story an article belongs to: the best candidate above the threshold, updated with the
/// article, or a new story seeded by it. `date` is the article's publication day, if known.
pub fn assign(
    article_id: &str,
    title: &str,
    date: Option<NaiveDate>,
    sig: &Signature,
    candidates: &[StoryCandidate],
) -> StoryCandidate {
    let best = candidates
        .iter()
        .filter(|c| within_gap(date, c))
        .map(|c| (similarity(sig, &c.signature), c))
        .filter(|(s, _)| *s >= JOIN_THRESHOLD)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.id.cmp(&a.1.id)));
    let date_s = date.map(|d| d.to_string());
    match best {
        Some((_, c)) => {
            let mut merged = c.signature.clone();
            for (k, v) in &sig.entities {
                *merged.entities.entry(k.clone()).or_default() += v;
            }
            for (k, v) in &sig.terms {
                *merged.terms.entry(k.clone()).or_default() += v;
            }
            merged.terms = top(merged.terms, MAX_TERMS * 2);
            let first_seen = match (&c.first_seen, &date_s) {
                (Some(a), Some(b)) => Some(a.min(b).clone()),
                (a, b) => a.clone().or(b.clone()),
            };
            let last_seen = match (&c.last_seen, &date_s) {
                (Some(a), Some(b)) => Some(a.max(b).clone()),
                (a, b) => a.clone().or(b.clone()),
            };
            StoryCandidate {
                id: c.id.clone(),
                title: c.title.clone(),
                first_seen,
                last_seen,
                signature: merged,
            }
        }
        None => StoryCandidate {
            id: short_hash(&["story", article_id]),
            title: title.to_string(),
            first_seen: date_s.clone(),
            last_seen: date_s,
            signature: sig.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(entities: &[&str], terms: &[&str]) -> Signature {
        Signature {
            entities: entities.iter().map(|e| (e.to_string(), 1)).collect(),
            terms: terms.iter().map(|e| (e.to_string(), 1)).collect(),
        }
    }

    #[test]
    fn similar_article_joins_and_different_one_starts_a_story() {
        let s = sig(
            &["kb:milley", "kb:zaluzhnyi"],
            &["meeting", "poland", "generals"],
        );
        let c = StoryCandidate {
            id: "s1".into(),
            title: "Milley meets Zaluzhnyi".into(),
            first_seen: Some("2023-01-17".into()),
            last_seen: Some("2023-01-17".into()),
            signature: s.clone(),
        };
        let near = sig(
            &["kb:milley", "kb:zaluzhnyi"],
            &["meeting", "poland", "border"],
        );
        let d = "2023-01-18".parse().ok();
        assert_eq!(
            assign("a2", "x", d, &near, std::slice::from_ref(&c)).id,
            "s1"
        );
        let far = sig(&["kb:atacms"], &["missiles", "pentagon"]);
        assert_ne!(
            assign("a3", "y", d, &far, std::slice::from_ref(&c)).id,
            "s1"
        );
        // Same words a year later: a new story.
        let late = "2024-01-18".parse().ok();
        assert_ne!(assign("a4", "z", late, &near, &[c]).id, "s1");
    }
}
