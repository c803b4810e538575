//! Event dates: each event takes the time expression that governs it, else the publication date.
//!
//! The time expressions come from `sitrep-time`, already resolved against the publication date
//! (or left unresolved when there is none and the text gives no anchor). Until the parser lands,
//! the governing expression is found by position: among the DATE and TIME expressions of the
//! event's sentence, the one nearest its trigger, ties going to the one after the trigger
//! ("met ... on Tuesday"). References without a calendar value (`PRESENT_REF` "now",
//! `PAST_REF` "recently") and durations or sets ("for several months", "weekly") do not date an
//! event: it keeps the publication date, marked as such.
//!
//! An expression that could not be resolved still governs: the event's date then has no value,
//! says why in `unresolved`, and keeps the words it came from. A date is never invented.

use sitrep_core::{Event, EventDate, Timex, TimexType};

/// Whether a time expression can date an event.
fn can_date(t: &Timex) -> bool {
    matches!(t.kind, TimexType::Date | TimexType::Time)
        && match &t.value {
            Some(v) => v.as_bytes().first().is_some_and(|b| b.is_ascii_digit()),
            None => true,
        }
}

/// Byte distance from a trigger to an expression, and whether the expression comes first.
fn distance(e: &Event, t: &Timex) -> (usize, bool) {
    if t.span.start >= e.trigger.end {
        (t.span.start - e.trigger.end, false)
    } else if t.span.end <= e.trigger.start {
        (e.trigger.start - t.span.end, true)
    } else {
        (0, false)
    }
}

/// Replaces each event's date by its governing time expression, where its sentence has one.
pub(crate) fn attach(events: &mut [Event], timexes: &[Timex], text: &str) {
    for e in events.iter_mut() {
        let best = timexes
            .iter()
            .filter(|t| e.sentence.contains(t.span) && can_date(t))
            .min_by_key(|t| distance(e, t));
        let Some(mut t) = best else { continue };
        // A coordinated range ("on Thursday and Friday", "from May 3 to May 5") is dated by
        // its start.
        while let Some(prev) = timexes.iter().find(|p| {
            p.span.end <= t.span.start
                && e.sentence.contains(p.span)
                && can_date(p)
                && is_range_joint(text.get(p.span.end..t.span.start).unwrap_or("x"))
        }) {
            t = prev;
        }
        e.date = Some(EventDate {
            value: t.value.clone(),
            precision: t.value.as_deref().and_then(precision),
            span: Some(t.span),
            text: Some(t.span.slice(text).to_string()),
            from_published: false,
            anchor: t.anchor.clone(),
            rule: Some(t.rule.clone()),
            unresolved: t.unresolved.clone(),
        });
    }
}

/// Whether the words between two time expressions join them into a range or a list.
fn is_range_joint(between: &str) -> bool {
    matches!(
        between.trim().to_ascii_lowercase().as_str(),
        "and" | "or" | "to" | "-" | "–" | "through" | "until" | "," | "and on" | "to the"
    )
}

/// The granularity of a calendar value (`2023-01-17` day, `2023-W03` week, `2022-12` month...).
fn precision(v: &str) -> Option<String> {
    sitrep_time::precision_of(v).map(str::to_string)
}

/// The core form of `sitrep-time`'s expressions.
pub(crate) fn from_tagger(ts: Vec<sitrep_time::Timex>) -> Vec<Timex> {
    ts.into_iter()
        .filter_map(|t| {
            Some(Timex {
                span: t.span,
                kind: t.kind.as_str().parse::<TimexType>().ok()?,
                value: t.value,
                anchor: t.anchor,
                rule: t.rule.to_string(),
                unresolved: t.unresolved_reason.map(str::to_string),
            })
        })
        .collect()
}
