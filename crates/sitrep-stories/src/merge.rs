//! Merging one happening's reports across the articles of a story, and what they disagree on.
//!
//! [`merge_events`] takes every [`Report`] (an event plus the facts of its article) and returns
//! one [`Merged`] per happening: the core [`MergedEvent`] (representative event, evidence,
//! counts) and the [`Disagreement`]s among its reports.
//!
//! Two reports of one story merge when their events are **compatible**; a report joins the
//! first group (in reading order) with every member of which it is compatible, so that a report
//! naming no actor, compatible with anything, does not bridge two that are not:
//!
//! * the same PLOVER type, and modality of the same class: `asserted` and `negated` are one
//!   class (the same claim, confirmed or denied: a disagreement), every other modality is its own;
//! * compatible source and compatible target: the same linked entity; the same name when
//!   unlinked; or a person of sector GOV or MIL and a state actor of the same country (the
//!   country itself, or a GOV/MIL organisation of it: "Biden" acts for "the US"); an actor
//!   missing on one side is compatible with anything;
//! * compatible objects: either side has none, or some object shares an entity id or a content
//!   word;
//! * compatible dates: either side undated, the same value at the coarser precision
//!   (`2022-11` and `2022-11-15`), or days at most [`DATE_SLACK_DAYS`] apart (a date taken from
//!   the publication date is only a proxy; two explicit dates apart are a disagreement).
//!
//! `articles` counts distinct articles; `outlets` counts independent outlets: reports whose
//! article is a near-duplicate copy (`duplicate_of` set) add evidence but no outlet, and a
//! report without an outlet counts its article as one outlet. Which entity is a person and
//! which a state comes from [`ActorFacts`]; without facts a country is recognised by its
//! knowledge-base id (`kb:<iso3>`) and nothing is taken for a person.

use crate::text::content_terms;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_core::{
    short_hash, Actor, Entity, EntityType, Event, Evidence, MergedEvent, Modality, Sector,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Days two event dates may lie apart and still describe one happening.
pub const DATE_SLACK_DAYS: i64 = 3;

/// One article's report of an event, with what merging needs to know about the article.
#[derive(Debug, Clone)]
pub struct Report {
    pub event: Event,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub story: Option<String>,
    /// The canonical article when this report's article is a near-duplicate copy.
    pub duplicate_of: Option<String>,
    /// The text of `event.sentence`.
    pub sentence: String,
}

/// Entity kinds (person, country, organisation) the person-for-government rule needs.
#[derive(Debug, Clone, Default)]
pub struct ActorFacts {
    kinds: HashMap<String, EntityType>,
}

impl ActorFacts {
    /// Facts from entities (a story's `AnalysedArticle::entities`, or the store's).
    pub fn from_entities<'a>(entities: impl IntoIterator<Item = &'a Entity>) -> ActorFacts {
        let mut f = ActorFacts::default();
        for e in entities {
            f.insert(&e.id, e.kind);
        }
        f
    }

    pub fn insert(&mut self, entity: &str, kind: EntityType) {
        self.kinds.insert(entity.to_string(), kind);
    }

    fn kind(&self, a: &Actor) -> Option<EntityType> {
        self.kinds.get(a.entity.as_deref()?).copied()
    }

    fn is_official(&self, a: &Actor) -> bool {
        self.kind(a) == Some(EntityType::Person)
            && matches!(a.sector, Some(Sector::Gov) | Some(Sector::Mil))
            && a.country.is_some()
    }

    /// The country itself (GPE, or the `kb:<iso3>` id), or a GOV/MIL body of a country.
    fn is_state(&self, a: &Actor) -> bool {
        let Some(country) = &a.country else {
            return false;
        };
        let kb_country = a.entity.as_deref() == Some(&format!("kb:{}", country.to_lowercase()));
        match self.kind(a) {
            Some(EntityType::Gpe) => true,
            Some(EntityType::Person) => false,
            Some(_) => kb_country || matches!(a.sector, Some(Sector::Gov) | Some(Sector::Mil)),
            None => kb_country,
        }
    }
}

/// What reports of one merged event disagree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DisagreementField {
    /// Explicit event dates that differ (`2022-11-15` vs `2022-11-16`).
    Date,
    /// Different amounts of the same object (`$1.85 billion` vs `$2 billion`).
    Quantity,
    /// Asserted by some reports, negated by others.
    Modality,
    /// Attributed to different sources.
    Attribution,
}

impl DisagreementField {
    pub fn as_str(&self) -> &'static str {
        match self {
            DisagreementField::Date => "date",
            DisagreementField::Quantity => "quantity",
            DisagreementField::Modality => "modality",
            DisagreementField::Attribution => "attribution",
        }
    }
}

/// Reports of one merged event that conflict on one field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    pub field: DisagreementField,
    /// What the field is about, for quantities: the object (`Patriot`, `money (usd)`).
    pub subject: Option<String>,
    /// Each value as the reports give it, with the ids of the articles that give it (sorted).
    pub values: Vec<(String, Vec<String>)>,
}

/// A merged event and what its reports disagree on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Merged {
    pub merged: MergedEvent,
    pub disagreements: Vec<Disagreement>,
}

fn same_name(a: &Actor, b: &Actor) -> bool {
    let n = |x: &Actor| x.name.trim().to_lowercase();
    !n(a).is_empty() && n(a) == n(b)
}

fn actors_compatible(a: &Option<Actor>, b: &Option<Actor>, facts: &ActorFacts) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    match (&a.entity, &b.entity) {
        (Some(x), Some(y)) if x == y => return true,
        (None, _) | (_, None) if same_name(a, b) => return true,
        _ => {}
    }
    let acts_for = |person: &Actor, state: &Actor| {
        facts.is_official(person) && facts.is_state(state) && person.country == state.country
    };
    acts_for(a, b) || acts_for(b, a)
}

fn objects_compatible(a: &Event, b: &Event) -> bool {
    if a.objects.is_empty() || b.objects.is_empty() {
        return true;
    }
    let words = |e: &Event| -> BTreeSet<String> {
        e.objects
            .iter()
            .flat_map(|o| content_terms(&o.text).collect::<Vec<_>>())
            .collect()
    };
    let ents = |e: &Event| -> BTreeSet<String> {
        e.objects.iter().filter_map(|o| o.entity.clone()).collect()
    };
    if !ents(a).is_disjoint(&ents(b)) {
        return true;
    }
    let (wa, wb) = (words(a), words(b));
    if a.article == b.article {
        // Within one article a second sentence about the same event names the same things or
        // some of them; other things make another event ("has been requesting additional
        // missiles" and, later, "secretly requested Tomahawk missiles").
        return wa.is_subset(&wb) || wb.is_subset(&wa);
    }
    !wa.is_disjoint(&wb)
}

fn day(v: &str) -> Option<NaiveDate> {
    v.get(..10)?.parse().ok()
}

fn dates_compatible(a: &Event, b: &Event) -> bool {
    let value = |e: &Event| e.date.as_ref().and_then(|d| d.value.clone());
    let (Some(x), Some(y)) = (value(a), value(b)) else {
        return true;
    };
    let n = x.len().min(y.len());
    if x.get(..n).is_some() && x.get(..n) == y.get(..n) {
        return true;
    }
    match (day(&x), day(&y)) {
        (Some(p), Some(q)) => (p - q).num_days().abs() <= DATE_SLACK_DAYS,
        _ => false,
    }
}

fn modality_class(m: Modality) -> Modality {
    match m {
        Modality::Negated => Modality::Asserted,
        m => m,
    }
}

fn compatible(a: &Event, b: &Event, facts: &ActorFacts) -> bool {
    a.kind == b.kind
        && modality_class(a.modality) == modality_class(b.modality)
        && actors_compatible(&a.source, &b.source, facts)
        && actors_compatible(&a.target, &b.target, facts)
        && objects_compatible(a, b)
        && dates_compatible(a, b)
}

fn reading_order(a: &Report, b: &Report) -> std::cmp::Ordering {
    (
        a.published.is_none(),
        &a.published,
        &a.event.article,
        a.event.sentence.start,
        &a.event.id,
    )
        .cmp(&(
            b.published.is_none(),
            &b.published,
            &b.event.article,
            b.event.sentence.start,
            &b.event.id,
        ))
}

/// Groups reports into merged events, ordered by date (undated last), then by confidence.
pub fn merge_events(reports: Vec<Report>, facts: &ActorFacts) -> Vec<Merged> {
    let mut by_story: BTreeMap<String, Vec<Report>> = BTreeMap::new();
    for r in reports {
        let key = r
            .story
            .clone()
            .unwrap_or_else(|| format!("article:{}", r.event.article));
        by_story.entry(key).or_default().push(r);
    }
    let mut out = Vec::new();
    for (_, mut rs) in by_story {
        rs.sort_by(reading_order);
        let mut groups: Vec<Vec<Report>> = Vec::new();
        for r in rs {
            // A report joins a group only when it agrees with every member: a report that
            // names no actor agrees with any, and must not bridge two that disagree ("Trump
            // assailed Williams" and "Democrats beat Bevin" through "Republican attacks").
            match groups
                .iter_mut()
                .find(|g| g.iter().all(|m| compatible(&m.event, &r.event, facts)))
            {
                Some(g) => g.push(r),
                None => groups.push(vec![r]),
            }
        }
        out.extend(groups.into_iter().map(merge_group));
    }
    out.sort_by(|a, b| {
        let d = |m: &Merged| m.merged.event.date.as_ref().and_then(|d| d.value.clone());
        let (da, db) = (d(a), d(b));
        (da.is_none(), da)
            .cmp(&(db.is_none(), db))
            .then_with(|| b.merged.confidence.total_cmp(&a.merged.confidence))
            .then_with(|| a.merged.id.cmp(&b.merged.id))
    });
    out
}

fn merge_group(mut group: Vec<Report>) -> Merged {
    let disagreements = disagreements(&group);
    let mut ids: Vec<&str> = group.iter().map(|r| r.event.id.as_str()).collect();
    ids.sort();
    let id = short_hash(&ids);
    let articles = group
        .iter()
        .map(|r| r.event.article.as_str())
        .collect::<BTreeSet<&str>>()
        .len();
    let outlets = group
        .iter()
        .filter(|r| r.duplicate_of.is_none())
        .map(|r| match r.outlet.as_deref().map(str::trim) {
            Some(o) if !o.is_empty() => o.to_lowercase(),
            _ => format!("article:{}", r.event.article),
        })
        .collect::<BTreeSet<String>>()
        .len();
    // Evidence in reading order (the group already is).
    let evidence = group
        .iter()
        .map(|r| Evidence {
            article: r.event.article.clone(),
            event: r.event.id.clone(),
            outlet: r.outlet.clone(),
            published: r.published.clone(),
            sentence: r.sentence.clone(),
            start: r.event.sentence.start,
            end: r.event.sentence.end,
        })
        .collect();
    // The representative report: the most confident, then the earliest in reading order.
    group.sort_by(|a, b| {
        b.event
            .confidence
            .total_cmp(&a.event.confidence)
            .then_with(|| reading_order(a, b))
    });
    let best = group.swap_remove(0);
    Merged {
        merged: MergedEvent {
            id,
            confidence: best.event.confidence,
            story: best.story,
            event: best.event,
            evidence,
            articles,
            outlets: outlets.max(1),
        },
        disagreements,
    }
}

/// Values given by reports, each with its sorted, unique article ids.
fn values_of(pairs: impl IntoIterator<Item = (String, String)>) -> Vec<(String, Vec<String>)> {
    let mut m: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (v, article) in pairs {
        m.entry(v).or_default().insert(article);
    }
    m.into_iter()
        .map(|(v, a)| (v, a.into_iter().collect()))
        .collect()
}

fn disagreements(group: &[Report]) -> Vec<Disagreement> {
    let mut out = Vec::new();
    // Dates: explicit values (not the publication date), ignoring one that is a coarser form
    // of another (`2022-11` beside `2022-11-15`).
    let dates: Vec<(String, String)> = group
        .iter()
        .filter_map(|r| {
            let d = r.event.date.as_ref()?;
            if d.from_published {
                return None;
            }
            Some((d.value.clone()?, r.event.article.clone()))
        })
        .collect();
    let distinct: BTreeSet<&str> = dates.iter().map(|(v, _)| v.as_str()).collect();
    let finest: Vec<&str> = distinct
        .iter()
        .filter(|v| !distinct.iter().any(|w| w != *v && w.starts_with(**v)))
        .copied()
        .collect();
    if finest.len() > 1 {
        out.push(Disagreement {
            field: DisagreementField::Date,
            subject: None,
            values: values_of(dates),
        });
    }
    // Quantities of the same object: by entity, else by kind and unit.
    let mut quantities: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for r in group {
        for o in &r.event.objects {
            let Some(q) = &o.quantity else { continue };
            if !q.value.is_finite() {
                continue;
            }
            let subject = match &o.entity {
                Some(e) => e.clone(),
                None => format!("{} ({})", o.kind.as_str(), q.unit.to_lowercase()),
            };
            let value = format!("{} {}", q.value, q.unit);
            quantities
                .entry(subject)
                .or_default()
                .push((value, r.event.article.clone()));
        }
    }
    for (subject, vs) in quantities {
        let values = values_of(vs);
        if values.len() > 1 {
            out.push(Disagreement {
                field: DisagreementField::Quantity,
                subject: Some(subject),
                values,
            });
        }
    }
    // Asserted against negated.
    let modal: Vec<(String, String)> = group
        .iter()
        .filter(|r| matches!(r.event.modality, Modality::Asserted | Modality::Negated))
        .map(|r| {
            (
                r.event.modality.as_str().to_string(),
                r.event.article.clone(),
            )
        })
        .collect();
    let values = values_of(modal);
    if values.len() > 1 {
        out.push(Disagreement {
            field: DisagreementField::Modality,
            subject: None,
            values,
        });
    }
    // Attributed sources, by name (the canonical name when linked).
    let attributed: Vec<(String, String)> = group
        .iter()
        .filter_map(|r| {
            let a = r.event.attribution.as_ref()?;
            Some((a.name.trim().to_string(), r.event.article.clone()))
        })
        .collect();
    let values = values_of(attributed);
    if values.len() > 1 {
        out.push(Disagreement {
            field: DisagreementField::Attribution,
            subject: None,
            values,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::{
        Attribution, EventDate, EventObject, ObjectKind, PloverType, Quantity, Span,
    };

    fn actor(name: &str, entity: &str, country: &str, sector: Option<Sector>) -> Actor {
        Actor {
            span: Span::default(),
            text: name.into(),
            name: name.into(),
            entity: Some(entity.into()),
            country: Some(country.into()),
            sector,
        }
    }

    fn biden() -> Actor {
        actor("Joe Biden", "kb:joe-biden", "USA", Some(Sector::Gov))
    }
    fn usa() -> Actor {
        actor("United States", "kb:usa", "USA", Some(Sector::Gov))
    }
    fn ukr() -> Actor {
        actor("Ukraine", "kb:ukr", "UKR", Some(Sector::Gov))
    }

    fn facts() -> ActorFacts {
        let mut f = ActorFacts::default();
        f.insert("kb:joe-biden", EntityType::Person);
        f.insert("kb:usa", EntityType::Gpe);
        f.insert("kb:ukr", EntityType::Gpe);
        f
    }

    fn date(v: &str, from_published: bool) -> Option<EventDate> {
        Some(EventDate {
            value: Some(v.into()),
            precision: Some(if v.len() == 10 { "day" } else { "month" }.into()),
            span: None,
            text: None,
            from_published,
            anchor: None,
            rule: None,
            unresolved: None,
        })
    }

    fn money(v: f64) -> EventObject {
        EventObject {
            span: Span::default(),
            text: format!("${v} billion in military aid"),
            entity: None,
            kind: ObjectKind::Money,
            quantity: Some(Quantity {
                value: v,
                unit: "USD".into(),
            }),
        }
    }

    struct R {
        article: &'static str,
        outlet: Option<&'static str>,
        source: Actor,
        date: Option<EventDate>,
        objects: Vec<EventObject>,
        modality: Modality,
        copy_of: Option<&'static str>,
        attribution: Option<&'static str>,
    }

    impl R {
        fn new(article: &'static str, outlet: &'static str, source: Actor) -> R {
            R {
                article,
                outlet: Some(outlet),
                source,
                date: date("2022-12-21", true),
                objects: Vec::new(),
                modality: Modality::Asserted,
                copy_of: None,
                attribution: None,
            }
        }

        fn report(self) -> Report {
            Report {
                event: Event {
                    id: format!("ev-{}", self.article),
                    article: self.article.into(),
                    kind: PloverType::Aid,
                    mode: None,
                    source: Some(self.source),
                    target: Some(ukr()),
                    objects: self.objects,
                    location: None,
                    date: self.date,
                    modality: self.modality,
                    modality_cue: None,
                    attribution: self.attribution.map(|n| Attribution {
                        span: Span::default(),
                        text: n.into(),
                        name: n.into(),
                        entity: None,
                    }),
                    attribution_chain: Vec::new(),
                    cameo: None,
                    trigger: Span::new(0, 4),
                    sentence: Span::new(0, 20),
                    confidence: 0.8,
                },
                outlet: self.outlet.map(str::to_string),
                published: Some("2022-12-21".into()),
                story: Some("s1".into()),
                duplicate_of: self.copy_of.map(str::to_string),
                sentence: "The US sends aid.".into(),
            }
        }
    }

    #[test]
    fn president_and_country_merge_and_copies_add_no_outlet() {
        let rs = vec![
            R::new("a1", "CNN", biden()).report(),
            R::new("a2", "BBC", usa()).report(),
            R {
                copy_of: Some("a2"),
                ..R::new("a3", "Yahoo", usa())
            }
            .report(),
            R {
                outlet: None,
                ..R::new("a4", "", usa())
            }
            .report(),
        ];
        let m = merge_events(rs.clone(), &facts());
        assert_eq!(m.len(), 1, "{m:#?}");
        assert_eq!(m[0].merged.articles, 4);
        assert_eq!(m[0].merged.outlets, 3); // CNN, BBC, and a4 on its own
        assert_eq!(m[0].merged.evidence.len(), 4);
        assert!(m[0].disagreements.is_empty());
        // Without facts Biden is not known to be a person: two events.
        assert_eq!(merge_events(rs, &ActorFacts::default()).len(), 2);
    }

    #[test]
    fn other_country_type_or_far_dates_do_not_merge() {
        let rus = actor("Russia", "kb:rus", "RUS", Some(Sector::Gov));
        let rs = vec![
            R::new("a1", "CNN", biden()).report(),
            R::new("a2", "BBC", rus).report(),
            R {
                date: date("2022-12-01", false),
                ..R::new("a3", "NYT", usa())
            }
            .report(),
        ];
        assert_eq!(merge_events(rs, &facts()).len(), 3);
    }

    #[test]
    fn a_report_without_actors_does_not_bridge_two_that_disagree() {
        let mut vague = R::new("a1", "CNN", usa()).report();
        vague.event.source = None;
        vague.event.target = None;
        let rus = actor("Russia", "kb:rus", "RUS", Some(Sector::Gov));
        let rs = vec![
            vague,
            R::new("a2", "BBC", biden()).report(),
            R::new("a3", "NYT", rus).report(),
        ];
        let m = merge_events(rs, &facts());
        assert_eq!(m.len(), 2, "{m:#?}");
        let sizes: Vec<usize> = m.iter().map(|x| x.merged.evidence.len()).collect();
        assert!(sizes.contains(&2) && sizes.contains(&1), "{sizes:?}");
    }

    #[test]
    fn one_article_names_other_things_for_another_event() {
        let weapon = |t: &str| EventObject {
            span: Span::default(),
            text: t.into(),
            entity: None,
            kind: ObjectKind::Weapon,
            quantity: None,
        };
        let report = |article: &'static str, outlet: &'static str, id: &str, what: &str| {
            let mut r = R {
                objects: vec![weapon(what)],
                ..R::new(article, outlet, usa())
            }
            .report();
            r.event.id = id.into();
            r
        };
        // Two sentences of one article: more missiles asked for, and Tomahawks.
        let same = vec![
            report("a1", "RT", "e1", "additional missiles"),
            report("a1", "RT", "e2", "Tomahawk missiles"),
        ];
        assert_eq!(merge_events(same, &facts()).len(), 2);
        // Two outlets telling one request, one more precisely than the other.
        let two = vec![
            report("a1", "RT", "e1", "long-range missiles"),
            report("a2", "NYT", "e2", "Tomahawk missiles"),
        ];
        assert_eq!(merge_events(two, &facts()).len(), 1);
        // One article repeating what it said, with fewer words.
        let again = vec![
            report("a1", "RT", "e1", "Tomahawk missiles"),
            report("a1", "RT", "e2", "missiles"),
        ];
        assert_eq!(merge_events(again, &facts()).len(), 1);
    }

    #[test]
    fn conflicts_are_reported() {
        let rs = vec![
            R {
                objects: vec![money(1.85)],
                date: date("2022-12-21", false),
                attribution: Some("Pentagon"),
                ..R::new("a1", "CNN", usa())
            }
            .report(),
            R {
                objects: vec![money(2.0)],
                date: date("2022-12-22", false),
                modality: Modality::Negated,
                attribution: Some("Kremlin"),
                ..R::new("a2", "BBC", usa())
            }
            .report(),
            R {
                objects: vec![money(1.85)],
                date: date("2022-12", false),
                ..R::new("a3", "WSJ", usa())
            }
            .report(),
        ];
        let m = merge_events(rs, &facts());
        assert_eq!(m.len(), 1, "{m:#?}");
        let fields: Vec<DisagreementField> = m[0].disagreements.iter().map(|d| d.field).collect();
        assert_eq!(
            fields,
            [
                DisagreementField::Date,
                DisagreementField::Quantity,
                DisagreementField::Modality,
                DisagreementField::Attribution
            ]
        );
        let q = &m[0].disagreements[1];
        assert_eq!(q.subject.as_deref(), Some("money (usd)"));
        assert_eq!(
            q.values,
            [
                (
                    "1.85 USD".to_string(),
                    vec!["a1".to_string(), "a3".to_string()]
                ),
                ("2 USD".to_string(), vec!["a2".to_string()])
            ]
        );
    }

    #[test]
    fn empty_input_and_dateless_events_do_not_panic() {
        assert!(merge_events(Vec::new(), &facts()).is_empty());
        let r = R {
            date: None,
            ..R::new("a1", "CNN", usa())
        }
        .report();
        assert_eq!(merge_events(vec![r], &facts()).len(), 1);
    }
}
