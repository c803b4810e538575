//! `sitrep eval SUITE`: public benchmarks, each ending with one `eval SUITE metric=value` line;
//! `sitrep bench NAME`: speed and peak memory, ending with one `bench NAME ...` line.

use crate::cli::{BenchArgs, BenchName, EvalArgs, Suite};
use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;

/// The shared data folder: `$SITREP_DATA`, else `../shared/data` from the working directory,
/// else `../shared/data` beside the source checkout this binary was built from.
pub(crate) fn data_root() -> PathBuf {
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
            // --data is the folder of gold_standard_records.jsonl, or a records file of the
            // same format (the project's own dev set: crates/sitrep-extract/tests/data).
            let data = a
                .data
                .clone()
                .unwrap_or_else(|| data_root().join("events/plover"));
            let file = if data.is_file() {
                data
            } else {
                data.join("gold_standard_records.jsonl")
            };
            let shared = data_root();
            let scores =
                sitrep_extract::eval::plover_in(&file, Some(&shared)).with_context(|| {
                    format!(
                        "cannot evaluate on {} (pass --data FILE or DIR; a record with a text_ref \
                     reads its sentence from the shared data folder {}, set by SITREP_DATA)",
                        file.display(),
                        shared.display()
                    )
                })?;
            if a.records {
                for r in &scores.records {
                    eprintln!(
                        "{} {} gold={} predicted={} source={:?} target={:?} | {}",
                        if r.type_ok { "OK  " } else { "MISS" },
                        r.id,
                        r.gold,
                        r.predicted,
                        r.predicted_source.as_deref().unwrap_or("-"),
                        r.predicted_target.as_deref().unwrap_or("-"),
                        r.text
                    );
                }
            }
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
        Suite::Ud => {
            let dir = a
                .data
                .clone()
                .unwrap_or_else(|| data_root().join("ud/en_ewt"));
            ud(&dir)
        }
        Suite::NerConll | Suite::NerCrossner => ner(a),
        Suite::Petrarch => {
            let dir = a
                .data
                .clone()
                .unwrap_or_else(|| data_root().join("events/petrarch2"));
            let scores = sitrep_extract::eval::petrarch(&dir).with_context(|| {
                format!("cannot evaluate on {} (pass --data DIR)", dir.display())
            })?;
            if a.records {
                let show = |v: &[(String, String, String)]| {
                    v.iter()
                        .map(|(s, t, e)| format!("{s} {t} {e}"))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                for r in &scores.records {
                    eprintln!(
                        "{} {} [{}] expected: {} | produced: {} | {}",
                        if r.passed { "PASS" } else { "FAIL" },
                        r.id,
                        r.category,
                        show(&r.expected),
                        show(&r.produced),
                        r.text
                    );
                }
            }
            println!("{scores}");
            Ok(ExitCode::SUCCESS)
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
/// returns (articles stored, wall seconds, CPU seconds of the whole process, CPU seconds of
/// loading the models before the timed part).
fn pipeline_run(dir: &std::path::Path, threads: usize) -> anyhow::Result<(u64, f64, f64, f64)> {
    let tmp = tempfile::tempdir().context("cannot create a temporary folder")?;
    let mut store = sitrep_store::Store::open(&tmp.path().join("bench.db"))?;
    let extractor = super::ingest::extractor(None)?;
    let (inputs, _) = sitrep_ingest::discover(&[dir.to_path_buf()]);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    // The models (tagger, parser, recogniser, clusters, CAMEO lexicon) load on first use:
    // load them now, so that the rate is the steady state of a running pipeline and not a
    // one-time start-up cost spread over 181 articles (the start-up is reported apart).
    let t = std::time::Instant::now();
    let c0 = process_cpu_secs(t);
    let _ = extractor.analyse(sitrep_core::Article::from_text(
        "Kyiv asked Germany on Tuesday for more tanks, the defence ministry said.".to_string(),
        Default::default(),
    ));
    let startup = process_cpu_secs(t) - c0;
    let t = std::time::Instant::now();
    let c0 = process_cpu_secs(t);
    let summary = pool.install(|| {
        sitrep_pipeline::ingest(
            &mut store,
            &extractor,
            &inputs,
            &sitrep_pipeline::IngestOptions::default(),
            &sitrep_pipeline::NoProgress,
        )
    })?;
    Ok((
        summary.new,
        t.elapsed().as_secs_f64(),
        process_cpu_secs(t) - c0,
        startup,
    ))
}

/// `eval ud`: EWT test with gold words, then with sitrep's own words.
fn ud(dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    use sitrep_syntax::eval::{eval_gold_tokens, eval_own_tokens};
    let path = dir.join("en_ewt-ud-test.conllu");
    let test = sitrep_syntax::conllu::read_conllu(&path)
        .with_context(|| "cannot read the EWT test split (pass --data DIR)")?;
    let syn = sitrep_syntax::analyse::Syntax::global();
    let t = std::time::Instant::now();
    let gold = eval_gold_tokens(&test, |forms| syn.analyse_forms(forms));
    let secs = t.elapsed().as_secs_f64();
    let own = eval_own_tokens(&test, |text, spans| {
        let forms: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
        syn.analyse_forms(&forms)
    });
    println!(
        "eval ud upos={:.4} xpos={:.4} ufeats={:.4} lemma={:.4} uas={:.4} las={:.4} words={} tokens_per_s={:.0}",
        gold.upos,
        gold.xpos,
        gold.ufeats,
        gold.lemma,
        gold.uas,
        gold.las,
        gold.gold_words,
        gold.gold_words as f64 / secs.max(1e-9)
    );
    println!(
        "eval ud-own-words words={:.4} upos={:.4} uas={:.4} las={:.4}",
        own.words, own.upos, own.uas, own.las
    );
    Ok(ExitCode::SUCCESS)
}

/// CPU seconds this thread has used (Linux; wall-clock time elsewhere). Per-core speeds are
/// words per CPU second, so other work on the machine does not distort them.
fn thread_cpu_secs(wall: std::time::Instant) -> f64 {
    cpu_secs("/proc/thread-self/stat", wall)
}

/// CPU seconds (user + system) of the whole process, all threads; see [`thread_cpu_secs`].
fn process_cpu_secs(wall: std::time::Instant) -> f64 {
    cpu_secs("/proc/self/stat", wall)
}

fn cpu_secs(stat: &str, wall: std::time::Instant) -> f64 {
    let ticks = std::fs::read_to_string(stat).ok().and_then(|s| {
        // Fields after the command name (which is in parentheses and may hold spaces).
        let rest = s.rsplit_once(')')?.1;
        let f: Vec<&str> = rest.split_whitespace().collect();
        Some(f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?)
    });
    match ticks {
        Some(t) => t / 100.0,
        None => wall.elapsed().as_secs_f64(),
    }
}

/// Runs `work` (which returns the words it handled) repeatedly for about two CPU seconds;
/// words per CPU second.
fn per_core(mut work: impl FnMut() -> usize) -> f64 {
    let wall = std::time::Instant::now();
    let c0 = thread_cpu_secs(wall);
    let mut n = 0usize;
    loop {
        n += work();
        let used = thread_cpu_secs(wall) - c0;
        if used >= 2.0 || wall.elapsed().as_secs_f64() > 30.0 {
            return n as f64 / used.max(1e-9);
        }
    }
}

/// The sample articles, cleaned as ingest cleans them.
fn sample_articles() -> Vec<sitrep_core::Article> {
    super::ingest::SAMPLES
        .iter()
        .filter_map(|(name, raw)| {
            let doc = sitrep_ingest::RawDoc {
                source: sitrep_core::SourceRef {
                    path: name.to_string(),
                    ..Default::default()
                },
                text: raw.to_string(),
                meta: Default::default(),
                format: sitrep_ingest::Format::Text,
            };
            sitrep_ingest::clean(&doc).ok()
        })
        .collect()
}

/// `bench nlp`: words per CPU second on one core for tokenise+tag+parse (EWT test texts, the
/// sample articles) and for entity recognition + linking (the sample articles, EWT test as
/// articles); peak memory.
fn bench_nlp(dir: &std::path::Path) -> anyhow::Result<()> {
    use sitrep_core::Span;
    let path = dir.join("en_ewt-ud-test.conllu");
    let test = sitrep_syntax::conllu::read_conllu(&path)
        .with_context(|| "cannot read the EWT test split (pass --data DIR)")?;
    let samples = sample_articles();
    let words_of = |text: &str| sitrep_nlp::tokenize(text, Span::new(0, text.len())).len();

    // Syntax: sentence by sentence.
    let syntax = match sitrep_syntax::analyse::Syntax::try_global() {
        Ok(syn) => {
            let _ = syn.analyse("Warm up.", Span::new(0, 8));
            let ewt: Vec<&str> = test.iter().map(|s| s.text.as_str()).collect();
            let mut sample_sents: Vec<String> = Vec::new();
            for a in &samples {
                for s in sitrep_nlp::split_sentences(&a.text) {
                    sample_sents.push(s.slice(&a.text).to_string());
                }
            }
            let run = |texts: &[&str]| {
                per_core(|| {
                    texts
                        .iter()
                        .map(|t| syn.analyse(t, Span::new(0, t.len())).len())
                        .sum()
                })
            };
            let refs: Vec<&str> = sample_sents.iter().map(String::as_str).collect();
            format!(
                "syntax_words_per_s ewt_test={:.0} samples={:.0}",
                run(&ewt),
                run(&refs)
            )
        }
        Err(e) => format!("syntax=unavailable({e})"),
    };

    // Entities: the recogniser alone, then recognition + knowledge-base linking, by article.
    let extractor = super::ingest::extractor(None)?;
    let ner = super::models::ner();
    let ewt_articles: Vec<sitrep_core::Article> = test
        .chunks(20)
        .map(|c| {
            let text: Vec<&str> = c.iter().map(|s| s.text.as_str()).collect();
            sitrep_core::Article::from_text(text.join("\n"), Default::default())
        })
        .collect();
    let sample_tokens: Vec<Vec<Vec<&str>>> = samples
        .iter()
        .map(|a| {
            sitrep_nlp::split_sentences(&a.text)
                .iter()
                .map(|s| {
                    sitrep_nlp::tokenize(&a.text, *s)
                        .iter()
                        .map(|t| t.span.slice(&a.text))
                        .collect()
                })
                .collect()
        })
        .collect();
    let ner_only = per_core(|| {
        sample_tokens
            .iter()
            .map(|doc| {
                ner.recognise(doc);
                doc.iter().map(Vec::len).sum::<usize>()
            })
            .sum()
    });
    let _ = extractor.mentions(&samples[0]);
    let linking = |arts: &[sitrep_core::Article]| {
        per_core(|| {
            arts.iter()
                .map(|a| {
                    extractor.mentions(a);
                    words_of(&a.text)
                })
                .sum()
        })
    };
    println!(
        "bench nlp {syntax} ner_words_per_s samples={ner_only:.0} ner_linking_words_per_s samples={:.0} ewt_test={:.0} peak_rss_mib={:.1}",
        linking(&samples),
        linking(&ewt_articles),
        peak_rss_mib().unwrap_or(f64::NAN)
    );
    Ok(())
}

pub fn bench(a: &BenchArgs) -> anyhow::Result<ExitCode> {
    match a.name {
        BenchName::Nlp => {
            let dir = a
                .data
                .clone()
                .unwrap_or_else(|| data_root().join("ud/en_ewt"));
            bench_nlp(&dir)?;
        }
        BenchName::Pipeline => {
            let dir = a
                .data
                .clone()
                .unwrap_or_else(|| data_root().join("article-extraction/html"));
            if !dir.is_dir() {
                anyhow::bail!("{} not found (pass --data DIR)", dir.display());
            }
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            // Per core is counted per CPU second of the one-thread run, so that other work on
            // a shared machine does not distort it; the wall-clock rates follow.
            let (n1, s1, c1, startup) = pipeline_run(&dir, 1)?;
            let (n, s, _, _) = pipeline_run(&dir, cores)?;
            println!(
                "bench pipeline articles={n1} one_core_articles_per_s={:.1} one_thread_wall_articles_per_s={:.1} threads={cores} all_cores_articles_per_s={:.1} startup_cpu_s={startup:.2} peak_rss_mib={:.1}",
                n1 as f64 / c1.max(1e-9),
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

/// `eval ner-conll`, `eval ner-crossner`: entity micro F1 on the test split, then per type.
fn ner(a: &EvalArgs) -> anyhow::Result<ExitCode> {
    let (suite, folder) = match a.suite {
        Suite::NerCrossner => ("ner-crossner", "ner/crossner-politics"),
        _ => ("ner-conll", "ner/conll2003"),
    };
    let file = a
        .data
        .clone()
        .unwrap_or_else(|| data_root().join(folder))
        .join("test.txt");
    let ner = super::models::ner();
    let t = std::time::Instant::now();
    let s = match a.suite {
        Suite::NerCrossner => sitrep_ner::evaluate_crossner(ner, &file),
        _ => sitrep_ner::evaluate_conll(ner, &file),
    }
    .with_context(|| format!("cannot evaluate on {} (pass --data DIR)", file.display()))?;
    let secs = t.elapsed().as_secs_f64();
    let per_type: Vec<String> = s
        .per_type
        .iter()
        .map(|(t, f1, n)| format!("{}_f1={f1:.4}({n})", t.to_lowercase()))
        .collect();
    println!(
        "eval {suite} f1={:.4} precision={:.4} recall={:.4} {} tokens_per_s={:.0}",
        s.f1,
        s.precision,
        s.recall,
        per_type.join(" "),
        s.n_tokens as f64 / secs.max(1e-9)
    );
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
