//! Events: PLOVER events with CAMEO codes, found sentence by sentence.
//!
//! For each sentence of [`sitrep_nlp::split_sentences`] (words from [`sitrep_nlp::tokenize`],
//! normalised by [`crate::words`]):
//!
//! 1. find triggers ([`patterns`]): the hand-written trigger table first, then the CAMEO verb
//!    dictionary and its nominalisations ([`cameo`]), which also give every trigger its CAMEO code;
//!    a governing trigger takes its complement ("asked ... to help train" is one REQUEST;
//!    "refused to extradite" one REJECT);
//! 2. find actors ([`arguments`]): source = subject (after a relative clause or participle
//!    set off by commas, the actor before it: "Putin, who met Macron, sought ..."; in such a
//!    relative clause, its antecedent), target = object or to/with/from X (for a
//!    refusal or a threat without one, the refused or threatened act's: "refused to meet
//!    Putin", "threatened to attack South Korea"); a pattern
//!    of role `Speaker` takes the speaker of the enclosing clause instead ("Austin has
//!    communicated to Zelensky that ... is too much to ask"); a passive takes its source from "by
//!    X" and its target from the subject ("was attacked by militiamen");
//! 3. objects, location ([`arguments`]), modality ([`modality`], with the cue), attribution
//!    ([`attribution`], with the chain of sources it cites);
//! 4. the PLOVER manual's rules on promises and threats: CONSULT, SUPPORT, COOPERATE and AID in
//!    the future or on a condition (or hypothetical with willing/ready/prepared) are AGREE ("will
//!    send", "will meet", "was to meet"); a future RETREAT is CONCEDE; a future or conditional
//!    ASSAULT is THREATEN, and so is a protest held out ahead ("would boycott the poll if",
//!    "will go on strike": THREATEN `restrict`), though not what the "if" clause itself says;
//!    the CAMEO code follows (AID `072` promised is `0332`); a cooperative act refused in
//!    advance ("will not take part", "would not withdraw") is REJECT; violence or obstruction
//!    by protesters is PROTEST (`riot`), coercion by civilians PROTEST (`obstruct`), workers
//!    striking PROTEST; armed men seizing people ASSAULT (`abduct`, CAMEO 181); one named
//!    person attacking another, or a legislature, without a weapon ACCUSE (`disapprove`:
//!    "Putin attacked Zelensky in a speech");
//! 5. the date is the time expression that governs the event ([`dates`], from `sitrep-time`),
//!    else the article's publication date (`from_published: true`, precision `day`), else none.
//!
//! **Across sentences** ([`quotes`] and the coreference context of [`arguments`]): "he"/"she" is
//! the last person named; "they"/"it" with nothing before it in the sentence is the previous
//! sentence's first source (or the two people of its first event); "the two generals" are the two
//! people of the last event between two people; a quotation is attributed to its speaker, also
//! when it runs over several sentences or paragraphs, and "we" in it is the speaker; a sentence
//! naming a source for "the request" attributes the request of the sentence before. The article's
//! outlet heads every attribution chain that names other sources ("RT, citing the WSJ, citing two
//! US officials").
//!
//! **Modifiers.** A trigger that describes a noun instead of heading a clause reports no event
//! of its own when it stands before the noun ("the murdered journalist", "two detained
//! nationals"), and a stance participle after its noun ("demonstrators demanding his ouster
//! hurled stones") comes after the sentence's other events ([`syntax::Parse::modifier`]); so
//! do the events of a subordinate clause that opens the sentence ("After the government
//! admitted a link, the EU imposed a ban": mainly the ban).
//!
//! **Noise.** Lines in Title Case and short lines without final punctuation (headlines, sidebar
//! lists, bylines, captions) give no events; a long sentence without final punctuation gives
//! events with a confidence penalty. A wire dateline opening a paragraph ("MOSCOW, Nov 2
//! (Reuters) - ") is skipped before the words are read, so its place is no actor and its month no
//! trigger ("March" is a month when capitalised inside a sentence or before a day number). An
//! event whose doer is not said (a passive without "by":
//! "was arrested in Lebanon") is kept without a source and with a confidence below
//! [`crate::DEFAULT_MIN_CONFIDENCE`]; so is one the subject undergoes ("faces charges").
//!
//! # Confidence
//!
//! ```text
//! confidence = clamp(strength
//!                    + 0.15 if the source is linked to an entity
//!                    + 0.10 if the target is linked
//!                    + 0.05 if an object was found (AID, AGREE, REQUEST, REJECT)
//!                    - 0.15 if the source is guessed (a pronoun, or the clause's first actor
//!                           rather than the words next to the trigger)
//!                    - 0.30 if the source is not said (a passive without "by")
//!                    - 0.40 if the sentence has no final punctuation,
//!                    0.05, 0.99)
//! ```
//!
//! `strength` is the trigger row's prior (0.35 for "needed" up to 0.6 for "held talks"; 0.4 for
//! a verb only the CAMEO dictionary knows, 0.35 for a nominalisation). A plain "X met with Y"
//! between two known actors scores 0.80.
//!
//! Left to others: time expressions (sitrep-time), event merging across articles
//! (sitrep-stories).

pub(crate) mod arguments;
pub(crate) mod attribution;
pub mod cameo;
pub(crate) mod dates;
pub(crate) mod modality;
pub(crate) mod patterns;
pub(crate) mod quotes;
pub(crate) mod syntax;

use crate::kb::Kb;
use crate::mentions::{is_title_case, Linked};
use crate::words::{words, Word};
use arguments::{Cand, Found};
use chrono::Datelike;
use once_cell::sync::Lazy;
use patterns::{Hit, Role};
use sitrep_core::{
    short_hash, Actor, Article, Attribution, Diagnostic, Entity, EntityType, Event, EventDate,
    EventObject, Modality, ObjectKind, PloverType, Sector, Span,
};
use std::collections::HashSet;

/// Sentences longer than this many words are skipped (with a diagnostic): no real sentence is,
/// and the heuristics are not meant for run-on text.
const MAX_WORDS: usize = 250;

/// A mention inside a sentence: words `w0..w1`.
#[derive(Debug, Clone)]
pub(crate) struct SMention {
    pub w0: usize,
    pub w1: usize,
    pub kind: EntityType,
    pub entity: Option<Entity>,
}

/// A sentence with its words and mentions.
pub(crate) struct Sent<'a> {
    pub text: &'a str,
    pub ws: Vec<Word>,
    pub ments: Vec<SMention>,
}

static TRIGGER_WORDS: Lazy<HashSet<String>> = Lazy::new(|| {
    patterns::PATTERNS
        .iter()
        .flat_map(|p| p.forms())
        .filter_map(|f| f.split_whitespace().next().map(str::to_string))
        .collect()
});

/// A form of "be" that makes a passive of a participle after it ("were detained").
pub(crate) fn is_be(w: &str) -> bool {
    matches!(w, "be" | "is" | "are" | "was" | "were" | "been" | "being")
}

/// Whether a word starts some trigger form.
pub(crate) fn is_trigger_word(w: &str) -> bool {
    TRIGGER_WORDS.contains(w)
}

#[rustfmt::skip]
const CLAUSE_WORDS: &[&str] = &[
    ";", "that", "which", "who", "whom", "whose", "while", "whereas", "although", "though",
    "because", "if", "unless", "when", "but", "so",
];
#[rustfmt::skip]
const REPORT_WORDS: &[&str] = &[
    "said", "says", "told", "stated", "reported", "claimed", "wrote", "added", "noted", "quoted",
    "citing", "saying", "according", "indicated", "emphasizing", "noting",
];

fn is_curly_quote(s: &Sent, w: &Word) -> bool {
    matches!(w.span.slice(s.text), "“" | "”" | "‘" | "’")
}

/// Whether word `i` opens a new clause.
fn is_boundary(s: &Sent, i: usize, crossing: &[&str]) -> bool {
    let w = &s.ws[i];
    if crossing.contains(&w.norm.as_str()) {
        return false;
    }
    if w.is_quote() {
        // A quotation opens ("“We hope") or closes after its punctuation (",” Duda said").
        let opens = is_curly_quote(s, w) && s.ws.get(i + 1).is_some_and(|n| n.cap);
        let closes = i > 0 && matches!(s.ws[i - 1].norm.as_str(), "," | "." | "?" | "!");
        return (opens || closes) && !crossing.contains(&"\"");
    }
    CLAUSE_WORDS.contains(&w.norm.as_str())
        || REPORT_WORDS.contains(&w.norm.as_str())
        || opens_finite_clause(s, i)
}

/// Whether a word that is also a preposition ("after", "before", "since", "as") opens a clause
/// here: a finite verb follows within four words ("after strikes destroyed their home"; not
/// "after talks on Monday").
fn opens_finite_clause(s: &Sent, i: usize) -> bool {
    if !matches!(s.ws[i].norm.as_str(), "after" | "before" | "since" | "as") {
        return false;
    }
    s.ws[i + 1..(i + 5).min(s.ws.len())]
        .iter()
        .take_while(|w| !w.is(","))
        .skip(1)
        .any(|w| {
            let n = w.norm.as_str();
            (n.ends_with("ed") && !w.cap)
                || matches!(
                    n,
                    "was" | "were" | "is" | "are" | "had" | "has" | "have" | "did"
                )
                || matches!(
                    n,
                    "struck" | "fought" | "met" | "sent" | "took" | "began" | "fled"
                )
        })
}

fn clause_start(s: &Sent, t0: usize) -> usize {
    // A clause opened by "after", "since"... ends at its comma: "..., since Russia invaded
    // Ukraine 300 days ago, travelling to the US" is back in the main clause. (These words are
    // boundaries only through `opens_finite_clause`.)
    let closed = |b: usize| {
        matches!(s.ws[b].norm.as_str(), "after" | "before" | "since" | "as")
            && s.ws[b..t0].iter().any(|w| w.is(","))
    };
    (0..t0)
        .rev()
        .find(|&i| is_boundary(s, i, &[]) && !closed(i))
        .map_or(0, |b| b + 1)
}

fn clause_end(s: &Sent, from: usize, crossing: &[&str]) -> usize {
    (from..s.ws.len())
        .find(|&i| is_boundary(s, i, crossing))
        .unwrap_or(s.ws.len())
}

/// Words that, right before a noun-or-verb trigger, make it a noun.
#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "this", "that", "these", "recent",
    "first", "new",
];
#[rustfmt::skip]
const LIGHT_VERBS: &[&str] = &[
    "made", "make", "makes", "making", "issued", "issue", "issues", "sent", "renewed", "repeated",
];

fn is_nominal(s: &Sent, t0: usize) -> bool {
    let ws = &s.ws;
    // A past form is a verb ("The president warned"), not a noun.
    if ws[t0].norm.ends_with("ed") {
        return false;
    }
    let lo = t0.saturating_sub(3);
    if (lo..t0).any(|k| LIGHT_VERBS.contains(&ws[k].norm.as_str())) {
        return false;
    }
    // Up to two adjectives back to a determiner or a possessive: "Zelensky's recent appeal".
    for k in (t0.saturating_sub(3)..t0).rev() {
        let w = &ws[k];
        if DETERMINERS.contains(&w.norm.as_str()) || w.poss {
            return true;
        }
        let adjective = w.is_alpha() && !w.cap && !FUNCTION_WORDS.contains(&w.norm.as_str());
        if !adjective {
            return false;
        }
    }
    false
}

#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "and", "or", "but", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
    "would", "to", "not", "n't", "also", "who", "which", "that", "it", "they", "he", "she", "we",
];

/// Nouns whose possessor is the one who undergoes the event, not its doer ("Assange's arrest",
/// "Navalny's detention", "Khashoggi's murder"; against "Zelensky's request").
#[rustfmt::skip]
const PATIENT_NOUNS: &[&str] = &[
    "arrest", "arrests", "detention", "killing", "murder", "assassination", "execution",
    "abduction", "kidnapping", "deportation", "extradition", "expulsion", "imprisonment", "jailing",
    "conviction", "sentencing", "torture", "capture", "ouster", "dismissal", "sacking",
    "indictment", "prosecution", "internment", "beheading", "release",
];

/// The part of a sentence after a wire-copy dateline ("NEW DELHI, March 13 (Reuters) - ",
/// "MOSCOW, Nov 2 — ", "Washington (CNN) -- "): the place and agency are not actors and the
/// date not an event. A dateline is at most 12 words before a dash (-, --, — or –) with spaces
/// around it in the first 100 bytes; every word of it is capitalised, a number or in
/// parentheses, and it has an all-capitals word or a parenthesis. Only a sentence that opens a
/// paragraph can carry one.
fn after_dateline(text: &str, sent: Span) -> Span {
    let before = text
        .get(..sent.start)
        .unwrap_or("")
        .trim_end_matches([' ', '\t', '\r']);
    if !before.is_empty() && !before.ends_with('\n') {
        return sent;
    }
    let s = sent.slice(text);
    let head = &s[..s.char_indices().nth(100).map_or(s.len(), |(b, _)| b)];
    let Some((at, dash)) = [" - ", " -- ", " — ", " – "]
        .iter()
        .filter_map(|d| head.find(d).map(|at| (at, d.len())))
        .min()
    else {
        return sent;
    };
    let prefix = &s[..at];
    let words: Vec<&str> = prefix.split_whitespace().collect();
    if words.is_empty() || words.len() > 12 {
        return sent;
    }
    let mut caps = false;
    let mut paren = false;
    let mut depth = 0i32;
    for w in &words {
        if w.starts_with('(') {
            depth += 1;
            paren = true;
        }
        let in_paren = depth > 0;
        if w.ends_with(')') || w.ends_with("),") {
            depth -= 1;
        }
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        if in_paren || core.is_empty() || core.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let first_upper = core.chars().next().is_some_and(char::is_uppercase);
        if !first_upper {
            return sent;
        }
        if core.chars().count() > 1 && core.chars().all(|c| !c.is_lowercase()) {
            caps = true;
        }
    }
    if !(caps || paren) {
        return sent;
    }
    let start = sent.start + at + dash;
    if start >= sent.end {
        return sent;
    }
    Span::new(start, sent.end)
}

/// Everything extraction needs across sentences.
pub(crate) struct Ctx<'a> {
    pub kb: &'a Kb,
    /// Whether to parse sentences for arguments the word order does not give.
    pub syntax: bool,
    pub article: &'a Article,
    pub linked: &'a Linked,
}

/// The events of an article.
pub(crate) fn extract(
    ctx: &Ctx,
    sentences: &[Span],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Event> {
    let text = ctx.article.text.as_str();
    let published_year = ctx.article.published.as_ref().map(|p| p.date.year());
    let date = ctx.article.published.as_ref().map(|p| EventDate {
        value: Some(p.date.format("%Y-%m-%d").to_string()),
        precision: Some("day".into()),
        span: None,
        text: None,
        from_published: true,
        anchor: None,
        rule: Some("publication date".into()),
        unresolved: None,
    });
    // First pass: the words, mentions, actors, triggers and attributions of each sentence.
    let mut prepared: Vec<Prepared> = Vec::new();
    for &sent in sentences {
        let sent = after_dateline(text, sent);
        let ws = words(text, sent);
        if ws.len() > MAX_WORDS {
            diagnostics.push(Diagnostic {
                stage: "extract".into(),
                message: format!(
                    "sentence at byte {} has {} words; no events taken from it",
                    sent.start,
                    ws.len()
                ),
            });
            continue;
        }
        if ws.is_empty() || is_title_case(&ws) {
            continue;
        }
        let last_char = sent
            .slice(text)
            .trim_end_matches(['"', '”', '’', '\'', ')', ' '])
            .chars()
            .last();
        let unpunctuated = !matches!(last_char, Some('.' | '!' | '?' | ':' | ','));
        // A short line without final punctuation is a headline, a list item or a caption.
        if unpunctuated && ws.len() < 20 {
            continue;
        }
        let ments = sentence_mentions(ctx, &ws, sent);
        let s = Sent { text, ws, ments };
        let cands = arguments::actors(ctx.kb, &s);
        let mut adjective = vec![false; s.ws.len()];
        for m in s.ments.iter().filter(|m| m.kind == EntityType::Norp) {
            adjective[m.w0..m.w1].iter_mut().for_each(|a| *a = true);
        }
        let hits = patterns::find_with(&s.ws, &adjective);
        let governed = govern(&s, &hits);
        let attributions = attribution::find(&s, &cands);
        prepared.push(Prepared {
            sent,
            s,
            cands,
            hits,
            governed,
            attributions,
            unpunctuated,
            parse: std::cell::OnceCell::new(),
        });
    }
    let quoted = quotes::speakers(text, &prepared);
    // Second pass: the events, with what earlier sentences make clear (who "he", "they" and "the
    // two generals" are; who is speaking in a quotation).
    let mut prev_person: Option<Actor> = None;
    let mut prev_group: Option<Actor> = None;
    let mut prev_pair: Option<(Actor, Actor)> = None;
    let mut recent_pair = false;
    let mut events: Vec<Event> = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    for (pi, p) in prepared.iter().enumerate() {
        let s = &p.s;
        let sent = p.sent;
        let quote = quoted.get(&pi);
        let speaker = p
            .attributions
            .iter()
            .find(|f| f.speaker.is_some())
            .and_then(|f| f.speaker.clone())
            .or_else(|| quote.and_then(|q| q.speaker.clone()));
        let before = events.len();
        let mut found: Vec<Event> = Vec::new();
        // Events of stance participles after a noun ("demonstrators demanding ... hurled
        // stones") and of participles describing the actor ("militiamen armed with machetes
        // slaughtered ...").
        let mut postnominal: HashSet<String> = HashSet::new();
        // Phrases set off by commas: background events, and the subject of the verb after them.
        let apposed = apposed_participles(&s.ws);
        for (hi, hit) in p.hits.iter().enumerate() {
            if p.governed.iter().any(|g| g.1 == hi) {
                continue;
            }
            let gov = p.governed.iter().find(|g| g.0 == hi).map(|g| &p.hits[g.1]);
            if hit.pattern.only_governed || (hit.pattern.needs_complement && gov.is_none()) {
                continue;
            }
            if hit.pattern.only_alone
                && p.hits
                    .iter()
                    .any(|o| !o.pattern.only_alone && o.w0 >= hit.w1 && o.w0 <= hit.w1 + 12)
            {
                continue;
            }
            let env = Env {
                ctx,
                s,
                cands: &p.cands,
                prev_person: prev_person.as_ref(),
                prev_group: prev_group.as_ref(),
                prev_pair: prev_pair.as_ref(),
                recent_pair,
                speaker: speaker.as_ref(),
                published_year,
                unpunctuated: p.unpunctuated,
                apposed: &apposed,
                parse: &p.parse,
                sent,
            };
            // Only where the words around allow it is the parse consulted (most sentences with a
            // trigger in the subject's verb need no parse otherwise).
            let modifier = if may_modify(s, hit) {
                env.parse()
                    .and_then(|pa| pa.modifier(hit.w0, hit.w1, &s.ws[hit.w0].norm))
            } else {
                None
            };
            if modifier == Some(syntax::Modifier::Before) {
                continue;
            }
            for mut e in build(&env, hit, gov) {
                match attribution::for_event(&p.attributions, hit.w0, e.source.as_ref()) {
                    Some(f) => {
                        e.attribution = Some(f.attribution.clone());
                        e.attribution_chain = std::iter::once(f.attribution.clone())
                            .chain(f.cites.iter().cloned())
                            .collect();
                    }
                    None => {
                        // Inside a quotation: its speaker says it.
                        if let Some(q) = quote {
                            e.attribution = Some(q.attribution.clone());
                            e.attribution_chain = vec![q.attribution.clone()];
                        }
                    }
                }
                e.date = date.clone();
                e.sentence = sent;
                e.article = ctx.article.id.clone();
                let src = e
                    .source
                    .as_ref()
                    .and_then(|a| a.entity.clone())
                    .unwrap_or_default();
                let ts = e.trigger.start.to_string();
                let mut id = short_hash(&[&ctx.article.id, &ts, e.kind.as_str()]);
                if !ids.insert(id.clone()) {
                    id = short_hash(&[&ctx.article.id, &ts, e.kind.as_str(), &src]);
                    if !ids.insert(id.clone()) {
                        continue;
                    }
                }
                e.id = id;
                // One sentence, one event per type and source ("dismissed ..., emphasizing
                // that it would be a lot to ask" is one refusal).
                let dup = found.iter().any(|o| {
                    o.kind == e.kind
                        && o.source.as_ref().map(|a| &a.entity)
                            == e.source.as_ref().map(|a| &a.entity)
                });
                if !dup {
                    // Only stances ("demanding", "opposed to"): "supplies donated by Turkey
                    // arrived" is mainly the donation.
                    if modifier == Some(syntax::Modifier::After)
                        && (matches!(e.kind, PloverType::Request | PloverType::Reject)
                            || DESCRIPTIVE.contains(&s.ws[hit.w0].norm.as_str()))
                    {
                        postnominal.insert(e.id.clone());
                    }
                    found.push(e);
                }
            }
        }
        // In the order of their triggers: in a news lead the main clause comes first. (Listing
        // the trigger highest in the parse first, or main clauses before subordinate ones and
        // verbs before nouns, was measured and scored lower on the PLOVER records.) A
        // participle describing a noun comes after the others: "demonstrators demanding his
        // ouster hurled stones" is mainly a riot.
        // So does an event of a subordinate clause that opens the sentence: "After the British
        // government admitted a link, the EU imposed a ban" is mainly the ban.
        // And so does a participle set off by commas after the subject: "Stevanin, arrested in
        // 1994 and jailed for three years, is accused of murder" is mainly the accusation.
        let fronted = fronted_clause(&s.ws);
        found.sort_by_key(|e| {
            let background = fronted.is_some_and(|end| e.trigger.start < end)
                || apposed.iter().any(|&(a, b)| {
                    s.ws[a].span.start <= e.trigger.start && e.trigger.start < s.ws[b].span.end
                });
            (postnominal.contains(&e.id), background, e.trigger.start)
        });
        events.extend(found);
        // What the next sentences may refer back to.
        if let Some(c) = p.cands.iter().rev().find(|c| c.person) {
            prev_person = Some(c.actor.clone());
        }
        // "they"/"it" look back one sentence only: to its first event's source when that is
        // not a person, or to the two people of its first event.
        let new = &events[before..];
        prev_group = None;
        recent_pair = false;
        if let Some(e) = new.iter().find(|e| e.source.is_some()) {
            let persons = e.source.as_ref().is_some_and(|a| is_person(ctx, a))
                && e.target.as_ref().is_some_and(|a| is_person(ctx, a));
            if persons {
                if let (Some(a), Some(b)) = (e.source.clone(), e.target.clone()) {
                    prev_pair = Some((a, b));
                    recent_pair = true;
                }
            } else if let Some(src) = e.source.clone().filter(|a| !is_person(ctx, a)) {
                prev_group = Some(src);
            }
        } else if let Some(c) = p.cands.iter().find(|c| !c.person && !c.generic) {
            prev_group = Some(c.actor.clone());
        }
    }
    quotes::reported_back(&prepared, &mut events);
    if let Some(outlet) = ctx
        .article
        .outlet
        .as_deref()
        .filter(|o| !o.trim().is_empty())
    {
        for e in events.iter_mut() {
            let same = |a: &Attribution| {
                let o = outlet.to_lowercase();
                let n = a.name.to_lowercase();
                o.contains(&n) || n.contains(o.trim_end_matches(".com"))
            };
            if !e.attribution_chain.is_empty() && !e.attribution_chain.iter().any(same) {
                e.attribution_chain.insert(
                    0,
                    Attribution {
                        span: Span::default(),
                        text: outlet.to_string(),
                        name: outlet.to_string(),
                        entity: None,
                    },
                );
            }
        }
    }
    events
}

/// Participles that, after a noun, describe the actor rather than report what it did:
/// "militiamen armed with machetes", "rebels backed by Rwanda".
#[rustfmt::skip]
const DESCRIPTIVE: &[&str] = &[
    "armed", "equipped", "backed", "supported", "led", "based", "linked", "allied",
];

/// Words before a trigger that open a noun phrase ("the murdered journalist", "of jailed former
/// minister", "two detained nationals").
#[rustfmt::skip]
const OPENERS: &[&str] = &[
    "the", "a", "an", "its", "his", "her", "their", "our", "this", "these", "those", "of", "for",
    "with", "by", "from", "to", "in", "on", "at", "against", "about", "over", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands",
    "several", "many", "some", "all", "\"", "(", ",",
];

/// Whether a trigger may be a noun's modifier by the words around it, before asking the parse
/// ([`syntax::Parse::modifier`]): after a word that opens a noun phrase, at the start of the
/// sentence, or a stance or descriptive participle ("demanding", "opposed", "armed") after
/// some other word.
fn may_modify(s: &Sent, hit: &Hit) -> bool {
    let w = &s.ws[hit.w0];
    let participle = ["ed", "ing", "en", "t", "n"]
        .iter()
        .any(|e| w.norm.ends_with(e));
    if !participle {
        return false;
    }
    let Some(prev) = hit.w0.checked_sub(1).map(|i| &s.ws[i]) else {
        return true;
    };
    OPENERS.contains(&prev.norm.as_str())
        || prev.kind == crate::words::WordKind::Num
        || matches!(hit.pattern.kind, PloverType::Request | PloverType::Reject)
        || DESCRIPTIVE.contains(&w.norm.as_str())
}

/// Group words for people protesting (see the riot rule in `finish`).
#[rustfmt::skip]
const PROTESTERS: &[&str] = &[
    "protesters", "protestors", "demonstrators", "rioters", "marchers", "strikers", "youths",
    "students",
];

/// Where a subordinate clause that opens a sentence ends (the byte offset of its comma): "After
/// ...", "When ...", "If ...", up to the first comma, which must leave words after it.
fn fronted_clause(ws: &[Word]) -> Option<usize> {
    let first = ws.iter().position(|w| !w.is_quote())?;
    if !FRONTING.contains(&ws[first].norm.as_str()) {
        return None;
    }
    let comma = ws[first..].iter().position(|w| w.is(","))? + first;
    (comma + 2 < ws.len()).then(|| ws[comma].span.start)
}

/// Irregular past forms that may follow such a phrase as the main verb (see
/// [`apposed_participles`]).
#[rustfmt::skip]
const IRREGULAR_FINITE: &[&str] = &[
    "sought", "met", "took", "gave", "made", "went", "held", "told", "sent", "led", "left",
    "won", "struck", "fought", "began", "came", "brought", "kept", "spoke", "broke", "chose",
    "found", "became", "stood", "threw", "wrote",
];

/// Irregular past participles that open a phrase of [`apposed_participles`].
#[rustfmt::skip]
const PARTICIPLES: &[&str] = &[
    "sent", "held", "taken", "given", "seen", "known", "led", "made", "built", "brought",
    "caught", "kept", "left", "shot", "struck", "told", "won", "beaten", "chosen", "driven",
    "spoken", "stolen", "thrown", "written", "hit", "put", "set", "sworn", "torn",
];

/// Participial phrases and relative clauses set off by commas before the main verb (the word
/// indices of their two commas): a comma, a past participle (or "who", "which"), and a comma
/// that a finite verb
/// follows ("X, arrested in 1994 and jailed ..., is accused"; "Specter, who has questioned
/// whether Perry should resign, met Saudi officials"; "200 troops, sent on a mission, clashed").
fn apposed_participles(ws: &[Word]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for k in 0..ws.len().saturating_sub(2) {
        let opens = ws[k + 1].norm.ends_with("ed")
            || PARTICIPLES.contains(&ws[k + 1].norm.as_str())
            || matches!(ws[k + 1].norm.as_str(), "who" | "which");
        if !ws[k].is(",") || !opens {
            continue;
        }
        let Some(c) = ws[k + 2..]
            .iter()
            .position(|w| w.is(","))
            .map(|p| p + k + 2)
        else {
            continue;
        };
        let finite = ws.get(c + 1).is_some_and(|w| {
            (w.norm.ends_with("ed") && w.is_alpha() && !w.cap)
                || IRREGULAR_FINITE.contains(&w.norm.as_str())
                || matches!(
                    w.norm.as_str(),
                    "is" | "was"
                        | "were"
                        | "are"
                        | "has"
                        | "had"
                        | "have"
                        | "will"
                        | "would"
                        | "could"
                        | "can"
                        | "may"
                        | "must"
                        | "should"
                        | "did"
                        | "does"
                        | "said"
                        | "says"
                )
        });
        if finite {
            out.push((k, c));
        }
    }
    out
}

/// Words that open a subordinate clause before the main one (see [`fronted_clause`]).
#[rustfmt::skip]
const FRONTING: &[&str] = &[
    "after", "when", "since", "before", "while", "following", "although", "though", "because",
    "once", "until", "if", "unless", "as",
];

/// Who takes hostages (see `finish`).
#[rustfmt::skip]
const ABDUCTORS: &[&str] = &[
    "gunmen", "kidnappers", "hijackers", "pirates", "abductors", "militants", "rebels",
    "guerrillas", "bandits", "insurgents", "terrorists", "captors",
];

/// Who is taken hostage (see `finish`).
#[rustfmt::skip]
const CAPTIVES: &[&str] = &[
    "hostage", "hostages", "couple", "tourist", "tourists", "foreigners", "missionaries",
    "workers", "engineers", "journalists", "children", "passengers", "crew", "villagers",
    "civilians", "nationals",
];

/// Words for working people and their unions, whose strike is a protest (see `finish`).
#[rustfmt::skip]
const LABOUR: &[&str] = &[
    "workers", "union", "unions", "employees", "miners", "teachers", "doctors", "nurses",
    "drivers", "controllers", "staff", "dockers", "dockworkers", "pilots", "unionists",
    "servants",
];

/// Whether a word of `text` (any case) is in `list`: an actor named as protesters or workers.
fn names_any(text: &str, list: &[&str]) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| list.contains(&w.to_lowercase().as_str()))
}

/// Whether an actor is a person (an entity of type PERSON).
fn is_person(ctx: &Ctx, a: &Actor) -> bool {
    a.entity
        .as_deref()
        .and_then(|id| ctx.linked.entity(id).or_else(|| ctx.kb.get(id)))
        .is_some_and(|e| e.kind == EntityType::Person)
}

/// One sentence, ready for events.
pub(crate) struct Prepared<'a> {
    pub sent: Span,
    pub s: Sent<'a>,
    pub cands: Vec<Cand>,
    pub hits: Vec<Hit>,
    pub governed: Vec<(usize, usize)>,
    pub attributions: Vec<attribution::Found>,
    pub unpunctuated: bool,
    /// The parse, made when a trigger first needs it (it costs ~20 µs a word).
    pub parse: std::cell::OnceCell<Option<syntax::Parse>>,
}

/// Mentions inside the sentence, as word ranges.
fn sentence_mentions(ctx: &Ctx, ws: &[Word], sent: Span) -> Vec<SMention> {
    let mut out = Vec::new();
    let lo = ctx
        .linked
        .mentions
        .partition_point(|m| m.span.start < sent.start);
    for m in ctx.linked.mentions[lo..]
        .iter()
        .take_while(|m| m.span.start < sent.end)
    {
        if !sent.contains(m.span) {
            continue;
        }
        let Some(w0) = ws.iter().position(|w| w.span.start >= m.span.start) else {
            continue;
        };
        let w1 = ws[w0..]
            .iter()
            .position(|w| w.span.end > m.span.end)
            .map_or(ws.len(), |p| w0 + p);
        if w1 <= w0 {
            continue;
        }
        let entity = m
            .entity
            .as_deref()
            .and_then(|id| ctx.linked.entity(id))
            .cloned();
        out.push(SMention {
            w0,
            w1,
            kind: m.kind,
            entity,
        });
    }
    out
}

/// Pairs (governor, complement) of hit indices.
fn govern(s: &Sent, hits: &[Hit]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (gi, g) in hits.iter().enumerate() {
        if !g.pattern.governs || out.iter().any(|p| p.1 == gi) {
            continue;
        }
        // An AID, AGREE or CONSULT trigger after it, or any trigger as its infinitive ("refused
        // to extradite", "threatened to strike").
        let Some(hi) = (gi + 1..hits.len()).find(|&hi| {
            let h = &hits[hi];
            matches!(
                h.pattern.kind,
                PloverType::Aid | PloverType::Agree | PloverType::Consult
            ) || h.pattern.only_governed
                || (h.w0 > 0 && s.ws[h.w0 - 1].is("to"))
        }) else {
            continue;
        };
        let h = &hits[hi];
        let blocked = s.ws[g.w1..h.w0].iter().any(|w| {
            matches!(
                w.norm.as_str(),
                ";" | "but" | "which" | "while" | "." | "saying"
            )
        });
        if h.w0 >= g.w1 && h.w0 - g.w1 <= 10 && !blocked {
            out.push((gi, hi));
        }
    }
    out
}

struct Env<'a> {
    ctx: &'a Ctx<'a>,
    s: &'a Sent<'a>,
    cands: &'a [Cand],
    prev_person: Option<&'a Actor>,
    /// The source of the previous sentence's first event, when not a person ("they").
    prev_group: Option<&'a Actor>,
    /// The two people of the last event between two people ("the two generals").
    prev_pair: Option<&'a (Actor, Actor)>,
    /// `prev_pair` comes from the previous sentence ("they" may be the two).
    recent_pair: bool,
    speaker: Option<&'a Actor>,
    published_year: Option<i32>,
    unpunctuated: bool,
    /// The sentence's phrases set off by commas ([`apposed_participles`]).
    apposed: &'a [(usize, usize)],
    parse: &'a std::cell::OnceCell<Option<syntax::Parse>>,
    sent: Span,
}

impl Env<'_> {
    /// The sentence's parse, made on first use (never when the extractor runs without syntax).
    fn parse(&self) -> Option<&syntax::Parse> {
        if !self.ctx.syntax {
            return None;
        }
        self.parse
            .get_or_init(|| syntax::Parse::new(self.s, self.sent))
            .as_ref()
    }
}

#[rustfmt::skip]
const NOT_AID_OBJECTS: &[&str] = &[
    "message", "signal", "letter", "warning", "invitation", "condolences", "greetings",
    "congratulations", "delegation", "interview", "speech", "statement", "briefing", "conference",
    "address", "account", "example", "impression", "rise", "way", "birth", "thanks",
];

/// The events one trigger gives (several when the subject is "X and Y").
fn build(env: &Env, hit: &Hit, gov: Option<&Hit>) -> Vec<Event> {
    let s = env.s;
    let ws = &s.ws;
    let (t0, t1) = (hit.w0, hit.w1);
    let pat = hit.pattern;
    let cs = clause_start(s, t0);
    let kind = pat.kind;
    // AID "sending a clear message" is no aid.
    if kind == PloverType::Aid {
        let near = ws[t1..ws.len().min(t1 + 4)]
            .iter()
            .chain(ws[t0.saturating_sub(3)..t0].iter());
        if near
            .into_iter()
            .any(|w| NOT_AID_OBJECTS.contains(&w.norm.as_str()))
        {
            return Vec::new();
        }
    }
    // "Western-supplied tanks": a compound adjective, not an event.
    if t0 > 0 && ws[t0 - 1].is("-") && ws[t0 - 1].span.end == ws[t0].span.start {
        return Vec::new();
    }
    let crossing: &[&str] = if kind == PloverType::Threaten {
        &["that", "if", "unless", "when"]
    } else {
        &[]
    };
    let end = clause_end(s, t1, crossing);
    let coref = arguments::Coref {
        prev_person: env.prev_person,
        prev_group: env.prev_group,
        prev_pair: env.prev_pair,
        recent_pair: env.recent_pair,
        speaker: env.speaker,
    };
    let sources: Vec<Actor>;
    let mut found = Found::Direct;
    let mut target: Option<Actor> = None;
    // An actor right before the trigger is its subject ("The president warned"), unless it is a
    // possessor ("Zelensky's appeal") or inside a prepositional phrase.
    let subject_before = env.cands.iter().any(|c| {
        c.w1 == t0 && !ws[t0 - 1].poss && (c.w0 == 0 || !arguments_preps(&ws[c.w0 - 1].norm))
    });
    // Noun or verb: the words before the trigger decide. (The tagger's part of speech was
    // measured worse on news leads, where it reads "Police arrested dozens" as a noun phrase.)
    // A possessive right before makes a patient noun a noun whatever its row ("Assange's
    // arrest", against the verb row "arrest").
    let patient_noun = PATIENT_NOUNS.contains(&ws[t0].norm.as_str());
    let possessed = patient_noun && t0 > 0 && ws[t0 - 1].poss;
    let nominal = pat.role == Role::Noun
        || possessed
        || (pat.role == Role::Auto && is_nominal(s, t0) && !subject_before);
    // "Ukrainian troops are facing fierce fighting", "the rebels faced shelling from
    // government forces": who faces it undergoes it; the doer comes after "from" or "by".
    if let Some(k) = patterns::faced_at(ws, t0) {
        let patient =
            arguments::subject(s, env.cands, cs, k, &coref).and_then(|(a, _)| a.into_iter().next());
        let doer = actor_after(env, t1, end, &["from", "by"]);
        return match doer {
            Some(c) => finish(
                env,
                hit,
                gov,
                vec![c.actor.clone()],
                Found::Direct,
                patient,
                cs,
                end,
            ),
            None => finish(env, hit, gov, Vec::new(), Found::Unknown, patient, cs, end),
        };
    }
    // A possessive pronoun makes the trigger a noun and names its doer ("Russia continues its
    // invasion", "the Ukrainian people in their fight"), or who undergoes it ("his arrest").
    let verb_form = ws[t0].norm.ends_with("ed") || LIGHT_VERBS.contains(&ws[t0].norm.as_str());
    if pat.role != Role::Speaker && !verb_form {
        if let Some(owner) = arguments::possessive_pronoun(s, env.cands, t0, &coref) {
            let patient = PATIENT_NOUNS.contains(&ws[t0].norm.as_str());
            return if patient {
                let patient = owner.into_iter().next();
                finish(env, hit, gov, Vec::new(), Found::Unknown, patient, cs, end)
            } else {
                let to = gov.map_or(end, |g| g.w0.min(end));
                let target = arguments::target(s, env.cands, t1, to, &owner);
                finish(env, hit, gov, owner, Found::Pronoun, target, cs, end)
            };
        }
    }
    match pat.role {
        Role::Speaker => {
            let Some(k) = (0..t0).rev().find(|&k| {
                ws[k].is("that")
                    || matches!(
                        ws[k].norm.as_str(),
                        "said" | "says" | "declared" | "announced" | "concluded" | "insisted"
                    )
            }) else {
                return Vec::new();
            };
            // The enclosing clause runs back over its own reporting verb ("has told Kyiv").
            let pcs = (0..k)
                .rev()
                .find(|&i| is_boundary(s, i, REPORT_WORDS))
                .map_or(0, |b| b + 1);
            let prev: Vec<&Cand> = env
                .cands
                .iter()
                .filter(|c| c.w0 >= pcs && c.w1 <= k)
                .collect();
            let Some(src) = prev
                .iter()
                .find(|c| c.w0 == 0 || !arguments_preps(&ws[c.w0 - 1].norm))
            else {
                return Vec::new();
            };
            sources = vec![src.actor.clone()];
            target = prev
                .iter()
                .find(|c| {
                    c.w0 > 0
                        && matches!(
                            ws[c.w0 - 1].norm.as_str(),
                            "to" | "told" | "tells" | "informed"
                        )
                })
                .map(|c| c.actor.clone())
                .or_else(|| {
                    env.cands
                        .iter()
                        .find(|c| c.w0 > k && c.w1 <= t0)
                        .map(|c| c.actor.clone())
                });
        }
        _ if nominal => {
            let by = || actor_after(env, t1, end, &["by"]).map(|c| vec![c.actor.clone()]);
            if let Some(p) = arguments::possessor(s, env.cands, t0) {
                if patient_noun {
                    // "Assange's arrest", "Khashoggi's murder": the possessor undergoes it; who
                    // did it is said by "by" or not at all.
                    let patient = p.into_iter().next();
                    return match by() {
                        Some(a) => finish(env, hit, gov, a, Found::Direct, patient, cs, end),
                        None => finish(env, hit, gov, Vec::new(), Found::Unknown, patient, cs, end),
                    };
                }
                sources = p;
            } else if let Some((a, b)) = arguments::between(s, env.cands, t1) {
                sources = vec![a];
                target = b;
            } else if let Some(a) = by() {
                sources = a;
            } else if let Some(args) = env
                .parse()
                .and_then(|p| syntax::noun_args(p, s, env.cands, &coref, t0))
                .filter(|a| !a.sources.is_empty())
            {
                // The parse finds a possessor or agent further away.
                return finish(
                    env,
                    hit,
                    gov,
                    args.sources,
                    args.found,
                    args.target,
                    cs,
                    end,
                );
            } else {
                return Vec::new();
            }
            if target.is_none() {
                let conflict = matches!(
                    kind,
                    PloverType::Assault
                        | PloverType::Coerce
                        | PloverType::Sanction
                        | PloverType::Threaten
                        | PloverType::Accuse
                        | PloverType::Protest
                );
                target = env
                    .cands
                    .iter()
                    .find(|c| {
                        c.w0 > t1
                            && c.w0 <= t1 + 2
                            && (matches!(ws[c.w0 - 1].norm.as_str(), "with" | "to" | "from")
                                || (conflict
                                    && matches!(ws[c.w0 - 1].norm.as_str(), "on" | "against")))
                    })
                    .map(|c| c.actor.clone());
            }
        }
        _ => {
            // A gerund opening the sentence or following a comma, with a modal after it, is the
            // subject of what comes next ("..., sending NATO trainers would mark an
            // escalation"): an idea, no event, whatever the parse makes of it.
            let opens = t0 == 0 || ws[t0 - 1].is(",");
            if opens && ws[t0].norm.ends_with("ing") {
                let modal_next = ws[t1..end.min(t1 + 6)]
                    .iter()
                    .take_while(|w| !w.is(","))
                    .any(|w| modality::is_modal(&w.norm));
                if modal_next {
                    return Vec::new();
                }
            }
            // "supplies of Patriot missiles, agreed upon during Zelenskiy's trip": a participle
            // after a comma and before a preposition describes the noun before it; whoever
            // agreed is not the sentence's subject.
            let reduced = t0 > 1
                && ws[t0 - 1].is(",")
                && ws[t0 - 2].is_alpha()
                && ws[t0].norm.ends_with("ed")
                && ws.get(t0 + 1).is_some_and(|w| {
                    matches!(
                        w.norm.as_str(),
                        "by" | "during"
                            | "in"
                            | "at"
                            | "on"
                            | "with"
                            | "upon"
                            | "after"
                            | "last"
                            | "earlier"
                            | "for"
                    )
                });
            // A verb right after a relative clause or participle set off by commas has the
            // actor before that phrase as its subject ("Putin, who met Macron on Monday, sought
            // a meeting"); a relative clause's verb, the actor before its "who" or "which".
            let set_off = t0 > 0 && ws[t0 - 1].is(",") && !ws[t0].norm.ends_with("ing");
            let before_phrase = set_off
                .then(|| env.apposed.iter().find(|&&(_, b)| b == t0 - 1))
                .flatten()
                .map(|&(a, _)| a);
            // "Jordan, which has blamed Iraq": auxiliaries may stand between.
            let mut w = t0;
            while w > 0
                && t0 - w < 3
                && matches!(
                    ws[w - 1].norm.as_str(),
                    "has" | "have" | "had" | "will" | "would" | "also" | "already" | "been"
                )
            {
                w -= 1;
            }
            let relative =
                w > 1 && matches!(ws[w - 1].norm.as_str(), "who" | "which") && ws[w - 2].is(",");
            let antecedent_end = before_phrase.or(relative.then(|| w - 2));
            if let Some(c) = antecedent_end
                .and_then(|k| env.cands.iter().find(|c| c.w1 == k))
                .filter(|_| !(t0 > 0 && is_be(&ws[t0 - 1].norm)))
            {
                let sources = vec![c.actor.clone()];
                let to = gov.map_or(end, |g| g.w0.min(end));
                let target = arguments::target(s, env.cands, t1, to, &sources);
                return finish(env, hit, gov, sources, Found::Direct, target, cs, end);
            }
            // The parse where the words next to the trigger do not say: a subject further away
            // (a controller, a coordinated verb's, a relative clause's noun), a passive's agent.
            let near = arguments::subject(s, env.cands, cs, t0, &coref)
                .is_some_and(|(_, how)| matches!(how, Found::Direct | Found::Pronoun));
            if !near && !reduced {
                if let Some(args) = env
                    .parse()
                    .and_then(|p| syntax::verb_args(p, s, env.cands, &coref, t0))
                    .filter(|a| a.found == Found::Direct && !a.sources.is_empty())
                {
                    let to = gov.map_or(end, |g| g.w0.min(end));
                    let target = args
                        .target
                        .or_else(|| arguments::target(s, env.cands, t1, to, &args.sources));
                    return finish(env, hit, gov, args.sources, args.found, target, cs, end);
                }
            }
            let be = |k: usize| is_be(&ws[k].norm);
            // "is committed to", "was prepared to": an adjective, not a passive.
            let adjectival = ws[t1 - 1].is("to");
            let passive = !adjectival
                && !ws[t0].norm.ends_with("ing")
                && ((t0 > 0 && be(t0 - 1))
                    || (t0 > 1 && be(t0 - 2) && ws[t0 - 1].norm.ends_with("ly"))
                    || reduced);
            // The agent may follow an article or "at least" ("by an unidentified group", "by
            // at least two men").
            // A reduced relative's agent comes right after it ("imposed after bombings by
            // militants": the militants bombed, they did not impose).
            let by_window = if reduced { 1 } else { 3 };
            let by_agent = passive
                .then(|| (t1..end.min(t1 + by_window)).find(|&k| ws[k].is("by")))
                .flatten()
                .and_then(|b| {
                    let mut at = b + 1;
                    while at < end.min(b + 4)
                        && matches!(ws[at].norm.as_str(), "a" | "an" | "the" | "at" | "least")
                    {
                        at += 1;
                    }
                    env.cands.iter().find(|c| c.w0 > b && c.w0 <= at)
                });
            let subj = if reduced {
                None
            } else {
                arguments::subject(s, env.cands, cs, t0, &coref)
            };
            if let Some(agent) = by_agent {
                // "was attacked by X": X is the source, the subject the target.
                let patient = subj.and_then(|(a, _)| a.into_iter().next());
                return finish(
                    env,
                    hit,
                    gov,
                    vec![agent.actor.clone()],
                    Found::Direct,
                    patient,
                    cs,
                    end,
                );
            }
            // "faces charges", "to face trial": the subject undergoes the event, like a passive's.
            let undergoes = matches!(ws[t0].norm.as_str(), "face" | "faces" | "faced" | "facing");
            if passive || undergoes {
                // "was arrested in Lebanon": who did it is not said; the subject is the target.
                let patient = subj.and_then(|(a, _)| a.into_iter().next());
                return finish(env, hit, gov, Vec::new(), Found::Unknown, patient, cs, end);
            }
            let Some((src, how)) = subj else {
                // A finite verb whose subject is no actor we know ("Miners went on strike"): the
                // doer is not said, the event stays below the threshold.
                if ws[t0].norm.ends_with("ing") {
                    return Vec::new();
                }
                let to = gov.map_or(end, |g| g.w0.min(end));
                let target = arguments::target(s, env.cands, t1, to, &[]);
                return finish(env, hit, gov, Vec::new(), Found::Unknown, target, cs, end);
            };
            // A gerund without a subject next to it ("..., sending NATO trainers would") has none.
            let after_pronoun = t0 > 0
                && (PRONOUN_WORDS.contains(&ws[t0 - 1].norm.as_str())
                    || matches!(
                        ws[t0 - 1].norm.as_str(),
                        "been" | "is" | "are" | "was" | "were" | "am"
                    ));
            if how == Found::Guessed && ws[t0].norm.ends_with("ing") && !after_pronoun {
                return Vec::new();
            }
            sources = src;
            found = how;
            // A governed complement's own arguments are not the target ("hope that partners will
            // give Ukraine tanks": Ukraine is the beneficiary, not who is asked).
            let to = gov.map_or(end, |g| g.w0.min(end));
            target = arguments::target(s, env.cands, t1, to, &sources);
        }
    }
    finish(env, hit, gov, sources, found, target, cs, end)
}

/// The candidate right after the first of `words` ("by", "from") in the six words after a
/// trigger ending at `t1`: the doer of a noun trigger or of something undergone.
fn actor_after<'e>(env: &'e Env, t1: usize, end: usize, words: &[&str]) -> Option<&'e Cand> {
    let ws = &env.s.ws;
    (t1..end.min(t1 + 6))
        .find(|&j| words.contains(&ws[j].norm.as_str()))
        .and_then(|j| env.cands.iter().find(|c| c.w0 == j + 1))
}

/// The events of a trigger once its actors are known: objects, modality, mode, confidence.
#[allow(clippy::too_many_arguments)]
fn finish(
    env: &Env,
    hit: &Hit,
    gov: Option<&Hit>,
    mut sources: Vec<Actor>,
    found: Found,
    mut target: Option<Actor>,
    cs: usize,
    end: usize,
) -> Vec<Event> {
    let s = env.s;
    let ws = &s.ws;
    let (t0, t1) = (hit.w0, hit.w1);
    let pat = hit.pattern;
    let mut kind = pat.kind;
    // Who a threat's act would strike is whom it threatens: "threatened to attack South
    // Korea", "threatened to use nuclear weapons against South Korea"; who a refused act would
    // have met or served is whom it refuses: "refused to meet Putin"; and so for a request
    // that names no addressee.
    if target.is_none() {
        let act = gov.filter(|g| match pat.kind {
            PloverType::Threaten => g.pattern.kind == PloverType::Assault,
            PloverType::Reject | PloverType::Request => true,
            _ => false,
        });
        if let Some(g) = act {
            // A phrase with "to", "against"... first: "balk at sending U.S. tanks to Ukraine"
            // is refused to Ukraine, not to the tanks' maker.
            let marked = env.cands.iter().find(|c| {
                let mut k = c.w0;
                if k > 0 && ws[k - 1].is("the") {
                    k -= 1;
                }
                // "on" marks a topic after a refused meeting ("the meeting on Syria"), a
                // target after a threatened strike ("strikes on Kyiv").
                let on = pat.kind == PloverType::Threaten && ws[k.saturating_sub(1)].is("on");
                c.w0 > g.w1
                    && c.w0 < end
                    && c.w0 <= g.w1 + 20
                    && !ws[g.w1..c.w0].iter().any(|w| {
                        matches!(
                            w.norm.as_str(),
                            "before"
                                | "after"
                                | "when"
                                | "because"
                                | "while"
                                | "that"
                                | "which"
                                | "who"
                                | "if"
                                | "unless"
                                | "until"
                                | ";"
                        )
                    })
                    && k > 0
                    && (on
                        || matches!(
                            ws[k - 1].norm.as_str(),
                            "to" | "with" | "against" | "toward" | "towards" | "into"
                        ))
            });
            // A request's addressee comes before its act ("asked NATO to train"); without one,
            // only a marked phrase of the act says whom it concerns ("time for talks with
            // Taiwan").
            target = marked.map(|c| c.actor.clone()).or_else(|| {
                (pat.kind != PloverType::Request)
                    .then(|| arguments::target(s, env.cands, g.w1, end, &sources))
                    .flatten()
            });
        }
    }
    // A dyad: a target, or a place right after the trigger ("besieged Mariupol").
    let place_after = || {
        s.ments.iter().any(|m| {
            matches!(
                m.kind,
                EntityType::Gpe | EntityType::Loc | EntityType::Facility
            ) && m.w0 >= t1
                && m.w0 <= t1 + 2
        })
    };
    let unknown = found == Found::Unknown;
    if (sources.is_empty() && !unknown) || (pat.needs_target && target.is_none() && !place_after())
    {
        return Vec::new();
    }
    // "X and Y met": one consultation between them.
    if kind == PloverType::Consult && sources.len() == 2 && target.is_none() {
        target = sources.pop();
    }
    // Objects.
    let governed_kind = gov.and_then(|g| (g.pattern.only_governed).then_some(ObjectKind::Training));
    let mut objects: Vec<EventObject> = if pat.role == Role::Speaker {
        arguments::objects(s, 0, ws.len(), None)
            .into_iter()
            .filter(|o| o.kind == ObjectKind::Weapon && o.entity.is_some())
            .collect()
    } else {
        let to = gov.map_or(end, |g| clause_end(s, g.w1, &["that"]).max(end));
        arguments::objects(s, t1, to, governed_kind)
    };
    if matches!(kind, PloverType::Consult | PloverType::Threaten) {
        objects
            .retain(|o| o.entity.is_some() || o.quantity.is_some() || kind == PloverType::Threaten);
    }
    if let Some(t) = &target {
        objects.retain(|o| !o.span.overlaps(t.span));
    }
    // Modality.
    // A trigger that starts with its modal ("will back", "would free") is read from after it.
    let mod_at = if matches!(ws[t0].norm.as_str(), "will" | "would" | "'ll") && t1 > t0 + 1 {
        t0 + 1
    } else {
        t0
    };
    let (mut modality, mut cue) = modality::modality(ws, cs, mod_at, env.published_year);
    // A meeting named before its verb: "talks will begin by September 2", "the summit is due
    // to open", "a visit scheduled for May".
    if modality == Modality::Asserted && kind == PloverType::Consult && t1 == t0 + 1 {
        if let Some(s) = meeting_ahead(ws, t0, t1) {
            (modality, cue) = (Modality::Future, Some(s));
        }
    }
    if pat.role == Role::Speaker || kind == PloverType::Reject {
        // A refusal is a fact even when what it refuses is hypothetical.
        if matches!(modality, Modality::Hypothetical | Modality::Conditional) {
            (modality, cue) = (Modality::Asserted, None);
        }
    }
    // The PLOVER manual on promises: CONSULT, SUPPORT, COOPERATE and AID in the future (or on a
    // condition, or with willing/ready/prepared) are AGREE ("will send", "will meet"); a future
    // RETREAT is a CONCEDE ("announced ... would withdraw troops"); a future CONCEDE stays one.
    let promised = matches!(modality, Modality::Future | Modality::Conditional)
        || (modality == Modality::Hypothetical
            && ws[cs..t0]
                .iter()
                .any(|w| matches!(w.norm.as_str(), "willing" | "ready" | "prepared" | "open")));
    // "Will not take part", "would not withdraw": a cooperative act refused in advance is a
    // REJECT (CAMEO 12: refuse to cooperate, to yield, to meet).
    // So is one decided against ("decided not to endorse"), and an adverb may come between
    // ("would definitely not endorse").
    let refused = modality == Modality::Negated
        && cue.is_some_and(|c| {
            let at = (cs..t0).find(|&k| ws[k].span == c);
            at.is_some_and(|k| {
                let before = |j: usize| {
                    k.checked_sub(j)
                        .filter(|&i| i >= cs)
                        .map(|i| ws[i].norm.as_str())
                };
                // "Sudan says it cannot hand them over": a refusal too.
                let modal = |w: Option<&str>| {
                    matches!(
                        w,
                        Some("will" | "would" | "wo" | "'ll" | "shall" | "can" | "ca")
                    )
                };
                ws[k].norm == "cannot"
                    || modal(before(1))
                    || (modal(before(2)) && before(1).is_some_and(|w| w.ends_with("ly")))
                    || matches!(
                        before(1),
                        Some("decided" | "decides" | "chose" | "opted" | "resolved")
                    )
            })
        });
    // One politician attacking another, or a legislature, attacks in words: "Gore ...
    // leading a front-line assault on Bob Dole", "Clinton's battle with the Republican-led
    // Congress" (ACCUSE, CAMEO 111), unless a weapon is named.
    let in_words = kind == PloverType::Assault
        && matches!(
            ws[t0].norm.as_str(),
            "attack"
                | "attacked"
                | "attacks"
                | "attacking"
                | "assault"
                | "assaulted"
                | "battle"
                | "battled"
                | "battles"
                | "fight"
                | "fought"
                | "fights"
                | "fighting"
        )
        && !sources.is_empty()
        && sources.iter().all(|a| is_person(env.ctx, a))
        && target
            .as_ref()
            .is_some_and(|t| is_person(env.ctx, t) || t.sector == Some(Sector::Leg))
        && !objects.iter().any(|o| o.kind == ObjectKind::Weapon);
    if in_words {
        kind = PloverType::Accuse;
    }
    // Workers or their union striking stop work, they do not attack ("miners struck for a third
    // day"; "workers would strike if wages were cut" threatens a strike, not violence).
    let labour_strike = kind == PloverType::Assault
        && matches!(
            ws[t0].norm.as_str(),
            "strike" | "strikes" | "striking" | "struck"
        )
        && (sources.iter().any(|a| names_any(&a.text, LABOUR))
            || ws[cs..t0].iter().any(|w| LABOUR.contains(&w.norm.as_str())));
    if labour_strike {
        kind = PloverType::Protest;
    }
    // Armed men seizing people take hostages (ASSAULT `abduct`, CAMEO 181), they do not arrest
    // them: "Gunmen seized Penrose and six other hostages", "Kidnappers have seized a Dutch
    // couple".
    let abduction = kind == PloverType::Coerce
        && matches!(
            ws[t0].norm.as_str(),
            "seized" | "seize" | "seizes" | "seizing" | "grabbed" | "snatched"
        )
        && (sources.iter().any(|a| a.sector == Some(Sector::Reb))
            || ws[cs..t0]
                .iter()
                .any(|w| ABDUCTORS.contains(&w.norm.as_str())))
        && (target.as_ref().is_some_and(|t| is_person(env.ctx, t))
            || ws[t1..ws.len().min(t1 + 6)]
                .iter()
                .any(|w| CAPTIVES.contains(&w.norm.as_str())));
    if abduction {
        kind = PloverType::Assault;
    }
    // A future or conditional use of force is a threat (the manual: "THREATEN could be ASSAULT +
    // hypothetical ... return the single event category"); so is coercion or a sanction made
    // conditional ("will close the border if ...": CAMEO's 131x-132x threats).
    let threat_mode = match (modality, kind) {
        (Modality::Future | Modality::Conditional, PloverType::Assault) => Some("violence"),
        (Modality::Conditional, PloverType::Coerce) => {
            Some(if hit.cameo.is_some_and(|c| c.starts_with("173")) {
                "arrest"
            } else {
                "restrict"
            })
        }
        (Modality::Conditional, PloverType::Sanction) => Some("relations"),
        // "would boycott the poll if the elections were postponed", "will go on strike on
        // September 3", "might boycott assembly sessions": a protest held out ahead is a
        // threat of one (CAMEO 133, PLOVER THREATEN `restrict`).
        (Modality::Conditional, PloverType::Protest)
            if ws[cs..t0]
                .iter()
                .any(|w| matches!(w.norm.as_str(), "would" | "will" | "'ll")) =>
        {
            Some("restrict")
        }
        (Modality::Future | Modality::Hypothetical, PloverType::Protest)
            if cue.is_some_and(|c| {
                ws[cs..t0].iter().any(|w| {
                    w.span == c
                        && matches!(w.norm.as_str(), "will" | "'ll" | "would" | "might" | "may")
                })
            }) =>
        {
            Some("restrict")
        }
        _ => None,
    };
    // What the "if" clause itself says is the condition, not the threat ("... if wages were
    // cut").
    let in_condition = ws[cs.saturating_sub(1)..t0]
        .iter()
        .any(|w| matches!(w.norm.as_str(), "if" | "unless"));
    let threat_mode = threat_mode.filter(|_| !in_condition);
    if threat_mode.is_some() {
        kind = PloverType::Threaten;
    }
    // COERCE is what authorities do ("repression, restrictions on rights"); civilians blocking,
    // occupying or closing something are protesting (PROTEST `obstruct`).
    let civilian = !sources.is_empty()
        && sources
            .iter()
            .all(|a| matches!(a.sector, Some(Sector::Cvl | Sector::Opp)));
    let obstruct = kind == PloverType::Coerce && civilian;
    if obstruct {
        kind = PloverType::Protest;
    }
    // Protesters rioting: violence or obstruction by demonstrators is PROTEST (the manual's
    // PROTEST `riot`: "distinct, continuous and violent action"), not ASSAULT.
    // The words before a passive are its patients: "students were detained" is no riot.
    let passive = found == Found::Unknown || (t0 > 0 && is_be(&ws[t0 - 1].norm));
    let rioters = matches!(kind, PloverType::Assault | PloverType::Coerce)
        && (sources.iter().any(|a| names_any(&a.text, PROTESTERS))
            || (!passive
                && ws[cs..t0]
                    .iter()
                    .take(4)
                    .any(|w| PROTESTERS.contains(&w.norm.as_str()))));
    if rioters {
        kind = PloverType::Protest;
    }
    // Cooperation in the future is a promise; refused in advance, a refusal.
    let cooperative = matches!(
        kind,
        PloverType::Aid
            | PloverType::Support
            | PloverType::Cooperate
            | PloverType::Consult
            | PloverType::Concede
            | PloverType::Retreat
    );
    if refused && (cooperative || kind == PloverType::Agree) {
        kind = PloverType::Reject;
    } else if promised && cooperative {
        kind = PloverType::Agree;
    } else if kind == PloverType::Reject
        && modality == Modality::Negated
        && matches!(
            ws[t0].norm.as_str(),
            "object" | "oppose" | "resist" | "veto" | "block"
        )
    {
        // "would not object to a visit", "will not oppose": consent, an AGREE.
        kind = PloverType::Agree;
        (modality, cue) = (Modality::Asserted, None);
    }
    // Mode.
    let loc_end = clause_end(
        s,
        t1,
        &[
            "\"", "said", "says", "told", "stated", "quoted", "saying", "that",
        ],
    );
    let not: Vec<&Actor> = sources.iter().chain(target.iter()).collect();
    let location = arguments::location(s, t1, loc_end, &not);
    let mode = mode_of(
        env,
        kind,
        threat_mode
            .or(abduction.then_some("abduct"))
            .or(in_words.then_some("disapprove"))
            .or(obstruct.then_some("obstruct"))
            .or(pat.mode),
        gov,
        &objects,
        &sources,
        target.as_ref(),
        location.as_ref(),
    );
    // Without a mode of its own, the event takes its CAMEO code's ("0841": RETREAT release).
    let mode = mode.or_else(|| {
        hit.cameo
            .filter(|_| kind == pat.kind)
            .and_then(|c| cameo::lexicon().plover(c))
            .and_then(|p| p.1)
            .map(str::to_string)
    });
    let cameo = event_code(hit.cameo, pat.kind, kind, mode.as_deref());
    let trigger = Span::new(ws[t0].span.start, ws[t1 - 1].span.end);
    let mut out = Vec::new();
    let sources: Vec<Option<Actor>> = if unknown {
        vec![None]
    } else {
        sources.into_iter().map(Some).collect()
    };
    for src in sources {
        let tgt = target
            .clone()
            .filter(|t| src.as_ref().is_none_or(|s| t.entity != s.entity));
        let mut c = pat.strength;
        if src.as_ref().is_some_and(|s| s.entity.is_some()) {
            c += 0.15;
        }
        if tgt.as_ref().is_some_and(|t| t.entity.is_some()) {
            c += 0.10;
        }
        if !objects.is_empty()
            && matches!(
                kind,
                PloverType::Aid | PloverType::Agree | PloverType::Request | PloverType::Reject
            )
        {
            c += 0.05;
        }
        if unknown {
            c -= 0.30;
        } else if found != Found::Direct {
            c -= 0.15;
        }
        if env.unpunctuated {
            c -= 0.40;
        }
        out.push(Event {
            id: String::new(),
            article: String::new(),
            kind,
            mode: mode.clone(),
            source: src,
            target: tgt,
            objects: objects.clone(),
            location: location.clone(),
            date: None,
            modality,
            modality_cue: cue,
            attribution: None,
            attribution_chain: Vec::new(),
            cameo: Some(cameo.to_string()),
            trigger,
            sentence: Span::default(),
            confidence: c.clamp(0.05, 0.99),
        });
    }
    out
}

/// The CAMEO code of an event: the trigger's, carried over when the event's type changed (a
/// promise of aid `072` -> `0332`, of a meeting `04x` -> `036`), made specific by the event's
/// mode when the trigger's code has none.
fn event_code(
    code: Option<&'static str>,
    from: PloverType,
    kind: PloverType,
    mode: Option<&str>,
) -> &'static str {
    let lx = cameo::lexicon();
    let code = code.unwrap_or_else(|| cameo::default_code(from, None));
    if kind != from {
        // CAMEO's "express intent to" codes.
        let third = code.as_bytes().get(2).copied().unwrap_or(b'0');
        return match (from, kind) {
            (PloverType::Aid, PloverType::Agree) => match third {
                b'1' => "0331",
                b'2' => "0332",
                b'3' => "0333",
                b'4' => "0334",
                _ => "033",
            },
            (PloverType::Cooperate, PloverType::Agree) => match third {
                b'1' => "0311",
                b'2' => "0312",
                b'3' => "0313",
                b'4' => "0314",
                _ => "031",
            },
            (PloverType::Support, PloverType::Agree) => "032",
            (PloverType::Consult, PloverType::Agree) => "036",
            // Intent to yield: release (084x), ease sanctions (085), de-escalate (087x).
            (PloverType::Retreat, PloverType::Agree) => match code.get(..3) {
                Some("084") => "0353",
                Some("085") => "0354",
                Some("086") => "0355",
                _ => "0356",
            },
            (PloverType::Concede, PloverType::Agree) => match code.get(..3) {
                Some("081") => "0351",
                Some("082") => "0352",
                _ => "035",
            },
            _ => cameo::default_code(kind, mode),
        };
    }
    match (lx.plover(code), mode) {
        (Some((k, None)), Some(m)) if k == kind => {
            let d = cameo::default_code(kind, Some(m));
            // An appeal stays an appeal: 020 with mode assist is 021, not 101.
            if code.starts_with("02") && d.starts_with("10") {
                match d {
                    "101" => "021",
                    "104" => "024",
                    "105" => "025",
                    "106" => "026",
                    _ => code,
                }
            } else {
                d
            }
        }
        _ => code,
    }
}

const PRONOUN_WORDS: &[&str] = &["he", "she", "it", "they", "we", "i"];

fn arguments_preps(w: &str) -> bool {
    matches!(
        w,
        "to" | "in"
            | "at"
            | "near"
            | "of"
            | "for"
            | "from"
            | "with"
            | "by"
            | "on"
            | "during"
            | "against"
            | "about"
            | "into"
    )
}

#[allow(clippy::too_many_arguments)]
fn mode_of(
    env: &Env,
    kind: PloverType,
    pattern_mode: Option<&'static str>,
    gov: Option<&Hit>,
    objects: &[EventObject],
    sources: &[Actor],
    target: Option<&Actor>,
    location: Option<&sitrep_core::Location>,
) -> Option<String> {
    if let Some(m) = pattern_mode {
        return Some(m.to_string());
    }
    let ws = &env.s.ws;
    match kind {
        PloverType::Consult => {
            if ws.iter().any(|w| {
                matches!(
                    w.norm.as_str(),
                    "phone" | "telephone" | "video" | "videoconference"
                )
            }) {
                return Some("phone".into());
            }
            let igo = sources
                .iter()
                .chain(target)
                .any(|a| a.sector == Some(Sector::Igo));
            if igo {
                return Some("multilateral".into());
            }
            let lc = location.and_then(|l| arguments::location_country(env.ctx.kb, l))?;
            let tc = target.and_then(|t| t.country.as_deref());
            let sc: Vec<Option<&str>> = sources.iter().map(|a| a.country.as_deref()).collect();
            if tc == Some(lc) {
                Some("visit".into())
            } else if tc.is_some() && sc.iter().all(|c| c.is_some() && *c != Some(lc)) {
                Some("third-party".into())
            } else {
                None
            }
        }
        PloverType::Request | PloverType::Reject => {
            if let Some(g) = gov {
                // What is asked or refused: a meeting, a concession, or help.
                let m = match g.pattern.kind {
                    PloverType::Consult => Some("meet"),
                    PloverType::Retreat | PloverType::Concede => Some("yield"),
                    PloverType::Aid
                    | PloverType::Agree
                    | PloverType::Cooperate
                    | PloverType::Support => Some("assist"),
                    _ if g.pattern.only_governed => Some("assist"),
                    _ => None,
                };
                if let Some(m) = m {
                    return Some(m.into());
                }
            }
            objects
                .iter()
                .any(|o| {
                    matches!(
                        o.kind,
                        ObjectKind::Weapon
                            | ObjectKind::Troops
                            | ObjectKind::Money
                            | ObjectKind::Equipment
                            | ObjectKind::Training
                    )
                })
                .then(|| "assist".into())
        }
        PloverType::Threaten if gov.is_some() => gov.and_then(|g| match g.pattern.kind {
            PloverType::Assault => Some("violence".into()),
            PloverType::Sanction => Some("relations".into()),
            PloverType::Coerce => Some(
                if g.cameo.is_some_and(|c| c.starts_with("173")) {
                    "arrest"
                } else {
                    "restrict"
                }
                .into(),
            ),
            _ => None,
        }),
        PloverType::Threaten => ws
            .iter()
            .any(|w| {
                matches!(
                    w.norm.as_str(),
                    "war"
                        | "burn"
                        | "strike"
                        | "strikes"
                        | "attack"
                        | "destroy"
                        | "nuclear"
                        | "retaliate"
                        | "retaliation"
                        | "retaliatory"
                )
            })
            .then(|| "violence".into()),
        _ => None,
    }
}

/// Meetings as nouns.
#[rustfmt::skip]
const MEETING_NOUNS: &[&str] = &[
    "talks", "meeting", "meetings", "summit", "negotiations", "consultations", "visit", "trip",
    "discussions", "conference",
];

/// The cue of a meeting noun at `t0..t1` that is still to come: "will", "would", "is due to",
/// "is scheduled", "is expected to", "is planned", "to be held" in the three words after it.
fn meeting_ahead(ws: &[Word], t0: usize, t1: usize) -> Option<Span> {
    if !MEETING_NOUNS.contains(&ws[t0].norm.as_str()) {
        return None;
    }
    let next = |k: usize| ws.get(t1 + k).map(|w| w.norm.as_str());
    // "expected" and "set" say a plan only before "to" ("is expected to", not "is set aside").
    let planned = match next(1) {
        Some("due" | "scheduled" | "planned" | "slated") => true,
        Some("expected" | "set") => next(2) == Some("to"),
        _ => false,
    };
    match next(0)? {
        "will" | "would" | "'ll" | "scheduled" | "planned" | "slated" => Some(ws[t1].span),
        "is" | "are" | "was" | "were" if planned => Some(ws[t1 + 1].span),
        "to" if next(1) == Some("be") && next(2) == Some("held") => Some(ws[t1].span),
        _ => None,
    }
}

#[cfg(test)]
mod dateline_tests {
    use super::after_dateline;
    use sitrep_core::Span;

    fn rest(text: &str) -> &str {
        after_dateline(text, Span::new(0, text.len())).slice(text)
    }

    #[test]
    fn only_a_paragraph_opens_with_a_dateline() {
        let text = "Talks ended. MOSCOW — Russia warned Kyiv.\nLONDON — Britain replied.";
        let nl = text.find('\n').unwrap();
        let second = Span::new(13, nl);
        assert_eq!(after_dateline(text, second), second);
        let third = Span::new(nl + 1, text.len());
        assert_eq!(after_dateline(text, third).slice(text), "Britain replied.");
    }

    #[test]
    fn wire_datelines_are_skipped() {
        for (text, want) in [
            (
                "NEW DELHI, March 13 (Reuters) - India said it would.",
                "India said it would.",
            ),
            ("MOSCOW, Nov 2 — Russia warned Kyiv.", "Russia warned Kyiv."),
            (
                "Washington (CNN) -- The Pentagon denied it.",
                "The Pentagon denied it.",
            ),
            (
                "KYIV, Ukraine – Zelensky met Milley.",
                "Zelensky met Milley.",
            ),
            ("ZÜRICH — Ünïcödé AG said.", "Ünïcödé AG said."),
        ] {
            assert_eq!(rest(text), want, "{text}");
        }
    }

    #[test]
    fn other_dashes_stay() {
        for text in [
            "Syria - the country that hosted the talks - said no.",
            "The talks - which began on Monday - ended.",
            "Officials said the 600-700 vehicles - some of them tanks - arrived.",
            "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂 - ÉÉÉ",
            "Ünïcödé prices rose — x",
        ] {
            assert_eq!(rest(text), text);
        }
    }
}
