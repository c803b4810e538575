//! Mentions, entities, events, stories: the layers analysis adds to an article.

use crate::{Article, EntityType, Modality, PloverType, Sector, Span, TimexType};
use serde::{Deserialize, Serialize};

/// A name in the text, typed, and linked to an [`Entity`] when the linker knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityType,
    /// Id of the linked entity.
    pub entity: Option<String>,
}

/// A knowledge-base entry, or an entity the text itself introduced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id: `kb:<slug>` for knowledge-base entries, `txt:<hash>` for ones found in text.
    pub id: String,
    pub name: String,
    pub kind: EntityType,
    pub aliases: Vec<String>,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    pub sector: Option<Sector>,
    /// Where `country` and `sector` came from when the text gave them (titles, appositives);
    /// empty for knowledge-base entries, whose source is the knowledge base.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<AttrEvidence>,
}

/// The words that gave an entity one of its attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttrEvidence {
    /// `country` or `sector`.
    pub attribute: String,
    /// The value given (`EST`, `GOV`).
    pub value: String,
    /// `title` (words before the name: "Estonian Defense Minister"), `appositive` (after it:
    /// ", a spokesman for Milley,").
    pub how: String,
    /// The article the words are in, and their span in its clean text.
    pub article: String,
    pub span: Span,
    pub text: String,
}

/// A participant of an event, as the text names it and as the linker resolved it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub span: Span,
    /// The words of the text (`"the US"`).
    pub text: String,
    /// Canonical name (`"United States"`), the text itself when unlinked.
    pub name: String,
    pub entity: Option<String>,
    pub country: Option<String>,
    pub sector: Option<Sector>,
}

/// What an object of an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ObjectKind {
    Weapon,
    Troops,
    Money,
    Permission,
    Equipment,
    Training,
    Other,
}

impl ObjectKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ObjectKind::Weapon => "weapon",
            ObjectKind::Troops => "troops",
            ObjectKind::Money => "money",
            ObjectKind::Permission => "permission",
            ObjectKind::Equipment => "equipment",
            ObjectKind::Training => "training",
            ObjectKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> ObjectKind {
        match s {
            "weapon" => ObjectKind::Weapon,
            "troops" => ObjectKind::Troops,
            "money" => ObjectKind::Money,
            "permission" => ObjectKind::Permission,
            "equipment" => ObjectKind::Equipment,
            "training" => ObjectKind::Training,
            _ => ObjectKind::Other,
        }
    }
}

/// An amount: `300 tanks` is `{value: 300, unit: "tanks"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: f64,
    pub unit: String,
}

/// The thing asked for, given, refused or threatened (PLOVER has no slot for it; we do).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventObject {
    pub span: Span,
    pub text: String,
    pub entity: Option<String>,
    pub kind: ObjectKind,
    pub quantity: Option<Quantity>,
}

/// Where an event took place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub span: Span,
    pub text: String,
    pub name: String,
    pub entity: Option<String>,
}

/// When an event took place, as a TIMEX3 value, and how that value was obtained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    /// `2023-01-17`, `2024-10`, `2024`; `None` when the governing time expression could not be
    /// resolved (see `unresolved`).
    pub value: Option<String>,
    /// `day`, `week`, `month`, `quarter`, `season`, `year`, `decade` or `time`.
    pub precision: Option<String>,
    /// The time expression it came from; `None` when taken from the publication date.
    pub span: Option<Span>,
    pub text: Option<String>,
    /// True when the value is the article's publication date, not a time expression.
    pub from_published: bool,
    /// The date a relative expression was resolved against (`YYYY-MM-DD`).
    #[serde(default)]
    pub anchor: Option<String>,
    /// The normalisation rule that produced the value.
    #[serde(default)]
    pub rule: Option<String>,
    /// Why the expression has no value (e.g. no publication date to anchor "on Tuesday").
    #[serde(default)]
    pub unresolved: Option<String>,
}

/// A time expression found in the text, with its normalised TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    pub span: Span,
    pub kind: TimexType,
    /// TIMEX3 value (`2023-01-17`, `P2D`, `PAST_REF`); `None` when unresolved.
    pub value: Option<String>,
    /// The date a relative expression was resolved against (`YYYY-MM-DD`).
    pub anchor: Option<String>,
    /// The rule that found and normalised it.
    pub rule: String,
    /// Why there is no value, when there is none.
    pub unresolved: Option<String>,
}

/// Who a claim is attributed to ("according to the Wall Street Journal").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub span: Span,
    pub text: String,
    /// The source's name ("Wall Street Journal").
    pub name: String,
    pub entity: Option<String>,
}

/// One event as one article states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Derived from article id and trigger span: stable across runs.
    pub id: String,
    pub article: String,
    pub kind: PloverType,
    /// PLOVER mode (`visit`, `assist`, ...), when one applies.
    pub mode: Option<String>,
    pub source: Option<Actor>,
    pub target: Option<Actor>,
    pub objects: Vec<EventObject>,
    pub location: Option<Location>,
    pub date: Option<EventDate>,
    pub modality: Modality,
    /// The words that set the modality ("plans to", "if", "did not").
    pub modality_cue: Option<Span>,
    pub attribution: Option<Attribution>,
    /// The whole chain of attribution, outermost first: "RT, citing the WSJ, citing two US
    /// officials" is `[RT, WSJ, two US officials]`; `attribution` is its first link. Empty when
    /// the text names no source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attribution_chain: Vec<Attribution>,
    /// The CAMEO event code (`"0231"`: appeal for military aid), beside the PLOVER type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    pub trigger: Span,
    pub sentence: Span,
    /// 0..1.
    pub confidence: f32,
}

/// Something analysis noticed but did not fail on (messy text is data, not failure).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub stage: String,
    pub message: String,
}

/// An article with every layer the analysis stages added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalysedArticle {
    pub article: Article,
    /// Sentence spans, in order, covering the body.
    pub sentences: Vec<Span>,
    pub mentions: Vec<Mention>,
    /// Time expressions, in text order.
    #[serde(default)]
    pub timexes: Vec<Timex>,
    /// The entities `mentions` and `events` link to.
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Articles that report the same happenings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub title: String,
    pub articles: Vec<String>,
    /// Earliest and latest publication (or ingest) date of its articles, `YYYY-MM-DD`.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

/// One article's report of a merged event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub article: String,
    pub event: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub sentence: String,
    pub start: usize,
    pub end: usize,
}

/// One happening, as one or more articles report it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergedEvent {
    pub id: String,
    /// The representative report (highest confidence).
    pub event: Event,
    pub evidence: Vec<Evidence>,
    /// Number of articles that report it.
    pub articles: usize,
    /// Number of independent outlets (syndicated copies count once).
    pub outlets: usize,
    pub story: Option<String>,
    pub confidence: f32,
}

impl AnalysedArticle {
    /// An article with no analysis layers yet.
    pub fn bare(article: Article) -> AnalysedArticle {
        AnalysedArticle {
            article,
            sentences: Vec::new(),
            mentions: Vec::new(),
            timexes: Vec::new(),
            entities: Vec::new(),
            events: Vec::new(),
            diagnostics: Vec::new(),
        }
    }
}
