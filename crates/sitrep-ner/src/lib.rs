//! sitrep's named-entity recogniser: which tokens name people, organisations, places,
//! groups, events and weapons.
//!
//! # Design
//!
//! A linear sequence labeller, trained here on public data, small and fast enough to run on
//! every article without a GPU.
//!
//! - **Model**: an averaged structured perceptron (Collins 2002, [`sitrep_learn`]) over
//!   BILOU tags (Ratinov & Roth 2009 found BILOU better than BIO for this), decoded exactly with
//!   first-order Viterbi under BILOU constraints, so every output is a well-formed set of spans.
//!   Emission features are hashed; transitions are a small learned table.
//! - **Labels**: the model predicts CoNLL-2003's PER, ORG, LOC and MISC, because that is what
//!   the largest labelled news corpus has. It is trained on CoNLL-2003 train plus CrossNER
//!   politics train with CrossNER's nine types mapped onto the four (see [`types`]). A mapping
//!   layer then refines each span to sitrep's [`sitrep_core::EntityType`] with the knowledge
//!   base and the span's words (LOC -> GPE or LOC, MISC -> NORP, EVENT_NAME or WEAPON, ...),
//!   and KB weapon names the model left untagged are added as WEAPON.
//! - **Local features** ([`features`]): the word as written, lower-cased and case-normalised;
//!   long and short word shapes; prefixes and suffixes; words, shapes and case-normalised
//!   words in a +-2 window, bigrams; the word's case profile from unlabeled text; number
//!   neighbours (CoNLL's sports tables); gazetteer matches with their BILOU position.
//! - **Capitalisation** ([`lexicon`]): case is the strongest cue and it lies at sentence
//!   starts and in all-caps headlines. A case lexicon from unlabeled text (the training
//!   sentences and UD English EWT) restores a word's usual form there ("The" -> "the",
//!   "BRUSSELS" -> "Brussels"), and its lower-case/title/upper profile is a feature.
//! - **Gazetteers** ([`gazetteer`]): the KB's countries, capitals, demonyms, people,
//!   organisations, places, weapons and titles, plus the training entities and first/last
//!   names, jackknifed so the model does not learn to trust lists made from its own data.
//! - **Document-level features** (two passes): names repeat within an article, often first
//!   in an easy context ("Bill Clinton") and later in a hard one ("CLINTON SAYS"). The first
//!   pass tags the document with local features only; the second sees, for each capitalised
//!   word, which types the first pass gave its other occurrences, the first occurrence's type,
//!   and the first-pass tags around it. The second-pass model is trained on first-pass labels
//!   from jackknifed models (each training fold tagged by a model that never saw it), so it
//!   learns how far to trust them. Label-free document statistics (is this word capitalised
//!   mid-sentence elsewhere, lower-case elsewhere) are local features.
//!
//! # Use
//!
//! ```
//! let ner = sitrep_ner::Ner::builtin();
//! let doc = vec![vec!["Hanno", "Pevkur", "met", "NATO", "officials", "in", "Brussels", "."]];
//! let spans = &ner.recognise(&doc)[0];
//! assert!(spans.iter().any(|s| s.label == "ORG" && (s.start, s.end) == (3, 4)));
//! ```
//!
//! Training: `cargo run --release -p sitrep-ner --example train_ner` (see that example).

pub mod data;
mod dense;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod lexicon;
mod merge;
mod ner;
pub mod tags;
mod train;
pub mod types;

pub use data::Format;
pub use eval::{evaluate_conll, evaluate_crossner, evaluate_docs, Scores};
pub use ner::{Ner, NerSpan};
pub use train::{train, TrainConfig};

/// Errors reading data or training.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {msg}")]
    Data {
        path: String,
        line: usize,
        msg: String,
    },
    #[error(transparent)]
    Bundle(#[from] sitrep_learn::BundleError),
}
