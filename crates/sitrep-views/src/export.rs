//! The stable export formats (DESIGN.md section 3).
//!
//! Scripts and tests outside the code read these, so the field names and shapes here change
//! only with a version note. Each record type is this module's own (`*Out`), mapped from the
//! core model, so that the core can evolve freely.

use crate::{merged_events, ViewError};
use serde::Serialize;
use sitrep_core::Actor;
use sitrep_store::{EventFilter, Store};
use sitrep_stories::Merged;
use std::io::Write;

/// Output format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
}

#[derive(Debug, Serialize)]
pub struct ActorOut {
    pub name: String,
    pub entity: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct QuantityOut {
    pub value: f64,
    pub unit: String,
}

#[derive(Debug, Serialize)]
pub struct ObjectOut {
    pub text: String,
    pub entity: Option<String>,
    pub kind: String,
    pub quantity: Option<QuantityOut>,
}

#[derive(Debug, Serialize)]
pub struct LocationOut {
    pub name: String,
    pub entity: Option<String>,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize)]
pub struct DateOut {
    /// TIMEX3 value; `null` when the time expression could not be resolved.
    pub value: Option<String>,
    pub precision: Option<String>,
    pub text: Option<String>,
    /// `"text"` when read from a time expression, `"published"` when it is the publication date.
    pub from: &'static str,
    /// The date a relative expression was resolved against.
    pub anchor: Option<String>,
    /// The rule that produced the value.
    pub rule: Option<String>,
    /// Why there is no value, when there is none.
    pub unresolved: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AttributionOut {
    pub text: String,
    pub name: String,
    pub entity: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct EvidenceOut {
    pub article: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub sentence: String,
    pub start: usize,
    pub end: usize,
}

/// One merged event: a line of `sitrep export events --format jsonl`.
#[derive(Debug, Serialize)]
pub struct EventOut {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub modality: String,
    pub source: Option<ActorOut>,
    pub target: Option<ActorOut>,
    pub object: Vec<ObjectOut>,
    pub location: Option<LocationOut>,
    pub date: Option<DateOut>,
    pub attribution: Option<AttributionOut>,
    pub evidence: Vec<EvidenceOut>,
    pub articles: usize,
    pub outlets: usize,
    pub story: Option<String>,
    pub confidence: f32,
    /// Where the reports of this event conflict (empty when they agree).
    pub disagreements: Vec<DisagreementOut>,
}

/// A field on which an event's reports conflict, with each value and who gives it.
#[derive(Debug, Serialize)]
pub struct DisagreementOut {
    /// `date`, `quantity`, `modality` or `attribution`.
    pub field: String,
    pub subject: Option<String>,
    pub values: Vec<DisagreementValue>,
}

#[derive(Debug, Serialize)]
pub struct DisagreementValue {
    pub value: String,
    pub articles: Vec<String>,
}

fn actor(a: &Option<Actor>) -> Option<ActorOut> {
    a.as_ref().map(|a| ActorOut {
        name: a.name.clone(),
        entity: a.entity.clone(),
        country: a.country.clone(),
        sector: a.sector.map(|s| s.as_str().to_string()),
        text: a.text.clone(),
    })
}

impl From<&Merged> for EventOut {
    fn from(merged: &Merged) -> EventOut {
        let m = &merged.merged;
        let e = &m.event;
        EventOut {
            id: m.id.clone(),
            kind: e.kind.as_str().to_string(),
            mode: e.mode.clone(),
            modality: e.modality.as_str().to_string(),
            source: actor(&e.source),
            target: actor(&e.target),
            object: e
                .objects
                .iter()
                .map(|o| ObjectOut {
                    text: o.text.clone(),
                    entity: o.entity.clone(),
                    kind: o.kind.as_str().to_string(),
                    quantity: o.quantity.as_ref().map(|q| QuantityOut {
                        value: q.value,
                        unit: q.unit.clone(),
                    }),
                })
                .collect(),
            location: e.location.as_ref().map(|l| LocationOut {
                name: l.name.clone(),
                entity: l.entity.clone(),
                text: l.text.clone(),
                start: l.span.start,
                end: l.span.end,
            }),
            date: e.date.as_ref().map(|d| DateOut {
                value: d.value.clone(),
                precision: d.precision.clone(),
                text: d.text.clone(),
                from: if d.from_published {
                    "published"
                } else {
                    "text"
                },
                anchor: d.anchor.clone(),
                rule: d.rule.clone(),
                unresolved: d.unresolved.clone(),
            }),
            attribution: e.attribution.as_ref().map(|a| AttributionOut {
                text: a.text.clone(),
                name: a.name.clone(),
                entity: a.entity.clone(),
            }),
            evidence: m
                .evidence
                .iter()
                .map(|v| EvidenceOut {
                    article: v.article.clone(),
                    outlet: v.outlet.clone(),
                    published: v.published.clone(),
                    sentence: v.sentence.clone(),
                    start: v.start,
                    end: v.end,
                })
                .collect(),
            articles: m.articles,
            outlets: m.outlets,
            story: m.story.clone(),
            confidence: (m.confidence * 1000.0).round() / 1000.0,
            disagreements: merged
                .disagreements
                .iter()
                .map(|d| DisagreementOut {
                    field: format!("{:?}", d.field).to_lowercase(),
                    subject: d.subject.clone(),
                    values: d
                        .values
                        .iter()
                        .map(|(v, a)| DisagreementValue {
                            value: v.clone(),
                            articles: a.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

fn jsonl<T: Serialize>(
    w: &mut dyn Write,
    items: impl IntoIterator<Item = T>,
) -> Result<(), ViewError> {
    for it in items {
        serde_json::to_writer(&mut *w, &it).map_err(std::io::Error::from)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// A record that also has a flat form: one CSV row under a fixed header.
trait Flat: Serialize {
    fn header() -> &'static [&'static str];
    fn row(self) -> Vec<String>;
}

/// Writes `items` as JSONL, or as CSV with a header row.
fn write_records<T: Flat>(
    format: Format,
    w: &mut dyn Write,
    items: Vec<T>,
) -> Result<(), ViewError> {
    match format {
        Format::Jsonl => jsonl(w, items),
        Format::Csv => {
            let mut c = csv::Writer::from_writer(w);
            c.write_record(T::header())?;
            for it in items {
                c.write_record(it.row())?;
            }
            c.flush()?;
            Ok(())
        }
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// `sitrep export events`: merged events matching `filter`.
pub fn events(
    store: &Store,
    filter: &EventFilter,
    format: Format,
    w: &mut dyn Write,
) -> Result<(), ViewError> {
    let merged = merged_events(store, filter)?;
    let outs: Vec<EventOut> = merged.iter().map(EventOut::from).collect();
    write_records(format, w, outs)?;
    Ok(())
}

#[derive(Debug, Serialize)]
pub struct SourceOut {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
}

/// One article: a line of `sitrep export articles`.
#[derive(Debug, Serialize)]
pub struct ArticleOut {
    pub id: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub byline: Option<String>,
    pub language: Option<String>,
    pub source: SourceOut,
    pub duplicate_of: Option<String>,
    pub story: Option<String>,
    pub text: String,
}

/// `sitrep export articles`.
pub fn articles(store: &Store, format: Format, w: &mut dyn Write) -> Result<(), ViewError> {
    let outs: Vec<ArticleOut> = store
        .articles()?
        .into_iter()
        .map(|r| ArticleOut {
            id: r.article.id,
            url: r.article.url,
            outlet: r.article.outlet,
            title: r.article.title,
            published: r.article.published.map(|p| p.date.to_string()),
            byline: r.article.byline,
            language: r.article.language,
            source: SourceOut {
                path: r.article.source.path,
                line: r.article.source.line,
                offset: r.article.source.offset,
            },
            duplicate_of: r.duplicate_of,
            story: r.story,
            text: r.article.text,
        })
        .collect();
    write_records(format, w, outs)?;
    Ok(())
}

/// One story: a line of `sitrep export stories`.
#[derive(Debug, Serialize)]
pub struct StoryOut {
    pub id: String,
    pub title: String,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub articles: Vec<String>,
    pub events: Vec<String>,
}

/// `sitrep export stories`.
pub fn stories(store: &Store, format: Format, w: &mut dyn Write) -> Result<(), ViewError> {
    let merged = merged_events(store, &EventFilter::default())?;
    let outs: Vec<StoryOut> = store
        .stories()?
        .into_iter()
        .map(|s| StoryOut {
            events: merged
                .iter()
                .filter(|m| m.merged.story.as_deref() == Some(s.id.as_str()))
                .map(|m| m.merged.id.clone())
                .collect(),
            id: s.id,
            title: s.title,
            first_seen: s.first_seen,
            last_seen: s.last_seen,
            articles: s.articles,
        })
        .collect();
    write_records(format, w, outs)?;
    Ok(())
}

/// One entity: a line of `sitrep export entities`.
#[derive(Debug, Serialize)]
pub struct EntityOut {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub aliases: Vec<String>,
    pub mentions: u64,
    pub articles: u64,
}

/// `sitrep export entities`: the entities stored articles mention.
pub fn entities(store: &Store, format: Format, w: &mut dyn Write) -> Result<(), ViewError> {
    let outs: Vec<EntityOut> = store
        .entities()?
        .into_iter()
        .map(|(e, mentions, articles)| EntityOut {
            id: e.id,
            name: e.name,
            kind: e.kind.as_str().to_string(),
            country: e.country,
            sector: e.sector.map(|s| s.as_str().to_string()),
            aliases: e.aliases,
            mentions,
            articles,
        })
        .collect();
    write_records(format, w, outs)?;
    Ok(())
}

impl Flat for EventOut {
    fn header() -> &'static [&'static str] {
        &[
            "id",
            "type",
            "mode",
            "modality",
            "source",
            "source_entity",
            "source_country",
            "source_sector",
            "source_text",
            "target",
            "target_entity",
            "target_country",
            "target_sector",
            "target_text",
            "object",
            "location",
            "date",
            "date_precision",
            "date_from",
            "attribution",
            "articles",
            "outlets",
            "story",
            "confidence",
            "article",
            "outlet",
            "published",
            "sentence",
            "start",
            "end",
        ]
    }

    fn row(self) -> Vec<String> {
        let e = self;
        let a = |x: &Option<ActorOut>, f: fn(&ActorOut) -> Option<String>| {
            x.as_ref().and_then(f).unwrap_or_default()
        };
        let first = e.evidence.first();
        vec![
            e.id.clone(),
            e.kind.clone(),
            opt(&e.mode),
            e.modality.clone(),
            a(&e.source, |x| Some(x.name.clone())),
            a(&e.source, |x| x.entity.clone()),
            a(&e.source, |x| x.country.clone()),
            a(&e.source, |x| x.sector.clone()),
            a(&e.source, |x| Some(x.text.clone())),
            a(&e.target, |x| Some(x.name.clone())),
            a(&e.target, |x| x.entity.clone()),
            a(&e.target, |x| x.country.clone()),
            a(&e.target, |x| x.sector.clone()),
            a(&e.target, |x| Some(x.text.clone())),
            e.object
                .iter()
                .map(|o| o.text.clone())
                .collect::<Vec<_>>()
                .join("; "),
            e.location
                .as_ref()
                .map(|l| l.name.clone())
                .unwrap_or_default(),
            e.date
                .as_ref()
                .and_then(|d| d.value.clone())
                .unwrap_or_default(),
            e.date
                .as_ref()
                .and_then(|d| d.precision.clone())
                .unwrap_or_default(),
            e.date
                .as_ref()
                .map(|d| d.from.to_string())
                .unwrap_or_default(),
            e.attribution
                .as_ref()
                .map(|x| x.name.clone())
                .unwrap_or_default(),
            e.articles.to_string(),
            e.outlets.to_string(),
            opt(&e.story),
            e.confidence.to_string(),
            first.map(|f| f.article.clone()).unwrap_or_default(),
            first.map(|f| opt(&f.outlet)).unwrap_or_default(),
            first.map(|f| opt(&f.published)).unwrap_or_default(),
            first.map(|f| f.sentence.clone()).unwrap_or_default(),
            first.map(|f| f.start.to_string()).unwrap_or_default(),
            first.map(|f| f.end.to_string()).unwrap_or_default(),
        ]
    }
}

impl Flat for ArticleOut {
    fn header() -> &'static [&'static str] {
        &[
            "id",
            "url",
            "outlet",
            "title",
            "published",
            "byline",
            "language",
            "source",
            "line",
            "offset",
            "duplicate_of",
            "story",
            "text",
        ]
    }

    fn row(self) -> Vec<String> {
        let a = self;
        vec![
            a.id,
            opt(&a.url),
            opt(&a.outlet),
            opt(&a.title),
            opt(&a.published),
            opt(&a.byline),
            opt(&a.language),
            a.source.path,
            a.source.line.map(|l| l.to_string()).unwrap_or_default(),
            a.source.offset.map(|l| l.to_string()).unwrap_or_default(),
            opt(&a.duplicate_of),
            opt(&a.story),
            a.text,
        ]
    }
}

impl Flat for StoryOut {
    fn header() -> &'static [&'static str] {
        &[
            "id",
            "title",
            "first_seen",
            "last_seen",
            "articles",
            "events",
        ]
    }

    fn row(self) -> Vec<String> {
        let s = self;
        vec![
            s.id,
            s.title,
            opt(&s.first_seen),
            opt(&s.last_seen),
            s.articles.join(" "),
            s.events.join(" "),
        ]
    }
}

impl Flat for EntityOut {
    fn header() -> &'static [&'static str] {
        &[
            "id", "name", "type", "country", "sector", "aliases", "mentions", "articles",
        ]
    }

    fn row(self) -> Vec<String> {
        let e = self;
        vec![
            e.id,
            e.name,
            e.kind,
            opt(&e.country),
            opt(&e.sector),
            e.aliases.join("|"),
            e.mentions.to_string(),
            e.articles.to_string(),
        ]
    }
}
