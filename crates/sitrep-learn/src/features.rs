//! Feature hashing: templates and their values mixed into 64-bit keys.

/// One round of the Fx mix (the hash rustc uses): cheap, and good enough for feature keys.
#[inline]
pub fn fx(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

#[inline]
fn fx_bytes(mut h: u64, bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = fx(h, u64::from_le_bytes(c.try_into().expect("8 bytes")));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = fx(h, u64::from_le_bytes(buf));
    }
    // The length keeps "ab" + "c" apart from "a" + "bc".
    fx(h, bytes.len() as u64 | 0x8000_0000_0000_0000)
}

/// A buffer of feature keys for one decision. Reuse it: [`Features::clear`] keeps the
/// allocation.
#[derive(Debug, Default, Clone)]
pub struct Features {
    keys: Vec<u64>,
}

impl Features {
    pub fn new() -> Self {
        Features::default()
    }

    pub fn clear(&mut self) {
        self.keys.clear();
    }

    /// The keys added so far.
    pub fn keys(&self) -> &[u64] {
        &self.keys
    }

    /// Template `t` with one string value.
    #[inline]
    pub fn s(&mut self, t: u32, a: &str) {
        self.keys.push(fx_bytes(fx(0, t as u64), a.as_bytes()));
    }

    /// Template `t` with two string values.
    #[inline]
    pub fn ss(&mut self, t: u32, a: &str, b: &str) {
        let h = fx_bytes(fx(0, t as u64), a.as_bytes());
        self.keys.push(fx_bytes(h, b.as_bytes()));
    }

    /// Template `t` with integer values (ids, tags, distances, or hashes of strings).
    #[inline]
    pub fn n(&mut self, t: u32, values: &[u64]) {
        let mut h = fx(0, t as u64);
        for &v in values {
            h = fx(h, v);
        }
        self.keys.push(h);
    }

    /// Template `t` with integer values and one string.
    #[inline]
    pub fn ns(&mut self, t: u32, values: &[u64], s: &str) {
        let mut h = fx(0, t as u64);
        for &v in values {
            h = fx(h, v);
        }
        self.keys.push(fx_bytes(h, s.as_bytes()));
    }

    /// A precomputed key (see [`str_id`]).
    #[inline]
    pub fn raw(&mut self, key: u64) {
        self.keys.push(key);
    }
}

/// A 64-bit id for a string, to be combined with other values in [`Features::n`].
#[inline]
pub fn str_id(s: &str) -> u64 {
    fx_bytes(0x2545_f491_4f6c_dd1d, s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_and_values_are_kept_apart() {
        let mut f = Features::new();
        f.s(1, "abc");
        f.s(2, "abc");
        f.ss(1, "ab", "c");
        f.ss(1, "a", "bc");
        f.n(3, &[1, 2]);
        f.n(3, &[2, 1]);
        let k = f.keys();
        for i in 0..k.len() {
            for j in 0..i {
                assert_ne!(k[i], k[j], "{i} {j}");
            }
        }
    }
}
