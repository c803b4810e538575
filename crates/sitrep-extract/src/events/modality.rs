//! Modality: whether the text says the event happened, did not, will, might, or would if.
//!
//! Cues are looked for in a window of up to eight words before the trigger, inside its clause and
//! not past a comma ("Poland and Finland have announced that they *will* send"), except the
//! conditional, which any `if`/`unless` of the sentence sets ("... will send leopards *if* Berlin
//! issues the permit"). Priority when several apply: negated > conditional > hypothetical >
//! future > historical > asserted. The cue's span is returned with the modality.
//!
//! Negation that is part of a trigger's own words ("should not anticipate", a REJECT) is not a
//! cue: the window ends where the trigger starts. Refusals are REJECT events, not negated ones
//! (that is the trigger table's job).
//!
//! Left to others: time expressions (sitrep-nlp, later) beyond "last year" / "N years ago" / a
//! year before the publication year, which mark an event historical.

use crate::words::{Word, WordKind};
use sitrep_core::{Modality, Span};

const NEGATION: &[&str] = &[
    "not", "n't", "never", "no", "without", "neither", "nor", "cannot",
];
#[rustfmt::skip]
const HYPOTHETICAL: &[&str] = &[
    "would", "could", "may", "might", "'d", "considering", "consider", "considers", "considered",
    "discussing", "discussed", "evaluating", "contemplating", "mulling", "weighing", "exploring",
    "possible", "possibly", "closer", "proposed", "proposing", "suggested", "suggesting", "willing",
    "ready", "prepared", "feasibility", "idea",
];
#[rustfmt::skip]
const FUTURE: &[&str] = &[
    "will", "'ll", "shall", "plans", "plan", "planned", "planning", "expected", "set", "going",
    "intends", "intend", "intended", "aims", "due", "about", "scheduled", "poised",
];

/// Whether a word is a modality cue ("considering", "plans"): such a word is no trigger.
/// Hypothetical only before "to" ("open to talks"); not a cue word of its own.
const HYPOTHETICAL_TO: &[&str] = &["open"];

/// Cue words that count only before "to": "set to", "going to", "plans to", "open to".
#[rustfmt::skip]
const NEEDS_TO: &[&str] = &[
    "set", "going", "about", "due", "expected", "plans", "plan", "planned", "planning", "intends",
    "intend", "intended", "aims", "scheduled", "poised", "open",
];

/// Whether the cue word at `i` counts: it needs no "to", or "to" follows.
fn with_to(ws: &[Word], i: usize) -> bool {
    if !NEEDS_TO.contains(&ws[i].norm.as_str()) {
        return true;
    }
    // A short time phrase may come between: "poised on Friday to sign", "due later this week to".
    let mut k = i + 1;
    while k < ws.len() && k <= i + 3 && WHEN_WORDS.contains(&ws[k].norm.as_str()) {
        k += 1;
    }
    ws.get(k).is_some_and(|x| x.norm == "to")
}

/// Words of a short time phrase between a cue and its "to" (see [`with_to`]).
#[rustfmt::skip]
const WHEN_WORDS: &[&str] = &[
    "on", "this", "next", "later", "today", "tomorrow", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "week", "month", "year", "weekend", "soon",
];

/// Nouns whose "is to" says what they are, not what someone will do ("the aim is to ...").
#[rustfmt::skip]
const GOAL_NOUNS: &[&str] = &[
    "mission", "goal", "goals", "aim", "aims", "vision", "purpose", "task", "objective",
    "objectives", "job", "role", "plan", "idea", "intention", "priority", "strategy", "challenge",
    "point", "answer", "solution", "way", "step", "hope", "dream", "ambition", "target",
    "function", "aspiration", "mandate", "duty", "responsibility", "policy", "option",
];

/// A modal verb ("would", "could", "will"...).
pub(crate) fn is_modal(w: &str) -> bool {
    matches!(
        w,
        "would"
            | "could"
            | "might"
            | "may"
            | "will"
            | "can"
            | "cannot"
            | "should"
            | "must"
            | "shall"
            | "'d"
    )
}

pub(crate) fn is_cue(w: &str) -> bool {
    NEGATION.contains(&w) || HYPOTHETICAL.contains(&w) || FUTURE.contains(&w)
}

/// The modality of a trigger at words `w0..` whose clause starts at `clause_start`.
pub(crate) fn modality(
    ws: &[Word],
    clause_start: usize,
    w0: usize,
    published_year: Option<i32>,
) -> (Modality, Option<Span>) {
    // An infinitive's cue may stand further back, at the head of its chain: "was due to head
    // to Banja Luka on Friday to meet".
    let reach = if w0 > 0 && ws[w0 - 1].norm == "to" {
        14
    } else {
        8
    };
    let lo = clause_start.max(w0.saturating_sub(reach));
    let mut neg = None;
    let mut hyp = None;
    let mut fut = None;
    for i in (lo..w0).rev() {
        let w = &ws[i];
        if w.norm == "," || w.norm == ";" {
            break;
        }
        let n = w.norm.as_str();
        if neg.is_none() && NEGATION.contains(&n) {
            // "no longer" negates; "no" or "without" before a noun at a distance does not
            // ("ready without preconditions to enter talks"; "without firing a shot" does).
            let gerund = n == "without" && ws.get(i + 1).is_some_and(|x| x.norm.ends_with("ing"));
            if !matches!(n, "no" | "without") || i + 1 == w0 || gerund {
                neg = Some(w.span);
            }
        } else if hyp.is_none()
            && (HYPOTHETICAL.contains(&n) || HYPOTHETICAL_TO.contains(&n))
            && with_to(ws, i)
        {
            hyp = Some(w.span);
        } else if fut.is_none() && FUTURE.contains(&n) && with_to(ws, i) {
            fut = Some(w.span);
        }
    }
    // "Downer was to meet Qian", "ministers are to meet in London": a "be to" plan ("is to
    // blame" is an idiom, not a plan; "our mission is to provide" says what a goal is).
    if fut.is_none()
        && w0 >= 2
        && w0 - 2 >= lo
        && ws[w0 - 1].norm == "to"
        && matches!(
            ws[w0 - 2].norm.as_str(),
            "is" | "are" | "was" | "were" | "am"
        )
        && ws[w0].norm != "blame"
        && !ws[clause_start..w0 - 2]
            .iter()
            .any(|w| GOAL_NOUNS.contains(&w.norm.as_str()))
    {
        fut = Some(ws[w0 - 2].span);
    }
    // "too much fuel for Ukraine to deploy", "too weak to attack": what is too much to do is
    // not done.
    if neg.is_none() && w0 > 0 && ws[w0 - 1].norm == "to" {
        neg = (lo..w0 - 1)
            .rev()
            .take_while(|&k| ws[k].norm != "," && ws[k].norm != ";")
            .find(|&k| ws[k].norm == "too")
            .map(|k| ws[k].span);
    }
    if let Some(s) = neg {
        return (Modality::Negated, Some(s));
    }
    // A question asks, it does not assert: "Is it too early to say whether this missile was
    // fired from Russia?" (not when the question is quoted: 'He asked: "Where are the tanks?"').
    if let Some(q) = question(ws) {
        return (Modality::Hypothetical, Some(q));
    }
    let mut cond = None;
    for (i, w) in ws.iter().enumerate() {
        if w.norm == "if" || w.norm == "unless" {
            let prev = i.checked_sub(1).map(|p| ws[p].norm.as_str());
            if !matches!(prev, Some("as" | "even" | "whether")) {
                cond = Some(w.span);
                break;
            }
        }
    }
    if let Some(s) = cond {
        return (Modality::Conditional, Some(s));
    }
    if hyp.is_none() {
        hyp = implied(ws, w0);
    }
    if let Some(s) = hyp {
        // "would" reporting a plan is the future seen from the past: "announced it would
        // withdraw", "said that they would send".
        let would = (lo..w0)
            .find(|&k| ws[k].span == s)
            .filter(|&k| matches!(ws[k].norm.as_str(), "would" | "'d"));
        if would.is_some_and(|k| reported(ws, k)) {
            return (Modality::Future, Some(s));
        }
        return (Modality::Hypothetical, Some(s));
    }
    if let Some(s) = fut {
        return (Modality::Future, Some(s));
    }
    // "since Russia invaded Ukraine": the event a time is counted from is background.
    let past = ws[w0].norm.ends_with("ed")
        || matches!(ws[w0].norm.as_str(), "began" | "took" | "struck" | "broke");
    if past {
        // The clause starts after "since", so look back past the clause start.
        let since = (w0.saturating_sub(4)..w0)
            .rev()
            .take_while(|&k| ws[k].norm != "," && ws[k].norm != ";")
            .find(|&k| ws[k].norm == "since" && w0 - k <= 4);
        if let Some(k) = since {
            return (Modality::Historical, Some(ws[k].span));
        }
    }
    if let Some(s) = historical(ws, clause_start, published_year) {
        return (Modality::Historical, Some(s));
    }
    (Modality::Asserted, None)
}

/// The question mark ending a sentence that quotes nothing.
fn question(ws: &[Word]) -> Option<Span> {
    let last = ws.last()?;
    (last.is("?") && !ws.iter().any(|w| w.is_quote())).then_some(last.span)
}

/// Verbs that say what something implies: what follows them is a consequence, not an event.
const IMPLYING: &[&str] = &[
    "imply",
    "implies",
    "mean",
    "means",
    "signal",
    "signify",
    "amount",
    "constitute",
];

/// The modal of "would imply that", "could mean" in the twelve words before a trigger (past
/// the complement's "that"): "it would imply that NATO is waging war against Russia" says what
/// would follow, not that NATO wages war.
fn implied(ws: &[Word], w0: usize) -> Option<Span> {
    let lo = w0.saturating_sub(12);
    for j in (lo..w0).rev() {
        let n = ws[j].norm.as_str();
        if n == ";" || n == "." {
            return None;
        }
        if IMPLYING.contains(&n) {
            return (j.saturating_sub(2)..j)
                .rev()
                .find(|&k| {
                    matches!(
                        ws[k].norm.as_str(),
                        "would" | "could" | "might" | "may" | "'d"
                    )
                })
                .map(|k| ws[k].span);
        }
    }
    None
}

#[rustfmt::skip]
const REPORTING: &[&str] = &[
    "said", "says", "say", "announced", "announces", "told", "tells", "stated", "declared",
    "confirmed", "added", "insisted", "vowed", "promised", "pledged", "warned", "indicated",
    "signalled", "signaled", "decided", "agreed", "hinted", "suggested", "reported",
];

/// Whether the "would" at word `at` is what a reporting verb reports: the verb a few words
/// before it, with at most "that" and a subject between ("said it would", "announced that the
/// troops would").
fn reported(ws: &[Word], at: usize) -> bool {
    ws[at.saturating_sub(5)..at]
        .iter()
        .rev()
        .take_while(|w| !matches!(w.norm.as_str(), "," | ";" | "if" | "unless"))
        .any(|w| REPORTING.contains(&w.norm.as_str()))
}

/// "last year", "two years ago", or a year before the publication year, in the clause.
fn historical(ws: &[Word], clause_start: usize, published_year: Option<i32>) -> Option<Span> {
    let clause = &ws[clause_start..];
    for (i, w) in clause.iter().enumerate() {
        if w.is(";") {
            break;
        }
        let next = clause.get(i + 1).map(|x| x.norm.as_str());
        if w.is("last") && next == Some("year") {
            return Some(w.span.cover(clause[i + 1].span));
        }
        if (w.is("years") || w.is("decades")) && next == Some("ago") {
            return Some(w.span.cover(clause[i + 1].span));
        }
        if w.kind == WordKind::Num && w.norm.len() == 4 {
            if let (Ok(y), Some(py)) = (w.norm.parse::<i32>(), published_year) {
                let before = |k: usize| {
                    k > 0 && matches!(clause[k - 1].norm.as_str(), "in" | "since" | "of")
                };
                // "in 1967", "in the 1967 war"
                if (1900..py).contains(&y)
                    && (before(i) || (i > 1 && clause[i - 1].is("the") && before(i - 1)))
                {
                    return Some(w.span);
                }
            }
        }
    }
    None
}
