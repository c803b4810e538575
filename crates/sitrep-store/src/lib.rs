//! Storage for sitrep: everything the pipeline learns, in one SQLite file.
//!
//! [`Store`] is the API the pipeline, the CLI and (later) the server use; this crate is the only
//! one that knows SQL. The default back-end is a single SQLite file in WAL mode; a PostgreSQL
//! back-end will implement the same operations later.
//!
//! Guarantees:
//! * **Idempotent writes.** Articles are keyed by their content hash; [`Store::put_article`]
//!   of an article already stored changes nothing and reports it as a duplicate.
//! * **Crash safety.** Each article is written with its layers (mentions, entities, events) in
//!   one transaction, so a killed process leaves every article either whole or absent.
//! * **Versioned schema.** `PRAGMA user_version` records the schema version; [`Store::open`]
//!   applies the missing migrations from `sqlite/migrations/` in order, in a transaction.
//!
//! The event layer is stored both as columns (for filtering) and as a JSON document of the core
//! [`sitrep_core::Event`]; the JSON's shape is pinned by the schema version.

mod sqlite;

pub use sqlite::{
    ArticleRow, EventFilter, Placement, PutOutcome, Store, StoreError, StoredEvent,
    StoredPlacement, StoryRow, SCHEMA_VERSION,
};
