//! The run-time form of a frozen model: dense rows of tag scores behind one flat hash table.
//!
//! [`sitrep_learn::Model`] keeps rows sparse (class, weight pairs) behind a table of keys and
//! a table of row numbers, which costs several cache misses per feature. The recogniser looks
//! up some 50 features per token and pass, so at run time the model is unpacked into this
//! form: each slot holds its key and row number together, and each row is the full
//! `N_TAGS` scores, so a lookup touches two cache lines. On disk the model stays in
//! `Model`'s compact format.

use crate::merge::parse;
use crate::tags::N_TAGS;
use sitrep_learn::{touch, Model, ModelError};

/// A frozen model unpacked for fast scoring (see the module docs).
#[derive(Debug, Clone)]
pub struct Dense {
    mask: usize,
    /// `(key, row + 1)`; row 0 marks an empty slot.
    slots: Vec<(u64, u32)>,
    rows: Vec<[f32; N_TAGS]>,
}

impl Dense {
    /// Unpacks a model whose labels are the tag set.
    pub fn new(model: &Model) -> Result<Dense, ModelError> {
        let p = parse(&model.to_bytes())?;
        if p.labels.len() != N_TAGS {
            return Err(ModelError::Corrupt("unexpected tag set"));
        }
        let cap = (p.rows.len() * 2).next_power_of_two().max(16);
        let mut d = Dense {
            mask: cap - 1,
            slots: vec![(0, 0); cap],
            rows: Vec::with_capacity(p.rows.len()),
        };
        for (key, entries) in p.rows {
            let mut row = [0f32; N_TAGS];
            for (c, w) in entries {
                if let Some(x) = row.get_mut(c as usize) {
                    *x = w;
                }
            }
            d.rows.push(row);
            let r = d.rows.len() as u32;
            let mut i = key as usize & d.mask;
            while d.slots[i].1 != 0 {
                i = (i + 1) & d.mask;
            }
            d.slots[i] = (key, r);
        }
        Ok(d)
    }

    /// Adds the rows of `keys` to `out`.
    ///
    /// Scoring is bound by memory latency, so it goes in three sweeps: the slots of every key
    /// are loaded without branching on any (independent loads, whose cache misses the
    /// processor overlaps), then probed for their row numbers, then the rows are loaded the
    /// same way and added. Probing straight away would wait for each miss in turn.
    #[inline]
    pub fn scores(&self, keys: &[u64], out: &mut [f32; N_TAGS]) {
        touch(keys.iter().map(|&k| self.slots[k as usize & self.mask].0));
        let mut rows = [0u32; 64];
        for chunk in keys.chunks(rows.len()) {
            let mut n = 0;
            for &k in chunk {
                let mut i = k as usize & self.mask;
                loop {
                    let (sk, r) = self.slots[i];
                    if r == 0 {
                        break;
                    }
                    if sk == k {
                        rows[n] = r - 1;
                        n += 1;
                        break;
                    }
                    i = (i + 1) & self.mask;
                }
            }
            let found = &rows[..n];
            touch(
                found
                    .iter()
                    .map(|&r| self.rows[r as usize][0].to_bits() as u64),
            );
            for &r in found {
                for (o, w) in out.iter_mut().zip(&self.rows[r as usize]) {
                    *o += *w;
                }
            }
        }
    }
}
