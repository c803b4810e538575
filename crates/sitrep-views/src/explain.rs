//! `sitrep events --explain ID`: one event's sentence with its trigger, arguments, time and cues
//! marked, and every field with the words it came from.
//!
//! Marks are inserted at the byte offsets the event records (sentence-relative after
//! subtracting the sentence start), so what is shown is exactly what the extractor pointed at.

use crate::{actor_label, date_label, merged_events, ViewError};
use sitrep_core::{Event, Span};
use sitrep_store::{EventFilter, Store};
use std::fmt::Write;

/// The spans of an event worth marking, with their labels.
fn marks(e: &Event) -> Vec<(Span, &'static str)> {
    let mut v = vec![(e.trigger, "TRIGGER")];
    if let Some(a) = &e.source {
        v.push((a.span, "SOURCE"));
    }
    if let Some(a) = &e.target {
        v.push((a.span, "TARGET"));
    }
    for o in &e.objects {
        v.push((o.span, "OBJECT"));
    }
    if let Some(l) = &e.location {
        v.push((l.span, "LOCATION"));
    }
    if let Some(s) = e.date.as_ref().and_then(|d| d.span) {
        v.push((s, "TIME"));
    }
    if let Some(c) = e.modality_cue {
        v.push((c, "MODALITY"));
    }
    if let Some(a) = &e.attribution {
        v.push((a.span, "ATTRIBUTION"));
    }
    v
}

/// `sentence` with `[LABEL words]` around every marked span that lies inside it.
fn marked(sentence: &str, start: usize, e: &Event) -> String {
    // (position, order, text): closings before openings at the same position, outer spans
    // opened first and closed last.
    let mut inserts: Vec<(usize, u8, usize, String)> = Vec::new();
    for (span, label) in marks(e) {
        if span.start < start || span.end > start + sentence.len() || span.is_empty() {
            continue;
        }
        let (s, t) = (span.start - start, span.end - start);
        if !sentence.is_char_boundary(s) || !sentence.is_char_boundary(t) {
            continue;
        }
        inserts.push((s, 1, usize::MAX - span.len(), format!("[{label} ")));
        inserts.push((t, 0, span.len(), "]".to_string()));
    }
    inserts.sort();
    let mut out = String::with_capacity(sentence.len() + inserts.len() * 10);
    let mut at = 0;
    for (pos, _, _, text) in inserts {
        out.push_str(&sentence[at..pos]);
        out.push_str(&text);
        at = pos;
    }
    out.push_str(&sentence[at..]);
    out
}

/// The explanation of the merged event (or single event) whose id starts with `id`; `None` when
/// no event matches.
pub fn explain(store: &Store, id: &str) -> Result<Option<String>, ViewError> {
    let merged = merged_events(store, &EventFilter::default())?;
    let Some(m) = merged.iter().find(|m| {
        m.merged.id.starts_with(id) || m.merged.evidence.iter().any(|v| v.event.starts_with(id))
    }) else {
        return Ok(None);
    };
    let stored = store.events(&EventFilter {
        story: m.merged.story.clone(),
        ..Default::default()
    })?;
    let mut out = String::new();
    let e = &m.merged.event;
    let _ = writeln!(
        out,
        "event {} · {}{} · {} · confidence {:.2} · {} article(s), {} outlet(s)\n",
        m.merged.id,
        e.kind.as_str(),
        e.mode
            .as_ref()
            .map(|m| format!(" ({m})"))
            .unwrap_or_default(),
        e.modality.as_str(),
        m.merged.confidence,
        m.merged.articles,
        m.merged.outlets
    );
    for ev in &m.merged.evidence {
        let Some(s) = stored.iter().find(|s| s.event.id == ev.event) else {
            continue;
        };
        let e = &s.event;
        let _ = writeln!(
            out,
            "report {} in article {} ({}, {}), sentence {}..{}:",
            e.id,
            e.article,
            s.outlet.as_deref().unwrap_or("unknown outlet"),
            s.published.as_deref().unwrap_or("undated"),
            e.sentence.start,
            e.sentence.end
        );
        let _ = writeln!(out, "  {}\n", marked(&s.sentence, e.sentence.start, e));
        let words = |span: Span| -> String {
            span.start
                .checked_sub(e.sentence.start)
                .and_then(|a| s.sentence.get(a..a + span.len()))
                .unwrap_or("")
                .to_string()
        };
        let mut field = |name: &str, value: String| {
            let _ = writeln!(out, "  {name:<12} {value}");
        };
        field(
            "trigger",
            format!(
                "\"{}\" {}..{}",
                words(e.trigger),
                e.trigger.start,
                e.trigger.end
            ),
        );
        field("source", actor_label(&e.source));
        field("target", actor_label(&e.target));
        for o in &e.objects {
            let q = o
                .quantity
                .as_ref()
                .map(|q| format!(", quantity {} {}", q.value, q.unit))
                .unwrap_or_default();
            field(
                "object",
                format!(
                    "\"{}\" ({}{q}){}",
                    o.text,
                    o.kind.as_str(),
                    entity(&o.entity)
                ),
            );
        }
        if let Some(l) = &e.location {
            field(
                "location",
                format!("\"{}\" → {}{}", l.text, l.name, entity(&l.entity)),
            );
        }
        let mut date = date_label(e);
        if let Some(d) = &e.date {
            if let Some(a) = &d.anchor {
                let _ = write!(date, ", anchored on {a}");
            }
            if let Some(r) = &d.rule {
                let _ = write!(date, ", rule {r}");
            }
            if let Some(u) = &d.unresolved {
                let _ = write!(date, ", unresolved: {u}");
            }
        }
        field("date", date);
        field(
            "modality",
            match e.modality_cue {
                Some(c) => format!("{} (cue \"{}\")", e.modality.as_str(), words(c)),
                None => e.modality.as_str().to_string(),
            },
        );
        if let Some(a) = &e.attribution {
            field(
                "attribution",
                format!("\"{}\" → {}{}", a.text, a.name, entity(&a.entity)),
            );
        }
        field("confidence", format!("{:.2}", e.confidence));
        out.push('\n');
    }
    Ok(Some(out))
}

fn entity(id: &Option<String>) -> String {
    id.as_ref().map(|i| format!(" [{i}]")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::{Modality, PloverType};

    #[test]
    fn marks_nest_and_never_split_characters() {
        let sentence = "Kyiv’s army asked Berlin for tanks.";
        let ev = Event {
            id: "e".into(),
            article: "a".into(),
            kind: PloverType::Request,
            mode: None,
            source: None,
            target: None,
            objects: vec![],
            location: None,
            date: None,
            modality: Modality::Asserted,
            // The sentence starts at byte 91; "’" is 3 bytes: "army" is 100..104.
            modality_cue: Some(Span::new(100, 104)),
            attribution: Some(Span::new(91, 104)).map(|span| sitrep_core::Attribution {
                span,
                text: String::new(),
                name: String::new(),
                entity: None,
            }),
            attribution_chain: Vec::new(),
            cameo: None,
            trigger: Span::new(105, 110),
            sentence: Span::new(91, 91 + sentence.len()),
            confidence: 0.5,
        };
        let m = marked(sentence, 91, &ev);
        assert_eq!(
            m,
            "[ATTRIBUTION Kyiv’s [MODALITY army]] [TRIGGER asked] Berlin for tanks."
        );
    }
}
