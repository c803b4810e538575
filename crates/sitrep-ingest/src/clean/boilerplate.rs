//! Page furniture that is not the article, and the facts some of it states.
//!
//! Removed from the body, whole lines unless said otherwise:
//!
//! * **Source links**: "Read Full Article at RT.com", "Continue reading on X", "This article was
//!   originally published on X": just the phrase, at the end of a line, the rest of the line
//!   kept. The `X` is the outlet the article comes from.
//! * **Credits**: "Debra A Smith contributed to this report for TROIB News", "(Reporting by X;
//!   Editing by Y)". The names become the byline when the head had none; the outlet after `for`
//!   is only a fallback (it names who republished or reported, see [`Found`]).
//! * **Related blocks**: a heading such as "More news", "Latest Contents", "Related", "Read
//!   more", and the short title-like lines after it, up to the end or the next real paragraph.
//! * **Link lists**: two or more headline-like lines at the very end, after the last paragraph
//!   (other stories' headlines). Inside the text, only under a heading as above: a run of short
//!   lines there is as likely the article's own list.
//! * **Share lines**: "Share this article", "Subscribe", "Follow us on Telegram",
//!   "Advertisement", copyright lines, bare URLs, "Read more: `<headline>`".
//!
//! A lone heading between paragraphs ("“Look Each Other In The Eye”") is the article's own
//! section heading and stays.

use super::header::{name_like, name_parts};
use super::lines::{headline_like, title_like, trim_range, Line};
use super::{remove, Removed, RemovedKind};
use once_cell::sync::Lazy;
use regex::Regex;

/// Facts the boilerplate stated.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// The outlet of a "Read Full Article at X" phrase: where the article was first published.
    pub source_outlet: Option<String>,
    /// Names from a credit line ("X contributed to this report").
    pub credit_byline: Option<String>,
    /// The outlet after "contributed to this report for X": who the contributor wrote for,
    /// often a republisher. Used only when nothing better names the outlet.
    pub credit_outlet: Option<String>,
}

static SOURCE_LINK: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?:^|\s)(?P<phrase>(?:read (?:the )?(?:full|whole|complete|original|entire) (?:article|story|report)|continue reading|read more|read the rest(?: of (?:the|this) (?:article|story))?|(?:this|the) (?:article|story|report) (?:was )?(?:originally |first )?(?:appeared|published|posted)|originally (?:appeared|published|posted))\s*(?:at|on|in|by|from)\s*:?\s+(?P<outlet>\S.{0,59}?)(?:[.!]\s*read\s+the\s+original(?:\s+(?:article|story))?)?)\s*[.!]?\s*$",
    )
    .expect("valid regex")
});
static CONTRIBUTED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^(?:[-\u{2013}\u{2014}]\s*)?(?P<names>[^.!?]{2,100}?)\s+contributed\s+(?:reporting\s+)?(?:to\s+)?(?:this\s+)?(?:report|reporting|story|article)(?:\s+(?:for|from)\s+(?P<outlet>.{2,60}?))?\s*\.?$",
    )
    .expect("valid regex")
});
static CREDIT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^(?:additional )?(?:reporting|writing|editing|compiled|translated|produced|research|graphics) by\s+(?P<names>[^;]+?)\s*(?:;.*)?\.?$",
    )
    .expect("valid regex")
});
static SHARE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?ix)^(?:
            advertisement|advert|sponsored(?:\s+content)?|story\s+continues\s+below(?:\s+advertisement)?
          | share(?:\s+(?:this|the))?(?:\s+(?:article|story|page|post))?(?:\s+(?:on|via)\s+\w+)?
          | tweet|print|email|e-mail|copy\s+link|link\s+copied|save|bookmark
          | subscribe(?:\s+(?:now|here|today))?|subscribe\s+(?:to|for)\s+.{1,80}
          | sign\s+up(?:\s+(?:here|now|today))?|sign\s+up\s+(?:for|to)\s+(?:our|the)\s+.{0,40}(?:newsletter|briefing|alerts|emails?|updates).*
          | get\s+the\s+latest\s+.{0,60}newsletter.*
          | follow\s+us(?:\s+on\s+.{1,60})?|(?:like|follow)\s+(?:us|our\s+page).{0,60}
          | join\s+(?:us|our)\s+.{0,60}(?:telegram|channel|newsletter|community|whatsapp).*
          | click\s+here\b.{0,100}|tap\s+here\b.{0,100}
          | all\s+rights\s+reserved.*|(?:\u{a9}|copyright\b).{0,120}
          | comments?|leave\s+a\s+(?:comment|reply)|\d+\s+comments?|show\s+comments
          | listen\s+to\s+(?:this\s+)?(?:article|story).*
          | (?:facebook|twitter|x|whatsapp|telegram|linkedin|email|reddit|pinterest|vk)(?:\s*[|\u{b7}\u{2022},/]\s*(?:facebook|twitter|x|whatsapp|telegram|linkedin|email|reddit|pinterest|vk|print|share))+
        )\s*[.!:]?$",
    )
    .expect("valid regex")
});
static RELATED_HEADING: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?ix)^(?:
            more\s+news|more\s+stories|more\s+articles|more\s+from\s+.{1,40}|other\s+news|in\s+other\s+news
          | latest(?:\s+(?:contents|news|stories|articles|posts|updates))?
          | related(?:\s+(?:articles|stories|news|posts|content|coverage|topics|links|reading))?
          | read\s+more|read\s+also|also\s+read|see\s+also|further\s+reading|what\s+to\s+read\s+next
          | most\s+(?:read|popular|viewed|shared)|popular(?:\s+(?:stories|posts|now|articles))?
          | trending(?:\s+(?:now|stories|news))?|recommended(?:\s+(?:for\s+you|stories|articles|reading))?
          | you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)|top\s+stories|editor'?s?\s+picks
          | more\s+on\s+this(?:\s+(?:story|topic))?|news\s+feed
        )\s*[:.]?$",
    )
    .expect("valid regex")
});
static INLINE_LINK: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^(?:read\s+more|read\s+also|also\s+read|see\s+also|related|watch|listen|more\s+news)\s*[:|\u{bb}>\-\u{2013}\u{2014}]\s*\S.{0,200}$",
    )
    .expect("valid regex")
});
static URL_LINE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?i)^(?:https?://|www\.)\S+$").expect("valid regex"));

/// The tail of a line (at most `n` bytes, on a character boundary) and where it starts.
fn tail(s: &str, n: usize) -> (usize, &str) {
    let mut at = s.len().saturating_sub(n);
    while !s.is_char_boundary(at) {
        at += 1;
    }
    (at, &s[at..])
}

/// A "Read Full Article at X" phrase ending the line: where it starts, and X.
pub(crate) fn source_link(line: &str) -> Option<(usize, String)> {
    let (base, t) = tail(line, 240);
    let c = SOURCE_LINK.captures(t)?;
    let phrase = c.name("phrase")?;
    let outlet = c
        .name("outlet")?
        .as_str()
        .trim_end_matches(['.', '!', ',', ';'])
        .trim();
    // A name ("RT.com", "The Conversation") or a domain ("rt.com"), not the rest of a sentence.
    let domain = !outlet.contains(char::is_whitespace) && outlet.contains('.');
    let named = outlet
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !(domain || named)
        || outlet.contains(',')
        || outlet.contains(". ")
        || outlet.split_whitespace().count() > 5
    {
        return None;
    }
    Some((base + phrase.start(), outlet.to_string()))
}

/// A credit line: the names it gives (when they are people's) and the outlet after `for`.
fn credit(line: &str) -> Option<(Option<String>, Option<String>)> {
    let line = line.trim_start_matches('(').trim_end_matches(')').trim();
    if line.len() > 300 {
        return None;
    }
    let people = |names: &str| {
        let names = names.trim();
        let all_people = name_parts(names)
            .iter()
            .all(|n| name_like(n) || n.split_whitespace().count() == 1);
        all_people.then(|| names.to_string())
    };
    if let Some(c) = CONTRIBUTED.captures(line) {
        let names = c.name("names").and_then(|m| people(m.as_str()));
        let outlet = c
            .name("outlet")
            .map(|m| m.as_str().trim_end_matches(['.', ')']).trim().to_string());
        return Some((names, outlet));
    }
    if let Some(c) = CREDIT.captures(line) {
        let reporting = line.to_lowercase().contains("reporting by");
        let names = c
            .name("names")
            .filter(|_| reporting)
            .and_then(|m| people(m.as_str().trim_end_matches(['.', ')'])));
        return Some((names, None));
    }
    None
}

/// A line that is page furniture through and through (a share line, a URL, a "More news"
/// heading, a credit, a bare source link): never a title.
pub(crate) fn is_furniture(line: &str) -> bool {
    (short(line)
        && (SHARE.is_match(line)
            || URL_LINE.is_match(line)
            || INLINE_LINK.is_match(line)
            || RELATED_HEADING.is_match(line)))
        || credit(line).is_some()
        || source_link(line).is_some_and(|(at, _)| line[..at].trim().is_empty())
}

fn short(s: &str) -> bool {
    s.len() <= 200
}

/// Removes boilerplate from the kept lines and returns what it stated.
pub(crate) fn strip(raw: &str, lines: &mut [Line], removed: &mut Vec<Removed>) -> Found {
    let mut found = Found::default();

    for i in 0..lines.len() {
        if !lines[i].keep {
            continue;
        }
        let text = lines[i].text(raw);

        if let Some((at, outlet)) = source_link(text) {
            let line = &mut lines[i];
            let cut = line.start + at;
            removed.push(Removed {
                raw: cut..line.end,
                kind: RemovedKind::SourceLink,
            });
            found.source_outlet.get_or_insert(outlet);
            let (s, e) = trim_range(raw, line.start, cut);
            line.start = s;
            line.end = e;
            if s == e {
                line.keep = false;
            }
            continue;
        }
        if let Some((names, outlet)) = credit(text) {
            if let Some(n) = names {
                found.credit_byline.get_or_insert(n);
            }
            if let Some(o) = outlet {
                found.credit_outlet.get_or_insert(o);
            }
            remove(&mut lines[i], RemovedKind::Credit, removed);
            continue;
        }
        if short(text) && (SHARE.is_match(text) || URL_LINE.is_match(text)) {
            remove(&mut lines[i], RemovedKind::Share, removed);
            continue;
        }
        if short(text) && INLINE_LINK.is_match(text) {
            remove(&mut lines[i], RemovedKind::RelatedLinks, removed);
            continue;
        }
        if short(text) && RELATED_HEADING.is_match(text) {
            remove(&mut lines[i], RemovedKind::RelatedLinks, removed);
            // The headlines under it, up to the next real paragraph.
            for line in lines[i + 1..].iter_mut() {
                if !line.keep {
                    continue;
                }
                let t = line.text(raw);
                if title_like(t) || URL_LINE.is_match(t) {
                    remove(line, RemovedKind::RelatedLinks, removed);
                } else {
                    break;
                }
            }
        }
    }

    link_lists(raw, lines, removed);
    found
}

/// The longest trailing run taken for a link list: longer runs are the article's own list or
/// table (tour dates, results).
const MAX_LINK_LIST: usize = 8;

/// A trailing run of other stories' headlines: two to [`MAX_LINK_LIST`] [`headline_like`] lines after the
/// last paragraph, not introduced by a line ending in `:` (that is the article's own list).
///
/// Runs inside the text are left alone unless a "Related"-style heading leads them: lists of
/// ingredients, results tables and Q&A lines look the same and are part of the article.
fn link_lists(raw: &str, lines: &mut [Line], removed: &mut Vec<Removed>) {
    let kept: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].keep).collect();
    let run_len = kept
        .iter()
        .rev()
        .take_while(|&&i| link_headline(lines[i].text(raw)))
        .count();
    if !(2..=MAX_LINK_LIST).contains(&run_len) || run_len == kept.len() {
        return;
    }
    let before = kept[kept.len() - run_len - 1];
    if lines[before].text(raw).trim_end().ends_with(':') {
        return;
    }
    for &i in &kept[kept.len() - run_len..] {
        remove(&mut lines[i], RemovedKind::LinkList, removed);
    }
}

/// A line that reads like a link to another story: [`headline_like`], no enumeration, no
/// question, no `Q:`-style label, no prices, percentages or figures.
fn link_headline(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    headline_like(s)
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && !s.trim_end().ends_with('?')
        && !s.contains(['$', '%', '\u{20ac}', '\u{a3}', '|', '@'])
        && !s
            .split_whitespace()
            .next()
            .is_some_and(|w| w.ends_with(':'))
        && digits * 5 <= s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_links() {
        let line =
            "It is \u{201c}too much to ask\u{201d} to violate them. Read Full Article at RT.com";
        let (at, outlet) = source_link(line).expect("phrase");
        assert_eq!(outlet, "RT.com");
        assert_eq!(
            line[..at].trim_end(),
            "It is \u{201c}too much to ask\u{201d} to violate them."
        );
        assert_eq!(
            source_link("This article was originally published on The Conversation.")
                .map(|x| x.1)
                .as_deref(),
            Some("The Conversation")
        );
        assert_eq!(
            source_link(
                "This article was originally published by Futurism. Read the original article."
            )
            .map(|x| x.1)
            .as_deref(),
            Some("Futurism")
        );
        assert_eq!(
            source_link("He told reporters to read more on the subject at home, then left."),
            None
        );
    }

    #[test]
    fn credits() {
        assert_eq!(
            credit("Debra A Smith contributed to this report for TROIB News"),
            Some((Some("Debra A Smith".into()), Some("TROIB News".into())))
        );
        assert_eq!(
            credit("(Reporting by Jenna Lee; Editing by Bob Smith)"),
            Some((Some("Jenna Lee".into()), None))
        );
        assert_eq!(
            credit("The Associated Press contributed to this report."),
            Some((None, None))
        );
        assert_eq!(
            credit("Many countries contributed troops to the mission."),
            None
        );
    }

    #[test]
    fn share_and_headings() {
        for l in [
            "Share this article",
            "Advertisement",
            "Follow us on Telegram",
            "Subscribe to our newsletter",
            "Facebook | Twitter | WhatsApp",
            "\u{a9} 2024 TROIB News. All rights reserved.",
            "https://example.com/a/b",
        ] {
            assert!(SHARE.is_match(l) || URL_LINE.is_match(l), "{l}");
        }
        for l in [
            "More news",
            "Latest Contents",
            "Related",
            "Read more:",
            "You may also like",
        ] {
            assert!(RELATED_HEADING.is_match(l), "{l}");
        }
        for l in [
            "Share prices fell sharply on Monday.",
            "Printing money is not a policy",
            "\u{201c}Look Each Other In The Eye\u{201d}",
        ] {
            assert!(!SHARE.is_match(l) && !RELATED_HEADING.is_match(l), "{l}");
        }
    }
}
