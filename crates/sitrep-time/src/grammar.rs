//! The grammar: from a token position, the longest time expression that starts there, as a
//! [`Cand`] holding its token range, its type and its meaning ([`Sem`]) before resolution.
//!
//! Each pattern is a small hand-written matcher over tokens (no regular expressions, no
//! backtracking beyond a fixed look-ahead of a few tokens), so a parse attempt costs O(1) and
//! the whole pass is linear. The patterns (see the crate docs for the list) are general English
//! date grammar: month-first and day-first dates, ISO and slashed numeric dates, years and year
//! ranges, decades and centuries, weekdays, deictic words, `last/this/next` + unit, `N units ago`,
//! durations (`for several months`, `30 months`, `four-week`), quarters, halves, seasons,
//! `early/late/mid` and `the end of` modifiers, clock times, and sets (`every week`, `annually`).
//!
//! What a match *means* is kept symbolic in [`Sem`] (e.g. "weekday 2, no relation word"); turning
//! it into a TIMEX3 value needs the anchor and the tense and is done in [`crate::resolve`].

use crate::lexicon::{Lex, ModW, RelW, Unit};
use crate::token::{Kind, Tok, F_DECADE, F_DECIMAL, F_GROUPED, F_ORD};
use crate::TimexType;

/// A relation word, reduced to what resolution needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rel {
    None,
    Last,
    This,
    Next,
}

/// The year a quarter, half or season belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum YearRef {
    Abs(i32),
    /// Years from the anchor year (`this year` 0, `last year` -1).
    Offset(i64),
    /// The nearest occurrence in the given relation (or by tense when `Rel::None`).
    Cyclic(Rel),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Month(u8),
    Quarter(u8),
    Half(u8),
    Season(u8),
}

/// The meaning of a match, before anchoring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Sem {
    /// A value that needs no anchor (durations, sets, references, explicit years and months).
    Value(String),
    /// An explicit, valid year-month-day.
    FullDate(i32, u32, u32),
    MonthDay(u32, u32),
    Month(u32, Rel),
    Weekday(u32, Rel),
    /// Days from the anchor (`today` 0, `yesterday` -1).
    DayOffset(i64),
    /// Units from the anchor's unit (`last week` -1, `two years ago` -2).
    UnitOffset(Unit, i64),
    YearPart(YearRef, Part),
    Weekend(Rel),
    /// Days from the last day-precision date mentioned (`the next day`).
    AnaDay(i64),
    /// The end (`true`) or beginning of "the year": the anchor's year, or the one before (after)
    /// when the clause is past (future) and that edge of the anchor's year is still ahead (gone).
    EdgeYear(bool),
    /// A date (or the reference day when `None`) plus a time part such as `T19:22` or `TMO`.
    Time(Option<Box<Sem>>, String),
}

/// A match: tokens `s..e`.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub s: usize,
    pub e: usize,
    pub sem: Sem,
    pub kind: TimexType,
    pub rule: &'static str,
}

fn cand(s: usize, e: usize, sem: Sem, kind: TimexType, rule: &'static str) -> Option<Cand> {
    Some(Cand {
        s,
        e,
        sem,
        kind,
        rule,
    })
}

/// A quantity before a unit.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Qty {
    /// Its text in the value (`2`, `1.5`) and its integer part.
    N(String, i64),
    X,
}

/// Words after which a bare plural unit (`for years`, `within days`) is a duration.
const BARE_PREV: &[&str] = &[
    "for", "over", "within", "in", "after", "took", "take", "takes", "taking", "taken", "lasted",
    "spent", "last", "lasting",
];
/// Words before a bare month name that make it a date (`in June`, not `June Carter`).
const MONTH_PREV: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "through",
    "throughout",
    "during",
    "before",
    "after",
    "to",
    "and",
    "or",
    "between",
    "of",
    "early",
    "late",
    "mid",
    "last",
    "this",
    "next",
    "around",
    "for",
    "end",
    "beginning",
    "start",
    "middle",
    "on",
];
/// Words before a season name that make it a season (`in spring`, not `prices fall`).
const SEASON_PREV: &[&str] = &[
    "in", "during", "since", "until", "till", "by", "through", "over", "from", "early", "late",
    "mid", "before", "after", "last", "this", "next",
];
/// The last word of a street name after a house number and at least one other name word.
#[rustfmt::skip]
const STREET_WORDS: &[&str] = &[
    "st", "street", "ave", "avenue", "rd", "road", "dr", "drive", "blvd", "boulevard", "ln", "lane",
    "court", "place", "pkwy", "parkway", "hwy", "highway", "terrace", "circle", "way", "strasse",
    "straße",
];

/// Nouns after a four-digit number that make it a count, not a year.
const COUNT_NOUNS: &[&str] = &[
    "km",
    "kg",
    "m",
    "mm",
    "cm",
    "ft",
    "mph",
    "kph",
    "mw",
    "gw",
    "kw",
    "people",
    "men",
    "women",
    "children",
    "staff",
    "personnel",
    "police",
    "infantry",
    "feet",
    "yuan",
    "yen",
    "hryvnia",
    "dead",
    "injured",
    "wounded",
    "killed",
    "more",
    "other",
    "new",
    "percent",
    "per",
    "times",
    "additional",
    "million",
    "billion",
    "hectares",
    "acres",
    "sq",
    "square",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "tons",
    "tonnes",
];
/// Lower-case words ending in `s` that are not plural nouns.
const S_WORDS: &[&str] = &[
    "was",
    "is",
    "has",
    "as",
    "its",
    "his",
    "this",
    "thus",
    "plus",
    "across",
    "versus",
    "less",
    "unless",
    "whereas",
    "besides",
    "towards",
    "afterwards",
    "always",
    "perhaps",
    "yes",
    "us",
    "does",
    "says",
    "goes",
];
const TIMEZONES: &[&str] = &[
    "GMT", "UTC", "ET", "EST", "EDT", "CET", "CEST", "BST", "PST", "PDT", "CST", "CDT", "MSK",
    "EET", "EEST", "IST", "JST",
];

/// The grammar over one sentence's tokens.
pub(crate) struct P<'a> {
    pub text: &'a str,
    pub t: &'a [Tok],
}

impl<'a> P<'a> {
    fn lex(&self, j: usize) -> Lex {
        self.t.get(j).map_or(Lex::None, |t| t.lex)
    }
    pub(crate) fn word(&self, j: usize) -> &'a str {
        match self.t.get(j) {
            Some(t) if t.kind == Kind::Word => &self.text[t.start..t.end],
            _ => "",
        }
    }
    pub(crate) fn is(&self, j: usize, w: &str) -> bool {
        self.t.get(j).is_some_and(|t| {
            t.kind == Kind::Word
                && t.end - t.start == w.len()
                && self.word(j).eq_ignore_ascii_case(w)
        })
    }
    pub(crate) fn is_any(&self, j: usize, ws: &[&str]) -> bool {
        ws.iter().any(|w| self.is(j, w))
    }
    pub(crate) fn pc(&self, j: usize, c: char) -> bool {
        self.t
            .get(j)
            .is_some_and(|t| t.kind == Kind::Punct && t.ch == c)
    }
    fn dash(&self, j: usize) -> bool {
        self.pc(j, '-') || self.pc(j, '–') || self.pc(j, '‑')
    }
    pub(crate) fn apos(&self, j: usize) -> bool {
        self.pc(j, '\'') || self.pc(j, '’')
    }
    /// Whether token `j` touches the token before it.
    pub(crate) fn adj(&self, j: usize) -> bool {
        j > 0 && j < self.t.len() && self.t[j].start == self.t[j - 1].end
    }
    fn num(&self, j: usize) -> Option<&Tok> {
        self.t.get(j).filter(|t| t.kind == Kind::Num)
    }
    fn cap(&self, j: usize) -> bool {
        self.t.get(j).is_some_and(|t| t.cap)
    }
    fn is_word(&self, j: usize) -> bool {
        self.t.get(j).is_some_and(|t| t.kind == Kind::Word)
    }

    /// A day of the month: 1..=31, at most two digits, maybe `18th`, not a clock hour.
    fn day_num(&self, j: usize) -> Option<u32> {
        let t = self.num(j)?;
        if t.digits > 2 || t.flags & !F_ORD != 0 || !(1..=31).contains(&t.num) {
            return None;
        }
        if (self.pc(j + 1, ':') || self.pc(j + 1, '%')) && self.adj(j + 1) {
            return None;
        }
        Some(t.num)
    }

    /// A four-digit year 1000..=2199 with no flags.
    fn year_num(&self, j: usize) -> Option<i32> {
        let t = self.num(j)?;
        if t.digits != 4 || t.flags != 0 || !(1000..=2199).contains(&t.num) {
            return None;
        }
        if self.pc(j + 1, ':') && self.adj(j + 1) {
            return None;
        }
        Some(t.num as i32)
    }

    /// The longest expression starting at token `i`.
    pub(crate) fn parse(&self, i: usize) -> Option<Cand> {
        let mut best: Option<Cand> = None;
        let mut take = |c: Option<Cand>| {
            if let Some(c) = c {
                if !matches!(&best, Some(b) if b.e >= c.e) {
                    best = Some(c);
                }
            }
        };
        let t = &self.t[i];
        match t.kind {
            Kind::Num => {
                take(self.numeric_date(i));
                take(self.day_first(i));
                take(self.time(i));
                take(self.year(i));
                take(self.decade(i));
                take(self.century(i));
                take(self.duration(i));
                take(self.set(i));
            }
            Kind::Punct => take(self.decade(i)),
            Kind::Word => {
                if t.lex == Lex::None {
                    return None;
                }
                take(self.modded(i));
                take(self.edge(i));
                take(self.month_first(i));
                take(self.rel_month(i));
                take(self.day_first(i));
                take(self.weekday(i));
                take(self.rel_unit(i));
                take(self.quarter_half(i));
                take(self.season(i));
                take(self.decade(i));
                take(self.century(i));
                take(self.refs(i));
                take(self.duration(i));
                take(self.set(i));
                take(self.time(i));
            }
        }
        best.map(|c| self.merge_time(c))
    }

    /// A date-like expression for use after a modifier (`early`, `the end of`).
    fn inner_date(&self, j: usize) -> Option<Cand> {
        let mut best: Option<Cand> = None;
        for c in [
            self.month_first(j),
            self.rel_month(j),
            self.day_first(j),
            self.year(j),
            self.decade(j),
            self.century(j),
            self.weekday(j),
            self.rel_unit(j),
            self.quarter_half(j),
            self.season(j),
            self.refs(j),
        ]
        .into_iter()
        .flatten()
        {
            if !matches!(c.kind, TimexType::Date | TimexType::Time) {
                continue;
            }
            if !matches!(&best, Some(b) if b.e >= c.e) {
                best = Some(c);
            }
        }
        best
    }

    /// `early 2023`, `mid-January`, `late last July`, `earlier this year`, `earlier in the week`,
    /// `the early 1990s`.
    fn modded(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        let m = match self.lex(j) {
            Lex::Mod(m) => m,
            _ => return None,
        };
        j += 1;
        if self.dash(j) && self.adj(j) && matches!(m, ModW::Mid | ModW::Early | ModW::Late) {
            j += 1;
        }
        if self.is(j, "in") && self.is(j + 1, "the") {
            if let Lex::Unit(u @ (Unit::Week | Unit::Month | Unit::Year | Unit::Day), false) =
                self.lex(j + 2)
            {
                let sem = if u == Unit::Day {
                    Sem::AnaDay(0)
                } else {
                    Sem::UnitOffset(u, 0)
                };
                return cand(i, j + 3, sem, TimexType::Date, "mod-in-the-unit");
            }
        }
        let inner = self.inner_date(j)?;
        cand(i, inner.e, inner.sem, inner.kind, inner.rule)
    }

    /// `the end of the year`, `end of 2024`, `the beginning of March`.
    fn edge(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        if self.lex(j) != Lex::Edge || !self.is(j + 1, "of") {
            return None;
        }
        j += 2;
        let mut k = j;
        let the2 = self.is(k, "the");
        if the2 {
            k += 1;
        }
        if self.is(k, "current") {
            k += 1;
        }
        if let Lex::Unit(u, false) = self.lex(k) {
            if matches!(
                u,
                Unit::Week
                    | Unit::Month
                    | Unit::Year
                    | Unit::Decade
                    | Unit::Century
                    | Unit::Quarter
            ) && (the2 || u == Unit::Year)
            {
                if u == Unit::Year {
                    let end = self.is(j - 2, "end");
                    let start = self.is_any(j - 2, &["beginning", "start"]);
                    if end || start {
                        return cand(i, k + 1, Sem::EdgeYear(end), TimexType::Date, "edge-year");
                    }
                }
                return cand(
                    i,
                    k + 1,
                    Sem::UnitOffset(u, 0),
                    TimexType::Date,
                    "edge-unit",
                );
            }
        }
        let inner = self.inner_date(j)?;
        cand(i, inner.e, inner.sem, inner.kind, inner.rule)
    }

    /// `[Tuesday,] January 18[,] [2023]`, `Jan. 18`, `May 2010`, `in December`.
    fn month_first(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut weekday = false;
        if let Lex::Weekday(_) = self.lex(j) {
            if !self.cap(j) {
                return None;
            }
            j += 1;
            if self.pc(j, ',') {
                j += 1;
            }
            weekday = true;
        }
        let (m, abbr) = match self.lex(j) {
            Lex::Month(m) => (u32::from(m), false),
            Lex::MonthAbbr(m) => (u32::from(m), true),
            _ => return None,
        };
        if !self.cap(j) {
            return None;
        }
        let mut k = j + 1;
        if abbr {
            if self.pc(k, '.') && self.adj(k) {
                k += 1;
            } else if self.num(k).is_none() {
                return None;
            }
        }
        if let Some(d) = self.day_num(k) {
            let mut q = k + 1;
            if self.pc(q, ',') {
                q += 1;
            }
            if let Some(y) = self.year_num(q) {
                if chrono::NaiveDate::from_ymd_opt(y, m, d).is_some() {
                    return cand(
                        i,
                        q + 1,
                        Sem::FullDate(y, m, d),
                        TimexType::Date,
                        "month-day-year",
                    );
                }
                return None;
            }
            if d > days_in_month(m) {
                return None;
            }
            return cand(i, k + 1, Sem::MonthDay(m, d), TimexType::Date, "month-day");
        }
        let mut q = k;
        if self.is(q, "of") || self.pc(q, ',') {
            q += 1;
        }
        if let Some(y) = self.year_num(q) {
            return cand(
                i,
                q + 1,
                Sem::Value(format!("{y:04}-{m:02}")),
                TimexType::Date,
                "month-year",
            );
        }
        if weekday || abbr {
            return None;
        }
        // "February last year", "March of this year".
        if let Some((yr, e)) = self.rel_year(k) {
            return cand(
                i,
                e,
                Sem::YearPart(yr, Part::Month(m as u8)),
                TimexType::Date,
                "month-of-year",
            );
        }
        // A bare month name: only where it reads as a date.
        let prev_ok = j > 0
            && (self.is_any(j - 1, MONTH_PREV)
                || self.dash(j - 1)
                || self.pc(j - 1, ',')
                || self.pc(j - 1, '('));
        let next_name = self.is_word(j + 1) && self.cap(j + 1) && !self.is_month(j + 1);
        if !prev_ok || next_name {
            return None;
        }
        cand(i, j + 1, Sem::Month(m, Rel::None), TimexType::Date, "month")
    }

    fn is_month(&self, j: usize) -> bool {
        matches!(self.lex(j), Lex::Month(_) | Lex::MonthAbbr(_))
    }

    /// `last June`, `this March`, `next May`.
    fn rel_month(&self, i: usize) -> Option<Cand> {
        let (j, rel) = self.rel_prefix(i);
        if rel == Rel::None {
            return None;
        }
        let m = match self.lex(j) {
            Lex::Month(m) if self.cap(j) => u32::from(m),
            _ => return None,
        };
        if self.num(j + 1).is_some() {
            return None;
        }
        cand(i, j + 1, Sem::Month(m, rel), TimexType::Date, "month")
    }

    /// `[the] last|this|next|coming|past` before a weekday, month, season or weekend.
    fn rel_prefix(&self, i: usize) -> (usize, Rel) {
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        let rel = match self.lex(j) {
            Lex::Rel(RelW::Last | RelW::Past | RelW::Previous) => Rel::Last,
            Lex::Rel(RelW::This | RelW::Current) => {
                if self.lex(j + 1) == Lex::Rel(RelW::Coming) {
                    j += 1;
                    Rel::Next
                } else {
                    Rel::This
                }
            }
            Lex::Rel(RelW::Next | RelW::Coming | RelW::Following) => Rel::Next,
            _ => return (i, Rel::None),
        };
        (j + 1, rel)
    }

    /// `18 January 2023`, `the 18th of January`.
    fn day_first(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let the = self.is(j, "the");
        if the {
            j += 1;
        }
        let d = self.day_num(j)?;
        let mut k = j + 1;
        if self.is(k, "of") {
            k += 1;
        }
        let (m, abbr) = match self.lex(k) {
            Lex::Month(m) => (u32::from(m), false),
            Lex::MonthAbbr(m) => (u32::from(m), true),
            _ => return None,
        };
        if !self.cap(k) {
            return None;
        }
        k += 1;
        if abbr && self.pc(k, '.') && self.adj(k) {
            k += 1;
        }
        let mut q = k;
        if self.pc(q, ',') {
            q += 1;
        }
        if let Some(y) = self.year_num(q) {
            chrono::NaiveDate::from_ymd_opt(y, m, d)?;
            return cand(
                i,
                q + 1,
                Sem::FullDate(y, m, d),
                TimexType::Date,
                "day-month-year",
            );
        }
        if d > days_in_month(m) {
            return None;
        }
        cand(i, k, Sem::MonthDay(m, d), TimexType::Date, "day-month")
    }

    /// `2023-01-18`, `2023/01/18`, `1/18/2023` (US order unless the first number exceeds 12).
    fn numeric_date(&self, i: usize) -> Option<Cand> {
        let a = self.num(i)?;
        let sep = |j: usize| (self.dash(j) || self.pc(j, '/')) && self.adj(j);
        if !(sep(i + 1) && self.adj(i + 2) && sep(i + 3) && self.adj(i + 4)) {
            return None;
        }
        let b = self.num(i + 2)?;
        let c = self.num(i + 4)?;
        if a.flags | b.flags | c.flags != 0 || self.t[i + 1].ch != self.t[i + 3].ch {
            return None;
        }
        let (y, m, d) = if a.digits == 4 && b.digits <= 2 && c.digits <= 2 {
            (a.num as i32, b.num, c.num)
        } else if a.digits <= 2 && b.digits <= 2 && c.digits == 4 && self.t[i + 1].ch == '/' {
            if a.num > 12 {
                (c.num as i32, b.num, a.num)
            } else {
                (c.num as i32, a.num, b.num)
            }
        } else {
            return None;
        };
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        cand(
            i,
            i + 5,
            Sem::FullDate(y, m, d),
            TimexType::Date,
            "numeric-date",
        )
    }

    /// A bare year (`in 2022`, `2009-2010`, the `58` of `1957-58`), never a count (`2000 troops`).
    fn year(&self, i: usize) -> Option<Cand> {
        let t = self.num(i)?;
        if t.flags != 0 {
            return None;
        }
        if t.digits == 2 {
            // The second half of a year range: 1957-58.
            if i >= 2 && self.dash(i - 1) && self.adj(i - 1) && self.adj(i) {
                let y0 = self.year_num(i - 2)?;
                let y = y0 / 100 * 100 + t.num as i32;
                if y > y0 && !(self.dash(i + 1) && self.adj(i + 1)) {
                    return cand(
                        i,
                        i + 1,
                        Sem::Value(format!("{y:04}")),
                        TimexType::Date,
                        "year-range",
                    );
                }
            }
            return None;
        }
        let y = self.year_num(i)?;
        let strong = i > 0
            && self.is_any(
                i - 1,
                &[
                    "in", "since", "of", "from", "until", "till", "by", "year", "circa", "before",
                    "after", "during",
                ],
            );
        if !((1900..=2100).contains(&y) || (strong && y >= 1000)) {
            return None;
        }
        if i > 0 {
            let p = &self.t[i - 1];
            if p.kind == Kind::Punct && matches!(p.ch, '$' | '£' | '€' | '#' | '№') {
                return None;
            }
            if self.is_any(
                i - 1,
                &[
                    "no",
                    "number",
                    "resolution",
                    "flight",
                    "route",
                    "model",
                    "room",
                    "page",
                    "article",
                    "code",
                    "version",
                ],
            ) {
                return None;
            }
            if self.num(i - 1).is_some() || (self.pc(i - 1, '.') && self.adj(i - 1)) {
                return None;
            }
        }
        if self.pc(i + 1, '%')
            || (self.pc(i + 1, '.') && self.adj(i + 1) && self.num(i + 2).is_some())
            || self.street_after(i)
        {
            return None;
        }
        if self.is_word(i + 1) && !self.cap(i + 1) {
            let w = self.word(i + 1);
            let lw = w.to_ascii_lowercase();
            if COUNT_NOUNS.contains(&lw.as_str())
                || (lw.len() >= 4
                    && lw.ends_with('s')
                    && !["ss", "sis", "us", "ics"].iter().any(|x| lw.ends_with(x))
                    && !S_WORDS.contains(&lw.as_str()))
            {
                return None;
            }
        }
        cand(
            i,
            i + 1,
            Sem::Value(format!("{y:04}")),
            TimexType::Date,
            "year",
        )
    }

    /// Whether the number at `i` is a house number: two or three capitalised words follow it, the
    /// last a street word (`of 1119 Eighth St.`, `1909 Jolinda Drive`, `1600 Pennsylvania Ave`;
    /// not `in 2011 St. Petersburg`).
    fn street_after(&self, i: usize) -> bool {
        (i + 1..i + 4)
            .take_while(|&j| self.is_word(j) && self.cap(j))
            .any(|j| {
                j > i + 1 && STREET_WORDS.contains(&self.word(j).to_ascii_lowercase().as_str())
            })
    }

    /// `the 1990s`, `1990's`, `'90s`.
    fn decade(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let the = self.is(j, "the");
        if the {
            j += 1;
        }
        let apos = self.apos(j);
        let k = if apos { j + 1 } else { j };
        let t = self.num(k)?;
        if apos && !self.adj(k) {
            return None;
        }
        if t.flags != F_DECADE || t.num % 10 != 0 {
            return None;
        }
        let prev_mod = k > 0 && (self.dash(k - 1) || matches!(self.lex(k - 1), Lex::Mod(_)));
        let v = if t.digits == 4 {
            t.num / 10
        } else if t.digits == 2 && (apos || the || prev_mod) {
            if t.num >= 30 {
                190 + t.num / 10
            } else {
                200 + t.num / 10
            }
        } else {
            return None;
        };
        cand(
            i,
            k + 1,
            Sem::Value(format!("{v:03}")),
            TimexType::Date,
            "decade",
        )
    }

    /// `20th century`, `twentieth century`, `21st-century` (without `the`, as TimeML marks it).
    fn century(&self, i: usize) -> Option<Cand> {
        let j = i;
        let n = if let Some(t) = self.num(j) {
            if t.flags != F_ORD || t.num == 0 || t.num > 30 {
                return None;
            }
            t.num
        } else if let Lex::Ord(n) = self.lex(j) {
            n
        } else {
            return None;
        };
        let mut k = j + 1;
        if self.dash(k) && self.adj(k) {
            k += 1;
        }
        if self.lex(k) != Lex::Unit(Unit::Century, false) {
            return None;
        }
        cand(
            i,
            k + 1,
            Sem::Value(format!("{:02}", n - 1)),
            TimexType::Date,
            "century",
        )
    }

    /// `Tuesday`, `last Friday`, `next Monday`, `Friday afternoon`.
    fn weekday(&self, i: usize) -> Option<Cand> {
        let (j, rel) = self.rel_prefix(i);
        let d = match self.lex(j) {
            Lex::Weekday(d) if self.cap(j) => u32::from(d),
            _ => return None,
        };
        let sem = Sem::Weekday(d, rel);
        if let Lex::Part(p) = self.lex(j + 1) {
            return cand(
                i,
                j + 2,
                Sem::Time(Some(Box::new(sem)), format!("T{p}")),
                TimexType::Time,
                "weekday-part",
            );
        }
        cand(i, j + 1, sem, TimexType::Date, "weekday")
    }

    /// `[the] last|this|next|past|coming [N] unit`, `this fiscal year`, `last night`,
    /// `the weekend`, `the next day`.
    fn rel_unit(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let the = self.is(j, "the");
        if the {
            j += 1;
            if self.lex(j) == Lex::Weekend {
                return cand(
                    i,
                    j + 1,
                    Sem::Weekend(Rel::None),
                    TimexType::Date,
                    "weekend",
                );
            }
        }
        let r = match self.lex(j) {
            Lex::Rel(r) => r,
            _ => return None,
        };
        j += 1;
        if r == RelW::This && self.lex(j) == Lex::Rel(RelW::Coming) {
            j += 1;
        }
        if let Some((k, q)) = self.qty(j) {
            let mut u_at = k;
            if self.dash(k) && self.adj(k) {
                u_at += 1;
            }
            if let Lex::Unit(u, _) = self.lex(u_at) {
                if !matches!(r, RelW::This | RelW::Current) {
                    return cand(
                        i,
                        u_at + 1,
                        Sem::Value(duration_value(&q, u)),
                        TimexType::Duration,
                        "rel-duration",
                    );
                }
            }
            return None;
        }
        if self.lex(j) == Lex::Fiscal && self.lex(j + 1) == Lex::Unit(Unit::Year, false) {
            j += 1;
        }
        let one = Qty::N("1".into(), 1);
        match self.lex(j) {
            Lex::Unit(u, false) => {
                let e = j + 1;
                let sub_day = matches!(u, Unit::Second | Unit::Minute | Unit::Hour);
                if u == Unit::Day {
                    let off = match r {
                        RelW::Next | RelW::Following => 1,
                        RelW::Previous => -1,
                        RelW::Past => {
                            return cand(
                                i,
                                e,
                                Sem::Value("P1D".into()),
                                TimexType::Duration,
                                "rel-duration",
                            )
                        }
                        _ => return None,
                    };
                    return cand(i, e, Sem::AnaDay(off), TimexType::Date, "anaphoric-day");
                }
                let dur = Sem::Value(duration_value(&one, u));
                let long = matches!(u, Unit::Decade | Unit::Century);
                match r {
                    RelW::Past => cand(i, e, dur, TimexType::Duration, "rel-duration"),
                    _ if sub_day => cand(i, e, dur, TimexType::Duration, "rel-duration"),
                    RelW::This | RelW::Current => {
                        cand(i, e, Sem::UnitOffset(u, 0), TimexType::Date, "rel-unit")
                    }
                    RelW::Last | RelW::Previous => {
                        cand(i, e, Sem::UnitOffset(u, -1), TimexType::Date, "rel-unit")
                    }
                    RelW::Next | RelW::Coming | RelW::Following => {
                        if long && the {
                            cand(i, e, dur, TimexType::Duration, "rel-duration")
                        } else {
                            cand(i, e, Sem::UnitOffset(u, 1), TimexType::Date, "rel-unit")
                        }
                    }
                    RelW::Recent => None,
                }
            }
            Lex::Unit(u, true) => {
                if matches!(r, RelW::This | RelW::Current) {
                    return None;
                }
                cand(
                    i,
                    j + 1,
                    Sem::Value(duration_value(&Qty::X, u)),
                    TimexType::Duration,
                    "rel-duration",
                )
            }
            Lex::Part(p) => {
                let off = match r {
                    RelW::Last => -1,
                    RelW::This => 0,
                    _ => return None,
                };
                if off == -1 && p != "NI" && p != "EV" {
                    return None;
                }
                cand(
                    i,
                    j + 1,
                    Sem::Time(Some(Box::new(Sem::DayOffset(off))), format!("T{p}")),
                    TimexType::Time,
                    "rel-part",
                )
            }
            Lex::Weekend => {
                let rel = match r {
                    RelW::Last | RelW::Past | RelW::Previous => Rel::Last,
                    RelW::This | RelW::Current => Rel::This,
                    RelW::Next | RelW::Coming | RelW::Following => Rel::Next,
                    RelW::Recent => return None,
                };
                cand(i, j + 1, Sem::Weekend(rel), TimexType::Date, "weekend")
            }
            _ => None,
        }
    }

    /// `the third quarter [of 2024]`, `Q3 2024`, `the first half of 2022`, `first-quarter`.
    fn quarter_half(&self, i: usize) -> Option<Cand> {
        if self.is(i, "q") && self.cap(i) && self.adj(i + 1) {
            let n = self.num(i + 1)?;
            if n.flags != 0 || !(1..=4).contains(&n.num) {
                return None;
            }
            let (yr, e) = self
                .year_ref(i + 2)
                .unwrap_or((YearRef::Cyclic(Rel::None), i + 2));
            return cand(
                i,
                e,
                Sem::YearPart(yr, Part::Quarter(n.num as u8)),
                TimexType::Date,
                "quarter",
            );
        }
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        let n = match self.lex(j) {
            Lex::Ord(n) if (1..=4).contains(&n) => n as u8,
            _ => return None,
        };
        let mut k = j + 1;
        if self.dash(k) && self.adj(k) {
            k += 1;
        }
        match self.lex(k) {
            Lex::Unit(Unit::Quarter, false) => {
                let (yr, e) = self
                    .year_ref(k + 1)
                    .unwrap_or((YearRef::Cyclic(Rel::None), k + 1));
                cand(
                    i,
                    e,
                    Sem::YearPart(yr, Part::Quarter(n)),
                    TimexType::Date,
                    "quarter",
                )
            }
            Lex::Half if n <= 2 => {
                let (yr, e) = self.year_ref(k + 1)?;
                if e == k + 1 {
                    return None;
                }
                cand(
                    i,
                    e,
                    Sem::YearPart(yr, Part::Half(n)),
                    TimexType::Date,
                    "half",
                )
            }
            _ => None,
        }
    }

    /// `[of] 2024`, `of this year`, `of last year`, `of the year`.
    fn year_ref(&self, k: usize) -> Option<(YearRef, usize)> {
        let of = self.is(k, "of");
        let q = if of { k + 1 } else { k };
        if let Some(y) = self.year_num(q) {
            return Some((YearRef::Abs(y), q + 1));
        }
        if !of {
            return None;
        }
        let year_at = |j: usize| self.lex(j) == Lex::Unit(Unit::Year, false);
        let (off, e) = if year_at(q + 1) {
            match self.lex(q) {
                Lex::Rel(RelW::This | RelW::Current) => (0, q + 2),
                Lex::Rel(RelW::Last | RelW::Previous) => (-1, q + 2),
                Lex::Rel(RelW::Next | RelW::Following) => (1, q + 2),
                Lex::Art if self.is(q, "the") => (0, q + 2),
                _ => return None,
            }
        } else if self.is(q, "the") && year_at(q + 2) {
            match self.lex(q + 1) {
                Lex::Rel(RelW::This | RelW::Current) => (0, q + 3),
                Lex::Rel(RelW::Last | RelW::Previous) => (-1, q + 3),
                Lex::Rel(RelW::Next | RelW::Following) => (1, q + 3),
                _ => return None,
            }
        } else {
            return None;
        };
        Some((YearRef::Offset(off), e))
    }

    /// `[of] last|this|next year`, `[of] the previous year`: a year relative to the anchor.
    fn rel_year(&self, k: usize) -> Option<(YearRef, usize)> {
        if self.is(k, "of") {
            return self
                .year_ref(k)
                .filter(|(y, _)| matches!(y, YearRef::Offset(_)));
        }
        let mut q = k;
        if self.is(q, "the") {
            q += 1;
        }
        if self.lex(q + 1) != Lex::Unit(Unit::Year, false) {
            return None;
        }
        let off = match self.lex(q) {
            Lex::Rel(RelW::This | RelW::Current) if q == k => 0,
            Lex::Rel(RelW::Last) if q == k => -1,
            Lex::Rel(RelW::Next) if q == k => 1,
            Lex::Rel(RelW::Previous) => -1,
            Lex::Rel(RelW::Following) => 1,
            _ => return None,
        };
        Some((YearRef::Offset(off), q + 2))
    }

    /// `last summer`, `in spring`, `the winter of 2022`, `summer 2024`.
    fn season(&self, i: usize) -> Option<Cand> {
        let (mut j, rel) = self.rel_prefix(i);
        let the = self.is(i, "the");
        if the && rel == Rel::None {
            j += 1;
        }
        let s = match self.lex(j) {
            Lex::Season(s) => s,
            _ => return None,
        };
        let e = j + 1;
        if let Some((yr, e2)) = self.year_ref(e).or_else(|| self.rel_year(e)) {
            return cand(
                i,
                e2,
                Sem::YearPart(yr, Part::Season(s)),
                TimexType::Date,
                "season",
            );
        }
        if self.is(e, "of") {
            return None; // "the fall of the city"
        }
        if rel == Rel::None {
            let prev_ok = if the {
                true
            } else {
                i > 0 && self.is_any(i - 1, SEASON_PREV)
            };
            if !prev_ok {
                return None;
            }
            if self.cap(j) && i > 0 && self.cap(i.saturating_sub(1)) && !the {
                return None;
            }
        }
        cand(
            i,
            e,
            Sem::YearPart(YearRef::Cyclic(rel), Part::Season(s)),
            TimexType::Date,
            "season",
        )
    }

    /// References and deictic days: `now`, `recently`, `today`, `yesterday morning`, `tonight`,
    /// `the past`, `the future`, `at the time`, `these days`, `that day`, `the same day`.
    fn refs(&self, i: usize) -> Option<Cand> {
        let value = |e: usize, v: &str| cand(i, e, Sem::Value(v.into()), TimexType::Date, "ref");
        match self.lex(i) {
            Lex::Ref(v) => value(i + 1, v),
            Lex::DayRel(d) => {
                let sem = Sem::DayOffset(i64::from(d));
                if let Lex::Part(p) = self.lex(i + 1) {
                    return cand(
                        i,
                        i + 2,
                        Sem::Time(Some(Box::new(sem)), format!("T{p}")),
                        TimexType::Time,
                        "deictic-part",
                    );
                }
                cand(i, i + 1, sem, TimexType::Date, "deictic-day")
            }
            Lex::Tonight => cand(
                i,
                i + 1,
                Sem::Time(Some(Box::new(Sem::DayOffset(0))), "TNI".into()),
                TimexType::Time,
                "deictic-part",
            ),
            Lex::Art if self.is(i, "the") => {
                let mut j = i + 1;
                if self.is_any(
                    j,
                    &["recent", "near", "distant", "immediate", "foreseeable"],
                ) {
                    j += 1;
                }
                let next_free = !self.is_word(j + 1)
                    || self.cap(j + 1)
                    || self.is_any(
                        j + 1,
                        &["and", "or", "but", "is", "was", "as", "when", "that", "the"],
                    );
                if self.is(j, "past") && next_free {
                    return value(j + 1, "PAST_REF");
                }
                if self.is(j, "future") && next_free {
                    return value(j + 1, "FUTURE_REF");
                }
                if self.is(j, "present") && j == i + 1 && next_free {
                    return value(j + 1, "PRESENT_REF");
                }
                if self.is(i + 1, "same") && self.lex(i + 2) == Lex::Unit(Unit::Day, false) {
                    return cand(i, i + 3, Sem::AnaDay(0), TimexType::Date, "anaphoric-day");
                }
                if self.lex(i + 1) == Lex::Unit(Unit::Day, false) {
                    let off = if self.is(i + 2, "before") {
                        -1
                    } else if self.is(i + 2, "after") {
                        1
                    } else {
                        return None;
                    };
                    return cand(i, i + 3, Sem::AnaDay(off), TimexType::Date, "anaphoric-day");
                }
                None
            }
            Lex::Trigger => {
                if self.is(i, "at") {
                    if self.is_any(i + 1, &["the", "that"])
                        && self.is(i + 2, "time")
                        && !self.is(i + 3, "of")
                    {
                        return value(i + 3, "PAST_REF");
                    }
                    if self.is(i + 1, "the") && self.is(i + 2, "moment") && !self.is(i + 3, "of") {
                        return value(i + 3, "PRESENT_REF");
                    }
                    if self.is(i + 1, "present") {
                        return value(i + 2, "PRESENT_REF");
                    }
                    return None;
                }
                if self.is(i, "these") && self.lex(i + 1) == Lex::Unit(Unit::Day, true) {
                    return value(i + 2, "PRESENT_REF");
                }
                if self.is(i, "that") && self.lex(i + 1) == Lex::Unit(Unit::Day, false) {
                    return cand(i, i + 2, Sem::AnaDay(0), TimexType::Date, "anaphoric-day");
                }
                None
            }
            _ => None,
        }
    }

    /// A quantity: `2`, `1.5`, `two`, `twenty-five`, `a`, `a few`, `several`, `a couple of`.
    fn qty(&self, j: usize) -> Option<(usize, Qty)> {
        let t = self.t.get(j)?;
        match t.kind {
            Kind::Num => {
                if t.flags & (F_ORD | F_DECADE) != 0 {
                    return None;
                }
                let txt = if t.flags & (F_DECIMAL | F_GROUPED) != 0 {
                    self.text[t.start..t.end].replace(',', "")
                } else {
                    t.num.to_string()
                };
                Some((j + 1, Qty::N(txt, i64::from(t.num))))
            }
            Kind::Word => match t.lex {
                Lex::NumWord(v) => {
                    let mut v = v;
                    let mut k = j + 1;
                    if (20..100).contains(&v) {
                        if self.dash(k) && self.adj(k) {
                            if let Lex::NumWord(w) = self.lex(k + 1) {
                                if w < 10 {
                                    v += w;
                                    k += 2;
                                }
                            }
                        } else if let Lex::NumWord(w) = self.lex(k) {
                            if w < 10 {
                                v += w;
                                k += 1;
                            }
                        }
                    }
                    Some((k, Qty::N(v.to_string(), i64::from(v))))
                }
                Lex::Art if !self.is(j, "the") => {
                    if self.is(j + 1, "few") {
                        Some((j + 2, Qty::X))
                    } else if self.is(j + 1, "couple") {
                        let k = if self.is(j + 2, "of") { j + 3 } else { j + 2 };
                        Some((k, Qty::N("2".into(), 2)))
                    } else if self.is(j + 1, "dozen") {
                        Some((j + 2, Qty::N("12".into(), 12)))
                    } else {
                        Some((j + 1, Qty::N("1".into(), 1)))
                    }
                }
                Lex::Vague => {
                    if self.is(j, "couple") {
                        let k = if self.is(j + 1, "of") { j + 2 } else { j + 1 };
                        return Some((k, Qty::N("2".into(), 2)));
                    }
                    if self.is_any(j, &["dozens", "hundreds", "thousands"]) {
                        return self.is(j + 1, "of").then_some((j + 2, Qty::X));
                    }
                    Some((j + 1, Qty::X))
                }
                _ => None,
            },
            Kind::Punct => None,
        }
    }

    /// `30 months`, `a month`, `several days`, `four-week`, `two days ago`, `for years`,
    /// `60 years old`, `$5 billion a year` (a set).
    fn duration(&self, i: usize) -> Option<Cand> {
        if let Lex::Unit(u, true) = self.lex(i) {
            if self.is(i + 1, "ago") {
                return cand(
                    i,
                    i + 2,
                    Sem::Value("PAST_REF".into()),
                    TimexType::Date,
                    "ago",
                );
            }
            let after = self.is_any(i + 1, &["before", "after", "later", "earlier"]);
            if i > 0 && (after || self.is_any(i - 1, BARE_PREV)) && !self.cap(i) {
                return cand(
                    i,
                    i + 1,
                    Sem::Value(duration_value(&Qty::X, u)),
                    TimexType::Duration,
                    "bare-units",
                );
            }
            return None;
        }
        let (k, q) = self.qty(i)?;
        // The first number of a range shares the unit: "between 12 and 18 months".
        if self.lex(i) != Lex::Art
            && (self.is_any(k, &["and", "to", "or"]) || self.dash(k))
            && self.qty(k + 1).is_some_and(|(k2, q2)| {
                q2 != Qty::X && self.lex(k + 1) != Lex::Art && matches!(self.lex(k2), Lex::Unit(..))
            })
        {
            if let (Some((k2, _)), Qty::N(..)) = (self.qty(k + 1), &q) {
                if let Lex::Unit(u, _) = self.lex(k2) {
                    return cand(
                        i,
                        k,
                        Sem::Value(duration_value(&q, u)),
                        TimexType::Duration,
                        "duration-range",
                    );
                }
            }
        }
        let mut u_at = k;
        if self.dash(k) && self.adj(k) {
            u_at += 1;
        }
        let (u, _plural) = match self.lex(u_at) {
            Lex::Unit(u, p) => (u, p),
            _ => return None,
        };
        let article = self.lex(i) == Lex::Art;
        if article && u_at == i + 1 && matches!(u, Unit::Second | Unit::Quarter) {
            return None;
        }
        if article && u_at == i + 1 && i > 0 {
            let p = &self.t[i - 1];
            let freq = p.kind == Kind::Num
                || self.pc(i - 1, '%')
                || self.is_any(
                    i - 1,
                    &[
                        "million", "billion", "trillion", "thousand", "percent", "times", "once",
                        "twice", "thrice", "dollars", "euros",
                    ],
                );
            if freq {
                return cand(
                    i,
                    u_at + 1,
                    Sem::Value(duration_value(&Qty::N("1".into(), 1), u)),
                    TimexType::Set,
                    "set-per",
                );
            }
        }
        let e = u_at + 1;
        if self.is(e, "ago") {
            let sem = match (&q, u) {
                (Qty::X, _) | (_, Unit::Second | Unit::Minute | Unit::Hour) => {
                    Sem::Value("PAST_REF".into())
                }
                (Qty::N(_, n), u) => {
                    let (u2, n2) = scale_unit(u, *n);
                    Sem::UnitOffset(u2, -n2)
                }
            };
            return cand(i, e + 1, sem, TimexType::Date, "ago");
        }
        // Ages are not time expressions: "60 years old", "22-year-old", "ages 6 months and older".
        if self.is_any(e, &["old", "older", "younger"])
            || (self.dash(e) && self.is_any(e + 1, &["old", "olds"]))
            || (i > 0 && self.is_any(i - 1, &["age", "ages", "aged"]))
        {
            return None;
        }
        cand(
            i,
            e,
            Sem::Value(duration_value(&q, u)),
            TimexType::Duration,
            "duration",
        )
    }

    /// `every week`, `each Monday`, `every morning`, `annually`, `twice a year`, `per month`,
    /// `on Mondays`.
    fn set(&self, i: usize) -> Option<Cand> {
        let set = |e: usize, v: String, rule: &'static str| {
            cand(i, e, Sem::Value(v), TimexType::Set, rule)
        };
        match self.lex(i) {
            Lex::Every => {
                let mut j = i + 1;
                let mut mult = 1;
                if self.is(j, "other") {
                    mult = 2;
                    j += 1;
                }
                if let Some((k, Qty::N(_, n))) = self.qty(j) {
                    if self.lex(j) != Lex::Art {
                        if let Lex::Unit(u, _) = self.lex(k) {
                            let n = n * mult;
                            return set(
                                k + 1,
                                duration_value(&Qty::N(n.to_string(), n), u),
                                "set-every",
                            );
                        }
                    }
                }
                let one = Qty::N(mult.to_string(), mult);
                match self.lex(j) {
                    Lex::Unit(u, false) => set(j + 1, duration_value(&one, u), "set-every"),
                    Lex::Weekday(d) => set(j + 1, format!("XXXX-WXX-{d}"), "set-every"),
                    Lex::Part(p) => set(j + 1, format!("XXXX-XX-XXT{p}"), "set-every"),
                    Lex::Season(s) => set(
                        j + 1,
                        format!("XXXX-{}", crate::lexicon::SEASONS[usize::from(s - 1)]),
                        "set-every",
                    ),
                    Lex::Month(m) if self.cap(j) => set(j + 1, format!("XXXX-{m:02}"), "set-every"),
                    Lex::Weekend => set(j + 1, "XXXX-WXX-WE".into(), "set-every"),
                    _ => None,
                }
            }
            Lex::SetAdv(v) => {
                if self.cap(i) && i > 0 {
                    return None; // "the Daily Mail"
                }
                set(i + 1, v.into(), "set-adverb")
            }
            Lex::WeekdayPl(d) if self.cap(i) => set(i + 1, format!("XXXX-WXX-{d}"), "set-weekdays"),
            Lex::Trigger if self.is(i, "per") => match self.lex(i + 1) {
                Lex::Unit(u, false) => {
                    set(i + 2, duration_value(&Qty::N("1".into(), 1), u), "set-per")
                }
                _ => None,
            },
            Lex::Trigger if self.is_any(i, &["once", "twice", "thrice"]) => {
                self.freq_tail(i, i + 1)
            }
            _ => {
                // "three times a year"
                let (k, _) = self.qty(i)?;
                if self.lex(i) == Lex::Art || !self.is(k, "times") {
                    return None;
                }
                self.freq_tail(i, k + 1)
            }
        }
    }

    fn freq_tail(&self, i: usize, j: usize) -> Option<Cand> {
        if !self.is_any(j, &["a", "an", "per", "every", "each"]) {
            return None;
        }
        match self.lex(j + 1) {
            Lex::Unit(u, false) => cand(
                i,
                j + 2,
                Sem::Value(duration_value(&Qty::N("1".into(), 1), u)),
                TimexType::Set,
                "set-freq",
            ),
            _ => None,
        }
    }

    /// A clock time at `i`: `7:22 p.m.`, `15:00 GMT`, `8 PM`, `noon`. Returns its end and `THH:MM`.
    fn clock(&self, i: usize) -> Option<(usize, String)> {
        let t = self.t.get(i)?;
        let (mut k, mut h, m, s) = match t.kind {
            Kind::Word => match t.lex {
                Lex::Clock(h) => return Some((i + 1, format!("T{h:02}:00"))),
                _ => return None,
            },
            Kind::Num if t.flags == 0 && t.digits <= 2 => {
                if self.pc(i + 1, ':') && self.adj(i + 1) && self.adj(i + 2) {
                    let mt = self.num(i + 2)?;
                    if mt.digits != 2 || mt.flags != 0 || mt.num > 59 || t.num > 24 {
                        return None;
                    }
                    let mut k = i + 3;
                    let mut s = None;
                    if self.pc(k, ':') && self.adj(k) && self.adj(k + 1) {
                        if let Some(st) = self.num(k + 1) {
                            if st.digits == 2 && st.flags == 0 && st.num <= 59 {
                                s = Some(st.num);
                                k += 2;
                            }
                        }
                    }
                    (k, t.num, mt.num, s)
                } else if (1..=12).contains(&t.num) && self.ampm(i + 1).is_some() {
                    (i + 1, t.num, 0, None)
                } else {
                    return None;
                }
            }
            _ => return None,
        };
        if let Some((e, pm)) = self.ampm(k) {
            if h > 12 {
                return None;
            }
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
            k = e;
        }
        if self
            .t
            .get(k)
            .is_some_and(|t| t.kind == Kind::Word && TIMEZONES.contains(&self.word(k)))
        {
            k += 1;
        }
        let v = match s {
            Some(s) => format!("T{h:02}:{m:02}:{s:02}"),
            None => format!("T{h:02}:{m:02}"),
        };
        Some((k, v))
    }

    /// `am`, `PM`, `a.m.`, `p.m` at `k`: its end and whether it is p.m.
    fn ampm(&self, k: usize) -> Option<(usize, bool)> {
        let w = self.word(k);
        if w.eq_ignore_ascii_case("am") || w.eq_ignore_ascii_case("pm") {
            return Some((k + 1, w.eq_ignore_ascii_case("pm")));
        }
        if (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("p"))
            && self.pc(k + 1, '.')
            && self.adj(k + 1)
            && self.is(k + 2, "m")
            && self.adj(k + 2)
        {
            let mut e = k + 3;
            if self.pc(e, '.') && self.adj(e) {
                e += 1;
            }
            return Some((e, w.eq_ignore_ascii_case("p")));
        }
        None
    }

    /// A clock time, joined to a day-precision date right after it (`15:00 GMT Saturday`).
    fn time(&self, i: usize) -> Option<Cand> {
        let (k, tod) = self.clock(i)?;
        let mut q = k;
        if self.is(q, "on") {
            q += 1;
        }
        if let Some(d) = self.day_date(q) {
            return cand(
                i,
                d.e,
                Sem::Time(Some(Box::new(d.sem)), tod),
                TimexType::Time,
                "time+date",
            );
        }
        cand(i, k, Sem::Time(None, tod), TimexType::Time, "clock")
    }

    /// A day-precision date at `q` (weekday, month-day, today/yesterday).
    fn day_date(&self, q: usize) -> Option<Cand> {
        let c = [self.weekday(q), self.month_first(q), self.day_first(q)]
            .into_iter()
            .flatten()
            .filter(|c| c.kind == TimexType::Date && is_day(&c.sem))
            .max_by_key(|c| c.e);
        if c.is_some() {
            return c;
        }
        if let Lex::DayRel(d) = self.lex(q) {
            return cand(
                q,
                q + 1,
                Sem::DayOffset(i64::from(d)),
                TimexType::Date,
                "deictic-day",
            );
        }
        None
    }

    /// A day-precision date followed by a clock time becomes one TIME (`May 17, 2024 | 7:22 p.m.`).
    fn merge_time(&self, c: Cand) -> Cand {
        if c.kind != TimexType::Date || !is_day(&c.sem) {
            return c;
        }
        let mut q = c.e;
        if self.pc(q, ',') || self.pc(q, '|') || self.is(q, "at") || self.dash(q) {
            q += 1;
        }
        match self.clock(q) {
            Some((k, tod)) => Cand {
                s: c.s,
                e: k,
                sem: Sem::Time(Some(Box::new(c.sem)), tod),
                kind: TimexType::Time,
                rule: "date+time",
            },
            None => c,
        }
    }
}

/// Whether a meaning has day precision.
pub(crate) fn is_day(s: &Sem) -> bool {
    matches!(
        s,
        Sem::FullDate(..)
            | Sem::MonthDay(..)
            | Sem::Weekday(..)
            | Sem::DayOffset(_)
            | Sem::AnaDay(_)
    )
}

fn days_in_month(m: u32) -> u32 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Units that TIMEX3 writes as multiples of another (`two decades ago` is 20 years ago).
fn scale_unit(u: Unit, n: i64) -> (Unit, i64) {
    match u {
        Unit::Decade => (Unit::Year, n * 10),
        Unit::Century => (Unit::Year, n * 100),
        Unit::Fortnight => (Unit::Week, n * 2),
        u => (u, n),
    }
}

/// The TIMEX3 duration value of a quantity of units: `P2D`, `PT3H`, `PXM`, `P10Y`.
pub(crate) fn duration_value(q: &Qty, u: Unit) -> String {
    let (n, int) = match q {
        Qty::N(s, n) => (
            s.as_str(),
            s.bytes().all(|b| b.is_ascii_digit()).then_some(*n),
        ),
        Qty::X => ("X", None),
    };
    let scaled = |k: i64, unit: &str, xunit: &str| match int {
        Some(v) => format!("P{}{unit}", v * k),
        None if n == "X" => format!("PX{xunit}"),
        None => format!("P{n}{xunit}"),
    };
    match u {
        Unit::Second => format!("PT{n}S"),
        Unit::Minute => format!("PT{n}M"),
        Unit::Hour => format!("PT{n}H"),
        Unit::Day => format!("P{n}D"),
        Unit::Week => format!("P{n}W"),
        Unit::Fortnight => scaled(2, "W", "W"),
        Unit::Month => format!("P{n}M"),
        Unit::Quarter => scaled(3, "M", "Q"),
        Unit::Year => format!("P{n}Y"),
        Unit::Decade => scaled(10, "Y", "DE"),
        Unit::Century => scaled(100, "Y", "CE"),
    }
}
