//! The public benchmarks of this crate's HTML work, as library functions for `sitrep eval` and
//! `sitrep bench`.
//!
//! * [`article_extraction`]: the scrapinghub article-extraction benchmark (181 pages). The
//!   metric follows its `evaluate.py` exactly: text is tokenised as Python's `re` `\w+` does
//!   (runs of letters, digits and `_`; case kept); shingles are 4-grams of tokens (a text of
//!   fewer than 4 tokens is one shorter shingle; an empty text has none); per page tp / fp / fn
//!   count shingle multiset overlap and are normalised by their sum; precision is the mean over
//!   pages with tp + fp > 0 of tp / (tp + fp) (1 when fp = fn = 0), recall likewise over pages
//!   with tp + fn > 0; F1 is the harmonic mean of the two means; accuracy is the share of pages
//!   whose token lists are equal. [`score_bodies`] scores any predictions (other tools' outputs).
//! * [`pubdate`]: the htmldate test set (200 pages): the share of pages whose extracted day
//!   equals the truth (a page with no true date counts as right when none is extracted).
//! * [`bench`]: extraction speed over a folder of pages, one thread and all cores.

use crate::charset::decode_html;
use crate::html::{extract_html, extract_text};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{path}: bad JSON: {message}")]
    Json { path: String, message: String },
    #[error("{0}: no pages found")]
    NoPages(String),
}

/// Article-extraction scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExtractionScores {
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
    pub accuracy: f64,
    pub pages: usize,
}

impl fmt::Display for ExtractionScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "eval article-extraction f1={:.3} precision={:.3} recall={:.3} accuracy={:.3}",
            self.f1, self.precision, self.recall, self.accuracy
        )
    }
}

/// Publication-date scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PubdateScores {
    pub accuracy: f64,
    pub pages: usize,
    /// Pages where some date was found.
    pub found: usize,
}

impl fmt::Display for PubdateScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "eval pubdate accuracy={:.3}", self.accuracy)
    }
}

/// Extraction speed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BenchResult {
    pub pages: usize,
    /// Bytes of decoded HTML per pass.
    pub bytes: u64,
    pub single_pages_per_s: f64,
    pub single_mb_per_s: f64,
    pub threads: usize,
    pub parallel_pages_per_s: f64,
    pub parallel_mb_per_s: f64,
}

impl fmt::Display for BenchResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bench extract pages={} single_pages_per_s={:.0} single_mb_per_s={:.1} threads={} parallel_pages_per_s={:.0} parallel_mb_per_s={:.1}",
            self.pages,
            self.single_pages_per_s,
            self.single_mb_per_s,
            self.threads,
            self.parallel_pages_per_s,
            self.parallel_mb_per_s
        )
    }
}

fn io_err(path: &Path, e: impl fmt::Display) -> EvalError {
    EvalError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

fn read_json(path: &Path) -> Result<Value, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|e| io_err(path, e))?;
    // The htmldate truth file writes a missing date as a bare NaN (Python's json).
    let text = text.replace(": NaN", ": null");
    serde_json::from_str(&text).map_err(|e| EvalError::Json {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// Reads a file, gunzipping it when its name ends `.gz`.
fn read_page(path: &Path) -> Result<Vec<u8>, EvalError> {
    let raw = std::fs::read(path).map_err(|e| io_err(path, e))?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(raw.len() * 4);
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .map_err(|e| io_err(path, e))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// Tokens as Python's `re.findall(r'\w+', text)`: runs of letters, digits and `_`.
pub fn tokens(text: &str) -> Vec<&str> {
    let is_word = |c: char| c == '_' || c.is_alphabetic() && !is_mark(c) || c.is_numeric();
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Combining marks are `Alphabetic` in Rust (Other_Alphabetic) but not `\w` in Python; the
/// common blocks are told apart here.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0670 | 0x06D6..=0x06DC | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957
        | 0x0962 | 0x0963 | 0x0981..=0x0983 | 0x09BC..=0x09D7 | 0x0E31 | 0x0E34..=0x0E3A
        | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F)
}

fn shingles<'a, 'b>(toks: &'b [&'a str]) -> HashMap<&'b [&'a str], u32> {
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    let n = 4.min(toks.len());
    for w in toks.windows(n) {
        *m.entry(w).or_insert(0) += 1;
    }
    m
}

/// Normalised (tp, fp, fn) of one page.
pub fn shingle_match(truth: &str, pred: &str) -> (f64, f64, f64) {
    let (tt, pt) = (tokens(truth), tokens(pred));
    // A shingle is a slice of tokens; compare by content across the two texts.
    let t: HashMap<Vec<&str>, u32> = shingles(&tt)
        .into_iter()
        .map(|(k, v)| (k.to_vec(), v))
        .collect();
    let p: HashMap<Vec<&str>, u32> = shingles(&pt)
        .into_iter()
        .map(|(k, v)| (k.to_vec(), v))
        .collect();
    let (mut tp, mut fp, mut fneg) = (0f64, 0f64, 0f64);
    for (k, &tc) in &t {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += f64::from(tc.min(pc));
        fneg += f64::from(tc.saturating_sub(pc));
    }
    for (k, &pc) in &p {
        let tc = t.get(k).copied().unwrap_or(0);
        fp += f64::from(pc.saturating_sub(tc));
    }
    let s = tp + fp + fneg;
    if s > 0.0 {
        (tp / s, fp / s, fneg / s)
    } else {
        (tp, fp, fneg)
    }
}

/// Scores predicted bodies against true ones (pairs of truth, prediction), as `evaluate.py`.
pub fn score_bodies(pairs: &[(String, String)]) -> ExtractionScores {
    let mut precisions = Vec::new();
    let mut recalls = Vec::new();
    let mut exact = 0usize;
    for (truth, pred) in pairs {
        let (tp, fp, fneg) = shingle_match(truth, pred);
        if tp + fp > 0.0 {
            precisions.push(if fp == 0.0 && fneg == 0.0 {
                1.0
            } else {
                tp / (tp + fp)
            });
        }
        if tp + fneg > 0.0 {
            recalls.push(if fp == 0.0 && fneg == 0.0 {
                1.0
            } else {
                tp / (tp + fneg)
            });
        }
        exact += usize::from(tokens(truth) == tokens(pred));
    }
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let (precision, recall) = (mean(&precisions), mean(&recalls));
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    ExtractionScores {
        f1,
        precision,
        recall,
        accuracy: exact as f64 / pairs.len().max(1) as f64,
        pages: pairs.len(),
    }
}

fn body_of(v: &Value) -> String {
    v.get("articleBody")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The benchmark's pages: (id, truth body, decoded HTML).
pub fn extraction_pages(dir: &Path) -> Result<Vec<(String, String, String)>, EvalError> {
    let truth = read_json(&dir.join("ground-truth.json"))?;
    let Value::Object(map) = truth else {
        return Err(EvalError::NoPages(dir.display().to_string()));
    };
    let mut pages = Vec::new();
    for (id, v) in map {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let bytes = read_page(&path)?;
        let url = v.get("url").and_then(Value::as_str);
        let html = decode_html(&bytes, None, url).text;
        pages.push((id, body_of(&v), html));
    }
    if pages.is_empty() {
        return Err(EvalError::NoPages(dir.display().to_string()));
    }
    pages.sort();
    Ok(pages)
}

/// Runs the article-extraction benchmark in `dir` (`ground-truth.json`, `html/<id>.html.gz`).
pub fn article_extraction(dir: &Path) -> Result<ExtractionScores, EvalError> {
    let pages = extraction_pages(dir)?;
    let pairs: Vec<(String, String)> = pages
        .par_iter()
        .map(|(_, truth, html)| (truth.clone(), extract_text(html)))
        .collect();
    Ok(score_bodies(&pairs))
}

/// Scores another tool's output file (`{id: {articleBody}}`, or `{"output": {...}}` as the
/// `peers/` files are) against the benchmark's truth.
pub fn score_peer(dir: &Path, peer: &Path) -> Result<ExtractionScores, EvalError> {
    let truth = read_json(&dir.join("ground-truth.json"))?;
    let mut preds = read_json(peer)?;
    if let Some(out) = preds.get_mut("output") {
        preds = out.take();
    }
    let Value::Object(map) = truth else {
        return Err(EvalError::NoPages(dir.display().to_string()));
    };
    let pairs: Vec<(String, String)> = map
        .iter()
        .map(|(id, v)| (body_of(v), preds.get(id).map(body_of).unwrap_or_default()))
        .collect();
    Ok(score_bodies(&pairs))
}

/// Runs the publication-date benchmark in `dir` (`truth.json`, `html/<file>.gz`).
pub fn pubdate(dir: &Path) -> Result<PubdateScores, EvalError> {
    let results = pubdate_detail(dir)?;
    let right = results.iter().filter(|r| r.right).count();
    let found = results.iter().filter(|r| r.found.is_some()).count();
    Ok(PubdateScores {
        accuracy: right as f64 / results.len().max(1) as f64,
        pages: results.len(),
        found,
    })
}

/// One page of the publication-date benchmark.
#[derive(Debug, Clone)]
pub struct PubdateResult {
    pub url: String,
    pub file: String,
    pub truth: Option<String>,
    pub found: Option<String>,
    pub how: Option<&'static str>,
    pub right: bool,
}

/// Every page's result, for study.
pub fn pubdate_detail(dir: &Path) -> Result<Vec<PubdateResult>, EvalError> {
    let truth = read_json(&dir.join("truth.json"))?;
    let Value::Object(map) = truth else {
        return Err(EvalError::NoPages(dir.display().to_string()));
    };
    let mut jobs = Vec::new();
    for (url, v) in map {
        let file = v.get("file").and_then(Value::as_str).unwrap_or_default();
        let mut path = dir.join("html").join(format!("{file}.gz"));
        if !path.exists() {
            path = dir.join("html").join(file);
        }
        let bytes = read_page(&path)?;
        let date = v.get("date").and_then(Value::as_str).map(str::to_string);
        jobs.push((url, file.to_string(), date, bytes));
    }
    if jobs.is_empty() {
        return Err(EvalError::NoPages(dir.display().to_string()));
    }
    let mut results: Vec<PubdateResult> = jobs
        .par_iter()
        .map(|(url, file, truth, bytes)| {
            let html = decode_html(bytes, None, Some(url)).text;
            let e = extract_html(&html, Some(url));
            let found = e.published.as_ref().map(|p| p.date.to_string());
            let right = match (truth, &found) {
                (Some(t), Some(f)) => t.get(..10) == Some(f.as_str()),
                (None, None) => true,
                _ => false,
            };
            PubdateResult {
                url: url.clone(),
                file: file.clone(),
                truth: truth.clone(),
                found,
                how: e.date_how,
                right,
            }
        })
        .collect();
    results.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(results)
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_lowercase();
        if entry.file_type().is_file()
            && (name.ends_with(".html") || name.ends_with(".html.gz") || name.ends_with(".htm"))
        {
            out.push(entry.path().to_path_buf());
        }
    }
}

/// Measures extraction (main text and metadata, from decoded HTML) over every `.html`,
/// `.htm` and `.html.gz` page under `dir`: one thread, then rayon on all cores. Each pass
/// is repeated until it has run for at least a second.
pub fn bench(dir: &Path) -> Result<BenchResult, EvalError> {
    let mut files = Vec::new();
    html_files(dir, &mut files);
    if files.is_empty() {
        return Err(EvalError::NoPages(dir.display().to_string()));
    }
    let mut pages = Vec::new();
    for f in &files {
        let bytes = read_page(f)?;
        pages.push(decode_html(&bytes, None, None).text);
    }
    let bytes: u64 = pages.iter().map(|p| p.len() as u64).sum();
    let run = |parallel: bool| -> f64 {
        let start = Instant::now();
        let mut passes = 0u32;
        loop {
            if parallel {
                pages.par_iter().for_each(|p| {
                    std::hint::black_box(extract_html(p, None));
                });
            } else {
                for p in &pages {
                    std::hint::black_box(extract_html(p, None));
                }
            }
            passes += 1;
            let secs = start.elapsed().as_secs_f64();
            if secs >= 1.0 || passes >= 50 {
                return secs / f64::from(passes);
            }
        }
    };
    let single = run(false);
    let parallel = run(true);
    let mb = bytes as f64 / 1e6;
    Ok(BenchResult {
        pages: pages.len(),
        bytes,
        single_pages_per_s: pages.len() as f64 / single,
        single_mb_per_s: mb / single,
        threads: rayon::current_num_threads(),
        parallel_pages_per_s: pages.len() as f64 / parallel,
        parallel_mb_per_s: mb / parallel,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_like_tokens() {
        assert_eq!(
            tokens("It's a co-op, 3.5%_x!"),
            ["It", "s", "a", "co", "op", "3", "5", "_x"]
        );
        assert_eq!(tokens("Київ — naïve"), ["Київ", "naïve"]);
    }

    #[test]
    fn shingle_scores() {
        let (tp, fp, fneg) = shingle_match("a b c d e", "a b c d e");
        assert_eq!((tp, fp, fneg), (1.0, 0.0, 0.0));
        let (tp, fp, fneg) = shingle_match("a b c d e", "");
        assert_eq!((tp, fp, fneg), (0.0, 0.0, 1.0));
        let (tp, fp, _) = shingle_match("a b", "a b");
        assert_eq!((tp, fp), (1.0, 0.0));
        let s = score_bodies(&[
            ("a b c d e".into(), "a b c d e".into()),
            ("a b c d e f".into(), "x a b c d e".into()),
        ]);
        // Page 2: true shingles abcd, bcde, cdef; predicted xabc, abcd, bcde: tp 2, fp 1, fn 1.
        assert!((s.precision - (1.0 + 2.0 / 3.0) / 2.0).abs() < 1e-9);
        assert!((s.recall - (1.0 + 2.0 / 3.0) / 2.0).abs() < 1e-9);
        assert_eq!(s.accuracy, 0.5);
        assert_eq!(
            s.to_string(),
            "eval article-extraction f1=0.833 precision=0.833 recall=0.833 accuracy=0.500"
        );
    }
}
