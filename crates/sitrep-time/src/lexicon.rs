//! The word table: every word the tagger reacts to, with its time role ([`Lex`]) and its tense
//! cue ([`Cue`]).
//!
//! One hash lookup per word (ASCII, lower-cased, at most 15 bytes) gives both. Words that are not
//! in the table have no time role; a word ending in `-ed` that is not in the table is a weak
//! past-tense cue. The table is general English (month and weekday names, units, number words,
//! deictic words, tense auxiliaries, common irregular past forms); nothing in it is specific to a
//! corpus.

use once_cell::sync::Lazy;
use std::collections::HashMap;

/// A calendar unit, as in durations (`P2D`) and relative expressions (`last week`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// A relational word placed before a unit, weekday, month or season.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RelW {
    Last,
    This,
    Next,
    Past,
    Previous,
    Coming,
    Following,
    Recent,
    Current,
}

/// A position modifier (`early 2023`, `mid-January`, `earlier this year`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ModW {
    Early,
    Late,
    Mid,
    Earlier,
    Later,
}

/// The time role of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lex {
    None,
    Month(u8),
    MonthAbbr(u8),
    Weekday(u8),
    WeekdayPl(u8),
    /// A unit, and whether the word is plural.
    Unit(Unit, bool),
    NumWord(u32),
    Ord(u32),
    Season(u8),
    Rel(RelW),
    DayRel(i8),
    Tonight,
    Ref(&'static str),
    Part(&'static str),
    Mod(ModW),
    SetAdv(&'static str),
    Vague,
    Art,
    Every,
    Ago,
    Fiscal,
    Half,
    Edge,
    Clock(u32),
    Weekend,
    /// A function word that can open an expression (`at the time`, `that day`, `once a week`).
    Trigger,
}

/// The tense a word signals about its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cue {
    None,
    Past,
    /// A regular `-ed` form: past, or a participle used as an adjective.
    PastEd,
    Future,
    /// Future when followed by `to` (`going to`, `plans to`, `expected to`).
    FutureIfTo,
    Present,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    pub lex: Lex,
    pub cue: Cue,
}

/// Season codes in TIMEX3 order of the year: 1 spring .. 4 winter.
pub(crate) const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

static TABLE: Lazy<HashMap<&'static str, Entry>> = Lazy::new(build);

fn build() -> HashMap<&'static str, Entry> {
    let mut m: HashMap<&'static str, Entry> = HashMap::with_capacity(600);
    let mut put = |w: &'static str, lex: Lex, cue: Cue| {
        m.insert(w, Entry { lex, cue });
    };
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    for (k, w) in MONTHS.iter().enumerate() {
        put(w, Lex::Month(k as u8 + 1), Cue::None);
    }
    for (w, k) in [
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ] {
        put(w, Lex::MonthAbbr(k), Cue::None);
    }
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    const DAYS_PL: [&str; 7] = [
        "mondays",
        "tuesdays",
        "wednesdays",
        "thursdays",
        "fridays",
        "saturdays",
        "sundays",
    ];
    for k in 0..7 {
        put(DAYS[k], Lex::Weekday(k as u8 + 1), Cue::None);
        put(DAYS_PL[k], Lex::WeekdayPl(k as u8 + 1), Cue::None);
    }
    for (s, p, u) in [
        ("second", "seconds", Unit::Second),
        ("minute", "minutes", Unit::Minute),
        ("hour", "hours", Unit::Hour),
        ("day", "days", Unit::Day),
        ("week", "weeks", Unit::Week),
        ("fortnight", "fortnights", Unit::Fortnight),
        ("month", "months", Unit::Month),
        ("quarter", "quarters", Unit::Quarter),
        ("year", "years", Unit::Year),
        ("decade", "decades", Unit::Decade),
        ("century", "centuries", Unit::Century),
    ] {
        put(s, Lex::Unit(u, false), Cue::None);
        put(p, Lex::Unit(u, true), Cue::None);
    }
    put("mins", Lex::Unit(Unit::Minute, true), Cue::None);
    put("hrs", Lex::Unit(Unit::Hour, true), Cue::None);
    // "second" is first of all an ordinal; `seconds` stays a unit.
    put("second", Lex::Ord(2), Cue::None);
    for (w, v) in [
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
        ("hundred", 100),
    ] {
        put(w, Lex::NumWord(v), Cue::None);
    }
    for (w, v) in [
        ("first", 1),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
        ("eleventh", 11),
        ("twelfth", 12),
        ("nineteenth", 19),
        ("twentieth", 20),
    ] {
        put(w, Lex::Ord(v), Cue::None);
    }
    for (w, s) in [
        ("spring", 1),
        ("summer", 2),
        ("autumn", 3),
        ("fall", 3),
        ("winter", 4),
    ] {
        put(w, Lex::Season(s), Cue::None);
    }
    put("last", Lex::Rel(RelW::Last), Cue::Past);
    put("this", Lex::Rel(RelW::This), Cue::None);
    put("next", Lex::Rel(RelW::Next), Cue::Future);
    put("past", Lex::Rel(RelW::Past), Cue::None);
    put("previous", Lex::Rel(RelW::Previous), Cue::None);
    put("prior", Lex::Rel(RelW::Previous), Cue::None);
    put("preceding", Lex::Rel(RelW::Previous), Cue::None);
    put("coming", Lex::Rel(RelW::Coming), Cue::None);
    put("upcoming", Lex::Rel(RelW::Coming), Cue::Future);
    put("following", Lex::Rel(RelW::Following), Cue::None);
    put("recent", Lex::Rel(RelW::Recent), Cue::None);
    put("current", Lex::Rel(RelW::Current), Cue::None);
    put("today", Lex::DayRel(0), Cue::None);
    put("yesterday", Lex::DayRel(-1), Cue::Past);
    put("tomorrow", Lex::DayRel(1), Cue::Future);
    put("tonight", Lex::Tonight, Cue::None);
    put("now", Lex::Ref("PRESENT_REF"), Cue::None);
    put("currently", Lex::Ref("PRESENT_REF"), Cue::Present);
    put("nowadays", Lex::Ref("PRESENT_REF"), Cue::Present);
    put("presently", Lex::Ref("PRESENT_REF"), Cue::Present);
    put("recently", Lex::Ref("PAST_REF"), Cue::Past);
    put("lately", Lex::Ref("PAST_REF"), Cue::Past);
    put("morning", Lex::Part("MO"), Cue::None);
    put("afternoon", Lex::Part("AF"), Cue::None);
    put("evening", Lex::Part("EV"), Cue::None);
    put("night", Lex::Part("NI"), Cue::None);
    put("early", Lex::Mod(ModW::Early), Cue::None);
    put("late", Lex::Mod(ModW::Late), Cue::None);
    put("mid", Lex::Mod(ModW::Mid), Cue::None);
    put("earlier", Lex::Mod(ModW::Earlier), Cue::None);
    put("later", Lex::Mod(ModW::Later), Cue::None);
    for (w, v) in [
        ("hourly", "PT1H"),
        ("daily", "P1D"),
        ("nightly", "P1D"),
        ("weekly", "P1W"),
        ("biweekly", "P2W"),
        ("monthly", "P1M"),
        ("quarterly", "P3M"),
        ("annually", "P1Y"),
        ("annual", "P1Y"),
        ("yearly", "P1Y"),
        ("biannual", "P6M"),
        ("biennial", "P2Y"),
    ] {
        put(w, Lex::SetAdv(v), Cue::None);
    }
    for w in [
        "several",
        "few",
        "many",
        "some",
        "couple",
        "dozens",
        "hundreds",
        "thousands",
        "numerous",
    ] {
        put(w, Lex::Vague, Cue::None);
    }
    for w in ["a", "an", "the"] {
        put(w, Lex::Art, Cue::None);
    }
    put("every", Lex::Every, Cue::None);
    put("each", Lex::Every, Cue::None);
    put("ago", Lex::Ago, Cue::Past);
    put("fiscal", Lex::Fiscal, Cue::None);
    put("half", Lex::Half, Cue::None);
    for w in ["end", "beginning", "start", "middle"] {
        put(w, Lex::Edge, Cue::None);
    }
    put("noon", Lex::Clock(12), Cue::None);
    put("midday", Lex::Clock(12), Cue::None);
    put("midnight", Lex::Clock(24), Cue::None);
    put("weekend", Lex::Weekend, Cue::None);
    for w in ["at", "that", "these", "once", "twice", "thrice", "per", "q"] {
        put(w, Lex::Trigger, Cue::None);
    }
    // Tense cues.
    for w in ["will", "shall", "ll"] {
        put(w, Lex::None, Cue::Future);
    }
    for w in [
        "going",
        "plans",
        "plan",
        "planned",
        "planning",
        "expected",
        "expects",
        "expect",
        "scheduled",
        "intends",
        "aims",
        "set",
        "due",
    ] {
        put(w, Lex::None, Cue::FutureIfTo);
    }
    for w in [
        "is", "are", "am", "says", "say", "do", "does", "has", "have", "can", "isn", "aren",
        "doesn", "don", "hasn", "haven",
    ] {
        put(w, Lex::None, Cue::Present);
    }
    // Rescheduling verbs: the new time lies ahead of the report.
    for w in [
        "postponed",
        "delayed",
        "rescheduled",
        "adjourned",
        "deferred",
    ] {
        put(w, Lex::None, Cue::Future);
    }
    put("been", Lex::None, Cue::Past);
    for w in PAST_IRREGULAR {
        put(w, Lex::None, Cue::Past);
    }
    // Participles mostly used as adjectives: no tense.
    for w in NOT_PAST_ED {
        put(w, Lex::None, Cue::None);
    }
    m
}

/// Common irregular past forms and past auxiliaries.
const PAST_IRREGULAR: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "didn",
    "wasn",
    "weren",
    "hadn",
    "said",
    "told",
    "met",
    "went",
    "came",
    "saw",
    "took",
    "made",
    "gave",
    "held",
    "left",
    "sent",
    "spoke",
    "wrote",
    "began",
    "became",
    "brought",
    "bought",
    "built",
    "caught",
    "chose",
    "drove",
    "fell",
    "felt",
    "fought",
    "found",
    "flew",
    "forgot",
    "got",
    "grew",
    "heard",
    "kept",
    "knew",
    "laid",
    "led",
    "lost",
    "meant",
    "paid",
    "ran",
    "rose",
    "sat",
    "sold",
    "shot",
    "sought",
    "struck",
    "stood",
    "stole",
    "swore",
    "taught",
    "thought",
    "threw",
    "understood",
    "won",
    "wore",
    "withdrew",
    "arose",
    "broke",
    "drew",
    "ate",
    "froze",
    "hid",
    "hung",
    "overtook",
    "rang",
    "rode",
    "sank",
    "shook",
    "slept",
    "spent",
    "stuck",
    "swept",
    "tore",
    "woke",
    "undertook",
    "overran",
    "dealt",
    "fled",
    "bore",
    "began",
    "wound",
    "sped",
    "lent",
    "bent",
    "dug",
    "forgave",
    "foresaw",
    "upheld",
    "withheld",
    "oversaw",
    "mistook",
];

/// `-ed` words that are not (or rarely) past-tense verbs.
const NOT_PAST_ED: &[&str] = &[
    "need",
    "red",
    "bed",
    "shed",
    "speed",
    "seed",
    "feed",
    "greed",
    "creed",
    "breed",
    "proceed",
    "exceed",
    "succeed",
    "indeed",
    "hundred",
    "hundreds",
    "sacred",
    "naked",
    "wicked",
    "kindred",
    "rugged",
    "united",
    "limited",
    "based",
    "armed",
    "advanced",
    "alleged",
    "called",
    "supposed",
    "detailed",
    "experienced",
    "sophisticated",
    "dedicated",
    "related",
    "concerned",
    "interested",
    "involved",
    "required",
    "unprecedented",
    "undisclosed",
    "classified",
    "qualified",
    "reinforced",
    "increased",
    "expanded",
    "renewed",
    "heightened",
    "unexpected",
    "designed",
    "skilled",
    "talented",
    "embed",
    "tweed",
    "steed",
    "bleed",
];

/// The entry for `word` (any case). Non-ASCII or long words have none; unknown `-ed` words are a
/// weak past cue.
pub(crate) fn lookup(word: &str) -> Entry {
    const NONE: Entry = Entry {
        lex: Lex::None,
        cue: Cue::None,
    };
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 15 || !word.is_ascii() {
        return NONE;
    }
    let mut buf = [0u8; 15];
    for (k, c) in b.iter().enumerate() {
        buf[k] = c.to_ascii_lowercase();
    }
    let low = std::str::from_utf8(&buf[..b.len()]).unwrap_or("");
    if let Some(e) = TABLE.get(low) {
        return *e;
    }
    if b.len() >= 5 && low.ends_with("ed") && !low.ends_with("eed") {
        return Entry {
            lex: Lex::None,
            cue: Cue::PastEd,
        };
    }
    NONE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_is_case_blind_and_knows_ed() {
        assert_eq!(lookup("January").lex, Lex::Month(1));
        assert_eq!(lookup("SEPT").lex, Lex::MonthAbbr(9));
        assert_eq!(lookup("Thursday").lex, Lex::Weekday(4));
        assert_eq!(lookup("years").lex, Lex::Unit(Unit::Year, true));
        assert_eq!(lookup("travelled").cue, Cue::PastEd);
        assert_eq!(lookup("armed").cue, Cue::None);
        assert_eq!(lookup("will").cue, Cue::Future);
        assert_eq!(lookup("Київ").lex, Lex::None);
    }
}
