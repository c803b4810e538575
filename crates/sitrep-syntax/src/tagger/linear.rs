//! The tagger's own linear model: an averaged perceptron to train, and a frozen form laid out
//! for speed.
//!
//! `sitrep_learn` has the same learner, but its frozen [`sitrep_learn::Model`] keeps keys,
//! row numbers, row starts, classes and weights in five arrays, so a feature that is not in
//! cache costs up to five misses, and the tagger looks up some 80 features a word. Here a
//! feature costs at most two: one 16-byte slot (key, start, length) found by linear probing
//! on well-mixed keys, then its entries, packed 4 bytes each (class, 16-bit weight), scored
//! in integers.

use crate::lemma::IdMap;

/// Errors reading a frozen model.
#[derive(Debug, thiserror::Error)]
#[error("tagger model: {0}")]
pub struct LinearError(pub &'static str);

/// The trainable averaged perceptron (weights averaged lazily, as in `sitrep_learn`).
pub(crate) struct Trainer {
    n: usize,
    rows: IdMap<u32>,
    w: Vec<f32>,
    total: Vec<f32>,
    stamp: Vec<u32>,
    seen: Vec<u32>,
    t: u32,
}

impl Trainer {
    pub fn new(n: usize) -> Trainer {
        Trainer {
            n: n.max(1),
            rows: IdMap::default(),
            w: Vec::new(),
            total: Vec::new(),
            stamp: Vec::new(),
            seen: Vec::new(),
            t: 0,
        }
    }

    /// Adds the current weights of `keys` to `out` (length `n`).
    pub fn scores(&self, keys: &[u64], out: &mut [f32]) {
        for k in keys {
            if let Some(&r) = self.rows.get(k) {
                let base = r as usize * self.n;
                for (o, w) in out.iter_mut().zip(&self.w[base..base + self.n]) {
                    *o += *w;
                }
            }
        }
    }

    /// One more training instance.
    pub fn tick(&mut self) {
        self.t += 1;
    }

    /// Moves the weights of `keys` toward `good` and away from `bad`.
    pub fn update(&mut self, keys: &[u64], good: usize, bad: usize) {
        if good == bad {
            return;
        }
        for &k in keys {
            let next = self.rows.len() as u32;
            let r = *self.rows.entry(k).or_insert(next) as usize;
            if r == next as usize {
                self.w.resize(self.w.len() + self.n, 0.0);
                self.total.resize(self.total.len() + self.n, 0.0);
                self.stamp.resize(self.stamp.len() + self.n, 0);
                self.seen.push(0);
            }
            self.seen[r] = self.seen[r].saturating_add(1);
            for (c, d) in [(good, 1.0), (bad, -1.0)] {
                let i = r * self.n + c;
                self.total[i] += (self.t - self.stamp[i]) as f32 * self.w[i];
                self.stamp[i] = self.t;
                self.w[i] += d;
            }
        }
    }

    /// The averaged weights, keeping features updated at least `min_seen` times and weights
    /// of at least `min_weight`.
    pub fn freeze(&self, min_seen: u32, min_weight: f32) -> Linear {
        let t = self.t.max(1) as f32;
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = Vec::new();
        for (&k, &r) in &self.rows {
            let r = r as usize;
            if self.seen[r] < min_seen {
                continue;
            }
            let entries: Vec<(u16, f32)> = (0..self.n)
                .filter_map(|c| {
                    let i = r * self.n + c;
                    let avg = (self.total[i] + (self.t - self.stamp[i]) as f32 * self.w[i]) / t;
                    (avg != 0.0 && avg.abs() >= min_weight).then_some((c as u16, avg))
                })
                .collect();
            if !entries.is_empty() {
                rows.push((k, entries));
            }
        }
        let max = rows
            .iter()
            .flat_map(|r| r.1.iter())
            .fold(0f32, |m, e| m.max(e.1.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let rows = rows
            .into_iter()
            .filter_map(|(k, e)| {
                let q: Vec<(u16, i16)> = e
                    .into_iter()
                    .map(|(c, w)| (c, (w / scale).round() as i16))
                    .filter(|x| x.1 != 0)
                    .collect();
                (!q.is_empty()).then_some((k, q))
            })
            .collect();
        Linear::from_rows(self.n, scale, rows)
    }
}

const EMPTY: u32 = u32::MAX;

/// What a slot keeps of its key: the low bits chose the slot, so the high half carries the
/// information (keys are well mixed); xor-ing in the low half keeps small keys exact too.
#[inline]
fn check(key: u64) -> u32 {
    ((key >> 32) as u32) ^ (key as u32)
}

/// A table slot: [`check`] of the key and where the row starts in `entries` ([`EMPTY`]: a
/// free slot).
#[derive(Debug, Clone, Copy)]
#[repr(C)]
struct Slot {
    check: u32,
    start: u32,
}

/// A frozen linear model (see the module docs). Scores are in units of the quantisation step.
#[derive(Debug, Clone)]
pub(crate) struct Linear {
    n: usize,
    scale: f32,
    slots: Vec<Slot>,
    /// Per row: its length, then its entries, each the class in the low 16 bits and the
    /// weight (i16) in the high 16.
    entries: Vec<u32>,
    /// The full keys, in row order (for serialising; never read when scoring).
    keys: Vec<u64>,
}

const MAGIC: &[u8; 8] = b"SITREPT1";

/// Most keys scored at once (more are done in chunks).
const CHUNK: usize = 64;

impl Linear {
    fn from_rows(n: usize, scale: f32, mut rows: Vec<(u64, Vec<(u16, i16)>)>) -> Linear {
        rows.sort_unstable_by_key(|r| r.0);
        rows.dedup_by_key(|r| r.0);
        let cap = (rows.len() + rows.len() / 2 + 1)
            .next_power_of_two()
            .max(16);
        let mut m = Linear {
            n,
            scale,
            slots: vec![
                Slot {
                    check: 0,
                    start: EMPTY
                };
                cap
            ],
            entries: Vec::new(),
            keys: Vec::with_capacity(rows.len()),
        };
        for (key, e) in rows {
            let mut i = key as usize & (cap - 1);
            while m.slots[i].start != EMPTY {
                i = (i + 1) & (cap - 1);
            }
            m.slots[i] = Slot {
                check: check(key),
                start: m.entries.len() as u32,
            };
            m.entries.push(e.len() as u32);
            m.entries.extend(
                e.into_iter()
                    .map(|(c, w)| c as u32 | ((w as u16 as u32) << 16)),
            );
            m.keys.push(key);
        }
        m
    }

    pub fn n_classes(&self) -> usize {
        self.n
    }

    /// Number of features kept.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// The weight of one unit of score.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Adds the scores of `keys` to `out` (length at least `n`), in units of the
    /// quantisation step.
    ///
    /// Most lookups miss the cache, so this goes in two sweeps: the first only touches each
    /// key's home slot, with no branch depending on what it reads, so the processor has all
    /// the misses in flight at once; the second probes and adds while those lines arrive.
    #[inline]
    pub fn scores(&self, keys: &[u64], out: &mut [f32]) {
        let mask = self.slots.len() - 1;
        for chunk in keys.chunks(CHUNK) {
            let mut touch = 0u32;
            for &k in chunk {
                touch ^= self.slots[k as usize & mask].start;
            }
            std::hint::black_box(touch);
            let mut rows = [0u32; CHUNK];
            let mut found = 0;
            for &k in chunk {
                let check = check(k);
                let mut i = k as usize & mask;
                loop {
                    let s = self.slots[i];
                    if s.start == EMPTY {
                        break;
                    }
                    if s.check == check {
                        rows[found] = s.start;
                        found += 1;
                        break;
                    }
                    i = (i + 1) & mask;
                }
            }
            let rows = &rows[..found];
            let mut touch = 0u32;
            for &r in rows {
                touch ^= self.entries[r as usize];
            }
            std::hint::black_box(touch);
            for &r in rows {
                let r = r as usize;
                let len = self.entries[r] as usize;
                for &e in self.entries.get(r + 1..r + 1 + len).unwrap_or(&[]) {
                    if let Some(o) = out.get_mut((e & 0xffff) as usize) {
                        *o += (e >> 16) as u16 as i16 as f32;
                    }
                }
            }
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        // Row r's entries start after its length word; rows were laid out in key order.
        let mut starts = Vec::with_capacity(self.keys.len());
        let mut at = 0usize;
        for _ in &self.keys {
            starts.push(at);
            at += 1 + self.entries[at] as usize;
        }
        let row = |r: usize| {
            &self.entries[starts[r] + 1..starts[r] + 1 + self.entries[starts[r]] as usize]
        };
        let mut out = Vec::with_capacity(24 + self.keys.len() * 10 + self.entries.len() * 4);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.n as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        // Keys (as differences), then lengths, then classes, then weights: similar bytes
        // together compress better.
        let mut prev = 0u64;
        for &k in &self.keys {
            out.extend_from_slice(&(k.wrapping_sub(prev)).to_le_bytes());
            prev = k;
        }
        for r in 0..self.keys.len() {
            out.extend_from_slice(&(row(r).len() as u16).to_le_bytes());
        }
        for r in 0..self.keys.len() {
            for &e in row(r) {
                out.extend_from_slice(&(e as u16).to_le_bytes());
            }
        }
        for r in 0..self.keys.len() {
            for &e in row(r) {
                out.extend_from_slice(&((e >> 16) as u16).to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<Linear, LinearError> {
        let mut pos = 0usize;
        let mut take = |n: usize| -> Result<&[u8], LinearError> {
            let s = b
                .get(pos..pos.checked_add(n).ok_or(LinearError("size"))?)
                .ok_or(LinearError("truncated"))?;
            pos += n;
            Ok(s)
        };
        if take(8)? != MAGIC {
            return Err(LinearError("bad magic bytes"));
        }
        let u32_ = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
        let n = u32_(take(4)?) as usize;
        let scale = f32::from_le_bytes(take(4)?.try_into().map_err(|_| LinearError("scale"))?);
        let count = u32_(take(4)?) as usize;
        if n == 0 || n > u16::MAX as usize || !scale.is_finite() {
            return Err(LinearError("bad header"));
        }
        let keys = take(count.checked_mul(8).ok_or(LinearError("size"))?)?;
        let lens = take(count * 2)?;
        let lens: Vec<usize> = lens
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]) as usize)
            .collect();
        let total: usize = lens.iter().sum();
        let classes = take(total * 2)?;
        let weights = take(total * 2)?;
        let mut rows = Vec::with_capacity(count);
        let (mut prev, mut at) = (0u64, 0usize);
        for (k, &len) in keys.chunks_exact(8).zip(&lens) {
            let key = prev.wrapping_add(u64::from_le_bytes(
                k.try_into().map_err(|_| LinearError("key"))?,
            ));
            prev = key;
            let mut e = Vec::with_capacity(len);
            for j in at..at + len {
                let c = u16::from_le_bytes([classes[2 * j], classes[2 * j + 1]]);
                if c as usize >= n {
                    return Err(LinearError("class number out of range"));
                }
                e.push((c, i16::from_le_bytes([weights[2 * j], weights[2 * j + 1]])));
            }
            at += len;
            rows.push((key, e));
        }
        Ok(Linear::from_rows(n, scale, rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_freezes_and_round_trips() {
        let mut t = Trainer::new(3);
        let data: Vec<(Vec<u64>, usize)> = (0..300u64)
            .map(|i| (vec![i % 7 + 100, i % 5 + 200], (i % 7 % 3) as usize))
            .collect();
        for _ in 0..5 {
            for (keys, gold) in &data {
                let mut s = vec![0.0; 3];
                t.scores(keys, &mut s);
                let guess = (0..3).fold(0, |b, c| if s[c] > s[b] { c } else { b });
                t.tick();
                t.update(keys, *gold, guess);
            }
        }
        let m = t.freeze(0, 0.0);
        let back = Linear::from_bytes(&m.to_bytes()).unwrap();
        for (keys, gold) in &data {
            let mut s = vec![0.0; 3];
            back.scores(keys, &mut s);
            let guess = (0..3).fold(0, |b, c| if s[c] > s[b] { c } else { b });
            assert_eq!(guess, *gold, "{keys:?} {s:?}");
        }
        assert!(Linear::from_bytes(b"SITREPT1").is_err());
        let bytes = m.to_bytes();
        assert!(Linear::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }
}
