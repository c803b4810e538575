//! Mentions: finding names in the text and linking them to entities.
//!
//! Works line by line (a name never crosses a line break), so it does not depend on where the
//! sentence splitter cuts:
//!
//! 1. **KB aliases**, longest first at each word ([`Kb::match_at`]): case rules per alias,
//!    possessive `'s` tolerated, lower-case aliases too ("kyiv", "leopards").
//! 2. **Capitalised sequences** in the gaps ("Debra A Smith", "Grafenwoehr Training Area"), with
//!    leading title words stripped ("Army Colonel Dave Butler" -> "Dave Butler", title sector MIL)
//!    and a type guess: a title before it => PERSON; a last word like Group/Ministry => ORG,
//!    Base/Area => FACILITY, Province/Sea => LOC, War => EVENT_NAME; an unknown single word after
//!    in/at/near => GPE; two to four plain capitalised words => PERSON. Headline lines in Title
//!    Case get no guessed mentions, and a sentence's first word only counts when the article also
//!    capitalises it elsewhere, or when it is alone, the subject of what follows ("Somaliland
//!    demanded", "Hezbollah said"), no common word, and a proper noun to the tagger
//!    (`initial_name`; a name ending like a country's is a GPE, any other an ORG).
//! 3. **Linking**: KB matches link to their entry. Within one article a later surname alone
//!    ("Zaluzhnyi", "Brown") links to the person named in full earlier, also when a GeoNames place
//!    has that name ("Austin" after "Lloyd Austin"). Other names become text
//!    entities, id `txt:` + [`short_hash`] of type and name, with the country and sector the text
//!    gives them: a demonym or country before the title ("Estonian Defense Minister X": EST, GOV)
//!    or an appositive after (", a spokesman for Milley").
//!
//! Metonymy (a capital in subject position standing for a government) is decided by the event
//! layer, which knows positions; here "Kyiv" links to the city.
//!
//! Left to others: a trained NER (sitrep-nlp, later), cross-article entity resolution
//! (sitrep-stories).

use crate::kb::{Kb, KbMatch};
use crate::words::{words, Word, WordKind};
use sitrep_core::{short_hash, Article, AttrEvidence, Entity, EntityType, Mention, Sector, Span};
use std::collections::{HashMap, HashSet};

/// The mentions of an article and the entities they link to.
#[derive(Debug, Clone, Default)]
pub(crate) struct Linked {
    pub mentions: Vec<Mention>,
    /// Parallel to `mentions`: whether the mention is a demonym (NORP).
    pub norp: Vec<bool>,
    /// Entities the mentions link to, in first-mention order.
    pub entities: Vec<Entity>,
    index: HashMap<String, usize>,
}

impl Linked {
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.index.get(id).map(|&i| &self.entities[i])
    }

    fn add_entity(&mut self, e: &Entity) {
        if !self.index.contains_key(&e.id) {
            self.index.insert(e.id.clone(), self.entities.len());
            self.entities.push(e.clone());
        }
    }

    /// Makes sure a KB entity used by an event (a country for metonymy) is listed.
    pub fn ensure(&mut self, e: &Entity) {
        self.add_entity(e);
    }
}

/// Words that start sentences or headlines without being names.
#[rustfmt::skip]
const STOP: &[&str] = &[
    "the", "a", "an", "but", "and", "or", "it", "its", "this", "that", "these", "those", "then",
    "there", "here", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "my",
    "in", "on", "at", "for", "from", "with", "by", "of", "to", "as", "after", "before", "during",
    "while", "when", "where", "what", "which", "who", "how", "why", "if", "although", "though",
    "however", "meanwhile", "furthermore", "additionally", "moreover", "separately", "currently",
    "earlier", "later", "last", "next", "since", "so", "yet", "still", "also", "only", "some",
    "many", "more", "most", "all", "both", "each", "every", "no", "not", "tens", "hundreds",
    "thousands", "millions", "sources", "supporters", "discussion", "according", "read", "top",
    "full", "article", "news", "send", "message", "look", "each", "other", "eye", "implications",
    "presence", "international", "reactions", "concerns", "requests", "response", "statements",
    "today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "mr", "ms", "mrs", "dr", "god", "chairman",
    "chief", "secretary", "president", "minister", "general", "gen", "war", "ukraine's", "first",
    "second", "third", "one", "two", "several", "such", "like", "even", "now", "just", "again",
    "online", "video", "photo", "reuters", "update",
];

/// Words that open a sentence before a name without being part of it ("Under NASA's plan",
/// "Following Assange's arrest", "Would Adam Schiff have ..."): prepositions, participles used as
/// prepositions and auxiliaries of a question. "Will" and "May" are left out (first names).
#[rustfmt::skip]
const OPENERS: &[&str] = &[
    "under", "following", "despite", "amid", "among", "against", "without", "within", "about",
    "across", "along", "around", "behind", "beyond", "inside", "outside", "over", "through",
    "toward", "towards", "unlike", "until", "upon", "via", "like", "near", "once", "unless",
    "whether", "instead", "perhaps", "even", "just", "citing", "including", "regarding",
    "concerning", "given", "would", "could", "should", "did", "does", "do", "has", "have", "had",
    "is", "was", "were", "are", "can", "shall", "why", "asked", "says", "said", "dear", "thanks",
    "welcome",
];

#[rustfmt::skip]
const CALENDAR: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december",
];
#[rustfmt::skip]
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "de", "von", "van", "der", "al", "bin", "du", "la",
];
#[rustfmt::skip]
const ORG_SUFFIX: &[&str] = &[
    "group", "ministry", "agency", "forum", "council", "committee", "party", "institute", "center",
    "centre", "university", "union", "organization", "organisation", "alliance", "company",
    "corporation", "corp", "inc", "ltd", "bank", "fund", "court", "parliament", "assembly",
    "commission", "department", "office", "service", "news", "times", "post", "journal", "network",
    "brigade", "battalion", "regiment", "division", "corps", "command", "guard", "academy",
    "foundation", "association", "federation", "league", "front", "movement",
];
#[rustfmt::skip]
const FACILITY_SUFFIX: &[&str] = &[
    "base", "airport", "area", "port", "bridge", "plant", "station", "airfield", "palace",
    "embassy", "prison", "hospital", "dam", "barracks", "range",
];
#[rustfmt::skip]
const LOC_SUFFIX: &[&str] = &[
    "province", "region", "oblast", "sea", "river", "mountains", "island", "islands", "peninsula",
    "valley", "strait", "gulf", "ocean", "county", "district",
];
#[rustfmt::skip]
const EVENT_SUFFIX: &[&str] = &[
    "war", "summit", "conference", "games", "olympics", "revolution",
];
pub(crate) const LOCATION_PREPS: &[&str] = &["in", "at", "near", "inside", "outside", "from", "to"];
const NAME_SUFFIX: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Mentions of `article.text` and the entities they link to.
pub(crate) fn find(kb: &Kb, article: &Article, sentences: &[Span]) -> Linked {
    let text = article.text.as_str();
    let mut lines: Vec<Vec<Word>> = Vec::new();
    let mut start = 0;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\n')))
    {
        if c == '\n' {
            if i > start {
                lines.push(words(text, Span::new(start, i)));
            }
            start = i + c.len_utf8();
        }
    }
    // Words that begin a sentence, and capitalised words seen elsewhere.
    let sentence_starts: Vec<usize> = sentences.iter().map(|s| s.start).collect();
    let mut initial: HashSet<usize> = HashSet::new();
    let mut seen_sentence: HashSet<usize> = HashSet::new();
    let mut cap_elsewhere: HashSet<String> = HashSet::new();
    for ws in &lines {
        for w in ws {
            if w.kind == WordKind::Punct {
                continue;
            }
            let s = sentence_starts.partition_point(|&st| st <= w.span.start);
            let is_initial = seen_sentence.insert(s);
            if is_initial {
                initial.insert(w.span.start);
            } else if w.cap && w.is_alpha() {
                cap_elsewhere.insert(w.norm.clone());
            }
        }
    }

    // The trained recogniser reads the whole article at once (its document-level features
    // need every line); its spans type the names the knowledge base does not know.
    let doc: Vec<Vec<&str>> = lines
        .iter()
        .map(|ws| ws.iter().map(|w| w.span.slice(text)).collect())
        .collect();
    let ner = sitrep_ner::Ner::builtin().recognise(&doc);

    let mut out = Linked::default();
    let mut surnames: HashMap<String, String> = HashMap::new();
    for (ws, ner) in lines.iter().zip(&ner) {
        link_line(
            kb,
            &article.id,
            text,
            ws,
            ner,
            &initial,
            &cap_elsewhere,
            &mut surnames,
            &mut out,
        );
    }
    out
}

/// The type the recogniser gives words `k..end` of a line: that of the first of its spans
/// overlapping them. `Some(None)` when it found no name there at all.
fn ner_kind(ner: &[sitrep_ner::NerSpan], k: usize, end: usize) -> Option<EntityType> {
    ner.iter()
        .find(|s| s.start < end && k < s.end)
        .map(|s| s.kind)
}

fn surname_of(name_words: &[Word]) -> Option<String> {
    name_words
        .iter()
        .rev()
        .filter(|w| w.is_alpha() && !NAME_SUFFIX.contains(&w.norm.as_str()) && w.norm.len() > 1)
        .map(|w| w.norm.clone())
        .next()
}

#[allow(clippy::too_many_arguments)]
fn link_line(
    kb: &Kb,
    article_id: &str,
    text: &str,
    ws: &[Word],
    ner: &[sitrep_ner::NerSpan],
    initial: &HashSet<usize>,
    cap_elsewhere: &HashSet<String>,
    surnames: &mut HashMap<String, String>,
    out: &mut Linked,
) {
    // Pass 1: KB matches, greedy left to right.
    let mut kb_at: Vec<Option<KbMatch>> = vec![None; ws.len()];
    let mut i = 0;
    while i < ws.len() {
        if let Some(m) = kb.match_at(text, ws, i) {
            // A GeoNames place the recogniser reads as a person's name is the person:
            // "Nelson Mandela said", not Mandela in Ghana.
            if m.gazetteer && ner_kind(ner, i, i + m.len) == Some(EntityType::Person) {
                i += 1;
                continue;
            }
            kb_at[i] = Some(m);
            i += m.len;
        } else {
            i += 1;
        }
    }
    // Mentions found on this line: (first word, end word excl, mention index).
    let mut line_mentions: Vec<(usize, usize, usize)> = Vec::new();
    let title_case = is_title_case(ws);
    let mut i = 0;
    while i < ws.len() {
        if let Some(m) = kb_at[i] {
            if let Some(id) = surnames
                .get(&ws[i].norm)
                .filter(|_| m.gazetteer && m.len == 1)
            {
                // "Austin" after "Lloyd Austin": the person, not the Texas city.
                line_mentions.push((i, i + 1, out.mentions.len()));
                out.mentions.push(Mention {
                    span: ws[i].span,
                    kind: EntityType::Person,
                    entity: Some(id.clone()),
                });
                out.norp.push(false);
                i += 1;
                continue;
            }
            let e = kb.entity_at(m.entry);
            let span = Span::new(ws[i].span.start, ws[i + m.len - 1].span.end);
            let kind = if m.norp { EntityType::Norp } else { e.kind };
            if e.kind == EntityType::Person {
                for s in [
                    surname_of(&crate::words::words_of_str(&e.name)),
                    surname_of(&ws[i..i + m.len]),
                ]
                .into_iter()
                .flatten()
                {
                    surnames.insert(s, e.id.clone());
                }
            }
            out.add_entity(e);
            line_mentions.push((i, i + m.len, out.mentions.len()));
            out.mentions.push(Mention {
                span,
                kind,
                entity: Some(e.id.clone()),
            });
            out.norp.push(m.norp);
            i += m.len;
            continue;
        }
        if !(ws[i].is_alpha() && ws[i].cap) {
            i += 1;
            continue;
        }
        // Collect a capitalised sequence.
        let seq_start = i;
        let mut j = i;
        let mut last = i;
        while j < ws.len() {
            let w = &ws[j];
            if j > seq_start && kb_at[j].is_some() {
                break;
            }
            if w.is_alpha() && w.cap {
                last = j;
                j += 1;
                if w.poss {
                    break;
                }
                continue;
            }
            let prev = &ws[j - 1];
            if w.norm == "." && j > seq_start && prev.span.end == w.span.start && prev.is_alpha() {
                let abbrev = prev.norm.chars().count() == 1
                    || NAME_SUFFIX.contains(&prev.norm.as_str())
                    || kb.agent(&prev.norm).is_some_and(|a| a.title);
                if abbrev {
                    last = j;
                    j += 1;
                    continue;
                }
                break;
            }
            let next_cap = ws.get(j + 1).is_some_and(|n| n.is_alpha() && n.cap)
                && kb_at.get(j + 1).is_some_and(|k| k.is_none());
            if CONNECTORS.contains(&w.norm.as_str()) && next_cap {
                j += 1;
                continue;
            }
            break;
        }
        let seq_end = last + 1;
        i = seq_end.max(seq_start + 1);
        // Strip leading titles and sentence-initial function words.
        let mut k = seq_start;
        let mut had_title = false;
        let mut title_sector: Option<Sector> = None;
        while k < seq_end {
            let w = &ws[k];
            if w.norm == "." {
                k += 1;
                continue;
            }
            if let Some(a) = kb.agent(&w.norm).filter(|a| a.title) {
                had_title = true;
                title_sector = merge_sector(title_sector, a.sector);
                k += 1;
                continue;
            }
            if (k == seq_start
                && initial.contains(&w.span.start)
                && (STOP.contains(&w.norm.as_str()) || OPENERS.contains(&w.norm.as_str())))
                || w.norm == "the"
                || CONNECTORS.contains(&w.norm.as_str())
            {
                k += 1;
                continue;
            }
            break;
        }
        // Trailing "." unless it closes an initial or a suffix.
        let mut end = seq_end;
        while end > k && ws[end - 1].norm == "." {
            let before = &ws[end - 2];
            if end - 2 >= k
                && (before.norm.chars().count() == 1 || NAME_SUFFIX.contains(&before.norm.as_str()))
            {
                break;
            }
            end -= 1;
        }
        if end <= k {
            continue;
        }
        let name_words = &ws[k..end];
        let alpha: Vec<&Word> = name_words.iter().filter(|w| w.is_alpha()).collect();
        let Some(last_word) = alpha.last() else {
            continue;
        };
        // "Wednesday and Thursday": no name word at all.
        if alpha.iter().any(|w| CALENDAR.contains(&w.norm.as_str()))
            || alpha.iter().all(|w| STOP.contains(&w.norm.as_str()))
        {
            continue;
        }
        let first_initial = initial.contains(&name_words[0].span.start);
        let kind = if alpha.len() == 1 {
            let w = alpha[0];
            if let Some(id) = surnames.get(&w.norm) {
                // A surname alone: the person named in full earlier.
                let span = Span::new(w.span.start, w.span.end);
                line_mentions.push((k, end, out.mentions.len()));
                out.mentions.push(Mention {
                    span,
                    kind: EntityType::Person,
                    entity: Some(id.clone()),
                });
                out.norp.push(false);
                continue;
            }
            if had_title {
                Some(EntityType::Person)
            } else if ORG_SUFFIX.contains(&w.norm.as_str())
                || STOP.contains(&w.norm.as_str())
                || title_case
                || (first_initial && !cap_elsewhere.contains(&w.norm))
            {
                None
            } else if seq_start > 0 && LOCATION_PREPS.contains(&ws[seq_start - 1].norm.as_str()) {
                Some(EntityType::Gpe)
            } else {
                None
            }
        } else if title_case && !had_title {
            None
        } else if ORG_SUFFIX.contains(&last_word.norm.as_str()) {
            Some(EntityType::Org)
        } else if FACILITY_SUFFIX.contains(&last_word.norm.as_str()) {
            Some(EntityType::Facility)
        } else if LOC_SUFFIX.contains(&last_word.norm.as_str()) {
            Some(EntityType::Loc)
        } else if EVENT_SUFFIX.contains(&last_word.norm.as_str()) {
            Some(EntityType::EventName)
        } else if had_title
            || (alpha.len() <= 4
                && alpha.iter().all(|w| {
                    !STOP.contains(&w.norm.as_str()) && w.norm.chars().any(char::is_lowercase)
                        || w.norm.chars().count() == 1
                })
                && alpha.iter().all(|w| {
                    w.span
                        .slice(text)
                        .chars()
                        .skip(1)
                        .all(|c| !c.is_uppercase())
                }))
        {
            Some(EntityType::Person)
        } else {
            Some(EntityType::Org)
        };
        // The recogniser decides where it has an opinion: its type where it found a name, no
        // name where it found none (unless a title makes the words a person's name).
        let kind = match ner_kind(ner, k, end) {
            Some(EntityType::Weapon) | None if had_title => kind,
            Some(found) => Some(found),
            None if alpha.len() == 1 && end - k == 1 && first_initial => {
                initial_name(kb, text, ws, k)
            }
            None => None,
        };
        let Some(kind) = kind else { continue };
        let span = Span::new(
            name_words[0].span.start,
            name_words[name_words.len() - 1].span.end,
        );
        let name = span.slice(text).to_string();
        let (mut country, mut sector) = (None, title_sector);
        let mut clues: Vec<Clue> = Vec::new();
        if let (Some(sec), true) = (title_sector, k > seq_start) {
            let span = Span::new(ws[seq_start].span.start, ws[k - 1].span.end);
            clues.push(("sector", sec.as_str().to_string(), "title", span));
        }
        if kind == EntityType::Person {
            let (c, s, more) = person_context(kb, ws, &kb_at, &line_mentions, out, seq_start, end);
            country = c;
            sector = merge_sector(sector, s);
            for clue in more {
                if !clues.iter().any(|x| x.0 == clue.0) {
                    clues.push(clue);
                }
            }
            if let Some(s) = surname_of(name_words) {
                surnames.entry(s).or_insert_with(|| txt_id(kind, &name));
            }
        }
        let id = txt_id(kind, &name);
        if out.entity(&id).is_none() {
            out.add_entity(&Entity {
                id: id.clone(),
                name,
                kind,
                aliases: Vec::new(),
                evidence: clues
                    .into_iter()
                    .filter(|(attr, value, _, _)| match *attr {
                        "country" => country.as_deref() == Some(value.as_str()),
                        _ => sector.is_some_and(|s| s.as_str() == value),
                    })
                    .map(|(attribute, value, how, span)| AttrEvidence {
                        attribute: attribute.to_string(),
                        value,
                        how: how.to_string(),
                        article: article_id.to_string(),
                        span,
                        text: span.slice(text).to_string(),
                    })
                    .collect(),
                country,
                sector,
            });
        }
        line_mentions.push((k, end, out.mentions.len()));
        out.mentions.push(Mention {
            span,
            kind,
            entity: Some(id),
        });
        out.norp.push(false);
    }
}

/// Words that, right after a sentence's first word, make it the subject of a clause.
#[rustfmt::skip]
const SUBJECT_NEXT: &[&str] = &[
    "said", "says", "has", "have", "had", "is", "was", "will", "would", "could", "can", "may",
    "might", "must", "should", "also", "on", "again", "then", "later", "earlier", "now", "today",
    "yesterday", "and", "'s", "’s",
];

/// A sentence's first word that neither the capitalisation rules nor the recogniser take for a
/// name, when it is one: "Somaliland demanded ...", "Hezbollah said ...". The word must be the
/// subject of what follows (a verb in the past, a trigger, "said", an auxiliary, "on Monday"),
/// not a stop, calendar, title or group word ("Officials said"), nor a common word
/// ([`sitrep_syntax::tagger::Tagger::common_word`]), and the tagger, reading the sentence's
/// first words, must call it a proper noun. A name ending like a country's
/// ("-ia", "-stan", "-land") is a place (an actor in subject position), any other a group.
fn initial_name(kb: &Kb, text: &str, ws: &[Word], k: usize) -> Option<EntityType> {
    let w = &ws[k];
    let next = ws.get(k + 1)?;
    let norm = w.norm.as_str();
    if STOP.contains(&norm)
        || CALENDAR.contains(&norm)
        || kb.agent(norm).is_some()
        || w.norm.chars().count() < 3
        || !next.is_alpha() && !matches!(next.norm.as_str(), "'s" | "’s")
    {
        return None;
    }
    let nn = next.norm.as_str();
    let verbish = w.poss
        || SUBJECT_NEXT.contains(&nn)
        || (nn.ends_with("ed") && !next.cap)
        || crate::events::is_trigger_word(nn);
    if !verbish {
        return None;
    }
    let forms: Vec<&str> = ws[k..ws.len().min(k + 8)]
        .iter()
        .map(|x| x.span.slice(text))
        .collect();
    let tagger = &sitrep_syntax::analyse::Syntax::try_global().ok()?.tagger;
    // A common word capitalised because it starts the sentence ("Peace returned", "Bank
    // shares fell").
    let bare = w.span.slice(text);
    let bare = bare
        .strip_suffix("'s")
        .or_else(|| bare.strip_suffix("’s"))
        .unwrap_or(bare);
    if tagger.common_word(bare) {
        return None;
    }
    if tagger.tag(&forms).first().map(|t| t.upos.as_str()) != Some("PROPN") {
        return None;
    }
    let place = ["ia", "stan", "land"].iter().any(|s| norm.ends_with(s));
    tracing::debug!(name = %w.span.slice(text), place, "sentence-initial name");
    Some(if place {
        EntityType::Gpe
    } else {
        EntityType::Org
    })
}

fn txt_id(kind: EntityType, name: &str) -> String {
    format!("txt:{}", short_hash(&[kind.as_str(), &name.to_lowercase()]))
}

/// MIL wins over GOV ("Army Colonel"); otherwise the first sector found stays.
pub(crate) fn merge_sector(a: Option<Sector>, b: Option<Sector>) -> Option<Sector> {
    match (a, b) {
        (_, Some(Sector::Mil)) => Some(Sector::Mil),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}

/// A headline in Title Case: three or more capitalised words and no lower-case word but short
/// function words ("Pentagon Denies Zelensky's Request for Missiles, According to WSJ").
pub(crate) fn is_title_case(ws: &[Word]) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from",
        "as", "vs", "over", "into",
    ];
    let alpha = ws
        .iter()
        .filter(|w| w.is_alpha() && w.norm.chars().count() > 1);
    let (mut caps, mut lower) = (0, 0);
    for w in alpha {
        if w.cap {
            caps += 1;
        } else if !SMALL.contains(&w.norm.as_str()) {
            lower += 1;
        }
    }
    caps >= 3 && lower == 0
}

/// An attribute found in the text: (attribute, value, how, the words' span).
type Clue = (&'static str, String, &'static str, Span);

/// Country and sector of an unknown person from the words around the name: a demonym, country or
/// organisation before the titles, or an appositive after (", a spokesman for Milley,").
fn person_context(
    kb: &Kb,
    ws: &[Word],
    kb_at: &[Option<KbMatch>],
    line_mentions: &[(usize, usize, usize)],
    out: &Linked,
    seq_start: usize,
    name_end: usize,
) -> (Option<String>, Option<Sector>, Vec<Clue>) {
    let mention_ending_at = |end: usize| line_mentions.iter().find(|m| m.1 == end).copied();
    let attrs = |mi: usize| -> (Option<String>, Option<Sector>) {
        out.mentions[mi]
            .entity
            .as_deref()
            .and_then(|id| out.entity(id))
            .map(|e| {
                (
                    e.country.clone(),
                    if e.kind == EntityType::Person {
                        e.sector
                    } else {
                        None
                    },
                )
            })
            .unwrap_or((None, None))
    };
    let mut country = None;
    let mut sector = None;
    let mut clues = Vec::new();
    // Before: "Estonian Defense Minister", "Ukraine's Chief Military Officer General".
    let mut p = seq_start;
    let mut steps = 0;
    while p > 0 && steps < 6 {
        steps += 1;
        if let Some((k, _, mi)) = mention_ending_at(p) {
            let (c, _) = attrs(mi);
            let span = Span::new(ws[k].span.start, ws[p - 1].span.end);
            clues.extend(c.clone().map(|c| ("country", c, "title", span)));
            country = c;
            break;
        }
        let w = &ws[p - 1];
        let titleish =
            kb.agent(&w.norm).is_some_and(|a| a.title) || w.norm == "." || (w.is_alpha() && w.cap);
        if !titleish {
            break;
        }
        if let Some(a) = kb.agent(&w.norm) {
            sector = merge_sector(sector, a.sector);
        }
        p -= 1;
    }
    if p < seq_start && sector.is_some() {
        let span = Span::new(ws[p].span.start, ws[seq_start - 1].span.end);
        clues.extend(sector.map(|s| ("sector", s.as_str().to_string(), "title", span)));
    }
    let (before_country, before_sector) = (country.clone(), sector);
    // After: an appositive up to the next comma.
    if ws.get(name_end).is_some_and(|w| w.norm == ",") {
        let mut q = name_end + 1;
        while q < ws.len() && q < name_end + 15 && ws[q].norm != "," && ws[q].norm != "." {
            // Later names of the line are not linked yet: read the KB matches.
            if let Some(m) = kb_at[q] {
                let e = kb.entity_at(m.entry);
                country = country.or(e.country.clone());
                if e.kind == EntityType::Person {
                    sector = sector.or(e.sector);
                }
                q += m.len;
                continue;
            }
            if let Some(a) = kb.agent(&ws[q].norm) {
                sector = merge_sector(sector, a.sector);
            }
            q += 1;
        }
        if q > name_end + 1 {
            let span = Span::new(ws[name_end + 1].span.start, ws[q - 1].span.end);
            if country != before_country {
                clues.extend(country.clone().map(|c| ("country", c, "appositive", span)));
            }
            if sector != before_sector {
                clues
                    .extend(sector.map(|s| ("sector", s.as_str().to_string(), "appositive", span)));
            }
        }
    }
    (country, sector, clues)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::SourceRef;

    pub(crate) fn article(text: &str) -> Article {
        Article {
            language: Some("en".into()),
            ..Article::from_text(text, SourceRef::default())
        }
    }

    fn linked(text: &str) -> Linked {
        let a = article(text);
        let s = sitrep_nlp::split_sentences(&a.text);
        find(&Kb::builtin(), &a, &s)
    }

    fn id_of(l: &Linked, text: &str, surface: &str) -> Option<String> {
        l.mentions
            .iter()
            .find(|m| m.span.slice(text) == surface)
            .and_then(|m| m.entity.clone())
    }

    #[test]
    fn unknown_person_gets_country_and_sector_from_title() {
        let t = "Estonian Defense Minister Jaak Tamm said so. Later Tamm left.";
        let l = linked(t);
        let id = id_of(&l, t, "Jaak Tamm").unwrap();
        assert!(id.starts_with("txt:"));
        let e = l.entity(&id).unwrap();
        assert_eq!(e.kind, EntityType::Person);
        assert_eq!(e.country.as_deref(), Some("EST"));
        assert_eq!(e.sector, Some(Sector::Gov));
        // Where each attribute came from.
        let ev: Vec<(&str, &str, &str)> = e
            .evidence
            .iter()
            .map(|x| (x.attribute.as_str(), x.value.as_str(), x.text.as_str()))
            .collect();
        assert!(ev.contains(&("country", "EST", "Estonian")), "{ev:?}");
        assert!(
            ev.iter()
                .any(|(a, v, w)| *a == "sector" && *v == "GOV" && w.contains("Minister")),
            "{ev:?}"
        );
        assert_eq!(id_of(&l, t, "Tamm"), Some(id));
    }

    #[test]
    fn appositive_and_title_give_military_sector() {
        let t = "Army Colonel Bob Tiller, a spokesman for Milley, said the two generals met.";
        let l = linked(t);
        let e = l
            .entity(&id_of(&l, t, "Bob Tiller").unwrap())
            .unwrap()
            .clone();
        assert_eq!(e.sector, Some(Sector::Mil));
        assert_eq!(e.country.as_deref(), Some("USA"));
        let country = e
            .evidence
            .iter()
            .find(|x| x.attribute == "country")
            .unwrap();
        assert_eq!(
            (country.how.as_str(), country.text.as_str()),
            ("appositive", "a spokesman for Milley")
        );
        let sector = e.evidence.iter().find(|x| x.attribute == "sector").unwrap();
        assert_eq!(
            (sector.how.as_str(), sector.text.as_str()),
            ("title", "Army Colonel")
        );
    }

    #[test]
    fn guessed_types() {
        let t = "Fighters of the Azov Brigade were seen yesterday at Hostomel Airport, not far from Gostomelia.";
        let l = linked(t);
        let kind = |s: &str| {
            l.mentions
                .iter()
                .find(|m| m.span.slice(t) == s)
                .map(|m| m.kind)
        };
        assert_eq!(kind("Azov Brigade"), Some(EntityType::Org));
        assert_eq!(kind("Hostomel Airport"), Some(EntityType::Facility));
        assert_eq!(kind("Gostomelia"), Some(EntityType::Gpe));
        assert_eq!(kind("Fighters"), None);
    }

    #[test]
    fn a_sentence_opener_is_not_part_of_the_name() {
        for (t, name) in [
            (
                "Following Assange's arrest, a lawyer asked for the case to resume.",
                "Assange",
            ),
            (
                "Under NASA's plan, the Gateway would be launched commercially.",
                "NASA",
            ),
            (
                "Would Adam Schiff have pleaded to keep it secret?",
                "Adam Schiff",
            ),
        ] {
            let l = linked(t);
            let names: Vec<&str> = l.mentions.iter().map(|m| m.span.slice(t)).collect();
            assert!(names.contains(&name), "{t}: {names:?}");
        }
    }
}
