//! Feature extraction, shared by training and tagging: a feature hash must mean the same thing
//! in both, so there is exactly one function per classifier.
//!
//! Everything about a word that does not depend on context (its string ids, affixes, shape,
//! ambiguity class) is computed once per sentence into a [`Tok`]; templates then only mix
//! precomputed 64-bit ids, which keeps extraction free of allocation and string hashing.

use super::lexicon::{Lexicon, AMB_RARE, NONE};
use sitrep_learn::{fx, str_id, Features};

/// Tag value before the first word.
pub(crate) const START: u64 = 70_000;
/// Tag value after the last word.
pub(crate) const END: u64 = 70_001;
/// Padding words on each side of a sentence.
pub(crate) const PAD: usize = 2;

/// A word, as the feature templates see it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tok {
    pub form: u64,
    pub lower: u64,
    pub pre: [u64; 3],
    pub suf: [u64; 4],
    pub shape: u64,
    pub flags: u64,
    pub len: u64,
    /// [`Lexicon::dict`] of the lowercased form.
    pub dict: u64,
    pub amb: u64,
    pub amb_lower: u64,
    /// The label of a fixed word, else [`NONE`].
    pub fixed: u16,
    /// [`Lexicon::tag_set`] of the form (0: any label).
    pub allow: u32,
}

impl Tok {
    fn pad(v: u64) -> Tok {
        Tok {
            form: v,
            lower: v,
            pre: [v; 3],
            suf: [v; 4],
            shape: v,
            flags: v,
            len: v,
            dict: v,
            amb: v,
            amb_lower: v,
            fixed: NONE,
            allow: 0,
        }
    }
}

/// A sentence ready for the classifiers: padded words and the lowercased forms.
#[derive(Debug, Clone, Default)]
pub(crate) struct Prepared {
    /// `PAD` padding words, the words, `PAD` padding words.
    pub toks: Vec<Tok>,
    pub lowers: Vec<String>,
}

impl Prepared {
    pub fn len(&self) -> usize {
        self.lowers.len()
    }

    /// The sentence right to left (padding included, so the ends trade places).
    pub fn reversed(&self) -> Prepared {
        Prepared {
            toks: self.toks.iter().rev().copied().collect(),
            lowers: self.lowers.iter().rev().cloned().collect(),
        }
    }
}

/// Word shape: letters to X/x, digits to d, other ASCII kept, other characters to o; runs
/// collapsed ("Xxxx" -> "Xx", "12-34" -> "d-d"), at most 8 symbols.
fn shape(s: &str) -> u64 {
    let mut h = 17u64;
    let mut last = 0u8;
    let mut n = 0;
    for c in s.chars() {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'o'
        };
        if k == last {
            continue;
        }
        last = k;
        h = fx(h, k as u64);
        n += 1;
        if n == 8 {
            break;
        }
    }
    h
}

fn flags(form: &str, first: bool) -> u64 {
    let (mut upper, mut lower, mut digit, mut hyphen, mut other) =
        (false, false, false, false, false);
    for c in form.chars() {
        if c.is_uppercase() {
            upper = true;
        } else if c.is_lowercase() {
            lower = true;
        } else if c.is_numeric() {
            digit = true;
        } else if c == '-' {
            hyphen = true;
        } else {
            other = true;
        }
    }
    let init = form.chars().next().is_some_and(char::is_uppercase);
    let all_digit = digit && !upper && !lower;
    [
        init,
        upper && !lower,
        digit,
        hyphen,
        lower,
        other,
        first,
        all_digit,
    ]
    .iter()
    .enumerate()
    .fold(0u64, |acc, (i, &b)| acc | (u64::from(b) << i))
}

/// Form and lowercase id of a word the lexicon does not know (and of training words hidden
/// to teach the model about such words).
pub(crate) const UNKNOWN: u64 = 70_002;

/// Computes the context-free part of every word.
pub(crate) fn prepare(lex: &Lexicon, forms: &[&str]) -> Prepared {
    let mut p = Prepared {
        toks: Vec::with_capacity(forms.len() + 2 * PAD),
        lowers: Vec::with_capacity(forms.len()),
    };
    p.toks.extend([Tok::pad(START); PAD]);
    let (mut alpha, mut init, mut caps) = (0usize, 0usize, 0usize);
    for (i, &form) in forms.iter().enumerate() {
        let lower = form.to_lowercase();
        let mut starts = [lower.len(); 4];
        for (k, (b, _)) in lower.char_indices().skip(1).take(3).enumerate() {
            starts[k + 1] = b;
        }
        let mut suf = [0u64; 4];
        let mut it = lower.char_indices().rev();
        for (k, s) in suf.iter_mut().enumerate() {
            let start = it.next().map_or(0, |(b, _)| b);
            *s = fx(20 + k as u64, str_id(&lower[start..]));
        }
        let form_id = str_id(form);
        let lower_id = str_id(&lower);
        let flags = flags(form, i == 0);
        if flags & 0x11 != 0 || flags & 2 != 0 {
            alpha += 1;
            init += usize::from(flags & 1 != 0);
            caps += usize::from(flags & 2 != 0);
        }
        let (known, amb, amb_lower) = match lex.amb(form_id, &lower) {
            Some((a, l)) => (true, a, l),
            None => (false, AMB_RARE, AMB_RARE),
        };
        p.toks.push(Tok {
            form: if known { form_id } else { UNKNOWN },
            lower: if known { lower_id } else { UNKNOWN },
            pre: [
                fx(30, str_id(&lower[..starts[1]])),
                fx(31, str_id(&lower[..starts[2]])),
                fx(32, str_id(&lower[..starts[3]])),
            ],
            suf,
            shape: shape(form),
            flags,
            len: lower.chars().count().min(10) as u64,
            dict: lex.dict(lower_id) as u64,
            amb,
            amb_lower,
            fixed: lex.fixed(form_id).unwrap_or(NONE),
            allow: lex.tag_set(form_id),
        });
        p.lowers.push(lower);
    }
    // Headlines and shouting: most words capitalised, or in capitals.
    if alpha >= 3 {
        let title = u64::from(init * 10 >= alpha * 7) << 8;
        let shout = u64::from(caps * 10 >= alpha * 7) << 9;
        for t in &mut p.toks[PAD..] {
            t.flags |= title | shout;
        }
    }
    p.toks.extend([Tok::pad(END); PAD]);
    p
}

/// Makes a training word look unknown (see [`super::TrainOptions::hide_rate`]).
pub(crate) fn hide(t: &mut Tok) {
    t.form = UNKNOWN;
    t.lower = UNKNOWN;
    t.amb = AMB_RARE;
    t.amb_lower = AMB_RARE;
    t.allow = 0;
}

/// A strong 64-bit finaliser (MurmurHash3's fmix64). Keys built by [`fx`] alone carry little
/// entropy in their low bits (each step mixes only upward), and the frozen model finds rows
/// by the low bits; unmixed, a few templates' keys fill the same slots and lookups crawl.
#[inline]
pub(crate) fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// Adds the key of template `t` with `values`.
#[inline]
fn put(f: &mut Features, t: u32, values: &[u64]) {
    let mut h = fx(0, t as u64);
    for &v in values {
        h = fx(h, v);
    }
    f.raw(mix(h));
}

/// A label as a feature value.
#[inline]
pub(crate) fn tag_value(l: u16) -> u64 {
    l as u64
}

/// Features of word `i` for a tagging pass. `t1`, `t2`: the labels already given to the two
/// previous words (in the pass's direction); `first`: the first pass's labels of words
/// `i-1`, `i`, `i+1` and `i+2` (second pass only).
pub(crate) fn tag_features(
    f: &mut Features,
    toks: &[Tok],
    i: usize,
    t1: u64,
    t2: u64,
    first: Option<[u64; 4]>,
) {
    let p = i + PAD;
    let (w, m1, m2, p1, p2) = (
        &toks[p],
        &toks[p - 1],
        &toks[p - 2],
        &toks[p + 1],
        &toks[p + 2],
    );
    f.clear();
    put(f, 1, &[]);
    put(f, 2, &[w.form]);
    for (k, &x) in w.pre.iter().enumerate() {
        put(f, 4 + k as u32, &[x]);
    }
    // Suffixes of 1, 2 and 4 characters (3 adds nothing measurable on top of these).
    for k in [0, 1, 3] {
        put(f, 7 + k as u32, &[w.suf[k]]);
    }
    put(f, 11, &[w.shape]);
    put(f, 12, &[w.flags]);
    put(f, 13, &[m1.lower]);
    put(f, 14, &[p1.lower]);
    put(f, 15, &[m2.lower]);
    put(f, 16, &[p2.lower]);
    put(f, 17, &[m1.suf[2]]);
    put(f, 19, &[t1]);
    put(f, 20, &[t2]);
    put(f, 21, &[t1, t2]);
    put(f, 23, &[w.lower, p1.lower]);
    put(f, 24, &[m1.lower, w.lower]);
    put(f, 25, &[w.amb]);
    put(f, 26, &[p1.amb]);
    put(f, 27, &[p2.amb]);
    put(f, 31, &[p1.shape]);
    put(f, 33, &[w.len]);
    put(f, 39, &[w.dict, w.flags & 0x41]);
    put(f, 52, &[w.dict, w.len]);
    put(f, 53, &[w.dict, w.suf[1]]);
    put(f, 35, &[m1.flags & 1, w.flags & 0x41, p1.flags & 1]);
    put(f, 36, &[w.amb_lower]);
    put(f, 37, &[w.amb, w.amb_lower]);
    if let Some([rm1, r0, r1, r2]) = first {
        put(f, 48, &[r0]);
        put(f, 49, &[r0, w.amb]);
        put(f, 50, &[rm1, r0, r1]);
        put(f, 51, &[r0, r1]);
        put(f, 40, &[r1]);
        put(f, 41, &[r2]);
        put(f, 42, &[r1, r2]);
        put(f, 43, &[t1, r1]);
        put(f, 44, &[w.lower, r1]);
        put(f, 45, &[w.amb, r1]);
        put(f, 46, &[w.suf[2], r1]);
        put(f, 47, &[t1, w.amb, r1]);
    }
}

/// What a label tells the FEATS classifier's subject search: 1 for pronoun-like words
/// (the word itself matters: "I", "they", "which"), 2 for nouns and numbers (the tag
/// matters), 0 otherwise.
pub(crate) fn nominal_kind(xpos: &str) -> u8 {
    match xpos {
        "PRP" | "EX" | "WP" | "WDT" | "DT" => 1,
        "NN" | "NNS" | "NNP" | "NNPS" | "CD" => 2,
        _ => 0,
    }
}

/// Features of word `i` for the FEATS classifier, given every word's label and the nominal
/// kind of each label.
pub(crate) fn feats_features(
    f: &mut Features,
    prep: &Prepared,
    labels: &[u16],
    kinds: &[u8],
    i: usize,
) {
    let toks = &prep.toks;
    let p = i + PAD;
    let w = &toks[p];
    let lab = |j: isize| -> u64 {
        if j < 0 {
            START
        } else {
            labels.get(j as usize).map_or(END, |&l| tag_value(l))
        }
    };
    let i_ = i as isize;
    let (l0, lm1, lp1, lm2) = (lab(i_), lab(i_ - 1), lab(i_ + 1), lab(i_ - 2));
    f.clear();
    put(f, 101, &[l0]);
    put(f, 102, &[l0, w.lower]);
    put(f, 103, &[l0, w.suf[0]]);
    put(f, 104, &[l0, w.suf[1]]);
    put(f, 105, &[l0, w.suf[2]]);
    put(f, 106, &[l0, w.form]);
    put(f, 107, &[l0, lm1]);
    put(f, 108, &[l0, lp1]);
    put(f, 109, &[l0, lm1, lm2]);
    put(f, 110, &[l0, toks[p - 1].lower]);
    put(f, 111, &[l0, toks[p + 1].lower]);
    put(f, 112, &[l0, toks[p - 2].lower]);
    put(f, 113, &[l0, w.flags & 0x41]);
    // The nearest noun or pronoun on the left (the likely subject), and on the right
    // (questions: "are you").
    let kind = |l: u16| kinds.get(l as usize).copied().unwrap_or(0);
    let mut found = false;
    for j in (i.saturating_sub(8)..i).rev() {
        let k = kind(labels[j]);
        if k > 0 {
            let v = if k == 1 {
                toks[j + PAD].lower
            } else {
                tag_value(labels[j])
            };
            put(f, 114, &[l0, v]);
            put(f, 115, &[l0, v, ((i - j).min(4)) as u64]);
            found = true;
            break;
        }
    }
    if !found {
        put(f, 114, &[l0, START]);
    }
    for j in i + 1..labels.len().min(i + 4) {
        let k = kind(labels[j]);
        if k > 0 {
            let v = if k == 1 {
                toks[j + PAD].lower
            } else {
                tag_value(labels[j])
            };
            put(f, 116, &[l0, v]);
            break;
        }
    }
}
