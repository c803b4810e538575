-- sitrep schema version 3: what story clustering needs to rebuild its index at the start of a
-- run (one JSON document per article, in ingest order). The stories.signature column of
-- version 1 is no longer written (kept empty).

CREATE TABLE article_features (
    article  TEXT PRIMARY KEY REFERENCES articles(id),
    features TEXT NOT NULL
);
