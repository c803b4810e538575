//! The trigger table: which words signal which PLOVER event, as data.
//!
//! Each [`Pattern`] lists its word forms (`/`-separated; words inside a form separated by spaces,
//! normalised as in [`crate::words`]), the PLOVER type and mode, a strength (the prior that the
//! words really report such an event, the base of the confidence), how its actors are found
//! ([`Role`]) and a few flags. [`find`] matches the table against a sentence, longest form first,
//! skipping quote marks inside a form ("vowed to “burn”").
//!
//! To add a trigger, add a row. Rules of the table:
//! * AID rows stand for actual giving; with future or conditional modality the event layer turns
//!   them into AGREE (PLOVER: a promise of aid is AGREE).
//! * `governs`: a REQUEST/REJECT/AGREE/THREATEN trigger that takes an AID/AGREE/CONSULT trigger
//!   within ten words as its complement ("asked ... to help train", "refused to meet"): the
//!   complement becomes the governor's object and mode instead of an event of its own.

use crate::words::Word;
use once_cell::sync::Lazy;
use sitrep_core::PloverType;
use std::collections::HashMap;

/// How a trigger's actors are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A verb: the source is its subject, the target its object or `to/with/from X`.
    Verb,
    /// A noun or a verb: decided by the words before (`the`, `his`, a possessive => noun: the
    /// source is the possessor, or "between X and Y").
    Auto,
    /// A judgement the speaker of the enclosing clause makes ("X communicated to Y that it is
    /// too much to ask"): the source is that speaker, the target who was told.
    Speaker,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Pattern {
    pub forms: &'static str,
    pub kind: PloverType,
    pub mode: Option<&'static str>,
    /// 0..1: how reliably these words report such an event.
    pub strength: f32,
    pub role: Role,
    /// One of these words must follow within six words ("spoke ... with").
    pub needs_after: &'static [&'static str],
    /// The trigger does not count when followed directly by one of these ("need to").
    pub not_before: &'static [&'static str],
    pub governs: bool,
    /// Only meaningful as another trigger's complement ("help train").
    pub only_governed: bool,
    /// Dropped unless it governs a complement ("hope that partners will give").
    pub needs_complement: bool,
}

const fn p(forms: &'static str, kind: PloverType, strength: f32) -> Pattern {
    Pattern {
        forms,
        kind,
        mode: None,
        strength,
        role: Role::Verb,
        needs_after: &[],
        not_before: &[],
        governs: false,
        only_governed: false,
        needs_complement: false,
    }
}

impl Pattern {
    const fn mode(mut self, m: &'static str) -> Self {
        self.mode = Some(m);
        self
    }
    const fn auto(mut self) -> Self {
        self.role = Role::Auto;
        self
    }
    const fn speaker(mut self) -> Self {
        self.role = Role::Speaker;
        self
    }
    const fn after(mut self, w: &'static [&'static str]) -> Self {
        self.needs_after = w;
        self
    }
    const fn not_before(mut self, w: &'static [&'static str]) -> Self {
        self.not_before = w;
        self
    }
    const fn governs(mut self) -> Self {
        self.governs = true;
        self
    }
    const fn only_governed(mut self) -> Self {
        self.only_governed = true;
        self
    }
    const fn needs_complement(mut self) -> Self {
        self.needs_complement = true;
        self
    }
}

use PloverType::{Agree, Aid, Consult, Reject, Request, Threaten};

/// The trigger table.
pub(crate) static PATTERNS: &[Pattern] = &[
    // CONSULT
    p(
        "met with/meet with/meets with/meeting with/met/meet/meets",
        Consult,
        0.55,
    ),
    p("meeting/meetings/talks", Consult, 0.45).auto(),
    p(
        "held talks/hold talks/holds talks/holding talks/had talks",
        Consult,
        0.6,
    ),
    p(
        "spoke/speak/speaks/speaking/spoken/talked/talk/talking",
        Consult,
        0.5,
    )
    .after(&["with"]),
    p(
        "consulted/consults/conferred with/confer with/negotiated with",
        Consult,
        0.5,
    ),
    p(
        "had a phone call with/held a phone call with/spoke by phone with/phoned",
        Consult,
        0.6,
    )
    .mode("phone"),
    p("visited/visit/visits/visiting", Consult, 0.5)
        .mode("visit")
        .auto(),
    // REQUEST
    p("asked/ask/asks/asking", Request, 0.55).governs(),
    p("requested/request/requests/requesting", Request, 0.55)
        .auto()
        .governs(),
    p("appealed to/appealed for/appealing to", Request, 0.55).governs(),
    p("appeal to/appeals to", Request, 0.55).auto().governs(),
    p("appeal/appeals", Request, 0.5).auto().governs(),
    p("urged/urge/urges/urging", Request, 0.55).governs(),
    p(
        "called on/calls on/call on/calling on/called for/calls for/calling for",
        Request,
        0.55,
    )
    .governs(),
    p("sought/seek/seeks/seeking", Request, 0.5).governs(),
    p("encouraged/encourage/encourages/encouraging", Request, 0.45).governs(),
    p("demanded/demand/demands/demanding", Request, 0.55)
        .auto()
        .governs(),
    p("pleaded/plead/pleads/begged", Request, 0.5).governs(),
    p("needed/need/needs", Request, 0.35).not_before(&["to"]),
    p("hope that/hopes that/hoped that/hoping that", Request, 0.45)
        .governs()
        .needs_complement(),
    // REJECT
    p("refused/refuse/refuses/refusing", Reject, 0.55).governs(),
    p("rejected/reject/rejects/rejecting", Reject, 0.55).governs(),
    p("denied/deny/denies/denying", Reject, 0.5),
    p("dismissed/dismiss/dismisses/dismissing", Reject, 0.55),
    p("declined/decline/declines", Reject, 0.5).governs(),
    p(
        "ruled out/rules out/rule out/turned down/turns down/turn down",
        Reject,
        0.55,
    )
    .governs(),
    p("vetoed/veto/vetoes", Reject, 0.55),
    p("expressed reluctance/reluctant to/reluctance", Reject, 0.45).governs(),
    p("said no/saying no/says no/say no", Reject, 0.5),
    p("too much to ask/a lot to ask", Reject, 0.5).speaker(),
    p("not anticipate", Reject, 0.45).speaker(),
    // THREATEN
    p(
        "vowed to burn/vowed to destroy/vowed to strike/vowed to retaliate/vowed to hit/\
         vowed to crush/vowed to punish/vows to burn/vows to destroy/vows to strike/\
         vows to retaliate/vow to burn/vow to destroy/threatened to strike/threatened to destroy",
        Threaten,
        0.6,
    )
    .mode("violence"),
    p("threatened/threaten/threatens/threatening", Threaten, 0.6).governs(),
    p("warned/warn/warns/warning", Threaten, 0.5).auto(),
    p("cautioned/caution/cautions", Threaten, 0.5),
    // AGREE
    p("pledged/pledge/pledges/pledging", Agree, 0.55)
        .auto()
        .governs(),
    p("promised/promise/promises/promising", Agree, 0.5)
        .auto()
        .governs(),
    p("agreed to/agrees to/agree to", Agree, 0.55).governs(),
    p("vowed to/vows to/vow to", Agree, 0.45).governs(),
    p("offered/offer/offers", Agree, 0.45).governs(),
    // AID
    p("sent/send/sends/sending", Aid, 0.5),
    p("provided/provide/provides/providing", Aid, 0.5),
    p("supplied/supply/supplies/supplying", Aid, 0.5),
    p("delivered/deliver/delivers/delivering", Aid, 0.5),
    p("gave/give/gives/giving", Aid, 0.4),
    p("donated/donate/donates/donating", Aid, 0.5),
    p(
        "handed over/hand over/hands over/shipped/transferred",
        Aid,
        0.45,
    ),
    p("help train/train/trains/trained/training", Aid, 0.4).only_governed(),
];

/// A trigger found in a sentence: words `w0..w1` of it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub pattern: &'static Pattern,
    pub w0: usize,
    pub w1: usize,
}

/// Form words -> pattern, indexed by first word, longest form first.
/// A form's words and its pattern's index in [`PATTERNS`].
type Form = (Vec<&'static str>, usize);

static INDEX: Lazy<HashMap<&'static str, Vec<Form>>> = Lazy::new(|| {
    let mut idx: HashMap<&'static str, Vec<Form>> = HashMap::new();
    for (pi, pat) in PATTERNS.iter().enumerate() {
        for form in pat.forms.split('/') {
            let ws: Vec<&'static str> = form.split_whitespace().collect();
            if let Some(first) = ws.first() {
                idx.entry(first).or_default().push((ws, pi));
            }
        }
    }
    for list in idx.values_mut() {
        list.sort_by_key(|(ws, _)| std::cmp::Reverse(ws.len()));
    }
    idx
});

/// Matches `form` at `ws[i..]`, skipping quote marks between its words; the end index.
fn match_form(ws: &[Word], i: usize, form: &[&str]) -> Option<usize> {
    let mut j = i;
    for (k, f) in form.iter().enumerate() {
        if k > 0 {
            while ws.get(j).is_some_and(Word::is_quote) {
                j += 1;
            }
        }
        if ws.get(j)?.norm != *f {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// The triggers of a sentence, left to right, not overlapping.
pub(crate) fn find(ws: &[Word]) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let mut found = None;
        if let Some(list) = INDEX.get(ws[i].norm.as_str()) {
            for (form, pi) in list {
                let Some(end) = match_form(ws, i, form) else {
                    continue;
                };
                let pat = &PATTERNS[*pi];
                if !pat.needs_after.is_empty()
                    && !ws[end..ws.len().min(end + 6)]
                        .iter()
                        .any(|w| pat.needs_after.contains(&w.norm.as_str()))
                {
                    continue;
                }
                if ws
                    .get(end)
                    .is_some_and(|w| pat.not_before.contains(&w.norm.as_str()))
                {
                    continue;
                }
                found = Some(Hit {
                    pattern: pat,
                    w0: i,
                    w1: end,
                });
                break;
            }
        }
        match found {
            Some(h) => {
                i = h.w1;
                out.push(h);
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;
    use sitrep_core::Span;

    fn kinds(t: &str) -> Vec<(String, PloverType)> {
        let ws = words(t, Span::new(0, t.len()));
        find(&ws)
            .into_iter()
            .map(|h| {
                (
                    Span::new(ws[h.w0].span.start, ws[h.w1 - 1].span.end)
                        .slice(t)
                        .to_string(),
                    h.pattern.kind,
                )
            })
            .collect()
    }

    #[test]
    fn longest_form_wins_and_quotes_are_skipped() {
        assert_eq!(
            kinds("it is “too much to ask,” he said")[0],
            ("too much to ask".into(), Reject)
        );
        assert_eq!(
            kinds("Putin has vowed to \"burn\" tanks")[0],
            ("vowed to \"burn".into(), Threaten)
        );
        assert_eq!(kinds("they spoke with him")[0].1, Consult);
        assert!(kinds("they spoke about it").is_empty());
        assert!(kinds("we need to go").is_empty());
    }
}
