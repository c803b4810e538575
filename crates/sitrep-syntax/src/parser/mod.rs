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
//! - **Greedy transition-based parsing, arc-hybrid system** ([`system`]), one left-to-right
//!   pass: about 2n decisions for n words, so parsing is linear in the sentence length and
//!   fast. A beam or a graph-based (second-order, cubic) parser is more accurate by a point
//!   or so but several times slower; the speed target (100,000 words a second on one core)
//!   leaves no room for that. Arc-hybrid over arc-eager: three moves, a simple exact dynamic
//!   oracle, and each word is complete when it is attached, so its relation is chosen with all
//!   its children in view.
//! - **Dynamic oracle with error exploration** (Goldberg and Nivre 2012, 2013): from the
//!   second pass on, training follows the model's own move 90% of the time, right or wrong,
//!   and learns the best move from wherever that leads, so the parser learns to recover from
//!   its mistakes instead of only ever seeing perfect histories.
//! - **Averaged perceptron** ([`sitrep_learn::Perceptron`]) over hashed feature templates in
//!   the style of Zhang and Nivre (2011): words, lemmas, XPOS and UPOS of the three top stack
//!   words and three first buffer words, their leftmost and rightmost children (words, tags
//!   and relations), label sets, the edges of the stack subtrees, and conjunctions of these
//!   ([`features`]). The pass with the best dev LAS is kept.
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
//!   frozen models are kept in tables laid out for it ([`table`]): one 8-byte slot per
//!   feature for the transitions, and the slots of a decision are loaded together before they
//!   are read, so that the cache misses overlap.
//!
//! # Scores
//!
//! CoNLL 2018 style: every word counts, punctuation included; LAS compares the universal
//! part of the relation (`nsubj` for `nsubj:pass`), as CoNLL 2018's LAS does. See
//! [`evaluate`]. (Numbers: see the bottom of this doc.)
//!
//! # Hostile input
//!
//! Nothing in a parse indexes strings by bytes, and every loop is bounded by the number of
//! words. Sentences longer than [`MAX_WORDS`] get a flat analysis instead (the first word is
//! the root, every other word hangs from it as `dep`), in linear time.

mod features;
mod system;
mod table;
mod train;

pub use train::{evaluate, train, ParseScores, TrainOptions};

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
const SECTION_FORMAT: &str = "parser.format";
/// Changes whenever features or transitions change, so an old model is refused, not misread.
const FORMAT: &str = "sitrep parser: arc-hybrid, features v3";

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
        Ok(Parser::new(moves, labels)?)
    }

    /// The parser as a bundle, with `provenance` in the section of that name.
    pub fn to_bundle(&self, provenance: &str) -> Bundle {
        let mut b = Bundle::new();
        b.put(SECTION_FORMAT, FORMAT.as_bytes().to_vec());
        b.put(SECTION_MOVES, self.moves.to_bytes());
        b.put(SECTION_LABELS, self.labels.to_bytes());
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
        let st = self.run(&tokens(words));
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

    /// Runs the transition system greedily to the end.
    fn run(&self, toks: &[Tok]) -> State {
        let n = toks.len() - 2;
        let mut st = State::new(n);
        let mut f = Features::new();
        let mut lscores = vec![0i32; self.labels.n_classes()];
        while !st.is_terminal() {
            transition_features(&st, toks, &mut f);
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

    fn label(
        &self,
        st: &State,
        toks: &[Tok],
        h: u32,
        d: u32,
        f: &mut Features,
        out: &mut [i32],
    ) -> u16 {
        if h == 0 {
            return self.root as u16;
        }
        label_features(st, toks, h, d, f);
        out.iter_mut().for_each(|o| *o = 0);
        self.labels.scores(f.keys(), out);
        best_label(out, self.root) as u16
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
