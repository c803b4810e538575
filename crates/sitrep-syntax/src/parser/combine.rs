//! The right-to-left reading of a sentence for the guide parser ([`r2l_order`],
//! [`r2l_sentence`]), greedy parses in either direction with the margins of their decisions
//! ([`Directed`]), and Eisner's algorithm for the driver's experiment in parser combination
//! by reparsing (Sagae and Lavie 2006: the arcs of both directions, weighted by the margins,
//! and the best projective tree over them; no better on dev than stacking, see the module
//! docs of [`super`]).

use super::features::Tok;
use super::system::{State, NO_LABEL, N_MOVES};
use super::{best_move, Parser};
use crate::conllu::UdSentence;
use sitrep_learn::Features;

/// One direction's greedy parse, in sentence order whatever the direction: per word
/// (index `d - 1` for word `d`), its head (0 = root), label number, and the margins by which
/// the move that attached it and its label beat their runners-up.
#[derive(Debug, Clone, Default)]
pub struct Directed {
    pub heads: Vec<u32>,
    pub labels: Vec<u16>,
    pub margins: Vec<f32>,
    pub label_margins: Vec<f32>,
}

/// The order in which the right-to-left parser reads a sentence of words with these UPOS
/// tags: `order[i]` is the (0-based) word read `i`-th. Right to left, except that the
/// punctuation that ends the sentence stays at the end: read first, it would sit at the
/// bottom of the stack waiting for the main verb, and the arc-hybrid system would get it
/// and the root wrong half the time.
pub fn r2l_order<'a>(
    upos: impl DoubleEndedIterator<Item = &'a str> + ExactSizeIterator,
) -> Vec<usize> {
    let n = upos.len();
    let trailing = upos.rev().take_while(|u| *u == "PUNCT").count();
    let body = if trailing == n { n } else { n - trailing };
    (0..body).rev().chain(body..n).collect()
}

/// A treebank sentence in the right-to-left parser's order ([`r2l_order`]), heads renumbered:
/// what the right-to-left parser is trained on.
pub fn r2l_sentence(s: &UdSentence) -> UdSentence {
    let n = s.words.len();
    let order = r2l_order(s.words.iter().map(|w| w.upos.as_str()));
    let mut pos = vec![0usize; n + 1];
    for (i, &w) in order.iter().enumerate() {
        pos[w + 1] = i + 1;
    }
    let mut r = s.clone();
    r.words = order
        .iter()
        .map(|&w| {
            let mut x = s.words[w].clone();
            x.head = pos[x.head.min(n)];
            x
        })
        .collect();
    r.multi.clear();
    r
}

/// The token table in `order` (root and "no word" stay where they are). The ids of a word
/// do not depend on its neighbours, so this is the table of the reordered sentence.
pub fn reordered(toks: &[Tok], order: &[usize]) -> Vec<Tok> {
    let mut r = toks.to_vec();
    for (i, &w) in order.iter().enumerate() {
        r[i + 1] = toks[w + 1];
    }
    r
}

impl Parser {
    /// A greedy parse of `toks`, read in `order` (see [`r2l_order`]; `None`: left to right),
    /// with the margins of its decisions, in sentence order.
    pub(crate) fn run_directed(&self, toks: &[Tok], order: Option<&[usize]>) -> Directed {
        let n = toks.len() - 2;
        let mut st = State::new(n);
        let mut f = Features::new();
        let mut lscores = vec![0i32; self.labels.n_classes()];
        let mut margins = vec![0f32; n + 2];
        let mut lmargins = vec![0f32; n + 2];
        let scale = self.labels.scale();
        while !st.is_terminal() {
            super::features::transition_features(&st, toks, &mut f, self.lite);
            let scores = self.moves.scores(f.keys());
            let m = best_move(&st, &scores);
            let mut margin = f32::INFINITY;
            for k in 0..N_MOVES {
                if k != m && st.valid(k) {
                    margin = margin.min(scores[m] - scores[k]);
                }
            }
            let label = match st.arc_of(m) {
                Some((h, d)) => {
                    margins[d as usize] = margin;
                    let (l, lm) = self.label_scored(&st, toks, h, d, &mut f, &mut lscores);
                    lmargins[d as usize] = lm * scale;
                    l
                }
                None => NO_LABEL,
            };
            st.apply(m, label);
        }
        let mut out = Directed {
            heads: Vec::with_capacity(n),
            labels: Vec::with_capacity(n),
            margins: Vec::with_capacity(n),
            label_margins: Vec::with_capacity(n),
        };
        // pos[w]: where word w (1-based) was read; back: the word read at position p.
        let identity: Vec<usize>;
        let order = match order {
            Some(o) => o,
            None => {
                identity = (0..n).collect();
                &identity
            }
        };
        let mut pos = vec![0usize; n + 1];
        for (i, &w) in order.iter().enumerate() {
            pos[w + 1] = i + 1;
        }
        let back = |p: u32| {
            if p == 0 {
                0
            } else {
                order[p as usize - 1] as u32 + 1
            }
        };
        for &src in &pos[1..] {
            out.heads.push(back(st.heads[src]));
            out.labels.push(st.labels[src]);
            out.margins.push(margins[src]);
            out.label_margins.push(lmargins[src]);
        }
        out
    }
}

/// Eisner's algorithm: the projective tree over words `1..=n` with exactly one word under the
/// root (0) that maximises the summed `score(head, dependent)`. Returns the heads, index
/// `d - 1` for word `d`. Time O(n³), memory O(n²).
pub fn eisner(n: usize, score: &dyn Fn(usize, usize) -> f32) -> Vec<u32> {
    if n == 0 {
        return Vec::new();
    }
    // Spans over words 1..=n, indexed [s * m + t] with m = n + 1. Complete spans headed at
    // their left end (`cr`) or right end (`cl`); incomplete spans (an arc between the ends)
    // headed left (`ir`) or right (`il`). Back pointers hold the split point.
    let m = n + 1;
    let neg = f32::NEG_INFINITY;
    let (mut cr, mut cl, mut ir, mut il) = (
        vec![neg; m * m],
        vec![neg; m * m],
        vec![neg; m * m],
        vec![neg; m * m],
    );
    let (mut bcr, mut bcl, mut bir, mut bil) = (
        vec![0u32; m * m],
        vec![0u32; m * m],
        vec![0u32; m * m],
        vec![0u32; m * m],
    );
    for s in 1..=n {
        cr[s * m + s] = 0.0;
        cl[s * m + s] = 0.0;
    }
    for len in 1..n {
        for s in 1..=n - len {
            let t = s + len;
            // Incomplete: an arc between s and t over a split r.
            let (best, arg) = best_split(s..t, s, |r| cr[s * m + r] + cl[(r + 1) * m + t]);
            ir[s * m + t] = best + score(s, t);
            il[s * m + t] = best + score(t, s);
            bir[s * m + t] = arg as u32;
            bil[s * m + t] = arg as u32;
            // Complete, headed right (t): cl[s][r] + il[r][t].
            let (best, arg) = best_split(s..t, s, |r| cl[s * m + r] + il[r * m + t]);
            cl[s * m + t] = best;
            bcl[s * m + t] = arg as u32;
            // Complete, headed left (s): ir[s][r] + cr[r][t].
            let (best, arg) = best_split(s + 1..=t, t, |r| ir[s * m + r] + cr[r * m + t]);
            cr[s * m + t] = best;
            bcr[s * m + t] = arg as u32;
        }
    }
    // The root's one child r: everything left of it hangs from it, and everything right.
    let (_, root) = best_split(1..=n, 1, |r| cl[m + r] + cr[r * m + n] + score(0, r));
    let mut heads = vec![0u32; n];
    // Explicit stack instead of recursion: (s, t, kind) with kind 0 = cr, 1 = cl, 2 = ir, 3 = il.
    let mut todo: Vec<(usize, usize, u8)> = vec![(1, root, 1), (root, n, 0)];
    while let Some((s, t, kind)) = todo.pop() {
        if s >= t {
            continue;
        }
        let i = s * m + t;
        match kind {
            0 => {
                let r = bcr[i] as usize;
                todo.push((s, r, 2));
                todo.push((r, t, 0));
            }
            1 => {
                let r = bcl[i] as usize;
                todo.push((s, r, 1));
                todo.push((r, t, 3));
            }
            2 => {
                heads[t - 1] = s as u32;
                let r = bir[i] as usize;
                todo.push((s, r, 0));
                todo.push((r + 1, t, 1));
            }
            _ => {
                heads[s - 1] = t as u32;
                let r = bil[i] as usize;
                todo.push((s, r, 0));
                todo.push((r + 1, t, 1));
            }
        }
    }
    heads
}

/// The highest `value(r)` over `splits` and the first `r` reaching it; `(-inf, default)`
/// when no value beats minus infinity.
#[inline]
fn best_split(
    splits: impl Iterator<Item = usize>,
    default: usize,
    value: impl Fn(usize) -> f32,
) -> (f32, usize) {
    let (mut best, mut arg) = (f32::NEG_INFINITY, default);
    for r in splits {
        let v = value(r);
        if v > best {
            best = v;
            arg = r;
        }
    }
    (best, arg)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every projective tree with one root child, by brute force, for small n.
    fn best_brute(n: usize, score: &dyn Fn(usize, usize) -> f32) -> f32 {
        fn rec(
            d: usize,
            n: usize,
            heads: &mut Vec<usize>,
            score: &dyn Fn(usize, usize) -> f32,
            best: &mut f32,
        ) {
            if d > n {
                let roots = heads[1..].iter().filter(|&&h| h == 0).count();
                if roots != 1 {
                    return;
                }
                let h32: Vec<usize> = heads[1..].to_vec();
                // A tree: every word reaches the root.
                for w in 1..=n {
                    let (mut x, mut k) = (w, 0);
                    while x != 0 && k <= n {
                        x = h32[x - 1];
                        k += 1;
                    }
                    if x != 0 {
                        return;
                    }
                }
                let proj = crate::parser::system::projectivize(&h32);
                if proj != h32 {
                    return;
                }
                let s: f32 = (1..=n).map(|w| score(h32[w - 1], w)).sum();
                if s > *best {
                    *best = s;
                }
                return;
            }
            for h in 0..=n {
                if h != d {
                    heads[d] = h;
                    rec(d + 1, n, heads, score, best);
                }
            }
        }
        let mut best = f32::NEG_INFINITY;
        rec(1, n, &mut vec![0; n + 1], score, &mut best);
        best
    }

    #[test]
    fn right_to_left_keeps_the_final_punctuation_last() {
        let order = |u: &[&str]| r2l_order(u.iter().copied());
        assert_eq!(order(&["PRON", "VERB", "PUNCT"]), vec![1, 0, 2]);
        assert_eq!(order(&["PRON", "VERB", "PUNCT", "PUNCT"]), vec![1, 0, 2, 3]);
        assert_eq!(order(&["PUNCT", "VERB", "NOUN"]), vec![2, 1, 0]);
        assert_eq!(order(&["PUNCT", "PUNCT"]), vec![1, 0]);
        assert_eq!(order(&[]), Vec::<usize>::new());
    }

    #[test]
    fn eisner_finds_the_best_projective_tree() {
        let mut seed = 7u64;
        for n in 1..=6 {
            for _ in 0..20 {
                let mut w = vec![0f32; (n + 1) * (n + 1)];
                for x in w.iter_mut() {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    *x = ((seed >> 40) % 100) as f32;
                }
                let score = |h: usize, d: usize| w[h * (n + 1) + d];
                let heads = eisner(n, &score);
                let got: f32 = (1..=n).map(|d| score(heads[d - 1] as usize, d)).sum();
                assert_eq!(heads.iter().filter(|&&h| h == 0).count(), 1);
                let h: Vec<usize> = heads.iter().map(|&h| h as usize).collect();
                assert_eq!(crate::parser::system::projectivize(&h), h);
                assert_eq!(got, best_brute(n, &score), "n={n}");
            }
        }
    }
}
