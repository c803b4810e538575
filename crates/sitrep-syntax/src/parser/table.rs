//! Frozen weight tables laid out for parsing speed.
//!
//! Scoring is nearly all of a parse's time, and it is bound by memory latency: each feature
//! key is a random probe into a table of millions of rows. [`sitrep_learn::Model`] keeps the
//! probe slot, the row index, the row bounds and the weights in separate arrays (four or five
//! cache misses per key); these tables need one or two:
//!
//! - [`InlineTable`]: for the three transitions (and the two-class punctuation ranker). An
//!   8-byte slot holds a fingerprint of the key and the row's weights as two 16-bit
//!   differences, so a probe reads one cache line.
//! - [`SparseTable`]: for the relation labels. A 16-byte slot holds the key and where its
//!   non-zero `(class, weight)` pairs start; the pairs are packed together.
//!
//! Both are built from one or more trained (averaged, frozen) [`sitrep_learn::Model`]s and
//! the keys they were trained with (the weights of several are summed: an ensemble of linear
//! models over the same features is one linear model), and serialised in their own simple
//! format inside the parser's bundle. Weights are quantised to 16 bits with one scale per table, as the learning kit
//! does on disk; scores are summed in integers.

use sitrep_learn::{touch, Model, ModelError};

const INLINE_MAGIC: &[u8; 8] = b"SPINLN02";
const SPARSE_MAGIC: &[u8; 8] = b"SPSPRS01";

/// Slot index from a key: the high bits (the feature hash mixes them best).
#[inline]
fn home(key: u64, bits: u32) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
}

/// Table size (bits) for `n` keys: load at most about 0.6.
fn size_bits(n: usize) -> u32 {
    let want = (n * 5 / 3).max(16);
    want.next_power_of_two().trailing_zeros()
}

fn quantiser(max: f32) -> f32 {
    if max > 0.0 {
        max / i16::MAX as f32
    } else {
        1.0
    }
}

/// Reads averaged weights of `keys` out of frozen models, summed over the models (an
/// ensemble of linear models over the same features is one linear model); rows all of them
/// dropped are skipped. Every model must have the same classes.
fn rows_of(models: &[(&Model, &[u64])]) -> Vec<(u64, Vec<f32>)> {
    let n = models.first().map_or(0, |m| m.0.n_classes());
    let mut out = Vec::new();
    let mut buf = vec![0f32; n];
    let mut keys: Vec<u64> = models.iter().flat_map(|m| m.1.iter().copied()).collect();
    keys.sort_unstable();
    keys.dedup();
    for k in keys {
        if k == 0 {
            continue; // 0 marks empty slots
        }
        buf.iter_mut().for_each(|b| *b = 0.0);
        for (model, _) in models {
            model.scores(&[k], &mut buf);
        }
        if buf.iter().any(|w| *w != 0.0) {
            out.push((k, buf.clone()));
        }
    }
    out
}

/// The table for three classes (or two). Only differences between classes matter for
/// choosing one, so each row keeps `w[1] - w[0]` and `w[2] - w[0]`: with a 32-bit fingerprint
/// of the key, a slot is 8 bytes, eight to a cache line.
#[derive(Debug, Clone)]
pub struct InlineTable {
    bits: u32,
    scale: f32,
    slots: Vec<Slot3>,
    /// The rows with their full keys, for serialising.
    rows: Vec<(u64, [i16; 2])>,
}

#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(8))]
struct Slot3 {
    /// [`fingerprint`] of the key; 0 marks an empty slot.
    fp: u32,
    d: [i16; 2],
}

/// The key bits a slot keeps (the slot index comes from the other end of the key's mix).
#[inline]
fn fingerprint(key: u64) -> u32 {
    (key as u32).max(1)
}

impl InlineTable {
    #[cfg(test)]
    pub fn from_model(model: &Model, keys: &[u64]) -> Result<InlineTable, ModelError> {
        Self::from_models(&[(model, keys)])
    }

    /// The table of several models' summed weights (see [`InlineTable::from_model`]).
    pub fn from_models(models: &[(&Model, &[u64])]) -> Result<InlineTable, ModelError> {
        let n = models.first().map_or(0, |m| m.0.n_classes());
        if models.iter().any(|m| m.0.n_classes() != n) {
            return Err(ModelError::Corrupt("ensemble members disagree on classes"));
        }
        let three = match n {
            2 => false,
            3 => true,
            _ => {
                return Err(ModelError::Corrupt(
                    "inline table wants two or three classes",
                ))
            }
        };
        let rows: Vec<(u64, [f32; 2])> = rows_of(models)
            .into_iter()
            .map(|(k, w)| (k, [w[1] - w[0], if three { w[2] - w[0] } else { 0.0 }]))
            .collect();
        let max = rows
            .iter()
            .flat_map(|r| r.1)
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = quantiser(max);
        let rows: Vec<(u64, [i16; 2])> = rows
            .into_iter()
            .map(|(k, d)| {
                (
                    k,
                    d.map(|x| (x / scale).round().clamp(-32767.0, 32767.0) as i16),
                )
            })
            .filter(|(_, d)| d.iter().any(|x| *x != 0))
            .collect();
        Ok(Self::build(scale, rows))
    }

    /// `rows` sorted by key, without duplicates.
    fn build(scale: f32, rows: Vec<(u64, [i16; 2])>) -> InlineTable {
        let bits = size_bits(rows.len());
        let mask = (1usize << bits) - 1;
        let mut slots = vec![Slot3::default(); 1 << bits];
        let mut kept = Vec::with_capacity(rows.len());
        for (key, d) in rows {
            let mut i = home(key, bits);
            let fp = fingerprint(key);
            // A key whose fingerprint another key in its probe run already has would never
            // be found; such clashes are a few in a billion, and the row is left out.
            let mut clash = false;
            while slots[i].fp != 0 {
                clash |= slots[i].fp == fp;
                i = (i + 1) & mask;
            }
            if !clash {
                slots[i] = Slot3 { fp, d };
                kept.push((key, d));
            }
        }
        InlineTable {
            bits,
            scale,
            slots,
            rows: kept,
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// The classes' scores for `keys`, up to a constant shared by the three.
    #[inline]
    pub fn scores(&self, keys: &[u64]) -> [f32; 3] {
        let mask = (1usize << self.bits) - 1;
        touch(
            keys.iter()
                .map(|&k| self.slots[home(k, self.bits)].fp as u64),
        );
        let mut acc = [0i32; 2];
        for &k in keys {
            let mut i = home(k, self.bits);
            let fp = fingerprint(k);
            loop {
                let s = &self.slots[i];
                if s.fp == fp {
                    acc[0] += s.d[0] as i32;
                    acc[1] += s.d[1] as i32;
                    break;
                }
                if s.fp == 0 {
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        [0.0, acc[0] as f32 * self.scale, acc[1] as f32 * self.scale]
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(20 + self.rows.len() * 12);
        out.extend_from_slice(INLINE_MAGIC);
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.rows.len() as u64).to_le_bytes());
        for (key, d) in &self.rows {
            out.extend_from_slice(&key.to_le_bytes());
            for w in d {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<InlineTable, ModelError> {
        let mut r = Reader(b);
        if r.take(8)? != INLINE_MAGIC {
            return Err(ModelError::Magic);
        }
        let scale = r.f32()?;
        let n = r.count(true, 12)?;
        let mut rows = Vec::with_capacity(n);
        for _ in 0..n {
            let key = r.u64()?;
            rows.push((key, [r.i16()?, r.i16()?]));
        }
        rows.sort_unstable_by_key(|r| r.0);
        rows.dedup_by_key(|r| r.0);
        Ok(Self::build(scale, rows))
    }
}

/// The many-class table: a slot per key, pointing at its packed `(class, weight)` pairs.
#[derive(Debug, Clone)]
pub struct SparseTable {
    bits: u32,
    scale: f32,
    n_classes: usize,
    labels: Vec<String>,
    slots: Vec<SlotN>,
    /// Class in the high 16 bits, weight (i16) in the low 16.
    entries: Vec<u32>,
}

#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(16))]
struct SlotN {
    key: u64,
    start: u32,
    len: u32,
}

impl SparseTable {
    #[cfg(test)]
    pub fn from_model(model: &Model, keys: &[u64]) -> Result<SparseTable, ModelError> {
        Self::from_models(&[(model, keys)])
    }

    /// The table of several models' summed weights (see [`SparseTable::from_model`]).
    pub fn from_models(models: &[(&Model, &[u64])]) -> Result<SparseTable, ModelError> {
        let Some(model) = models.first().map(|m| m.0) else {
            return Err(ModelError::Corrupt("no model"));
        };
        if models.iter().any(|m| m.0.labels() != model.labels()) {
            return Err(ModelError::Corrupt("ensemble members disagree on labels"));
        }
        let rows = rows_of(models);
        let max = rows
            .iter()
            .flat_map(|r| r.1.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = quantiser(max);
        let rows: Vec<(u64, Vec<(u16, i16)>)> = rows
            .into_iter()
            .map(|(k, w)| {
                let e = w
                    .iter()
                    .enumerate()
                    .map(|(c, x)| {
                        (
                            c as u16,
                            (x / scale).round().clamp(-32767.0, 32767.0) as i16,
                        )
                    })
                    .filter(|e| e.1 != 0)
                    .collect::<Vec<_>>();
                (k, e)
            })
            .filter(|r| !r.1.is_empty())
            .collect();
        Self::build(model.labels().to_vec(), scale, rows)
    }

    fn build(
        labels: Vec<String>,
        scale: f32,
        rows: Vec<(u64, Vec<(u16, i16)>)>,
    ) -> Result<SparseTable, ModelError> {
        let n_classes = labels.len();
        if n_classes == 0 || n_classes > u16::MAX as usize {
            return Err(ModelError::Corrupt("label count"));
        }
        let bits = size_bits(rows.len());
        let mask = (1usize << bits) - 1;
        let mut slots = vec![SlotN::default(); 1 << bits];
        let mut entries = Vec::new();
        for (key, es) in rows {
            let start = entries.len() as u32;
            for (c, w) in es {
                if c as usize >= n_classes {
                    return Err(ModelError::Corrupt("class number"));
                }
                entries.push((c as u32) << 16 | (w as u16 as u32));
            }
            let len = entries.len() as u32 - start;
            let mut i = home(key, bits);
            while slots[i].key != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = SlotN { key, start, len };
        }
        Ok(SparseTable {
            bits,
            scale,
            n_classes,
            labels,
            slots,
            entries,
        })
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// What one unit of an integer score is worth in weights.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    pub fn class_of(&self, label: &str) -> Option<usize> {
        self.labels.iter().position(|l| l == label)
    }

    pub fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.key != 0).count()
    }

    /// Adds the (integer) weights of `keys` to `acc` (length at least `n_classes`).
    #[inline]
    pub fn scores(&self, keys: &[u64], acc: &mut [i32]) {
        let mask = (1usize << self.bits) - 1;
        touch(keys.iter().map(|&k| self.slots[home(k, self.bits)].key));
        for &k in keys {
            let mut i = home(k, self.bits);
            loop {
                let s = &self.slots[i];
                if s.key == k {
                    let (a, b) = (s.start as usize, (s.start + s.len) as usize);
                    for &e in &self.entries[a..b] {
                        acc[(e >> 16) as usize] += e as u16 as i16 as i32;
                    }
                    break;
                }
                if s.key == 0 {
                    break;
                }
                i = (i + 1) & mask;
            }
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut rows: Vec<&SlotN> = self.slots.iter().filter(|s| s.key != 0).collect();
        rows.sort_unstable_by_key(|s| s.key);
        let mut out = Vec::new();
        out.extend_from_slice(SPARSE_MAGIC);
        out.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for l in &self.labels {
            out.extend_from_slice(&(l.len() as u32).to_le_bytes());
            out.extend_from_slice(l.as_bytes());
        }
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u64).to_le_bytes());
        for s in rows {
            out.extend_from_slice(&s.key.to_le_bytes());
            out.extend_from_slice(&(s.len as u16).to_le_bytes());
            for &e in &self.entries[s.start as usize..(s.start + s.len) as usize] {
                out.extend_from_slice(&((e >> 16) as u16).to_le_bytes());
                out.extend_from_slice(&(e as u16).to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<SparseTable, ModelError> {
        let mut r = Reader(b);
        if r.take(8)? != SPARSE_MAGIC {
            return Err(ModelError::Magic);
        }
        let n = r.count(false, 4)?;
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            let len = r.count(false, 1)?;
            let s = std::str::from_utf8(r.take(len)?).map_err(|_| ModelError::Corrupt("label"))?;
            labels.push(s.to_string());
        }
        let scale = r.f32()?;
        let rows_n = r.count(true, 10)?;
        let mut rows = Vec::with_capacity(rows_n);
        for _ in 0..rows_n {
            let key = r.u64()?;
            let len = u16::from_le_bytes(r.take(2)?.try_into().expect("2")) as usize;
            let mut es = Vec::with_capacity(len);
            for _ in 0..len {
                let c = u16::from_le_bytes(r.take(2)?.try_into().expect("2"));
                es.push((c, r.i16()?));
            }
            if key != 0 {
                rows.push((key, es));
            }
        }
        rows.sort_unstable_by_key(|r| r.0);
        rows.dedup_by_key(|r| r.0);
        Self::build(labels, scale, rows)
    }
}

/// Reads the serialised tables, never past the end.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if n > self.0.len() {
            return Err(ModelError::Corrupt("unexpected end"));
        }
        let (a, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(a)
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().expect("8")))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        let v = f32::from_le_bytes(self.take(4)?.try_into().expect("4"));
        if v.is_finite() {
            Ok(v)
        } else {
            Err(ModelError::Corrupt("scale"))
        }
    }
    fn i16(&mut self) -> Result<i16, ModelError> {
        Ok(i16::from_le_bytes(self.take(2)?.try_into().expect("2")))
    }
    /// A count (`u32`, or `u64` when `wide`), checked against the bytes left, each item
    /// taking at least `min` bytes.
    fn count(&mut self, wide: bool, min: usize) -> Result<usize, ModelError> {
        let n = if wide {
            self.u64()?
        } else {
            u32::from_le_bytes(self.take(4)?.try_into().expect("4")) as u64
        };
        let n = usize::try_from(n).map_err(|_| ModelError::Corrupt("count"))?;
        if n.saturating_mul(min) > self.0.len() {
            return Err(ModelError::Corrupt("count past the end"));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_learn::Perceptron;

    #[test]
    fn tables_score_like_the_model_and_round_trip() {
        let mut p3 = Perceptron::new(3);
        let mut pn = Perceptron::new(5);
        let keys: Vec<u64> = (1..500u64)
            .map(|i| i.wrapping_mul(0x1234_5678_9abc_def1))
            .collect();
        for (i, k) in keys.iter().enumerate() {
            p3.tick();
            p3.update(&[*k], i % 3, (i + 1) % 3, 1.0 + (i % 7) as f32);
            pn.tick();
            pn.update(&[*k], i % 5, (i + 2) % 5, 1.0);
        }
        let m3 = p3.freeze(vec!["a".into(), "b".into(), "c".into()], 0, 0.0);
        let mn = pn.freeze((0..5).map(|i| i.to_string()).collect(), 0, 0.0);
        let t3 = InlineTable::from_bytes(&InlineTable::from_model(&m3, &keys).unwrap().to_bytes())
            .unwrap();
        let tn = SparseTable::from_bytes(&SparseTable::from_model(&mn, &keys).unwrap().to_bytes())
            .unwrap();
        let probe = [keys[3], keys[10], keys[77], 42];
        let mut want = [0f32; 3];
        m3.scores(&probe, &mut want);
        let got = t3.scores(&probe);
        for c in 1..3 {
            let (w, g) = (want[c] - want[0], got[c] - got[0]);
            assert!((w - g).abs() < 1e-3 * w.abs().max(1.0), "{want:?} {got:?}");
        }
        let mut want = [0f32; 5];
        mn.scores(&probe, &mut want);
        let mut acc = [0i32; 5];
        tn.scores(&probe, &mut acc);
        let best = |v: &[f32]| (0..v.len()).max_by(|&a, &b| v[a].total_cmp(&v[b])).unwrap();
        assert_eq!(best(&want), best(&acc.map(|a| a as f32)));
        assert!(InlineTable::from_bytes(b"SPINLN01\0\0").is_err());
        assert!(SparseTable::from_bytes(&tn.to_bytes()[..30]).is_err());
    }
}
