//! The clustering benchmark behind `sitrep bench stories`: online clustering of N synthetic
//! articles (default 100,000), no store.
//!
//! **Data.** The caller gives [`Seed`]s: the 95 dev items (`stories/dev.jsonl`) cleaned and
//! analysed once with the real ingest and extract stages (the CLI does that). Synthetic articles come from them in two steps, with a fixed seed:
//!
//! * a *story template* is a dev item with 30% of its words replaced by words drawn from the
//!   dev vocabulary, half of its linked entities swapped for other dev entities, and a date;
//!   a new template is made for 40% of the articles, otherwise one of the 300 latest templates
//!   is reused (so stories get several articles);
//! * an *article* of a template shuffles words inside runs of 8, drops 10% of the words and
//!   replaces 10% (title too, more lightly), swaps one entity in five, shifts the date by -1..+1
//!   day; 3% of the articles are exact re-posts of the previous article of their template
//!   with a new id (syndicated copies).
//!
//! Dates advance `per_day` articles a day (default 100), so the 7-day active window holds a
//! steady load after the first ~700 articles: the question is whether the cost per article
//! stays flat as articles and stories accumulate.
//!
//! **Measured.** `clustering`: the time inside `Clusterer::add` only (features precomputed per
//! article just before: they are computed once at ingest and stored). `features`: the time of
//! `features_from` on the perturbed text, reported apart. Throughput is given per 10,000-article
//! window, and *at* 1,000 and *at* N articles: the rate of clustering the next 1,000 articles
//! into an index that already holds 1,000 (or N), so both are measured in the steady state of
//! the active window; the first 1,000 articles (into an index still filling, hence cheaper to
//! search) are reported apart. Peak memory is `VmHWM` of
//! `/proc/self/status` (the whole process: the dev analysis and the generator included).

use crate::{features_from, ClusterConfig, Clusterer, FeatureInput};
use std::collections::VecDeque;
use std::fmt;
use std::time::{Duration, Instant};

/// Articles per day of the synthetic stream, by default.
pub const PER_DAY: usize = 100;

/// A real analysed article the synthetic stream is made from.
#[derive(Debug, Clone)]
pub struct Seed {
    pub title: String,
    /// Its clean text, split on whitespace.
    pub words: Vec<String>,
    pub outlet: Option<String>,
    /// Linked entity ids of its mentions.
    pub entities: Vec<String>,
    /// [`crate::event_key`]s of its events.
    pub events: Vec<String>,
}

#[derive(Clone)]
struct Template {
    base: usize,
    title: Vec<String>,
    words: Vec<String>,
    entities: Vec<String>,
    day: i64,
    last: Option<(String, String)>,
}

/// xorshift64*: a small deterministic generator.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

fn perturb(
    words: &[String],
    rng: &mut Rng,
    vocab: &[String],
    drop: f64,
    replace: f64,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for w in words {
        if rng.chance(drop) {
            continue;
        }
        if rng.chance(replace) && !vocab.is_empty() {
            out.push(vocab[rng.below(vocab.len())].clone());
        } else {
            out.push(w.clone());
        }
    }
    out
}

fn shuffle_runs(words: &mut [String], rng: &mut Rng, run: usize) {
    for chunk in words.chunks_mut(run) {
        for i in (1..chunk.len()).rev() {
            let j = rng.below(i + 1);
            chunk.swap(i, j);
        }
    }
}

fn swap_entities(ents: &[String], rng: &mut Rng, pool: &[String], p: f64) -> Vec<String> {
    ents.iter()
        .map(|e| {
            if rng.chance(p) && !pool.is_empty() {
                pool[rng.below(pool.len())].clone()
            } else {
                e.clone()
            }
        })
        .collect()
}

fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn rate(n: usize, t: Duration) -> f64 {
    n as f64 / t.as_secs_f64().max(1e-9)
}

/// What the benchmark measured.
#[derive(Debug, Clone)]
pub struct BenchReport {
    pub articles: usize,
    pub stories: usize,
    pub near_duplicates: usize,
    /// Articles/s inside `Clusterer::add`, over the whole run.
    pub clustering_per_s: f64,
    /// Over the first 1,000 articles, into an empty index (reported for completeness: an
    /// index that is still filling is cheaper to search than a full one).
    pub first_1k_per_s: f64,
    /// Throughput *at* 1,000 and *at* `articles`: clustering the next 1,000 articles into an
    /// index that already holds that many (one run, and best of [`REPEATS`] re-runs from a
    /// snapshot of the state, which removes the noise of other processes).
    pub at_1k_per_s: f64,
    pub at_n_per_s: f64,
    pub best_at_1k_per_s: f64,
    pub best_at_n_per_s: f64,
    /// Articles/s of feature computation, reported apart.
    pub features_per_s: f64,
    pub wall_s: f64,
    pub peak_rss_mib: f64,
    /// One line per 10,000-article window: throughput and the work done per article.
    pub windows: Vec<String>,
}

/// Re-runs of each measured 1,000-article stretch whose best time is reported.
pub const REPEATS: usize = 7;

impl fmt::Display for BenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bench stories articles={} stories={} near_duplicates={} clustering_articles_per_s={:.0} \
             first_1k_per_s={:.0} at_1k_per_s={:.0} at_{}_per_s={:.0} ratio={:.2} \
             best_at_1k_per_s={:.0} best_at_{}_per_s={:.0} best_ratio={:.2} \
             features_articles_per_s={:.0} wall_s={:.1} peak_rss_mib={:.1}",
            self.articles,
            self.stories,
            self.near_duplicates,
            self.clustering_per_s,
            self.first_1k_per_s,
            self.at_1k_per_s,
            self.articles,
            self.at_n_per_s,
            self.at_n_per_s / self.at_1k_per_s.max(1e-9),
            self.best_at_1k_per_s,
            self.articles,
            self.best_at_n_per_s,
            self.best_at_n_per_s / self.best_at_1k_per_s.max(1e-9),
            self.features_per_s,
            self.wall_s,
            self.peak_rss_mib
        )
    }
}

/// Clusters `n` synthetic articles made from `bases` (`per_day` a day) and 1,000 more, and
/// measures it; `n` is at least 2,000.
pub fn run(bases: &[Seed], n: usize, per_day: usize) -> BenchReport {
    let per_day = per_day.max(1);
    let n = n.max(2_000);
    let total = n + 1_000;
    let mut windows = Vec::new();
    if bases.is_empty() {
        return BenchReport {
            articles: 0,
            stories: 0,
            near_duplicates: 0,
            clustering_per_s: 0.0,
            first_1k_per_s: 0.0,
            at_1k_per_s: 0.0,
            at_n_per_s: 0.0,
            best_at_1k_per_s: 0.0,
            best_at_n_per_s: 0.0,
            features_per_s: 0.0,
            wall_s: 0.0,
            peak_rss_mib: 0.0,
            windows,
        };
    }

    let vocab: Vec<String> = bases.iter().flat_map(|b| b.words.clone()).collect();
    let entity_pool: Vec<String> = {
        let mut v: Vec<String> = bases.iter().flat_map(|b| b.entities.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    let start = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default();
    let mut rng = Rng(0x5171_2e9a_0000_0001);
    let mut templates: VecDeque<Template> = VecDeque::new();
    let mut clusterer = Clusterer::new(ClusterConfig::default());
    let (mut t_cluster, mut t_features) = (Duration::ZERO, Duration::ZERO);
    let mut window = Duration::ZERO;
    let (mut first_1k, mut at_1k, mut at_n) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let (mut new_stories, mut copies) = (0usize, 0usize);
    let mut prev = clusterer.stats();
    let (mut feats_1k, mut feats_n) = (Vec::new(), Vec::new());
    let (mut snap_1k, mut snap_n): (Option<Clusterer>, Option<Clusterer>) = (None, None);
    let in_1k = |i: usize| (1_000..2_000).contains(&i);
    let in_n = |i: usize| (n..total).contains(&i);
    let wall = Instant::now();
    for i in 0..total {
        let day = (i / per_day) as i64;
        // A template: new, or a recent one.
        let t_idx = if templates.is_empty() || rng.chance(0.4) {
            let b = rng.below(bases.len());
            let base = &bases[b];
            let title: Vec<String> = base.title.split_whitespace().map(str::to_string).collect();
            templates.push_back(Template {
                base: b,
                title: perturb(&title, &mut rng, &vocab, 0.0, 0.3),
                words: perturb(&base.words, &mut rng, &vocab, 0.0, 0.3),
                entities: swap_entities(&base.entities, &mut rng, &entity_pool, 0.5),
                day,
                last: None,
            });
            if templates.len() > 300 {
                templates.pop_front();
            }
            templates.len() - 1
        } else {
            rng.below(templates.len())
        };
        let repost = rng.chance(0.03);
        let t = &mut templates[t_idx];
        let (title, text) = match (&t.last, repost) {
            (Some(last), true) => last.clone(),
            _ => {
                let mut words = perturb(&t.words, &mut rng, &vocab, 0.1, 0.1);
                shuffle_runs(&mut words, &mut rng, 8);
                let title = perturb(&t.title, &mut rng, &vocab, 0.05, 0.1).join(" ");
                (title, words.join(" "))
            }
        };
        t.last = Some((title.clone(), text.clone()));
        let entities = swap_entities(&t.entities, &mut rng, &entity_pool, 0.2);
        let shift = rng.below(3) as i64 - 1;
        let date = start.checked_add_signed(chrono::Duration::days(t.day.max(day - 3) + shift));
        let base = &bases[t.base];
        let id = format!("syn{i:07}");
        let tf = Instant::now();
        let f = features_from(&FeatureInput {
            id: &id,
            date,
            outlet: base.outlet.as_deref(),
            title: Some(&title),
            text: &text,
            entities: entities.iter().map(String::as_str).collect(),
            events: base.events.clone(),
        });
        t_features += tf.elapsed();
        if i == 1_000 {
            snap_1k = Some(clusterer.clone());
        }
        if i == n {
            snap_n = Some(clusterer.clone());
        }
        if in_1k(i) {
            feats_1k.push(f.clone());
        }
        if in_n(i) {
            feats_n.push(f.clone());
        }
        let tc = Instant::now();
        let a = clusterer.add(&f);
        let dt = tc.elapsed();
        t_cluster += dt;
        window += dt;
        if i < 1000 {
            first_1k += dt;
        }
        if i + 1 == 1000 {
            let s = clusterer.stats();
            windows.push(format!(
                "articles    1000: clustering {:>8.0} articles/s; per article: {:.0} postings, {:.1} stories scored, {:.0} centroid keys",
                rate(1000, first_1k),
                s.postings_read as f64 / 1000.0,
                s.candidates_scored as f64 / 1000.0,
                s.centroid_keys as f64 / 1000.0
            ));
        }
        if in_1k(i) {
            at_1k += dt;
        }
        if in_n(i) {
            at_n += dt;
        }
        new_stories += usize::from(a.new_story);
        copies += usize::from(a.duplicate_of.is_some());
        if (i + 1) % 10_000 == 0 {
            let s = clusterer.stats();
            let per = |x: u64, y: u64| (x - y) as f64 / 10_000.0;
            windows.push(format!(
                "articles {:>7}: clustering {:>8.0} articles/s over the last 10k; per article: {:.0} postings, {:.1} stories scored, {:.0} centroid keys; {} active stories",
                i + 1,
                rate(10_000, window),
                per(s.postings_read, prev.postings_read),
                per(s.candidates_scored, prev.candidates_scored),
                per(s.centroid_keys, prev.centroid_keys),
                clusterer.active_stories()
            ));
            prev = s;
            window = Duration::ZERO;
        }
    }
    // The two measured stretches again, best of REPEATS, each from a copy of the state just
    // before it: taking the best run removes the noise of other processes on a shared machine.
    let best = |snap: &Option<Clusterer>, feats: &[crate::DocFeatures]| -> f64 {
        let Some(snap) = snap else { return 0.0 };
        let mut best = Duration::MAX;
        for _ in 0..REPEATS {
            let mut c = snap.clone();
            let t = Instant::now();
            for f in feats {
                c.add(f);
            }
            best = best.min(t.elapsed());
        }
        rate(feats.len(), best)
    };
    let (b_1k, b_n) = (best(&snap_1k, &feats_1k), best(&snap_n, &feats_n));
    BenchReport {
        articles: n,
        stories: new_stories,
        near_duplicates: copies,
        clustering_per_s: rate(total, t_cluster),
        first_1k_per_s: rate(1_000, first_1k),
        at_1k_per_s: rate(feats_1k.len(), at_1k),
        at_n_per_s: rate(feats_n.len(), at_n),
        best_at_1k_per_s: b_1k,
        best_at_n_per_s: b_n,
        features_per_s: rate(total, t_features),
        wall_s: wall.elapsed().as_secs_f64(),
        peak_rss_mib: peak_memory_kib().unwrap_or(0) as f64 / 1024.0,
        windows,
    }
}
