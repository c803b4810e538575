//! The three bundled scraped samples, cleaned: metadata found, boilerplate gone, body kept, and
//! every segment a verbatim copy of the raw text.

use chrono::{NaiveDate, NaiveTime};
use sitrep_core::{Article, DateSource, SourceRef};
use sitrep_ingest::{clean, clean_explained, Format, RawDoc, RawMeta, RemovedKind};

/// What one sample must clean to.
struct Expect {
    prefix: &'static str,
    title: &'static str,
    /// Date, time and the dateline words, or `None` when the text states no date.
    published: Option<(NaiveDate, Option<NaiveTime>, &'static str)>,
    byline: Option<&'static str>,
    outlet: Option<&'static str>,
    first_paragraph: &'static str,
    last_paragraph_starts: &'static str,
    /// Section headings that must stay, each a paragraph of its own.
    headings: &'static [&'static str],
    /// Sentences that must stay in the body, each as its own text.
    kept: &'static [&'static str],
    /// Text that must not be anywhere in the body.
    gone: &'static [&'static str],
    /// What must have been removed, in raw order.
    removed: &'static [RemovedKind],
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn raw_doc(prefix: &str) -> RawDoc {
    RawDoc {
        source: SourceRef {
            path: format!("examples/articles/{prefix}.txt"),
            line: None,
            offset: None,
        },
        text: sitrep_testkit::sample(prefix),
        meta: RawMeta::default(),
        format: Format::Text,
    }
}

/// `text[clean_start..+len] == raw[raw_start..+len]` for every segment; segments are in order,
/// do not overlap, and cover all of the text except the paragraph and line separators.
fn check_segments(raw: &str, a: &Article) {
    let mut covered = 0;
    let mut last_clean_end = 0;
    let mut last_raw_end = 0;
    for s in &a.segments {
        assert!(
            s.clean_start >= last_clean_end,
            "segments overlap or go back"
        );
        assert!(s.raw_start >= last_raw_end, "raw order");
        let clean = a.text.get(s.clean_start..s.clean_start + s.len);
        let orig = raw.get(s.raw_start..s.raw_start + s.len);
        assert!(
            clean.is_some() && clean == orig,
            "segment {s:?}: {clean:?} != {orig:?}"
        );
        let gap = &a.text[last_clean_end..s.clean_start];
        assert!(
            gap.is_empty() || gap == "\n\n" || gap == " ",
            "unmapped text {gap:?}"
        );
        covered += s.len;
        last_clean_end = s.clean_start + s.len;
        last_raw_end = s.raw_start + s.len;
    }
    assert_eq!(
        last_clean_end,
        a.text.len(),
        "the end of the text is mapped"
    );
    assert!(covered * 100 >= a.text.len() * 95);
    // raw_offset agrees with the segments.
    if let Some(s) = a.segments.last() {
        assert_eq!(a.raw_offset(s.clean_start + 1), Some(s.raw_start + 1));
    }
}

fn check(e: &Expect) {
    let doc = raw_doc(e.prefix);
    let cleaned = clean_explained(&doc).unwrap_or_else(|r| panic!("{}: {r}", e.prefix));
    let a = &cleaned.article;
    let p = e.prefix;

    assert_eq!(a.title.as_deref(), Some(e.title), "{p} title");
    match (&a.published, e.published) {
        (None, None) => {}
        (Some(got), Some((d, t, words))) => {
            assert_eq!(got.date, d, "{p} date");
            assert_eq!(got.time, t, "{p} time");
            assert_eq!(got.source, DateSource::Dateline, "{p} date source");
            assert_eq!(got.text, words, "{p} date words");
        }
        (got, want) => panic!("{p}: published {got:?}, expected {want:?}"),
    }
    assert_eq!(a.byline.as_deref(), e.byline, "{p} byline");
    assert_eq!(a.outlet.as_deref(), e.outlet, "{p} outlet");
    assert_eq!(a.language.as_deref(), Some("en"), "{p} language");
    assert_eq!(a.id, sitrep_core::article_id(&a.text), "{p} id");
    assert_eq!(a.source, doc.source);

    let paragraphs: Vec<&str> = a.text.split("\n\n").collect();
    assert_eq!(
        paragraphs.first().copied(),
        Some(e.first_paragraph),
        "{p} first paragraph"
    );
    let last = paragraphs.last().copied().unwrap_or_default();
    assert!(
        last.starts_with(e.last_paragraph_starts),
        "{p} last paragraph: {last:?}"
    );
    assert!(
        !a.text.starts_with(e.title),
        "{p}: body starts with the title"
    );
    for h in e.headings {
        assert!(
            paragraphs.contains(h),
            "{p}: heading {h:?} is not its own paragraph"
        );
    }
    for k in e.kept {
        assert!(
            paragraphs.iter().any(|para| para.contains(k)),
            "{p}: lost {k:?}"
        );
    }
    for g in e.gone {
        assert!(!a.text.contains(g), "{p}: {g:?} left in the body");
    }
    assert!(
        paragraphs.iter().all(|para| !para.trim().is_empty()),
        "{p}: empty paragraph"
    );

    let kinds: Vec<RemovedKind> = cleaned.removed.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, e.removed, "{p} removed");
    check_segments(&doc.text, a);

    // `clean` is `clean_explained` without the explanation.
    assert_eq!(clean(&doc).as_ref(), Ok(a));
}

#[test]
fn sample_000_repeated_title_no_date() {
    check(&Expect {
        prefix: "000",
        title: "Top Ukraine, US military leaders meet over \u{2018}urgent needs\u{2019}",
        // The text states no date: none may be invented (the "December", "Tuesday" in
        // sentences are not datelines).
        published: None,
        byline: None,
        outlet: None,
        first_paragraph: "The senior US military officer traveled to Poland and spoke face-to-face with his Ukrainian counterpart for the first time as Russia\u{2019}s war against Ukraine nears the one-year mark.",
        last_paragraph_starts: "Ukrainian forces drove back Russian troops in the second half of 2022",
        headings: &[
            "\u{201c}Look Each Other In The Eye\u{201d}",
            "\u{2018}Send Message\u{2019}",
        ],
        kept: &[
            "Zaluzhnyi said he outlined the \u{201c}urgent needs\u{201d} of his armed forces with Milley on Tuesday.",
            "Ukraine needed 300 tanks, 600-700 infantry fighting vehicles and 500 howitzers",
            "Separately, the Netherlands plans to send a Patriot missile defense system to Ukraine",
        ],
        gone: &["Top Ukraine US military leaders meet over urgent needs"],
        removed: &[RemovedKind::Title, RemovedKind::RepeatedTitle],
    })
}

#[test]
fn sample_002_republished_rt_article() {
    check(&Expect {
        prefix: "002",
        title: "Pentagon Denies Zelensky's Request for Missiles, According to WSJ",
        // No date anywhere in the text.
        published: None,
        // Only the trailing credit line names a person.
        byline: Some("Debra A Smith"),
        // "Read Full Article at RT.com" names the original publisher; TROIB News republished it.
        outlet: Some("RT.com"),
        first_paragraph: "The Pentagon chief has communicated to Ukraine that it is \u{201c}too much to ask\u{201d} to violate long-standing US arms agreements with other customers who are awaiting ATACMS.",
        last_paragraph_starts: "Additionally, Putin proposed modifications to Russia\u{2019}s nuclear doctrine",
        headings: &[],
        kept: &[
            "Defense Secretary Lloyd Austin has communicated to Ukraine\u{2019}s President Vladimir Zelensky",
            "He expressed hope that Ukraine\u{2019}s Western supporters took heed of his warning.",
            "Zelensky \u{201c}secretly\u{201d} requested Tomahawk missiles",
        ],
        gone: &[
            "Read Full Article",
            "RT.com",
            "contributed to this report",
            "TROIB",
            "Debra A Smith",
        ],
        removed: &[RemovedKind::Title, RemovedKind::SourceLink, RemovedKind::Credit],
    })
}

#[test]
fn sample_004_two_datelines_bare_byline_more_news() {
    check(&Expect {
        prefix: "004",
        title: "Ukraine formally asks NATO to send troops",
        // The dateline under title and byline, not the page date above the title.
        published: Some((
            date(2024, 5, 17),
            NaiveTime::from_hms_opt(19, 22, 0),
            "May 17, 2024 | 7:22 p.m.",
        )),
        byline: Some("Jesus Carames"),
        outlet: None,
        first_paragraph: "NATO closer to sending troops to Ukraine at critical time for kyiv",
        last_paragraph_starts:
            "Last month, Estonian Defense Minister Hanno Pevkur gave a revealing interview",
        headings: &[
            "Ukraine's Requests and NATO's Response",
            "Implications of the Presence of NATO Troops in Ukraine",
            "International Reactions and Concerns",
        ],
        kept: &[
            "On Thursday, the NY Times reported:",
            "According to recent statements:",
            "\"We'll get there eventually, eventually,\" he said.",
            "The Kremlin has repeatedly warned that this would trigger a direct war with NATO",
        ],
        gone: &[
            "Jesus Carames",
            "June 14th",
            "6:54",
            "May 17, 2024",
            "More news",
        ],
        removed: &[
            RemovedKind::Dateline,
            RemovedKind::Title,
            RemovedKind::Byline,
            RemovedKind::Dateline,
            RemovedKind::RelatedLinks,
        ],
    })
}

/// The samples as JSONL records with metadata: the metadata wins, the repeated title still
/// leaves the body, and the datelines still leave it.
#[test]
fn metadata_wins_over_the_text() {
    let mut doc = raw_doc("004");
    doc.format = Format::Jsonl;
    doc.meta = RawMeta {
        title: Some("Ukraine Formally Asks NATO To Send Troops".into()),
        published: Some("2024-05-16T21:00:00-04:00".into()),
        outlet: Some("Example Wire".into()),
        url: Some("https://www.example.org/a".into()),
        ..RawMeta::default()
    };
    let a = clean(&doc).expect("cleans");
    assert_eq!(
        a.title.as_deref(),
        Some("Ukraine Formally Asks NATO To Send Troops")
    );
    let p = a.published.as_ref().expect("published");
    assert_eq!(
        (p.date, p.source),
        (date(2024, 5, 16), DateSource::Metadata)
    );
    assert_eq!(p.text, "2024-05-16T21:00:00-04:00");
    assert_eq!(a.outlet.as_deref(), Some("Example Wire"));
    assert_eq!(a.url.as_deref(), Some("https://www.example.org/a"));
    assert_eq!(a.byline.as_deref(), Some("Jesus Carames"));
    assert!(a.text.starts_with("NATO closer to sending troops"));
    assert!(!a.text.contains("formally asks NATO"));
    check_segments(&doc.text, &a);

    // Without a metadata outlet, the URL's host names it.
    doc.meta.outlet = None;
    assert_eq!(
        clean(&doc).expect("cleans").outlet.as_deref(),
        Some("example.org")
    );
}

/// Cleaning is stable under the transport accidents of real files: CRLF line ends, a BOM, tabs.
#[test]
fn crlf_bom_and_tabs_clean_alike() {
    for prefix in ["000", "002", "004"] {
        let plain = raw_doc(prefix);
        let mut mangled = plain.clone();
        mangled.text = format!(
            "\u{feff}{}",
            plain
                .text
                .replace('\n', "\r\n")
                .replace("\r\n\r\n", "\r\n\t\r\n")
        );
        let a = clean(&plain).expect("plain");
        let b = clean(&mangled).expect("mangled");
        assert_eq!(a.text, b.text, "{prefix}");
        check_segments(&mangled.text, &b);
        assert_eq!(
            (a.title, a.published, a.byline, a.outlet),
            (b.title, b.published, b.byline, b.outlet)
        );
    }
}
