//! Real text beyond the three samples, from the shared data folder: never a panic, the segment
//! invariant everywhere, and the cleaner leaves article text alone.

use sitrep_core::{Article, DateSource};
use sitrep_ingest::{
    clean, clean_explained, read_input, Format, Input, Item, RawDoc, RawMeta, ReadOptions,
    RemovedKind,
};

fn check_segments(raw: &str, a: &Article) {
    for s in &a.segments {
        assert_eq!(
            a.text.get(s.clean_start..s.clean_start + s.len),
            raw.get(s.raw_start..s.raw_start + s.len),
            "segment {s:?}"
        );
    }
}

/// The 181 article bodies of the article-extraction benchmark (17 languages, tables, lists,
/// recipes) are already clean: cleaning them must keep their text. Only the first line may go
/// (it is taken as the title), plus a little furniture the benchmark kept (bare URLs,
/// copyright lines, "Originally published on ..." phrases, credits).
#[test]
fn benchmark_bodies_keep_their_text() {
    let path = sitrep_testkit::data("article-extraction/ground-truth.json");
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("json");
    let pages = truth.as_object().expect("an object of pages");
    assert!(pages.len() >= 180);
    let (mut total, mut lost) = (0usize, 0usize);
    let mut english = 0;
    for (id, page) in pages {
        let body = page["articleBody"].as_str().unwrap_or_default();
        let doc = RawDoc {
            source: Default::default(),
            text: body.to_string(),
            meta: RawMeta::default(),
            format: Format::Text,
        };
        let Ok(c) = clean_explained(&doc) else {
            assert!(
                body.trim().is_empty(),
                "{id}: no body from a non-empty text"
            );
            continue;
        };
        check_segments(body, &c.article);
        total += body.len();
        for r in &c.removed {
            assert!(
                !matches!(r.kind, RemovedKind::RelatedLinks),
                "{id}: related block in a clean body: {:?}",
                &body[r.raw.clone()]
            );
            if r.kind != RemovedKind::Title {
                lost += r.raw.len();
            }
        }
        english += usize::from(c.article.language.as_deref() == Some("en"));
    }
    assert!(
        lost * 200 < total,
        "removed {lost} of {total} bytes besides titles"
    );
    // Most of the benchmark is English; about 30 pages are not.
    assert!(
        (130..=165).contains(&english),
        "{english} pages read as English"
    );
}

/// A real JSONL feed (95 RSS items from 30 outlets): every record read, every date from the
/// metadata, the outlet and title as given.
#[test]
fn stories_feed_reads_and_cleans() {
    let path = sitrep_testkit::data("stories/dev.jsonl");
    let items: Vec<Item> =
        read_input(&Input::File(path.clone()), &ReadOptions::default()).collect();
    assert_eq!(items.len(), 95);
    for (n, item) in items.iter().enumerate() {
        let Item::Doc(doc) = item else {
            panic!("line {}: {item:?}", n + 1)
        };
        assert_eq!(doc.source.line, Some(n as u64 + 1));
        assert_eq!(doc.format, Format::Jsonl);
        let a = clean(doc).unwrap_or_else(|r| panic!("line {}: {r}", n + 1));
        check_segments(&doc.text, &a);
        assert_eq!(a.title, doc.meta.title);
        assert_eq!(a.outlet, doc.meta.outlet);
        let p = a.published.as_ref().expect("published");
        assert_eq!(p.source, DateSource::Metadata);
        assert_eq!(Some(&p.text), doc.meta.published.as_ref());
        assert!(doc
            .meta
            .published
            .as_deref()
            .is_some_and(|s| s.starts_with(&p.date.to_string())));
        assert!(!a.text.is_empty());
    }
}
