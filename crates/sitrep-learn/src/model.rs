//! The frozen linear model: sparse rows in an open-addressing table, 16-bit weights on disk.

use std::io::Read;

/// Errors reading a model.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a sitrep model (bad magic bytes)")]
    Magic,
    #[error("model file is truncated or corrupt: {0}")]
    Corrupt(&'static str),
}

const MAGIC: &[u8; 8] = b"SITREPL1";
const EMPTY: u32 = u32::MAX;

/// The home slot of a key in a table of `mask + 1` slots. Feature keys end with a multiply, so
/// their low bits are weak; a final mix (murmur3's) spreads them before masking.
#[inline]
fn slot(key: u64, mask: usize) -> usize {
    let mut h = key;
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h as usize & mask
}

/// A frozen multi-class linear model (see the crate docs). Scoring never allocates.
#[derive(Debug, Clone)]
pub struct Model {
    labels: Vec<String>,
    /// Open-addressing table, a power of two long; `slot_keys[i]` is valid when
    /// `slot_rows[i] != EMPTY`.
    slot_keys: Vec<u64>,
    slot_rows: Vec<u32>,
    /// Row `r` owns `classes[starts[r]..starts[r + 1]]` and the same range of `weights`.
    starts: Vec<u32>,
    classes: Vec<u16>,
    weights: Vec<f32>,
}

impl Model {
    pub(crate) fn from_rows(labels: Vec<String>, mut rows: Vec<(u64, Vec<(u16, f32)>)>) -> Model {
        rows.sort_unstable_by_key(|r| r.0);
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mut m = Model {
            labels,
            slot_keys: vec![0; cap],
            slot_rows: vec![EMPTY; cap],
            starts: Vec::with_capacity(rows.len() + 1),
            classes: Vec::new(),
            weights: Vec::new(),
        };
        m.starts.push(0);
        for (r, (key, entries)) in rows.into_iter().enumerate() {
            let mut i = slot(key, cap - 1);
            while m.slot_rows[i] != EMPTY {
                i = (i + 1) & (cap - 1);
            }
            m.slot_keys[i] = key;
            m.slot_rows[i] = r as u32;
            for (c, w) in entries {
                m.classes.push(c);
                m.weights.push(w);
            }
            m.starts.push(m.classes.len() as u32);
        }
        m
    }

    pub fn n_classes(&self) -> usize {
        self.labels.len()
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The class number of a label.
    pub fn class_of(&self, label: &str) -> Option<usize> {
        self.labels.iter().position(|l| l == label)
    }

    /// Number of feature rows kept.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline]
    fn find(&self, key: u64) -> Option<usize> {
        let mask = self.slot_keys.len() - 1;
        let mut i = slot(key, mask);
        loop {
            let r = self.slot_rows[i];
            if r == EMPTY {
                return None;
            }
            if self.slot_keys[i] == key {
                return Some(r as usize);
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds the weights of `keys` to `out` (length at least `n_classes`).
    #[inline]
    pub fn scores(&self, keys: &[u64], out: &mut [f32]) {
        for &k in keys {
            if let Some(r) = self.find(k) {
                let (a, b) = (self.starts[r] as usize, self.starts[r + 1] as usize);
                for (c, w) in self.classes[a..b].iter().zip(&self.weights[a..b]) {
                    out[*c as usize] += *w;
                }
            }
        }
    }

    /// Serialises the model (uncompressed; a [`crate::Bundle`] compresses).
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / i16::MAX as f32
        } else {
            1.0
        };
        let mut out = Vec::with_capacity(32 + self.weights.len() * 4 + self.len() * 12);
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, self.labels.len() as u32);
        for l in &self.labels {
            put_u32(&mut out, l.len() as u32);
            out.extend_from_slice(l.as_bytes());
        }
        out.extend_from_slice(&scale.to_le_bytes());
        put_u32(&mut out, self.len() as u32);
        // Rows in key order make the output deterministic.
        let mut order: Vec<(u64, usize)> = self
            .slot_keys
            .iter()
            .zip(&self.slot_rows)
            .filter(|(_, r)| **r != EMPTY)
            .map(|(k, r)| (*k, *r as usize))
            .collect();
        order.sort_unstable();
        for (key, r) in order {
            out.extend_from_slice(&key.to_le_bytes());
            let (a, b) = (self.starts[r] as usize, self.starts[r + 1] as usize);
            put_u32(&mut out, (b - a) as u32);
            for i in a..b {
                out.extend_from_slice(&self.classes[i].to_le_bytes());
                let q = (self.weights[i] / scale).round().clamp(-32767.0, 32767.0) as i16;
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { b: bytes };
        if r.take(8)? != MAGIC {
            return Err(ModelError::Magic);
        }
        let n = r.u32()? as usize;
        if n == 0 || n > u16::MAX as usize {
            return Err(ModelError::Corrupt("class count"));
        }
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            let len = r.u32()? as usize;
            let s = std::str::from_utf8(r.take(len)?).map_err(|_| ModelError::Corrupt("label"))?;
            labels.push(s.to_string());
        }
        let scale = f32::from_le_bytes(r.take(4)?.try_into().expect("4"));
        let rows_n = r.u32()? as usize;
        let mut rows = Vec::with_capacity(rows_n.min(bytes.len() / 12));
        for _ in 0..rows_n {
            let key = u64::from_le_bytes(r.take(8)?.try_into().expect("8"));
            let len = r.u32()? as usize;
            let body = r.take(len.checked_mul(4).ok_or(ModelError::Corrupt("row"))?)?;
            let mut entries = Vec::with_capacity(len);
            for e in body.chunks_exact(4) {
                let c = u16::from_le_bytes([e[0], e[1]]);
                if c as usize >= n {
                    return Err(ModelError::Corrupt("class number"));
                }
                let q = i16::from_le_bytes([e[2], e[3]]);
                entries.push((c, q as f32 * scale));
            }
            rows.push((key, entries));
        }
        Ok(Model::from_rows(labels, rows))
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

pub(crate) struct Reader<'a> {
    pub(crate) b: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if n > self.b.len() {
            return Err(ModelError::Corrupt("unexpected end"));
        }
        let (a, rest) = self.b.split_at(n);
        self.b = rest;
        Ok(a)
    }
    pub(crate) fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4")))
    }
}

/// Reads all of a reader (helper for gzip streams).
pub(crate) fn read_all(mut r: impl Read) -> std::io::Result<Vec<u8>> {
    let mut v = Vec::new();
    r.read_to_end(&mut v)?;
    Ok(v)
}
