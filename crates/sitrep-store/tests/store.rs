//! The store's guarantees: round-trip, idempotent writes, versioned schema, reopening.

use sitrep_core::{
    article_id, AnalysedArticle, Article, DateSource, Event, EventDate, Modality, PloverType,
    Published, Segment, SourceRef, Span,
};
use sitrep_store::{EventFilter, PutOutcome, Store, StoryRow, SCHEMA_VERSION};

/// A real sample article as the store would receive it, with one event on its first sentence.
fn analysed() -> AnalysedArticle {
    let text = sitrep_testkit::sample("002");
    let first_line = text.lines().nth(2).unwrap().to_string();
    let article = Article {
        id: article_id(&first_line),
        url: Some("https://www.rt.com/news/x".into()),
        outlet: Some("RT.com".into()),
        title: Some("Pentagon Denies Zelensky's Request for Missiles, According to WSJ".into()),
        published: Some(Published {
            date: "2024-09-20".parse().unwrap(),
            time: None,
            source: DateSource::Metadata,
            text: "2024-09-20".into(),
        }),
        byline: None,
        language: Some("en".into()),
        text: first_line.clone(),
        segments: vec![Segment {
            clean_start: 0,
            raw_start: 100,
            len: first_line.len(),
        }],
        source: SourceRef {
            path: "sample.jsonl".into(),
            line: Some(3),
            offset: None,
        },
    };
    let sentence = Span::new(0, first_line.len());
    let event = Event {
        id: "ev1".into(),
        article: article.id.clone(),
        kind: PloverType::Reject,
        mode: None,
        source: None,
        target: None,
        objects: vec![],
        location: None,
        date: Some(EventDate {
            value: Some("2024-09-20".into()),
            precision: Some("day".into()),
            span: None,
            text: None,
            from_published: true,
            anchor: None,
            rule: Some("publication date".into()),
            unresolved: None,
        }),
        modality: Modality::Asserted,
        modality_cue: None,
        attribution: None,
        attribution_chain: Vec::new(),
        cameo: None,
        trigger: Span::new(0, 7),
        sentence,
        confidence: 0.8,
    };
    let mut a = AnalysedArticle::bare(article);
    a.sentences = vec![sentence];
    a.events = vec![event];
    a
}

fn story(id: &str) -> StoryRow {
    StoryRow {
        id: id.into(),
        title: "ATACMS".into(),
        first_seen: Some("2024-09-20".into()),
        last_seen: Some("2024-09-20".into()),
        signature: "{}".into(),
        articles: vec![],
    }
}

#[test]
fn round_trip_and_idempotent_put() {
    let mut s = Store::open_in_memory().unwrap();
    let a = analysed();
    assert_eq!(
        s.put_article(&a, Some(&story("s1")), "t").unwrap(),
        PutOutcome::New
    );
    assert_eq!(
        s.put_article(&a, Some(&story("s1")), "t").unwrap(),
        PutOutcome::Duplicate
    );
    assert_eq!(s.counts().unwrap(), (1, 1, 1));
    let rows = s.articles().unwrap();
    assert_eq!(rows[0].article, a.article);
    assert_eq!(rows[0].sentences, a.sentences);
    assert_eq!(rows[0].story.as_deref(), Some("s1"));
    let evs = s.events(&EventFilter::default()).unwrap();
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].event, a.events[0]);
    assert!(evs[0]
        .sentence
        .starts_with("Defense Secretary Lloyd Austin"));
    assert_eq!(s.stories().unwrap()[0].articles, vec![a.article.id.clone()]);
}

#[test]
fn filters_select_events() {
    let mut s = Store::open_in_memory().unwrap();
    s.put_article(&analysed(), None, "t").unwrap();
    let f = |kind: &str, since: &str| EventFilter {
        kind: Some(kind.into()),
        since: Some(since.into()),
        ..Default::default()
    };
    assert_eq!(s.events(&f("reject", "2024-01-01")).unwrap().len(), 1);
    assert_eq!(s.events(&f("REQUEST", "2024-01-01")).unwrap().len(), 0);
    assert_eq!(s.events(&f("REJECT", "2024-10-01")).unwrap().len(), 0);
}

#[test]
fn file_database_is_versioned_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    {
        let mut s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        s.put_article(&analysed(), None, "t").unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert!(s.integrity_ok().unwrap());
    assert_eq!(s.counts().unwrap().0, 1);
}

#[test]
fn newer_schema_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let c = rusqlite_free_open(&path);
        drop(c);
    }
    let err = Store::open(&path).unwrap_err().to_string();
    assert!(err.contains("newer"), "{err}");
    assert!(err.contains("future.db"), "{err}");
}

/// Makes a database whose schema version is ahead of this build, through the store itself.
fn rusqlite_free_open(path: &std::path::Path) -> Store {
    let s = Store::open(path).unwrap();
    s.set_user_version_for_tests(SCHEMA_VERSION + 1).unwrap();
    s
}

/// `tests/fixtures/schema-v1.db` is a database written by the schema-1 build (the three sample
/// articles ingested). Opening it migrates it to the current schema with every row intact and
/// every stored event still readable.
#[test]
fn schema_v1_fixture_migrates_to_current() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.db");
    std::fs::copy(&fixture, &path).unwrap();
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(s.integrity_ok().unwrap());
    assert_eq!(s.counts().unwrap(), (3, 36, 3));
    let events = s.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 36);
    assert!(events.iter().all(|e| !e.sentence.is_empty()));
    let dated = events.iter().filter(|e| e.event.date.is_some()).count();
    assert!(dated > 0 && dated < 36, "{dated}");
    for a in s.articles().unwrap() {
        assert!(s.timexes(&a.article.id).unwrap().is_empty());
    }
    // The migrated database takes new articles.
    assert_eq!(
        s.put_article(&analysed(), None, "t").unwrap(),
        PutOutcome::New
    );
}
