//! Cleaning: a [`RawDoc`] becomes an [`Article`].
//!
//! The raw text is cut into lines ([`lines`]); the page head yields title, dateline and byline
//! ([`header`]); page furniture leaves the body ([`boilerplate`]); the kept lines are joined into
//! the clean text, paragraphs separated by `"\n\n"`. Lines are only dropped or shortened, never
//! rewritten, so every piece of the clean text is a verbatim copy of the raw text and
//! [`Article::segments`] says where: `text[clean_start..][..len] == raw[raw_start..][..len]`,
//! with `raw` = [`RawDoc::text`].
//!
//! Precedence of the facts, most trusted first:
//!
//! * **title**: the metadata title; else the first title-like line of the text (or its
//!   better-punctuated repeat). A repeat of the title at the top of the text leaves the body.
//! * **published**: the metadata date ([`DateSource::Metadata`]); else the dateline under the
//!   title ([`DateSource::Dateline`], see [`header`] for why under beats above). No dateline, no
//!   date: one is never guessed from dates inside sentences.
//! * **byline**: a "By ..." line or a bare name beside the dateline; else the names of a credit
//!   line ("Debra A Smith contributed to this report").
//! * **outlet**: the metadata outlet; else the outlet of a "Read Full Article at X" phrase (the
//!   original publisher: sample 002 is an RT article republished by TROIB News, and the outlet
//!   that matters for counting independent sources is RT.com); else the outlet a credit line
//!   names ("... for TROIB News"); else the URL's host (`www.` dropped).
//! * **language**: `en` when a cheap stop-word count says the text is clearly English; else the
//!   language whatlang is confident of ([`crate::html::metadata::language`]: `de`, `pt`, `ko`...,
//!   which the event extractor skips); else none.
//!
//! Web formats ([`Format::Html`], [`Format::Warc`], and feed items whose text is HTML) go to the
//! HTML extractor instead ([`crate::html`]): main text and page metadata, the input's own
//! fields winning; their articles have no segments. A JSONL record with both `text` and `html`
//! is cleaned from its text, and what the text does not say (title, date, byline, site name,
//! URL, language) is read from the HTML.
//!
//! [`clean()`] returns the article or a [`SkipReason`] ([`SkipReason::NoBody`] when nothing is left);
//! [`clean_explained`] also says what was removed and why, for debugging and tests.

mod boilerplate;
pub(crate) mod dates;
mod header;
mod lines;

use crate::doc::{Format, RawDoc, SkipReason};
use lines::Line;
use sitrep_core::{article_id, Article, DateSource, Published};
use std::ops::Range;

/// Why a piece of the raw text is not in the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RemovedKind {
    /// The title line.
    Title,
    /// A copy of the title near it.
    RepeatedTitle,
    /// A line that is only a date (and time).
    Dateline,
    /// A byline, or a bare author name by the dateline.
    Byline,
    /// A "Read Full Article at X" phrase.
    SourceLink,
    /// "X contributed to this report", "Reporting by ...".
    Credit,
    /// A "More news" / "Related" / "Read more" heading and the headlines under it.
    RelatedLinks,
    /// A run of other stories' headlines.
    LinkList,
    /// Share, subscribe, advertisement, copyright, bare URL lines.
    Share,
}

impl RemovedKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            RemovedKind::Title => "title",
            RemovedKind::RepeatedTitle => "repeated-title",
            RemovedKind::Dateline => "dateline",
            RemovedKind::Byline => "byline",
            RemovedKind::SourceLink => "source-link",
            RemovedKind::Credit => "credit",
            RemovedKind::RelatedLinks => "related-links",
            RemovedKind::LinkList => "link-list",
            RemovedKind::Share => "share",
        }
    }
}

/// A piece of the raw text left out of the clean text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Byte range in [`RawDoc::text`].
    pub raw: Range<usize>,
    pub kind: RemovedKind,
}

/// An article and what cleaning removed from the raw text to make it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    pub article: Article,
    /// In raw-text order.
    pub removed: Vec<Removed>,
}

/// Marks a whole line removed.
fn remove(line: &mut Line, kind: RemovedKind, removed: &mut Vec<Removed>) {
    line.keep = false;
    removed.push(Removed {
        raw: line.start..line.end,
        kind,
    });
}

/// Cleans one raw document into an article; see the module docs for what goes where.
///
/// Never panics on any text. Errors: [`SkipReason::NoBody`] when no body text is left.
pub fn clean(doc: &RawDoc) -> Result<Article, SkipReason> {
    clean_explained(doc).map(|c| c.article)
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// [`clean()`], also returning what was removed from the raw text and why.
pub fn clean_explained(doc: &RawDoc) -> Result<Cleaned, SkipReason> {
    if doc.format.is_web()
        && (doc.format != Format::Rss && doc.format != Format::Atom || looks_like_html(&doc.text))
    {
        return html_article(doc);
    }
    let mut cleaned = clean_text(doc)?;
    if let Some(html) = non_empty(&doc.meta.html) {
        fill_from_html(&mut cleaned.article, html);
    }
    Ok(cleaned)
}

/// Whether a feed item's text is HTML (has tags) rather than plain text.
fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('<')
        || ["<p>", "<p ", "<br", "<div", "</a>", "<img", "</"]
            .iter()
            .any(|m| text.contains(m))
}

/// The metadata a JSONL record's text lacks, read from its `html`.
fn fill_from_html(a: &mut Article, html: &str) {
    let e = crate::html::extract_html(html, a.url.as_deref());
    if a.title.is_none() {
        a.title = e.title;
    }
    if a.published.is_none() {
        a.published = e.published;
    }
    if a.byline.is_none() {
        a.byline = e.byline;
    }
    if a.url.is_none() {
        a.url = e.canonical_url;
    }
    if a.outlet.is_none() || a.outlet == a.url.as_deref().and_then(url_host) {
        if let Some(site) = e.site_name {
            a.outlet = Some(site);
        }
    }
    if a.language.is_none() {
        a.language = e.language;
    }
}

/// An article from HTML: main text and metadata by [`crate::html::extract_html`]; the input's
/// own metadata (a JSONL record's or a feed item's fields) wins over the page's. No segments:
/// the text is not a verbatim slice of the input (see [`crate::html`]).
fn html_article(doc: &RawDoc) -> Result<Cleaned, SkipReason> {
    let meta = &doc.meta;
    let url = non_empty(&meta.url);
    let e = crate::html::extract_html(&doc.text, url);
    if e.text.trim().is_empty() {
        return Err(SkipReason::NoBody);
    }
    let published = non_empty(&meta.published)
        .and_then(|p| {
            dates::parse_metadata(p).map(|f| Published {
                date: f.date,
                time: f.time,
                source: DateSource::Metadata,
                text: p.to_string(),
            })
        })
        .or(e.published.map(|mut p| {
            p.source = page_date_source(e.date_how, p.source);
            p
        }));
    let url = url.map(str::to_string).or(e.canonical_url);
    let outlet = non_empty(&meta.outlet)
        .map(str::to_string)
        .or(e.site_name)
        .or_else(|| url.as_deref().and_then(url_host));
    let text = e.text;
    let article = Article {
        id: article_id(&text),
        url,
        outlet,
        title: non_empty(&meta.title).map(str::to_string).or(e.title),
        published,
        byline: non_empty(&meta.byline).map(str::to_string).or(e.byline),
        language: e.language,
        text,
        segments: Vec::new(),
        source: doc.source.clone(),
    };
    Ok(Cleaned {
        article,
        removed: Vec::new(),
    })
}

/// The text cleaner proper (see the module docs).
fn clean_text(doc: &RawDoc) -> Result<Cleaned, SkipReason> {
    let raw = doc.text.as_str();
    let meta = &doc.meta;
    let mut lines = lines::split(raw);
    let mut removed = Vec::new();

    let head = header::strip(raw, &mut lines, non_empty(&meta.title), &mut removed);
    let found = boilerplate::strip(raw, &mut lines, &mut removed);
    let (text, segments) = lines::assemble(raw, &lines);
    if text.is_empty() {
        return Err(SkipReason::NoBody);
    }
    removed.sort_by_key(|r| (r.raw.start, r.raw.end));

    let published = non_empty(&meta.published)
        .and_then(|p| {
            let found = dates::parse_metadata(p);
            if found.is_none() {
                tracing::debug!(place = %doc.source.path, line = doc.source.line, published = p, "unreadable metadata date");
            }
            found.map(|f| Published {
                date: f.date,
                time: f.time,
                source: DateSource::Metadata,
                text: p.to_string(),
            })
        })
        .or_else(|| {
            head.dateline.map(|(d, words)| Published {
                date: d.found.date,
                time: d.found.time,
                source: DateSource::Dateline,
                text: words,
            })
        });

    let url = non_empty(&meta.url).map(str::to_string);
    let outlet = non_empty(&meta.outlet)
        .map(str::to_string)
        .or(found.source_outlet)
        .or(found.credit_outlet)
        .or_else(|| url.as_deref().and_then(url_host));

    let article = Article {
        id: article_id(&text),
        url,
        outlet,
        title: head.title,
        published,
        byline: non_empty(&meta.byline)
            .map(str::to_string)
            .or(head.byline)
            .or(found.credit_byline),
        language: language(&text)
            .map(str::to_string)
            .or_else(|| crate::html::metadata::language(&text)),
        text,
        segments,
        source: doc.source.clone(),
    };
    Ok(Cleaned { article, removed })
}

/// The host of a URL, lower-cased, without `www.`.
fn url_host(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (host.contains('.') && !host.starts_with('.')).then(|| host.to_string())
}

/// Frequent English function words that other languages written in Latin script rarely use
/// ("a", "in", "is", "was", "die", "on" are left out: Italian, German, Dutch, French use them).
const ENGLISH: &[&str] = &[
    "the", "of", "and", "to", "that", "for", "with", "by", "it", "at", "from", "has", "have",
    "said", "are", "be", "his", "her", "their", "this", "not", "were", "which", "its", "but",
    "she", "they", "who", "had", "been", "would", "after", "also", "than", "or",
];

/// `Some("en")` when at least a tenth of the first 2,000 words are [`ENGLISH`] function words;
/// else `None`. Measured on the 181 pages of the article-extraction benchmark: English bodies
/// score 0.14 to 0.45 (one list-heavy page 0.06), other languages 0 to 0.07.
fn language(text: &str) -> Option<&'static str> {
    let mut words = 0usize;
    let mut hits = 0usize;
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(2000)
    {
        words += 1;
        if ENGLISH.contains(&w.to_lowercase().as_str()) {
            hits += 1;
        }
    }
    (words >= 5 && hits >= 2 && hits * 10 >= words).then_some("en")
}

/// The core name of where the HTML extractor found a page's date (`date_how`).
fn page_date_source(how: Option<&str>, fallback: DateSource) -> DateSource {
    match how {
        Some("json-ld") => DateSource::JsonLd,
        Some("meta") => DateSource::MetaTag,
        Some("time") => DateSource::TimeElement,
        Some("script") => DateSource::Script,
        Some("url") => DateSource::Url,
        Some("text") => DateSource::Dateline,
        _ => fallback,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Format, RawMeta};
    use sitrep_core::SourceRef;

    fn doc(text: &str) -> RawDoc {
        RawDoc {
            source: SourceRef::default(),
            text: text.to_string(),
            meta: RawMeta::default(),
            format: Format::Text,
        }
    }

    #[test]
    fn hosts() {
        assert_eq!(
            url_host("https://www.RT.com/news/1?a=b").as_deref(),
            Some("rt.com")
        );
        assert_eq!(
            url_host("http://user@bbc.co.uk:8080/x").as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(url_host("not a url"), None);
        assert_eq!(url_host("file:///tmp/x"), None);
    }

    #[test]
    fn languages() {
        assert_eq!(
            language("The army said that it was ready for the attack on the city."),
            Some("en")
        );
        assert_eq!(
            language("Die Armee sagte, dass sie bereit sei, die Stadt anzugreifen."),
            None
        );
        assert_eq!(
            language("L'armée a déclaré qu'elle était prête à attaquer la ville."),
            None
        );
        assert_eq!(
            language("Il black Friday incombe su di noi: per chi non lo sapesse, a breve."),
            None
        );
        assert_eq!(language("Kyiv"), None);
    }

    #[test]
    fn plain_text_in_another_language_is_named() {
        let raw = "Die Bundesregierung hat am Dienstag beschlossen, der Ukraine weitere \
                   Panzer zu liefern. Der Kanzler sagte, man werde die Entscheidung mit den \
                   Verbündeten abstimmen, bevor die Lieferung beginne.";
        let a = clean(&doc(raw)).expect("body");
        assert_eq!(a.language.as_deref(), Some("de"));
        let raw = "Russian forces shelled the city overnight, officials said on Tuesday.";
        assert_eq!(
            clean(&doc(raw)).expect("body").language.as_deref(),
            Some("en")
        );
    }

    #[test]
    fn plain_paragraph_keeps_everything() {
        let raw = "Russian forces shelled the city overnight, officials said on Tuesday.";
        let a = clean(&doc(raw)).expect("body");
        assert_eq!(a.text, raw);
        assert_eq!(a.title, None);
        assert_eq!(a.published, None);
    }

    fn removed_kinds(raw: &str) -> Vec<RemovedKind> {
        clean_explained(&doc(raw))
            .map(|c| c.removed.iter().map(|r| r.kind).collect())
            .unwrap_or_default()
    }

    #[test]
    fn trailing_headlines_go_the_article_own_lists_stay() {
        let story = "Title of the story\n\nThe army moved north on Monday, officials said.\n\n";
        let links = format!(
            "{story}Kremlin warns NATO over troops in Ukraine\nEstonia weighs sending soldiers to the rear\n"
        );
        assert_eq!(
            removed_kinds(&links),
            [
                RemovedKind::Title,
                RemovedKind::LinkList,
                RemovedKind::LinkList
            ]
        );
        // Introduced by a colon: the article's own list.
        let own = format!("{story}It asked for:\nThree hundred modern battle tanks\nSix hundred infantry fighting vehicles\n");
        assert_eq!(removed_kinds(&own), [RemovedKind::Title]);
        // Under a heading, even in the middle, and short ones too.
        let related = format!("{story}Related\nTanks\nJets arrive\n\nThe second paragraph, which is the article again.");
        let c = clean_explained(&doc(&related)).expect("body");
        assert!(c
            .article
            .text
            .ends_with("officials said.\n\nThe second paragraph, which is the article again."));
    }

    /// raw, title, date, byline, body.
    type HeadCase<'a> = (
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        &'a str,
    );

    /// Page heads in the forms scraped pages use.
    #[test]
    fn page_heads() {
        let cases: &[HeadCase] = &[
            (
                "Today : Sep 20, 2024\nKyiv asks for more air defence\nby Jenna Lee,\n\nKyiv asked again on Friday.",
                Some("Kyiv asks for more air defence"),
                Some("2024-09-20"),
                Some("Jenna Lee"),
                "Kyiv asked again on Friday.",
            ),
            (
                "Kyiv asks for more air defence\n19 September 2024\nBy Jenna Lee and Bob Smith\nKyiv asked again on Thursday.\nIt was the third time.",
                Some("Kyiv asks for more air defence"),
                Some("2024-09-19"),
                Some("Jenna Lee and Bob Smith"),
                "Kyiv asked again on Thursday.\n\nIt was the third time.",
            ),
            (
                "Kyiv asks for more air defence\n\nBy Jenna Lee | Sep. 20, 2024\n\nUpdated: Sep. 21, 2024\n\nKyiv asked again.",
                Some("Kyiv asks for more air defence"),
                Some("2024-09-20"),
                Some("Jenna Lee"),
                "Kyiv asked again.",
            ),
            (
                "20/09/2024\n\nKyiv asks for more air defence\n\nKyiv asked again on 19/09/2024, officials said.",
                Some("Kyiv asks for more air defence"),
                Some("2024-09-20"),
                None,
                "Kyiv asked again on 19/09/2024, officials said.",
            ),
            (
                "Kyiv asked again on January 18, 2023, officials said.\n\nNothing else happened.",
                None,
                None,
                None,
                "Kyiv asked again on January 18, 2023, officials said.\n\nNothing else happened.",
            ),
        ];
        for (raw, title, date, byline, body) in cases {
            let a = clean(&doc(raw)).expect("body");
            assert_eq!(a.title.as_deref(), *title, "{raw}");
            let got = a.published.as_ref().map(|p| p.date.to_string());
            assert_eq!(got.as_deref(), *date, "{raw}");
            assert_eq!(a.byline.as_deref(), *byline, "{raw}");
            assert_eq!(a.text, *body, "{raw}");
        }
    }

    #[test]
    fn furniture_is_never_the_title() {
        let a = clean(&doc(
            "Share this article\nReal Title Here\n\nBody sentence one.",
        ))
        .expect("body");
        assert_eq!(a.title.as_deref(), Some("Real Title Here"));
        assert_eq!(a.text, "Body sentence one.");
    }

    #[test]
    fn nothing_but_furniture_is_no_body() {
        assert_eq!(
            clean(&doc("More news\nShare this article\n")),
            Err(SkipReason::NoBody)
        );
        assert_eq!(clean(&doc("")), Err(SkipReason::NoBody));
        assert_eq!(clean(&doc("\u{feff} \r\n\t")), Err(SkipReason::NoBody));
    }
}
