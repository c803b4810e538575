//! Arguments of an event: actors (source, target), objects and location.
//!
//! **Actors.** [`actors`] turns a sentence's mentions into actor candidates ([`Cand`]):
//! * a person, with the titles and country before it ("US Army General Mark Milley",
//!   "Ukraine’s Chief Military Officer General Valerii Zaluzhnyi");
//! * an organisation ("the Pentagon", "NATO allies");
//! * a country, demonym or organisation heading a group word from `agents.tsv`
//!   ("Ukrainian officials" -> Ukraine GOV, "Russian forces" -> Russia MIL);
//! * a capital or seat of power, by metonymy the country's government ("the Kremlin" -> Russia
//!   GOV, "Kiev" -> Ukraine GOV); a plain country name ("the Netherlands"); a place the KB does
//!   not know, unless a preposition puts it where something happens ("Somaliland declared",
//!   but not "in Somaliland");
//! * a generic group: an agent word of `agents.tsv` with its modifiers, not linked to an entity
//!   ("Turkish police" -> TUR, "the rebels", "Thousands of Iraqi Kurds"); as a target it is skipped
//!   when its head is an object noun ("sent troops to X": X is the target).
//!
//! The **source** of a verb trigger is its subject: scanning back from the trigger over auxiliaries,
//! adverbs and control verbs ("plans to", "decided to") to the nearest candidate, stepping over an
//! appositive between commas ("Milley, chairman of the Joint Chiefs of Staff, met"), resolving
//! he/she/it/they to the nearest fitting candidate; failing that, the first candidate of the
//! clause that is not inside a prepositional phrase. "X and Y" gives both. The **target** is the
//! first candidate after the trigger in its clause that is not a place after in/at/near.
//!
//! **Objects** are weapons from the KB (with the head nouns after them: "Patriot missile defense
//! system"), numbers with a unit ("300 tanks", "150,000 new recruits") and object nouns from a
//! small lexicon ("troops", "permission", "missiles"), each with an [`ObjectKind`].
//! **Location** is the first place after the trigger preceded by in/at/near ("in south-eastern
//! Poland", "in Davos, Switzerland").
//!
//! Left to others: a parser (sitrep-nlp, later) would replace these word-order heuristics.

use super::Sent;
use crate::kb::Kb;
use crate::mentions::merge_sector;
use crate::words::{number_at, Word, WordKind};
use sitrep_core::{
    Actor, Entity, EntityType, EventObject, Location, ObjectKind, Quantity, Sector, Span,
};

/// Weapons platforms that stand for the armed forces using them: "Israeli helicopters fired",
/// "Russian drones struck" (the source is the country's military).
#[rustfmt::skip]
const PLATFORMS: &[&str] = &[
    "helicopters", "helicopter", "gunships", "warplanes", "warplane", "jets", "aircraft",
    "planes", "bombers", "drones", "drone", "tanks", "artillery", "warships", "warship",
    "gunboats", "navy", "submarines", "missiles", "rockets", "batteries", "units", "army",
    "troops", "forces",
];

/// A word that heads a group actor: an agent word of the KB, the singular of one ("bomber",
/// "gunman"), or a weapons platform (sector MIL).
pub(crate) fn group_word(kb: &Kb, w: &str) -> Option<crate::kb::AgentWord> {
    if let Some(a) = kb.agent(w).filter(|a| a.agent) {
        return Some(a);
    }
    let plural = match w.strip_suffix("man") {
        Some(stem) => format!("{stem}men"),
        None => format!("{w}s"),
    };
    if let Some(a) = kb.agent(&plural).filter(|a| a.agent) {
        return Some(a);
    }
    PLATFORMS.contains(&w).then_some(crate::kb::AgentWord {
        sector: Some(Sector::Mil),
        title: false,
        agent: true,
    })
}

/// An actor candidate over words `w0..w1` of the sentence.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub w0: usize,
    pub w1: usize,
    pub actor: Actor,
    pub person: bool,
    /// A group word with its modifiers ("Turkish police", "the rebels"), not a name.
    pub generic: bool,
}

/// Verbs with a recipient before the thing given ("give Ukraine tanks").
#[rustfmt::skip]
const GIVING: &[&str] = &[
    "give", "gives", "gave", "giving", "send", "sends", "sent", "sending", "sell", "sells",
    "sold", "selling", "offer", "offers", "offered", "offering", "promise", "promised",
    "promises", "lend", "lent", "grant", "granted", "deny", "denied", "denying", "refuse",
    "refused",
];

/// Past forms of verbs that are never a group's modifier: "Russia struck civilian targets" has
/// the group "civilian targets", not "Russia struck civilian".
#[rustfmt::skip]
const IRREGULAR_PAST: &[&str] = &[
    "struck", "hit", "fought", "met", "sent", "gave", "took", "held", "threw", "beat", "began",
    "broke", "fled", "told", "won", "sought", "spoke", "withdrew", "shot", "drove", "overran",
    "swore", "chose", "left", "lost", "made", "ran", "sold", "stole", "brought", "caught",
    "kept", "stood", "went", "came", "saw", "said", "put", "let", "set", "cut", "bid", "rose",
];

/// Words that sit between a subject and its verb.
#[rustfmt::skip]
const SKIP_BACK: &[&str] = &[
    "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "will", "would",
    "could", "can", "may", "might", "shall", "should", "must", "did", "does", "do", "to", "not",
    "n't", "never", "also", "already", "still", "just", "now", "then", "since", "reportedly",
    "formally", "recently", "repeatedly", "quickly", "secretly", "seriously", "abruptly", "plans",
    "plan", "planned", "planning", "decided", "decide", "wants", "wanted", "intends", "intended",
    "expected", "set", "going", "able", "trying", "tried", "continues", "continued", "started",
    "begun", "began", "considering", "discussing", "evaluating", "contemplating", "moving",
    "closer", "ready", "willing", "prepared", "again", "even", "once", "'ll", "'ve", "'d", "'re",
    "appears", "appear", "seems", "seem", "likely", "often", "frequently", "eventually", "help",
    "helped", "helping", "so-called", "all", "both", "jointly", "together", "-", "officially",
    "publicly", "privately", "reportedly", "allegedly", "personally", "attempted", "attempting",
    "resorted", "routinely", "finally",
];
#[rustfmt::skip]
const PREPS: &[&str] = &[
    "to", "in", "at", "near", "of", "for", "from", "with", "by", "on", "during", "against", "about",
    "over", "into", "inside", "across", "toward", "towards", "under", "between", "without",
    "within", "after", "before", "since", "through", "like", "than", "as",
];
/// Prepositions after which an unknown place is where something happens, not who acts.
#[rustfmt::skip]
const PLACE_PREPS: &[&str] = &[
    "in", "at", "near", "into", "inside", "within", "across", "from", "through", "toward",
    "towards", "around", "outside", "via", "of", "throughout", "central", "northern", "southern",
    "eastern", "western",
];
#[rustfmt::skip]
const FUNCTION: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "with", "to", "of", "in", "at", "on", "for", "from", "by",
    "has", "have", "had", "is", "are", "was", "were", "be", "been", "will", "would", "that",
    "which", "who", "it", "its", "their", "his", "her", "this", "these", "those", "as", "not",
    // Words that open a clause: "when rebels fired" is not an actor "when rebels".
    "when", "where", "while", "after", "before", "because", "if", "unless", "until", "once",
    "although", "though", "whereas", "whether",
];
const PRONOUNS: &[&str] = &["he", "she", "it", "they", "we", "i"];
/// Nouns that an agent word before them modifies rather than names a group ("military aid").
#[rustfmt::skip]
const MODIFIED_NOUNS: &[&str] = &[
    "aid", "assistance", "visit", "visits", "trip", "operation", "operations", "exercise",
    "exercises", "drills", "equipment", "hardware", "support", "spending", "budget", "budgets",
    "base", "bases", "cooperation", "ties", "relations", "presence", "intervention", "buildup",
    "build-up", "campaign", "capability", "capabilities", "doctrine", "package", "packages",
    "mission", "missions", "training", "convoy", "convoys", "infrastructure", "facilities",
    "facility", "targets", "positions", "installations", "junta",
];

fn span_of(ws: &[Word], w0: usize, w1: usize) -> Span {
    Span::new(ws[w0].span.start, ws[w1 - 1].span.end)
}

fn actor(s: &Sent, w0: usize, w1: usize, e: &Entity, sector: Option<Sector>) -> Actor {
    let span = span_of(&s.ws, w0, w1);
    Actor {
        span,
        text: span.slice(s.text).to_string(),
        name: e.name.clone(),
        entity: Some(e.id.clone()),
        country: e.country.clone(),
        sector: sector.or(e.sector),
    }
}

/// Actor candidates of a sentence, in word order.
pub(crate) fn actors(kb: &Kb, s: &Sent) -> Vec<Cand> {
    let ws = &s.ws;
    let mut consumed = vec![false; s.ments.len()];
    let mut out: Vec<Cand> = Vec::new();
    // People first: they consume the country and titles before them.
    for m in s.ments.iter() {
        if m.kind != EntityType::Person {
            continue;
        }
        let Some(e) = &m.entity else { continue };
        let mut p = m.w0;
        let mut country = e.country.clone();
        let mut steps = 0;
        while p > 0 && steps < 8 {
            steps += 1;
            if let Some((pj, pm)) = s
                .ments
                .iter()
                .enumerate()
                .find(|(_, x)| x.w1 == p && x.kind != EntityType::Person)
            {
                if matches!(
                    pm.kind,
                    EntityType::Gpe | EntityType::Norp | EntityType::Org
                ) {
                    consumed[pj] = true;
                    if country.is_none() {
                        country = pm.entity.as_ref().and_then(|x| x.country.clone());
                    }
                    p = pm.w0;
                    continue;
                }
                break;
            }
            let w = &ws[p - 1];
            if kb.agent(&w.norm).is_some_and(|a| a.title)
                || w.norm == "."
                || (w.is_alpha() && w.cap)
            {
                p -= 1;
                continue;
            }
            break;
        }
        let mut a = actor(s, m.w0, m.w1, e, None);
        a.country = country;
        // "Zelensky's government", "Biden's administration": the country's government.
        let next = ws.get(m.w1).map(|w| w.norm.as_str());
        if ws[m.w1 - 1].poss && matches!(next, Some("government" | "administration")) {
            if let Some(c) = a.country.as_deref().and_then(|c| kb.country(c)) {
                out.push(Cand {
                    w0: p,
                    w1: m.w1 + 1,
                    actor: actor(s, m.w0, m.w1 + 1, c, Some(Sector::Gov)),
                    person: false,
                    generic: false,
                });
                continue;
            }
        }
        out.push(Cand {
            w0: p,
            w1: m.w1,
            actor: a,
            person: true,
            generic: false,
        });
    }
    for (mi, m) in s.ments.iter().enumerate() {
        if consumed[mi] || m.kind == EntityType::Person || m.kind == EntityType::Weapon {
            continue;
        }
        let Some(e) = &m.entity else { continue };
        let w0 = if m.w0 > 0 && ws[m.w0 - 1].is("the") {
            m.w0 - 1
        } else {
            m.w0
        };
        // An agent word after it: "Ukrainian officials", "American and NATO counterparts".
        let mut agent: Option<(usize, Option<Sector>)> = None;
        let mut direct = true;
        let mut q = m.w1;
        let mut steps = 0;
        while q < ws.len() && steps < 4 {
            steps += 1;
            let w = &ws[q];
            // "give Ukraine tanks": after a country's name (not its adjective) a weapon is
            // what is given, not the country's arm.
            let weapon_after_name = m.kind == EntityType::Gpe
                && q == m.w1
                && object_noun(&w.norm).is_some_and(|k| k == ObjectKind::Weapon)
                && m.w0 > 0
                && GIVING.contains(&ws[m.w0 - 1].norm.as_str());
            if let Some(a) =
                group_word(kb, &w.norm).filter(|_| !weapon_after_name && !force_used(ws, q))
            {
                agent = Some((q, merge_sector(agent.and_then(|x| x.1), a.sector)));
                q += 1;
                continue;
            }
            if agent.is_some() {
                break;
            }
            if let Some(other) = s.ments.iter().find(|x| x.w0 == q) {
                direct = false;
                q = other.w1;
                continue;
            }
            if w.is("and") || w.is(",") {
                direct = false;
                q += 1;
                continue;
            }
            if w.is_alpha()
                && !w.cap
                && !FUNCTION.contains(&w.norm.as_str())
                && !w.norm.ends_with("ed")
                && !IRREGULAR_PAST.contains(&w.norm.as_str())
                && !super::modality::is_modal(&w.norm)
                && !USE_VERBS.contains(&w.norm.as_str())
            {
                q += 1;
                continue;
            }
            break;
        }
        let base_country = || e.country.as_deref().and_then(|c| kb.country(c));
        let cand = match (m.kind, agent) {
            (EntityType::Org, Some((a, sec))) => {
                let end = if direct { a + 1 } else { m.w1 };
                Some(actor(
                    s,
                    w0,
                    end,
                    e,
                    if e.sector.is_some() { None } else { sec },
                ))
            }
            (EntityType::Org, None) => Some(actor(s, w0, m.w1, e, None)),
            (EntityType::Gpe | EntityType::Norp | EntityType::Facility, Some((a, sec))) => {
                let c = kb
                    .stands_for(&e.id)
                    .and_then(|c| kb.country(c))
                    .or_else(base_country);
                c.map(|c| {
                    let end = if direct { a + 1 } else { m.w1 };
                    actor(s, w0, end, c, sec)
                })
            }
            (EntityType::Gpe | EntityType::Facility, None) => {
                if let Some(c) = kb.stands_for(&e.id).and_then(|c| kb.country(c)) {
                    // Metonymy: the capital or seat stands for the government.
                    let mut a = actor(s, w0, m.w1, c, Some(Sector::Gov));
                    a.text = span_of(ws, w0, m.w1).slice(s.text).to_string();
                    Some(a)
                } else if e.id.starts_with("kb:")
                    && kb
                        .country(e.country.as_deref().unwrap_or(""))
                        .is_some_and(|c| c.id == e.id)
                {
                    Some(actor(s, w0, m.w1, e, None))
                } else if m.kind == EntityType::Gpe
                    && e.id.starts_with("txt:")
                    && (w0 == 0 || !PLACE_PREPS.contains(&ws[w0 - 1].norm.as_str()))
                {
                    // A place the knowledge base does not know, not after a preposition: a
                    // polity acting ("Somaliland declared ...", "talks with Transnistria").
                    Some(actor(s, w0, m.w1, e, None))
                } else {
                    None
                }
            }
            (EntityType::Norp, None) => {
                // "the Russians": a plural demonym is the country.
                let plural = ws[m.w1 - 1].norm.ends_with('s') && !ws[m.w1 - 1].norm.ends_with("ss");
                plural
                    .then(base_country)
                    .flatten()
                    .map(|c| actor(s, w0, m.w1, c, None))
            }
            _ => None,
        };
        if let Some(a) = cand {
            let w1 = if a.span.end > ws[m.w1 - 1].span.end {
                ws.iter()
                    .position(|w| w.span.end == a.span.end)
                    .map_or(m.w1, |p| p + 1)
            } else {
                m.w1
            };
            out.push(Cand {
                w0,
                w1,
                actor: a,
                person: false,
                generic: false,
            });
        }
    }
    generic_groups(kb, s, &mut out);
    out.sort_by_key(|c| c.w0);
    out
}

/// Generic group actors: an agent word of `agents.tsv` not already part of a candidate, with the
/// modifiers before it ("Turkish police", "the rebels", "Senior Hungarian and Romanian officials"
/// is covered by the country candidates). The country is that of a demonym, country or
/// organisation among the modifiers; the sector is the agent word's.
///
/// "Force" used is violence, not a military force: "used excessive force", "could use force".
fn generic_groups(kb: &Kb, s: &Sent, out: &mut Vec<Cand>) {
    let ws = &s.ws;
    let covered = |k: usize, out: &[Cand]| out.iter().any(|c| c.w0 <= k && k < c.w1);
    for q in 0..ws.len() {
        let w = &ws[q];
        let Some(a) = group_word(kb, &w.norm) else {
            continue;
        };
        if !w.is_alpha() || covered(q, out) || s.ments.iter().any(|m| m.w0 <= q && q < m.w1) {
            continue;
        }
        // A title before a name is the person's ("President Bush"); the last agent word of a
        // run is the head ("army officers").
        let next = ws.get(q + 1);
        if a.title && next.is_some_and(|n| n.cap && n.is_alpha()) {
            continue;
        }
        // "President of Ukraine Volodymyr Zelenskyy": the title's person follows its country.
        let person_after_country = next.is_some_and(|n| n.is("of"))
            && s.ments.iter().any(|m| {
                m.w0 == q + 2
                    && matches!(m.kind, EntityType::Gpe | EntityType::Org)
                    && s.ments
                        .iter()
                        .any(|p| p.w0 == m.w1 && p.kind == EntityType::Person)
            });
        if a.title && person_after_country {
            continue;
        }
        if next.is_some_and(|n| group_word(kb, &n.norm).is_some()) {
            continue;
        }
        // An agent word before one of these nouns modifies it ("military aid", "official
        // visit", "army base"): no actor.
        let modifies = next.is_some_and(|n| MODIFIED_NOUNS.contains(&n.norm.as_str()));
        if modifies || force_used(ws, q) {
            continue;
        }
        let mut k = q;
        let mut country: Option<String> = None;
        let mut sector = a.sector;
        while k > 0 && q - k < 7 {
            let p = &ws[k - 1];
            if let Some(m) = s.ments.iter().find(|m| m.w1 == k) {
                if matches!(m.kind, EntityType::Norp | EntityType::Gpe | EntityType::Org)
                    && !covered(m.w0, out)
                {
                    if country.is_none() {
                        country = m.entity.as_ref().and_then(|e| e.country.clone());
                    }
                    k = m.w0;
                    continue;
                }
                break;
            }
            if p.is("the") {
                k -= 1;
                break;
            }
            // "Thousands of Iraqi Kurds", "a group of refugees".
            if p.is("of")
                && k >= 2
                && matches!(
                    ws[k - 2].norm.as_str(),
                    "thousands"
                        | "hundreds"
                        | "dozens"
                        | "tens"
                        | "scores"
                        | "millions"
                        | "group"
                        | "number"
                        | "band"
                        | "crowd"
                )
            {
                k -= 2;
                continue;
            }
            let modifier = p.is_alpha()
                && !FUNCTION.contains(&p.norm.as_str())
                && !PREPS.contains(&p.norm.as_str())
                && !SKIP_BACK.contains(&p.norm.as_str())
                && !PRONOUNS.contains(&p.norm.as_str())
                && !super::is_trigger_word(&p.norm)
                && !IRREGULAR_PAST.contains(&p.norm.as_str())
                && !super::modality::is_modal(&p.norm)
                && !USE_VERBS.contains(&p.norm.as_str())
                && !covered(k - 1, out);
            if !modifier {
                break;
            }
            if let Some(pa) = kb.agent(&p.norm) {
                sector = merge_sector(sector, pa.sector);
            }
            k -= 1;
        }
        let span = span_of(ws, k, q + 1);
        out.push(Cand {
            w0: k,
            w1: q + 1,
            actor: Actor {
                span,
                text: span.slice(s.text).to_string(),
                name: span.slice(s.text).to_string(),
                entity: None,
                country,
                sector,
            },
            person: false,
            generic: true,
        });
    }
}

/// How an actor was found, for the confidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// Next to the trigger, or by a pattern's rule.
    Direct,
    /// A resolved pronoun.
    Pronoun,
    /// The first candidate of the clause.
    Guessed,
    /// Not said: a passive without "by" ("was arrested in Lebanon").
    Unknown,
}

/// The candidate ending at word `end`, and the one coordinated before it ("X and Y").
fn ending_at(cands: &[Cand], ws: &[Word], end: usize) -> Vec<usize> {
    let Some(i) = cands.iter().position(|c| c.w1 == end) else {
        return Vec::new();
    };
    let mut out = vec![i];
    let c = &cands[i];
    if c.w0 > 0 && ws[c.w0 - 1].is("and") {
        if let Some(j) = cands.iter().position(|d| d.w1 == c.w0 - 1) {
            out.insert(0, j);
        }
    }
    out
}

/// What earlier sentences make clear, for pronouns and "the two generals".
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Coref<'a> {
    /// The last person named.
    pub prev_person: Option<&'a Actor>,
    /// The source of the last sentence's first event, when not a person ("they", "it").
    pub prev_group: Option<&'a Actor>,
    /// The two people of the last event between two people ("the two generals").
    pub prev_pair: Option<&'a (Actor, Actor)>,
    /// `prev_pair` is the previous sentence's ("they" may be the two).
    pub recent_pair: bool,
    /// Who is speaking ("we", "I").
    pub speaker: Option<&'a Actor>,
}

/// "the two generals", "both leaders", "the two men": the two people of the previous event.
fn the_two(ws: &[Word], c: &Cand, coref: &Coref) -> Option<Vec<Actor>> {
    let (a, b) = coref.prev_pair?;
    if !c.generic {
        return None;
    }
    let words: Vec<&str> = ws[c.w0..c.w1].iter().map(|w| w.norm.as_str()).collect();
    let two = matches!(
        words.as_slice(),
        ["the", "two", _] | ["both", _] | ["two", _]
    );
    two.then(|| vec![a.clone(), b.clone()])
}

/// "the two generals" (see [`the_two`]) for the parse.
pub(crate) fn the_two_of(ws: &[Word], c: &Cand, coref: &Coref) -> Option<Vec<Actor>> {
    the_two(ws, c, coref)
}

/// A pronoun at word `at` resolved (see [`pronoun`]), for the parse.
pub(crate) fn pronoun_at(cands: &[Cand], ws: &[Word], at: usize, coref: &Coref) -> Vec<Actor> {
    if PRONOUNS.contains(&ws[at].norm.as_str()) {
        pronoun(cands, ws, at, coref)
    } else {
        Vec::new()
    }
}

/// Resolves a pronoun at word `at` to candidates of the sentence before it, or to what earlier
/// sentences make clear.
fn pronoun(cands: &[Cand], ws: &[Word], at: usize, coref: &Coref) -> Vec<Actor> {
    pronoun_as(cands, ws, at, coref, ws[at].norm.as_str())
}

/// A possessive pronoun before a noun trigger, over at most two lower-case modifiers, and who
/// it stands for: "Russia continues its invasion", "the Ukrainian people in their fight",
/// "Zelensky ... his appeal". `None` when there is no such pronoun or nobody to resolve it to.
pub(crate) fn possessive_pronoun(
    s: &Sent,
    cands: &[Cand],
    at: usize,
    coref: &Coref,
) -> Option<Vec<Actor>> {
    let ws = &s.ws;
    let k = (at.saturating_sub(3)..at).rev().find(|&k| {
        matches!(ws[k].norm.as_str(), "its" | "their" | "his" | "her")
            && ws[k + 1..at]
                .iter()
                .all(|w| w.is_alpha() && !w.cap && !w.poss)
    })?;
    // "despite its recent retreat, Russia can still threaten": a fronted phrase's pronoun
    // points ahead, to the subject after its comma.
    let fronted = k > 0
        && matches!(
            ws[k - 1].norm.as_str(),
            "despite" | "after" | "since" | "following" | "in" | "with" | "before" | "for"
        )
        && (k < 2 || ws[k - 2].is(",") || ws[k - 2].is("that"));
    if fronted {
        let comma = (at..(at + 6).min(ws.len())).find(|&j| ws[j].is(","));
        let person = matches!(ws[k].norm.as_str(), "his" | "her");
        let ahead = comma.and_then(|j| cands.iter().find(|c| c.w0 == j + 1 && c.person == person));
        if let Some(c) = ahead {
            return Some(vec![c.actor.clone()]);
        }
    }
    // "Workers at Serbia's Zastava arms factory entered ... their protest": "their" is a group
    // of people before it rather than a country or firm.
    if ws[k].is("their") {
        let group = cands
            .iter()
            .filter(|c| c.w1 <= k && c.generic && !c.person)
            .rfind(|c| ws[c.w1 - 1].norm.ends_with('s'));
        if let Some(c) = group {
            return Some(vec![c.actor.clone()]);
        }
    }
    // "its"/"their" look back within the sentence only: a group from an earlier sentence is
    // too often not the one meant ("Their release came hours after ...").
    if matches!(ws[k].norm.as_str(), "its" | "their") && !cands.iter().any(|c| c.w1 <= k) {
        return None;
    }
    let as_subject = match ws[k].norm.as_str() {
        "its" => "it",
        "their" => "they",
        _ => "he",
    };
    let found = pronoun_as(cands, ws, k, coref, as_subject);
    (!found.is_empty()).then_some(found)
}

fn pronoun_as(cands: &[Cand], ws: &[Word], at: usize, coref: &Coref, p: &str) -> Vec<Actor> {
    let prev_person = coref.prev_person;
    let speaker = coref.speaker;
    let mut before = cands.iter().enumerate().filter(|(_, c)| c.w1 <= at);
    match p {
        "he" | "she" => before
            .rfind(|(_, c)| c.person)
            .map(|(_, c)| vec![c.actor.clone()])
            .or_else(|| prev_person.map(|a| vec![a.clone()]))
            .unwrap_or_default(),
        "it" | "they" => {
            let Some((_, c)) = before.rfind(|(_, c)| !c.person) else {
                if let Some(g) = coref.prev_group {
                    return vec![g.clone()];
                }
                return match coref.prev_pair {
                    Some((a, b)) if p == "they" && coref.recent_pair => {
                        vec![a.clone(), b.clone()]
                    }
                    _ => Vec::new(),
                };
            };
            ending_at(cands, ws, c.w1)
                .into_iter()
                .map(|i| cands[i].actor.clone())
                .collect()
        }
        "we" | "i" => speaker.map(|a| vec![a.clone()]).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The subject of the trigger at `t0` in the clause starting at `clause_start`.
pub(crate) fn subject(
    s: &Sent,
    cands: &[Cand],
    clause_start: usize,
    t0: usize,
    coref: &Coref,
) -> Option<(Vec<Actor>, Found)> {
    let ws = &s.ws;
    let mut i = t0;
    while i > clause_start {
        i -= 1;
        let hit = ending_at(cands, ws, i + 1);
        if let Some(two) = hit.last().and_then(|&k| the_two(ws, &cands[k], coref)) {
            return Some((two, Found::Pronoun));
        }
        if !hit.is_empty() {
            return Some((
                hit.into_iter().map(|k| cands[k].actor.clone()).collect(),
                Found::Direct,
            ));
        }
        let w = &ws[i];
        if PRONOUNS.contains(&w.norm.as_str()) {
            let r = pronoun(cands, ws, i, coref);
            return (!r.is_empty()).then_some((r, Found::Pronoun));
        }
        if SKIP_BACK.contains(&w.norm.as_str())
            || w.is_quote()
            || (w.is_alpha() && !w.cap && w.norm.ends_with("ly"))
        {
            continue;
        }
        if w.is(",") {
            // An appositive: ", chairman of the Joint Chiefs of Staff,".
            let lo = clause_start.max(i.saturating_sub(16));
            if let Some(open) = (lo..i).rev().find(|&k| ws[k].is(",")) {
                let hit = ending_at(cands, ws, open);
                if !hit.is_empty() {
                    return Some((
                        hit.into_iter().map(|k| cands[k].actor.clone()).collect(),
                        Found::Direct,
                    ));
                }
            }
        }
        break;
    }
    // The first candidate of the clause that is not inside a prepositional phrase, nor the
    // one told ("he told reporters after talks with Chirac": not the reporters' talks).
    cands
        .iter()
        .filter(|c| c.w0 >= clause_start && c.w1 <= t0)
        .find(|c| {
            c.w0 == 0
                || !(PREPS.contains(&ws[c.w0 - 1].norm.as_str())
                    || matches!(
                        ws[c.w0 - 1].norm.as_str(),
                        "told" | "tell" | "tells" | "telling"
                    ))
        })
        .map(|c| match the_two(ws, c, coref) {
            Some(two) => (two, Found::Pronoun),
            None => (vec![c.actor.clone()], Found::Guessed),
        })
}

/// Whether word `k` opens a subordinate clause of time, cause or contrast, where a target
/// search stops: "while", "when", "because"..., and "as" before a clause's subject ("as NATO
/// allies meet"; not "as a mediator"). Narrower than the clause boundaries of the subject search
/// (`opens_finite_clause` in the events module): "after", "unless" and "if" clauses may hold
/// a target.
fn ends_target_search(ws: &[Word], k: usize) -> bool {
    match ws[k].norm.as_str() {
        // Not "unless" or "if": a threat's target is who must comply ("unless Nairobi withdrew").
        "while" | "when" | "because" | "although" | "though" | "whereas" => true,
        // Not "after": what a response follows names whom it answers ("put its forces on
        // alert after India moved missile batteries").
        "as" => ws.get(k + 1).is_some_and(|n| {
            n.cap && ws.get(k + 2).is_some_and(|m| m.is_alpha() && !m.cap)
                || matches!(n.norm.as_str(), "he" | "she" | "they" | "it" | "we")
        }),
        _ => false,
    }
}

/// The first candidate in `from..to` that is not a place after in/at/near.
pub(crate) fn target(
    s: &Sent,
    cands: &[Cand],
    from: usize,
    to: usize,
    not: &[Actor],
) -> Option<Actor> {
    let ws = &s.ws;
    // Targets follow their trigger closely: not past a comma, nor into a clause of their own
    // ("issued the warning as NATO allies meet": the allies are not warned).
    let to = (from..to.min(ws.len()))
        .find(|&k| ws[k].is(",") || ends_target_search(ws, k))
        .unwrap_or(to);
    cands
        .iter()
        .filter(|c| c.w0 >= from && c.w1 <= to)
        .filter(|c| {
            !not.iter()
                .any(|n| n.entity == c.actor.entity && n.span == c.actor.span)
        })
        .filter(|c| !(c.generic && object_noun(&ws[c.w1 - 1].norm).is_some()))
        .find(|c| {
            let prev = c.w0.checked_sub(1).map(|p| ws[p].norm.as_str());
            !matches!(
                prev,
                Some(
                    "in" | "at"
                        | "near"
                        | "inside"
                        | "within"
                        | "across"
                        | "during"
                        | "since"
                        | "over"
                )
            )
        })
        .map(|c| c.actor.clone())
}

/// A candidate ending right before `at` with a possessive ("Zelensky’s recent appeal"), looking
/// back over at most two modifiers.
pub(crate) fn possessor(s: &Sent, cands: &[Cand], at: usize) -> Option<Vec<Actor>> {
    for back in 1..=3 {
        let Some(end) = at.checked_sub(back - 1) else {
            break;
        };
        let hit = ending_at(cands, &s.ws, end);
        if !hit.is_empty() && s.ws[end - 1].poss {
            return Some(hit.into_iter().map(|k| cands[k].actor.clone()).collect());
        }
        if end == 0 || !s.ws[end - 1].is_alpha() || s.ws[end - 1].cap {
            break;
        }
    }
    None
}

/// "between X and Y" after a nominal trigger.
pub(crate) fn between(s: &Sent, cands: &[Cand], at: usize) -> Option<(Actor, Option<Actor>)> {
    if !s.ws.get(at).is_some_and(|w| w.is("between")) {
        return None;
    }
    let first = cands
        .iter()
        .find(|c| c.w0 == at + 1 || (c.w0 == at + 2 && s.ws[at + 1].is("the")))?;
    let second = cands
        .iter()
        .find(|c| c.w0 > first.w1 && c.w0 <= first.w1 + 2 && s.ws[first.w1].is("and"))
        .map(|c| c.actor.clone());
    Some((first.actor.clone(), second))
}

/// What a noun names, when the event layer should report it as an object.
pub(crate) fn object_noun(n: &str) -> Option<ObjectKind> {
    let base = n.strip_suffix('s').unwrap_or(n);
    Some(match base {
        "tank" | "missile" | "weapon" | "howitzer" | "rocket" | "jet" | "aircraft" | "drone"
        | "artillery" | "shell" | "ammunition" | "munition" | "arm" | "launcher" | "vehicle"
        | "warplane" | "fighter" | "helicopter" | "interceptor" | "bomb" | "mine" | "gun"
        | "air defense" | "air defence" | "battery" | "missile system" => ObjectKind::Weapon,
        "troop" | "soldier" | "trainer" | "instructor" | "personnel" | "recruit" | "force"
        | "advisor" | "adviser" | "contractor" | "mercenarie" | "mercenary" | "pilot" => {
            ObjectKind::Troops
        }
        "permission" | "approval" | "authorization" | "authorisation" | "permit" => {
            ObjectKind::Permission
        }
        "equipment" | "armor" | "armour" | "supplie" | "supply" | "gear" | "generator" => {
            ObjectKind::Equipment
        }
        "training" => ObjectKind::Training,
        "aid" | "assistance" | "funding" | "fund" | "loan" | "money" | "dollar" | "euro"
        | "grant" => ObjectKind::Money,
        _ => return None,
    })
}

/// Whether an actor without an entity is a thing rather than people ("additional missiles",
/// "more equipment"): asked for, given or refused, never asked or attacked. Troops stay actors.
pub(crate) fn is_thing(a: &Actor) -> bool {
    a.entity.is_none()
        && a.text
            .rsplit(' ')
            .next()
            .and_then(|w| object_noun(&w.to_lowercase()))
            .is_some_and(|k| k != ObjectKind::Troops)
}

#[rustfmt::skip]
const NOT_UNITS: &[&str] = &[
    "km", "kilometers", "kilometres", "miles", "percent", "years", "year", "months", "month",
    "days", "day", "weeks", "hours", "deaths", "injuries", "times", "people", "am", "pm", "p",
    // Who acts or is counted, never what is given: "despite 100 countries agreeing".
    "countries", "nations", "states", "members", "allies", "partners", "governments", "leaders",
    "officials", "ministers", "lawmakers", "companies", "points", "votes", "seats",
];
#[rustfmt::skip]
const WEAPON_HEADS: &[&str] = &[
    "missile", "missiles", "system", "systems", "defense", "defence", "air", "battery", "tank",
    "tanks", "launcher", "launchers", "jets", "jet", "rockets", "rocket", "fighter", "fighters",
    "vehicles", "vehicle", "howitzers", "howitzer", "battle",
];
#[rustfmt::skip]
const STOP_OBJECT: &[&str] = &[
    "and", "or", "to", "for", "of", "in", "at", "with", "from", "that", "which", "the", "a", "an",
    "its", "their", "his", "her", "by", "on", "as", "than", "into", "while",
];

/// Objects in words `from..to` of the sentence.
pub(crate) fn objects(
    s: &Sent,
    from: usize,
    to: usize,
    governed_kind: Option<ObjectKind>,
) -> Vec<EventObject> {
    let ws = &s.ws;
    let to = to.min(ws.len());
    let mut out: Vec<EventObject> = Vec::new();
    let mut i = from;
    let push = |w0: usize,
                w1: usize,
                entity: Option<String>,
                kind: ObjectKind,
                quantity: Option<Quantity>,
                out: &mut Vec<EventObject>| {
        let span = span_of(ws, w0, w1);
        out.push(EventObject {
            span,
            text: span.slice(s.text).to_string(),
            entity,
            kind,
            quantity,
        });
    };
    while i < to {
        // A weapon from the KB, with a number before and head nouns after.
        if let Some(m) = s
            .ments
            .iter()
            .find(|m| m.w0 == i && m.kind == EntityType::Weapon)
        {
            let mut end = m.w1;
            while end < to && WEAPON_HEADS.contains(&ws[end].norm.as_str()) && !ws[end].cap {
                end += 1;
            }
            let quantity = quantity_before(ws, i, from).map(|(v, _)| Quantity {
                value: v,
                unit: ws[end - 1].norm.clone(),
            });
            let start = quantity_before(ws, i, from).map_or(i, |(_, k)| k);
            push(
                start,
                end,
                m.entity.as_ref().map(|e| e.id.clone()),
                ObjectKind::Weapon,
                quantity,
                &mut out,
            );
            i = end;
            continue;
        }
        if s.ments.iter().any(|m| m.w0 == i) {
            i = s
                .ments
                .iter()
                .find(|m| m.w0 == i)
                .map_or(i + 1, |m| m.w1.max(i + 1));
            continue;
        }
        // "$5 billion"
        if ws[i].norm == "$" || ws[i].norm == "€" || ws[i].norm == "£" {
            if let Some((v, used)) = number_at(ws, i + 1) {
                let unit = match ws[i].norm.as_str() {
                    "$" => "USD",
                    "€" => "EUR",
                    _ => "GBP",
                };
                push(
                    i,
                    i + 1 + used,
                    None,
                    ObjectKind::Money,
                    Some(Quantity {
                        value: v,
                        unit: unit.into(),
                    }),
                    &mut out,
                );
                i += 1 + used;
                continue;
            }
        }
        // "300 tanks", "150,000 new recruits"
        // A year is no quantity: "in the 1967 Six-Day War", "the 2022/23 season".
        let year = ws[i].kind == WordKind::Num
            && ws[i].norm.len() == 4
            && ws[i]
                .norm
                .parse::<u32>()
                .is_ok_and(|y| (1800..=2100).contains(&y))
            && (ws.get(i + 1).is_some_and(|n| n.cap || n.is("/"))
                || (i > 0 && matches!(ws[i - 1].norm.as_str(), "the" | "in" | "since")));
        // Nor is a day of a month: "on September 3 demanding higher pay".
        let day = ws[i].kind == WordKind::Num
            && i > 0
            && sitrep_time::is_month_name(&ws[i - 1].norm)
            && ws[i]
                .norm
                .parse::<u32>()
                .is_ok_and(|d| (1..=31).contains(&d));
        if year || day {
            i += 1;
            continue;
        }
        if ws[i].kind == WordKind::Num || (ws[i].is_alpha() && number_at(ws, i).is_some()) {
            if let Some((v, used)) = number_at(ws, i) {
                let mut end = i + used;
                let mut last_noun = None;
                while end < to && end < i + used + 6 {
                    let w = &ws[end];
                    // "two multiple-launch rocket systems": a hyphen joins two words.
                    if w.is("-")
                        && last_noun.is_some()
                        && ws.get(end + 1).is_some_and(|n| n.is_alpha())
                    {
                        end += 1;
                        continue;
                    }
                    if !w.is_alpha()
                        || STOP_OBJECT.contains(&w.norm.as_str())
                        || (last_noun.is_some()
                            && w.norm.ends_with("ing")
                            && ws
                                .get(end + 1)
                                .is_none_or(|n| STOP_OBJECT.contains(&n.norm.as_str())))
                    {
                        break;
                    }
                    if s.ments
                        .iter()
                        .any(|m| m.w0 == end && m.kind == EntityType::Weapon)
                    {
                        break;
                    }
                    last_noun = Some(end);
                    end += 1;
                    if object_noun(&w.norm).is_some() {
                        break;
                    }
                }
                if let Some(ln) = last_noun {
                    let unit = ws[ln].norm.clone();
                    let partitive =
                        ws.get(ln + 1).is_some_and(|w| w.is("of")) && object_noun(&unit).is_none();
                    let measure = (i + used..=ln).any(|k| NOT_UNITS.contains(&ws[k].norm.as_str()));
                    if !measure && !partitive {
                        let kind = object_noun(&unit).unwrap_or(ObjectKind::Other);
                        push(
                            i,
                            ln + 1,
                            None,
                            kind,
                            Some(Quantity { value: v, unit }),
                            &mut out,
                        );
                        i = ln + 1;
                        continue;
                    }
                }
                i += used;
                continue;
            }
        }
        // A lexicon noun with up to two modifiers: "additional missiles", "its troops".
        let w = &ws[i];
        let two = ws
            .get(i + 1)
            .filter(|_| i + 1 < to)
            .map(|n| format!("{} {}", w.norm, n.norm));
        let (kind, end) = match two.as_deref().and_then(object_noun) {
            Some(k) => (Some(k), i + 2),
            None => (
                object_noun(&w.norm).filter(|_| w.is_alpha() && !w.cap),
                i + 1,
            ),
        };
        if let Some(kind) = kind {
            if !(w.norm == "force" || w.norm == "forces") || governed_kind.is_some() {
                let mut start = i;
                while start > from
                    && start > i.saturating_sub(2)
                    && ws[start - 1].is_alpha()
                    && !ws[start - 1].cap
                    && !STOP_OBJECT.contains(&ws[start - 1].norm.as_str())
                    && !ws[start - 1].norm.ends_with("ing")
                    && object_noun(&ws[start - 1].norm).is_none()
                    && !crate::events::is_trigger_word(&ws[start - 1].norm)
                {
                    start -= 1;
                    // "long-range missile systems": keep the compound modifier.
                    if start >= from + 2
                        && ws[start - 1].is("-")
                        && ws[start - 2].is_alpha()
                        && ws[start - 2].span.end == ws[start - 1].span.start
                    {
                        start -= 2;
                    }
                }
                let kind =
                    if kind == ObjectKind::Troops && governed_kind == Some(ObjectKind::Training) {
                        ObjectKind::Troops
                    } else {
                        kind
                    };
                push(start, end, None, kind, None, &mut out);
            }
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// A number right before word `at` (not before `from`): its value and first word.
fn quantity_before(ws: &[Word], at: usize, from: usize) -> Option<(f64, usize)> {
    for k in (from..at).rev().take(3) {
        if let Some((v, used)) = number_at(ws, k) {
            if k + used == at && ws[k].kind == WordKind::Num {
                return Some((v, k));
            }
        }
    }
    None
}

/// The first place after `from` preceded (within five words) by in/at/near, not one of `not`.
pub(crate) fn location(s: &Sent, from: usize, to: usize, not: &[&Actor]) -> Option<Location> {
    let ws = &s.ws;
    let places = |m: &&super::SMention| {
        matches!(
            m.kind,
            EntityType::Gpe | EntityType::Loc | EntityType::Facility
        ) && m.w0 >= from
            && m.w1 <= to
    };
    for m in s.ments.iter().filter(places) {
        let span = span_of(ws, m.w0, m.w1);
        if not.iter().any(|a| a.span.overlaps(span)) {
            continue;
        }
        let lo = m.w0.saturating_sub(5).max(from);
        let Some(prep) = (lo..m.w0)
            .rev()
            .find(|&k| matches!(ws[k].norm.as_str(), "in" | "at" | "near" | "inside"))
        else {
            continue;
        };
        // No other mention or clause break between the preposition and the place.
        let plain = |k: usize| {
            let w = &ws[k];
            (w.is_alpha()
                && !w.cap
                && !FUNCTION.contains(&w.norm.as_str())
                && !matches!(w.norm.as_str(), "when" | "where" | "while"))
                || matches!(w.norm.as_str(), "-" | "the" | "an" | "a")
        };
        if s.ments.iter().any(|x| x.w0 > prep && x.w1 <= m.w0) || !(prep + 1..m.w0).all(plain) {
            continue;
        }
        let e = m.entity.as_ref()?;
        let mut end = m.w1;
        let mut name = e.name.clone();
        // "Davos, Switzerland", "Ramstein Air Base in Germany".
        if let Some(next) = s.ments.iter().find(|x| {
            matches!(x.kind, EntityType::Gpe)
                && (x.w0 == m.w1 + 1 && matches!(ws[m.w1].norm.as_str(), "," | "in"))
        }) {
            if let Some(ne) = &next.entity {
                name = format!("{}, {}", name, ne.name);
                end = next.w1;
            }
        }
        let span = span_of(ws, prep + 1, end);
        return Some(Location {
            span,
            text: span.slice(s.text).to_string(),
            name,
            entity: Some(e.id.clone()),
        });
    }
    None
}

/// The country of a location's entity.
pub(crate) fn location_country<'a>(kb: &'a Kb, loc: &Location) -> Option<&'a str> {
    loc.entity
        .as_deref()
        .and_then(|id| kb.get(id))
        .and_then(|e| e.country.as_deref())
}

/// Forms of "use", which end a group's modifiers and make "force" after them no group.
const USE_VERBS: &[&str] = &["use", "used", "uses", "using"];

/// Whether the agent word at `q` is "force" used ("used force", "use excessive force"): a use
/// verb before it, with at most two adjectives between.
fn force_used(ws: &[Word], q: usize) -> bool {
    ws[q].norm == "force"
        && (q.saturating_sub(3)..q)
            .rev()
            .take_while(|&k| ws[k].is_alpha())
            .any(|k| USE_VERBS.contains(&ws[k].norm.as_str()))
}
