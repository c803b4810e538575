//! The dependency parser: Universal Dependencies trees (heads and relations) for tagged words.
//!
//! [`Parser::parse`] takes a sentence's words with their tags and lemmas ([`TaggedWord`], the
//! tagger's output) and gives each word its head and relation ([`Arc`]), with UD's subtypes
//! (`nsubj:pass`, `obl:agent`, `nmod:poss`...), which is what the event extractor reads "who
//! did what to whom" from. The output is always a tree: exactly one word under the root, no
//! cycles, whatever the input.
//!
//! # Design
//!
//! - **Transition-based parsing, arc-hybrid system** (`system.rs`), left to right: 2n moves
//!   for n words, so parsing is linear in the sentence length and fast. A full beam or a
//!   graph-based (second-order, cubic) parser would be more accurate by a point or so but
//!   several times slower; the speed target (100,000 words a second on one core) leaves no
//!   room for that. Arc-hybrid over arc-eager: three moves, a simple exact dynamic oracle,
//!   and each word is complete when it is attached, so its relation is chosen with all its
//!   children in view.
//! - **Stacking on a right-to-left guide** (Nivre and McDonald 2008; the guide's direction
//!   after Sagae and Lavie 2006). A second, lighter parser reads the sentence right to left
//!   (`combine.rs`: the words reversed, except that the punctuation ending the sentence stays
//!   last) and parses it greedily, unlabelled, with about 60 of the templates; its tree is
//!   then features of the left-to-right parser (`features.rs`, templates 200-213 and the
//!   label model's 80-82): whether the guide has the arc a move would make, where it puts
//!   the heads of `s0` and `b0` and their tags, whether `s0` still has guide dependents in
//!   the buffer, and how sure the guide was of each attachment (the margin of its move, in
//!   five buckets). The two directions make different mistakes (they agree on 87.5% of the
//!   heads; one of the two is right for 89.4%), and the left-to-right parser learns when to
//!   trust the guide. For that it must see guide parses as bad as those of new text, so
//!   [`train`] jackknifes them: four guides, each trained on three quarters of the training
//!   sentences, parse the fourth (a sentence's copies with predicted and gold tags fall in
//!   the same fold); the guide shipped in the model is trained on all of them. The guide
//!   costs about as much as selectional branching did, which the shipped model no longer
//!   uses. One member: dev UAS/LAS 86.26/83.01 against 85.42/82.25 without the guide.
//! - **Selectional branching** (Choi and McCallum 2013) instead of a beam, available but off
//!   in the shipped model: after the greedy parse, the parser goes back to its (at most)
//!   three or six least confident moves, takes the runner-up there and continues greedily;
//!   the sequence with the highest sum of move log-probabilities (a softmax of the move
//!   scores at a temperature chosen on dev) wins. Without the guide it was worth about 0.3
//!   UAS and LAS on EWT dev for about 1.4 times the time of plain greedy parsing; with the
//!   guide, only 0.08 (one member), not worth slowing the parse again. With
//!   [`TrainOptions::branching`], [`train`] chooses the settings on dev (greedy included)
//!   and keeps them in the model.
//! - **Dynamic oracle with error exploration** (Goldberg and Nivre 2012, 2013): from the
//!   second pass on, training follows the model's own move 90% of the time, right or wrong,
//!   and learns the best move from wherever that leads, so the parser learns to recover from
//!   its mistakes instead of only ever seeing perfect histories.
//! - **Averaged perceptron** ([`sitrep_learn::Perceptron`]) over hashed feature templates in
//!   the style of Zhang and Nivre (2011): words, lemmas, XPOS and UPOS of the three top stack
//!   words and three first buffer words, their leftmost and rightmost children (words, tags
//!   and relations), label sets, the edges of the stack subtrees, and conjunctions of these
//!   (`features.rs`). The pass with the best dev LAS is kept.
//! - **Word clusters** ([`sitrep_learn::clusters`], from MiniLM's word-piece embeddings) of
//!   the stack and buffer words and of the arc's head and dependent, beside the words and
//!   tags: they generalise over words seen rarely in training and give a second opinion where
//!   the tagger erred (+0.35 UAS and LAS on dev with predicted tags, one model, greedy or
//!   branching alike).
//! - **A summed ensemble.** Several parsers are trained with different shuffling and
//!   exploration seeds and their averaged weights are added into one table: the sum of
//!   linear models over the same features is one linear model, so the ensemble parses at the
//!   cost of one (only the table is larger). Seeds move single models by up to half a point
//!   of dev LAS; the sum of three scored +0.3 UAS and LAS over the best of them (greedy), and
//!   steadies the result. [`train`] adds members one at a time (up to
//!   [`TrainOptions::members`]) and keeps the count with the best dev LAS. With the guide
//!   the sums scored below their first member, and the shipped model has one.
//! - **Relations from a second classifier**, chosen when an arc is made, over 51 labels, from
//!   the head, the (finished) dependent and its children, and the head's children so far. The
//!   transition model thus has three classes instead of about a hundred (labelled moves):
//!   training needs a fraction of the memory and parsing a fraction of the scoring. The
//!   relations chosen so far are features of later moves.
//! - **Non-projective trees** (about 2% of EWT's training sentences) are made projective for
//!   training by lifting (an arc is moved up to the head's head until no arcs cross), and the
//!   parser only builds projective trees. The few crossing arcs of English (extraposition,
//!   some `advcl` and `acl:relcl`) are lost; a swap transition would win some back at the
//!   price of longer and harder transition sequences.
//! - **Punctuation** is parsed like any word. (Leaving it out of the transition system and
//!   attaching it afterwards with a ranker over the candidate heads, after Ma et al. 2014,
//!   was tried: 0.45 UAS worse on dev.)
//! - **Speed.** Scoring is nearly all of the time and is bound by memory latency, so the
//!   frozen models are kept in tables laid out for it (`table.rs`): one 8-byte slot per
//!   feature for the transitions, and the slots of a decision are loaded together before they
//!   are read, so that the cache misses overlap.
//!
//! # Scores
//!
//! CoNLL 2018 style: every word counts, punctuation included; LAS compares the universal
//! part of the relation (`nsubj` for `nsubj:pass`), as CoNLL 2018's LAS does ([`evaluate`]).
//! Gold tokens. The committed model, trained on EWT train twice over (once with jackknifed
//! tags from ten taggers, once with gold tags), stacked on its right-to-left guide, one
//! member (of three tried, the count with the best dev LAS), greedy, selected on dev:
//!
//! | EWT | tags | UAS | LAS |
//! | --- | --- | --- | --- |
//! | dev | predicted (committed tagger, UPOS 95.4) | 86.26 | 83.01 |
//! | test | predicted (`sitrep eval ud`) | 86.26 | 83.20 |
//! | dev | gold | 89.33 | 87.45 |
//!
//! The model before it (no guide, three members summed, selectional branching over six
//! alternatives) scored 86.00/82.92 on dev and 86.17/83.33 on test with predicted tags,
//! 88.95/87.32 on dev with gold tags; the one before that (no clusters, one member)
//! 85.43/82.34 on dev and 86.29/83.35 on test. Dev gains have carried over to test only in
//! part: +0.26 UAS and +0.09 LAS on dev were +0.09 UAS and -0.13 LAS on test this time.
//! Tagging errors cost three points: the tags are the features the parser leans on most,
//! and a wrong VBD/VBN or IN/RP moves attachments.
//!
//! What did not help on dev (UAS/LAS with predicted tags):
//! - Parser combination by reparsing (Sagae and Lavie 2006; the driver's `--combine`): the
//!   arcs of a greedy left-to-right and a greedy right-to-left parse, each weighted
//!   `1 + a·tanh(margin / t)` (the margin of the move that made it; the right-to-left
//!   parser's arcs scaled by 0.5 to 1), the best projective tree over them by Eisner's
//!   algorithm, labels from the parser whose arc won. With the right-to-left parser reading
//!   plainly reversed sentences (80.18/77.11 alone, three members) the best of a grid of
//!   200 settings was 85.96/82.89; with the final punctuation kept last (83.42/80.34, one
//!   member) 85.99/82.91: against 85.73/82.64 greedy and 86.00/82.92 with branching, the
//!   same as branching at the same cost. Two voters leave little to vote on: the margins
//!   say too little about which of two disagreeing parsers is right. On top of the stacked
//!   parser, +0.03.
//! - The right-to-left parser reading the final punctuation first: it sits at the bottom of
//!   the stack until the main verb comes, and the system gets it and the root wrong twice
//!   as often (one member 80.07/76.94, against 83.42/80.34 with the punctuation last).
//! - A full, labelled guide (all templates, its relations as features, no margins): one
//!   member 85.87/82.68, four summed 86.31/83.16, but parsing 40% slower; the lite guide
//!   with its margins scored 86.26/83.01 with one member at the old speed.
//! - Selectional branching on the stacked parser: +0.08 (one member, full guide) for half
//!   the speed. Summing members with the lite guide: 86.13/82.97 for two, 86.05/82.94 for
//!   three, against 86.26/83.01 for the first alone (single members with seeds 1-3 range
//!   from 85.89/82.68 to 86.26/83.01).
//! - Earlier: the tagger's runner-up tag as a feature where its margin was small (an
//!   "ambiguity" tag; same scores), more cluster templates (pairs with tags, children's and
//!   neighbours' clusters), and clusters in the tagger (UPOS 95.32 against 95.36); six
//!   alternatives instead of three in selectional branching (a few hundredths).
//! - A relabeller after parsing: a second averaged perceptron choosing each word's relation
//!   with its whole subtree and its head's other children in view (the heads unchanged).
//!   83.01 -> 83.16 LAS on dev (gold tags 87.45 -> 87.68), parsing 28-29% slower. Variants
//!   no better: the parser's relation as a feature (83.01), jackknifed first-pass relations
//!   (83.00), trained on the parser's own parses of train (83.00).
//!
//! Speed: about 115,000 words a second of one core's CPU time, the guide included, as
//! before it (`examples/train_parser.rs`; `sitrep bench nlp`: 58,000 to 65,000 words a second
//! tokenising, tagging and parsing EWT test on a busy machine, the same as the model before
//! it measured alongside). Training, jackknifed tags and guides included: about 11 minutes
//! on a busy 2-core machine (11 minutes of CPU time).
//!
//! # Hostile input
//!
//! Nothing in a parse indexes strings by bytes, and every loop is bounded by the number of
//! words. Sentences longer than [`MAX_WORDS`] get a flat analysis instead (the first word is
//! the root, every other word hangs from it as `dep`), in linear time.

mod combine;
mod features;
mod system;
mod table;
mod train;

#[doc(hidden)]
pub use combine::{eisner, r2l_order, r2l_sentence, Directed};
pub use train::{evaluate, tagged, train, ParseScores, TrainOptions};

use crate::TaggedWord;
use features::{label_features, tokens, transition_features, Tok};
use sitrep_learn::{Bundle, BundleError, Features, ModelError};
use system::{State, NO_LABEL, N_MOVES};
use table::{InlineTable, SparseTable};

/// Sentences longer than this get the flat analysis instead of a parse: the first word is
/// the root and every other word depends on it as `dep`. Real sentences are far shorter
/// (EWT's longest training sentence has 159 words); longer "sentences" are tables, lists
/// or text without sentence breaks, where a parse would mean little.
pub const MAX_WORDS: usize = 250;

/// The section names in a parser bundle.
const SECTION_MOVES: &str = "parser.moves";
const SECTION_LABELS: &str = "parser.labels";
const SECTION_BRANCHING: &str = "parser.branching";
const SECTION_FORMAT: &str = "parser.format";
const SECTION_GUIDE_MOVES: &str = "parser.guide.moves";
const SECTION_GUIDE_LABELS: &str = "parser.guide.labels";
/// Changes whenever features or transitions change, so an old model is refused, not misread.
const FORMAT: &str = "sitrep parser: arc-hybrid, features v5, right-to-left guide";

/// One word's attachment: its head and the relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arc {
    /// 0 for the root, else the 1-based index of the head word.
    pub head: usize,
    /// The UD relation, with its subtype when there is one (`nsubj:pass`, `obl:tmod`).
    pub deprel: String,
}

/// A trained parser: the transition model and the label model.
#[derive(Debug, Clone)]
pub struct Parser {
    moves: InlineTable,
    labels: SparseTable,
    root: usize,
    branching: Branching,
    /// A right-to-left parser whose greedy parse is features of this one (stacking).
    guide: Option<Box<Parser>>,
    /// The guide's reduced feature set, and no relations.
    lite: bool,
}

/// Selectional branching settings (see [`Parser::run`]); chosen on dev by [`train`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Branching {
    /// At most this many alternative sequences (0: plain greedy).
    pub k: usize,
    /// Move scores are divided by this before the softmax that makes them log-probabilities.
    pub temperature: f32,
    /// Only moves that beat the runner-up by less than this are branched from.
    pub max_margin: f32,
}

impl Branching {
    pub(crate) const GREEDY: Branching = Branching {
        k: 0,
        temperature: 1.0,
        max_margin: 0.0,
    };

    fn to_text(self) -> String {
        format!("{} {} {}", self.k, self.temperature, self.max_margin)
    }

    fn from_text(t: &str) -> Option<Branching> {
        let v: Vec<&str> = t.split_whitespace().collect();
        let b = Branching {
            k: v.first()?.parse().ok()?,
            temperature: v.get(1)?.parse().ok()?,
            max_margin: v.get(2)?.parse().ok()?,
        };
        let sane =
            b.k <= 16 && b.temperature.is_finite() && b.temperature > 0.0 && !b.max_margin.is_nan();
        sane.then_some(b)
    }
}

impl Parser {
    fn new(moves: InlineTable, labels: SparseTable) -> Result<Parser, ModelError> {
        let root = labels
            .class_of("root")
            .ok_or(ModelError::Corrupt("parser has no root label"))?;
        if labels.n_classes() < 2 {
            return Err(ModelError::Corrupt("parser label classes"));
        }
        Ok(Parser {
            moves,
            labels,
            root,
            branching: Branching::GREEDY,
            guide: None,
            lite: false,
        })
    }

    /// Reads a parser from its bundle (see [`Parser::to_bundle`]).
    pub fn from_bundle(b: &Bundle) -> Result<Parser, BundleError> {
        let format = b.text(SECTION_FORMAT).unwrap_or_default();
        if format != FORMAT {
            return Err(ModelError::Corrupt("parser model format (retrain the parser)").into());
        }
        let moves = InlineTable::from_bytes(b.require(SECTION_MOVES)?)?;
        let labels = SparseTable::from_bytes(b.require(SECTION_LABELS)?)?;
        let mut p = Parser::new(moves, labels)?;
        if let Some(text) = b.text(SECTION_BRANCHING) {
            p.branching = Branching::from_text(&text)
                .ok_or(ModelError::Corrupt("parser branching settings"))?;
        }
        if let Some(moves) = b.get(SECTION_GUIDE_MOVES) {
            let moves = InlineTable::from_bytes(moves)?;
            let labels = SparseTable::from_bytes(b.require(SECTION_GUIDE_LABELS)?)?;
            let mut g = Parser::new(moves, labels)?;
            g.lite = true;
            if g.labels.labels() != p.labels.labels() {
                return Err(ModelError::Corrupt("parser guide labels").into());
            }
            p.guide = Some(Box::new(g));
        }
        Ok(p)
    }

    /// The parser as a bundle, with `provenance` in the section of that name.
    pub fn to_bundle(&self, provenance: &str) -> Bundle {
        let mut b = Bundle::new();
        b.put(SECTION_FORMAT, FORMAT.as_bytes().to_vec());
        b.put(SECTION_MOVES, self.moves.to_bytes());
        b.put(SECTION_LABELS, self.labels.to_bytes());
        b.put(SECTION_BRANCHING, self.branching.to_text().into_bytes());
        if let Some(g) = &self.guide {
            b.put(SECTION_GUIDE_MOVES, g.moves.to_bytes());
            b.put(SECTION_GUIDE_LABELS, g.labels.to_bytes());
        }
        b.put("provenance", provenance.as_bytes().to_vec());
        b
    }

    /// The relations the parser can assign.
    pub fn deprels(&self) -> &[String] {
        self.labels.labels()
    }

    /// Parses one sentence: one [`Arc`] per word, always a tree (exactly one word under the
    /// root, no cycles). Past [`MAX_WORDS`] words, the flat analysis.
    pub fn parse(&self, words: &[TaggedWord]) -> Vec<Arc> {
        let n = words.len();
        if n == 0 {
            return Vec::new();
        }
        if n > MAX_WORDS {
            return flat(n);
        }
        let st = self.run(&self.tokens(words));
        let names = self.labels.labels();
        (1..=n)
            .map(|d| Arc {
                head: st.heads[d] as usize,
                deprel: names
                    .get(st.labels[d] as usize)
                    .cloned()
                    .unwrap_or_else(|| "dep".to_string()),
            })
            .collect()
    }

    /// Runs the transition system to the end: greedily, or with selectional branching.
    fn run(&self, toks: &[Tok]) -> State {
        if self.branching.k > 0 {
            return self.run_branching(toks, self.branching);
        }
        let n = toks.len() - 2;
        let mut st = State::new(n);
        let mut f = Features::new();
        let mut lscores = vec![0i32; self.labels.n_classes()];
        while !st.is_terminal() {
            transition_features(&st, toks, &mut f, self.lite);
            let scores = self.moves.scores(f.keys());
            let m = best_move(&st, &scores);
            let label = match st.arc_of(m) {
                Some((h, d)) => self.label(&st, toks, h, d, &mut f, &mut lscores),
                None => NO_LABEL,
            };
            st.apply(m, label);
        }
        st
    }

    /// Greedy from `st` to the end; returns the summed log-probabilities of the moves, and
    /// the trace of (move, label, margin to the runner-up, runner-up, its log-probability).
    #[allow(clippy::type_complexity)]
    fn greedy_from(
        &self,
        st: &mut State,
        toks: &[Tok],
        temp: f32,
        trace: &mut Vec<(usize, u16, f32, usize, f32, f32)>,
    ) -> f32 {
        let mut f = Features::new();
        let mut lscores = vec![0i32; self.labels.n_classes()];
        let mut total = 0f32;
        while !st.is_terminal() {
            transition_features(st, toks, &mut f, self.lite);
            let scores = self.moves.scores(f.keys());
            let m = best_move(st, &scores);
            let mut z = 0f32;
            let mut alt = usize::MAX;
            for k in 0..N_MOVES {
                if st.valid(k) {
                    z += ((scores[k] - scores[m]) / temp).exp();
                    if k != m && (alt == usize::MAX || scores[k] > scores[alt]) {
                        alt = k;
                    }
                }
            }
            let lz = z.ln();
            let lp = -lz;
            let (margin, alp) = if alt == usize::MAX {
                (f32::INFINITY, f32::NEG_INFINITY)
            } else {
                (
                    scores[m] - scores[alt],
                    (scores[alt] - scores[m]) / temp - lz,
                )
            };
            total += lp;
            let label = match st.arc_of(m) {
                Some((h, d)) => self.label(st, toks, h, d, &mut f, &mut lscores),
                None => NO_LABEL,
            };
            trace.push((m, label, margin, alt, alp, lp));
            st.apply(m, label);
        }
        total
    }

    /// Selectional branching (Choi and McCallum 2013): the greedy parse, then from each of
    /// its `k` least confident moves, the runner-up move and greedy again; the sequence with
    /// the highest summed log-probability wins.
    fn run_branching(&self, toks: &[Tok], b: Branching) -> State {
        let (k, temp, max_margin) = (b.k, b.temperature, b.max_margin);
        let n = toks.len() - 2;
        let mut best = State::new(n);
        let mut trace = Vec::new();
        let mut best_score = self.greedy_from(&mut best, toks, temp, &mut trace);
        let mut order: Vec<usize> = (0..trace.len())
            .filter(|&i| trace[i].2 < max_margin)
            .collect();
        order.sort_by(|&a, &b| trace[a].2.total_cmp(&trace[b].2));
        order.truncate(k);
        let mut f = Features::new();
        let mut lscores = vec![0i32; self.labels.n_classes()];
        let mut scratch = Vec::new();
        for &t in &order {
            let mut st = State::new(n);
            let mut score = 0f32;
            for step in &trace[..t] {
                st.apply(step.0, step.1);
                score += step.5;
            }
            let (alt, alp) = (trace[t].3, trace[t].4);
            let label = match st.arc_of(alt) {
                Some((h, d)) => self.label(&st, toks, h, d, &mut f, &mut lscores),
                None => NO_LABEL,
            };
            st.apply(alt, label);
            score += alp;
            scratch.clear();
            score += self.greedy_from(&mut st, toks, temp, &mut scratch);
            if score > best_score {
                best_score = score;
                best = st;
            }
        }
        best
    }

    /// The token table of `words`, with the guide's parse when there is a guide.
    fn tokens(&self, words: &[TaggedWord]) -> Vec<Tok> {
        let mut toks = tokens(words);
        if let Some(g) = &self.guide {
            let d = g.guide_parse(&toks, words);
            features::set_guide(&mut toks, &d);
        }
        toks
    }

    /// This parser's greedy parse of a sentence read right to left ([`r2l_order`]), in
    /// sentence order.
    fn guide_parse(&self, toks: &[Tok], words: &[TaggedWord]) -> Directed {
        let order = combine::r2l_order(words.iter().map(|w| w.upos));
        self.run_directed(&combine::reordered(toks, &order), Some(&order))
    }

    /// One direction's greedy parse with its margins (an experiment's view).
    #[doc(hidden)]
    pub fn directed(&self, words: &[TaggedWord], reverse: bool) -> Directed {
        if words.is_empty() || words.len() > MAX_WORDS {
            return Directed::default();
        }
        let toks = self.tokens(words);
        if reverse {
            self.guide_parse(&toks, words)
        } else {
            self.run_directed(&toks, None)
        }
    }

    /// Sets plain greedy decoding (an experiment's switch).
    #[doc(hidden)]
    pub fn set_greedy(&mut self) {
        self.branching = Branching::GREEDY;
    }

    /// The label of the arc `h -> d` and its margin over the runner-up (integer units).
    fn label_scored(
        &self,
        st: &State,
        toks: &[Tok],
        h: u32,
        d: u32,
        f: &mut Features,
        out: &mut [i32],
    ) -> (u16, f32) {
        self.label_with(st, toks, h, d, f, out, true)
    }

    /// The label of the arc `h -> d`.
    fn label(
        &self,
        st: &State,
        toks: &[Tok],
        h: u32,
        d: u32,
        f: &mut Features,
        out: &mut [i32],
    ) -> u16 {
        self.label_with(st, toks, h, d, f, out, false).0
    }

    /// The label of the arc `h -> d`, with its margin over the runner-up when `margin` is
    /// set (else 0: the greedy parse does not need it).
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn label_with(
        &self,
        st: &State,
        toks: &[Tok],
        h: u32,
        d: u32,
        f: &mut Features,
        out: &mut [i32],
        margin: bool,
    ) -> (u16, f32) {
        if self.lite {
            return (NO_LABEL, 0.0);
        }
        if h == 0 {
            return (self.root as u16, f32::INFINITY);
        }
        label_features(st, toks, h, d, f);
        out.iter_mut().for_each(|o| *o = 0);
        self.labels.scores(f.keys(), out);
        let best = best_label(out, self.root);
        if !margin {
            return (best as u16, 0.0);
        }
        let mut second = i32::MIN;
        for (i, &s) in out.iter().enumerate() {
            if i != best && i != self.root {
                second = second.max(s);
            }
        }
        (best as u16, (out[best] as i64 - second as i64) as f32)
    }
}

/// The highest-scoring valid move (there always is one in a non-terminal state).
fn best_move(st: &State, scores: &[f32; N_MOVES]) -> usize {
    let mut best = usize::MAX;
    for m in 0..N_MOVES {
        if st.valid(m) && (best == usize::MAX || scores[m] > scores[best]) {
            best = m;
        }
    }
    best
}

/// The highest-scoring label other than `root`.
fn best_label<T: PartialOrd + Copy>(scores: &[T], root: usize) -> usize {
    let mut best = if root == 0 { 1 } else { 0 };
    for (i, &s) in scores.iter().enumerate() {
        if i != root && s > scores[best] {
            best = i;
        }
    }
    best
}

/// The flat analysis for over-long input: word 1 is the root, the others hang from it.
fn flat(n: usize) -> Vec<Arc> {
    (1..=n)
        .map(|d| Arc {
            head: if d == 1 { 0 } else { 1 },
            deprel: if d == 1 { "root" } else { "dep" }.to_string(),
        })
        .collect()
}
