//! The averaged perceptron, trainable.

use crate::model::Model;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Keys are already hashes: the map only remixes them (one multiply).
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = crate::fx(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, v: u64) {
        // Feature keys have weak low bits (they end with a multiply); mix them.
        let mut h = v ^ (v >> 33);
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        self.0 = h ^ (h >> 33);
    }
}

pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// A multi-class averaged perceptron over hashed features.
///
/// Weights are averaged lazily: each weight remembers when it last changed, so an update
/// costs only the weights it touches. Call [`Perceptron::tick`] once per training instance
/// (whether or not it updates), then [`Perceptron::freeze`] for the averaged run-time model.
pub struct Perceptron {
    n: usize,
    rows: KeyMap<u32>,
    w: Vec<f32>,
    total: Vec<f32>,
    stamp: Vec<u32>,
    seen: Vec<u32>,
    t: u32,
}

impl Perceptron {
    /// A model with `n_classes` classes and no weights.
    pub fn new(n_classes: usize) -> Self {
        assert!(n_classes > 0 && n_classes <= u16::MAX as usize);
        Perceptron {
            n: n_classes,
            rows: KeyMap::default(),
            w: Vec::new(),
            total: Vec::new(),
            stamp: Vec::new(),
            seen: Vec::new(),
            t: 0,
        }
    }

    pub fn n_classes(&self) -> usize {
        self.n
    }

    /// Number of feature rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Adds the current (not averaged) weights of `keys` to `out` (length `n_classes`).
    pub fn scores(&self, keys: &[u64], out: &mut [f32]) {
        debug_assert_eq!(out.len(), self.n);
        for k in keys {
            if let Some(&r) = self.rows.get(k) {
                let base = r as usize * self.n;
                for (o, w) in out.iter_mut().zip(&self.w[base..base + self.n]) {
                    *o += *w;
                }
            }
        }
    }

    /// The best class by current weights among those `allowed` says yes to.
    pub fn best(
        &self,
        keys: &[u64],
        scratch: &mut Vec<f32>,
        allowed: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        scratch.clear();
        scratch.resize(self.n, 0.0);
        self.scores(keys, scratch);
        argmax(scratch, allowed)
    }

    /// One more training instance.
    pub fn tick(&mut self) {
        self.t += 1;
    }

    /// Moves the weights of `keys` by `amount` toward `good` and away from `bad`.
    pub fn update(&mut self, keys: &[u64], good: usize, bad: usize, amount: f32) {
        if good == bad {
            return;
        }
        for &k in keys {
            let r = self.row(k);
            self.seen[r] = self.seen[r].saturating_add(1);
            self.bump(r, good, amount);
            self.bump(r, bad, -amount);
        }
    }

    /// Counts `keys` as seen (for pruning) without changing weights.
    pub fn observe(&mut self, keys: &[u64]) {
        for &k in keys {
            if let Some(&r) = self.rows.get(&k) {
                self.seen[r as usize] = self.seen[r as usize].saturating_add(1);
            }
        }
    }

    fn row(&mut self, k: u64) -> usize {
        let next = self.rows.len() as u32;
        let r = *self.rows.entry(k).or_insert(next) as usize;
        if r == next as usize {
            self.w.resize(self.w.len() + self.n, 0.0);
            self.total.resize(self.total.len() + self.n, 0.0);
            self.stamp.resize(self.stamp.len() + self.n, 0);
            self.seen.push(0);
        }
        r
    }

    fn bump(&mut self, r: usize, c: usize, amount: f32) {
        let i = r * self.n + c;
        self.total[i] += (self.t - self.stamp[i]) as f32 * self.w[i];
        self.stamp[i] = self.t;
        self.w[i] += amount;
    }

    /// The averaged model, keeping rows whose features were seen in at least `min_seen`
    /// updates and weights whose averaged magnitude is at least `min_weight`.
    pub fn freeze(&self, labels: Vec<String>, min_seen: u32, min_weight: f32) -> Model {
        assert_eq!(labels.len(), self.n, "one label per class");
        let t = self.t.max(1) as f32;
        let mut rows = Vec::with_capacity(self.rows.len());
        for (&k, &r) in &self.rows {
            let r = r as usize;
            if self.seen[r] < min_seen {
                continue;
            }
            let mut entries = Vec::new();
            for c in 0..self.n {
                let i = r * self.n + c;
                let avg = (self.total[i] + (self.t - self.stamp[i]) as f32 * self.w[i]) / t;
                if avg.abs() >= min_weight && avg != 0.0 {
                    entries.push((c as u16, avg));
                }
            }
            if !entries.is_empty() {
                rows.push((k, entries));
            }
        }
        Model::from_rows(labels, rows)
    }
}

/// Index of the highest score among allowed classes (the first on ties).
pub fn argmax(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Features;

    /// Learns "the class is the first letter's parity" from letters, and the frozen
    /// (averaged, quantised, serialised) model agrees with it.
    #[test]
    fn learns_a_separable_problem_and_survives_freezing() {
        let words: Vec<String> = (0..200)
            .map(|i| format!("{}{}", (b'a' + (i % 26) as u8) as char, i))
            .collect();
        let class = |w: &str| (w.as_bytes()[0] % 2) as usize;
        let mut p = Perceptron::new(2);
        let mut f = Features::new();
        let mut scratch = Vec::new();
        for _ in 0..5 {
            for w in &words {
                f.clear();
                f.s(0, &w[..1]);
                f.s(1, w);
                let guess = p.best(f.keys(), &mut scratch, |_| true).unwrap();
                p.tick();
                p.update(f.keys(), class(w), guess, 1.0);
            }
        }
        let model = p.freeze(vec!["even".into(), "odd".into()], 0, 0.0);
        let model = Model::from_bytes(&model.to_bytes()).unwrap();
        let mut out = vec![0.0; 2];
        for w in &words {
            f.clear();
            f.s(0, &w[..1]);
            f.s(1, w);
            out.iter_mut().for_each(|o| *o = 0.0);
            model.scores(f.keys(), &mut out);
            assert_eq!(argmax(&out, |_| true), Some(class(w)), "{w}");
        }
    }
}
