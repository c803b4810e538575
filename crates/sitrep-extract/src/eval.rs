//! Evaluation against the PLOVER gold-standard records (`gold_standard_records.jsonl`).
//!
//! [`plover`] reads the JSONL file — with [`plover_in`]'s CoNLL files, the only file I/O in this
//! crate besides [`crate::Kb::load_dir`] — and runs [`Extractor::default`]'s [`Extractor::analyse`] on each record's `text` as a
//! one-sentence article without a publication date. Records whose `event` is `DOCUMENT` are
//! documentation and skipped.
//!
//! **Gold types.** The records use PLOVER 0.5 names; they are mapped to this crate's 16 types with
//! the manual's CAMEO translation table: DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE,
//! FIGHT -> ASSAULT; every other name is taken as is.
//!
//! **Main event.** The event with the earliest trigger (in a news lead the main clause comes
//! before its subordinate clauses and the attribution); among events of one trigger, the highest
//! confidence. A sentence without events predicts `NONE`. (Choosing by highest confidence instead
//! scored lower on the gold records; see the crate's report in the issue.)
//!
//! **Scores.**
//! * `type_accuracy`: main event type == gold type, over all records (no event counts as wrong).
//! * `source_accuracy`: over all records with a gold source (no event counts as wrong). The main
//!   event's source actor matches when, for some gold source actor, (a) its `actorText` and the
//!   predicted actor's text or canonical name contain one another, compared in lower case with
//!   runs of non-alphanumeric characters folded to one space and a leading "the " dropped
//!   ("Hungarian" vs "Senior Hungarian officials"), or (b) the gold `code` equals the predicted
//!   actor's country (ISO3). The predicted event's type does not matter for this score.
//! * `target_accuracy`: the same for targets, over records with a non-empty gold target.
//!
//! [`PloverScores`] prints as `eval plover type_accuracy=0.xxx source_accuracy=0.xxx
//! target_accuracy=0.xxx`; [`PloverScores::confusion`] gives gold type rows against predicted
//! type columns.

use crate::Extractor;
use sitrep_core::{Actor, Article, Event, PloverType, SourceRef};
use std::collections::BTreeMap;
use std::fmt;
use std::fmt::Write as _;
use std::path::Path;

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Format {
        path: String,
        line: usize,
        message: String,
    },
}

/// One gold actor: its text and code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldActor {
    pub text: String,
    pub code: Option<String>,
}

/// One scored record.
#[derive(Debug, Clone)]
pub struct PloverRecord {
    pub id: String,
    pub text: String,
    /// Gold type after mapping to this crate's types (see the module doc).
    pub gold: String,
    /// Predicted type of the main event, `NONE` without one.
    pub predicted: String,
    pub gold_source: Vec<GoldActor>,
    pub gold_target: Vec<GoldActor>,
    pub predicted_source: Option<String>,
    pub predicted_target: Option<String>,
    pub type_ok: bool,
    pub source_ok: bool,
    /// `None` when the record has no gold target.
    pub target_ok: Option<bool>,
}

/// The scores of [`plover`], with every record.
#[derive(Debug, Clone, Default)]
pub struct PloverScores {
    pub records: Vec<PloverRecord>,
    pub type_accuracy: f64,
    pub source_accuracy: f64,
    pub target_accuracy: f64,
}

/// Gold PLOVER 0.5 names to this crate's types (the manual's translation table).
pub fn map_gold_type(name: &str) -> String {
    match name {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
    .to_string()
}

/// The main event of a sentence's events, which the extractor lists main first (the trigger
/// highest in the parse tree, then the earliest): the first, unless it has no source ("was
/// arrested" says less than who did what) and a later event has one. That later event wins,
/// except when it stands in a clause subordinate to the first, that is when a subordinating word
/// ([`BACKGROUND_WORDS`]: "after", "when", "since", "which"...) comes between the two triggers,
/// and is of another type: "Books were banned ... before the Jewish state handed over parts of
/// the two areas to the PLO" is a ban, the hand-over is background; so is a noun of another
/// type right after a preposition of the first ("was arrested in the attack"). (Of the same type, the
/// later event is the same happening told with its actor: "Two soldiers were killed when
/// guerrillas detonated a bomb".) `text` is the text the events' spans point into.
pub fn main_event<'a>(events: &'a [Event], text: &str) -> Option<&'a Event> {
    let first = events.first()?;
    if first.source.is_some() {
        return Some(first);
    }
    let Some(sourced) = events.iter().find(|e| e.source.is_some()) else {
        return Some(first);
    };
    let between = text
        .get(first.trigger.end..sourced.trigger.start)
        .unwrap_or_default();
    let subordinate = between
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| BACKGROUND_WORDS.iter().any(|b| w.eq_ignore_ascii_case(b)));
    // A noun in a phrase of the first event is its circumstance: "was arrested in the
    // attack", "was jailed for the killing".
    let mut back = between.split_whitespace().rev().map(str::to_lowercase);
    let in_phrase = match (back.next(), back.next()) {
        (Some(d), Some(p)) if DETERMINERS.contains(&d.as_str()) => {
            PHRASE_WORDS.contains(&p.as_str())
        }
        (Some(p), _) => PHRASE_WORDS.contains(&p.as_str()),
        _ => false,
    };
    if (subordinate || in_phrase) && sourced.kind != first.kind {
        Some(first)
    } else {
        Some(sourced)
    }
}

/// Prepositions whose noun is a circumstance of the event before it, for [`main_event`].
const PHRASE_WORDS: &[&str] = &["in", "for", "over", "during", "of"];

/// Determiners between such a preposition and its noun.
const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "its", "their"];

/// Words that open a clause or phrase subordinate to what comes before them (time, cause,
/// relative clauses), for [`main_event`].
#[rustfmt::skip]
pub const BACKGROUND_WORDS: &[&str] = &[
    "after", "before", "when", "since", "while", "until", "because", "as", "following", "which",
    "who", "where",
];

fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    let t = out.trim();
    t.strip_prefix("the ").unwrap_or(t).to_string()
}

/// The sentences of a CoNLL-2003 file, read by the NER crate's reader
/// ([`sitrep_ner::data::read`]: sentences in file order, `-DOCSTART-` lines skipped), each
/// joined into text by [`conll_text`].
pub fn conll_sentences(path: &Path) -> Result<Vec<String>, EvalError> {
    let docs = sitrep_ner::data::read(path, sitrep_ner::Format::Conll).map_err(|e| match e {
        sitrep_ner::NerError::Io { path, source } => EvalError::Io { path, source },
        sitrep_ner::NerError::Data { path, line, msg } => EvalError::Format {
            path,
            line,
            message: msg,
        },
        other => EvalError::Format {
            path: path.display().to_string(),
            line: 0,
            message: other.to_string(),
        },
    })?;
    Ok(docs
        .iter()
        .flat_map(|d| &d.sentences)
        .map(|s| conll_text(&s.words.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect())
}

/// Tokens joined back into running text the way a newspaper prints them: no space before
/// closing punctuation and clitics (`,` `.` `)` `'s` `n't` `%`), none after `(` and `$`, and
/// straight double quotes taken as opening and closing in turn.
pub fn conll_text(words: &[&str]) -> String {
    const NO_SPACE_BEFORE: &[&str] = &[
        ",", ".", ";", ":", "!", "?", ")", "'s", "n't", "%", "'", "'re", "'ve", "'ll", "'d", "'m",
        "]", "}",
    ];
    const NO_SPACE_AFTER: &[&str] = &["(", "$", "[", "{"];
    let mut s = String::new();
    let mut quote_open = false;
    // Whether the next word sticks to what came before.
    let mut glue = true;
    for &w in words {
        if w == "\"" {
            if quote_open {
                s.push('"');
                glue = false;
            } else {
                if !s.is_empty() && !glue {
                    s.push(' ');
                }
                s.push('"');
                glue = true;
            }
            quote_open = !quote_open;
            continue;
        }
        if !s.is_empty() && !glue && !NO_SPACE_BEFORE.contains(&w) {
            s.push(' ');
        }
        s.push_str(w);
        glue = NO_SPACE_AFTER.contains(&w);
    }
    s
}

/// Whether a predicted actor matches one of the gold actors (see the module doc).
pub fn actor_matches(pred: &Actor, gold: &[GoldActor]) -> bool {
    let texts = [fold(&pred.text), fold(&pred.name)];
    gold.iter().any(|g| {
        let gt = fold(&g.text);
        let by_text = !gt.is_empty()
            && texts
                .iter()
                .any(|p| !p.is_empty() && (p.contains(&gt) || gt.contains(p.as_str())));
        let by_code = g
            .code
            .as_deref()
            .is_some_and(|c| pred.country.as_deref() == Some(c));
        by_text || by_code
    })
}

fn gold_actors(v: Option<&serde_json::Value>) -> Vec<GoldActor> {
    let Some(serde_json::Value::Array(list)) = v else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|a| {
            let text = a.get("actorText")?.as_str()?.trim().to_string();
            let code = a
                .get("code")
                .and_then(|c| c.as_str())
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty());
            (!text.is_empty()).then_some(GoldActor { text, code })
        })
        .collect()
}

fn one_sentence_article(text: &str, id: &str) -> Article {
    let source = SourceRef {
        path: id.to_string(),
        ..SourceRef::default()
    };
    Article {
        language: Some("en".into()),
        ..Article::from_text(text, source)
    }
}

/// Runs the built-in extractor over the gold records in `path` and scores it. Records whose
/// text lives in the shared data (see [`plover_in`]) are refused: use that instead.
pub fn plover(path: &Path) -> Result<PloverScores, EvalError> {
    plover_in(path, None)
}

/// [`plover`], with the shared data folder (`../shared/data`) for records that do not carry
/// their text but point at a sentence of a corpus there: `"text_ref":
/// "ner/conll2003/train.txt#1234"` is the 1235th sentence of that CoNLL file (counted from 0,
/// `-DOCSTART-` lines skipped), its tokens joined by [`conll_text`]. Such a record also carries
/// `"starts"`, the text's first words, checked so that a changed corpus or joiner is an error
/// instead of a silently different sentence. (The project's Reuters dev set is kept this way:
/// its labels are ours, its text is Reuters' and stays where it was licensed to us.)
pub fn plover_in(path: &Path, shared: Option<&Path>) -> Result<PloverScores, EvalError> {
    let p = path.display().to_string();
    let mut corpora: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let data = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: p.clone(),
        source,
    })?;
    let x = Extractor::default();
    let mut records = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| EvalError::Format {
            path: p.clone(),
            line: n + 1,
            message: e.to_string(),
        })?;
        let event = v.get("event").and_then(|e| e.as_str()).unwrap_or_default();
        if event.is_empty() || event == "DOCUMENT" {
            continue;
        }
        let format_error = |message: String| EvalError::Format {
            path: p.clone(),
            line: n + 1,
            message,
        };
        let referred;
        let text = match v.get("text_ref").and_then(|t| t.as_str()) {
            None => v.get("text").and_then(|t| t.as_str()).unwrap_or_default(),
            Some(r) => {
                let (file, index) = r
                    .split_once('#')
                    .and_then(|(f, i)| Some((f, i.parse::<usize>().ok()?)))
                    .ok_or_else(|| format_error(format!("text_ref {r:?} is not FILE#N")))?;
                let shared = shared.ok_or_else(|| {
                    format_error(format!(
                        "text_ref {r:?} needs the shared data folder (sitrep eval plover finds it)"
                    ))
                })?;
                if !corpora.contains_key(file) {
                    let sentences = conll_sentences(&shared.join(file))?;
                    corpora.insert(file.to_string(), sentences);
                }
                referred = corpora[file].get(index).cloned().ok_or_else(|| {
                    format_error(format!("{file} has no sentence {index} (text_ref {r:?})"))
                })?;
                let starts = v.get("starts").and_then(|t| t.as_str()).unwrap_or_default();
                if !referred.starts_with(starts) {
                    return Err(format_error(format!(
                        "sentence {index} of {file} starts {:?}, not {starts:?}",
                        referred.chars().take(starts.len() + 10).collect::<String>()
                    )));
                }
                referred.as_str()
            }
        };
        let id = v
            .get("id")
            .and_then(|t| t.as_str())
            .unwrap_or_default()
            .to_string();
        let gold = map_gold_type(event);
        let gold_source = gold_actors(v.get("source"));
        let gold_target = gold_actors(v.get("target"));
        let a = x.analyse(one_sentence_article(text.trim(), &id));
        let main = main_event(&a.events, &a.article.text);
        let predicted = main.map_or("NONE".to_string(), |e| e.kind.as_str().to_string());
        let src = main.and_then(|e| e.source.as_ref());
        let tgt = main.and_then(|e| e.target.as_ref());
        records.push(PloverRecord {
            id,
            text: text.trim().to_string(),
            type_ok: predicted == gold,
            source_ok: src.is_some_and(|s| actor_matches(s, &gold_source)),
            target_ok: (!gold_target.is_empty())
                .then(|| tgt.is_some_and(|t| actor_matches(t, &gold_target))),
            gold,
            predicted,
            predicted_source: src.map(|s| s.text.clone()),
            predicted_target: tgt.map(|t| t.text.clone()),
            gold_source,
            gold_target,
        });
    }
    let ratio = |ok: usize, n: usize| if n == 0 { 0.0 } else { ok as f64 / n as f64 };
    let n = records.len();
    let type_ok = records.iter().filter(|r| r.type_ok).count();
    let with_source: Vec<&PloverRecord> = records
        .iter()
        .filter(|r| !r.gold_source.is_empty())
        .collect();
    let source_ok = with_source.iter().filter(|r| r.source_ok).count();
    let with_target: Vec<bool> = records.iter().filter_map(|r| r.target_ok).collect();
    let target_ok = with_target.iter().filter(|&&b| b).count();
    Ok(PloverScores {
        type_accuracy: ratio(type_ok, n),
        source_accuracy: ratio(source_ok, with_source.len()),
        target_accuracy: ratio(target_ok, with_target.len()),
        records,
    })
}

impl PloverScores {
    /// Gold type rows x predicted type columns (the 16 types and `NONE`), with counts.
    pub fn confusion(&self) -> String {
        let mut cols: Vec<String> = PloverType::ALL
            .iter()
            .map(|t| t.as_str().to_string())
            .collect();
        cols.push("NONE".into());
        let mut m: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for r in &self.records {
            *m.entry((r.gold.as_str(), r.predicted.as_str()))
                .or_default() += 1;
        }
        let abbrev = |s: &str| s.chars().take(5).collect::<String>();
        let mut out = format!("{:<12}", "gold\\pred");
        for c in &cols {
            out.push_str(&format!("{:>6}", abbrev(c)));
        }
        out.push_str(&format!("{:>7}{:>6}\n", "total", "acc"));
        let mut rows: Vec<&str> = cols.iter().map(String::as_str).collect();
        for r in &self.records {
            if !rows.contains(&r.gold.as_str()) {
                rows.push(r.gold.as_str());
            }
        }
        for g in rows {
            let total: usize = cols
                .iter()
                .map(|c| m.get(&(g, c)).copied().unwrap_or(0))
                .sum();
            if total == 0 {
                continue;
            }
            out.push_str(&format!("{g:<12}"));
            for c in &cols {
                match m.get(&(g, c.as_str())) {
                    Some(k) => out.push_str(&format!("{k:>6}")),
                    None => out.push_str(&format!("{:>6}", ".")),
                }
            }
            let ok = m.get(&(g, g)).copied().unwrap_or(0);
            out.push_str(&format!("{total:>7}{:>6.2}\n", ok as f64 / total as f64));
        }
        out
    }
}

impl fmt::Display for PloverScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "eval plover type_accuracy={:.3} source_accuracy={:.3} target_accuracy={:.3}",
            self.type_accuracy, self.source_accuracy, self.target_accuracy
        )
    }
}

// ---------------------------------------------------------------------------------------------
// PETRARCH2 unit tests.
// ---------------------------------------------------------------------------------------------

/// One PETRARCH2 unit-test record, scored.
#[derive(Debug, Clone)]
pub struct PetrarchRecord {
    pub id: String,
    pub category: String,
    pub text: String,
    /// Expected `(source code, target code, CAMEO code)`; empty for a record expecting none.
    pub expected: Vec<(String, String, String)>,
    /// What the extractor produced, in the same form.
    pub produced: Vec<(String, String, String)>,
    /// Expected events that were produced.
    pub found: usize,
    /// Expected events produced with the same actors and a code of the same PLOVER type.
    pub found_plover: usize,
    pub passed: bool,
}

/// The scores of [`petrarch`].
#[derive(Debug, Clone, Default)]
pub struct PetrarchScores {
    pub records: Vec<PetrarchRecord>,
    pub passed: usize,
    pub total: usize,
    pub events_found: usize,
    pub events_expected: usize,
    /// Expected events matched at the PLOVER level: same source and target codes, CAMEO codes
    /// of the same PLOVER type (not part of the pass rate).
    pub events_found_plover: usize,
}

impl fmt::Display for PetrarchScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "eval petrarch passed={} total={} events_found={} events_expected={}",
            self.passed, self.total, self.events_found, self.events_expected
        )
    }
}

/// A PETRARCH actor code, valid from/to a date (`YYYYMMDD`, inclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
struct DatedCode {
    code: String,
    from: Option<u32>,
    to: Option<u32>,
}

/// A PETRARCH actor: its names and codes.
#[derive(Debug, Clone, Default)]
struct PetrActor {
    names: Vec<String>,
    codes: Vec<DatedCode>,
}

/// Agent phrases (lower-case words) and their codes (`~GOV`, `NGO~`).
type PetrAgents = Vec<(Vec<String>, String)>;

fn xml_attr(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(p) = rest.find(name) {
        let after = &rest[p + name.len()..];
        let before_ok = p == 0 || rest.as_bytes()[p - 1].is_ascii_whitespace();
        let t = after.trim_start();
        if before_ok {
            if let Some(v) = t.strip_prefix('=') {
                let v = v.trim_start();
                let q = v.chars().next()?;
                if q == '"' || q == '\'' {
                    let end = v[1..].find(q)?;
                    return Some(v[1..1 + end].to_string());
                }
            }
        }
        rest = after;
    }
    None
}

/// `[HOB < 950601]`, `[HOBGOV 19950601 - 19990815]`, `[HOBELI >20130119]`, `[ELR/GAL]`.
fn parse_dated_code(inner: &str) -> Option<DatedCode> {
    let inner = inner.trim();
    let date = |s: &str| -> Option<u32> {
        let d: String = s.chars().filter(char::is_ascii_digit).collect();
        let v: u32 = d.parse().ok()?;
        // Six-digit dates are YYMMDD of the 1900s.
        Some(if d.len() == 6 { 19_000_000 + v } else { v })
    };
    let (code, rest) = match inner.find(|c: char| c.is_whitespace() || c == '<' || c == '>') {
        Some(p) => (&inner[..p], inner[p..].trim()),
        None => (inner, ""),
    };
    let code = code
        .split('/')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_uppercase();
    if code.is_empty() || code.starts_with("---") || code.contains('+') || code.contains('#') {
        return None;
    }
    let (from, to) = if let Some(r) = rest.strip_prefix('<') {
        (None, date(r).map(|d| d.saturating_sub(1)))
    } else if let Some(r) = rest.strip_prefix('>') {
        (date(r).map(|d| d + 1), None)
    } else if let Some((a, b)) = rest.split_once('-') {
        (date(a), date(b))
    } else {
        (None, None)
    };
    Some(DatedCode { code, from, to })
}

/// `ARNOR_` -> `Arnor`, `CARAS GALADHON` -> `Caras Galadhon`.
fn petr_name(raw: &str) -> String {
    raw.trim()
        .trim_matches('_')
        .split(['_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            let mut c = lower.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads a PETRARCH actor dictionary: a name with its code, `+SYNONYM` lines, code lines of
/// their own (`\t[HOBGOV 19950601 - 19990815]`).
fn read_petr_actors(text: &str) -> Vec<PetrActor> {
    let mut out: Vec<PetrActor> = Vec::new();
    let mut in_comment = false;
    for raw in text.lines() {
        let mut line = raw.to_string();
        if in_comment {
            match line.find("-->") {
                Some(p) => {
                    in_comment = false;
                    line = line[p + 3..].to_string();
                }
                None => continue,
            }
        }
        if let Some(p) = line.find("<!") {
            if !line[p..].contains("-->") && !line[p..].contains('>') {
                in_comment = true;
            }
            line.truncate(p);
        }
        let line = line.split('#').next().unwrap_or("");
        if line.trim().is_empty() {
            continue;
        }
        let indented = line.starts_with(|c: char| c.is_whitespace());
        let t = line.trim();
        let (name, codes) = match t.find('[') {
            Some(p) => (t[..p].trim(), &t[p..]),
            None => (t, ""),
        };
        let mut dated = Vec::new();
        let mut rest = codes;
        while let (Some(a), Some(b)) = (rest.find('['), rest.find(']')) {
            if b < a {
                break;
            }
            if let Some(c) = parse_dated_code(&rest[a + 1..b]) {
                dated.push(c);
            }
            rest = &rest[b + 1..];
        }
        if let Some(syn) = name.strip_prefix('+') {
            if let Some(last) = out.last_mut() {
                last.names.push(petr_name(syn));
                last.codes.extend(dated);
            }
        } else if name.is_empty() || indented {
            if let Some(last) = out.last_mut() {
                last.codes.extend(dated);
            }
        } else {
            out.push(PetrActor {
                names: vec![petr_name(name)],
                codes: dated,
            });
        }
    }
    out.retain(|a| !a.codes.is_empty() && a.names.iter().any(|n| !n.is_empty()));
    out
}

fn english_plural(w: &str) -> String {
    if let Some(stem) = w.strip_suffix('y') {
        if !stem.ends_with(['a', 'e', 'o', 'u']) {
            return format!("{stem}ies");
        }
    }
    if w.ends_with('s') || w.ends_with("sh") || w.ends_with("ch") || w.ends_with('x') {
        return format!("{w}es");
    }
    format!("{w}s")
}

/// Reads a PETRARCH agent dictionary: `NAME {PLURALS} [~CODE]`, `!MACRO! = A, B` substitutions.
fn read_petr_agents(text: &str) -> PetrAgents {
    let mut macros: Vec<(String, Vec<String>)> = Vec::new();
    let mut out: PetrAgents = Vec::new();
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with("<!") {
            continue;
        }
        if line.starts_with('!') {
            if let Some((name, list)) = line.split_once('=') {
                macros.push((
                    name.trim().to_string(),
                    list.split(',').map(|w| w.trim().to_string()).collect(),
                ));
            }
            continue;
        }
        let (Some(a), Some(b)) = (line.find('['), line.rfind(']')) else {
            continue;
        };
        if b < a {
            continue;
        }
        let code = line[a + 1..b].trim().to_string();
        let head = line[..a].trim();
        let (name, plurals) = match (head.find('{'), head.find('}')) {
            (Some(p), Some(q)) if q > p => (head[..p].trim(), Some(head[p + 1..q].trim())),
            _ => (head, None),
        };
        let mut names = vec![name.to_string()];
        for (m, subs) in &macros {
            if names.iter().any(|n| n.contains(m.as_str())) {
                names = names
                    .iter()
                    .flat_map(|n| subs.iter().map(move |s| n.replace(m.as_str(), s)))
                    .collect();
            }
        }
        let mut forms: Vec<String> = Vec::new();
        for n in names {
            let n = n.trim_matches('_').replace('_', " ").to_lowercase();
            if n.is_empty() || n.contains('!') {
                continue;
            }
            match plurals {
                Some(p) if !p.is_empty() => {
                    forms.push(n.clone());
                    forms.extend(
                        p.split_whitespace()
                            .map(|x| x.replace('_', " ").to_lowercase()),
                    );
                }
                Some(_) => forms.push(n.clone()),
                None => {
                    let (head, last) = match n.rsplit_once(' ') {
                        Some((h, l)) => (format!("{h} "), l.to_string()),
                        None => (String::new(), n.clone()),
                    };
                    forms.push(n.clone());
                    forms.push(format!("{head}{}", english_plural(&last)));
                }
            }
        }
        for f in forms {
            let words: Vec<String> = crate::words::words_of_str(&f)
                .into_iter()
                .map(|w| w.norm)
                .collect();
            if !words.is_empty() {
                out.push((words, code.clone()));
            }
        }
    }
    out.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    out
}

/// The sector a PETRARCH agent code gives, when the KB has one.
fn agent_sector(code: &str) -> &'static str {
    let c = code.replace('~', "");
    let c = c.trim();
    for (prefix, sector) in [
        ("GOV", "GOV"),
        ("MIL", "MIL"),
        ("REB", "REB"),
        ("OPP", "OPP"),
        ("JUD", "JUD"),
        ("LEG", "LEG"),
        ("MED", "MEDIA"),
        ("BUS", "BUS"),
        ("NGO", "NGO"),
        ("SPY", "SPY"),
        ("CVL", "CVL"),
        ("COP", "GOV"),
        ("ELI", "GOV"),
    ] {
        if c.starts_with(prefix) {
            return sector;
        }
    }
    "-"
}

/// The KB files (TSV, in the formats of `kb/README.md`) for the PETRARCH actors and agents:
/// every actor is an ORG entity `petr:<n>` whose aliases are its names; agent words of one word
/// join the built-in `agents.tsv`.
fn petr_kb_files(actors: &[PetrActor], agents: &PetrAgents) -> Vec<(&'static str, String)> {
    let mut ents = String::from("id\tname\ttype\tcountry\tsector\taliases\n");
    for (i, a) in actors.iter().enumerate() {
        let code = &a.codes[0].code;
        let country = code
            .get(..3)
            .filter(|c| c.chars().all(|x| x.is_ascii_uppercase()))
            .unwrap_or("-");
        let _ = writeln!(
            ents,
            "petr:{i}\t{}\tORG\t{country}\t-\t{}",
            a.names[0],
            if a.names.len() > 1 {
                a.names[1..].join("|")
            } else {
                "-".into()
            }
        );
    }
    let mut words = String::from("word\tsector\trole\n");
    let mut seen = std::collections::HashSet::new();
    for (w, code) in agents {
        if w.len() == 1 && seen.insert(w[0].clone()) {
            let _ = writeln!(words, "{}\t{}\tboth", w[0], agent_sector(code));
        }
    }
    vec![
        ("agents.tsv", include_str!("../kb/agents.tsv").to_string()),
        ("petr_actors.tsv", ents),
        ("petr_agents.tsv", words),
    ]
}

/// The PETRARCH code of an event actor: its entity's code on the record's date, with the code of
/// an agent word of its words ("Arnor cleric" -> `ARN` + `~REL`).
fn petr_code(
    actor: &Actor,
    actors: &[PetrActor],
    agents: &PetrAgents,
    date: u32,
) -> Option<String> {
    let base = actor
        .entity
        .as_deref()
        .and_then(|id| id.strip_prefix("petr:"))
        .and_then(|n| n.parse::<usize>().ok())
        .and_then(|n| actors.get(n))
        .and_then(|a| {
            a.codes
                .iter()
                .find(|c| {
                    (c.from.is_some() || c.to.is_some())
                        && c.from.is_none_or(|f| date >= f)
                        && c.to.is_none_or(|t| date <= t)
                })
                .or_else(|| a.codes.iter().find(|c| c.from.is_none() && c.to.is_none()))
                .map(|c| c.code.clone())
        });
    let words: Vec<String> = crate::words::words_of_str(&actor.text)
        .into_iter()
        .map(|w| w.norm)
        .collect();
    let agent = agents.iter().find_map(|(phrase, code)| {
        words
            .windows(phrase.len())
            .any(|win| win == phrase.as_slice())
            .then_some(code.as_str())
    });
    match (base, agent) {
        (Some(b), Some(a)) => {
            let part = a.replace('~', "");
            let part = part.trim();
            if b.ends_with(part) || b.starts_with(part) {
                Some(b)
            } else if a.trim_start().starts_with('~') {
                Some(format!("{b}{part}"))
            } else {
                Some(format!("{part}{b}"))
            }
        }
        (Some(b), None) => Some(b),
        (None, Some(a)) => Some(a.replace('~', "").trim().to_string()),
        (None, None) => None,
    }
}

/// Runs the extractor on the PETRARCH2 unit-test records of `dir` (`PETR.UnitTest.records.xml`)
/// with a knowledge base read from the test's own actor and agent dictionaries
/// (`PETR.Validate.actors.txt`, `PETR.Validate.agents.txt`) plus the built-in agent words.
///
/// A record passes when every expected event (source code, target code, CAMEO code) is among the
/// events the extractor shows (confidence at least [`crate::DEFAULT_MIN_CONFIDENCE`]); a record
/// expecting no event passes when none is shown; records testing PETRARCH's error handling
/// (`error="..."`) are not counted. Actor codes are the dictionary code of the linked entity on
/// the record's date plus the code of an agent word in the actor's words. The CAMEO code must
/// match exactly. The records were coded with the validation suite's own verb dictionary
/// (`PETR.Validate.verbs.txt`, mostly WEIS codes), so that dictionary is installed in place of
/// the compiled-in one ([`crate::cameo::install_verbs`]) for the rest of the process: call this
/// in a process of its own (the CLI does). Event types still come from sitrep's own trigger
/// table, so this measures how far sitrep's triggers and arguments meet PETRARCH's coding, not
/// a tuned reimplementation of PETRARCH.
pub fn petrarch(dir: &Path) -> Result<PetrarchScores, EvalError> {
    let read = |name: &str| -> Result<String, EvalError> {
        let path = dir.join(name);
        std::fs::read_to_string(&path).map_err(|source| EvalError::Io {
            path: path.display().to_string(),
            source,
        })
    };
    let records_xml = read("PETR.UnitTest.records.xml")?;
    let actors = read_petr_actors(&read("PETR.Validate.actors.txt")?);
    let agents = read_petr_agents(&read("PETR.Validate.agents.txt")?);
    crate::cameo::install_verbs(&read("PETR.Validate.verbs.txt")?).map_err(|e| {
        EvalError::Format {
            path: dir.join("PETR.Validate.verbs.txt").display().to_string(),
            line: 0,
            message: e.to_string(),
        }
    })?;
    // The KB is read from files: write them to a private temporary folder.
    let tmp = std::env::temp_dir().join(format!(
        "sitrep-petrarch-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let io = |path: &Path, source| EvalError::Io {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(&tmp).map_err(|e| io(&tmp, e))?;
    let kb = (|| {
        for (name, content) in petr_kb_files(&actors, &agents) {
            let p = tmp.join(name);
            std::fs::write(&p, content).map_err(|e| io(&p, e))?;
        }
        crate::Kb::load_dir(&tmp).map_err(|e| EvalError::Format {
            path: tmp.display().to_string(),
            line: 0,
            message: e.to_string(),
        })
    })();
    let _ = std::fs::remove_dir_all(&tmp);
    let x = Extractor::new(kb?);
    let mut scores = PetrarchScores::default();
    let path = dir.join("PETR.UnitTest.records.xml").display().to_string();
    let mut rest = records_xml.as_str();
    while let Some(p) = rest.find("<Sentence ") {
        let after = &rest[p..];
        let Some(end) = after.find("</Sentence>") else {
            return Err(EvalError::Format {
                path,
                line: records_xml[..records_xml.len() - after.len()]
                    .lines()
                    .count(),
                message: "<Sentence> without </Sentence>".into(),
            });
        };
        let body = &after[..end];
        rest = &after[end..];
        let tag = &body[..body.find('>').unwrap_or(body.len())];
        let id = xml_attr(tag, "id").unwrap_or_default();
        let category = xml_attr(tag, "category").unwrap_or_default();
        let date: u32 = xml_attr(tag, "date")
            .and_then(|d| d.trim().parse().ok())
            .unwrap_or(0);
        let text = body
            .find("<Text>")
            .zip(body.find("</Text>"))
            .map(|(a, b)| {
                body[a + 6..b]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        let mut expected = Vec::new();
        let mut error = false;
        let mut crest = body;
        while let Some(c) = crest.find("<EventCoding") {
            let ctag = &crest[c..crest[c..].find('>').map_or(crest.len(), |e| c + e)];
            crest = &crest[c + 12..];
            if xml_attr(ctag, "error").is_some() {
                error = true;
            }
            if let (Some(s), Some(t), Some(e)) = (
                xml_attr(ctag, "sourcecode"),
                xml_attr(ctag, "targetcode"),
                xml_attr(ctag, "eventcode"),
            ) {
                expected.push((s, t, e));
            }
        }
        if error {
            continue;
        }
        let a = x.analyse(one_sentence_article(&text, &id));
        let code_of = |a: Option<&Actor>| -> String {
            a.and_then(|a| {
                petr_code(a, &actors, &agents, date).or_else(|| {
                    (a.entity.is_none()).then(|| format!("\"{}\"", a.text.to_uppercase()))
                })
            })
            .unwrap_or_else(|| "---".into())
        };
        let produced: Vec<(String, String, String)> = a
            .events
            .iter()
            .filter(|e| e.confidence >= crate::DEFAULT_MIN_CONFIDENCE)
            .map(|e| {
                (
                    code_of(e.source.as_ref()),
                    code_of(e.target.as_ref()),
                    e.cameo.clone().unwrap_or_default(),
                )
            })
            .collect();
        let found = expected.iter().filter(|x| produced.contains(x)).count();
        let plover = |c: &str| crate::cameo::plover_of(c).map(|p| p.0);
        let found_plover = expected
            .iter()
            .filter(|x| {
                plover(&x.2).is_some()
                    && produced
                        .iter()
                        .any(|p| p.0 == x.0 && p.1 == x.1 && plover(&p.2) == plover(&x.2))
            })
            .count();
        let passed = if expected.is_empty() {
            produced.is_empty()
        } else {
            found == expected.len()
        };
        scores.total += 1;
        scores.passed += usize::from(passed);
        scores.events_found += found;
        scores.events_expected += expected.len();
        scores.events_found_plover += found_plover;
        scores.records.push(PetrarchRecord {
            id,
            category,
            text,
            expected,
            produced,
            found,
            found_plover,
            passed,
        });
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::Span;

    fn actor(text: &str, country: Option<&str>) -> Actor {
        Actor {
            span: Span::default(),
            text: text.into(),
            name: text.into(),
            entity: None,
            country: country.map(str::to_string),
            sector: None,
        }
    }

    #[test]
    fn actors_match_by_containment_or_code() {
        let g = vec![GoldActor {
            text: "Hungarian".into(),
            code: Some("HUN".into()),
        }];
        assert!(actor_matches(
            &actor("Senior Hungarian officials", None),
            &g
        ));
        assert!(actor_matches(&actor("Budapest", Some("HUN")), &g));
        assert!(!actor_matches(&actor("Romania", Some("ROU")), &g));
        assert_eq!(map_gold_type("DISAPPROVE"), "ACCUSE");
    }
}

#[cfg(test)]
mod conll_tests {
    use super::conll_text;

    #[test]
    fn conll_tokens_are_joined_as_printed() {
        let words = [
            "\"",
            "The",
            "necessary",
            "atmosphere",
            "has",
            "been",
            "disrupted",
            ",",
            "\"",
            "Shen",
            "told",
            "Reuters",
            "(",
            "AP",
            ")",
            ":",
            "it",
            "'s",
            "$",
            "5",
            "%",
            "off",
            ".",
        ];
        assert_eq!(
            conll_text(&words),
            "\"The necessary atmosphere has been disrupted,\" Shen told Reuters (AP): it's $5% off."
        );
    }
}
