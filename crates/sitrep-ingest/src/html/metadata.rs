//! Page metadata: title, byline, site name, canonical URL, description, language, and the
//! publication date (found by [`super::dates`]).
//!
//! Sources, most trusted first:
//!
//! * **title**: `og:title`, JSON-LD `headline`, `twitter:title`, the first `<h1>`, then
//!   `<title>` with a trailing " - Site" / " | Site" cut off;
//! * **byline**: JSON-LD `author` names, `<meta name=author>` (not a URL), `article:author`,
//!   `<meta name=byl>` ("By ..."), a `rel=author` link, an element whose class says byline;
//! * **site name**: `og:site_name`, JSON-LD `publisher.name`, `application-name`;
//! * **canonical URL**: `<link rel=canonical>`, `og:url`, resolved against the page URL;
//! * **language**: detected from the main text (whatlang, when reliable), else `<html lang>`.

use super::dates;
use super::dom::{Dom, Kind, Tag};
use serde_json::Value;
use sitrep_core::Published;

/// What the head (and a little of the body) says about a page.
#[derive(Debug, Default)]
pub struct Meta {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub canonical: Option<String>,
    pub description: Option<String>,
    pub lang: Option<String>,
    pub published: Option<Published>,
    pub date_how: Option<&'static str>,
}

/// `<meta>` tags as (key, content): key is the lower-cased `property`, `name`, `itemprop` or
/// `http-equiv`.
pub(crate) fn meta_tags(dom: &Dom) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for i in 0..dom.nodes.len() as u32 {
        if dom.tag(i) != Some(Tag::Meta) {
            continue;
        }
        let Some(content) = dom.attr(i, "content") else {
            continue;
        };
        for key in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(k) = dom.attr(i, key) {
                let content = content.trim();
                if !content.is_empty() {
                    out.push((k.trim().to_ascii_lowercase(), content.to_string()));
                }
                break;
            }
        }
    }
    out
}

pub(crate) fn meta_value<'a>(tags: &'a [(String, String)], keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| {
        tags.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    })
}

/// The JSON-LD objects of a page, flattened (`@graph` and arrays opened), bounded in number.
pub(crate) fn json_ld(dom: &Dom) -> Vec<Value> {
    let mut out = Vec::new();
    for i in 0..dom.nodes.len() as u32 {
        if dom.tag(i) != Some(Tag::Script) {
            continue;
        }
        let Some(child) = dom.children(i).next() else {
            continue;
        };
        let Some(text) = dom.text(child) else {
            continue;
        };
        let text = text
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->");
        let Ok(v) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        let mut stack = vec![v];
        while let Some(v) = stack.pop() {
            if out.len() >= 64 {
                break;
            }
            match v {
                Value::Array(items) => stack.extend(items.into_iter().rev()),
                Value::Object(mut m) => {
                    if let Some(g) = m.remove("@graph") {
                        stack.push(g);
                    }
                    out.push(Value::Object(m));
                }
                _ => {}
            }
        }
    }
    out
}

/// Whether a JSON-LD object is an article (NewsArticle, BlogPosting, ...).
pub(crate) fn is_article(v: &Value) -> bool {
    let is = |t: &str| {
        let t = t.to_ascii_lowercase();
        t.contains("article") || t == "blogposting" || t == "reportage" || t == "liveblogposting"
    };
    match v.get("@type") {
        Some(Value::String(t)) => is(t),
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(is)),
        _ => false,
    }
}

fn names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            let s = s.trim();
            if !s.is_empty() && !s.starts_with("http") {
                out.push(s.to_string());
            }
        }
        Value::Array(items) => items.iter().take(10).for_each(|i| names(i, out)),
        Value::Object(m) => {
            if let Some(n) = m.get("name") {
                names(n, out);
            }
        }
        _ => {}
    }
}

fn clean_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_h1(dom: &Dom) -> Option<String> {
    (0..dom.nodes.len() as u32)
        .find(|&i| dom.tag(i) == Some(Tag::H1) && !dom.text_content(i).trim().is_empty())
        .map(|i| dom.text_content(i))
}

fn title_tag(dom: &Dom) -> Option<String> {
    let i = (0..dom.nodes.len() as u32).find(|&i| dom.tag(i) == Some(Tag::Title))?;
    let t = clean_space(&dom.text_content(i));
    (!t.is_empty()).then_some(t)
}

/// Cuts " - Site", " | Site", " :: Site" from a `<title>`, keeping the longest part.
fn trim_title(t: &str) -> String {
    for sep in [" | ", " - ", " — ", " – ", " :: ", " · ", " » "] {
        if t.contains(sep) {
            let longest = t.split(sep).max_by_key(|p| p.chars().count()).unwrap_or(t);
            if longest.split_whitespace().count() >= 3 {
                return longest.trim().to_string();
            }
        }
    }
    t.to_string()
}

/// The title alone (cheap: for the extraction benchmark, where the title is only used to drop
/// its repeat from the body).
pub fn title_only(dom: &Dom) -> Option<String> {
    let tags = meta_tags(dom);
    meta_value(&tags, &["og:title", "twitter:title"])
        .map(clean_space)
        .or_else(|| first_h1(dom))
        .or_else(|| title_tag(dom).map(|t| trim_title(&t)))
}

/// Resolves a possibly relative link against the page URL.
fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    if href.starts_with("http://") || href.starts_with("https://") {
        return Some(href.to_string());
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    let host = rest.split('/').next()?;
    if let Some(h) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{h}"));
    }
    if href.starts_with('/') {
        return Some(format!("{scheme}://{host}{href}"));
    }
    None
}

fn link_href(dom: &Dom, rel: &str) -> Option<String> {
    (0..dom.nodes.len() as u32)
        .filter(|&i| dom.tag(i) == Some(Tag::Link))
        .find(|&i| {
            dom.attr(i, "rel")
                .is_some_and(|r| r.split_whitespace().any(|w| w.eq_ignore_ascii_case(rel)))
        })
        .and_then(|i| dom.attr(i, "href").map(str::to_string))
}

fn has_class_word(dom: &Dom, id: u32, word: &str) -> bool {
    ["class", "id", "itemprop"].iter().any(|a| {
        dom.attr(id, a)
            .is_some_and(|v| v.to_ascii_lowercase().contains(word))
    })
}

/// A byline from the body: a `rel=author` link, or an element whose class/id says byline or
/// author name.
fn byline_in_body(dom: &Dom) -> Option<String> {
    for i in 0..dom.nodes.len() as u32 {
        let Some(tag) = dom.tag(i) else { continue };
        let hit = (tag == Tag::A
            && dom
                .attr(i, "rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("author")))
            || (matches!(tag, Tag::Span | Tag::Div | Tag::P | Tag::A | Tag::Address)
                && (has_class_word(dom, i, "byline") || has_class_word(dom, i, "author-name")));
        if hit {
            let t = clean_byline(&dom.text_content(i));
            if let Some(t) = t {
                return Some(t);
            }
        }
    }
    None
}

fn clean_byline(s: &str) -> Option<String> {
    let s = clean_space(s);
    let lower = s.to_lowercase();
    let s = if lower.starts_with("by ") {
        s[3..].trim().to_string()
    } else {
        s
    };
    let words = s.split_whitespace().count();
    ((1..=12).contains(&words) && s.chars().count() <= 100 && !s.contains("http")).then_some(s)
}

/// Reads all metadata of a parsed page.
pub fn read(dom: &Dom, html: &str, url: Option<&str>) -> Meta {
    let tags = meta_tags(dom);
    let ld = json_ld(dom);
    let article = ld.iter().find(|v| is_article(v));
    let ld_str = |key: &str| -> Option<String> {
        article
            .and_then(|a| a.get(key))
            .and_then(Value::as_str)
            .map(clean_space)
            .filter(|s| !s.is_empty())
    };

    let title = meta_value(&tags, &["og:title"])
        .map(clean_space)
        .or_else(|| ld_str("headline"))
        .or_else(|| meta_value(&tags, &["twitter:title"]).map(clean_space))
        .or_else(|| first_h1(dom))
        .or_else(|| title_tag(dom).map(|t| trim_title(&t)));

    let mut authors = Vec::new();
    if let Some(a) = article.and_then(|a| a.get("author")) {
        names(a, &mut authors);
    }
    authors.dedup();
    let byline = (!authors.is_empty())
        .then(|| authors.join(", "))
        .or_else(|| {
            meta_value(
                &tags,
                &[
                    "author",
                    "article:author",
                    "byl",
                    "dc.creator",
                    "sailthru.author",
                ],
            )
            .and_then(clean_byline)
        })
        .or_else(|| byline_in_body(dom));

    let site_name = meta_value(&tags, &["og:site_name"])
        .map(clean_space)
        .or_else(|| {
            let mut n = Vec::new();
            if let Some(p) = article.and_then(|a| a.get("publisher")) {
                names(p, &mut n);
            }
            n.into_iter().next()
        })
        .or_else(|| meta_value(&tags, &["application-name"]).map(clean_space));

    let canonical = link_href(dom, "canonical")
        .and_then(|h| resolve(&h, url))
        .or_else(|| meta_value(&tags, &["og:url"]).and_then(|h| resolve(h, url)));

    let description = meta_value(&tags, &["description", "og:description"]).map(clean_space);

    let lang = (0..dom.nodes.len().min(64) as u32)
        .find(|&i| dom.tag(i) == Some(Tag::Html))
        .and_then(|i| dom.attr(i, "lang").or_else(|| dom.attr(i, "xml:lang")))
        .map(|l| {
            l.split(['-', '_'])
                .next()
                .unwrap_or(l)
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|l| l.len() == 2 || l.len() == 3)
        .or_else(|| {
            meta_value(&tags, &["content-language", "og:locale", "language"])
                .map(|l| l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase())
                .filter(|l| l.len() == 2)
        });

    let page_url = canonical.as_deref().or(url);
    let found = dates::find(dom, html, &tags, &ld, page_url, url);
    let (published, date_how) = match found {
        Some((p, how)) => (Some(p), Some(how)),
        None => (None, None),
    };

    Meta {
        title,
        byline,
        site_name,
        canonical,
        description,
        lang,
        published,
        date_how,
    }
}

/// ISO 639-1 code of the text when whatlang is confident.
pub fn language(text: &str) -> Option<String> {
    if text.len() < 40 {
        return None;
    }
    let sample = match text.char_indices().nth(4000) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    Some(iso639_1(info.lang()).to_string())
}

fn iso639_1(l: whatlang::Lang) -> &'static str {
    match l.code() {
        "eng" => "en",
        "rus" => "ru",
        "ukr" => "uk",
        "deu" => "de",
        "fra" => "fr",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "nld" => "nl",
        "pol" => "pl",
        "tur" => "tr",
        "ara" => "ar",
        "cmn" => "zh",
        "jpn" => "ja",
        "kor" => "ko",
        "hin" => "hi",
        "heb" => "he",
        "pes" => "fa",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "nb",
        "fin" => "fi",
        "ces" => "cs",
        "slk" => "sk",
        "slv" => "sl",
        "hrv" => "hr",
        "srp" => "sr",
        "bul" => "bg",
        "bel" => "be",
        "ron" => "ro",
        "hun" => "hu",
        "ell" => "el",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "vie" => "vi",
        "tha" => "th",
        "ind" => "id",
        "kat" => "ka",
        "hye" => "hy",
        "aze" => "az",
        "kaz" => "kk",
        "uzb" => "uz",
        "ben" => "bn",
        "urd" => "ur",
        "tam" => "ta",
        "tel" => "te",
        "mar" => "mr",
        "tgl" => "tl",
        "afr" => "af",
        "cat" => "ca",
        "epo" => "eo",
        "lat" => "la",
        "mkd" => "mk",
        other => other,
    }
}

/// Used by the date finder: elements whose class, id or itemprop hints at a date.
pub(crate) fn date_hint(dom: &Dom, id: u32) -> bool {
    if !matches!(dom.nodes[id as usize].kind, Kind::Element { .. }) {
        return false;
    }
    ["class", "id", "itemprop"].iter().any(|a| {
        dom.attr(id, a).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            [
                "date", "time", "publish", "posted", "pubdate", "byline", "meta", "dateline",
            ]
            .iter()
            .any(|w| v.contains(w))
                && !["update", "modif", "comment"].iter().any(|w| v.contains(w))
        })
    })
}
