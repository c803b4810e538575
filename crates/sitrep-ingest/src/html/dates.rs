//! The publication date of a page, with where it was found.
//!
//! Tried in order of trust (the first valid date wins):
//!
//! 1. `json-ld`: `datePublished` (then `dateCreated`) of the page's article object;
//! 2. `meta`: publication meta tags (`article:published_time`, `datePublished`, `pubdate`,
//!    `dc.date.issued`, `parsely-pub-date`, ...), never the modification ones; then any other
//!    JSON-LD object's date (not a video's or an image's);
//! 3. `time`: an element marked `itemprop=datePublished`, then the first `<time datetime>` that
//!    is not marked as an update;
//! 4. `script`: a `"datePublished": "..."`-style key in the page's scripts;
//! 5. `url`: `/2020/06/07/`, `/20200607/`, `2020-06-07` in the URL;
//! 6. `text`: the text of elements whose class or id hints at a date (`date`, `time`,
//!    `publish`, `byline`, `meta`), then the first dates of the visible text, in English and
//!    the common month names of 13 other languages, ISO and numeric forms.
//!
//! A date must lie between 1995-01-01 and tomorrow. Dates with a time zone keep the day as
//! written (the outlet's local day). [`DateSource`] has no HTML-specific variants: json-ld,
//! meta, time and script map to `Metadata`, url to `Url`, text to `Dateline`; the finer source
//! is the `&'static str` returned beside it.

use super::dom::{Dom, Tag};
use super::metadata::{date_hint, is_article};
use crate::clean::dates::{find_date, parse_dateline, parse_metadata, FoundDate};
use chrono::{Datelike, NaiveDate, Utc};
use once_cell::sync::Lazy;
use regex::Regex;
use serde_json::Value;
use sitrep_core::{DateSource, Published};

/// Meta keys naming the publication date, most specific first.
const META_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "published_time",
    "article.published",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "article:post_date",
    "og:article:published_time",
    "datecreated",
    "article.created",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "publication_date",
    "citation_publication_date",
    "citation_date",
    "prism.publicationdate",
    "release_date",
    "displaydate",
    "created",
    "timestamp",
    "last-modified",
];

fn valid(d: NaiveDate) -> bool {
    let today = Utc::now().date_naive();
    d.year() >= 1995 && d <= today.succ_opt().unwrap_or(today)
}

/// Reads a machine date (ISO 8601, RFC 2822, epoch seconds or milliseconds, or a written date).
fn machine(s: &str) -> Option<FoundDate> {
    let s = s.trim();
    if s.len() >= 9 && s.len() <= 13 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = s.parse().ok()?;
        let secs = if s.len() == 13 { n / 1000 } else { n };
        let dt = chrono::DateTime::from_timestamp(secs, 0)?.naive_utc();
        return Some(FoundDate {
            date: dt.date(),
            time: Some(dt.time()),
        });
    }
    parse_metadata(s).or_else(|| written(s).map(|(f, _)| f))
}

fn published(f: FoundDate, source: DateSource, text: &str) -> Option<Published> {
    valid(f.date).then(|| Published {
        date: f.date,
        time: f.time,
        source,
        text: text.chars().take(120).collect(),
    })
}

/// Finds the publication date; see the module doc for the order.
pub fn find(
    dom: &Dom,
    html: &str,
    tags: &[(String, String)],
    ld: &[Value],
    page_url: Option<&str>,
    given_url: Option<&str>,
) -> Option<(Published, &'static str)> {
    // 1. JSON-LD.
    let from_ld = |objs: &mut dyn Iterator<Item = &Value>| -> Option<Published> {
        for v in objs {
            let media = v.get("@type").and_then(Value::as_str).is_some_and(|t| {
                t.ends_with("Object") || matches!(t, "Person" | "Organization" | "Event")
            });
            if media {
                continue;
            }
            for key in ["datePublished", "dateCreated"] {
                if let Some(s) = v.get(key).and_then(Value::as_str) {
                    if let Some(p) = machine(s).and_then(|f| published(f, DateSource::Metadata, s))
                    {
                        return Some(p);
                    }
                }
            }
        }
        None
    };
    if let Some(p) = from_ld(&mut ld.iter().filter(|v| is_article(v))) {
        return Some((p, "json-ld"));
    }
    // 2. Meta tags.
    for key in META_KEYS {
        for (k, v) in tags {
            if k == key {
                if let Some(p) = machine(v).and_then(|f| published(f, DateSource::Metadata, v)) {
                    return Some((p, "meta"));
                }
            }
        }
    }
    if let Some(p) = from_ld(&mut ld.iter()) {
        return Some((p, "json-ld"));
    }
    // 3. Marked elements and <time>.
    let n = dom.nodes.len() as u32;
    let mut first_time = None;
    for i in 0..n {
        let Some(tag) = dom.tag(i) else { continue };
        let marked = dom
            .attr(i, "itemprop")
            .is_some_and(|v| v.eq_ignore_ascii_case("datepublished"));
        if !marked && tag != Tag::Time {
            continue;
        }
        let attr = dom
            .attr(i, "datetime")
            .or_else(|| dom.attr(i, "content"))
            .or_else(|| dom.attr(i, "data-datetime"));
        let text = dom.text_content(i);
        let found = attr
            .and_then(|a| machine(a).map(|f| (f, a.to_string())))
            .or_else(|| written(&text).map(|(f, _)| (f, text.clone())));
        let Some((f, words)) = found else { continue };
        let Some(p) = published(f, DateSource::Metadata, &words) else {
            continue;
        };
        let update = ["class", "itemprop", "id"].iter().any(|a| {
            dom.attr(i, a).is_some_and(|v| {
                v.to_ascii_lowercase().contains("modif") || v.to_ascii_lowercase().contains("updat")
            })
        });
        if marked || dom.attr(i, "pubdate").is_some() {
            return Some((p, "time"));
        }
        if !update && first_time.is_none() {
            first_time = Some(p);
        }
    }
    if let Some(p) = first_time {
        return Some((p, "time"));
    }
    // 4. Script keys.
    if let Some(p) = script_key(html) {
        return Some((p, "script"));
    }
    // 5. URL.
    for u in [given_url, page_url].into_iter().flatten() {
        if let Some(p) = from_url(u) {
            return Some((p, "url"));
        }
    }
    // 6. Visible text: hinted elements (their date attributes, then their text), then text
    //    blocks that are nothing but a date, then the first date of any text.
    for i in 0..n {
        if !date_hint(dom, i) {
            continue;
        }
        for a in [
            "datetime",
            "content",
            "title",
            "data-date",
            "data-timestamp",
        ] {
            if let Some(v) = dom.attr(i, a) {
                if v.len() <= 40 {
                    if let Some(p) = machine(v).and_then(|f| published(f, DateSource::Dateline, v))
                    {
                        return Some((p, "text"));
                    }
                }
            }
        }
        let end = dom.subtree_end(i);
        if end - i > 60 {
            continue; // a big container, not a date line
        }
        let text = dom.text_content(i);
        if text.len() > 200 {
            continue;
        }
        if let Some((f, _)) = written(&text) {
            if let Some(p) = published(f, DateSource::Dateline, &text) {
                return Some((p, "text"));
            }
        }
    }
    let texts = visible_texts(dom);
    for t in &texts {
        let t = t.trim();
        let short = t.chars().count() <= 40;
        if short || parse_dateline(t).is_some() {
            if let Some((f, _)) = written(t) {
                if let Some(p) = published(f, DateSource::Dateline, t) {
                    return Some((p, "text"));
                }
            }
        }
    }
    for t in &texts {
        if t.len() > 300 {
            continue;
        }
        if let Some((f, _)) = written(t) {
            if let Some(p) = published(f, DateSource::Dateline, t.trim()) {
                return Some((p, "text"));
            }
        }
    }
    None
}

/// The text nodes outside scripts and styles, in order, the first 200 KB of them.
fn visible_texts(dom: &Dom) -> Vec<&str> {
    let mut out = Vec::new();
    let mut seen = 0usize;
    for i in 0..dom.nodes.len() as u32 {
        let Some(t) = dom.text(i) else { continue };
        let parent = dom.nodes[i as usize].parent;
        if matches!(
            dom.tag(parent),
            Some(Tag::Script | Tag::Style | Tag::Title | Tag::Textarea)
        ) || t.trim().is_empty()
        {
            continue;
        }
        seen += t.len();
        if seen > 200_000 {
            break;
        }
        out.push(t);
    }
    out
}

static SCRIPT_KEY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r#"(?i)["']?(?:datePublished|publishDate|published_at|publishedAt|date_published|pubDate|publish_date|firstPublishedDate|dateCreated)["']?\s*[:=]\s*["']([^"']{8,40})["']"#,
    )
    .expect("valid regex")
});

fn script_key(html: &str) -> Option<Published> {
    SCRIPT_KEY.captures_iter(html).take(20).find_map(|c| {
        let s = c.get(1)?.as_str();
        machine(s).and_then(|f| published(f, DateSource::Metadata, s))
    })
}

static URL_DATE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?:^|[/_\-.])(?P<y>(?:199|20[0-3])\d)(?P<s>[/_\-.]?)(?P<m>0[1-9]|1[0-2])(?P<s2>[/_\-.]?)(?P<d>0[1-9]|[12]\d|3[01])(?:$|[/_\-.?#a-z])",
    )
    .expect("valid regex")
});

/// A full date in a URL path.
pub(crate) fn from_url(url: &str) -> Option<Published> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = &path[path.find('/').unwrap_or(path.len())..];
    for c in URL_DATE.captures_iter(path) {
        if c["s"] != c["s2"] {
            continue;
        }
        let (y, m, d) = (
            c["y"].parse().ok()?,
            c["m"].parse().ok()?,
            c["d"].parse().ok()?,
        );
        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
            if let Some(p) = published(
                FoundDate { date, time: None },
                DateSource::Url,
                c.get(0).map_or("", |m| m.as_str()),
            ) {
                return Some(p);
            }
        }
    }
    None
}

/// Month names (and genitive forms) beyond English, with their numbers.
const MONTHS: &[(&str, u32)] = &[
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    // Russian (genitive and nominative)
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("январь", 1),
    ("февраль", 2),
    ("март", 3),
    ("апрель", 4),
    ("май", 5),
    ("июнь", 6),
    ("июль", 7),
    ("август", 8),
    ("сентябрь", 9),
    ("октябрь", 10),
    ("ноябрь", 11),
    ("декабрь", 12),
    // Ukrainian
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
    // Polish
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("października", 10),
    ("listopada", 11),
    ("grudnia", 12),
    // Turkish
    ("ocak", 1),
    ("şubat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
    // Hungarian
    ("január", 1),
    ("február", 2),
    ("március", 3),
    ("április", 4),
    ("május", 5),
    ("június", 6),
    ("július", 7),
    ("augusztus", 8),
    ("szeptember", 9),
    ("október", 10),
    // Finnish
    ("tammikuuta", 1),
    ("helmikuuta", 2),
    ("maaliskuuta", 3),
    ("huhtikuuta", 4),
    ("toukokuuta", 5),
    ("kesäkuuta", 6),
    ("heinäkuuta", 7),
    ("elokuuta", 8),
    ("syyskuuta", 9),
    ("lokakuuta", 10),
    ("marraskuuta", 11),
    ("joulukuuta", 12),
    // Danish / Swedish / Norwegian
    ("maj", 5),
    ("augusti", 8),
];

static FOREIGN: Lazy<(Regex, Regex)> = Lazy::new(|| {
    let mut names: Vec<&str> = MONTHS.iter().map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let alt = names.join("|");
    let dmy = Regex::new(&format!(
        r"(?i)\b(?P<d>\d{{1,2}})\.?\s*(?:de\s+)?(?P<mon>{alt})\.?,?\s*(?:de\s+)?(?P<y>\d{{4}})"
    ))
    .expect("valid regex");
    let ymd = Regex::new(&format!(
        r"(?i)\b(?P<y>\d{{4}})\.?\s*(?P<mon>{alt})\s+(?P<d>\d{{1,2}})\b"
    ))
    .expect("valid regex");
    (dmy, ymd)
});

static CJK: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]?")
        .expect("valid regex")
});

static YMD_SLASH: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\b(?P<y>(?:19|20)\d\d)[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})\b")
        .expect("valid regex")
});

fn month_of(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == lower).map(|(_, m)| *m)
}

/// The first written date in a text: English forms and ISO/numeric ones
/// ([`find_date`]), other languages' month names, CJK `2020年6月7日`, `2020/06/07`.
pub(crate) fn written(s: &str) -> Option<(FoundDate, usize)> {
    let mut best: Option<(FoundDate, usize)> = None;
    let mut consider = |f: FoundDate, at: usize| {
        if best.as_ref().is_none_or(|(_, b)| at < *b) {
            best = Some((f, at));
        }
    };
    if let Some((f, r)) = find_date(s) {
        consider(f, r.start);
    }
    if s.bytes().any(|b| b >= 0x80) || s.len() < 4000 {
        let (dmy, ymd) = &*FOREIGN;
        for re in [dmy, ymd] {
            if let Some(c) = re.captures(s) {
                let m = c.name("mon").and_then(|m| month_of(m.as_str()));
                let y = c.name("y").and_then(|y| y.as_str().parse::<i32>().ok());
                let d = c.name("d").and_then(|d| d.as_str().parse::<u32>().ok());
                if let (Some(m), Some(y), Some(d)) = (m, y, d) {
                    if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                        consider(
                            FoundDate { date, time: None },
                            c.get(0).map_or(0, |x| x.start()),
                        );
                    }
                }
            }
        }
    }
    for re in [&*CJK, &*YMD_SLASH] {
        if let Some(c) = re.captures(s) {
            let y = c["y"].parse::<i32>().ok();
            let m = c["m"].parse::<u32>().ok();
            let d = c["d"].parse::<u32>().ok();
            if let (Some(y), Some(m), Some(d)) = (y, m, d) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    consider(
                        FoundDate { date, time: None },
                        c.get(0).map_or(0, |x| x.start()),
                    );
                }
            }
        }
    }
    best.filter(|(f, _)| valid(f.date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(s: &str) -> Option<String> {
        written(s).map(|(f, _)| f.date.to_string())
    }

    #[test]
    fn written_dates() {
        assert_eq!(ymd("7 червня 2020, 10:15").as_deref(), Some("2020-06-07"));
        assert_eq!(ymd("Publié le 3 mars 2020").as_deref(), Some("2020-03-03"));
        assert_eq!(
            ymd("30 Kasım 2020 Pazartesi").as_deref(),
            Some("2020-11-30")
        );
        assert_eq!(ymd("2020年6月7日 10:00").as_deref(), Some("2020-06-07"));
        assert_eq!(ymd("7 de junio de 2020").as_deref(), Some("2020-06-07"));
        assert_eq!(
            ymd("Nov. 19, 2019 8:03 am ET").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(ymd("2020/06/07").as_deref(), Some("2020-06-07"));
        assert_eq!(ymd("no date here"), None);
    }

    #[test]
    fn url_dates() {
        let d = |u: &str| from_url(u).map(|p| p.date.to_string());
        assert_eq!(
            d("https://techcrunch.com/2019/11/18/new-york/").as_deref(),
            Some("2019-11-18")
        );
        assert_eq!(
            d("https://x.com/news/20200607-story").as_deref(),
            Some("2020-06-07")
        );
        assert_eq!(
            d("https://x.com/news/2020-06-07/story").as_deref(),
            Some("2020-06-07")
        );
        assert_eq!(d("https://x.com/2020/06/story").as_deref(), None);
        assert_eq!(d("https://x.com/item/1234567890123").as_deref(), None);
    }

    #[test]
    fn machine_dates() {
        let m = |s: &str| machine(s).map(|f| f.date.to_string());
        assert_eq!(m("2019-11-19T13:03:00.000Z").as_deref(), Some("2019-11-19"));
        assert_eq!(
            m("2020-06-07T23:30:00-05:00").as_deref(),
            Some("2020-06-07")
        );
        assert_eq!(
            m("Sun, 07 Jun 2020 10:00:00 +0300").as_deref(),
            Some("2020-06-07")
        );
        assert_eq!(m("1591524000").as_deref(), Some("2020-06-07"));
    }
}
