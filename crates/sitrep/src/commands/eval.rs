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

pub fn bench(a: &BenchArgs) -> anyhow::Result<ExitCode> {
    match a.name {
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
