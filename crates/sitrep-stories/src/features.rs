//! What story clustering and near-duplicate detection know of one article: [`DocFeatures`].
//!
//! [`features`] computes them from an [`AnalysedArticle`]; [`FeatureInput`] and
//! [`features_from`] do the same from plain parts (tests, benchmarks, a store row). They are
//! small and serde-serialisable so the pipeline can store them per article and rebuild the
//! online [`crate::Clusterer`] from them at the start of a run without re-analysing anything.
//!
//! * `terms`: content words with sublinear counts (`1 + ln(count)`), title words weighted
//!   [`TITLE_WEIGHT`] times, at most [`MAX_TERMS`]. Corpus weights (IDF) are the clusterer's job:
//!   they change as articles arrive.
//! * `entities`: linked entity ids of the mentions, sublinear counts as for terms.
//! * `events`: one key per extracted event, `TYPE|source|target` by entity id.
//! * `minhash`: [`MINHASH_LEN`] MinHash values over the body's word shingles
//!   ([`crate::text::shingle_hashes`]), empty when the body has fewer than [`MIN_SHINGLES`]
//!   shingles (too short to call anything a copy of it).

use crate::text::{content_terms, mix64, shingle_hashes};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_core::AnalysedArticle;
use std::collections::BTreeMap;

/// MinHash values per article (also the number of hash functions).
pub const MINHASH_LEN: usize = 64;
/// Fewer shingles than this: no MinHash, so never a near-duplicate. A 12-word text has 9.
pub const MIN_SHINGLES: usize = 8;
/// Content terms kept per article.
pub const MAX_TERMS: usize = 80;
/// How much more a title word weighs than a body word: headlines name the happening.
pub const TITLE_WEIGHT: f32 = 2.0;

/// One article as clustering sees it. Serialisable; field meanings in the module doc.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocFeatures {
    /// The article id.
    pub id: String,
    /// Publication day, when known.
    pub date: Option<NaiveDate>,
    pub outlet: Option<String>,
    /// The title, or the text's first words when there is none: the title of a story it starts.
    pub title: String,
    /// Content terms and weights, sorted by term.
    pub terms: Vec<(String, f32)>,
    /// Linked entity ids and weights, sorted by id.
    pub entities: Vec<(String, f32)>,
    /// Event keys `TYPE|source|target`, sorted, unique.
    pub events: Vec<String>,
    /// MinHash of the body's shingles; empty for very short bodies.
    pub minhash: Vec<u32>,
}

/// The parts [`features_from`] needs, borrowed.
#[derive(Debug, Clone, Default)]
pub struct FeatureInput<'a> {
    pub id: &'a str,
    pub date: Option<NaiveDate>,
    pub outlet: Option<&'a str>,
    pub title: Option<&'a str>,
    pub text: &'a str,
    /// Linked entity ids, one per mention.
    pub entities: Vec<&'a str>,
    /// Event keys (see [`event_key`]).
    pub events: Vec<String>,
}

/// The features of an analysed article.
pub fn features(a: &AnalysedArticle) -> DocFeatures {
    let art = &a.article;
    features_from(&FeatureInput {
        id: &art.id,
        date: art.published.as_ref().map(|p| p.date),
        outlet: art.outlet.as_deref(),
        title: art.title.as_deref(),
        text: &art.text,
        entities: a
            .mentions
            .iter()
            .filter_map(|m| m.entity.as_deref())
            .collect(),
        events: a.events.iter().map(event_key).collect(),
    })
}

/// The clustering key of an event: PLOVER type and the entity ids (else lower-cased names) of
/// source and target.
pub fn event_key(e: &sitrep_core::Event) -> String {
    let actor = |a: &Option<sitrep_core::Actor>| match a {
        None => String::new(),
        Some(a) => a.entity.clone().unwrap_or_else(|| a.name.to_lowercase()),
    };
    format!(
        "{}|{}|{}",
        e.kind.as_str(),
        actor(&e.source),
        actor(&e.target)
    )
}

fn sublinear(counts: BTreeMap<String, f32>) -> impl Iterator<Item = (String, f32)> {
    counts
        .into_iter()
        .map(|(k, c)| (k, if c > 1.0 { 1.0 + c.ln() } else { c }))
}

/// The features of an article given as parts.
pub fn features_from(input: &FeatureInput<'_>) -> DocFeatures {
    let mut counts: BTreeMap<String, f32> = BTreeMap::new();
    for t in content_terms(input.text) {
        *counts.entry(t).or_default() += 1.0;
    }
    let mut terms: Vec<(String, f32)> = sublinear(counts).collect();
    // Title words add TITLE_WEIGHT each time they occur (not dampened: titles are short).
    if let Some(title) = input.title {
        let mut title_counts: BTreeMap<String, f32> = BTreeMap::new();
        for t in content_terms(title) {
            *title_counts.entry(t).or_default() += TITLE_WEIGHT;
        }
        let mut merged: BTreeMap<String, f32> = terms.into_iter().collect();
        for (t, w) in title_counts {
            *merged.entry(t).or_default() += w;
        }
        terms = merged.into_iter().collect();
    }
    if terms.len() > MAX_TERMS {
        terms.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        terms.truncate(MAX_TERMS);
        terms.sort_by(|a, b| a.0.cmp(&b.0));
    }
    let mut ecounts: BTreeMap<String, f32> = BTreeMap::new();
    for e in &input.entities {
        if !e.is_empty() {
            *ecounts.entry((*e).to_string()).or_default() += 1.0;
        }
    }
    let mut events = input.events.clone();
    events.sort();
    events.dedup();
    let title = match input.title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => t.to_string(),
        None => first_words(input.text),
    };
    DocFeatures {
        id: input.id.to_string(),
        date: input.date,
        outlet: input.outlet.map(str::to_string),
        title,
        terms,
        entities: sublinear(ecounts).collect(),
        events,
        minhash: minhash(&shingle_hashes(input.text)),
    }
}

/// The first line of a text, at most 80 characters (with `…` when cut).
pub fn first_words(text: &str) -> String {
    let line = text.trim_start().lines().next().unwrap_or("").trim();
    let mut out: String = line.chars().take(80).collect();
    if line.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// Seeds of the MinHash functions: fixed, so stored values stay comparable.
fn seed(i: usize) -> u64 {
    mix64(0x5eed_0000_0000_0000 ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// MinHash of a set of shingle hashes: for each of [`MINHASH_LEN`] hash functions the smallest
/// value over the set (upper 32 bits). Empty below [`MIN_SHINGLES`] shingles.
pub fn minhash(shingles: &[u64]) -> Vec<u32> {
    if shingles.len() < MIN_SHINGLES {
        return Vec::new();
    }
    let mut mins = vec![u64::MAX; MINHASH_LEN];
    for &s in shingles {
        for (i, m) in mins.iter_mut().enumerate() {
            let h = mix64(s ^ seed(i));
            if h < *m {
                *m = h;
            }
        }
    }
    mins.into_iter().map(|m| (m >> 32) as u32).collect()
}

/// The share of equal positions of two MinHash vectors: an estimate of the Jaccard similarity
/// of the two shingle sets. 0 when either is empty or the lengths differ.
pub fn minhash_similarity(a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f32 / a.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minhash_estimates_overlap() {
        let a: Vec<u64> = (0..200).collect();
        let b: Vec<u64> = (20..220).collect(); // Jaccard 180/220 = 0.82
        let c: Vec<u64> = (1000..1200).collect();
        let (ma, mb, mc) = (minhash(&a), minhash(&b), minhash(&c));
        assert_eq!(ma.len(), MINHASH_LEN);
        assert!(minhash_similarity(&ma, &mb) > 0.6);
        assert!(minhash_similarity(&ma, &mc) < 0.1);
        assert!(minhash(&a[..3]).is_empty());
        assert_eq!(minhash_similarity(&[], &[]), 0.0);
    }

    #[test]
    fn title_words_weigh_more_and_roundtrip_through_json() {
        let f = features_from(&FeatureInput {
            id: "a1",
            title: Some("Missile hits Poland"),
            text: "A missile landed in Poland near the border.",
            entities: vec!["kb:pol", "kb:pol", "kb:ukr"],
            ..Default::default()
        });
        let w = |t: &str| f.terms.iter().find(|x| x.0 == t).map(|x| x.1);
        assert_eq!(w("missile"), Some(3.0));
        assert_eq!(w("border"), Some(1.0));
        assert_eq!(f.entities[0].0, "kb:pol");
        assert!(f.entities[0].1 > 1.0);
        let back: DocFeatures = serde_json::from_str(&serde_json::to_string(&f).unwrap()).unwrap();
        assert_eq!(back, f);
    }
}
