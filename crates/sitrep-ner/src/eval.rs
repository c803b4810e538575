//! Entity-level scoring with conlleval semantics: a predicted span counts only when its
//! start, end and type all equal a gold span's; micro-averaged precision, recall and F1.

use crate::data::{self, Document, Format};
use crate::types::{crossner_to_conll, crossner_to_kind, kind_label, label_to_conll};
use crate::{Ner, NerError, NerSpan};
use std::collections::BTreeMap;
use std::path::Path;

/// Scores of one evaluation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
    /// Per type: name, F1, gold count (support), sorted by name.
    pub per_type: Vec<(String, f64, usize)>,
    pub n_gold: usize,
    pub n_pred: usize,
    pub n_correct: usize,
    pub n_tokens: usize,
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "F1 {:.2} (P {:.2} R {:.2}; {} gold, {} predicted)",
            self.f1 * 100.0,
            self.precision * 100.0,
            self.recall * 100.0,
            self.n_gold,
            self.n_pred
        )?;
        for (t, f1, n) in &self.per_type {
            write!(f, "\n  {t:<8} F1 {:.2}  ({n})", f1 * 100.0)?;
        }
        Ok(())
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Counts gold/predicted/correct spans per type; spans are `(sentence, start, end, type)`.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    by_type: BTreeMap<String, [usize; 3]>,
    tokens: usize,
}

impl Tally {
    /// Adds one sentence's gold and predicted spans `(start, end, type)`.
    pub fn add(&mut self, gold: &[(usize, usize, String)], pred: &[(usize, usize, String)]) {
        for g in gold {
            self.by_type.entry(g.2.clone()).or_default()[0] += 1;
        }
        for p in pred {
            let e = self.by_type.entry(p.2.clone()).or_default();
            e[1] += 1;
            if gold.contains(p) {
                e[2] += 1;
            }
        }
    }

    /// The scores so far.
    pub fn scores(&self) -> Scores {
        let (mut g, mut p, mut c) = (0, 0, 0);
        let mut per_type = Vec::new();
        for (t, [tg, tp, tc]) in &self.by_type {
            g += tg;
            p += tp;
            c += tc;
            per_type.push((t.clone(), f1(ratio(*tc, *tp), ratio(*tc, *tg)), *tg));
        }
        let (precision, recall) = (ratio(c, p), ratio(c, g));
        Scores {
            f1: f1(precision, recall),
            precision,
            recall,
            per_type,
            n_gold: g,
            n_pred: p,
            n_correct: c,
            n_tokens: self.tokens,
        }
    }
}

/// Scores a recogniser on documents; `gold_map` maps a gold label into the model's scheme
/// (`None` drops the span), `pred_map` a predicted label.
pub fn evaluate_docs(
    ner: &Ner,
    docs: &[Document],
    gold_map: impl Fn(&str) -> Option<String>,
    pred_map: impl Fn(&str) -> Option<String>,
) -> Scores {
    evaluate_spans(ner, docs, gold_map, |p| pred_map(&p.label))
}

/// Like [`evaluate_docs`], with predictions mapped from the whole span (label and kind).
pub fn evaluate_spans(
    ner: &Ner,
    docs: &[Document],
    gold_map: impl Fn(&str) -> Option<String>,
    pred_map: impl Fn(&NerSpan) -> Option<String>,
) -> Scores {
    let mut tally = Tally::default();
    for d in docs {
        let toks = d.tokens();
        let pred = ner.recognise(&toks);
        for (s, ps) in d.sentences.iter().zip(&pred) {
            tally.tokens += s.words.len();
            let gold: Vec<(usize, usize, String)> = s
                .spans
                .iter()
                .filter_map(|g| gold_map(&g.label).map(|l| (g.start, g.end, l)))
                .collect();
            let pred: Vec<(usize, usize, String)> = ps
                .iter()
                .filter_map(|p| pred_map(p).map(|l| (p.start, p.end, l)))
                .collect();
            tally.add(&gold, &pred);
        }
    }
    tally.scores()
}

/// Scores on a CoNLL-2003 file (PER, ORG, LOC, MISC).
pub fn evaluate_conll(ner: &Ner, path: &Path) -> Result<Scores, NerError> {
    let docs = data::read(path, Format::Conll)?;
    Ok(evaluate_docs(
        ner,
        &docs,
        |l| Some(l.to_string()),
        |l| Some(label_to_conll(l).to_string()),
    ))
}

/// Scores on a CrossNER file, its labels mapped to the model's (see [`crate::types`]).
pub fn evaluate_crossner(ner: &Ner, path: &Path) -> Result<Scores, NerError> {
    let docs = data::read(path, Format::CrossNer)?;
    Ok(evaluate_docs(
        ner,
        &docs,
        |l| crossner_to_conll(l).map(str::to_string),
        |l| Some(label_to_conll(l).to_string()),
    ))
}

/// Scores sitrep's types (the spans' `kind`) on a CrossNER file, its labels mapped with
/// [`crossner_to_kind`].
pub fn evaluate_crossner_kinds(ner: &Ner, path: &Path) -> Result<Scores, NerError> {
    let docs = data::read(path, Format::CrossNer)?;
    Ok(evaluate_spans(
        ner,
        &docs,
        |l| crossner_to_kind(l).map(str::to_string),
        |p| Some(kind_label(p.kind).to_string()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_span_and_type() {
        let mut t = Tally::default();
        let s = |a, b, l: &str| (a, b, l.to_string());
        t.add(
            &[s(0, 2, "PER"), s(3, 4, "LOC")],
            &[s(0, 2, "PER"), s(3, 4, "ORG"), s(5, 6, "LOC")],
        );
        let sc = t.scores();
        assert_eq!((sc.n_gold, sc.n_pred, sc.n_correct), (2, 3, 1));
        assert!((sc.precision - 1.0 / 3.0).abs() < 1e-9);
        assert!((sc.recall - 0.5).abs() < 1e-9);
    }
}
