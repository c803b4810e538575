//! The run-time recogniser: two decoding passes over a document, spans, types.

use crate::dense::Dense;
use crate::features::{self, Agg, DocCtx, Resources};
use crate::gazetteer::{list_id, Gazetteer, Match};
use crate::lexicon::Lexicon;
use crate::tags::{self, decode_spans, viterbi, Lattice, N_TAGS, T_SIDE};
use crate::types::kind_of;
use sitrep_core::EntityType;
use sitrep_learn::{Bundle, BundleError, Features, Model, ModelError};
use std::sync::OnceLock;

/// The committed model.
static BUILTIN_BYTES: &[u8] = include_bytes!("../models/ner.model");

/// One recognised name: tokens `[start, end)` of its sentence, the model's label and sitrep's
/// type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerSpan {
    pub start: usize,
    pub end: usize,
    /// The model's label: `PER`, `ORG`, `LOC`, `MISC` (`PER` also for a span that is exactly
    /// a KB person, whatever the model said), or `WEAPON` for a KB weapon the model did not tag.
    pub label: String,
    pub kind: EntityType,
}

/// A trained recogniser (see the crate docs).
#[derive(Debug, Clone)]
pub struct Ner {
    pub(crate) lexicon: Lexicon,
    pub(crate) gazetteer: Gazetteer,
    pub(crate) m1: Model,
    pub(crate) t1: Vec<f32>,
    pub(crate) m2: Option<Model>,
    pub(crate) t2: Vec<f32>,
    pub(crate) provenance: String,
    /// The two models unpacked for scoring.
    d1: Dense,
    d2: Option<Dense>,
}

fn f32s(bytes: &[u8]) -> Result<Vec<f32>, BundleError> {
    if bytes.len() != T_SIDE * T_SIDE * 4 {
        return Err(ModelError::Corrupt("transition table size").into());
    }
    Ok(bytes
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect())
}

fn f32_bytes(v: &[f32]) -> Vec<u8> {
    v.iter()
        .flat_map(|x| {
            // The constrained table holds -inf for illegal moves; store them as 0 (the
            // constraints are re-applied on load).
            let x = if x.is_finite() { *x } else { 0.0 };
            x.to_le_bytes()
        })
        .collect()
}

fn check_labels(m: &Model) -> Result<(), BundleError> {
    if m.labels() != tags::tag_names().as_slice() {
        return Err(ModelError::Corrupt("unexpected tag set").into());
    }
    Ok(())
}

/// What scores a feature list: a frozen model or its unpacked form.
pub(crate) trait Scorer {
    fn add(&self, keys: &[u64], out: &mut [f32; N_TAGS]);
}

impl Scorer for Model {
    fn add(&self, keys: &[u64], out: &mut [f32; N_TAGS]) {
        self.scores(keys, out);
    }
}

impl Scorer for Dense {
    #[inline]
    fn add(&self, keys: &[u64], out: &mut [f32; N_TAGS]) {
        self.scores(keys, out);
    }
}

/// Emission scores for the tokens of `range`, from per-token key lists.
pub(crate) fn emissions(
    model: &impl Scorer,
    keys: &[&[u64]],
    offs: &[&[usize]],
    range: std::ops::Range<usize>,
    em: &mut Vec<f32>,
) {
    em.clear();
    em.resize(range.len() * N_TAGS, 0.0);
    for (row, t) in range.enumerate() {
        let out: &mut [f32; N_TAGS] = (&mut em[row * N_TAGS..(row + 1) * N_TAGS])
            .try_into()
            .expect("a row of N_TAGS");
        for (k, o) in keys.iter().zip(offs) {
            model.add(&k[o[t]..o[t + 1]], out);
        }
    }
}

impl Ner {
    pub(crate) fn new(
        lexicon: Lexicon,
        gazetteer: Gazetteer,
        m1: (Model, Vec<f32>),
        m2: Option<(Model, Vec<f32>)>,
        provenance: String,
    ) -> Result<Ner, ModelError> {
        let (m2, t2) = match m2 {
            Some((m, t)) => (Some(m), tags::with_constraints(t)),
            None => (None, tags::with_constraints(Vec::new())),
        };
        let d1 = Dense::new(&m1.0)?;
        let d2 = m2.as_ref().map(Dense::new).transpose()?;
        Ok(Ner {
            lexicon,
            gazetteer,
            m1: m1.0,
            t1: tags::with_constraints(m1.1),
            m2,
            t2,
            provenance,
            d1,
            d2,
        })
    }

    /// Reads a recogniser from a model bundle.
    pub fn from_bundle(b: &Bundle) -> Result<Ner, BundleError> {
        let lexicon = Lexicon::from_text(&b.text("lexicon").unwrap_or_default());
        let gazetteer = Gazetteer::from_text(&b.text("gazetteer").unwrap_or_default());
        let m1 = Model::from_bytes(b.require("model1")?)?;
        check_labels(&m1)?;
        let t1 = f32s(b.require("trans1")?)?;
        let m2 = match b.get("model2") {
            Some(bytes) => {
                let m = Model::from_bytes(bytes)?;
                check_labels(&m)?;
                Some((m, f32s(b.require("trans2")?)?))
            }
            None => None,
        };
        Ok(Ner::new(
            lexicon,
            gazetteer,
            (m1, t1),
            m2,
            b.text("provenance").unwrap_or_default(),
        )?)
    }

    /// The committed model (`models/ner.model`), loaded once.
    ///
    /// Panics only if the committed file is corrupt, which the crate's tests rule out.
    pub fn builtin() -> &'static Ner {
        static NER: OnceLock<Ner> = OnceLock::new();
        NER.get_or_init(|| {
            let b = Bundle::from_bytes(BUILTIN_BYTES).expect("models/ner.model is a bundle");
            Ner::from_bundle(&b).expect("models/ner.model is an NER model")
        })
    }

    /// The recogniser as a bundle, with a provenance note.
    pub fn to_bundle(&self, provenance: &str) -> Bundle {
        let mut b = Bundle::new();
        b.put("provenance", provenance.as_bytes().to_vec());
        b.put("lexicon", self.lexicon.to_text().into_bytes());
        b.put("gazetteer", self.gazetteer.to_text().into_bytes());
        b.put("model1", self.m1.to_bytes());
        b.put("trans1", f32_bytes(&self.t1));
        if let Some(m2) = &self.m2 {
            b.put("model2", m2.to_bytes());
            b.put("trans2", f32_bytes(&self.t2));
        }
        b
    }

    /// What the model was trained on and how.
    pub fn provenance(&self) -> &str {
        &self.provenance
    }

    /// Number of feature rows in the two models.
    pub fn n_features(&self) -> (usize, usize) {
        (self.m1.len(), self.m2.as_ref().map_or(0, Model::len))
    }

    pub(crate) fn resources(&self) -> Resources<'_> {
        Resources {
            lexicon: &self.lexicon,
            gazetteer: &self.gazetteer,
        }
    }

    /// Names in a document, per sentence. The document is its sentences of tokens; the
    /// document-level features need all of it at once, so pass whole articles, not sentences.
    /// Time is linear in the number of tokens; any input is accepted.
    pub fn recognise<S: AsRef<str>>(&self, doc: &[Vec<S>]) -> Vec<Vec<NerSpan>> {
        let c = features::read_doc(&self.resources(), doc);
        let tags = self.tag(&c);
        let mut out = Vec::with_capacity(doc.len());
        let mut matches: Vec<Match> = Vec::new();
        let weapon = list_id("kb:WEAPON").unwrap_or(0);
        for (s, words) in doc.iter().enumerate() {
            let r = c.sentence(s);
            let mut spans: Vec<NerSpan> = decode_spans(&tags[r.clone()])
                .into_iter()
                .map(|sp| {
                    let label = tags::TYPES[sp.ty];
                    let (a, b) = (r.start + sp.start, r.start + sp.end);
                    let ws: Vec<&str> =
                        words[sp.start..sp.end].iter().map(|w| w.as_ref()).collect();
                    let kind = kind_of(label, &ws, &c.low[a..b], &c.raw[a..b], &self.gazetteer);
                    let label = if kind == EntityType::Person {
                        "PER"
                    } else {
                        label
                    };
                    NerSpan {
                        start: sp.start,
                        end: sp.end,
                        label: label.to_string(),
                        kind,
                    }
                })
                .collect();
            if c.sentence_has_list(s, weapon) {
                self.gazetteer
                    .find(&c.low[r.clone()], &c.raw[r.clone()], &mut matches);
                // "US Abrams", "German Leopard 2": a country or demonym before a KB weapon
                // inside one ORG/MISC span makes two spans.
                let mut split: Vec<NerSpan> = Vec::with_capacity(spans.len());
                for x in spans {
                    let m = matches.iter().find(|m| {
                        m.list == weapon
                            && m.case_ok
                            && m.end == x.end
                            && m.start > x.start
                            && matches!(x.label.as_str(), "ORG" | "MISC")
                    });
                    let Some(m) = m else {
                        split.push(x);
                        continue;
                    };
                    let (a, b) = (r.start + x.start, r.start + m.start);
                    let bits = self.gazetteer.lists_of(&c.low[a..b], &c.raw[a..b]);
                    let has = |n: &str| list_id(n).is_some_and(|l| bits & (1 << l) != 0);
                    let prefix = if has("country") || has("capital") {
                        Some(("LOC", EntityType::Gpe))
                    } else if has("demonym") {
                        Some(("MISC", EntityType::Norp))
                    } else {
                        None
                    };
                    match prefix {
                        Some((label, kind)) => {
                            split.push(NerSpan {
                                start: x.start,
                                end: m.start,
                                label: label.to_string(),
                                kind,
                            });
                            split.push(NerSpan {
                                start: m.start,
                                end: x.end,
                                label: x.label,
                                kind: EntityType::Weapon,
                            });
                        }
                        None => split.push(x),
                    }
                }
                spans = split;
                let mut added = false;
                for m in matches.iter().filter(|m| m.list == weapon && m.case_ok) {
                    if spans.iter().any(|x| x.start < m.end && m.start < x.end) {
                        continue;
                    }
                    if !words[m.start].as_ref().chars().any(char::is_uppercase) {
                        continue;
                    }
                    spans.push(NerSpan {
                        start: m.start,
                        end: m.end,
                        label: "WEAPON".to_string(),
                        kind: EntityType::Weapon,
                    });
                    added = true;
                }
                if added {
                    spans.sort_by_key(|x| (x.start, x.end));
                    // Keep the longest of overlapping gazetteer spans.
                    let mut kept: Vec<NerSpan> = Vec::with_capacity(spans.len());
                    for x in spans {
                        match kept.last() {
                            Some(k) if x.start < k.end => {
                                if x.end - x.start > k.end - k.start && k.label == "WEAPON" {
                                    kept.pop();
                                    kept.push(x);
                                }
                            }
                            _ => kept.push(x),
                        }
                    }
                    spans = kept;
                }
            }
            out.push(spans);
        }
        out
    }

    /// The tags of every token of a document (global token numbers).
    pub(crate) fn tag(&self, c: &DocCtx) -> Vec<usize> {
        let n = c.n_tokens();
        let mut f = Features::new();
        let mut keys: Vec<u64> = Vec::with_capacity(n * 48);
        let mut offs: Vec<usize> = Vec::with_capacity(n + 1);
        offs.push(0);
        for s in 0..c.n_sentences() {
            for t in c.sentence(s) {
                f.clear();
                features::local(c, s, t, &mut f);
                keys.extend_from_slice(f.keys());
                offs.push(keys.len());
            }
        }
        let mut em = Vec::new();
        let mut lat = Lattice::default();
        let mut out = Vec::new();
        let mut tags = vec![0; n];
        for s in 0..c.n_sentences() {
            let r = c.sentence(s);
            emissions(&self.d1, &[&keys], &[&offs], r.clone(), &mut em);
            viterbi(&em, &self.t1, &mut lat, &mut out);
            tags[r].copy_from_slice(&out);
        }
        let Some(m2) = &self.d2 else {
            return tags;
        };
        let agg = Agg::new(c, tags);
        let mut keys2: Vec<u64> = Vec::with_capacity(n * 8);
        let mut offs2: Vec<usize> = Vec::with_capacity(n + 1);
        offs2.push(0);
        for s in 0..c.n_sentences() {
            for t in c.sentence(s) {
                f.clear();
                features::nonlocal(c, &agg, s, t, &mut f);
                keys2.extend_from_slice(f.keys());
                offs2.push(keys2.len());
            }
        }
        let mut tags2 = vec![0; n];
        for s in 0..c.n_sentences() {
            let r = c.sentence(s);
            emissions(m2, &[&keys, &keys2], &[&offs, &offs2], r.clone(), &mut em);
            viterbi(&em, &self.t2, &mut lat, &mut out);
            tags2[r].copy_from_slice(&out);
        }
        tags2
    }
}

impl Ner {
    /// Debugging aid: for token `t` (global number) of a document, the first-pass score of
    /// each local feature key for tags `a` and `b`, in extraction order.
    #[doc(hidden)]
    pub fn explain<S: AsRef<str>>(
        &self,
        doc: &[Vec<S>],
        t: usize,
        a: usize,
        b: usize,
    ) -> Vec<(f32, f32)> {
        let c = features::read_doc(&self.resources(), doc);
        let mut s = 0;
        while s + 1 < c.n_sentences() && c.sentence(s).end <= t {
            s += 1;
        }
        let mut f = Features::new();
        features::local(&c, s, t, &mut f);
        f.keys()
            .iter()
            .map(|k| {
                let mut out = vec![0.0; N_TAGS];
                self.m1.scores(&[*k], &mut out);
                (out[a], out[b])
            })
            .collect()
    }
}

impl Ner {
    /// Debugging aid: the first-pass transition table.
    #[doc(hidden)]
    pub fn transitions(&self) -> &[f32] {
        &self.t1
    }
}
