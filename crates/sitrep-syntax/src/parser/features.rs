//! Feature extraction for the transition model and the label model, shared by training and
//! parsing (the same hashes mean the same thing in both).
//!
//! Words are first reduced to a few 64-bit ids ([`Tok`]): the normalised form (lowercased,
//! digits as `0`), lemma, XPOS, UPOS, and the word's fine and middle clusters
//! ([`sitrep_learn::clusters`], from MiniLM's word-piece embeddings; the XPOS stands in for
//! words without one). Clusters give the parser a handle on words it saw rarely or never,
//! and a second opinion where the tagger erred (+0.35 UAS and LAS on EWT dev with predicted
//! tags). Templates then only mix integers ([`Features::n`]), so extraction never hashes
//! strings or allocates.

use super::combine::Directed;
use super::system::State;
use crate::TaggedWord;
use sitrep_learn::{fx, str_id, Features};

/// The ids of one word (or of the root, or of "no word").
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub w: u64,
    pub l: u64,
    pub p: u64,
    pub u: u64,
    pub wp: u64,
    /// The word's fine and middle clusters ([`sitrep_learn::clusters`]); the XPOS for words
    /// without one.
    pub cf: u64,
    pub cm: u64,
    /// The guide parser's head of the word ([`NO_GUIDE`] when there is no guide), and the
    /// word's rightmost dependent in the guide's tree (0 when none).
    pub g: u32,
    pub gr: u32,
    /// How sure the guide was of the move that attached the word (a margin bucket).
    pub gm: u64,
}

/// [`Tok::g`] of a sentence parsed without a guide.
pub const NO_GUIDE: u32 = u32::MAX;

/// Puts a guide parse into the token table.
pub fn set_guide(toks: &mut [Tok], guide: &Directed) {
    for t in toks.iter_mut() {
        t.g = NO_GUIDE;
        t.gr = 0;
        t.gm = 0;
    }
    for (i, &h) in guide.heads.iter().enumerate() {
        let d = i + 1;
        if d >= toks.len() || h as usize >= toks.len() {
            continue;
        }
        toks[d].g = h;
        let m = guide.margins.get(i).copied().unwrap_or(0.0);
        toks[d].gm = match m {
            m if m < 5.0 => 1,
            m if m < 15.0 => 2,
            m if m < 30.0 => 3,
            m if m < 60.0 => 4,
            _ => 5,
        };
        let head = &mut toks[h as usize];
        head.gr = head.gr.max(d as u32);
    }
}

impl Tok {
    fn special(name: &str) -> Tok {
        let id = str_id(name);
        Tok {
            w: id,
            l: id,
            p: id,
            u: id,
            wp: fx(id, id),
            cf: id,
            cm: id,
            g: NO_GUIDE,
            gr: 0,
            gm: 0,
        }
    }
}

/// Normalised form id: lowercase, ASCII digits as `0`. Linear in the length, no allocation.
pub fn word_id(form: &str) -> u64 {
    let mut h = 0x9e37_79b9_7f4a_7c15u64;
    let mut len = 0u64;
    for c in form.chars() {
        if c.is_ascii_digit() {
            h = fx(h, '0' as u64);
        } else if c.is_ascii() {
            h = fx(h, c.to_ascii_lowercase() as u64);
        } else {
            for l in c.to_lowercase() {
                h = fx(h, l as u64);
            }
        }
        len += 1;
    }
    fx(h, len | 1 << 63)
}

/// The token table of a sentence: index 0 is the root, 1..=n the words, n+1 "no word".
pub fn tokens(words: &[TaggedWord]) -> Vec<Tok> {
    let mut out = Vec::with_capacity(words.len() + 2);
    out.push(Tok::special("<ROOT>"));
    let clusters = sitrep_learn::clusters::Clusters::builtin();
    for w in words {
        let wid = word_id(w.form);
        let p = str_id(w.xpos);
        let (cf, cm) = match clusters.get(w.form) {
            Some([f, m, _]) => (fx(1 << 40, f as u64), fx(2 << 40, m as u64)),
            None => (p, p),
        };
        out.push(Tok {
            w: wid,
            l: word_id(w.lemma),
            p,
            u: str_id(w.upos),
            wp: fx(wid, p),
            cf,
            cm,
            g: NO_GUIDE,
            gr: 0,
            gm: 0,
        });
    }
    out.push(Tok::special("<NONE>"));
    out
}

/// Distance bucket between two words (8 when either is missing).
#[inline]
fn dist(a: u32, b: u32, none: u32) -> u64 {
    if a >= none || b >= none {
        return 8;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=7 => 5,
        8..=11 => 6,
        _ => 7,
    }
}

#[inline]
fn lab(st: &State, i: u32) -> u64 {
    st.labels[i as usize] as u64
}

/// Features of a configuration for the transition model.
#[allow(non_snake_case)] // upper case: the words' ids, as in the templates' notation
/// With `lite` (the guide parser's set), the templates of UPOS conjunctions, second children,
/// subtree edges and relations are left out: about half as many lookups.
pub fn transition_features(st: &State, t: &[Tok], f: &mut Features, lite: bool) {
    f.clear();
    let none = st.none();
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.buf(0), st.buf(1), st.buf(2));
    let (s0i, s1i, b0i) = (s0 as usize, s1 as usize, b0 as usize);
    let [s0l, s0l2] = st.lc[s0i];
    let [s0r, s0r2] = st.rc[s0i];
    let [b0l, b0l2] = st.lc[b0i];
    let [s1r, s1r2] = st.rc[s1i];
    let [s1l, _] = st.lc[s1i];
    let (S0, S1, S2) = (t[s0i], t[s1i], t[s2 as usize]);
    let (B0, B1, B2) = (t[b0i], t[b1 as usize], t[b2 as usize]);
    let (S0L, S0L2, S0R, S0R2) = (
        t[s0l as usize],
        t[s0l2 as usize],
        t[s0r as usize],
        t[s0r2 as usize],
    );
    let (B0L, B0L2) = (t[b0l as usize], t[b0l2 as usize]);
    let (S1R, S1R2, S1L) = (t[s1r as usize], t[s1r2 as usize], t[s1l as usize]);
    // Subtree edges. Stack subtrees are contiguous in this system, so the word before s0's
    // subtree ends s1's.
    let (s0e, b0e, s1e) = (st.ledge[s0i], st.ledge[b0i], st.ledge[s1i]);
    let before = |e: u32| if (1..none).contains(&e) { e - 1 } else { none };
    let (S0E, B0E, S1E) = (t[s0e as usize], t[b0e as usize], t[s1e as usize]);
    let (S0EB, S1EB) = (t[before(s0e) as usize], t[before(s1e) as usize]);

    // Single words.
    f.n(1, &[S0.w]);
    f.n(2, &[S0.p]);
    f.n(3, &[S0.wp]);
    f.n(4, &[S1.w]);
    f.n(5, &[S1.p]);
    f.n(6, &[S1.wp]);
    f.n(7, &[S2.p]);
    f.n(8, &[S2.wp]);
    f.n(9, &[B0.w]);
    f.n(10, &[B0.p]);
    f.n(11, &[B0.wp]);
    f.n(12, &[B1.w]);
    f.n(13, &[B1.p]);
    f.n(14, &[B1.wp]);
    f.n(15, &[B2.p]);
    f.n(16, &[B2.w]);
    f.n(17, &[S0.l]);
    f.n(18, &[B0.l]);
    f.n(19, &[S1.l]);

    // Pairs: s0 with b0, s1 with s0.
    f.n(20, &[S0.wp, B0.wp]);
    f.n(21, &[S0.wp, B0.w]);
    f.n(22, &[S0.w, B0.wp]);
    f.n(23, &[S0.wp, B0.p]);
    f.n(24, &[S0.p, B0.wp]);
    f.n(25, &[S0.w, B0.w]);
    f.n(26, &[S0.p, B0.p]);
    f.n(27, &[B0.p, B1.p]);
    f.n(28, &[S1.wp, S0.wp]);
    f.n(29, &[S1.w, S0.w]);
    f.n(30, &[S1.p, S0.p]);
    f.n(31, &[S1.wp, S0.p]);
    f.n(32, &[S1.p, S0.wp]);
    f.n(33, &[S0.l, B0.l]);
    f.n(34, &[S1.l, S0.l]);

    // Triples of tags.
    f.n(40, &[B0.p, B1.p, B2.p]);
    f.n(41, &[S0.p, B0.p, B1.p]);
    f.n(42, &[S1.p, S0.p, B0.p]);
    f.n(43, &[S0.p, S0L.p, B0.p]);
    f.n(44, &[S0.p, S0R.p, B0.p]);
    f.n(45, &[S0.p, B0.p, B0L.p]);
    f.n(46, &[S1.p, S0.p, S0L.p]);
    f.n(47, &[S1.p, S1R.p, S0.p]);
    f.n(48, &[S2.p, S1.p, S0.p]);
    f.n(49, &[S1.p, S0.p, S0R.p]);
    f.n(50, &[S1.p, S0.p, B1.p]);
    f.n(51, &[S0.u, B0.u, S1.u, B1.u]);

    if !lite {
        // The same with coarse tags (UPOS), sturdier against tagging errors.
        f.n(52, &[S1.u, S0.u, B0.u]);
        f.n(53, &[S0.u, B0.u, B1.u]);
        f.n(54, &[S0.u, S0L.u, S0R.u, B0.u]);
        f.n(55, &[S2.u, S1.u, S0.u, B0.u]);
        f.n(56, &[S0.u, B0.u, B0L.u, B1.u]);
        f.n(57, &[S1.u, S1R.u, S0.u, B0.u]);
    }

    // Children.
    f.n(80, &[S0L.w]);
    f.n(81, &[S0L.p]);
    f.n(83, &[S0R.w]);
    f.n(84, &[S0R.p]);
    f.n(86, &[B0L.w]);
    f.n(87, &[B0L.p]);
    f.n(89, &[S1R.w]);
    f.n(90, &[S1R.p]);
    if !lite {
        f.n(82, &[lab(st, s0l)]);
        f.n(85, &[lab(st, s0r)]);
        f.n(88, &[lab(st, b0l)]);
        f.n(91, &[lab(st, s1r)]);
        f.n(92, &[S1L.p, lab(st, s1l)]);
    }

    if !lite {
        // Second children and three-tag chains.
        f.n(100, &[S0L2.w]);
        f.n(101, &[S0L2.p]);
        f.n(102, &[lab(st, s0l2)]);
        f.n(103, &[S0R2.w]);
        f.n(104, &[S0R2.p]);
        f.n(105, &[lab(st, s0r2)]);
        f.n(106, &[B0L2.w]);
        f.n(107, &[B0L2.p]);
        f.n(108, &[lab(st, b0l2)]);
        f.n(109, &[S0.p, S0L.p, S0L2.p]);
        f.n(110, &[S0.p, S0R.p, S0R2.p]);
        f.n(111, &[B0.p, B0L.p, B0L2.p]);
        f.n(112, &[S1.p, S1R.p, S1R2.p]);

        // Subtree edges.
        f.n(130, &[S0E.w, S0.p]);
        f.n(131, &[S0E.p, S0.p, B0.p]);
        f.n(132, &[S0EB.p, S0E.p, S0.p]);
        f.n(133, &[S0EB.w, S0.p, B0.p]);
        f.n(134, &[B0E.p, B0.p, S0.p]);
        f.n(135, &[B0E.w, B0.p]);
        f.n(136, &[S1E.p, S1.p, S0.p]);
        f.n(137, &[S1EB.p, S1E.p, S1.p]);
        f.n(138, &[S0EB.u, S0E.u, S0.u, B0.u]);
        f.n(139, &[S1E.u, S1.u, S0E.u, S0.u]);
        f.n(140, &[S0EB.w, S0E.w, S0.p]);

        // Labels with tags.
        f.n(150, &[S0.p, lab(st, s0l), lab(st, s0r), B0.p]);
        f.n(151, &[S1.p, lab(st, s1r), S0.p, lab(st, s0l)]);
        f.n(152, &[B0.p, lab(st, b0l), S0.p, lab(st, s0r)]);
    }

    // Word clusters.
    f.n(170, &[S0.cf]);
    f.n(171, &[B0.cf]);
    f.n(172, &[S1.cf]);
    f.n(173, &[B1.cm]);
    f.n(174, &[S0.cm, B0.cm]);
    f.n(175, &[S0.p, B0.cf]);
    f.n(176, &[S0.cf, B0.p]);
    f.n(177, &[S1.cm, S0.cm]);
    f.n(178, &[S0.cm, B0.cm, B1.p]);

    // The guide (a right-to-left parse, when there is one): does it have the arc this
    // move would make, where it puts the heads of s0 and b0, and whether s0 still has
    // dependents to come in it.
    if t.get(1).is_some_and(|w| w.g != NO_GUIDE) {
        let rel = |x: u32, y: u32| -> u64 {
            if x >= none || y >= none {
                3
            } else if t[x as usize].g == y {
                1
            } else if t[y as usize].g == x {
                2
            } else {
                0
            }
        };
        // Where the guide's head of w is, seen from this configuration.
        let place = |w: u32| -> u64 {
            if w >= none || w == 0 {
                return 6;
            }
            let g = t[w as usize].g;
            if g == 0 {
                0
            } else if g == s1 {
                1
            } else if g == b0 {
                2
            } else if g > b0 && g < none {
                3
            } else if g == s0 {
                4
            } else {
                5
            }
        };
        let pending = |w: u32| (w < none && t[w as usize].gr >= st.b) as u64;
        let (r0, r1, p0, pb) = (rel(s0, b0), rel(s1, s0), place(s0), place(b0));
        let ps0 = pending(s0);
        f.n(200, &[r0, r1]);
        f.n(201, &[r0, r1, S0.p, B0.p]);
        f.n(202, &[p0, pb, ps0]);
        f.n(203, &[p0, S0.p, B0.p]);
        f.n(204, &[pb, B0.p, S0.p]);
        f.n(207, &[ps0, p0, r0, r1]);
        f.n(209, &[rel(s1, b0), rel(s2, s0), r0, r1]);
        // How sure the guide was, and what it attached s0 and b0 to.
        let gtag = |w: u32| -> u64 {
            let g = t[w as usize].g;
            if w >= none || g as usize >= t.len() {
                0
            } else {
                t[g as usize].p
            }
        };
        f.n(210, &[r0, r1, S0.gm]);
        f.n(211, &[p0, S0.gm, pb, B0.gm]);
        f.n(212, &[gtag(s0), S0.p, p0]);
        f.n(213, &[gtag(b0), B0.p, pb]);
    }
}

/// Features for labelling the arc `h -> d` (the dependent is complete in the arc-hybrid
/// system; the head may still get more children).
#[allow(non_snake_case)]
pub fn label_features(st: &State, t: &[Tok], h: u32, d: u32, f: &mut Features) {
    f.clear();
    let none = st.none();
    let (hi, di) = (h as usize, d as usize);
    let (H, D) = (t[hi], t[di]);
    let dir = (d < h) as u64;
    let dd = dist(h, d, none);
    let [dl, dl2] = st.lc[di];
    let [dr, _] = st.rc[di];
    let (DL, DL2, DR) = (t[dl as usize], t[dl2 as usize], t[dr as usize]);
    let [hl, _] = st.lc[hi];
    let [hr, _] = st.rc[hi];
    let before = if d > 1 { d - 1 } else { none };
    let after = if d < st.n { d + 1 } else { none };
    let (DB, DA) = (t[before as usize], t[after as usize]);

    f.n(1, &[dir]);
    f.n(2, &[dir, H.w]);
    f.n(3, &[dir, H.p]);
    f.n(4, &[dir, H.l]);
    f.n(5, &[dir, D.w]);
    f.n(6, &[dir, D.p]);
    f.n(7, &[dir, D.l]);
    f.n(8, &[dir, H.p, D.p]);
    f.n(9, &[dir, H.w, D.p]);
    f.n(10, &[dir, H.p, D.w]);
    f.n(11, &[dir, H.l, D.l]);
    f.n(12, &[dir, H.u, D.u, dd]);
    f.n(13, &[dir, H.p, D.p, dd]);
    f.n(14, &[dir, D.wp]);
    f.n(15, &[dir, H.wp]);

    // The dependent's own children (it is complete).
    f.n(20, &[dir, DL.w]);
    f.n(21, &[dir, DL.p, lab(st, dl)]);
    f.n(22, &[dir, D.p, DL.w]);
    f.n(23, &[dir, DR.w]);
    f.n(24, &[dir, DR.p, lab(st, dr)]);
    f.n(25, &[dir, D.p, st.lset[di]]);
    f.n(26, &[dir, D.p, st.rset[di]]);
    f.n(27, &[dir, D.p, st.lset[di], st.rset[di]]);
    f.n(28, &[dir, DL2.w, DL.w]);
    f.n(29, &[dir, H.p, D.p, DL.w]);
    f.n(30, &[dir, D.l, DL.l]);

    // The head's children so far.
    f.n(40, &[dir, H.p, st.lset[hi]]);
    f.n(41, &[dir, H.p, st.rset[hi]]);
    f.n(42, &[dir, H.p, D.p, st.lset[hi], st.rset[hi]]);
    f.n(43, &[dir, t[hl as usize].p, lab(st, hl)]);
    f.n(44, &[dir, t[hr as usize].p, lab(st, hr)]);
    f.n(45, &[dir, H.l, st.lset[hi]]);

    // Context.
    f.n(50, &[dir, DB.p, D.p]);
    f.n(51, &[dir, D.p, DA.p]);
    f.n(52, &[dir, DB.w, D.p]);
    f.n(53, &[dir, D.p, DA.w]);
    let head_after = if h < st.n { h + 1 } else { none };
    f.n(54, &[dir, H.p, t[head_after as usize].p, D.p]);

    // Word clusters.
    f.n(70, &[dir, H.cm, D.cm]);
    f.n(71, &[dir, D.cf]);
    f.n(72, &[dir, H.cf]);
    f.n(73, &[dir, H.p, D.cf]);
    f.n(74, &[dir, H.cf, D.p]);

    // Whether the guide agrees on the head, and how sure it was.
    if D.g != NO_GUIDE {
        let agree = (D.g == h) as u64;
        f.n(80, &[dir, agree, D.gm]);
        f.n(81, &[dir, agree, D.p]);
        f.n(82, &[dir, agree, H.p, D.p]);
    }
}
