-- sitrep schema version 1.
-- Articles are keyed by the hash of their normalised clean text: inserting one twice is a no-op.

CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    url           TEXT,
    outlet        TEXT,
    title         TEXT,
    published     TEXT,            -- YYYY-MM-DD
    published_time TEXT,           -- HH:MM:SS or NULL
    published_how TEXT,            -- metadata | dateline | url
    published_text TEXT,           -- the words the date was read from
    byline        TEXT,
    language      TEXT,
    text          TEXT NOT NULL,   -- clean text: every span indexes this
    segments      TEXT NOT NULL,   -- JSON [[clean_start, raw_start, len], ...]
    source_path   TEXT NOT NULL,
    source_line   INTEGER,
    source_offset INTEGER,
    duplicate_of  TEXT REFERENCES articles(id),
    story         TEXT,
    sentences     TEXT NOT NULL,   -- JSON [[start, end], ...]
    ingested_at   TEXT NOT NULL
);
CREATE INDEX articles_story ON articles(story);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE entities (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    type     TEXT NOT NULL,
    country  TEXT,
    sector   TEXT,
    aliases  TEXT NOT NULL          -- JSON list
);

CREATE TABLE mentions (
    article  TEXT NOT NULL REFERENCES articles(id),
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    type     TEXT NOT NULL,
    entity   TEXT,
    PRIMARY KEY (article, start, end)
);
CREATE INDEX mentions_entity ON mentions(entity);

CREATE TABLE events (
    id          TEXT PRIMARY KEY,
    article     TEXT NOT NULL REFERENCES articles(id),
    type        TEXT NOT NULL,
    modality    TEXT NOT NULL,
    source_name TEXT,
    source_entity TEXT,
    target_name TEXT,
    target_entity TEXT,
    date        TEXT,
    confidence  REAL NOT NULL,
    data        TEXT NOT NULL      -- JSON of the whole event (format pinned by schema version)
);
CREATE INDEX events_article ON events(article);
CREATE INDEX events_type ON events(type);

CREATE TABLE stories (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    first_seen TEXT,
    last_seen  TEXT,
    signature  TEXT NOT NULL       -- JSON: the terms the clustering compares
);

CREATE TABLE diagnostics (
    article  TEXT NOT NULL REFERENCES articles(id),
    stage    TEXT NOT NULL,
    message  TEXT NOT NULL
);
