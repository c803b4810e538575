//! sitrep-extract: the first analysis of an article: who met, asked, promised, refused,
//! threatened whom, in the PLOVER event ontology.
//!
//! [`Extractor::analyse`] takes a cleaned [`Article`] and returns an [`AnalysedArticle`] with
//! sentences, mentions linked to entities, and events. It never fails: what it cannot make sense
//! of becomes a diagnostic.
//!
//! * [`kb`]: the knowledge base ([`Kb`]): countries, organisations, media, people, weapons,
//!   places, agent words; TSV files compiled in, more with [`Kb::load_dir`].
//! * `mentions`: names in the text, linked to KB entries or to text entities.
//! * [`eval`]: scores against the PLOVER gold-standard records (`sitrep eval plover`).
//! * `events`: PLOVER events from a trigger table, with actors, objects, location, modality,
//!   attribution and a confidence (the formula is in the module doc).
//!
//! This is rule-based and honest about it: word-order heuristics over a keyword table. Trained
//! models (sitrep-nlp) replace the parts one by one; the output types stay. Time expressions,
//! cross-sentence coreference and cross-article merging are left to later stages.

pub mod eval;
pub mod kb;

mod events;
mod mentions;
mod words;

pub use events::cameo;
pub use kb::{Kb, KbError};

use sitrep_core::{AnalysedArticle, Article, Diagnostic};
use std::collections::HashSet;

/// The confidence from which `sitrep events` shows an event by default. A clean "X met with Y"
/// between two known actors scores 0.80; a guessed subject or a weak trigger ("needed") lands
/// near 0.5; events from a headline without final punctuation fall below.
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.5;

/// Runs the analysis with one knowledge base.
#[derive(Debug, Clone)]
pub struct Extractor {
    kb: Kb,
    syntax: bool,
}

impl Extractor {
    pub fn new(kb: Kb) -> Extractor {
        Extractor { kb, syntax: true }
    }

    /// Whether events may use the dependency parse (`sitrep-syntax`) for arguments the word
    /// order does not give (on by default; it costs ~10 µs a word of the sentences it parses).
    pub fn with_syntax(mut self, on: bool) -> Extractor {
        self.syntax = on;
        self
    }

    /// The knowledge base in use.
    pub fn kb(&self) -> &Kb {
        &self.kb
    }

    /// Only the names of `article`: mentions found (knowledge base and the trained recogniser)
    /// and linked, with their entities. The first stage of [`Extractor::analyse`], on its own
    /// for `sitrep bench nlp`.
    pub fn mentions(
        &self,
        article: &Article,
    ) -> (Vec<sitrep_core::Mention>, Vec<sitrep_core::Entity>) {
        let sentences = sitrep_nlp::split_sentences(&article.text);
        let linked = mentions::find(&self.kb, article, &sentences);
        (linked.mentions, linked.entities)
    }

    /// Sentences, mentions, entities and events of `article`. Never fails: problems go to
    /// `diagnostics`.
    pub fn analyse(&self, article: Article) -> AnalysedArticle {
        let _span = tracing::debug_span!("extract", article = %article.id).entered();
        let sentences = sitrep_nlp::split_sentences(&article.text);
        let mut linked = mentions::find(&self.kb, &article, &sentences);
        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        let timexes = events::dates::from_tagger(sitrep_time::tag_sentences(
            &article.text,
            &sentences,
            article.published.as_ref().map(|p| p.date),
        ));
        // The triggers and patterns are English: another language gives no events.
        let foreign = article.language.as_deref().filter(|l| !is_english(l));
        if let Some(lang) = foreign {
            tracing::info!(article = %article.id, language = lang, "not English: no events taken");
            diagnostics.push(Diagnostic {
                stage: "extract".into(),
                message: format!(
                    "article in language {lang:?}: no events taken (the extractor reads English)"
                ),
            });
        }
        let events = if foreign.is_some() {
            Vec::new()
        } else {
            let ctx = events::Ctx {
                kb: &self.kb,
                syntax: self.syntax,
                article: &article,
                linked: &linked,
            };
            let mut events = events::extract(&ctx, &sentences, &mut diagnostics);
            events::dates::attach(&mut events, &timexes, &article.text);
            events
        };
        // Entities that events point to but no mention did (a country by metonymy).
        let mut used: HashSet<String> = HashSet::new();
        for e in &events {
            for a in e.source.iter().chain(e.target.iter()) {
                used.extend(a.entity.clone());
            }
            used.extend(e.objects.iter().filter_map(|o| o.entity.clone()));
            used.extend(e.location.as_ref().and_then(|l| l.entity.clone()));
            used.extend(e.attribution.as_ref().and_then(|a| a.entity.clone()));
        }
        let mut used: Vec<String> = used.into_iter().collect();
        used.sort();
        for id in used {
            if linked.entity(&id).is_none() {
                if let Some(e) = self.kb.get(&id) {
                    linked.ensure(e);
                }
            }
        }
        tracing::debug!(
            mentions = linked.mentions.len(),
            events = events.len(),
            "extracted"
        );
        AnalysedArticle {
            article,
            sentences,
            mentions: linked.mentions,
            timexes,
            entities: linked.entities,
            events,
            diagnostics,
        }
    }
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new(Kb::builtin())
    }
}

/// Whether a language tag names English: `en`, or `en-` and a region (`en-GB`), in any case.
fn is_english(tag: &str) -> bool {
    tag.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("en"))
        && matches!(tag.as_bytes().get(2), None | Some(b'-'))
}
