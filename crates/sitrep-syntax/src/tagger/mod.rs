//! The tagger: UPOS, XPOS, morphological features and lemmas for the words of a sentence.
//!
//! # Design
//!
//! A greedy averaged perceptron, in the tradition of Collins (2002) and Ratnaparkhi's
//! features, chosen because it trains in about a minute on one core, tags some 400,000 words
//! a second on one core, and is accurate enough (95.2% UPOS on EWT dev with gold tokens; a
//! bidirectional LSTM with pretrained embeddings does about a point better, spaCy's small
//! model about two and a half points worse).
//!
//! - **One joint label**, "UPOS XPOS" (102 in EWT). XPOS distinctions (VBD vs VBN) and UPOS
//!   ones (AUX vs VERB, SCONJ vs ADP, DET vs PRON) are both in the label, and the history
//!   features see both. (UPOS-only labels give the same UPOS accuracy; XPOS-only labels
//!   0.4 points less XPOS.)
//! - **Two passes.** The first tags right to left from the word, its affixes and shape, its
//!   casing in a word list, the words around it, the two labels already given on its right,
//!   and the ambiguity classes (sets of labels seen in training, see [`lexicon`]) of the
//!   word and its neighbours. The second tags left to right with the same features plus the
//!   first pass's labels of the word and its neighbours on both sides. It is trained on
//!   *jackknifed* first-pass labels (each training sentence labelled by a first pass not
//!   trained on it), so it learns how far to trust them. Words the first pass labelled with
//!   a wide margin keep that label ([`TrainOptions::keep_margin`]), which saves second-pass
//!   work at no cost on dev with a margin of 20 (a margin of 8 cost 0.12 points).
//! - **Fixed words** ("the", ",") skip both passes.
//! - **FEATS**: a third classifier chooses among the feature sets seen with the word's label
//!   (and with the word itself for frequent words); it is only consulted when there is a
//!   choice. Subject agreement on verbs ("forces killed": Number=Plur|Person=3) comes from the
//!   nearest noun or pronoun on the left.
//! - **Lemmas**: [`crate::lemma`], by word and XPOS, then by suffix rules.
//! - **Scoring** uses the tagger's own frozen model ([`linear`]), laid out so that a feature
//!   costs at most two cache misses, and fetched in bulk.
//!
//! Each classifier is trained epoch by epoch and the averaged model of the best epoch on the
//! development set is kept (UPOS accuracy for the passes, FEATS accuracy for features).
//! What did not help on dev, for the record: word dropout (training words shown as unknown),
//! a left-to-right first pass (same accuracy), ten instead of four jackknife folds, and a
//! third of the feature templates (removed: no loss, 40% faster).
//!
//! Every stage is linear in the sentence length and indexes characters, never bytes, so any
//! string (empty, emoji, control characters, a 10,000-word "sentence") is tagged safely.

mod features;
mod lexicon;
mod linear;
mod train;

pub use lexicon::LexOptions;
pub use train::{jackknife, train, TrainOptions};

use crate::conllu::UdSentence;
use crate::lemma::Lemmatizer;
pub(crate) use features::mix;
use features::{
    feats_features, nominal_kind, prepare, tag_features, tag_value, Prepared, END, PAD, START,
};
use lexicon::{Lexicon, NONE};
use linear::{Linear, Trainer};
use sitrep_learn::{Bundle, BundleError, Features, ModelError};

/// The tagger's output for one word.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tags {
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    pub lemma: String,
}

/// A trained tagger (see the module docs).
#[derive(Debug, Clone)]
pub struct Tagger {
    lex: Lexicon,
    pass1: Linear,
    pass2: Option<Linear>,
    /// More second passes (other shuffling seeds) whose scores are added to the first's.
    pass2_more: Vec<Linear>,
    feats: Linear,
    lemma: Lemmatizer,
    /// [`nominal_kind`] of each label.
    kinds: Vec<u8>,
    /// First-pass labels with at least this margin skip the second pass.
    keep: f32,
    /// The first pass runs right to left.
    rtl: bool,
}

/// Anything that scores features: the perceptron while training, the frozen model after.
pub(crate) trait Scorer {
    fn add(&self, keys: &[u64], out: &mut [f32]);
    /// The weight of one unit of score.
    fn unit(&self) -> f32;
}

impl Scorer for Linear {
    fn add(&self, keys: &[u64], out: &mut [f32]) {
        self.scores(keys, out)
    }
    fn unit(&self) -> f32 {
        self.scale()
    }
}

/// Several frozen models with their scores added, in weight units.
pub(crate) struct Ensemble<'a>(pub &'a Linear, pub &'a [Linear]);

impl Scorer for Ensemble<'_> {
    fn add(&self, keys: &[u64], out: &mut [f32]) {
        let mut tmp = vec![0.0f32; out.len()];
        for (k, m) in std::iter::once(self.0).chain(self.1).enumerate() {
            let buf: &mut [f32] = if k == 0 { out } else { &mut tmp };
            if k > 0 {
                buf.fill(0.0);
            }
            m.scores(keys, buf);
            if k == 0 {
                let sc = m.scale();
                for x in out.iter_mut() {
                    *x *= sc;
                }
            } else {
                let sc = m.scale();
                for (o, &t) in out.iter_mut().zip(tmp.iter()) {
                    *o += t * sc;
                }
            }
        }
    }
    fn unit(&self) -> f32 {
        1.0
    }
}

impl Scorer for Trainer {
    fn add(&self, keys: &[u64], out: &mut [f32]) {
        self.scores(keys, out)
    }
    fn unit(&self) -> f32 {
        1.0
    }
}

/// Reusable buffers.
#[derive(Default)]
pub(crate) struct Scratch {
    pub f: Features,
    pub scores: Vec<f32>,
}

/// Index of the best score (the first on ties); 0 for an empty slice.
#[inline]
pub(crate) fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// The best label and the margin over the second best (in score units; infinite when there
/// is no second), among the labels `allow` permits (an index plus one in `sets`; 0: all).
#[inline]
pub(crate) fn choose(scores: &[f32], allow: u32, sets: &[Vec<u16>]) -> (usize, f32) {
    match allow.checked_sub(1).and_then(|k| sets.get(k as usize)) {
        Some(set) if !set.is_empty() => {
            let (mut best, mut second) = (set[0] as usize, f32::NEG_INFINITY);
            for &l in &set[1..] {
                let x = scores[l as usize];
                if x > scores[best] {
                    second = scores[best];
                    best = l as usize;
                } else if x > second {
                    second = x;
                }
            }
            (best, scores[best] - second)
        }
        _ => {
            let best = argmax(scores);
            let second = scores
                .iter()
                .enumerate()
                .filter(|&(c, _)| c != best)
                .fold(f32::NEG_INFINITY, |m, (_, &x)| m.max(x));
            (best, scores[best] - second)
        }
    }
}

/// The labels on the left of word `i` as feature values.
#[inline]
pub(crate) fn history(out: &[u16], i: usize) -> (u64, u64) {
    let t1 = if i >= 1 { tag_value(out[i - 1]) } else { START };
    let t2 = if i >= 2 { tag_value(out[i - 2]) } else { START };
    (t1, t2)
}

/// The first pass's labels of the two words right of `i` as feature values.
#[inline]
pub(crate) fn right_of(right: &[u16], i: usize) -> [u64; 4] {
    let at = |j: Option<usize>| match j {
        None => START,
        Some(j) => right.get(j).map_or(END, |&l| tag_value(l)),
    };
    [
        at(i.checked_sub(1)),
        at(Some(i)),
        at(Some(i + 1)),
        at(Some(i + 2)),
    ]
}

/// What a second pass starts from: the first pass's labels and how sure it was of each.
pub(crate) struct FirstPass<'a> {
    pub labels: &'a [u16],
    pub margins: &'a [f32],
    /// Labels the first pass gave with at least this margin are kept without scoring.
    pub keep: f32,
}

/// One tagging pass over a sentence, left to right, into `out`; the margin of each decision
/// (best score minus second best, in weight units; infinite for fixed words and for labels
/// kept from the first pass) into `margins`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run_pass(
    prep: &Prepared,
    first: Option<&FirstPass>,
    model: &dyn Scorer,
    n_labels: usize,
    sets: &[Vec<u16>],
    s: &mut Scratch,
    out: &mut Vec<u16>,
    margins: &mut Vec<f32>,
) {
    out.clear();
    margins.clear();
    for i in 0..prep.len() {
        let fixed = prep.toks[i + PAD].fixed;
        if fixed != NONE {
            out.push(fixed);
            margins.push(f32::INFINITY);
            continue;
        }
        if let Some(f) = first {
            if f.margins[i] >= f.keep {
                out.push(f.labels[i]);
                margins.push(f32::INFINITY);
                continue;
            }
        }
        let (t1, t2) = history(out, i);
        tag_features(
            &mut s.f,
            &prep.toks,
            i,
            t1,
            t2,
            first.map(|f| right_of(f.labels, i)),
        );
        s.scores.clear();
        s.scores.resize(n_labels, 0.0);
        model.add(s.f.keys(), &mut s.scores);
        let (best, margin) = choose(&s.scores, prep.toks[i + PAD].allow, sets);
        out.push(best as u16);
        margins.push(margin * model.unit());
    }
}

/// FEATS for every word, given the labels, into `out` ([`NONE`] where nothing is known).
pub(crate) fn run_feats(
    lex: &Lexicon,
    kinds: &[u8],
    prep: &Prepared,
    labels: &[u16],
    model: &dyn Scorer,
    s: &mut Scratch,
    out: &mut Vec<u16>,
) {
    out.clear();
    for i in 0..prep.len() {
        let cands = lex.feats_candidates(&prep.lowers[i], labels[i]);
        if cands.len() <= 1 {
            out.push(cands.first().copied().unwrap_or(NONE));
            continue;
        }
        feats_features(&mut s.f, prep, labels, kinds, i);
        s.scores.clear();
        s.scores.resize(lex.feats.len(), 0.0);
        model.add(s.f.keys(), &mut s.scores);
        let best = cands.iter().copied().fold(cands[0], |b, c| {
            if s.scores[c as usize] > s.scores[b as usize] {
                c
            } else {
                b
            }
        });
        out.push(best);
    }
}

const LEXICON: &str = "tagger.lexicon";
const PASS1: &str = "tagger.pass1";
const PASS2: &str = "tagger.pass2";
const FEATS: &str = "tagger.feats";
const LEMMA: &str = "tagger.lemma";
const CONFIG: &str = "tagger.config";

fn corrupt(what: &'static str) -> BundleError {
    BundleError::Format(ModelError::Corrupt(what))
}

impl Tagger {
    pub(crate) fn new(
        lex: Lexicon,
        pass1: Linear,
        pass2: Option<Linear>,
        feats: Linear,
        lemma: Lemmatizer,
    ) -> Tagger {
        let kinds = lex.xpos.iter().map(|x| nominal_kind(x)).collect();
        Tagger {
            lex,
            pass1,
            pass2,
            pass2_more: Vec::new(),
            feats,
            lemma,
            kinds,
            keep: f32::INFINITY,
            rtl: false,
        }
    }

    /// Reads a tagger written by [`Tagger::to_bundle`].
    pub fn from_bundle(b: &Bundle) -> Result<Tagger, BundleError> {
        let text = |name| {
            let bytes = b.require(name)?;
            std::str::from_utf8(bytes).map_err(|_| corrupt("tagger text section is not UTF-8"))
        };
        let lex = Lexicon::from_text(text(LEXICON)?).map_err(|_| corrupt("tagger lexicon"))?;
        let lemma = Lemmatizer::from_text(text(LEMMA)?).map_err(|_| corrupt("lemma table"))?;
        let model = |bytes| Linear::from_bytes(bytes).map_err(|e| corrupt(e.0));
        let pass1 = model(b.require(PASS1)?)?;
        let pass2 = b.get(PASS2).map(model).transpose()?;
        let feats = model(b.require(FEATS)?)?;
        let n = lex.labels.len();
        if pass1.n_classes() != n || pass2.as_ref().is_some_and(|m| m.n_classes() != n) {
            return Err(corrupt("tagger models and lexicon disagree on labels"));
        }
        if feats.n_classes() != lex.feats.len() {
            return Err(corrupt("FEATS model and lexicon disagree"));
        }
        let mut t = Tagger::new(lex, pass1, pass2, feats, lemma);
        for k in 1.. {
            match b.get(&format!("{PASS2}.{k}")) {
                Some(bytes) => {
                    let m = model(bytes)?;
                    if m.n_classes() != n || t.pass2.is_none() {
                        return Err(corrupt("tagger models and lexicon disagree on labels"));
                    }
                    t.pass2_more.push(m);
                }
                None => break,
            }
        }
        for line in text(CONFIG)?.lines() {
            if let Some(v) = line.strip_prefix("keep_margin=") {
                t.keep = v.parse().map_err(|_| corrupt("tagger config"))?;
            }
            if let Some(v) = line.strip_prefix("rtl_first=") {
                t.rtl = v == "1";
            }
        }
        Ok(t)
    }

    /// The tagger as a model bundle, with `provenance` in section "provenance".
    pub fn to_bundle(&self, provenance: &str) -> Bundle {
        let mut b = Bundle::new();
        b.put("provenance", provenance.as_bytes().to_vec());
        b.put(LEXICON, self.lex.to_text().into_bytes());
        b.put(PASS1, self.pass1.to_bytes());
        if let Some(m) = &self.pass2 {
            b.put(PASS2, m.to_bytes());
        }
        for (k, m) in self.pass2_more.iter().enumerate() {
            b.put(&format!("{PASS2}.{}", k + 1), m.to_bytes());
        }
        b.put(FEATS, self.feats.to_bytes());
        b.put(LEMMA, self.lemma.to_text().into_bytes());
        b.put(
            CONFIG,
            format!(
                "keep_margin={}\nrtl_first={}\n",
                self.keep,
                u8::from(self.rtl)
            )
            .into_bytes(),
        );
        b
    }

    /// The labels of a prepared sentence (both passes).
    pub(crate) fn labels(&self, prep: &Prepared, s: &mut Scratch) -> Vec<u16> {
        let n = self.lex.labels.len();
        let (mut first, mut margins) = (
            Vec::with_capacity(prep.len()),
            Vec::with_capacity(prep.len()),
        );
        if self.rtl {
            let rev = prep.reversed();
            run_pass(
                &rev,
                None,
                &self.pass1,
                n,
                &self.lex.tag_sets,
                s,
                &mut first,
                &mut margins,
            );
            first.reverse();
            margins.reverse();
        } else {
            run_pass(
                prep,
                None,
                &self.pass1,
                n,
                &self.lex.tag_sets,
                s,
                &mut first,
                &mut margins,
            );
        }
        match &self.pass2 {
            Some(m) => {
                let f = FirstPass {
                    labels: &first,
                    margins: &margins,
                    keep: self.keep,
                };
                let (mut second, mut m2) = (Vec::with_capacity(prep.len()), Vec::new());
                if self.pass2_more.is_empty() {
                    run_pass(
                        prep,
                        Some(&f),
                        m,
                        n,
                        &self.lex.tag_sets,
                        s,
                        &mut second,
                        &mut m2,
                    );
                } else {
                    let e = Ensemble(m, &self.pass2_more);
                    run_pass(
                        prep,
                        Some(&f),
                        &e,
                        n,
                        &self.lex.tag_sets,
                        s,
                        &mut second,
                        &mut m2,
                    );
                }
                second
            }
            None => first,
        }
    }

    /// Whether a word is a common word rather than a name: its lower-case form was seen in the
    /// training sentences ("peace", "bank"), or the word list writes it in lower case only.
    pub fn common_word(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.lex.seen_form(&lower) || self.lex.dict(sitrep_learn::str_id(&lower)) == 1
    }

    /// Tags one sentence, given as its words.
    pub fn tag(&self, forms: &[&str]) -> Vec<Tags> {
        let prep = prepare(&self.lex, forms);
        let mut s = Scratch::default();
        let labels = self.labels(&prep, &mut s);
        let mut feats = Vec::with_capacity(labels.len());
        run_feats(
            &self.lex,
            &self.kinds,
            &prep,
            &labels,
            &self.feats,
            &mut s,
            &mut feats,
        );
        forms
            .iter()
            .zip(&prep.lowers)
            .zip(labels.iter().zip(&feats))
            .map(|((form, low), (&l, &f))| {
                let xpos = &self.lex.xpos[l as usize];
                Tags {
                    upos: self.lex.upos[l as usize].clone(),
                    xpos: xpos.clone(),
                    feats: self
                        .lex
                        .feats
                        .get(f as usize)
                        .map_or("_", |s| s.as_str())
                        .to_string(),
                    lemma: self.lemma.lemma_of(form, low, xpos),
                }
            })
            .collect()
    }

    /// Replaces the tag dictionary with one built from `train` (see [`LexOptions`]).
    pub fn set_tag_dict(&mut self, train: &[UdSentence], o: &LexOptions) {
        let words = train.iter().flat_map(|s| s.words.iter());
        self.lex.rebuild_tag_dict(
            words.map(|w| (w.form.as_str(), w.upos.as_str(), w.xpos.as_str())),
            o,
        );
    }

    /// First-pass labels with at least this margin skip the second pass (see
    /// [`TrainOptions::keep_margin`]).
    pub fn set_keep_margin(&mut self, keep: f32) {
        self.keep = keep;
    }

    /// The lemmatiser alone.
    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemma
    }
}

/// Accuracies on gold tokens, as fractions (CoNLL 2018 names: AllTags is UPOS, XPOS and
/// FEATS all right).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TagScores {
    pub upos: f64,
    pub xpos: f64,
    pub ufeats: f64,
    pub lemma: f64,
    pub all_tags: f64,
    pub words: usize,
}

impl std::fmt::Display for TagScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "UPOS {:.2}  XPOS {:.2}  UFeats {:.2}  AllTags {:.2}  Lemma {:.2}  ({} words)",
            100.0 * self.upos,
            100.0 * self.xpos,
            100.0 * self.ufeats,
            100.0 * self.all_tags,
            100.0 * self.lemma,
            self.words
        )
    }
}

/// Tags `sents` (gold tokens) and scores against their annotation.
pub fn evaluate(tagger: &Tagger, sents: &[UdSentence]) -> TagScores {
    let (mut upos, mut xpos, mut feats, mut lemma, mut all, mut n) = (0, 0, 0, 0, 0, 0usize);
    for s in sents {
        let tags = tagger.tag(&s.forms());
        for (w, t) in s.words.iter().zip(&tags) {
            let (u, x, f) = (w.upos == t.upos, w.xpos == t.xpos, w.feats == t.feats);
            upos += usize::from(u);
            xpos += usize::from(x);
            feats += usize::from(f);
            all += usize::from(u && x && f);
            lemma += usize::from(w.lemma == t.lemma);
            n += 1;
        }
    }
    let frac = |k: usize| k as f64 / n.max(1) as f64;
    TagScores {
        upos: frac(upos),
        xpos: frac(xpos),
        ufeats: frac(feats),
        lemma: frac(lemma),
        all_tags: frac(all),
        words: n,
    }
}
