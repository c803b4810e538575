-- sitrep schema version 2: time expressions and their resolved TIMEX3 values.

CREATE TABLE timexes (
    article    TEXT NOT NULL REFERENCES articles(id),
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    type       TEXT NOT NULL,      -- DATE | TIME | DURATION | SET
    value      TEXT,               -- TIMEX3 value, NULL when unresolved
    anchor     TEXT,               -- the date a relative expression was resolved against
    rule       TEXT NOT NULL,
    unresolved TEXT,               -- why there is no value
    PRIMARY KEY (article, start, end)
);
CREATE INDEX timexes_value ON timexes(value);
