//! The syntax stage as the pipeline uses it: words of a sentence, tagged, lemmatised and parsed.
//!
//! [`Syntax`] holds a tagger and a parser. The models committed in `models/` are embedded in the
//! binary and loaded once, on first use ([`Syntax::global`]); `--models DIR` installs others
//! ([`Syntax::install`]) before that first use.
//!
//! Nothing is stored: the pipeline recomputes the analysis of a sentence when it needs it (at
//! ingest, for events), which costs about as much as reading it back would.

use crate::eval::WordAnalysis;
use crate::parser::Parser;
use crate::tagger::Tagger;
use crate::words::words;
use crate::TaggedWord;
use sitrep_core::Span;
use sitrep_learn::{Bundle, BundleError};
use std::path::Path;
use std::sync::OnceLock;

/// The committed tagger model.
pub const TAGGER_MODEL: &[u8] = include_bytes!("../models/tagger.model");
/// The committed parser model.
pub const PARSER_MODEL: &[u8] = include_bytes!("../models/parser.model");

/// Where the committed models live in the source tree (`sitrep train` writes there by default).
pub const MODELS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/models");

/// A word of a parsed sentence: its span and its analysis (tags, lemma, head, relation),
/// which it derefs to (`w.upos`, `w.head`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynWord {
    /// Byte span in the text the sentence came from.
    pub span: Span,
    pub analysis: WordAnalysis,
}

impl std::ops::Deref for SynWord {
    type Target = WordAnalysis;
    fn deref(&self) -> &WordAnalysis {
        &self.analysis
    }
}

/// Tagger and parser together.
pub struct Syntax {
    pub tagger: Tagger,
    pub parser: Parser,
}

static GLOBAL: OnceLock<Syntax> = OnceLock::new();

impl Syntax {
    /// The models embedded in the binary.
    pub fn builtin() -> Result<Syntax, BundleError> {
        Ok(Syntax {
            tagger: Tagger::from_bundle(&Bundle::from_bytes(TAGGER_MODEL)?)?,
            parser: Parser::from_bundle(&Bundle::from_bytes(PARSER_MODEL)?)?,
        })
    }

    /// `tagger.model` and `parser.model` from a folder.
    pub fn load(dir: &Path) -> Result<Syntax, BundleError> {
        Ok(Syntax {
            tagger: Tagger::from_bundle(&Bundle::read(&dir.join("tagger.model"))?)?,
            parser: Parser::from_bundle(&Bundle::read(&dir.join("parser.model"))?)?,
        })
    }

    /// Makes `s` the models [`Syntax::global`] returns. False when the global models were
    /// already in use (then nothing changes).
    pub fn install(s: Syntax) -> bool {
        GLOBAL.set(s).is_ok()
    }

    /// The installed models, else the embedded ones; an error when those are damaged.
    pub fn try_global() -> Result<&'static Syntax, BundleError> {
        if let Some(s) = GLOBAL.get() {
            return Ok(s);
        }
        let s = Syntax::builtin()?;
        let _ = GLOBAL.set(s);
        Ok(GLOBAL.get().expect("just set"))
    }

    /// The installed models, else the embedded ones.
    ///
    /// # Panics
    /// When the embedded models are corrupt, which a test of this crate rules out.
    pub fn global() -> &'static Syntax {
        GLOBAL.get_or_init(|| Syntax::builtin().expect("the embedded models are valid (tested)"))
    }

    /// The words of `text[sentence]`, tagged and parsed.
    pub fn analyse(&self, text: &str, sentence: Span) -> Vec<SynWord> {
        let spans = words(text, sentence);
        self.analyse_spans(text, &spans)
    }

    /// Given words (byte spans into `text`), tagged and parsed.
    pub fn analyse_spans(&self, text: &str, spans: &[Span]) -> Vec<SynWord> {
        let forms: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
        self.analyse_forms(&forms)
            .into_iter()
            .zip(spans)
            .map(|(analysis, &span)| SynWord { span, analysis })
            .collect()
    }

    /// Given word forms, tagged and parsed.
    pub fn analyse_forms(&self, forms: &[&str]) -> Vec<WordAnalysis> {
        let tags = self.tagger.tag(forms);
        let input: Vec<TaggedWord> = forms
            .iter()
            .zip(&tags)
            .map(|(form, t)| TaggedWord::from_tags(form, t))
            .collect();
        let arcs = self.parser.parse(&input);
        tags.into_iter()
            .zip(arcs)
            .map(|(t, a)| WordAnalysis {
                upos: t.upos,
                xpos: t.xpos,
                feats: t.feats,
                lemma: t.lemma,
                head: a.head,
                deprel: a.deprel,
            })
            .collect()
    }
}
