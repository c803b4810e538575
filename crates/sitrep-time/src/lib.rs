//! Time expressions: find every one in an article's clean text and resolve it against the
//! publication date, as TIMEX3 (the TimeML annotation standard).
//!
//! # Job
//!
//! [`tag`] (or [`tag_sentences`] when the sentences are known) returns one [`Timex`] per
//! expression: its byte [`Span`], its [`TimexType`] (DATE, TIME, DURATION, SET), its normalised
//! TIMEX3 value (`2023-01-17`, `2023-W03`, `2022-12`, `2024-Q3`, `2024-SU`, `199`, `P2D`,
//! `PAST_REF`, `XXXX-WXX-1`), the anchor date it was resolved against, and the rule that made it.
//! [`eval`] scores the tagger on TimeML data (TempEval-3 platinum) and is the only module that
//! reads files.
//!
//! Pure and linear: no I/O outside [`eval`], no global state beyond a lazily built word table,
//! never panics on any `&str`, and the work per byte is bounded (one tokenizer pass, one hash
//! lookup per word, a parse attempt of bounded look-ahead only at tokens that can start an
//! expression — digits, month/weekday names, time words).
//!
//! **Not here:** attaching dates to events (done by `sitrep-extract`, which reads the spans and
//! values of this crate), choosing an article's publication date (ingest), sentence splitting
//! for the rest of the pipeline (`sitrep-nlp`; [`tag`] has its own rough cut, used only to find
//! tense cues).
//!
//! # Rules (in `grammar.rs`)
//!
//! - Absolute dates: `January 18, 2023`, `Tuesday, Jan. 17, 2023`, `18 January 2023`,
//!   `the 18th of January`, `2023-01-18`, `1/18/2023`, `May 2010`; a year (`in 2022`, `2009-2010`,
//!   the `58` of `1957-58`) unless it reads as a count (`2000 troops`, `$2000`, `2,400 km`) or a
//!   house number (`of 1119 Eighth St.`);
//!   number ranges that are not years (`600-700`) are nothing.
//! - Partial dates: `September 26`, `Jan. 18`, `in December`, `last June` (a bare month name only
//!   after a preposition or modifier, so `June Carter` and `Theresa May` are not dates).
//! - Decades and centuries: `the 1990s` -> `199`, `'90s`, `the 20th century` -> `19`.
//! - Weekdays (`on Tuesday`, `last Friday`, `Friday afternoon` -> TIME `...TAF`), deictic days
//!   (`today`, `yesterday`, `tomorrow morning`, `tonight`, `last night`), anaphoric days
//!   (`the next day`, `the same day`, `that day`).
//! - Relative units: `this week` -> `2023-W03`, `last month`, `next year`, `this fiscal year`,
//!   `earlier this year`, `the end of the year`, `two days ago` -> a date, `a year ago`,
//!   `the last week` (a date, as TimeML annotates it).
//! - Quarters, halves, seasons: `the third quarter of 2024` -> `2024-Q3`, `Q3`, `first-quarter`,
//!   `the second half of 2022` -> `2022-H2`, `last summer`, `in spring`, `summer 2024`.
//! - Modifiers `early`, `late`, `mid`, `earlier`, `later`, `the beginning/end/middle of` are part
//!   of the span; the value is that of the period they modify (`mid-2023` -> `2023`).
//! - Durations: `30 months` -> `P30M`, `a month`, `several months` -> `PXM`, `a few hours` ->
//!   `PTXH`, `four-week`, `the past two years` -> `P2Y`, `the past year` -> `P1Y`, `recent
//!   months` -> `PXM`, `for years` -> `PXY`, ages (`60 years old`). Quantity modifiers (`about`,
//!   `over`, `more than`) are left out of the span.
//! - References: `now`, `currently` -> `PRESENT_REF`; `recently`, `the past`, `at the time`,
//!   `months ago` -> `PAST_REF`; `the future` -> `FUTURE_REF`. `former` and `current` alone are
//!   not time expressions.
//! - Clock times: `7:22 p.m.`, `15:00 GMT Saturday`, `8 PM`, `noon`; a time right after a
//!   day-precision date joins it (`May 17, 2024 | 7:22 p.m.` -> `2024-05-17T19:22`).
//! - Sets: `every week` -> `P1W`, `each Monday` -> `XXXX-WXX-1`, `every morning`, `annually`,
//!   `quarterly` -> `P3M`, `twice a year`, `$5 billion a year`, `per month`, `on Mondays`.
//!
//! # Anchor and tense policy (in `resolve.rs` and `tense.rs`)
//!
//! The anchor is the publication date given to [`tag`]. Without one, the latest full date
//! (year, month, day all written) that the text states *before* the expression anchors it; with
//! neither, relative expressions get no value and an `unresolved_reason` — a date is never
//! invented. Durations, sets, references and explicit dates need no anchor.
//!
//! Underspecified expressions (a bare weekday, a month or month-day without a year, a season or
//! quarter without a year, `the weekend`) take their direction from the tense of the clause:
//! the nearest cue left of the expression in its sentence (else right of it). Future cues
//! (`will`, `'ll`, `going to`, `plans to`, `is to`, `expected to`, `next`) pick the first
//! occurrence on or after the anchor; past cues (`-ed` and irregular past forms, `was`, `had`,
//! `said`, `ago`, `last`) the last one on or before it; present or no cue the nearest one. So
//! in an article of Wednesday 2023-01-18, "On Tuesday, the general met..." is 2023-01-17 and
//! "the group will meet on Thursday and Friday" is 2023-01-19 and 2023-01-20.

mod grammar;
mod lexicon;
mod resolve;
mod tense;
mod token;

pub mod eval;

use chrono::NaiveDate;
use serde::Serialize;
use sitrep_core::Span;

/// The four TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period (`Tuesday`, `2023`, `last week`, `PAST_REF`).
    Date,
    /// A time of day, possibly with its date (`7:22 p.m.`, `Friday afternoon`).
    Time,
    /// A length of time (`two days`, `the past year`).
    Duration,
    /// A recurrence (`every week`, `annually`).
    Set,
}

impl TimexType {
    /// `"DATE"`, `"TIME"`, `"DURATION"` or `"SET"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }

    /// The type named by a TIMEX3 `type` attribute (any case).
    pub fn parse(s: &str) -> Option<TimexType> {
        match s.to_ascii_uppercase().as_str() {
            "DATE" => Some(TimexType::Date),
            "TIME" => Some(TimexType::Time),
            "DURATION" => Some(TimexType::Duration),
            "SET" => Some(TimexType::Set),
            _ => None,
        }
    }
}

impl std::fmt::Display for TimexType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One time expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timex {
    /// Byte span into the text given to [`tag`].
    pub span: Span,
    pub kind: TimexType,
    /// The TIMEX3 value, or `None` when it could not be resolved (see `unresolved_reason`).
    pub value: Option<String>,
    /// The date it was resolved against (`YYYY-MM-DD`), when an anchor was used.
    pub anchor: Option<String>,
    /// The grammar rule that found it, with the tense direction where one was used
    /// (`"weekday/past"`).
    pub rule: &'static str,
    /// Why `value` is `None`.
    pub unresolved_reason: Option<&'static str>,
}

impl Timex {
    /// The granularity of the value: `"day"`, `"week"`, `"month"`, `"quarter"`, `"half"`,
    /// `"season"`, `"year"`, `"decade"`, `"century"`, `"time"`; `None` for durations, sets,
    /// references and unresolved values.
    pub fn precision(&self) -> Option<&'static str> {
        if matches!(self.kind, TimexType::Duration | TimexType::Set) {
            return None;
        }
        precision_of(self.value.as_deref()?)
    }
}

/// The granularity of a TIMEX3 date or time value.
pub fn precision_of(v: &str) -> Option<&'static str> {
    if v.ends_with("_REF") || v.starts_with('P') {
        return None;
    }
    if v.contains('T') {
        return Some("time");
    }
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r)
            .is_some_and(|s| s.iter().all(|c| c.is_ascii_digit() || *c == b'X'))
    };
    match b.len() {
        2 if digits(0..2) => Some("century"),
        3 if digits(0..3) => Some("decade"),
        4 if digits(0..4) => Some("year"),
        7 if b[4] == b'-' && b[5] == b'Q' => Some("quarter"),
        7 if b[4] == b'-' && b[5] == b'H' => Some("half"),
        7 if b[4] == b'-' && digits(5..7) => Some("month"),
        7 if b[4] == b'-' => Some("season"),
        8 if b[5] == b'W' => Some("week"),
        11 if b[5] == b'W' => Some("week"),
        10 => Some("day"),
        _ => None,
    }
}

/// Whether a word (any case) names a month, in full or abbreviated ("September", "sept"), as
/// the tagger's lexicon reads it.
pub fn is_month_name(word: &str) -> bool {
    matches!(
        lexicon::lookup(word).lex,
        lexicon::Lex::Month(_) | lexicon::Lex::MonthAbbr(_)
    )
}

/// All time expressions of `text`, resolved against the publication date `dct` (see the crate
/// docs for the anchor and tense policy). Sentences (the window for tense cues) are found by a
/// rough internal cut; use [`tag_sentences`] to give them.
pub fn tag(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    let sentences = token::sentences(text);
    tag_sentences(text, &sentences, dct)
}

/// Like [`tag`], with the sentence spans given (in order). Spans that do not fit `text` are
/// clipped to it; expressions never cross a sentence boundary.
pub fn tag_sentences(text: &str, sentences: &[Span], dct: Option<NaiveDate>) -> Vec<Timex> {
    let mut out = Vec::new();
    let mut toks = Vec::new();
    let mut doc = DocState {
        dct,
        text_anchor: None,
        last_day: None,
        last_end: 0,
    };
    for s in sentences {
        let Some((a, b)) = clip(text, *s) else {
            continue;
        };
        token::tokenize(text, a, b, &mut toks);
        let p = grammar::P { text, t: &toks };
        let mut i = 0;
        while i < toks.len() {
            if !starter(&toks[i]) {
                i += 1;
                continue;
            }
            match p.parse(i) {
                Some(c) if c.e > i => {
                    doc.emit(&p, &c, &mut out);
                    i = c.e;
                }
                _ => i += 1,
            }
        }
    }
    out
}

/// A span clipped to `text` and moved onto char boundaries, or `None` when empty.
fn clip(text: &str, s: Span) -> Option<(usize, usize)> {
    let mut a = s.start.min(text.len());
    let mut b = s.end.min(text.len());
    while a < b && !text.is_char_boundary(a) {
        a += 1;
    }
    while b > a && !text.is_char_boundary(b) {
        b -= 1;
    }
    (a < b).then_some((a, b))
}

/// Whether a token can open an expression (the cheap pre-filter).
fn starter(t: &token::Tok) -> bool {
    match t.kind {
        token::Kind::Num => true,
        token::Kind::Word => t.lex != lexicon::Lex::None,
        token::Kind::Punct => t.ch == '\'' || t.ch == '’',
    }
}

/// What resolution remembers across a document.
struct DocState {
    dct: Option<NaiveDate>,
    /// The latest full date the text stated (the anchor when there is no `dct`).
    text_anchor: Option<NaiveDate>,
    /// The last day-precision date resolved (for `the next day`, bare clock times).
    last_day: Option<NaiveDate>,
    /// End of the last emitted span (keeps output ordered and non-overlapping).
    last_end: usize,
}

impl DocState {
    fn emit(&mut self, p: &grammar::P, c: &grammar::Cand, out: &mut Vec<Timex>) {
        let span = Span::new(p.t[c.s].start, p.t[c.e - 1].end);
        if span.start < self.last_end {
            return;
        }
        self.last_end = span.end;
        let anchor = self.dct.or(self.text_anchor);
        let tensed = resolve::needs_tense(&c.sem);
        let dir = if tensed {
            tense::direction(p, c.s, c.e)
        } else {
            resolve::Dir::Nearest
        };
        let rule = if tensed {
            with_dir(c.rule, dir)
        } else {
            c.rule
        };
        let mut t = Timex {
            span,
            kind: c.kind,
            value: None,
            anchor: None,
            rule,
            unresolved_reason: None,
        };
        match resolve::resolve(&c.sem, anchor, self.last_day, dir) {
            Ok(r) => {
                if r.anchored {
                    t.anchor = anchor.map(|a| a.format("%Y-%m-%d").to_string());
                }
                t.value = Some(r.value);
                if r.day.is_some() {
                    self.last_day = r.day;
                }
            }
            Err(why) => t.unresolved_reason = Some(why),
        }
        if let Some(d) = resolve::explicit_date(&c.sem) {
            self.text_anchor = Some(d);
        }
        out.push(t);
    }
}

/// A rule name with the tense direction that placed it.
fn with_dir(rule: &'static str, dir: resolve::Dir) -> &'static str {
    use resolve::Dir::*;
    const TABLE: &[(&str, [&str; 3])] = &[
        (
            "weekday",
            ["weekday/past", "weekday/future", "weekday/nearest"],
        ),
        (
            "weekday-part",
            [
                "weekday-part/past",
                "weekday-part/future",
                "weekday-part/nearest",
            ],
        ),
        ("month", ["month/past", "month/future", "month/nearest"]),
        (
            "month-day",
            ["month-day/past", "month-day/future", "month-day/nearest"],
        ),
        (
            "day-month",
            ["day-month/past", "day-month/future", "day-month/nearest"],
        ),
        ("season", ["season/past", "season/future", "season/nearest"]),
        (
            "quarter",
            ["quarter/past", "quarter/future", "quarter/nearest"],
        ),
        (
            "weekend",
            ["weekend/past", "weekend/future", "weekend/nearest"],
        ),
        (
            "edge-year",
            ["edge-year/past", "edge-year/future", "edge-year/nearest"],
        ),
        (
            "time+date",
            ["time+date/past", "time+date/future", "time+date/nearest"],
        ),
        (
            "date+time",
            ["date+time/past", "date+time/future", "date+time/nearest"],
        ),
    ];
    let k = match dir {
        Past => 0,
        Future => 1,
        Nearest => 2,
    };
    TABLE
        .iter()
        .find(|(r, _)| *r == rule)
        .map_or(rule, |(_, v)| v[k])
}
