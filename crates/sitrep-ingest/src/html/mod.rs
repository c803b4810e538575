//! HTML pages: the article's main text and its metadata.
//!
//! [`extract_html`] parses a page ([`dom`]: our own fast, forgiving parser), finds the article
//! body and reads title, date, byline, site name, canonical URL and language ([`metadata`],
//! [`dates`]).
//!
//! **Main text.** A readability-style choice of one container, scored by its paragraphs:
//!
//! 1. Furniture is dropped whole: scripts, forms' controls, `nav`, `aside`, `footer`, hidden
//!    elements (`hidden`, `aria-hidden`, `display:none`), and elements whose class or id names a
//!    share bar, comments, related stories, ads, newsletters, cookie notices, captions, bylines
//!    ([`junk_hint`]). An element marked as the article body (`itemprop=articleBody`, classes
//!    such as `article-body`, `entry-content`) is never dropped by name.
//! 2. Text is grouped into *blocks*: the text whose nearest block-level ancestor is the same
//!    element. A block scores its length when it reads as prose (long enough, few links), and
//!    minus its length when it is mostly links (menus, link lists) or short furniture.
//! 3. Scores add up the tree; the element with the highest total is the container: it holds as
//!    much prose and as little link text as possible. Prose split over sibling containers (a
//!    paywall's "part 1, part 2", an ad between) is gathered by their parent, since an ad costs
//!    less than the prose gained.
//! 4. In the container, blocks are kept unless they are link lists, the title again, or short
//!    furniture ("Advertisement", "Share this article", "Read more").
//!
//! Paragraphs (blocks, and runs split by `<br><br>`) are joined with `"\n\n"`, like the text
//! cleaner's output. When the strict pass finds too little, a lenient one (no class-name
//! dropping) is tried.
//!
//! **Segments.** An HTML article's text is not a verbatim slice of its input (entities are
//! decoded, whitespace collapsed, markup removed), so [`crate::clean()`] gives it no segments:
//! `Article::segments` is empty for HTML, and the core invariant (each segment is a verbatim
//! copy) holds vacuously. The source position is the file (and the WARC record offset).

pub mod dates;
pub mod dom;
pub mod metadata;

use dom::{Dom, Kind, Tag, NONE};
use sitrep_core::Published;

/// What [`extract_html`] finds in a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// The main text: paragraphs joined with `"\n\n"`; empty when none was found.
    pub text: String,
    pub title: Option<String>,
    pub published: Option<Published>,
    /// Where the date was found, finer than [`Published::source`]: `json-ld`, `meta`, `time`,
    /// `url`, `text`.
    pub date_how: Option<&'static str>,
    pub byline: Option<String>,
    /// Site or publisher name (`og:site_name`, JSON-LD publisher, `application-name`).
    pub site_name: Option<String>,
    /// `<link rel=canonical>` or `og:url`, else the URL given.
    pub canonical_url: Option<String>,
    /// ISO 639-1 code from the text (whatlang), else the page's `lang` attribute.
    pub language: Option<String>,
    /// `description` / `og:description`.
    pub description: Option<String>,
}

/// Extracts main text and metadata from a page. `url` is where the page came from, when
/// known (used for dates in the URL and relative canonical links). Never panics.
pub fn extract_html(html: &str, url: Option<&str>) -> Extracted {
    let dom = dom::parse(html);
    let meta = metadata::read(&dom, html, url);
    let text = main_text(&dom, meta.title.as_deref());
    let language = metadata::language(&text).or(meta.lang.clone());
    Extracted {
        text,
        title: meta.title,
        published: meta.published,
        date_how: meta.date_how,
        byline: meta.byline,
        site_name: meta.site_name,
        canonical_url: meta.canonical.or_else(|| url.map(str::to_string)),
        language,
        description: meta.description,
    }
}

/// Only the main text of a page (no metadata): what the extraction benchmark scores.
pub fn extract_text(html: &str) -> String {
    let dom = dom::parse(html);
    let title = metadata::title_only(&dom);
    main_text(&dom, title.as_deref())
}

/// Per-node facts computed in one forward pass.
struct Facts {
    dropped: Vec<bool>,
    /// The nearest block-level ancestor-or-self of each node (0 = the root).
    block: Vec<u32>,
    in_link: Vec<bool>,
}

/// Class or id words that name page furniture.
fn junk_word(w: &str) -> bool {
    matches!(
        w,
        "ad" | "ads"
            | "adv"
            | "advert"
            | "adverts"
            | "advertisement"
            | "advertising"
            | "adsense"
            | "adslot"
            | "adunit"
            | "dfp"
            | "banner"
            | "sponsor"
            | "sponsored"
            | "promo"
            | "promotion"
            | "share"
            | "shares"
            | "sharing"
            | "sharebar"
            | "social"
            | "socials"
            | "comment"
            | "comments"
            | "disqus"
            | "related"
            | "recommended"
            | "recommendation"
            | "recommendations"
            | "recirc"
            | "recirculation"
            | "newsletter"
            | "subscribe"
            | "subscription"
            | "signup"
            | "cookie"
            | "cookies"
            | "consent"
            | "gdpr"
            | "popup"
            | "modal"
            | "sidebar"
            | "widget"
            | "breadcrumb"
            | "breadcrumbs"
            | "nav"
            | "navbar"
            | "navigation"
            | "menu"
            | "footer"
            | "masthead"
            | "toolbar"
            | "tags"
            | "byline"
            | "caption"
            | "credit"
            | "credits"
            | "outbrain"
            | "taboola"
            | "zergnet"
            | "trending"
            | "popular"
            | "mostread"
            | "readmore"
            | "pagination"
            | "pager"
            | "skip"
            | "login"
            | "signin"
            | "rating"
            | "poll"
            | "bio"
            | "tweet"
            | "twitter"
            | "facebook"
            | "instagram"
            | "print"
            | "tooltip"
            | "author"
            | "timestamp"
            | "dateline"
    )
}

/// Class tokens that mark the article body itself.
fn body_token(t: &str) -> bool {
    let t = t.replace(['_', '-'], "");
    matches!(
        t.as_str(),
        "articlebody"
            | "articlecontent"
            | "articletext"
            | "storybody"
            | "storycontent"
            | "storytext"
            | "entrycontent"
            | "entrybody"
            | "postcontent"
            | "postbody"
            | "posttext"
            | "maincontent"
            | "contentbody"
            | "bodytext"
            | "articlebodytext"
    )
}

/// Whether an element's class or id names furniture; `None` when it has neither.
fn junk_hint(dom: &Dom, id: u32) -> bool {
    let mut junk = false;
    for (name, value) in dom.attrs(id) {
        if name != "class" && name != "id" {
            continue;
        }
        for token in value.split_ascii_whitespace() {
            let lower = token.to_ascii_lowercase();
            if body_token(&lower) {
                return false;
            }
            if !junk {
                junk = lower.split(['-', '_', ':']).any(junk_word)
                    || matches!(
                        lower.as_str(),
                        "more-stories" | "read-more" | "most-read" | "see-also" | "also-read"
                    );
            }
        }
    }
    junk
}

fn hidden(dom: &Dom, id: u32) -> bool {
    for (name, value) in dom.attrs(id) {
        match name {
            "hidden" => return true,
            "aria-hidden" if value.eq_ignore_ascii_case("true") => return true,
            "style" => {
                let v: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if v.contains("display:none") || v.contains("visibility:hidden") {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

fn is_body_marked(dom: &Dom, id: u32) -> bool {
    dom.attr(id, "itemprop")
        .is_some_and(|v| v.eq_ignore_ascii_case("articlebody"))
}

fn facts(dom: &Dom, strict: bool) -> Facts {
    let n = dom.nodes.len();
    let mut dropped = vec![false; n];
    let mut block = vec![0u32; n];
    let mut in_link = vec![false; n];
    for i in 1..n {
        let node = &dom.nodes[i];
        let p = node.parent as usize;
        let parent_dropped = dropped[p];
        in_link[i] = in_link[p];
        block[i] = block[p];
        if let Kind::Element { tag, .. } = node.kind {
            if tag.is_block() {
                block[i] = i as u32;
            }
            if tag == Tag::A {
                in_link[i] = true;
            }
            dropped[i] = parent_dropped || drop_element(dom, i as u32, tag, strict);
        } else {
            dropped[i] = parent_dropped;
        }
    }
    Facts {
        dropped,
        block,
        in_link,
    }
}

fn drop_element(dom: &Dom, id: u32, tag: Tag, strict: bool) -> bool {
    use Tag::*;
    match tag {
        Script | Style | Noscript | Template | Iframe | Svg | Math | Canvas | Button | Select
        | Input | Textarea | Nav | Aside | Footer | Head | Title | Dialog | Object | Embed
        | Video | Audio | Figcaption | Label => return true,
        Html | Body | Main => return false,
        _ => {}
    }
    if hidden(dom, id) {
        return true;
    }
    if is_body_marked(dom, id) {
        return false;
    }
    if let Some(role) = dom.attr(id, "role") {
        if matches!(
            role.to_ascii_lowercase().as_str(),
            "navigation" | "banner" | "contentinfo" | "complementary" | "menu" | "dialog"
        ) {
            return true;
        }
    }
    strict && tag != Article && junk_hint(dom, id)
}

/// Per-block text statistics.
#[derive(Clone, Copy, Default)]
struct Stat {
    chars: u32,
    link_chars: u32,
    /// Sentence punctuation (`.`, `!`, `?`, `,`, `;`, and CJK full stops).
    punct: u32,
}

fn count(text: &str, stat: &mut Stat, link: bool) {
    let mut chars = 0u32;
    let mut punct = 0u32;
    for c in text.chars() {
        if c.is_alphanumeric() {
            chars += 1;
        } else if matches!(c, '.' | ',' | '!' | '?' | ';' | '。' | '、' | '，' | '،') {
            punct += 1;
        }
    }
    stat.chars += chars;
    stat.punct += punct;
    if link {
        stat.link_chars += chars;
    }
}

/// How a block reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Quality {
    Prose,
    Short,
    Links,
}

fn quality(s: &Stat) -> Quality {
    let own = s.chars.saturating_sub(s.link_chars);
    let density = s.link_chars as f32 / s.chars.max(1) as f32;
    if own >= 80 || (own >= 40 && s.punct >= 2 && density < 0.2) {
        Quality::Prose
    } else if density > 0.5 {
        Quality::Links
    } else {
        Quality::Short
    }
}

/// What a block adds to the score of the elements holding it.
fn value(s: &Stat) -> f32 {
    let (c, k) = (s.chars as f32, s.link_chars as f32);
    match quality(s) {
        Quality::Prose => (c - k) - 0.5 * k,
        Quality::Short => -SHORT_COST * c,
        Quality::Links => -c,
    }
}

/// The cost of a short block (a date, a caption, a button label) per character.
const SHORT_COST: f32 = 0.1;

fn main_text(dom: &Dom, title: Option<&str>) -> String {
    let strict = choose_and_render(dom, title, true);
    if strict.len() >= 250 {
        return strict;
    }
    let lenient = choose_and_render(dom, title, false);
    if lenient.len() > strict.len() {
        lenient
    } else {
        strict
    }
}

fn choose_and_render(dom: &Dom, title: Option<&str>, strict: bool) -> String {
    let f = facts(dom, strict);
    let n = dom.nodes.len();
    let mut stats = vec![Stat::default(); n];
    for i in 0..n {
        if f.dropped[i] {
            continue;
        }
        if let Some(t) = dom.text(i as u32) {
            let b = f.block[i] as usize;
            count(t, &mut stats[b], f.in_link[i]);
        }
    }
    let roots = choose(dom, &f, &stats);
    if std::env::var_os("SITREP_DEBUG_HTML").is_some() {
        for r in &roots {
            eprintln!("strict={strict} chosen={}", path_of(dom, *r));
        }
    }
    render(dom, &f, &stats, &roots, title)
}

fn parent(dom: &Dom, id: usize) -> usize {
    let p = dom.nodes[id].parent;
    if p == NONE {
        usize::MAX
    } else {
        p as usize
    }
}

fn element_children(dom: &Dom, id: u32) -> impl Iterator<Item = u32> + '_ {
    dom.children(id)
        .filter(|&c| matches!(dom.nodes[c as usize].kind, Kind::Element { .. }))
}

/// Readability-style choice: prose blocks score their parent fully, the grandparent half and
/// the one above a sixth; an element's score is scaled by one minus its link density. The best
/// element is promoted to its parent when that scores higher, and joined by siblings that
/// score well or read as prose. Returns the chosen elements in document order.
fn choose(dom: &Dom, f: &Facts, stats: &[Stat]) -> Vec<u32> {
    let n = dom.nodes.len();
    let mut chars = vec![0u32; n];
    let mut links = vec![0u32; n];
    for i in 0..n {
        chars[i] = stats[i].chars;
        links[i] = stats[i].link_chars;
    }
    for i in (1..n).rev() {
        let p = parent(dom, i);
        if p != usize::MAX {
            chars[p] += chars[i];
            links[p] += links[i];
        }
    }
    let mut local = vec![0f32; n];
    for (i, st) in stats.iter().enumerate() {
        if f.dropped[i] || st.chars == 0 {
            continue;
        }
        let v = value(st);
        if v <= 0.0 {
            continue;
        }
        let mut a = parent(dom, i);
        for div in [1.0f32, 2.0, 6.0] {
            if a == usize::MAX {
                break;
            }
            local[a] += v / div;
            a = parent(dom, a);
        }
    }
    let fin = |i: usize| -> f32 {
        if f.dropped[i] || local[i] <= 0.0 {
            return 0.0;
        }
        let density = links[i] as f32 / chars[i].max(1) as f32;
        let mut s = local[i] * (1.0 - density);
        if is_body_marked(dom, i as u32) || has_body_class(dom, i as u32) {
            s *= 1.25;
        }
        s
    };
    let mut best = usize::MAX;
    let mut best_score = 0f32;
    for i in 0..n {
        let s = fin(i);
        if s > best_score {
            best_score = s;
            best = i;
        }
    }
    if best == usize::MAX {
        return vec![0];
    }
    // Promote to a parent that scores higher (the prose is spread over its children).
    let mut top = best;
    let mut last = best_score;
    let threshold = best_score / 3.0;
    let mut p = parent(dom, top);
    while p != usize::MAX && p != 0 && dom.tag(p as u32) != Some(Tag::Body) {
        let ps = fin(p);
        if ps < threshold {
            break;
        }
        if ps > last {
            top = p;
            break;
        }
        last = ps;
        p = parent(dom, p);
    }
    // An only child stands for its parent.
    loop {
        let p = parent(dom, top);
        if p == usize::MAX || p == 0 || dom.tag(p as u32) == Some(Tag::Body) {
            break;
        }
        if element_children(dom, p as u32).count() != 1 {
            break;
        }
        top = p;
    }
    let top_score = fin(top).max(best_score);
    let p = parent(dom, top);
    if p == usize::MAX {
        return vec![top as u32];
    }
    let top_class = dom.attr(top as u32, "class").unwrap_or("");
    let threshold = (top_score * 0.2).max(10.0);
    let mut roots = Vec::new();
    for c in element_children(dom, p as u32) {
        let ci = c as usize;
        if ci == top {
            roots.push(c);
            continue;
        }
        if f.dropped[ci] {
            continue;
        }
        let mut s = fin(ci);
        if !top_class.is_empty() && dom.attr(c, "class") == Some(top_class) {
            s += top_score * 0.2;
        }
        let own = &stats[ci];
        let density = links[ci] as f32 / chars[ci].max(1) as f32;
        let prose = own.chars > 0
            && chars[ci] == own.chars
            && ((own.chars > 80 && density < 0.25)
                || (own.chars > 0 && density == 0.0 && own.punct > 0 && own.chars <= 80));
        if s >= threshold || prose {
            roots.push(c);
        }
    }
    roots
}

fn has_body_class(dom: &Dom, id: u32) -> bool {
    ["class", "id"].iter().any(|a| {
        dom.attr(id, a).is_some_and(|v| {
            v.split_ascii_whitespace()
                .any(|t| body_token(&t.to_ascii_lowercase()))
        })
    })
}

/// `tag.class#id > ...` from the root to a node, for debugging.
fn path_of(dom: &Dom, mut id: u32) -> String {
    let mut parts = Vec::new();
    while id != NONE && id != 0 {
        let mut s = dom.name(id).to_string();
        if let Some(c) = dom.attr(id, "class") {
            s.push('.');
            s.push_str(&c.split_whitespace().collect::<Vec<_>>().join("."));
        }
        if let Some(i) = dom.attr(id, "id") {
            s.push('#');
            s.push_str(i);
        }
        parts.push(s);
        id = dom.nodes[id as usize].parent;
    }
    parts.reverse();
    parts.join(" > ")
}

/// Short lines that are page furniture wherever they stand.
fn furniture(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches([':', '.', '!', '»', '›', '>'])
        .trim();
    if t.chars().count() > 60 {
        return false;
    }
    let lower = t.to_lowercase();
    const EXACT: &[&str] = &[
        "advertisement",
        "advertisements",
        "ad",
        "sponsored",
        "share",
        "share this",
        "share this article",
        "share this story",
        "share on facebook",
        "share on twitter",
        "tweet",
        "email",
        "print",
        "comments",
        "read more",
        "read next",
        "related",
        "related articles",
        "related stories",
        "more stories",
        "continue reading",
        "continue reading the main story",
        "story continues below advertisement",
        "story continues below",
        "article continues below",
        "skip advertisement",
        "subscribe",
        "sign up",
        "click here",
        "loading",
        "loading...",
        "close",
        "menu",
        "image",
        "photo",
        "video",
        "play video",
        "watch",
        "listen",
    ];
    EXACT.contains(&lower.as_str())
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty()
        && (a == b || (b.len() > 20 && b.starts_with(&a)) || (a.len() > 20 && b.starts_with(&a)))
}

fn render(dom: &Dom, f: &Facts, stats: &[Stat], roots: &[u32], title: Option<&str>) -> String {
    let mut paras: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut cur_block;
    let flush = |cur: &mut String, paras: &mut Vec<String>| {
        let t = cur.trim();
        if !t.is_empty() {
            paras.push(t.to_string());
        }
        cur.clear();
    };
    for &root in roots {
        let end = dom.subtree_end(root);
        let mut i = root;
        cur_block = NONE;
        while i < end {
            let iu = i as usize;
            if f.dropped[iu] {
                i = dom.subtree_end(i);
                continue;
            }
            match &dom.nodes[iu].kind {
                Kind::Text(_) => {
                    let b = f.block[iu];
                    let keep = {
                        let s = &stats[b as usize];
                        quality(s) != Quality::Links && dom.tag(b) != Some(Tag::H1)
                    };
                    if keep {
                        if b != cur_block {
                            flush(&mut cur, &mut paras);
                            cur_block = b;
                        }
                        if let Some(t) = dom.text(i) {
                            dom::push_collapsed(&mut cur, t);
                        }
                    }
                }
                Kind::Element { tag, .. } => {
                    if *tag == Tag::Br {
                        if cur.ends_with('\n') || cur.ends_with("\n ") {
                            flush(&mut cur, &mut paras);
                        } else {
                            let trimmed = cur.trim_end().len();
                            cur.truncate(trimmed);
                            cur.push('\n');
                        }
                    } else if tag.is_block() {
                        cur_block = NONE;
                    }
                }
                Kind::Root => {}
            }
            i += 1;
        }
        flush(&mut cur, &mut paras);
    }
    let mut out = String::new();
    for p in paras {
        let p = p
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        if p.is_empty() || furniture(&p) || title.is_some_and(|t| same_text(&p, t)) {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&p);
    }
    out
}
