//! The head of a scraped page: title, repeated title, datelines and bylines.
//!
//! Only the first [`ZONE_LINES`] non-blank lines are looked at. Each is classified as a dateline
//! ([`super::dates::parse_dateline`]), a byline (`By Jenna Lee and Bob Smith`, `by Jenna Lee,`),
//! both (`By Jenna Lee | May 17, 2024`), or other. Then:
//!
//! * **Title**: the metadata title when given; else the first *other* line, if it is
//!   [`title_like`] and more text follows. A later line among the next few that repeats the title
//!   exactly or nearly (same words, other punctuation; Jaccard >= 0.8; or a truncation) is
//!   dropped too, and when the title came from the text the better-punctuated of the two is kept
//!   ("Top Ukraine, US military leaders meet over ‘urgent needs’" over the bare one).
//! * **Date**: every dateline in the zone leaves the body. The publication date is the first
//!   dateline *under* the title (not labelled "Updated" when another is not); only when none is
//!   under it, the last one above it. Reason: on scraped pages the article's own date sits with
//!   its title and byline, while a date above the title is the page header's (the day of the
//!   scrape, "Today : ..."). Sample 004 shows it: "June 14th, 2024 | 6:54" above the title,
//!   "May 17, 2024 | 7:22 p.m." under title and byline; the text says "On Thursday, the NY Times
//!   reported" about the NYT piece of Thursday May 16, 2024, so May 17 is the article's date.
//! * **Byline**: the first byline line; else a bare person-name line under the title that sits
//!   next to a dateline or byline ("Jesus Carames" above "May 17, 2024 | 7:22 p.m."). Both leave
//!   the body.

use super::dates::{parse_dateline, Dateline};
use super::lines::{title_like, Line};
use super::{remove, Removed, RemovedKind};
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::HashSet;

/// How many non-blank lines from the top count as the page head.
pub(crate) const ZONE_LINES: usize = 8;

/// What the head yielded.
#[derive(Debug, Default)]
pub(crate) struct Header {
    pub title: Option<String>,
    /// The chosen dateline and the words it was read from.
    pub dateline: Option<(Dateline, String)>,
    pub byline: Option<String>,
}

#[derive(Debug, Clone)]
enum Kind {
    Date(Dateline),
    Byline(String),
    DateByline(Dateline, String),
    Other,
}

impl Kind {
    fn date(&self) -> Option<Dateline> {
        match self {
            Kind::Date(d) | Kind::DateByline(d, _) => Some(*d),
            _ => None,
        }
    }
    fn byline(&self) -> Option<&str> {
        match self {
            Kind::Byline(b) | Kind::DateByline(_, b) => Some(b),
            _ => None,
        }
    }
    fn is_other(&self) -> bool {
        matches!(self, Kind::Other)
    }
}

static BYLINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^(?:(?i:(?:written |reported |words |story )?by)\s*:?|(?i:author)\s*:)\s+(?P<names>\S.{0,100}?)\s*[,.;]?$",
    )
    .expect("valid regex")
});
static NAME_SEPARATORS: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\s*(?:,|\band\b|&)\s*").expect("valid regex"));

/// Lower-case words allowed inside a person's name.
const PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "der", "den", "van", "von", "la", "le", "al", "el", "bin", "ibn",
    "du", "dos", "das", "di", "ter", "ten", "y",
];
/// Capitalised words that make a short line a heading, not a name.
const NOT_NAMES: &[&str] = &[
    "news",
    "latest",
    "contents",
    "more",
    "related",
    "home",
    "menu",
    "share",
    "video",
    "videos",
    "live",
    "opinion",
    "world",
    "politics",
    "analysis",
    "update",
    "updates",
    "breaking",
    "exclusive",
    "editorial",
    "comments",
    "comment",
    "photos",
    "photo",
    "sports",
    "business",
    "read",
    "top",
    "stories",
    "the",
    "war",
    "ukraine",
    "russia",
    "nato",
    "europe",
    "military",
];

/// The names of a byline line (`By Jenna Lee and Bob Smith` -> `Jenna Lee and Bob Smith`).
fn parse_byline(line: &str) -> Option<String> {
    let c = BYLINE.captures(line)?;
    let names = c
        .name("names")?
        .as_str()
        .trim_end_matches([',', '.', ';'])
        .trim();
    if !names.chars().next().is_some_and(char::is_uppercase)
        || names.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    let parts = name_parts(names);
    let ok = !parts.is_empty()
        && parts.iter().all(|p| {
            let words: Vec<&str> = p.split_whitespace().collect();
            (1..=5).contains(&words.len()) && words.iter().all(|w| name_word(w))
        });
    ok.then(|| names.to_string())
}

/// The names of a list ("A, B and C").
pub(crate) fn name_parts(names: &str) -> Vec<&str> {
    NAME_SEPARATORS
        .split(names)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A word of a name: capitalised (letters, `.`, `-`, apostrophes) or a particle.
fn name_word(w: &str) -> bool {
    if PARTICLES.contains(&w.to_lowercase().as_str()) {
        return true;
    }
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '\u{2019}'))
}

/// A bare person's name on its own line: two to four capitalised words ("Jesus Carames",
/// "Debra A Smith"), particles allowed, no heading words.
pub(crate) fn name_like(s: &str) -> bool {
    if s.len() > 60 {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) {
        return false;
    }
    let mut capitalised = 0;
    for w in &words {
        let lower = w.to_lowercase();
        if PARTICLES.contains(&lower.as_str()) {
            continue;
        }
        if !name_word(w) || NOT_NAMES.contains(&lower.as_str()) {
            return false;
        }
        capitalised += 1;
    }
    capitalised >= 2
}

fn classify(line: &str) -> Kind {
    if let Some(d) = parse_dateline(line) {
        return Kind::Date(d);
    }
    if let Some(b) = parse_byline(line) {
        return Kind::Byline(b);
    }
    if line.contains(['|', '\u{b7}', '\u{2022}']) {
        let parts: Vec<&str> = line
            .split(['|', '\u{b7}', '\u{2022}'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let bylines: Vec<(usize, String)> = parts
            .iter()
            .enumerate()
            .filter_map(|(i, p)| parse_byline(p).map(|b| (i, b)))
            .collect();
        if let [(at, byline)] = bylines.as_slice() {
            let rest: Vec<&str> = parts
                .iter()
                .enumerate()
                .filter(|(i, _)| i != at)
                .map(|(_, p)| *p)
                .collect();
            if let Some(d) = parse_dateline(&rest.join(" | ")) {
                return Kind::DateByline(d, byline.clone());
            }
        }
    }
    Kind::Other
}

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The same title, give or take punctuation, a word or two, or a truncation.
pub(crate) fn near_same(a: &str, b: &str) -> bool {
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return false;
    }
    if ta == tb {
        return true;
    }
    let (short, long) = if ta.len() <= tb.len() {
        (&ta, &tb)
    } else {
        (&tb, &ta)
    };
    if short.len() >= 4 && long.starts_with(short) && short.len() * 10 >= long.len() * 7 {
        return true;
    }
    let sa: HashSet<&String> = ta.iter().collect();
    let sb: HashSet<&String> = tb.iter().collect();
    let inter = sa.intersection(&sb).count();
    let union = sa.union(&sb).count();
    short.len() >= 3 && inter * 10 >= union * 8
}

/// How much punctuation a title carries: the better-punctuated copy is the edited one.
fn punctuation(s: &str) -> usize {
    s.chars()
        .filter(|c| !c.is_alphanumeric() && !c.is_whitespace())
        .count()
}

/// Finds title, date and byline at the head of the text and marks their lines removed.
pub(crate) fn strip(
    raw: &str,
    lines: &mut [Line],
    meta_title: Option<&str>,
    removed: &mut Vec<Removed>,
) -> Header {
    let zone = lines.len().min(ZONE_LINES);
    let kinds: Vec<Kind> = lines[..zone]
        .iter()
        .map(|l| classify(l.text(raw)))
        .collect();
    let mut header = Header {
        title: meta_title.map(str::to_string),
        ..Header::default()
    };

    // Title from the text.
    let mut title_pos = None;
    if header.title.is_none() {
        let first = (0..zone).find(|&i| {
            kinds[i].is_other() && !super::boilerplate::is_furniture(lines[i].text(raw))
        });
        if let Some(i) = first {
            let t = lines[i].text(raw);
            if title_like(t) && i + 1 < lines.len() {
                header.title = Some(t.to_string());
                title_pos = Some(i);
                remove(&mut lines[i], RemovedKind::Title, removed);
            }
        }
    }

    // Its repeat, among the next few other lines.
    if let Some(title) = header.title.clone() {
        let from = title_pos.map_or(0, |p| p + 1);
        let candidates: Vec<usize> = (from..zone)
            .filter(|&i| kinds[i].is_other() && lines[i].keep)
            .take(3)
            .collect();
        for i in candidates {
            let t = lines[i].text(raw);
            if !title_like(t) || !near_same(&title, t) {
                continue;
            }
            if meta_title.is_none() && punctuation(t) > punctuation(&title) {
                header.title = Some(t.to_string());
            }
            title_pos.get_or_insert(i);
            remove(&mut lines[i], RemovedKind::RepeatedTitle, removed);
            break;
        }
    }

    // Datelines: all leave the body; one is the publication date.
    let dates: Vec<(usize, Dateline)> = kinds
        .iter()
        .enumerate()
        .filter_map(|(i, k)| k.date().map(|d| (i, d)))
        .collect();
    let chosen = match title_pos {
        Some(p) => dates
            .iter()
            .filter(|(i, _)| *i > p)
            .min_by_key(|(i, d)| (d.updated, *i))
            .or_else(|| {
                dates
                    .iter()
                    .filter(|(i, _)| *i < p)
                    .max_by_key(|(i, d)| (!d.updated, *i))
            }),
        None => dates.iter().min_by_key(|(i, d)| (d.updated, *i)),
    };
    if let Some((i, d)) = chosen {
        header.dateline = Some((*d, lines[*i].text(raw).to_string()));
    }
    if dates.len() > 1 {
        tracing::debug!(
            datelines = dates.len(),
            chosen = ?chosen.map(|(_, d)| d.found.date),
            "several datelines"
        );
    }
    for (i, _) in &dates {
        remove(&mut lines[*i], RemovedKind::Dateline, removed);
    }

    // Bylines.
    for (i, k) in kinds.iter().enumerate() {
        if let Some(b) = k.byline() {
            header.byline.get_or_insert_with(|| b.to_string());
            if lines[i].keep {
                remove(&mut lines[i], RemovedKind::Byline, removed);
            }
        }
    }
    let beside_header = |i: usize| {
        let near = |j: usize| kinds.get(j).is_some_and(|k| !k.is_other());
        near(i + 1) || (i > 0 && near(i - 1))
    };
    let bare = (0..zone).find(|&i| {
        kinds[i].is_other()
            && lines[i].keep
            && title_pos.is_none_or(|p| i > p)
            && name_like(lines[i].text(raw))
            && beside_header(i)
    });
    if let Some(i) = bare {
        header
            .byline
            .get_or_insert_with(|| lines[i].text(raw).to_string());
        remove(&mut lines[i], RemovedKind::Byline, removed);
    }
    header
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(parse_byline("by Jenna Lee,").as_deref(), Some("Jenna Lee"));
        assert_eq!(
            parse_byline("By Jenna Lee and Bob Smith").as_deref(),
            Some("Jenna Lee and Bob Smith")
        );
        assert_eq!(
            parse_byline("By Ursula von der Leyen, Jean-Luc O'Brien & Anne-Marie Ly").as_deref(),
            Some("Ursula von der Leyen, Jean-Luc O'Brien & Anne-Marie Ly")
        );
        assert_eq!(parse_byline("By the way, nothing happened."), None);
        assert_eq!(parse_byline("By 2030 the army will grow"), None);
        assert!(matches!(
            classify("By Jenna Lee | May 17, 2024"),
            Kind::DateByline(_, ref b) if b == "Jenna Lee"
        ));
    }

    #[test]
    fn names() {
        assert!(name_like("Jesus Carames"));
        assert!(name_like("Debra A Smith"));
        assert!(name_like("Ursula von der Leyen"));
        assert!(!name_like("More news"));
        assert!(!name_like("Latest Contents"));
        assert!(!name_like("Ukraine's Requests and NATO's Response"));
        assert!(!name_like("Madis"));
    }

    #[test]
    fn repeated_titles() {
        assert!(near_same(
            "Top Ukraine US military leaders meet over urgent needs",
            "Top Ukraine, US military leaders meet over \u{2018}urgent needs\u{2019}"
        ));
        assert!(near_same(
            "Pentagon denies Zelensky's request for missiles, according to WSJ",
            "Pentagon Denies Zelensky's Request for Missiles"
        ));
        assert!(!near_same(
            "Ukraine formally asks NATO to send troops",
            "NATO closer to sending troops to Ukraine at critical time for kyiv"
        ));
    }
}
