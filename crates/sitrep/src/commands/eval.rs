//! `sitrep eval SUITE`: public benchmarks, each ending with one `eval SUITE metric=value` line;
//! `sitrep bench NAME`: speed and peak memory, ending with one `bench NAME ...` line.

use crate::cli::{BenchArgs, BenchName, EvalArgs, Suite};
use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;

/// The shared data folder: `$SITREP_DATA`, else `../shared/data` from the working directory,
/// else `../shared/data` beside the source checkout this binary was built from.
fn data_root() -> PathBuf {
    if let Some(d) = std::env::var_os("SITREP_DATA") {
        return PathBuf::from(d);
    }
    let cwd = PathBuf::from("../shared/data");
    if cwd.is_dir() {
        return cwd;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

pub fn eval(a: &EvalArgs) -> anyhow::Result<ExitCode> {
    match a.suite {
        Suite::Sentences => {
            let dir = a
                .data
                .clone()
                .unwrap_or_else(|| data_root().join("sentences"));
            sentences(dir)
        }
        Suite::Timex => {
            let dir = a
                .data
                .clone()
                .unwrap_or_else(|| data_root().join("time/tempeval3-platinum"));
            let scores = sitrep_time::eval::evaluate_dir(&dir).with_context(|| {
                format!("cannot evaluate on {} (pass --data DIR)", dir.display())
            })?;
            println!("{scores}");
            Ok(ExitCode::SUCCESS)
        }
        Suite::ArticleExtraction => {
            let dir = a
                .data
                .clone()
                .unwrap_or_else(|| data_root().join("article-extraction"));
            let scores = sitrep_ingest::eval::article_extraction(&dir).with_context(|| {
                format!("cannot evaluate on {} (pass --data DIR)", dir.display())
            })?;
            println!("{scores}");
            Ok(ExitCode::SUCCESS)
        }
        Suite::Plover => {
            let file = a
                .data
                .clone()
                .unwrap_or_else(|| data_root().join("events/plover"))
                .join("gold_standard_records.jsonl");
            let scores = sitrep_extract::eval::plover(&file).with_context(|| {
                format!("cannot evaluate on {} (pass --data DIR)", file.display())
            })?;
            eprint!("{}", scores.confusion());
            println!("{scores}");
            Ok(ExitCode::SUCCESS)
        }
        Suite::Stories => {
            let dir = a
                .data
                .clone()
                .unwrap_or_else(|| data_root().join("stories"));
            stories(&dir)
        }
        Suite::Pubdate => {
            let dir = a
                .data
                .clone()
                .unwrap_or_else(|| data_root().join("pubdate"));
            let scores = sitrep_ingest::eval::pubdate(&dir).with_context(|| {
                format!("cannot evaluate on {} (pass --data DIR)", dir.display())
            })?;
            println!("{scores}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Peak resident memory of this process so far, in MiB (Linux; `None` elsewhere).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// Ingests `dev.jsonl` through the real pipeline into a temporary database and compares the
/// stories it formed with `dev-groups.json` (items in no group are their own singletons).
fn stories(dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    use sitrep_ingest::{read_input, Input, Item, ReadOptions};
    let file = dir.join("dev.jsonl");
    let groups_file = dir.join("dev-groups.json");
    let groups: std::collections::BTreeMap<String, serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(&groups_file)
            .with_context(|| format!("cannot read {} (pass --data DIR)", groups_file.display()))?,
    )
    .with_context(|| format!("{} is not a group list", groups_file.display()))?;
    let tmp = tempfile::tempdir().context("cannot create a temporary folder")?;
    let mut store = sitrep_store::Store::open(&tmp.path().join("eval.db"))?;
    let input = Input::File(file.clone());
    sitrep_pipeline::ingest(
        &mut store,
        &super::ingest::extractor(None)?,
        std::slice::from_ref(&input),
        &sitrep_pipeline::IngestOptions::default(),
        &sitrep_pipeline::NoProgress,
    )?;
    let story_of: std::collections::HashMap<String, String> = store
        .articles()?
        .into_iter()
        .filter_map(|r| Some((r.article.id, r.story?)))
        .collect();
    // Each dev item (by its `id`) to the story its article landed in.
    let mut predicted: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut items = Vec::new();
    for item in read_input(&input, &ReadOptions::default()) {
        let Item::Doc(doc) = item else { continue };
        let Some(id) = doc.meta.id.clone() else {
            continue;
        };
        let story = sitrep_ingest::clean(&doc)
            .ok()
            .and_then(|a| story_of.get(&a.id).cloned())
            .unwrap_or_else(|| format!("unstored:{id}"));
        predicted.entry(story).or_default().push(id.clone());
        items.push(id);
    }
    let mut gold: Vec<Vec<String>> = Vec::new();
    let mut grouped = std::collections::HashSet::new();
    for g in groups.values() {
        let members: Vec<String> = g["articles"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        grouped.extend(members.iter().cloned());
        gold.push(members);
    }
    gold.extend(
        items
            .iter()
            .filter(|i| !grouped.contains(*i))
            .map(|i| vec![i.clone()]),
    );
    let predicted: Vec<Vec<String>> = predicted.into_values().collect();
    let (p, r, f) = sitrep_stories::bcubed(&predicted, &gold);
    println!("eval stories bcubed_f1={f:.3} precision={p:.3} recall={r:.3}");
    Ok(ExitCode::SUCCESS)
}

/// The stories dev items, cleaned and analysed, as seeds of the synthetic clustering stream.
fn story_seeds(file: &std::path::Path) -> anyhow::Result<Vec<sitrep_stories::bench::Seed>> {
    use sitrep_ingest::{read_input, Input, Item, ReadOptions};
    if !file.is_file() {
        anyhow::bail!("{} not found (pass --data DIR)", file.display());
    }
    let ex = super::ingest::extractor(None)?;
    let mut seeds = Vec::new();
    for item in read_input(&Input::File(file.to_path_buf()), &ReadOptions::default()) {
        let Item::Doc(doc) = item else { continue };
        let Ok(article) = sitrep_ingest::clean(&doc) else {
            continue;
        };
        let a = ex.analyse(article);
        seeds.push(sitrep_stories::bench::Seed {
            title: a.article.title.clone().unwrap_or_default(),
            words: a
                .article
                .text
                .split_whitespace()
                .map(str::to_string)
                .collect(),
            outlet: a.article.outlet.clone(),
            entities: a.mentions.iter().filter_map(|m| m.entity.clone()).collect(),
            events: a.events.iter().map(sitrep_stories::event_key).collect(),
        });
    }
    Ok(seeds)
}

/// Ingests every page under `dir` into a fresh temporary database with `threads` workers and
/// returns (articles stored, seconds).
fn pipeline_run(dir: &std::path::Path, threads: usize) -> anyhow::Result<(u64, f64)> {
    let tmp = tempfile::tempdir().context("cannot create a temporary folder")?;
    let mut store = sitrep_store::Store::open(&tmp.path().join("bench.db"))?;
    let extractor = super::ingest::extractor(None)?;
    let (inputs, _) = sitrep_ingest::discover(&[dir.to_path_buf()]);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    let t = std::time::Instant::now();
    let summary = pool.install(|| {
        sitrep_pipeline::ingest(
            &mut store,
            &extractor,
            &inputs,
            &sitrep_pipeline::IngestOptions::default(),
            &sitrep_pipeline::NoProgress,
        )
    })?;
    Ok((summary.new, t.elapsed().as_secs_f64()))
}

pub fn bench(a: &BenchArgs) -> anyhow::Result<ExitCode> {
    match a.name {
        BenchName::Pipeline => {
            let dir = a
                .data
                .clone()
                .unwrap_or_else(|| data_root().join("article-extraction/html"));
            if !dir.is_dir() {
                anyhow::bail!("{} not found (pass --data DIR)", dir.display());
            }
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            let (n1, s1) = pipeline_run(&dir, 1)?;
            let (n, s) = pipeline_run(&dir, cores)?;
            println!(
                "bench pipeline articles={n1} one_core_articles_per_s={:.1} threads={cores} all_cores_articles_per_s={:.1} peak_rss_mib={:.1}",
                n1 as f64 / s1.max(1e-9),
                n as f64 / s.max(1e-9),
                peak_rss_mib().unwrap_or(f64::NAN)
            );
        }
        BenchName::Stories => {
            let dir = a
                .data
                .clone()
                .unwrap_or_else(|| data_root().join("stories"));
            let seeds = story_seeds(&dir.join("dev.jsonl"))?;
            let r = sitrep_stories::bench::run(&seeds, a.articles, sitrep_stories::bench::PER_DAY);
            for w in &r.windows {
                eprintln!("{w}");
            }
            println!("{r}");
        }
        BenchName::Extract => {
            let dir = a
                .data
                .clone()
                .unwrap_or_else(|| data_root().join("article-extraction/html"));
            let r = sitrep_ingest::eval::bench(&dir).with_context(|| {
                format!("cannot benchmark on {} (pass --data DIR)", dir.display())
            })?;
            println!("{r} peak_rss_mib={:.1}", peak_rss_mib().unwrap_or(f64::NAN));
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(serde::Deserialize)]
struct Rule {
    id: u32,
    text: String,
    expected: Vec<String>,
}

fn sentences(dir: PathBuf) -> anyhow::Result<ExitCode> {
    let path = dir.join("golden_rules_en.json");
    let raw = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "cannot read {} (pass --data DIR or set SITREP_DATA)",
            path.display()
        )
    })?;
    let rules: Vec<Rule> = serde_json::from_str(&raw)
        .with_context(|| format!("{} is not a rule list", path.display()))?;
    let mut passed = 0;
    for r in &rules {
        let got: Vec<String> = sitrep_nlp::split_sentences(&r.text)
            .iter()
            .map(|s| s.slice(&r.text).trim().to_string())
            .collect();
        let want: Vec<String> = r.expected.iter().map(|s| s.trim().to_string()).collect();
        if got == want {
            passed += 1;
        } else {
            eprintln!(
                "rule {} failed:\n  expected {:?}\n  got      {:?}",
                r.id, want, got
            );
        }
    }
    println!("eval sentences passed={} total={}", passed, rules.len());
    Ok(ExitCode::SUCCESS)
}
