//! The stories bar on the dev set: the real cleaning and extraction, articles fed to the online
//! clusterer in publication order, B-cubed F1 against `dev-groups.json` of at least 0.90.
//!
//! Items link to the groups by the JSONL record's `id` field (`hx0001`...), which reading keeps
//! in `RawMeta::id`; the article id itself is a content hash.

use sitrep_core::AnalysedArticle;
use sitrep_ingest::{read_input, Input, Item, ReadOptions};
use sitrep_stories::{
    bcubed, brief, features, merge_events, ActorFacts, BriefArticle, ClusterConfig, Clusterer,
    DocFeatures, Report,
};
use std::collections::BTreeMap;

/// `(record id, features)` of every dev item, in publication order (ties: file order).
fn dev_features() -> Vec<(String, DocFeatures)> {
    dev_analysed()
        .into_iter()
        .map(|(id, a)| (id, features(&a)))
        .collect()
}

/// `(record id, analysed article)` of every dev item, in publication order.
fn dev_analysed() -> Vec<(String, AnalysedArticle)> {
    let path = sitrep_testkit::data("stories/dev.jsonl");
    let extractor = sitrep_extract::Extractor::default();
    let mut out = Vec::new();
    for item in read_input(&Input::File(path), &ReadOptions::default()) {
        let Item::Doc(doc) = item else { continue };
        let Some(id) = doc.meta.id.clone() else {
            continue;
        };
        let Ok(article) = sitrep_ingest::clean(&doc) else {
            continue;
        };
        out.push((id, extractor.analyse(article)));
    }
    let day = |a: &AnalysedArticle| a.article.published.as_ref().map(|p| p.date);
    out.sort_by_key(|a| day(&a.1));
    out
}

fn gold() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(sitrep_testkit::data("stories/dev-groups.json"))
        .expect("dev-groups.json");
    let v: serde_json::Value = serde_json::from_str(&text).expect("groups json");
    v.as_object()
        .expect("groups object")
        .values()
        .map(|g| {
            g["articles"]
                .as_array()
                .expect("articles")
                .iter()
                .filter_map(|a| a.as_str().map(str::to_string))
                .collect()
        })
        .collect()
}

fn run(config: ClusterConfig, docs: &[(String, DocFeatures)]) -> (f64, f64, f64) {
    let mut c = Clusterer::new(config);
    let mut clusters: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (id, f) in docs {
        let a = c.add(f);
        if std::env::var_os("STORIES_TRACE").is_some() {
            eprintln!(
                "{id} {} {:.3} new={} dup={:?} {}",
                &a.story[..8],
                a.score,
                a.new_story,
                a.duplicate_of,
                f.title
            );
        }
        clusters.entry(a.story).or_default().push(id.clone());
    }
    let predicted: Vec<Vec<String>> = clusters.into_values().collect();
    bcubed(&predicted, &gold())
}

#[test]
fn dev_bcubed_f1_meets_the_bar() {
    let docs = dev_features();
    assert_eq!(docs.len(), 95);
    let (p, r, f1) = run(ClusterConfig::default(), &docs);
    println!("eval stories bcubed_f1={f1:.4} precision={p:.4} recall={r:.4}");
    assert!(f1 >= 0.90, "B-cubed F1 {f1:.4} below 0.90");
}

/// `STORIES_SWEEP=1 cargo test -p sitrep-stories --release --test dev_eval -- --nocapture sweep`
/// prints F1 over a grid of thresholds (how the defaults were chosen).
#[test]
fn sweep() {
    if std::env::var_os("STORIES_SWEEP").is_none() {
        return;
    }
    let docs = dev_features();
    for jt in [0.15f32, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45] {
        for we in [0.0f32, 0.2, 0.4, 0.6] {
            let cfg = ClusterConfig {
                join_threshold: jt,
                w_entities: we,
                w_terms: 1.0 - we,
                ..ClusterConfig::default()
            };
            let (p, r, f1) = run(cfg, &docs);
            println!("join={jt:.2} w_entities={we:.1}: f1={f1:.4} p={p:.4} r={r:.4}");
        }
    }
}

/// The largest dev story end to end: merged events and a brief, from the real analysis.
#[test]
fn largest_dev_story_merges_and_briefs() {
    let analysed = dev_analysed();
    let mut c = Clusterer::new(ClusterConfig::default());
    let mut stories: BTreeMap<String, Vec<(&AnalysedArticle, Option<String>)>> = BTreeMap::new();
    for (_, a) in &analysed {
        let got = c.add(&features(a));
        stories
            .entry(got.story)
            .or_default()
            .push((a, got.duplicate_of));
    }
    let (story, members) = stories
        .iter()
        .max_by_key(|(_, m)| m.len())
        .expect("stories");
    let facts = ActorFacts::from_entities(members.iter().flat_map(|(a, _)| &a.entities));
    let reports: Vec<Report> = members
        .iter()
        .flat_map(|(a, dup)| {
            a.events.iter().map(move |e| Report {
                event: e.clone(),
                outlet: a.article.outlet.clone(),
                published: a.article.published.as_ref().map(|p| p.date.to_string()),
                story: Some(story.clone()),
                duplicate_of: dup.clone(),
                sentence: a.article.slice(e.sentence).to_string(),
            })
        })
        .collect();
    let n_reports = reports.len();
    let merged = merge_events(reports, &facts);
    assert!(!merged.is_empty() && merged.len() <= n_reports);
    let evidence: usize = merged.iter().map(|m| m.merged.evidence.len()).sum();
    assert_eq!(
        evidence, n_reports,
        "every report is evidence of one merged event"
    );
    let articles: Vec<BriefArticle> = members
        .iter()
        .map(|(a, dup)| BriefArticle::from_analysed(a, dup.clone()))
        .collect();
    let b = brief(&articles, &merged);
    println!(
        "story {story}: {} articles, {n_reports} reports -> {} merged events ({} with disagreements)",
        members.len(),
        merged.len(),
        merged.iter().filter(|m| !m.disagreements.is_empty()).count()
    );
    println!("headline: {}", b.headline);
    for s in &b.summary {
        println!("  - {}", s.text);
    }
    let actors: Vec<String> = b
        .actors
        .iter()
        .map(|a| format!("{} ({})", a.name, a.articles))
        .collect();
    println!("actors: {}", actors.join(", "));
    assert!(!b.headline.is_empty());
    assert!(!b.summary.is_empty());
    assert_eq!(b.sources.len(), members.len());
    assert_eq!(b.timeline.len(), merged.len());
}
