//! Sources and formats in, cleaned [`Article`](sitrep_core::Article)s out.
//!
//! This crate is the first stage of sitrep. It does two jobs, kept apart:
//!
//! 1. **Reading** ([`discover`], [`read_input`]): paths (files, folders walked recursively, `-` for
//!    standard input) become a stream of [`Item`]s: raw documents ([`RawDoc`]) or typed
//!    [`Skip`]s saying which file (and line) could not be read and why. Formats are told by
//!    content as well as by name: gzip by its magic bytes, JSONL (one article per line) by its
//!    extension or a first line that is a JSON object, anything else that is UTF-8 text is one
//!    article per file. Reading streams: a JSONL file of any size is read a line at a time and
//!    no document over [`ReadOptions::max_doc_bytes`] is ever loaded.
//! 2. **Cleaning** ([`clean()`]): a raw scraped page becomes an article: title, publication date
//!    (with how it was found), byline, outlet, language, and the clean body with boilerplate
//!    (repeated titles, datelines, "Read Full Article at ...", "More news" link lists, share
//!    lines) removed. Every piece of the clean text is a verbatim copy of the raw text, and
//!    [`Article::segments`](sitrep_core::Article::segments) records where each piece came from.
//!
//! It is a library: it never prints or exits and installs no logger. Everything wrong with the
//! input is data: a [`Skip`] with a [`SkipReason`] (whose [`SkipReason::code`] is a stable key
//! for summary counts), logged through `tracing`. One bad file or line never stops the rest.
//!
//! Web formats: HTML pages (`.html`, `.htm`, a JSONL record's `html`), WARC files and RSS/Atom
//! feeds are read too ([`html`], [`charset`], and the private `warc` and `feed` modules); their
//! pages go through the main-text extractor ([`html::extract_html`]) instead of the text
//! cleaner. [`eval`] runs the extraction and publication-date benchmarks.
//!
//! Left to others: sentence splitting and everything linguistic (`sitrep-nlp`), duplicates
//! across articles (`sitrep-stories`), storage.

pub mod charset;
mod clean;
mod doc;
pub mod eval;
mod feed;
pub mod html;
mod jsonl;
mod source;
mod warc;

pub use clean::{clean, clean_explained, Cleaned, Removed, RemovedKind};
pub use doc::{Format, Item, RawDoc, RawMeta, Skip, SkipReason};
pub use html::{extract_html, Extracted};
pub use source::{discover, read_input, read_paths, Input, ReadOptions};
