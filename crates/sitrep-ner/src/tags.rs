//! BILOU tags over the model's entity types, spans <-> tags, and constrained Viterbi decoding.
//!
//! Tag numbers: 0 is `O`; type `k` (0-based) owns tags `1 + 4k ..= 4 + 4k` in the order
//! B, I, L, U. The decoder only walks transitions that make well-formed spans (a `B-X` is
//! followed by `I-X` or `L-X`, a span closes before another opens), so every decoded sequence
//! converts back to spans without repair.

/// The entity types the model predicts (CoNLL-2003's four).
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// Number of tags: `O` and B/I/L/U for each type.
pub const N_TAGS: usize = 1 + 4 * TYPES.len();

/// Index of the START/END state in the transition table (one past the last tag).
pub const EDGE: usize = N_TAGS;

/// Side of the transition table, tags plus the START/END state.
pub const T_SIDE: usize = N_TAGS + 1;

/// Where a tag stands in its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    O,
    B,
    I,
    L,
    U,
}

/// The part of a tag.
#[inline]
pub fn part(tag: usize) -> Part {
    if tag == 0 {
        return Part::O;
    }
    match (tag - 1) % 4 {
        0 => Part::B,
        1 => Part::I,
        2 => Part::L,
        _ => Part::U,
    }
}

/// The type index of a tag (`None` for `O`).
#[inline]
pub fn type_of(tag: usize) -> Option<usize> {
    (tag != 0).then(|| (tag - 1) / 4)
}

/// The tag for a part of a type.
#[inline]
pub fn tag(ty: usize, p: Part) -> usize {
    match p {
        Part::O => 0,
        Part::B => 1 + 4 * ty,
        Part::I => 2 + 4 * ty,
        Part::L => 3 + 4 * ty,
        Part::U => 4 + 4 * ty,
    }
}

/// The tag names, in tag order (`O`, `B-PER`, `I-PER`, ...).
pub fn tag_names() -> Vec<String> {
    let mut v = vec!["O".to_string()];
    for t in TYPES {
        for p in ["B", "I", "L", "U"] {
            v.push(format!("{p}-{t}"));
        }
    }
    v
}

/// The type index of a type name.
pub fn type_index(name: &str) -> Option<usize> {
    TYPES.iter().position(|t| *t == name)
}

/// Whether `a -> b` is a legal transition (`EDGE` stands for the sentence start or end).
pub fn allowed(a: usize, b: usize) -> bool {
    let open_a = a != EDGE && matches!(part(a), Part::B | Part::I);
    if b == EDGE {
        return !open_a;
    }
    match part(b) {
        Part::I | Part::L => open_a && type_of(a) == type_of(b),
        _ => !open_a,
    }
}

/// A span of tokens `[start, end)` with a type index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TSpan {
    pub start: usize,
    pub end: usize,
    pub ty: usize,
}

/// BILOU tags for `n` tokens with the given (non-overlapping, in-range) spans.
pub fn encode(n: usize, spans: &[TSpan]) -> Vec<usize> {
    let mut tags = vec![0; n];
    for s in spans {
        if s.start >= s.end || s.end > n {
            continue;
        }
        if s.end - s.start == 1 {
            tags[s.start] = tag(s.ty, Part::U);
        } else {
            tags[s.start] = tag(s.ty, Part::B);
            for t in &mut tags[s.start + 1..s.end - 1] {
                *t = tag(s.ty, Part::I);
            }
            tags[s.end - 1] = tag(s.ty, Part::L);
        }
    }
    tags
}

/// Spans of a tag sequence. Ill-formed pieces (which the decoder never makes) are read
/// leniently: a span opens at B or U, or at an I/L that does not continue one.
pub fn decode_spans(tags: &[usize]) -> Vec<TSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let p = part(t);
        let ty = type_of(t);
        if let Some((s, oty)) = open {
            let continues = matches!(p, Part::I | Part::L) && ty == Some(oty);
            if !continues {
                out.push(TSpan {
                    start: s,
                    end: i,
                    ty: oty,
                });
                open = None;
            }
        }
        match (p, ty) {
            (Part::O, _) | (_, None) => {}
            (Part::U, Some(ty)) => {
                if open.is_none() {
                    out.push(TSpan {
                        start: i,
                        end: i + 1,
                        ty,
                    })
                }
            }
            (Part::B, Some(ty)) => open = Some((i, ty)),
            (Part::I, Some(ty)) => {
                if open.is_none() {
                    open = Some((i, ty));
                }
            }
            (Part::L, Some(ty)) => {
                let s = open.map_or(i, |(s, _)| s);
                out.push(TSpan {
                    start: s,
                    end: i + 1,
                    ty,
                });
                open = None;
            }
        }
    }
    if let Some((s, ty)) = open {
        out.push(TSpan {
            start: s,
            end: tags.len(),
            ty,
        });
    }
    out
}

/// Transition scores, `T_SIDE * T_SIDE`, row = from, column = to; illegal moves hold
/// `f32::NEG_INFINITY` after [`with_constraints`].
pub fn with_constraints(mut trans: Vec<f32>) -> Vec<f32> {
    trans.resize(T_SIDE * T_SIDE, 0.0);
    for a in 0..T_SIDE {
        for b in 0..T_SIDE {
            if !allowed(a, b) || (a == EDGE && b == EDGE) {
                trans[a * T_SIDE + b] = f32::NEG_INFINITY;
            }
        }
    }
    trans
}

/// Reusable buffers for [`viterbi`].
#[derive(Debug, Default, Clone)]
pub struct Lattice {
    score: Vec<f32>,
    back: Vec<u8>,
}

/// The best tag sequence for emission scores `em` (`n * N_TAGS`, row per token) under
/// transition scores `trans` (see [`with_constraints`]). Writes `n` tags into `out`.
pub fn viterbi(em: &[f32], trans: &[f32], lat: &mut Lattice, out: &mut Vec<usize>) {
    let n = em.len() / N_TAGS;
    out.clear();
    if n == 0 {
        return;
    }
    lat.score.clear();
    lat.score.resize(n * N_TAGS, f32::NEG_INFINITY);
    lat.back.clear();
    lat.back.resize(n * N_TAGS, 0);
    for b in 0..N_TAGS {
        lat.score[b] = trans[EDGE * T_SIDE + b] + em[b];
    }
    for i in 1..n {
        let (prev, cur) = lat.score.split_at_mut(i * N_TAGS);
        let prev = &prev[(i - 1) * N_TAGS..];
        for b in 0..N_TAGS {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for (a, &pa) in prev.iter().enumerate() {
                let s = pa + trans[a * T_SIDE + b];
                if s > best {
                    best = s;
                    arg = a as u8;
                }
            }
            cur[b] = best + em[i * N_TAGS + b];
            lat.back[i * N_TAGS + b] = arg;
        }
    }
    let last = &lat.score[(n - 1) * N_TAGS..];
    let mut best = f32::NEG_INFINITY;
    let mut arg = 0usize;
    for (b, &s) in last.iter().enumerate() {
        let s = s + trans[b * T_SIDE + EDGE];
        if s > best {
            best = s;
            arg = b;
        }
    }
    out.resize(n, 0);
    out[n - 1] = arg;
    for i in (1..n).rev() {
        arg = lat.back[i * N_TAGS + arg] as usize;
        out[i - 1] = arg;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_round_trip_and_viterbi_keeps_spans_well_formed() {
        let spans = vec![
            TSpan {
                start: 0,
                end: 2,
                ty: 0,
            },
            TSpan {
                start: 3,
                end: 4,
                ty: 2,
            },
            TSpan {
                start: 4,
                end: 7,
                ty: 1,
            },
        ];
        let tags = encode(8, &spans);
        assert_eq!(decode_spans(&tags), spans);
        // Emissions that prefer an ill-formed "I-PER" alone: the decoder must not make it.
        let trans = with_constraints(vec![0.0; T_SIDE * T_SIDE]);
        let mut em = vec![0.0; 3 * N_TAGS];
        em[N_TAGS + tag(0, Part::I)] = 5.0;
        let mut lat = Lattice::default();
        let mut out = Vec::new();
        viterbi(&em, &trans, &mut lat, &mut out);
        for w in out.windows(2) {
            assert!(allowed(w[0], w[1]), "{out:?}");
        }
        assert!(allowed(EDGE, out[0]) && allowed(out[2], EDGE));
    }
}
