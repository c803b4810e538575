//! Evaluation on TimeML data (TempEval-3 platinum, task A): parsing `.tml` files and scoring.
//!
//! **This is the only module of the crate that does file I/O** ([`evaluate_dir`], [`errors`]);
//! the parsing ([`parse_tml`]) and scoring ([`score`]) are pure.
//!
//! A `.tml` document gives the document creation time (the `TIMEX3` with
//! `functionInDocument="CREATION_TIME"`, used as the publication date) and a `<TEXT>` whose
//! content, with every tag stripped and the XML entities decoded, is the text that is tagged.
//! The gold `TIMEX3` tags inside `<TEXT>` give spans (byte offsets into that stripped text),
//! types and values.
//!
//! Scores, over all documents of a folder (gold and predicted expressions are paired one-to-one,
//! in text order, by overlap):
//! - `strict_f1`: F1 of predicted spans equal to a gold span;
//! - `relaxed_f1`: F1 of predicted spans overlapping a gold span;
//! - `value_f1`: F1 of pairs that overlap *and* have the gold value (over gold and predicted
//!   counts);
//! - `value_accuracy`, `type_accuracy`: the share of overlapping pairs with the gold value / type.

use crate::{tag, TimexType};
use chrono::NaiveDate;
use sitrep_core::Span;
use std::fmt;
use std::path::{Path, PathBuf};

/// Errors of the evaluation (all of them about reading the data).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {msg}")]
    Format { path: PathBuf, msg: String },
    #[error("no .tml files in {0}")]
    Empty(PathBuf),
}

/// A gold TIMEX3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    pub span: Span,
    /// The `type` attribute as written (`DATE`, ...).
    pub kind: String,
    pub value: String,
}

/// A parsed TimeML document.
#[derive(Debug, Clone)]
pub struct TmlDoc {
    /// The document creation time, if the file has one.
    pub dct: Option<NaiveDate>,
    /// The content of `<TEXT>`, tags stripped, entities decoded.
    pub text: String,
    pub gold: Vec<GoldTimex>,
}

/// Parse a TimeML document's text. Errors are messages about the markup.
pub fn parse_tml(src: &str) -> Result<TmlDoc, String> {
    let dct = creation_time(src);
    let open = src.find("<TEXT>").ok_or("no <TEXT>")?;
    let body_start = open + "<TEXT>".len();
    let close = src[body_start..]
        .find("</TEXT>")
        .map(|k| body_start + k)
        .ok_or("no </TEXT>")?;
    let body = &src[body_start..close];
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut stack: Vec<(usize, String, String)> = Vec::new();
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                let end = rest.find('>').ok_or("unclosed tag")?;
                let tag = &rest[1..end];
                if let Some(t) = tag.strip_prefix("TIMEX3") {
                    let kind = attr(t, "type").unwrap_or_default();
                    let value = attr(t, "value").unwrap_or_default();
                    if t.trim_end().ends_with('/') {
                        // An empty TIMEX3 has no extent to score.
                    } else {
                        stack.push((text.len(), kind, value));
                    }
                } else if tag.starts_with("/TIMEX3") {
                    let (s, kind, value) = stack.pop().ok_or("unbalanced </TIMEX3>")?;
                    gold.push(GoldTimex {
                        span: Span::new(s, text.len()),
                        kind,
                        value,
                    });
                }
                rest = &rest[end + 1..];
            }
            '&' => {
                let end = rest[..rest.len().min(12)].find(';');
                let (ch, used) = match end.map(|e| (&rest[1..e], e + 1)) {
                    Some(("amp", n)) => (Some('&'), n),
                    Some(("lt", n)) => (Some('<'), n),
                    Some(("gt", n)) => (Some('>'), n),
                    Some(("quot", n)) => (Some('"'), n),
                    Some(("apos", n)) => (Some('\''), n),
                    Some((e, n)) if e.starts_with('#') => {
                        let code = e
                            .strip_prefix("#x")
                            .map(|h| u32::from_str_radix(h, 16).ok())
                            .unwrap_or_else(|| e[1..].parse().ok());
                        (code.and_then(char::from_u32), n)
                    }
                    _ => (None, 1),
                };
                text.push(ch.unwrap_or('&'));
                rest = &rest[if ch.is_some() { used } else { 1 }..];
            }
            _ => {
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    gold.sort_by_key(|g| (g.span.start, g.span.end));
    Ok(TmlDoc { dct, text, gold })
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(k) = tag[from..].find(name) {
        let at = from + k;
        let before_ok = at == 0 || tag.as_bytes()[at - 1].is_ascii_whitespace();
        let after = tag[at + name.len()..].trim_start();
        if before_ok {
            if let Some(v) = after.strip_prefix('=') {
                let v = v.trim_start();
                let q = v.chars().next()?;
                if q == '"' || q == '\'' {
                    let end = v[1..].find(q)?;
                    return Some(v[1..1 + end].to_string());
                }
            }
        }
        from = at + name.len();
    }
    None
}

fn creation_time(src: &str) -> Option<NaiveDate> {
    let k = src.find("CREATION_TIME")?;
    let start = src[..k].rfind('<')?;
    let end = k + src[k..].find('>')?;
    let v = attr(&src[start + 1..end], "value")?;
    NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()
}

/// Counts and scores over a set of documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    pub documents: usize,
    pub gold: usize,
    pub predicted: usize,
    pub strict_matches: usize,
    pub relaxed_matches: usize,
    pub value_correct: usize,
    pub type_correct: usize,
}

fn f1(hits: usize, gold: usize, pred: usize) -> f64 {
    if gold + pred == 0 {
        0.0
    } else {
        2.0 * hits as f64 / (gold + pred) as f64
    }
}

fn share(k: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        k as f64 / n as f64
    }
}

impl Scores {
    pub fn strict_f1(&self) -> f64 {
        f1(self.strict_matches, self.gold, self.predicted)
    }
    pub fn relaxed_f1(&self) -> f64 {
        f1(self.relaxed_matches, self.gold, self.predicted)
    }
    pub fn relaxed_precision(&self) -> f64 {
        share(self.relaxed_matches, self.predicted)
    }
    pub fn relaxed_recall(&self) -> f64 {
        share(self.relaxed_matches, self.gold)
    }
    pub fn value_f1(&self) -> f64 {
        f1(self.value_correct, self.gold, self.predicted)
    }
    pub fn value_accuracy(&self) -> f64 {
        share(self.value_correct, self.relaxed_matches)
    }
    pub fn type_accuracy(&self) -> f64 {
        share(self.type_correct, self.relaxed_matches)
    }

    fn add(&mut self, o: &Scores) {
        self.documents += o.documents;
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.strict_matches += o.strict_matches;
        self.relaxed_matches += o.relaxed_matches;
        self.value_correct += o.value_correct;
        self.type_correct += o.type_correct;
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "eval timex strict_f1={:.3} relaxed_f1={:.3} value_f1={:.3} value_accuracy={:.3} type_accuracy={:.3}",
            self.strict_f1(),
            self.relaxed_f1(),
            self.value_f1(),
            self.value_accuracy(),
            self.type_accuracy()
        )
    }
}

/// One disagreement with the gold, for development.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discrepancy {
    pub doc: String,
    /// `"missed"`, `"spurious"`, `"value"`, `"type"` or `"span"` (value and type right, extent
    /// not exactly the gold's).
    pub what: &'static str,
    /// The gold text (or the predicted text for `"spurious"`).
    pub text: String,
    pub gold: Option<(String, String)>,
    pub predicted: Option<(String, Option<String>, &'static str)>,
    /// The sentence-ish context around it.
    pub context: String,
}

impl fmt::Display for Discrepancy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let g = self
            .gold
            .as_ref()
            .map_or("-".to_string(), |(t, v)| format!("{t} {v}"));
        let p = self
            .predicted
            .as_ref()
            .map_or("-".to_string(), |(t, v, r)| {
                format!("{t} {} [{r}]", v.as_deref().unwrap_or("None"))
            });
        write!(
            f,
            "{:8} {:28} gold={:22} pred={:40} | {} | {}",
            self.what, self.doc, g, p, self.text, self.context
        )
    }
}

/// Score one parsed document; also collect its discrepancies when `errs` is given.
pub fn score(doc: &TmlDoc, name: &str, mut errs: Option<&mut Vec<Discrepancy>>) -> Scores {
    let pred = tag(&doc.text, doc.dct);
    let mut s = Scores {
        documents: 1,
        gold: doc.gold.len(),
        predicted: pred.len(),
        ..Scores::default()
    };
    let mut used = vec![false; pred.len()];
    let ctx = |sp: Span| {
        let t = &doc.text;
        let mut a = sp.start.saturating_sub(60);
        while !t.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (sp.end + 60).min(t.len());
        while !t.is_char_boundary(b) {
            b += 1;
        }
        t[a..b].replace('\n', " ")
    };
    for g in &doc.gold {
        let hit = (0..pred.len()).find(|&k| !used[k] && pred[k].span.overlaps(g.span));
        let Some(k) = hit else {
            if let Some(e) = errs.as_deref_mut() {
                e.push(Discrepancy {
                    doc: name.to_string(),
                    what: "missed",
                    text: g.span.slice(&doc.text).to_string(),
                    gold: Some((g.kind.clone(), g.value.clone())),
                    predicted: None,
                    context: ctx(g.span),
                });
            }
            continue;
        };
        used[k] = true;
        let p = &pred[k];
        s.relaxed_matches += 1;
        if p.span == g.span {
            s.strict_matches += 1;
        }
        let value_ok = p.value.as_deref() == Some(g.value.as_str());
        let type_ok = TimexType::parse(&g.kind) == Some(p.kind);
        s.value_correct += usize::from(value_ok);
        s.type_correct += usize::from(type_ok);
        if let Some(e) = errs.as_deref_mut() {
            if !value_ok || !type_ok || p.span != g.span {
                e.push(Discrepancy {
                    doc: name.to_string(),
                    what: if !value_ok {
                        "value"
                    } else if !type_ok {
                        "type"
                    } else {
                        "span"
                    },
                    text: format!("{} / {}", g.span.slice(&doc.text), p.span.slice(&doc.text)),
                    gold: Some((g.kind.clone(), g.value.clone())),
                    predicted: Some((p.kind.as_str().to_string(), p.value.clone(), p.rule)),
                    context: ctx(g.span),
                });
            }
        }
    }
    if let Some(e) = errs {
        for (k, p) in pred.iter().enumerate() {
            if !used[k] {
                e.push(Discrepancy {
                    doc: name.to_string(),
                    what: "spurious",
                    text: p.span.slice(&doc.text).to_string(),
                    gold: None,
                    predicted: Some((p.kind.as_str().to_string(), p.value.clone(), p.rule)),
                    context: ctx(p.span),
                });
            }
        }
    }
    s
}

fn read_dir(dir: &Path) -> Result<Vec<(String, TmlDoc)>, EvalError> {
    let io = |source| EvalError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(EvalError::Empty(dir.to_path_buf()));
    }
    let mut docs = Vec::with_capacity(paths.len());
    for p in paths {
        let src = std::fs::read_to_string(&p).map_err(|source| EvalError::Io {
            path: p.clone(),
            source,
        })?;
        let doc = parse_tml(&src).map_err(|msg| EvalError::Format {
            path: p.clone(),
            msg,
        })?;
        let name = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        docs.push((name, doc));
    }
    Ok(docs)
}

/// Tag every `.tml` document of `dir` (anchored on its creation time) and score against its
/// gold TIMEX3 tags. Reads files.
pub fn evaluate_dir(dir: &Path) -> Result<Scores, EvalError> {
    let mut total = Scores::default();
    for (name, doc) in read_dir(dir)? {
        total.add(&score(&doc, &name, None));
    }
    Ok(total)
}

/// The misses, spurious expressions and wrong values/types over the `.tml` documents of `dir`.
/// Reads files.
pub fn errors(dir: &Path) -> Result<Vec<Discrepancy>, EvalError> {
    let mut out = Vec::new();
    for (name, doc) in read_dir(dir)? {
        score(&doc, &name, Some(&mut out));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_text_gold_and_dct() {
        let src = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>It <EVENT eid="e1">rained</EVENT> &amp; snowed <TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3>.</TEXT></TimeML>"#;
        let d = parse_tml(src).unwrap();
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(2013, 3, 22));
        assert_eq!(d.text, "It rained & snowed Thursday.");
        assert_eq!(d.gold.len(), 1);
        assert_eq!(d.gold[0].span.slice(&d.text), "Thursday");
        assert_eq!(d.gold[0].value, "2013-03-21");
        let s = score(&d, "x", None);
        assert_eq!(
            (s.gold, s.predicted, s.strict_matches, s.value_correct),
            (1, 1, 1, 1)
        );
        assert_eq!(
            s.to_string(),
            "eval timex strict_f1=1.000 relaxed_f1=1.000 value_f1=1.000 value_accuracy=1.000 type_accuracy=1.000"
        );
    }
}
