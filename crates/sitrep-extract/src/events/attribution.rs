//! Attribution: who the text says a claim comes from.
//!
//! Patterns, strongest first:
//! 1. "according to (the) X", "as reported by (the) X", "reported by X";
//! 2. "X quoted Y as saying" (the source is X: "Dutch news agency ANP quoted Prime Minister Mark
//!    Rutte as saying");
//! 3. a reporting verb with its speaker: "X said/told/reported/stated/claimed/...", before the
//!    trigger ("Zaluzhnyi said Ukraine needed ...") or closing the sentence ("..., Butler said.");
//!    a media name up to five words before the verb counts too ("a CNN report ... indicated").
//!
//! The source's name is resolved through the sentence's mentions ("the WSJ" -> Wall Street Journal
//! and its entity id); otherwise the phrase itself is the name ("officials").
//!
//! **Chains.** Each attribution keeps the sources it cites: "as reported by the WSJ, citing two US
//! officials and a Ukrainian government adviser" is the chain [WSJ, two US officials and a
//! Ukrainian government adviser]; "RT, citing the WSJ, citing two US officials" starts at RT (a
//! media name before ", citing"). "X quoted Y as saying" is [X, Y]. The event layer puts the
//! article's outlet in front when the text names other sources, and attributes the sentences of a
//! quotation to its speaker (see `super` for quotes across sentences).

use super::arguments::Cand;
use super::Sent;
use sitrep_core::{Actor, Attribution, EntityType, Sector, Span};

#[rustfmt::skip]
const REPORTING: &[&str] = &[
    "said", "says", "say", "told", "tells", "reported", "reports", "stated", "states", "claimed",
    "claims", "wrote", "writes", "added", "noted", "indicated", "indicates", "explained",
    "insisted", "stressed", "emphasized", "emphasised",
];

/// The attributions a sentence makes, with the word position that decides which events they
/// cover.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub attribution: Attribution,
    /// 1: according to / reported by; 2: quoted; 3: a reporting verb.
    pub rank: u8,
    /// The reporting verb's word index (rank 3), to apply it only to later triggers or to all
    /// when it closes the sentence.
    pub verb: usize,
    pub closes_sentence: bool,
    /// The speaker as an actor (for "we" in a quote).
    pub speaker: Option<Actor>,
    /// The sources it cites, in order ("citing Y, citing Z").
    pub cites: Vec<Attribution>,
}

pub(crate) fn make(
    s: &Sent,
    w0: usize,
    w1: usize,
    name_from: usize,
    name_to: usize,
) -> Attribution {
    let ws = &s.ws;
    let span = Span::new(ws[w0].span.start, ws[w1 - 1].span.end);
    let m = s
        .ments
        .iter()
        .filter(|m| m.w0 >= name_from && m.w1 <= name_to)
        .filter(|m| matches!(m.kind, EntityType::Org | EntityType::Person))
        .max_by_key(|m| {
            (
                m.entity
                    .as_ref()
                    .is_some_and(|e| e.sector == Some(Sector::Media)),
                std::cmp::Reverse(m.w0),
            )
        });
    let (name, entity) = match m.and_then(|m| m.entity.as_ref()) {
        Some(e) => (e.name.clone(), Some(e.id.clone())),
        None => {
            let mut a = name_from;
            while a < name_to && matches!(ws[a].norm.as_str(), "the" | "a" | "an") {
                a += 1;
            }
            let n = if a < name_to {
                Span::new(ws[a].span.start, ws[name_to - 1].span.end)
                    .slice(s.text)
                    .to_string()
            } else {
                String::new()
            };
            (n, None)
        }
    };
    Attribution {
        span,
        text: span.slice(s.text).to_string(),
        name,
        entity,
    }
}

/// "citing Y" at or right after word `at` (over a comma): Y's attribution and where it ends,
/// repeated ("citing Y, citing Z").
fn citing(s: &Sent, mut at: usize) -> Vec<Attribution> {
    let ws = &s.ws;
    let mut out = Vec::new();
    loop {
        let mut k = at;
        while k < ws.len() && (ws[k].is(",") || ws[k].is_quote()) && k < at + 2 {
            k += 1;
        }
        if !ws.get(k).is_some_and(|w| w.is("citing")) {
            break;
        }
        let from = k + 1;
        // The cited phrase may join two sources: "two US officials and a Ukrainian adviser".
        let mut end = from;
        while end < ws.len() && end < from + 14 {
            let w = &ws[end];
            if w.kind == crate::words::WordKind::Punct
                || matches!(w.norm.as_str(), "that" | "which" | "who" | "but" | "as")
            {
                break;
            }
            end += 1;
        }
        if end <= from {
            break;
        }
        out.push(make(s, from, end, from, end));
        at = end;
    }
    out
}

/// End of a source phrase starting at `from`: the next punctuation or clause word.
fn phrase_end(s: &Sent, from: usize) -> usize {
    let ws = &s.ws;
    let mut k = from;
    while k < ws.len() && k < from + 8 {
        let w = &ws[k];
        if w.kind == crate::words::WordKind::Punct
            || matches!(w.norm.as_str(), "that" | "and" | "which" | "who" | "but")
        {
            break;
        }
        k += 1;
    }
    k
}

/// Every attribution of the sentence.
pub(crate) fn find(s: &Sent, cands: &[Cand]) -> Vec<Found> {
    let ws = &s.ws;
    let mut out = Vec::new();
    for i in 0..ws.len() {
        let n = ws[i].norm.as_str();
        let next = ws.get(i + 1).map(|w| w.norm.as_str());
        // 1. according to X / (as) reported by X
        let lead = match (n, next) {
            ("according", Some("to")) => Some(i + 2),
            ("reported", Some("by")) => Some(i + 2),
            _ => None,
        };
        if let Some(from) = lead {
            let end = phrase_end(s, from);
            if end > from {
                let w0 = if n == "reported" && i > 0 && ws[i - 1].is("as") {
                    i - 1
                } else {
                    i
                };
                out.push(Found {
                    attribution: make(s, w0, end, from, end),
                    rank: 1,
                    verb: i,
                    closes_sentence: true,
                    speaker: None,
                    cites: citing(s, end),
                });
            }
            continue;
        }
        // 2. X quoted Y as saying
        if n == "quoted"
            && ws[i + 1..ws.len().min(i + 10)]
                .iter()
                .any(|w| w.is("saying"))
        {
            if let Some(c) = cands.iter().rev().find(|c| c.w1 <= i && c.w1 + 2 >= i) {
                let quoted = quoted_person(s, cands, i);
                out.push(Found {
                    attribution: make(s, c.w0, i + 1, c.w0, c.w1),
                    rank: 2,
                    verb: i,
                    closes_sentence: true,
                    speaker: quoted
                        .as_ref()
                        .map(|q| q.1.clone())
                        .or(Some(c.actor.clone())),
                    cites: quoted.into_iter().map(|q| q.0).collect(),
                });
            } else if let Some(m) = s.ments.iter().rev().find(|m| m.w1 <= i && m.w1 + 2 >= i) {
                let quoted = quoted_person(s, cands, i);
                out.push(Found {
                    attribution: make(s, m.w0, i + 1, m.w0, m.w1),
                    rank: 2,
                    verb: i,
                    closes_sentence: true,
                    speaker: quoted.as_ref().map(|q| q.1.clone()),
                    cites: quoted.into_iter().map(|q| q.0).collect(),
                });
            }
            continue;
        }
        // 3. X said
        if REPORTING.contains(&n) && !(n == "reported" && next == Some("by")) {
            let mut speaker = cands.iter().rev().find(|c| {
                c.w1 <= i && c.w1 + 2 >= i && !ws[c.w1..i].iter().any(|w| w.is(",") && c.w1 + 1 < i)
            });
            // "X, a spokesman for Milley, said": the speaker is X, before the appositive.
            if let Some(c) = speaker.filter(|c| {
                c.w0 > 0
                    && matches!(ws[c.w0 - 1].norm.as_str(), "for" | "of" | "to" | "at")
                    && ws.get(c.w1).is_some_and(|w| w.is(","))
            }) {
                let open = (c.w0.saturating_sub(8)..c.w0)
                    .rev()
                    .find(|&k| ws[k].is(","));
                speaker = open.and_then(|o| cands.iter().rev().find(|d| d.w1 == o));
            }
            let media = || {
                s.ments.iter().rev().find(|m| {
                    m.w1 <= i
                        && m.w1 + 5 >= i
                        && m.entity
                            .as_ref()
                            .is_some_and(|e| e.sector == Some(Sector::Media))
                        && !ws[m.w1..i]
                            .iter()
                            .any(|w| w.kind == crate::words::WordKind::Punct)
                })
            };
            let closes = ws[i + 1..].iter().all(|w| {
                w.kind == crate::words::WordKind::Punct
                    || w.cap
                    || matches!(
                        w.norm.as_str(),
                        "on" | "in" | "at" | "the" | "to" | "a" | "as" | "saying"
                    )
            }) || i + 4 >= ws.len();
            if let Some(c) = speaker {
                out.push(Found {
                    attribution: make(s, c.w0, i + 1, c.w0, c.w1),
                    rank: 3,
                    verb: i,
                    closes_sentence: closes,
                    speaker: Some(c.actor.clone()),
                    cites: citing(s, i + 1),
                });
            } else if let Some(m) = media() {
                out.push(Found {
                    attribution: make(s, m.w0, i + 1, m.w0, m.w1),
                    rank: 3,
                    verb: i,
                    closes_sentence: closes,
                    speaker: None,
                    cites: citing(s, i + 1),
                });
            }
            continue;
        }
        // "RT, citing the WSJ, ...": a media name right before ", citing".
        if n == "citing" {
            let comma = i > 0 && ws[i - 1].is(",");
            let before = if comma { i - 1 } else { i };
            let media = s.ments.iter().rev().find(|m| {
                m.w1 == before
                    && m.entity
                        .as_ref()
                        .is_some_and(|e| e.sector == Some(Sector::Media))
            });
            // Not when an attribution found before already cites from here.
            let next = ws.get(i + 1).map(|w| w.span.start);
            let already = out
                .iter()
                .any(|f| f.cites.iter().any(|c| Some(c.span.start) == next));
            if let (Some(m), false) = (media, already) {
                out.push(Found {
                    attribution: make(s, m.w0, m.w1, m.w0, m.w1),
                    rank: 1,
                    verb: i,
                    closes_sentence: true,
                    speaker: None,
                    cites: citing(s, before),
                });
            }
        }
    }
    out
}

/// "X quoted Y as saying": Y, as the cited source and as an actor (the speaker of the quote).
fn quoted_person(s: &Sent, cands: &[Cand], quoted: usize) -> Option<(Attribution, Actor)> {
    let c = cands.iter().find(|c| c.w0 > quoted && c.w0 <= quoted + 6)?;
    Some((make(s, c.w0, c.w1, c.w0, c.w1), c.actor.clone()))
}

/// The attribution of an event whose trigger starts at word `t0` and whose source is `source`.
/// A speaker who is the source itself ("Estonia has stated that it is considering") adds nothing.
pub(crate) fn for_event<'a>(
    found: &'a [Found],
    t0: usize,
    source: Option<&Actor>,
) -> Option<&'a Found> {
    found
        .iter()
        .filter(|f| f.rank < 3 || f.verb < t0 || (f.closes_sentence && f.verb > t0))
        .filter(|f| f.verb != t0)
        .filter(|f| {
            let speaker = f.speaker.as_ref().and_then(|a| a.entity.clone());
            f.rank < 3 || speaker.is_none() || speaker != source.and_then(|a| a.entity.clone())
        })
        .min_by_key(|f| (f.rank, f.verb.abs_diff(t0)))
}
