//! sitrep's learning kit: the small amount of machine learning the trained stages share.
//!
//! The tagger, the parser and the entity recogniser are all linear models over sparse,
//! hashed features, trained with the averaged perceptron (Collins 2002). This crate holds the
//! three pieces they have in common:
//!
//! - [`Features`]: a reusable buffer of 64-bit feature hashes, built with [`fx`]-style mixing
//!   from a template number and the template's values (strings or small integers). Hashing
//!   keeps feature extraction allocation-free; at 64 bits collisions are negligible.
//! - [`Perceptron`]: the trainable model, with lazily averaged weights, one row of class
//!   weights per feature.
//! - [`Model`]: the frozen model used at run time. Rows are sparse (only non-zero class
//!   weights), weights are quantised to 16 bits, and the file is gzip-compressed, so models
//!   stay a few MB and load in a fraction of a second.
//!
//! Invariant: a feature hash means the same thing at training and at run time, so extraction
//! code is shared between the two (each model crate has one `features` function used by both).

mod bundle;
pub mod clusters;
mod features;
mod model;
mod perceptron;

pub use bundle::{Bundle, BundleError};
pub use features::{fx, str_id, Features};
pub use model::{Model, ModelError};
pub use perceptron::Perceptron;

/// Loads every value of `it` without branching on any: the loads are independent, so the
/// processor overlaps their cache misses, and the probes of a hash table that follow find the
/// lines cached. (Probing straight away waits for each miss in turn: a branch depends on every
/// load.) The frozen tables of the parser and the recogniser call it before scoring.
#[inline]
pub fn touch(it: impl Iterator<Item = u64>) {
    let mut t = 0u64;
    for v in it {
        t = t.wrapping_add(v);
    }
    std::hint::black_box(t);
}
