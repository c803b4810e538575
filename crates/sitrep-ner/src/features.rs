//! Feature extraction, shared by training and run time.
//!
//! A document is first read into a [`DocCtx`]: per token, hashed ids for the word as written,
//! lower-cased and "normalised" (its usual form from the [`Lexicon`] where its case says
//! nothing: sentence-initial words and all-caps headlines), its word shapes, case profile,
//! word clusters ([`sitrep_learn::clusters`]), gazetteer matches and document statistics.
//! Features of a token are then cheap combinations of these ids ([`local`]). The second pass
//! adds features from the first pass's labels over the whole document ([`Agg`], [`nonlocal`]).

use crate::gazetteer::{Gazetteer, Match};
use crate::lexicon::{case_of, is_caps_sentence, is_initial, is_title_sentence, Case, Lexicon};
use crate::tags::{type_of, Part, N_TAGS};
use sitrep_learn::{str_id, Features};
use std::collections::HashMap;

// Templates.
const T_BIAS: u32 = 0;
const T_LOW: u32 = 1;
const T_NORM: u32 = 2;
const T_SHAPE: u32 = 3;
const T_SSHAPE: u32 = 4;
const T_PRE: u32 = 5;
const T_SUF: u32 = 6;
const T_WLOW: u32 = 7;
const T_WSHAPE: u32 = 8;
const T_BI_L: u32 = 9;
const T_BI_R: u32 = 10;
const T_SHAPE3: u32 = 11;
const T_WNORM: u32 = 12;
const T_POS: u32 = 13;
const T_PROF: u32 = 14;
const T_GAZ: u32 = 15;
const T_DOC: u32 = 16;
const T_NUM: u32 = 17;
const T_WPROF: u32 = 19;
const T_RAWSHAPE: u32 = 20;
const T_WGAZ: u32 = 21;
const T_LOW_SH: u32 = 22;
const T_SH_LOW: u32 = 23;
const T_GAZ_LEN: u32 = 24;
const T_CTX: u32 = 25;
const T_TOPIC: u32 = 26;
const T_DATELINE: u32 = 27;
const T_HYPH_HEAD: u32 = 28;
const T_HYPH_MOD: u32 = 29;
const T_QUOTE: u32 = 18;
const T_BOW: u32 = 39;
const T_AGG: u32 = 30;
const T_AGG_MAJ: u32 = 31;
const T_AGG_N: u32 = 32;
const T_STACK: u32 = 33;
const T_FIRST: u32 = 34;
const T_AGG_MAJ_POS: u32 = 35;
const T_STACK2: u32 = 36;
const T_PHRASE: u32 = 37;
const T_AGG_TAG: u32 = 38;
const T_CL: u32 = 41;
const T_CL_SH: u32 = 42;
const T_WCL: u32 = 43;
const T_CL_POS: u32 = 44;

// Token flags.
const F_CAP: u32 = 1;
const F_INITIAL: u32 = 2;
const F_CAPS_SENT: u32 = 4;
const F_DIGIT: u32 = 8;
const F_NUMBER: u32 = 16;
const F_ALPHA: u32 = 32;
const F_HAS_UPPER: u32 = 64;
const F_TITLE_SENT: u32 = 128;

/// Gazetteer lists of places (a bit per list id).
const GEO_BITS: u64 = (1 << 0) | (1 << 1) | (1 << 5) | (1 << 6) | (0xf << 18) | (0x3 << 24);

/// Ids standing for positions before and after the sentence.
const BOS: u64 = 0x5bd1_e995_0000_0001;
const EOS: u64 = 0x5bd1_e995_0000_0002;
/// The cluster id of a word outside the cluster vocabulary.
const NO_CLUSTER: u16 = u16::MAX;
/// The identity of a word the lexicon does not know.
const UNK: u64 = 0x5bd1_e995_0000_0003;

/// What the feature extractor needs besides the document.
pub struct Resources<'a> {
    pub lexicon: &'a Lexicon,
    pub gazetteer: &'a Gazetteer,
}

/// A document read for feature extraction (see the module docs). Token numbers are global
/// over the document.
#[derive(Debug, Default)]
pub struct DocCtx {
    /// Sentence `s` owns tokens `sent_start[s]..sent_start[s + 1]`.
    pub sent_start: Vec<usize>,
    pub low: Vec<u64>,
    pub raw: Vec<u64>,
    /// The word's identity for features: its lower-cased id, or `UNK` for an unknown word.
    wid: Vec<u64>,
    norm: Vec<u64>,
    shape: Vec<u64>,
    sshape: Vec<u64>,
    rawshape: Vec<u64>,
    prof: Vec<u64>,
    /// Word clusters (fine, mid, coarse; `NO_CLUSTER` where the word has none).
    clus: Vec<[u16; 3]>,
    pub flags: Vec<u32>,
    lower_text: String,
    lower_off: Vec<(usize, usize)>,
    /// Gazetteer codes per token: `gaz[gaz_off[t]..gaz_off[t + 1]]`.
    gaz: Vec<u64>,
    gaz_off: Vec<u32>,
    /// Lists matched over each token (a bit per list id), for the neighbours' features.
    gaz_bits: Vec<u64>,
    doc: Vec<u64>,
    /// Context words of the same word's other occurrences: `ctx[ctx_off[t]..ctx_off[t + 1]]`.
    ctx: Vec<u64>,
    ctx_off: Vec<u32>,
    /// The document's first word, lower-cased (CoNLL's "SOCCER -", a dateline's city).
    topic: u64,
    /// Per sentence: whether it looks like a dateline ("WIGAN , England 1996-08-31").
    dateline: Vec<bool>,
    /// Per token: whether it stands between quotation marks.
    quoted: Vec<bool>,
}

impl DocCtx {
    pub fn n_tokens(&self) -> usize {
        self.low.len()
    }

    pub fn n_sentences(&self) -> usize {
        self.sent_start.len().saturating_sub(1)
    }

    /// The token range of sentence `s`.
    pub fn sentence(&self, s: usize) -> std::ops::Range<usize> {
        self.sent_start[s]..self.sent_start[s + 1]
    }

    /// Whether a gazetteer list matched anywhere in sentence `s`.
    pub fn sentence_has_list(&self, s: usize, list: u8) -> bool {
        self.sentence(s)
            .any(|t| self.gaz_bits[t] & (1 << list) != 0)
    }

    fn lower(&self, t: usize) -> &str {
        let (a, b) = self.lower_off[t];
        &self.lower_text[a..b]
    }
}

fn shape_of(w: &str, long: &mut String, short: &mut String) {
    long.clear();
    short.clear();
    let mut last = '\0';
    let mut run = 0;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() || c.is_alphabetic() {
            'x'
        } else if c.is_ascii_digit() || c.is_numeric() {
            'd'
        } else if c.is_ascii_punctuation() {
            c
        } else {
            '*'
        };
        if k == last {
            run += 1;
        } else {
            run = 1;
            short.push(k);
        }
        if run <= 3 {
            long.push(k);
        }
        last = k;
    }
}

/// Where token `t` stands in the match `[start, end)`.
fn part_at(t: usize, start: usize, end: usize) -> Part {
    if end - start == 1 {
        Part::U
    } else if t == start {
        Part::B
    } else if t + 1 == end {
        Part::L
    } else {
        Part::I
    }
}

/// Reads a document (sentences of tokens) into a [`DocCtx`].
pub fn read_doc<S: AsRef<str>>(res: &Resources, doc: &[Vec<S>]) -> DocCtx {
    let n: usize = doc.iter().map(Vec::len).sum();
    let mut c = DocCtx {
        sent_start: Vec::with_capacity(doc.len() + 1),
        low: Vec::with_capacity(n),
        raw: Vec::with_capacity(n),
        wid: Vec::with_capacity(n),
        norm: Vec::with_capacity(n),
        shape: Vec::with_capacity(n),
        sshape: Vec::with_capacity(n),
        rawshape: Vec::with_capacity(n),
        prof: Vec::with_capacity(n),
        clus: Vec::with_capacity(n),
        flags: Vec::with_capacity(n),
        lower_text: String::with_capacity(n * 8),
        lower_off: Vec::with_capacity(n),
        gaz: Vec::new(),
        gaz_off: Vec::with_capacity(n + 1),
        gaz_bits: vec![0; n],
        doc: Vec::with_capacity(n),
        ctx: Vec::new(),
        ctx_off: Vec::with_capacity(n + 1),
        topic: 0,
        dateline: Vec::with_capacity(doc.len()),
        quoted: Vec::with_capacity(n),
    };
    let clusters = sitrep_learn::clusters::Clusters::builtin();
    let (mut long, mut short) = (String::new(), String::new());
    let mut matches: Vec<Match> = Vec::new();
    let mut longest: Vec<Option<Match>> = Vec::new();
    let mut codes: Vec<Vec<u64>> = Vec::new();
    c.gaz_off.push(0);
    for sent in doc {
        let start = c.low.len();
        c.sent_start.push(start);
        let caps = is_caps_sentence(sent);
        let title = !caps && is_title_sentence(sent);
        c.dateline.push(
            sent.len() <= 8
                && sent.last().is_some_and(|w| {
                    let w = w.as_ref();
                    w.len() >= 8
                        && w.chars()
                            .all(|ch| ch.is_ascii_digit() || ch == '-' || ch == '/')
                }),
        );
        let mut open_quote = false;
        for (i, w) in sent.iter().enumerate() {
            let w = w.as_ref();
            let is_quote = matches!(w, "\"" | "``" | "''" | "\u{201c}" | "\u{201d}");
            if is_quote {
                open_quote = !open_quote;
            }
            c.quoted.push(open_quote && !is_quote);
            let a = c.lower_text.len();
            for ch in w.chars() {
                c.lower_text.extend(ch.to_lowercase());
            }
            let b = c.lower_text.len();
            c.lower_off.push((a, b));
            let lower = &c.lower_text[a..b];
            let case = case_of(w);
            let initial = is_initial(sent, i);
            let mut fl = 0;
            if matches!(case, Case::Title | Case::Upper)
                || (case == Case::Other && w.chars().next().is_some_and(char::is_uppercase))
            {
                fl |= F_CAP;
            }
            if w.chars().any(char::is_uppercase) {
                fl |= F_HAS_UPPER;
            }
            if initial {
                fl |= F_INITIAL;
            }
            if caps {
                fl |= F_CAPS_SENT;
            }
            if title {
                fl |= F_TITLE_SENT;
            }
            if w.chars().any(|ch| ch.is_ascii_digit()) {
                fl |= F_DIGIT;
                if w.chars()
                    .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | ',' | '-' | '/' | ':'))
                {
                    fl |= F_NUMBER;
                }
            }
            if case != Case::None {
                fl |= F_ALPHA;
            }
            let norm: &str = if case != Case::None && (initial || caps || title) {
                res.lexicon
                    .get(lower)
                    .map(|e| e.best.as_str())
                    .filter(|b| !b.is_empty())
                    .unwrap_or(w)
            } else {
                w
            };
            let known = res.lexicon.knows(lower);
            c.low.push(str_id(lower));
            c.raw.push(str_id(w));
            c.wid.push(if known { str_id(lower) } else { UNK });
            c.norm.push(if known { str_id(norm) } else { UNK });
            shape_of(norm, &mut long, &mut short);
            c.shape.push(str_id(&long));
            c.sshape.push(str_id(&short));
            if norm != w {
                shape_of(w, &mut long, &mut short);
                c.rawshape.push(str_id(&long));
            } else {
                c.rawshape.push(0);
            }
            c.prof.push(res.lexicon.profile(lower));
            c.clus.push(clusters.get(lower).unwrap_or([NO_CLUSTER; 3]));
            c.flags.push(fl);
        }
        // Gazetteer matches of this sentence.
        let end = c.low.len();
        res.gazetteer
            .find(&c.low[start..end], &c.raw[start..end], &mut matches);
        codes.clear();
        codes.resize(end - start, Vec::new());
        // The longest match over each token (ties: the first found) gets a feature of its own.
        longest.clear();
        longest.resize(end - start, None);
        for m in &matches {
            for l in longest.iter_mut().take(m.end).skip(m.start) {
                if l.is_none_or(|x: Match| x.end - x.start < m.end - m.start) {
                    *l = Some(*m);
                }
            }
        }
        for (t, l) in longest.iter().enumerate() {
            if let Some(m) = l {
                let p = part_at(t, m.start, m.end);
                codes[t].push(1 << 20 | (m.list as u64) << 8 | (p as u64) << 1 | m.case_ok as u64);
            }
        }
        for m in &matches {
            for (t, cs) in codes.iter_mut().enumerate().take(m.end).skip(m.start) {
                let p = part_at(t, m.start, m.end);
                let code = (m.list as u64) << 8 | (p as u64) << 1 | m.case_ok as u64;
                if !cs.contains(&code) {
                    cs.push(code);
                }
                c.gaz_bits[start + t] |= 1 << m.list;
            }
        }
        for cs in &codes {
            c.gaz.extend_from_slice(cs);
            c.gaz_off.push(c.gaz.len() as u32);
        }
    }
    c.sent_start.push(c.low.len());
    c.topic = (0..c.low.len())
        .find(|&t| c.flags[t] & F_ALPHA != 0)
        .map_or(0, |t| c.low[t]);
    // Document statistics: how the same word is written elsewhere in the document.
    let mut stats: HashMap<u64, (u16, u16)> = HashMap::new();
    for t in 0..c.low.len() {
        let f = c.flags[t];
        if f & F_ALPHA == 0 || f & (F_CAPS_SENT | F_TITLE_SENT) != 0 {
            continue;
        }
        let e = stats.entry(c.low[t]).or_default();
        if f & F_CAP != 0 && f & F_INITIAL == 0 {
            e.0 = e.0.saturating_add(1);
        } else if f & F_HAS_UPPER == 0 {
            e.1 = e.1.saturating_add(1);
        }
    }
    for t in 0..c.low.len() {
        let f = c.flags[t];
        if f & F_ALPHA == 0 {
            c.doc.push(0);
            continue;
        }
        let (mut cap, mut low) = stats.get(&c.low[t]).copied().unwrap_or((0, 0));
        if f & (F_CAPS_SENT | F_TITLE_SENT) == 0 {
            if f & F_CAP != 0 && f & F_INITIAL == 0 {
                cap = cap.saturating_sub(1);
            } else if f & F_HAS_UPPER == 0 {
                low = low.saturating_sub(1);
            }
        }
        let b = |x: u16| x.min(2) as u64;
        c.doc.push(1 + b(cap) * 3 + b(low));
    }
    context_aggregation(&mut c);
    c
}

/// Most other occurrences whose contexts a token sees.
const CTX_OCCURRENCES: usize = 8;

/// For each capitalised word, the words around its other occurrences in the document
/// (Ratinov & Roth's context aggregation): "Pirelli" next to "shares" once makes every
/// "Pirelli" look like a company.
fn context_aggregation(c: &mut DocCtx) {
    let n = c.low.len();
    let mut sent_of = vec![0u32; n];
    for s in 0..c.n_sentences() {
        for t in c.sentence(s) {
            sent_of[t] = s as u32;
        }
    }
    let mut occ: HashMap<u64, Vec<u32>> = HashMap::new();
    let named = |f: u32| f & F_HAS_UPPER != 0 && f & F_ALPHA != 0;
    for t in 0..n {
        if named(c.flags[t]) {
            let v = occ.entry(c.low[t]).or_default();
            if v.len() <= CTX_OCCURRENCES {
                v.push(t as u32);
            }
        }
    }
    let mut buf: Vec<u64> = Vec::new();
    c.ctx_off.push(0);
    for t in 0..n {
        if named(c.flags[t]) {
            if let Some(v) = occ.get(&c.low[t]) {
                buf.clear();
                for &j in v.iter().filter(|&&j| j as usize != t).take(CTX_OCCURRENCES) {
                    let j = j as usize;
                    let r = c.sentence(sent_of[j] as usize);
                    let left = if j > r.start { c.wid[j - 1] } else { BOS };
                    let right = if j + 1 < r.end { c.wid[j + 1] } else { EOS };
                    buf.push(left.rotate_left(1));
                    buf.push(right);
                }
                buf.sort_unstable();
                buf.dedup();
                c.ctx.extend_from_slice(&buf);
            }
        }
        c.ctx_off.push(c.ctx.len() as u32);
    }
}

/// The first keys [`local`] writes are the token's own word identity (the word, its
/// normalised form, the bigrams with its neighbours).
pub const LEXICAL_KEYS: usize = 4;

/// The local features of token `t` of sentence `s`.
pub fn local(c: &DocCtx, s: usize, t: usize, f: &mut Features) {
    let r = c.sentence(s);
    let at = |o: isize| -> Option<usize> {
        let j = t as isize + o;
        (j >= r.start as isize && j < r.end as isize).then_some(j as usize)
    };
    let id = |v: &Vec<u64>, o: isize| match at(o) {
        Some(j) => v[j],
        None if o < 0 => BOS,
        None => EOS,
    };
    let fl = c.flags[t];
    // The word's own identity first: training may hide these (see LEXICAL_KEYS).
    f.n(T_LOW, &[c.wid[t]]);
    f.n(T_NORM, &[c.norm[t]]);
    f.n(T_BI_L, &[id(&c.wid, -1), c.wid[t]]);
    f.n(T_BI_R, &[c.wid[t], id(&c.wid, 1)]);
    f.n(T_BIAS, &[]);
    f.n(T_SHAPE, &[c.shape[t]]);
    f.n(T_SSHAPE, &[c.sshape[t]]);
    if c.rawshape[t] != 0 {
        f.n(T_RAWSHAPE, &[c.rawshape[t], c.shape[t]]);
    }
    let low = c.lower(t);
    if fl & F_ALPHA != 0 {
        let chars: Vec<(usize, char)> = low.char_indices().take(64).collect();
        let nch = low.chars().count();
        for k in 1..=4usize.min(nch) {
            let end = chars.get(k).map_or(low.len(), |x| x.0);
            f.ns(T_PRE, &[k as u64], &low[..end]);
        }
        let mut ends = low.char_indices().rev();
        for k in 1..=4usize.min(nch) {
            if let Some((i, _)) = ends.next() {
                if k < nch || k == 1 {
                    f.ns(T_SUF, &[k as u64], &low[i..]);
                }
            }
        }
    }
    // Word clusters: the word's at each level, the fine one with its shape, the middle one
    // with its case and position, and the middle ones of its neighbours. A word never seen
    // in training still has the cluster of words that were ("nestle" and "unilever").
    let cl = c.clus[t];
    for (level, &k) in cl.iter().enumerate() {
        f.n(T_CL, &[level as u64, k as u64]);
    }
    f.n(T_CL_SH, &[cl[0] as u64, c.sshape[t]]);
    let cap = (fl & (F_CAP | F_INITIAL | F_CAPS_SENT | F_TITLE_SENT)) as u64;
    f.n(T_CL_POS, &[cl[1] as u64, cap]);
    for o in [-1isize, 1] {
        let k = at(o).map_or(NO_CLUSTER - 1, |j| c.clus[j][1]);
        f.n(T_WCL, &[o as u64, k as u64]);
    }
    for o in [-2isize, -1, 1, 2] {
        f.n(T_WLOW, &[o as u64, id(&c.wid, o)]);
        f.n(T_WSHAPE, &[o as u64, id(&c.sshape, o)]);
    }
    for o in [-1isize, 1] {
        f.n(T_WNORM, &[o as u64, id(&c.norm, o)]);
        f.n(T_WPROF, &[o as u64, id(&c.prof, o), c.sshape[t]]);
    }
    for o in [-2isize, -1, 1, 2] {
        let bits = at(o).map_or(0, |j| c.gaz_bits[j]);
        let mut b = bits;
        while b != 0 {
            let l = b.trailing_zeros() as u64;
            b &= b - 1;
            f.n(T_WGAZ, &[o as u64, l]);
        }
    }
    f.n(T_LOW_SH, &[id(&c.wid, -1), c.sshape[t]]);
    f.n(T_SH_LOW, &[c.sshape[t], id(&c.wid, 1)]);
    f.n(
        T_SHAPE3,
        &[id(&c.sshape, -1), c.sshape[t], id(&c.sshape, 1)],
    );
    let pos = (fl & (F_INITIAL | F_CAPS_SENT | F_TITLE_SENT)) as u64;
    f.n(T_POS, &[pos]);
    f.n(
        T_PROF,
        &[
            c.prof[t],
            (fl & (F_CAP | F_INITIAL | F_CAPS_SENT | F_TITLE_SENT)) as u64,
        ],
    );
    let (a, b) = (c.gaz_off[t] as usize, c.gaz_off[t + 1] as usize);
    for &code in &c.gaz[a..b] {
        f.n(T_GAZ, &[code]);
        f.n(T_GAZ_LEN, &[code, (fl & F_CAP) as u64]);
    }
    if c.doc[t] != 0 {
        f.n(T_DOC, &[c.doc[t], pos]);
    }
    let (a, b) = (c.ctx_off[t] as usize, c.ctx_off[t + 1] as usize);
    for &w in &c.ctx[a..b] {
        f.n(T_CTX, &[w]);
    }
    let geo = c.gaz_bits[t] & GEO_BITS != 0;
    f.n(T_TOPIC, &[c.topic, geo as u64, (fl & F_CAP) as u64]);
    if c.dateline[s] {
        f.n(
            T_DATELINE,
            &[c.sshape[t], geo as u64, (t - r.start).min(3) as u64],
        );
    }
    // Hyphenated words: "Ontario-based", "ex-England", "Franco-German".
    if fl & F_ALPHA != 0 {
        if let Some(h) = low.rfind('-').filter(|&h| h > 0 && h + 1 < low.len()) {
            let (head, tail) = (&low[..h], &low[h + 1..]);
            let raw_first_upper = fl & F_CAP != 0;
            f.ns(T_HYPH_HEAD, &[raw_first_upper as u64], tail);
            f.ns(T_HYPH_MOD, &[c.sshape[t]], head);
        }
    }
    // A capitalised word: the words within four of it, as a bag ("Magna was up 1/8").
    if fl & F_CAP != 0 {
        for j in t.saturating_sub(4).max(r.start)..(t + 5).min(r.end) {
            if j.abs_diff(t) >= 2 && c.flags[j] & F_ALPHA != 0 {
                f.n(T_BOW, &[c.wid[j]]);
            }
        }
    }
    if c.quoted[t] {
        f.n(T_QUOTE, &[c.sshape[t]]);
    }
    let num = |o: isize| at(o).is_some_and(|j| c.flags[j] & F_NUMBER != 0) as u64;
    f.n(T_NUM, &[num(-1), num(1), (fl & F_NUMBER != 0) as u64]);
}

/// What the first pass said about each word over the whole document.
#[derive(Debug, Default)]
pub struct Agg {
    /// Per lower-cased word: how many of its capitalised occurrences got each tag.
    counts: HashMap<u64, [u16; N_TAGS]>,
    /// Per word: the tag of its first capitalised occurrence, and that token's number.
    first: HashMap<u64, (u8, usize)>,
    /// Matches of the first pass's entity strings elsewhere in the document, per token:
    /// `phr[phr_off[t]..phr_off[t + 1]]` hold `type << 3 | part`.
    phr: Vec<u64>,
    phr_off: Vec<u32>,
    /// The first pass's tags.
    pub tags: Vec<usize>,
}

fn ty5(tag: usize) -> usize {
    type_of(tag).unwrap_or(4)
}

/// Longest entity string (in tokens) matched again over the document.
const PHRASE_MAX: usize = 8;

impl Agg {
    /// Aggregates the first pass's tags (global token numbers) over the document.
    pub fn new(c: &DocCtx, tags: Vec<usize>) -> Agg {
        let mut counts: HashMap<u64, [u16; N_TAGS]> = HashMap::new();
        let mut first: HashMap<u64, (u8, usize)> = HashMap::new();
        let n = c.n_tokens().min(tags.len());
        for (t, &tag) in tags.iter().enumerate().take(n) {
            if c.flags[t] & F_HAS_UPPER == 0 || c.flags[t] & F_ALPHA == 0 {
                continue;
            }
            let e = counts.entry(c.low[t]).or_insert([0; N_TAGS]);
            e[tag] = e[tag].saturating_add(1);
            first.entry(c.low[t]).or_insert((tag as u8, t));
        }
        // The first pass's entity strings, and where they occur again.
        let phrase = |a: usize, b: usize| {
            c.low[a..b]
                .iter()
                .fold(0x9e37_79b9u64, |h, &x| sitrep_learn::fx(h, x))
        };
        let mut phrases: HashMap<u64, [u16; 4]> = HashMap::new();
        let mut prefixes: std::collections::HashSet<u64> = std::collections::HashSet::new();
        let mut own: std::collections::HashSet<(usize, usize, usize)> =
            std::collections::HashSet::new();
        for s in 0..c.n_sentences() {
            let r = c.sentence(s);
            if r.end > n {
                break;
            }
            for sp in crate::tags::decode_spans(&tags[r.clone()]) {
                let (a, b) = (r.start + sp.start, r.start + sp.end);
                if b - a > PHRASE_MAX {
                    continue;
                }
                let e = phrases.entry(phrase(a, b)).or_default();
                e[sp.ty] = e[sp.ty].saturating_add(1);
                for k in a + 1..=b {
                    prefixes.insert(phrase(a, k));
                }
                own.insert((a, b, sp.ty));
            }
        }
        let mut codes: Vec<Vec<u64>> = vec![Vec::new(); c.n_tokens()];
        for s in 0..c.n_sentences() {
            let r = c.sentence(s);
            for i in r.clone() {
                let mut h = 0x9e37_79b9u64;
                for j in i..r.end.min(i + PHRASE_MAX) {
                    h = sitrep_learn::fx(h, c.low[j]);
                    if !prefixes.contains(&h) {
                        break;
                    }
                    let Some(cnt) = phrases.get(&h) else { continue };
                    for (ty, &k) in cnt.iter().enumerate() {
                        let mine = own.contains(&(i, j + 1, ty)) as u16;
                        if k <= mine {
                            continue;
                        }
                        for (t, cs) in codes.iter_mut().enumerate().take(j + 1).skip(i) {
                            let code = (ty as u64) << 3 | part_at(t, i, j + 1) as u64;
                            if !cs.contains(&code) {
                                cs.push(code);
                            }
                        }
                    }
                }
            }
        }
        let mut phr = Vec::new();
        let mut phr_off = Vec::with_capacity(codes.len() + 1);
        phr_off.push(0);
        for cs in codes {
            phr.extend(cs);
            phr_off.push(phr.len() as u32);
        }
        Agg {
            counts,
            first,
            phr,
            phr_off,
            tags,
        }
    }
}

/// The second pass's extra features of token `t` of sentence `s`.
pub fn nonlocal(c: &DocCtx, agg: &Agg, s: usize, t: usize, f: &mut Features) {
    let r = c.sentence(s);
    let tag_at = |o: isize| -> u64 {
        let j = t as isize + o;
        if j >= r.start as isize && j < r.end as isize {
            agg.tags.get(j as usize).copied().unwrap_or(0) as u64
        } else {
            N_TAGS as u64
        }
    };
    f.n(T_STACK, &[tag_at(0)]);
    f.n(T_STACK2, &[tag_at(-1), tag_at(0), tag_at(1)]);
    if t + 1 < agg.phr_off.len() {
        let (a, b) = (agg.phr_off[t] as usize, agg.phr_off[t + 1] as usize);
        for &code in &agg.phr[a..b] {
            f.n(T_PHRASE, &[code]);
        }
    }
    let fl = c.flags[t];
    if fl & F_HAS_UPPER == 0 || fl & F_ALPHA == 0 {
        return;
    }
    let own_tag = agg.tags.get(t).copied().unwrap_or(0);
    let own = ty5(own_tag);
    let mut tagc = agg.counts.get(&c.low[t]).copied().unwrap_or([0; N_TAGS]);
    tagc[own_tag] = tagc[own_tag].saturating_sub(1);
    let mut counts = [0u16; 5];
    for (tag, &k) in tagc.iter().enumerate() {
        counts[ty5(tag)] += k;
        if k > 0 {
            f.n(T_AGG_TAG, &[tag as u64]);
        }
    }
    let total: u32 = counts.iter().map(|&x| x as u32).sum();
    let pos = (fl & (F_INITIAL | F_CAPS_SENT | F_TITLE_SENT)) as u64;
    f.n(T_AGG_N, &[total.min(3) as u64]);
    if total == 0 {
        return;
    }
    let mut maj = 0;
    for k in 0..5 {
        if counts[k] > counts[maj] {
            maj = k;
        }
        if counts[k] > 0 {
            let frac = counts[k] as u32 * 4 / total;
            f.n(T_AGG, &[k as u64, frac as u64]);
        }
    }
    f.n(T_AGG_MAJ, &[maj as u64]);
    f.n(T_AGG_MAJ_POS, &[maj as u64, pos, own as u64]);
    if let Some(&(tag, ft)) = agg.first.get(&c.low[t]) {
        if ft != t {
            f.n(T_FIRST, &[tag as u64]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let (mut l, mut s) = (String::new(), String::new());
        shape_of("McDonald's", &mut l, &mut s);
        assert_eq!((l.as_str(), s.as_str()), ("XxXxxx'x", "XxXx'x"));
        shape_of("1996-08-22", &mut l, &mut s);
        assert_eq!(s, "d-d-d");
    }

    #[test]
    fn geo_bits_name_the_place_lists() {
        use crate::gazetteer::LISTS;
        let want: Vec<&str> = vec![
            "country",
            "capital",
            "kb:GPE",
            "kb:LOC",
            "geo:1M",
            "geo:100k",
            "geo:small",
            "geo:alias",
            "phx:country",
            "phx:country-alias",
        ];
        let got: Vec<&str> = (0..LISTS.len())
            .filter(|i| GEO_BITS & (1 << i) != 0)
            .map(|i| LISTS[i])
            .collect();
        let mut want = want;
        want.sort();
        let mut got = got;
        got.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn reads_any_document() {
        let lex = Lexicon::default();
        let gaz = Gazetteer::default();
        let res = Resources {
            lexicon: &lex,
            gazetteer: &gaz,
        };
        let doc = vec![vec!["Hi", "😀", "İstanbul", ""], vec![]];
        let c = read_doc(&res, &doc);
        assert_eq!(c.n_tokens(), 4);
        assert_eq!(c.n_sentences(), 2);
        let mut f = Features::new();
        for s in 0..c.n_sentences() {
            for t in c.sentence(s) {
                local(&c, s, t, &mut f);
            }
        }
        let agg = Agg::new(&c, vec![1; 4]);
        nonlocal(&c, &agg, 0, 0, &mut f);
        assert!(!f.keys().is_empty());
    }
}
