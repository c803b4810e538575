//! Publication dates: datelines in scraped text, and dates given as metadata.
//!
//! A *dateline* is a line that is nothing but a date, perhaps with a time, a weekday, a time
//! zone and a label ("Today : Sep 20, 2024", "June 14th, 2024 | 6:54",
//! "Published: 19 September 2024", "May 17, 2024 | 7:22 p.m."). A date inside a sentence is not
//! a dateline: [`parse_dateline`] refuses any line with other words left over.
//!
//! Date forms: `January 18, 2023`, `Sep. 20, 2024`, `June 14th, 2024`, `19 September 2024`,
//! `2024-09-19` (ISO, with an optional time), `20/09/2024` and `20.09.2024`. Slashed numeric
//! dates are read day first when the first number is over 12 and month first when the second
//! is; when both could be a month (`05/06/2024`) the date is ambiguous and none is read (never
//! guess). Dotted numeric dates are day first (the European convention).
//!
//! Metadata ([`parse_metadata`]) is tried as RFC 3339 / ISO 8601 / RFC 2822 first, then as any
//! of the forms above. A datetime with an offset keeps the date and time *as written* (local to
//! the outlet), the offset dropped: the publication day is what the outlet printed.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use once_cell::sync::Lazy;
use regex::{Captures, Regex};
use std::ops::Range;

/// A date found in text, with the time when one was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FoundDate {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
}

/// A dateline: a line that states a date and nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dateline {
    pub found: FoundDate,
    /// Labelled as an update ("Updated: ..."), not the first publication.
    pub updated: bool,
}

const MONTH: &str = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/// `January 18, 2023`, `Sep. 20, 2024`, `June 14th, 2024`.
static MONTH_DAY_YEAR: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i)\b{MONTH}\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y>\d{{4}})\b"
    ))
    .expect("valid regex")
});
/// `19 September 2024`, `19th of September, 2024`.
static DAY_MONTH_YEAR: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\.?,?\s+(?P<y>\d{{4}})\b"
    ))
    .expect("valid regex")
});
/// `2024-09-19`, `2024-09-19T10:30:00Z`, `2024-09-19 10:30`.
static ISO: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:(?:t|\s+)(?P<hh>\d{1,2}):(?P<mm>\d{2})(?::(?P<ss>\d{2})(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?\b",
    )
    .expect("valid regex")
});
/// `20/09/2024`, `20.09.2024`.
static NUMERIC: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\b(?P<a>\d{1,2})(?P<s1>[/.])(?P<b>\d{1,2})(?P<s2>[/.])(?P<y>\d{4})\b")
        .expect("valid regex")
});
/// `6:54`, `7:22 p.m.`, `18:05:12`, `7 pm`.
static TIME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)\b(?P<hh>\d{1,2})(?::(?P<mm>\d{2})(?::(?P<ss>\d{2}))?)?\s*(?P<ampm>[ap]\.?\s?m\b\.?)?",
    )
    .expect("valid regex")
});
/// A numeric time-zone offset (`+03:00`, `-0500`).
static OFFSET: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?:utc|gmt)?[+-]\d{1,2}(?::?\d{2})?\b").expect("valid regex"));

/// Words a dateline may hold besides the date and time.
const FILLER: &[&str] = &[
    "today",
    "published",
    "posted",
    "updated",
    "last",
    "modified",
    "on",
    "at",
    "date",
    "time",
    "created",
    "first",
    "the",
    "of",
    "am",
    "pm",
    "a",
    "p",
    "m",
    "gmt",
    "utc",
    "et",
    "est",
    "edt",
    "ct",
    "cst",
    "cdt",
    "mt",
    "pt",
    "pst",
    "pdt",
    "bst",
    "cet",
    "cest",
    "eet",
    "eest",
    "msk",
    "ist",
    "jst",
    "aest",
    "z",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    let m = match n.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn num(c: &Captures<'_>, name: &str) -> Option<u32> {
    c.name(name)?.as_str().parse().ok()
}

fn ymd(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1800..=2200).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

fn hms(h: u32, m: u32, s: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, s)
}

/// The first date in `s`, with the byte range it covers.
pub(crate) fn find_date(s: &str) -> Option<(FoundDate, Range<usize>)> {
    let mut best: Option<(FoundDate, Range<usize>)> = None;
    let mut consider = |found: Option<FoundDate>, range: Range<usize>| {
        if let Some(f) = found {
            let earlier = match &best {
                Some((_, r)) => range.start < r.start,
                None => true,
            };
            if earlier {
                best = Some((f, range));
            }
        }
    };
    // Month-name dates in either order ("January 18, 2023", "19 September 2024"): the first
    // valid match of each order is a candidate.
    for re in [&*MONTH_DAY_YEAR, &*DAY_MONTH_YEAR] {
        for c in re.captures_iter(s) {
            let date = month_number(&c["mon"]).and_then(|m| ymd(num(&c, "y")?, m, num(&c, "d")?));
            if let Some(date) = date {
                consider(Some(FoundDate { date, time: None }), range_of(&c));
                break;
            }
        }
    }
    for c in ISO.captures_iter(s) {
        if let Some(date) = iso_date(&c) {
            let time =
                num(&c, "hh").and_then(|h| hms(h, num(&c, "mm")?, num(&c, "ss").unwrap_or(0)));
            consider(Some(FoundDate { date, time }), range_of(&c));
            break;
        }
    }
    for c in NUMERIC.captures_iter(s) {
        if let Some(date) = numeric_date(&c) {
            consider(Some(FoundDate { date, time: None }), range_of(&c));
            break;
        }
    }
    best
}

fn iso_date(c: &Captures<'_>) -> Option<NaiveDate> {
    ymd(num(c, "y")?, num(c, "m")?, num(c, "d")?)
}

fn range_of(c: &Captures<'_>) -> Range<usize> {
    c.get(0).map(|m| m.range()).unwrap_or(0..0)
}

/// `a/b/yyyy` or `a.b.yyyy`, when the reading is not ambiguous (see the module doc).
fn numeric_date(c: &Captures<'_>) -> Option<NaiveDate> {
    let (a, b, y) = (num(c, "a")?, num(c, "b")?, num(c, "y")?);
    let sep = c.name("s1")?.as_str();
    if sep != c.name("s2")?.as_str() {
        return None;
    }
    let (day, month) = if sep == "." || a > 12 || a == b {
        (a, b)
    } else if b > 12 {
        (b, a)
    } else {
        return None;
    };
    ymd(y, month, day)
}

/// The first clock time in `s` (`6:54`, `7:22 p.m.`, `7 pm`), with its range. A bare number
/// without minutes counts only with am/pm.
fn find_time(s: &str) -> Option<(NaiveTime, Range<usize>)> {
    for c in TIME.captures_iter(s) {
        let Some(h) = num(&c, "hh") else { continue };
        let minutes = num(&c, "mm");
        let ampm = c.name("ampm").map(|m| m.as_str().to_ascii_lowercase());
        if minutes.is_none() && ampm.is_none() {
            continue;
        }
        let h = match ampm.as_deref().map(|s| s.starts_with('p')) {
            Some(pm) if (1..=12).contains(&h) => (h % 12) + if pm { 12 } else { 0 },
            Some(_) => continue,
            None => h,
        };
        if let Some(t) = hms(h, minutes.unwrap_or(0), num(&c, "ss").unwrap_or(0)) {
            return Some((t, range_of(&c)));
        }
    }
    None
}

/// Reads a line as a dateline: a date, maybe a time, and only filler words (labels, weekdays,
/// time zones, separators) besides. `None` for anything else, such as a sentence with a date.
pub(crate) fn parse_dateline(line: &str) -> Option<Dateline> {
    if line.len() > 100 {
        return None;
    }
    let (mut found, range) = find_date(line)?;
    let rest = format!("{} {}", &line[..range.start], &line[range.end..]);
    let rest = match (found.time, find_time(&rest)) {
        (None, Some((t, r))) => {
            found.time = Some(t);
            format!("{} {}", &rest[..r.start], &rest[r.end..])
        }
        _ => rest,
    };
    let rest = rest.to_lowercase();
    let rest = OFFSET.replace_all(&rest, " ");
    let mut updated = false;
    for word in rest.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !FILLER.contains(&word) {
            return None;
        }
        updated |= matches!(word, "updated" | "modified");
    }
    Some(Dateline { found, updated })
}

/// Reads a metadata date (a JSONL `published` field): ISO 8601 / RFC 3339 / RFC 2822, else any
/// form [`find_date`] knows, with a time when one follows.
pub(crate) fn parse_metadata(s: &str) -> Option<FoundDate> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        let local = dt.naive_local();
        return Some(FoundDate {
            date: local.date(),
            time: Some(local.time()),
        });
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(FoundDate {
                date: dt.date(),
                time: Some(dt.time()),
            });
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        let local = dt.naive_local();
        return Some(FoundDate {
            date: local.date(),
            time: Some(local.time()),
        });
    }
    let (mut found, range) = find_date(s)?;
    if found.time.is_none() {
        found.time = find_time(&s[range.end..]).map(|(t, _)| t);
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }
    fn t(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    /// Every dateline form the scraped samples and the brief name, with the date and time read.
    #[test]
    fn dateline_forms() {
        let cases: &[(&str, NaiveDate, Option<NaiveTime>)] = &[
            ("January 18, 2023", d(2023, 1, 18), None),
            ("Today : Sep 20, 2024", d(2024, 9, 20), None),
            ("19 September 2024", d(2024, 9, 19), None),
            ("June 14th, 2024 | 6:54", d(2024, 6, 14), t(6, 54)),
            ("May 17, 2024 | 7:22 p.m.", d(2024, 5, 17), t(19, 22)),
            ("2024-09-19", d(2024, 9, 19), None),
            ("Sep. 20, 2024", d(2024, 9, 20), None),
            ("20/09/2024", d(2024, 9, 20), None),
            ("09/20/2024", d(2024, 9, 20), None),
            ("20.09.2024", d(2024, 9, 20), None),
            (
                "Published: Friday, 19th of September, 2024 at 10:05 GMT",
                d(2024, 9, 19),
                t(10, 5),
            ),
            ("Posted on Sept 3 2024 12:30 am ET", d(2024, 9, 3), t(0, 30)),
            (
                "2024-09-19T18:04:05+03:00",
                d(2024, 9, 19),
                NaiveTime::from_hms_opt(18, 4, 5),
            ),
            (
                "  December 1, 2022 – 11:15 AM EST ",
                d(2022, 12, 1),
                t(11, 15),
            ),
        ];
        for (line, date, time) in cases {
            let got = parse_dateline(line).unwrap_or_else(|| panic!("no dateline in {line:?}"));
            assert_eq!(got.found.date, *date, "{line}");
            assert_eq!(got.found.time, *time, "{line}");
            assert!(!got.updated, "{line}");
        }
    }

    #[test]
    fn updated_label() {
        let got = parse_dateline("Updated: May 18, 2024 | 9:00 a.m.").expect("dateline");
        assert!(got.updated);
        assert_eq!(got.found.date, d(2024, 5, 18));
    }

    /// Dates inside sentences, impossible dates and ambiguous numerics are not datelines.
    #[test]
    fn not_datelines() {
        for line in [
            "On Thursday, May 16, 2024 the NY Times reported a change.",
            "Russia invaded on February 24, 2022",
            "05/06/2024",
            "February 30, 2024",
            "Top Ukraine US military leaders meet over urgent needs",
            "Jesus Carames",
            "More than 600 Ukrainian soldiers",
            "12:30",
            "",
        ] {
            assert_eq!(parse_dateline(line), None, "{line:?}");
        }
    }

    #[test]
    fn metadata_dates() {
        let f = parse_metadata("2022-02-15T00:18:49+00:00").expect("rfc3339");
        assert_eq!(
            (f.date, f.time),
            (d(2022, 2, 15), NaiveTime::from_hms_opt(0, 18, 49))
        );
        let f = parse_metadata("2024-09-19").expect("iso date");
        assert_eq!((f.date, f.time), (d(2024, 9, 19), None));
        let f = parse_metadata("2024-09-19 07:05:00").expect("iso datetime");
        assert_eq!(f.time, t(7, 5));
        let f = parse_metadata("Tue, 15 Feb 2022 00:18:49 +0000").expect("rfc2822");
        assert_eq!(f.date, d(2022, 2, 15));
        let f = parse_metadata("May 17, 2024 | 7:22 p.m.").expect("text form");
        assert_eq!((f.date, f.time), (d(2024, 5, 17), t(19, 22)));
        assert_eq!(parse_metadata("yesterday"), None);
        assert_eq!(parse_metadata("05/06/2024"), None);
    }
}
