//! The SQLite back-end: one file, WAL mode, migrations by `PRAGMA user_version`.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sitrep_core::{
    AnalysedArticle, Article, DateSource, Entity, EntityType, Event, Mention, Published, Sector,
    Segment, SourceRef, Span, Timex, TimexType,
};
use std::collections::HashMap;
use std::path::Path;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = 4;

/// Migrations in order: migration `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_timexes.sql"),
    include_str!("migrations/003_story_features.sql"),
    include_str!("migrations/004_entity_evidence.sql"),
];

/// What can go wrong talking to the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("cannot open database {path}: {source}")]
    Open {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "database {path} has schema version {found}, newer than this sitrep supports ({supported}): upgrade sitrep"
    )]
    TooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("stored {what} is unreadable: {message}")]
    Corrupt { what: String, message: String },
}

type Result<T> = std::result::Result<T, StoreError>;

/// Whether [`Store::put_article`] stored something new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    New,
    /// An article with the same id (the same normalised text) was already stored.
    Duplicate,
}

/// An article as stored, with what the store adds to it.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRow {
    pub article: Article,
    pub sentences: Vec<Span>,
    pub story: Option<String>,
    pub duplicate_of: Option<String>,
    pub ingested_at: String,
}

/// Where an article goes: its story, the earlier article it is a near-duplicate of, and the
/// story clustering's features of it (opaque JSON to the store).
#[derive(Debug, Clone, Copy, Default)]
pub struct Placement<'a> {
    pub story: Option<&'a StoryRow>,
    pub duplicate_of: Option<&'a str>,
    pub features: Option<&'a str>,
}

/// What [`Store::story_features`] returns for one article: its clustering features (JSON), the
/// story it was placed in and the article it copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPlacement {
    pub features: String,
    pub story: Option<String>,
    pub duplicate_of: Option<String>,
}

/// A story as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryRow {
    pub id: String,
    pub title: String,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// Opaque to the store: the clustering's JSON summary of the story.
    pub signature: String,
    pub articles: Vec<String>,
}

/// An event with the facts about its article that views need.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    pub event: Event,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub story: Option<String>,
    pub duplicate_of: Option<String>,
    pub article_title: Option<String>,
    /// The text of `event.sentence`.
    pub sentence: String,
}

/// Which events to list. Empty fields match everything.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// PLOVER type, e.g. `REQUEST`.
    pub kind: Option<String>,
    /// Case-insensitive substring of the source's or target's name or text.
    pub actor: Option<String>,
    /// `YYYY-MM-DD`: events dated (or published) on or after it.
    pub since: Option<String>,
    pub min_confidence: Option<f32>,
    pub story: Option<String>,
}

/// A sitrep database.
pub struct Store {
    conn: Connection,
    path: String,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database file at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: shown.clone(),
            source,
        })?;
        Store::init(conn, shown)
    }

    /// A private database in memory (tests, dry runs).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        Store::init(conn, ":memory:".into())
    }

    fn init(conn: Connection, path: String) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // WAL: readers never block the writer; a crash loses at most the open transaction.
        let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")
            .map_err(|source| StoreError::Open {
                path: path.clone(),
                source,
            })?;
        let mut store = Store { conn, path };
        store.migrate()?;
        Ok(store)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn migrate(&mut self) -> Result<()> {
        let found = self.schema_version()?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
            tracing::info!(path = %self.path, version = i + 1, "migrated database");
        }
        Ok(())
    }

    /// Sets the schema version; only for tests of the migration guard.
    #[doc(hidden)]
    pub fn set_user_version_for_tests(&self, v: i64) -> Result<()> {
        self.conn.pragma_update(None, "user_version", v)?;
        Ok(())
    }

    /// Where the database lives.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether an article with this id is stored.
    pub fn has_article(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Stores an analysed article with all its layers and its story membership, in one
    /// transaction. An article already stored is left as it is.
    pub fn put_article(
        &mut self,
        a: &AnalysedArticle,
        story: Option<&StoryRow>,
        ingested_at: &str,
    ) -> Result<PutOutcome> {
        self.put_article_with(
            a,
            &Placement {
                story,
                ..Placement::default()
            },
            ingested_at,
        )
    }

    /// [`Store::put_article`] with where the article was placed: its story, the article it
    /// copies (near-duplicate) and the clustering features to rebuild the index from.
    pub fn put_article_with(
        &mut self,
        a: &AnalysedArticle,
        place: &Placement<'_>,
        ingested_at: &str,
    ) -> Result<PutOutcome> {
        let tx = self.conn.transaction()?;
        let outcome = put_article_tx(&tx, a, place, ingested_at)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Every story with its member articles, newest activity first.
    pub fn stories(&self) -> Result<Vec<StoryRow>> {
        let mut members: HashMap<String, Vec<String>> = HashMap::new();
        let mut st = self.conn.prepare(
            "SELECT story, id FROM articles WHERE story IS NOT NULL ORDER BY published, id",
        )?;
        for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (s, a) = row?;
            members.entry(s).or_default().push(a);
        }
        let mut st = self.conn.prepare(
            "SELECT id, title, first_seen, last_seen, signature FROM stories
             ORDER BY last_seen DESC, id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(StoryRow {
                id: r.get(0)?,
                title: r.get(1)?,
                first_seen: r.get(2)?,
                last_seen: r.get(3)?,
                signature: r.get(4)?,
                articles: Vec::new(),
            })
        })?;
        let mut out = Vec::new();
        for row in rows {
            let mut s = row?;
            s.articles = members.remove(&s.id).unwrap_or_default();
            out.push(s);
        }
        Ok(out)
    }

    /// Every stored article, oldest publication first (undated ones last).
    pub fn articles(&self) -> Result<Vec<ArticleRow>> {
        self.query_articles("ORDER BY published IS NULL, published, ingested_at, id", [])
    }

    /// One stored article.
    pub fn article(&self, id: &str) -> Result<Option<ArticleRow>> {
        Ok(self.query_articles("WHERE id = ?1", [id])?.pop())
    }

    fn query_articles<P: rusqlite::Params>(&self, tail: &str, p: P) -> Result<Vec<ArticleRow>> {
        let sql = format!(
            "SELECT id, url, outlet, title, published, published_time, published_how,
                    published_text, byline, language, text, segments, source_path, source_line,
                    source_offset, duplicate_of, story, sentences, ingested_at
             FROM articles {tail}"
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(p, |r| {
            Ok((
                RawArticle {
                    id: r.get(0)?,
                    url: r.get(1)?,
                    outlet: r.get(2)?,
                    title: r.get(3)?,
                    published: r.get(4)?,
                    published_time: r.get(5)?,
                    published_how: r.get(6)?,
                    published_text: r.get(7)?,
                    byline: r.get(8)?,
                    language: r.get(9)?,
                    text: r.get(10)?,
                    segments: r.get(11)?,
                    source_path: r.get(12)?,
                    source_line: r.get(13)?,
                    source_offset: r.get(14)?,
                },
                r.get::<_, Option<String>>(15)?,
                r.get::<_, Option<String>>(16)?,
                r.get::<_, String>(17)?,
                r.get::<_, String>(18)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (raw, duplicate_of, story, sentences, ingested_at) = row?;
            let sentences: Vec<(usize, usize)> = json(&sentences, "article sentences")?;
            out.push(ArticleRow {
                article: raw.into_article()?,
                sentences: sentences
                    .into_iter()
                    .map(|(s, e)| Span::new(s, e))
                    .collect(),
                story,
                duplicate_of,
                ingested_at,
            });
        }
        Ok(out)
    }

    /// Events matching `filter`, ordered by date then article and position.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>> {
        let mut sql = String::from(
            "SELECT e.data, a.outlet, a.url, a.published, a.story, a.duplicate_of, a.title, a.id
             FROM events e JOIN articles a ON a.id = e.article WHERE 1=1",
        );
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        if let Some(k) = &filter.kind {
            args.push(Box::new(k.to_uppercase()));
            sql.push_str(&format!(" AND e.type = ?{}", args.len()));
        }
        if let Some(a) = &filter.actor {
            args.push(Box::new(format!("%{}%", a.to_lowercase())));
            let n = args.len();
            sql.push_str(&format!(
                " AND (lower(coalesce(e.source_name,'')) LIKE ?{n}
                   OR lower(coalesce(e.target_name,'')) LIKE ?{n}
                   OR lower(json_extract(e.data, '$.source.text')) LIKE ?{n}
                   OR lower(json_extract(e.data, '$.target.text')) LIKE ?{n})"
            ));
        }
        if let Some(s) = &filter.since {
            args.push(Box::new(s.clone()));
            sql.push_str(&format!(
                " AND coalesce(e.date, a.published) >= ?{}",
                args.len()
            ));
        }
        if let Some(c) = filter.min_confidence {
            args.push(Box::new(c as f64));
            sql.push_str(&format!(" AND e.confidence >= ?{}", args.len()));
        }
        if let Some(s) = &filter.story {
            args.push(Box::new(s.clone()));
            sql.push_str(&format!(" AND a.story = ?{}", args.len()));
        }
        sql.push_str(
            " ORDER BY coalesce(e.date, a.published) IS NULL, coalesce(e.date, a.published),
              a.id, json_extract(e.data, '$.trigger.start')",
        );
        let mut st = self.conn.prepare(&sql)?;
        let params: Vec<&dyn rusqlite::ToSql> = args.iter().map(|b| b.as_ref()).collect();
        let rows = st.query_map(params.as_slice(), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?;
        let mut texts: HashMap<String, String> = HashMap::new();
        let mut out = Vec::new();
        for row in rows {
            let (data, outlet, url, published, story, duplicate_of, title, article) = row?;
            let event: Event = json(&data, "event")?;
            if !texts.contains_key(&article) {
                let text: String = self.conn.query_row(
                    "SELECT text FROM articles WHERE id = ?1",
                    [&article],
                    |r| r.get(0),
                )?;
                texts.insert(article.clone(), text);
            }
            let sentence = event.sentence.slice(&texts[&article]).to_string();
            out.push(StoredEvent {
                event,
                outlet,
                url,
                published,
                story,
                duplicate_of,
                article_title: title,
                sentence,
            });
        }
        Ok(out)
    }

    /// Every entity that some stored mention links to, with its mention and article counts,
    /// most mentioned first.
    pub fn entities(&self) -> Result<Vec<(Entity, u64, u64)>> {
        let mut st = self.conn.prepare(
            "SELECT en.id, en.name, en.type, en.country, en.sector, en.aliases,
                    count(m.entity), count(DISTINCT m.article), en.evidence
             FROM entities en LEFT JOIN mentions m ON m.entity = en.id
             GROUP BY en.id ORDER BY count(m.entity) DESC, en.name",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, u64>(6)?,
                r.get::<_, u64>(7)?,
                r.get::<_, String>(8)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name, kind, country, sector, aliases, mentions, articles, evidence) = row?;
            let entity = Entity {
                id,
                name,
                kind: kind.parse::<EntityType>().map_err(corrupt("entity type"))?,
                aliases: json(&aliases, "entity aliases")?,
                country,
                sector: sector
                    .map(|s| s.parse::<Sector>())
                    .transpose()
                    .map_err(corrupt("entity sector"))?,
                evidence: json(&evidence, "entity evidence")?,
            };
            out.push((entity, mentions, articles));
        }
        Ok(out)
    }

    /// Every stored article's clustering features with its story and near-duplicate link, in
    /// ingest order, for rebuilding the clustering index. Articles stored before schema 3 have
    /// no features and are left out.
    pub fn story_features(&self) -> Result<Vec<StoredPlacement>> {
        let mut st = self.conn.prepare(
            "SELECT f.features, a.story, a.duplicate_of FROM articles a
             JOIN article_features f ON f.article = a.id ORDER BY a.rowid",
        )?;
        let rows = st.query_map([], |r| {
            Ok(StoredPlacement {
                features: r.get(0)?,
                story: r.get(1)?,
                duplicate_of: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Every stored mention of one entity: article id and span, in ingest and text order.
    pub fn entity_mentions(&self, entity: &str) -> Result<Vec<(String, Span)>> {
        let mut st = self.conn.prepare(
            "SELECT m.article, m.start, m.end FROM mentions m JOIN articles a ON a.id = m.article
             WHERE m.entity = ?1 ORDER BY a.rowid, m.start",
        )?;
        let rows = st.query_map([entity], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Span::new(r.get::<_, i64>(1)? as usize, r.get::<_, i64>(2)? as usize),
            ))
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// The mentions of one article, in text order.
    pub fn mentions(&self, article: &str) -> Result<Vec<Mention>> {
        let mut st = self.conn.prepare(
            "SELECT start, end, type, entity FROM mentions WHERE article = ?1 ORDER BY start",
        )?;
        let rows = st.query_map([article], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (start, end, kind, entity) = row?;
            out.push(Mention {
                span: Span::new(start as usize, end as usize),
                kind: kind
                    .parse::<EntityType>()
                    .map_err(corrupt("mention type"))?,
                entity,
            });
        }
        Ok(out)
    }

    /// The time expressions of one article, in text order.
    pub fn timexes(&self, article: &str) -> Result<Vec<Timex>> {
        let mut st = self.conn.prepare(
            "SELECT start, end, type, value, anchor, rule, unresolved FROM timexes
             WHERE article = ?1 ORDER BY start",
        )?;
        let rows = st.query_map([article], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (start, end, kind, value, anchor, rule, unresolved) = row?;
            out.push(Timex {
                span: Span::new(start as usize, end as usize),
                kind: kind.parse::<TimexType>().map_err(corrupt("timex type"))?,
                value,
                anchor,
                rule,
                unresolved,
            });
        }
        Ok(out)
    }

    /// Numbers of stored articles, events and stories.
    pub fn counts(&self) -> Result<(u64, u64, u64)> {
        let n = |t: &str| -> Result<u64> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?)
        };
        Ok((n("articles")?, n("events")?, n("stories")?))
    }

    /// Runs SQLite's own consistency check; `Ok(true)` when the file is sound.
    pub fn integrity_ok(&self) -> Result<bool> {
        let s: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(s == "ok")
    }
}

fn corrupt<E: std::fmt::Display>(what: &'static str) -> impl Fn(E) -> StoreError {
    move |e| StoreError::Corrupt {
        what: what.to_string(),
        message: e.to_string(),
    }
}

fn json<T: serde::de::DeserializeOwned>(s: &str, what: &'static str) -> Result<T> {
    serde_json::from_str(s).map_err(corrupt(what))
}

fn to_json<T: serde::Serialize>(v: &T) -> String {
    // Serialising our own plain data types cannot fail.
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

fn put_article_tx(
    tx: &Transaction<'_>,
    a: &AnalysedArticle,
    place: &Placement<'_>,
    ingested_at: &str,
) -> Result<PutOutcome> {
    let story = place.story;
    let art = &a.article;
    let segments: Vec<(usize, usize, usize)> = art
        .segments
        .iter()
        .map(|s| (s.clean_start, s.raw_start, s.len))
        .collect();
    let sentences: Vec<(usize, usize)> = a.sentences.iter().map(|s| (s.start, s.end)).collect();
    let inserted = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO articles (id, url, outlet, title, published, published_time,
            published_how, published_text, byline, language, text, segments, source_path,
            source_line, source_offset, duplicate_of, story, sentences, ingested_at)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?19,?16,?17,?18)",
        )?
        .execute(params![
            art.id,
            art.url,
            art.outlet,
            art.title,
            art.published.as_ref().map(|p| p.date.to_string()),
            art.published
                .as_ref()
                .and_then(|p| p.time.map(|t| t.format("%H:%M:%S").to_string())),
            art.published.as_ref().map(|p| p.source.as_str()),
            art.published.as_ref().map(|p| p.text.clone()),
            art.byline,
            art.language,
            art.text,
            to_json(&segments),
            art.source.path,
            art.source.line.map(|l| l as i64),
            art.source.offset.map(|o| o as i64),
            story.map(|s| s.id.clone()),
            to_json(&sentences),
            ingested_at,
            place.duplicate_of,
        ])?;
    if inserted == 0 {
        return Ok(PutOutcome::Duplicate);
    }
    if let Some(f) = place.features {
        tx.prepare_cached(
            "INSERT OR REPLACE INTO article_features (article, features) VALUES (?1, ?2)",
        )?
        .execute(params![art.id, f])?;
    }
    for e in &a.entities {
        tx.prepare_cached(
            "INSERT INTO entities (id, name, type, country, sector, aliases, evidence)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(id) DO UPDATE SET
                country = coalesce(entities.country, excluded.country),
                sector = coalesce(entities.sector, excluded.sector),
                evidence = CASE WHEN entities.evidence = '[]' THEN excluded.evidence
                                ELSE entities.evidence END",
        )?
        .execute(params![
            e.id,
            e.name,
            e.kind.as_str(),
            e.country,
            e.sector.map(|s| s.as_str()),
            to_json(&e.aliases),
            to_json(&e.evidence)
        ])?;
    }
    for m in &a.mentions {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO mentions (article, start, end, type, entity)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            art.id,
            m.span.start as i64,
            m.span.end as i64,
            m.kind.as_str(),
            m.entity
        ])?;
    }
    for ev in &a.events {
        tx.prepare_cached(
            "INSERT OR REPLACE INTO events (id, article, type, modality, source_name,
                source_entity, target_name, target_entity, date, confidence, data)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
        )?
        .execute(params![
            ev.id,
            art.id,
            ev.kind.as_str(),
            ev.modality.as_str(),
            ev.source.as_ref().map(|s| s.name.clone()),
            ev.source.as_ref().and_then(|s| s.entity.clone()),
            ev.target.as_ref().map(|s| s.name.clone()),
            ev.target.as_ref().and_then(|s| s.entity.clone()),
            ev.date.as_ref().and_then(|d| d.value.clone()),
            ev.confidence as f64,
            to_json(ev),
        ])?;
    }
    for t in &a.timexes {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO timexes (article, start, end, type, value, anchor, rule,
                unresolved) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            art.id,
            t.span.start as i64,
            t.span.end as i64,
            t.kind.as_str(),
            t.value,
            t.anchor,
            t.rule,
            t.unresolved
        ])?;
    }
    for d in &a.diagnostics {
        tx.prepare_cached("INSERT INTO diagnostics (article, stage, message) VALUES (?1, ?2, ?3)")?
            .execute(params![art.id, d.stage, d.message])?;
    }
    if let Some(s) = story {
        tx.prepare_cached(
            "INSERT INTO stories (id, title, first_seen, last_seen, signature)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(id) DO UPDATE SET
                first_seen = CASE WHEN excluded.first_seen IS NOT NULL
                    AND (stories.first_seen IS NULL OR excluded.first_seen < stories.first_seen)
                    THEN excluded.first_seen ELSE stories.first_seen END,
                last_seen = CASE WHEN excluded.last_seen IS NOT NULL
                    AND (stories.last_seen IS NULL OR excluded.last_seen > stories.last_seen)
                    THEN excluded.last_seen ELSE stories.last_seen END,
                signature = excluded.signature",
        )?
        .execute(params![
            s.id,
            s.title,
            s.first_seen,
            s.last_seen,
            s.signature
        ])?;
    }
    Ok(PutOutcome::New)
}

/// An `articles` row before its JSON columns are decoded.
struct RawArticle {
    id: String,
    url: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
    published: Option<String>,
    published_time: Option<String>,
    published_how: Option<String>,
    published_text: Option<String>,
    byline: Option<String>,
    language: Option<String>,
    text: String,
    segments: String,
    source_path: String,
    source_line: Option<i64>,
    source_offset: Option<i64>,
}

impl RawArticle {
    fn into_article(self) -> Result<Article> {
        let segments: Vec<(usize, usize, usize)> = json(&self.segments, "article segments")?;
        let published = match self.published {
            None => None,
            Some(d) => Some(Published {
                date: d.parse().map_err(corrupt("publication date"))?,
                time: self
                    .published_time
                    .map(|t| t.parse())
                    .transpose()
                    .map_err(corrupt("publication time"))?,
                source: self
                    .published_how
                    .as_deref()
                    .and_then(DateSource::parse)
                    .unwrap_or(DateSource::Metadata),
                text: self.published_text.unwrap_or_default(),
            }),
        };
        Ok(Article {
            id: self.id,
            url: self.url,
            outlet: self.outlet,
            title: self.title,
            published,
            byline: self.byline,
            language: self.language,
            text: self.text,
            segments: segments
                .into_iter()
                .map(|(c, r, l)| Segment {
                    clean_start: c,
                    raw_start: r,
                    len: l,
                })
                .collect(),
            source: SourceRef {
                path: self.source_path,
                line: self.source_line.map(|l| l as u64),
                offset: self.source_offset.map(|o| o as u64),
            },
        })
    }
}
