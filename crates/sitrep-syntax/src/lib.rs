//! sitrep's syntax layer: Universal Dependencies words, tags, lemmas and dependency trees.
//!
//! Who did what to whom is a question about syntax, so events read the subject of "refused"
//! and the object of "send" from a dependency tree. No Rust parser with English weights can be
//! had offline, so sitrep trains its own from UD English EWT and ships the models in
//! `models/` (gzip-compressed [`sitrep_learn::Bundle`]s, embedded in the binary).
//!
//! - [`conllu`]: reading the treebank format.
//! - [`tagger`]: UPOS, XPOS and morphological features (averaged perceptron), and lemmas.
//! - [`parser`]: the dependency parser.
//! - [`words`]: syntactic words from clean text, cut as EWT cuts them.
//! - [`eval`]: CoNLL 2018-style scores against a treebank.

pub mod analyse;
pub mod conllu;
pub mod eval;
pub mod lemma;
pub mod parser;
pub mod tagger;
pub mod words;

/// One word handed to the parser: its form and the tagger's output.
#[derive(Debug, Clone, Copy)]
pub struct TaggedWord<'a> {
    pub form: &'a str,
    pub lemma: &'a str,
    pub upos: &'a str,
    pub xpos: &'a str,
    pub feats: &'a str,
}

impl<'a> TaggedWord<'a> {
    /// A word with its tags.
    pub fn new(
        form: &'a str,
        lemma: &'a str,
        upos: &'a str,
        xpos: &'a str,
        feats: &'a str,
    ) -> TaggedWord<'a> {
        TaggedWord {
            form,
            lemma,
            upos,
            xpos,
            feats,
        }
    }

    /// A word with the tagger's output.
    pub fn from_tags(form: &'a str, t: &'a tagger::Tags) -> TaggedWord<'a> {
        TaggedWord::new(form, &t.lemma, &t.upos, &t.xpos, &t.feats)
    }
}
