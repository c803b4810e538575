//! Training (averaged perceptron, dynamic oracle with error exploration) and evaluation.

use super::features::{label_features, set_guide, tokens, transition_features, Tok};
use super::system::{projectivize, State, MOVE_NAMES, NO_LABEL, N_MOVES};
use super::table::{InlineTable, SparseTable};
use super::{best_label, Branching, Parser};
use crate::conllu::UdSentence;
use crate::TaggedWord;
use sitrep_learn::{Features, Model, Perceptron};
use std::collections::HashSet;
use std::time::Instant;

/// Training settings; the defaults are the ones the shipped model was trained with.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the training set; the pass with the best dev LAS is kept.
    pub epochs: usize,
    /// Error exploration starts after this many passes (0-based pass index).
    pub explore_from: usize,
    /// With exploration on, the probability of following the model's own prediction
    /// (right or wrong) instead of the best zero-cost move.
    pub explore_prob: f64,
    /// Shuffling and exploration seed.
    pub seed: u64,
    /// Frozen models keep features seen in at least this many updates...
    pub min_seen: u32,
    /// ...and averaged weights at least this large.
    pub min_weight: f32,
    /// Stop when dev LAS has not improved for this many passes.
    pub patience: usize,
    /// Choose selectional branching settings on dev after training (else greedy).
    pub branching: bool,
    /// Train up to this many parsers (seeds `seed`, `seed + 1`...) and sum their weights:
    /// an ensemble at the cost of one parser (the number kept is chosen on dev).
    pub members: usize,
    /// Stacking: with N > 0, first a right-to-left guide parser is trained, its parses of
    /// the training set jackknifed over N folds, and its parse is features of this one.
    pub guide_folds: usize,
    /// Passes of each jackknifed guide.
    pub guide_epochs: usize,
    /// Members of the shipped guide (the jackknifed guides have one; more would scale its
    /// margins, which the left-to-right parser reads in fixed buckets, by their number).
    pub guide_members: usize,
    /// The guide's setting: the reduced feature set, no relations, passes chosen by UAS.
    pub lite: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 15,
            explore_from: 1,
            explore_prob: 0.9,
            seed: 1,
            min_seen: 2,
            min_weight: 0.0,
            patience: 5,
            branching: false,
            members: 3,
            guide_folds: 4,
            guide_epochs: 8,
            guide_members: 1,
            lite: false,
        }
    }
}

/// Attachment scores over all words, punctuation included (as CoNLL 2018).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ParseScores {
    /// Percentage of words with the right head.
    pub uas: f64,
    /// Percentage of words with the right head and the right universal relation (the part
    /// before `:`; subtypes are ignored, as in CoNLL 2018's LAS).
    pub las: f64,
    pub words: usize,
}

/// The words of a treebank sentence as parser input (its own tags: gold or predicted).
pub fn tagged(s: &UdSentence) -> Vec<TaggedWord<'_>> {
    s.words
        .iter()
        .map(|w| TaggedWord::new(&w.form, &w.lemma, &w.upos, &w.xpos, &w.feats))
        .collect()
}

/// The universal part of a relation (`nsubj` of `nsubj:pass`).
fn universal(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

/// Parses `sents` with the tags they carry and scores against their trees.
pub fn evaluate(parser: &Parser, sents: &[UdSentence]) -> ParseScores {
    let (mut words, mut heads, mut both) = (0usize, 0usize, 0usize);
    for s in sents {
        let arcs = parser.parse(&tagged(s));
        for (a, w) in arcs.iter().zip(&s.words) {
            words += 1;
            if a.head == w.head {
                heads += 1;
                if universal(&a.deprel) == universal(&w.deprel) {
                    both += 1;
                }
            }
        }
    }
    let pct = |k: usize| {
        if words == 0 {
            0.0
        } else {
            100.0 * k as f64 / words as f64
        }
    };
    ParseScores {
        uas: pct(heads),
        las: pct(both),
        words,
    }
}

/// A training sentence, prepared once.
struct Example {
    toks: Vec<Tok>,
    /// Projectivised gold heads, indexed by word (0 and n+1 unused).
    gold: Vec<u32>,
    /// Gold label numbers.
    labels: Vec<u16>,
}

fn prepare(s: &UdSentence, label_of: &dyn Fn(&str) -> Option<usize>) -> Example {
    let n = s.words.len();
    let heads: Vec<usize> = s.words.iter().map(|w| w.head.min(n)).collect();
    let proj = projectivize(&heads);
    let mut gold = vec![0u32; n + 2];
    let mut labels = vec![NO_LABEL; n + 2];
    for (i, w) in s.words.iter().enumerate() {
        gold[i + 1] = proj[i] as u32;
        labels[i + 1] = label_of(&w.deprel).unwrap_or(0) as u16;
    }
    Example {
        toks: tokens(&tagged(s)),
        gold,
        labels,
    }
}

/// A small deterministic generator (SplitMix64) for shuffling and exploration.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Trains a parser on `train` (with whatever tags its sentences carry), keeping the pass
/// with the best LAS on `dev`.
pub fn train(
    train: &[UdSentence],
    dev: &[UdSentence],
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Parser {
    let mut names: Vec<String> = train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .collect();
    names.push("root".to_string());
    names.sort();
    names.dedup();
    let label_of = |l: &str| names.binary_search_by(|x| x.as_str().cmp(l)).ok();

    let kept: Vec<&UdSentence> = train
        .iter()
        .filter(|s| !s.words.is_empty() && s.words.len() <= super::MAX_WORDS)
        .collect();
    let mut examples: Vec<Example> = kept.iter().map(|s| prepare(s, &label_of)).collect();
    let guide = if opts.guide_folds > 0 {
        Some(train_guide(&kept, &mut examples, dev, opts, log))
    } else {
        None
    };
    log(&format!(
        "parser: {} training sentences, {} relations, {} dev sentences",
        examples.len(),
        names.len(),
        dev.len()
    ));
    // Members are added one by one; the first `keep` of them, the sum with the best dev
    // LAS, make the parser.
    let mut members: Vec<Member> = Vec::new();
    let mut keep = (f64::NEG_INFINITY, 1);
    for k in 0..opts.members.max(1) {
        let seed = opts.seed.wrapping_add(k as u64);
        let m = train_member(&examples, &names, dev, opts, seed, guide.as_ref(), log);
        members.push(m);
        let s = evaluate(&assemble(&members, guide.as_ref(), opts.lite), dev);
        log(&format!(
            "parser: {} member(s) summed: dev UAS {:.2} LAS {:.2}",
            members.len(),
            s.uas,
            s.las
        ));
        let key = if opts.lite { s.uas } else { s.las };
        if key > keep.0 {
            keep = (key, members.len());
        }
    }
    members.truncate(keep.1);
    log(&format!("parser: keeping {} member(s)", keep.1));
    let mut parser = assemble(&members, guide.as_ref(), opts.lite);
    if opts.branching && !dev.is_empty() {
        tune_branching(&mut parser, dev, members.len() as f32, log);
    }
    parser
}

/// One trained transition model and label model (the pass with the best dev LAS), with the
/// keys they were updated with.
struct Member {
    moves: Model,
    labels: Model,
    move_keys: Vec<u64>,
    label_keys: Vec<u64>,
}

/// The right-to-left guide (stacking): `opts.guide_folds` guides, each trained on the other
/// folds, parse the training sentences of their fold into `examples` (folds by the words of
/// a sentence, so that its copies with other tags fall in the same fold), then the guide
/// that parses new text is trained on all of them.
fn train_guide(
    sents: &[&UdSentence],
    examples: &mut [Example],
    dev: &[UdSentence],
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Parser {
    let k = opts.guide_folds.max(2);
    let fold_of = |s: &UdSentence| {
        let h = s.words.iter().fold(0x51_7cc1_b727_220a_u64, |h, w| {
            sitrep_learn::fx(h, super::features::word_id(&w.form))
        });
        (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize % k
    };
    let folds: Vec<usize> = sents.iter().map(|s| fold_of(s)).collect();
    let reordered: Vec<UdSentence> = sents.iter().map(|s| super::r2l_sentence(s)).collect();
    let dev_r: Vec<UdSentence> = dev.iter().map(super::r2l_sentence).collect();
    let mut gopts = opts.clone();
    gopts.guide_folds = 0;
    gopts.lite = true;
    gopts.members = 1;
    gopts.branching = false;
    gopts.epochs = opts.guide_epochs;
    for fold in 0..k {
        let part: Vec<UdSentence> = reordered
            .iter()
            .zip(&folds)
            .filter(|(_, &f)| f != fold)
            .map(|(s, _)| s.clone())
            .collect();
        log(&format!(
            "parser guide: fold {}/{k}, {} training sentences",
            fold + 1,
            part.len()
        ));
        let g = train(&part, &dev_r, &gopts, log);
        for (i, s) in sents.iter().enumerate() {
            if folds[i] == fold {
                let d = g.directed(&tagged(s), true);
                set_guide(&mut examples[i].toks, &d);
            }
        }
    }
    gopts.members = opts.guide_members.max(1);
    gopts.epochs = opts.epochs;
    log("parser guide: the shipped guide, on all training sentences");
    let mut g = train(&reordered, &dev_r, &gopts, log);
    g.branching = Branching::GREEDY;
    g
}

/// The parser of several members' summed weights.
fn assemble(members: &[Member], guide: Option<&Parser>, lite: bool) -> Parser {
    let m: Vec<(&Model, &[u64])> = members
        .iter()
        .map(|x| (&x.moves, x.move_keys.as_slice()))
        .collect();
    let l: Vec<(&Model, &[u64])> = members
        .iter()
        .map(|x| (&x.labels, x.label_keys.as_slice()))
        .collect();
    let m = InlineTable::from_models(&m).expect("three moves");
    let l = SparseTable::from_models(&l).expect("labels");
    let mut p = Parser::new(m, l).expect("consistent models");
    p.guide = guide.map(|g| Box::new(g.clone()));
    p.lite = lite;
    p
}

/// Trains one member with its own shuffling and exploration seed.
fn train_member(
    examples: &[Example],
    names: &[String],
    dev: &[UdSentence],
    opts: &TrainOptions,
    seed: u64,
    guide: Option<&Parser>,
    log: &mut dyn FnMut(&str),
) -> Member {
    let root = names.iter().position(|l| l == "root").unwrap_or(0) as u16;
    let mut rng = Rng(seed);
    let mut moves = Perceptron::new(N_MOVES);
    let mut labeler = Perceptron::new(names.len());
    // The keys each model was updated with: the frozen tables are built from them.
    let mut move_keys: HashSet<u64> = HashSet::new();
    let mut label_keys: HashSet<u64> = HashSet::new();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut best: Option<(f64, Member)> = None;
    let mut since_best = 0;
    let mut f = Features::new();
    let mut scratch = vec![0f32; names.len()];
    for epoch in 0..opts.epochs {
        let start = Instant::now();
        rng.shuffle(&mut order);
        let explore = epoch >= opts.explore_from;
        let (mut steps, mut wrong) = (0usize, 0usize);
        for &i in &order {
            let ex = &examples[i];
            let n = ex.toks.len() - 2;
            let mut st = State::new(n);
            while !st.is_terminal() {
                transition_features(&st, &ex.toks, &mut f, opts.lite);
                let mut scores = [0f32; N_MOVES];
                moves.scores(f.keys(), &mut scores);
                let costs = st.costs(&ex.gold);
                let min = *costs.iter().min().expect("moves");
                let pick = |ok: &dyn Fn(usize) -> bool| {
                    let mut b = usize::MAX;
                    for m in 0..N_MOVES {
                        if costs[m] != u32::MAX
                            && ok(m)
                            && (b == usize::MAX || scores[m] > scores[b])
                        {
                            b = m;
                        }
                    }
                    b
                };
                let pred = pick(&|_| true);
                let good = pick(&|m| costs[m] == min);
                moves.tick();
                steps += 1;
                if costs[pred] > min {
                    wrong += 1;
                    moves.update(f.keys(), good, pred, 1.0);
                    move_keys.extend(f.keys());
                }
                let follow_pred = explore && rng.unit() < opts.explore_prob;
                let m = if follow_pred { pred } else { good };
                let label = match st.arc_of(m) {
                    _ if opts.lite => NO_LABEL,
                    Some((0, _)) => root,
                    Some((h, d)) => {
                        label_features(&st, &ex.toks, h, d, &mut f);
                        scratch.iter_mut().for_each(|s| *s = 0.0);
                        labeler.scores(f.keys(), &mut scratch);
                        let guess = best_label(&scratch, root as usize) as u16;
                        labeler.tick();
                        let gl = ex.labels[d as usize];
                        if ex.gold[d as usize] == h {
                            if guess != gl {
                                labeler.update(f.keys(), gl as usize, guess as usize, 1.0);
                                label_keys.extend(f.keys());
                            }
                            if follow_pred {
                                guess
                            } else {
                                gl
                            }
                        } else {
                            guess
                        }
                    }
                    None => NO_LABEL,
                };
                st.apply(m, label);
            }
        }
        let member = freeze(&moves, &labeler, &move_keys, &label_keys, names, opts);
        let parser = assemble(std::slice::from_ref(&member), guide, opts.lite);
        let scores = evaluate(&parser, dev);
        log(&format!(
            "parser: pass {:>2}: {:.1}% moves wrong, dev UAS {:.2} LAS {:.2} ({} + {} features kept, {:.1}s)",
            epoch + 1,
            100.0 * wrong as f64 / steps.max(1) as f64,
            scores.uas,
            scores.las,
            parser.moves.len(),
            parser.labels.len(),
            start.elapsed().as_secs_f64()
        ));
        let key = if opts.lite { scores.uas } else { scores.las };
        if best.as_ref().is_none_or(|(k, _)| key > *k) {
            best = Some((key, member));
            since_best = 0;
        } else {
            since_best += 1;
            if since_best >= opts.patience {
                break;
            }
        }
    }
    match best {
        Some((_, m)) => m,
        None => freeze(&moves, &labeler, &move_keys, &label_keys, names, opts),
    }
}

/// Chooses the selectional branching settings on dev (LAS), plain greedy included: three or
/// six alternatives at most, from moves that won by a margin under 20, at several softmax
/// temperatures. Three cost about half the speed of greedy parsing, for about half a point.
/// `scale` is the number of members whose weights were summed (scores grow with it).
fn tune_branching(parser: &mut Parser, dev: &[UdSentence], scale: f32, log: &mut dyn FnMut(&str)) {
    let mut best = (evaluate(parser, dev).las, Branching::GREEDY);
    for k in [3, 6] {
        for t in [30.0, 45.0, 60.0, 90.0, 120.0] {
            let b = Branching {
                k,
                temperature: t * scale,
                max_margin: 20.0 * scale,
            };
            parser.branching = b;
            let s = evaluate(parser, dev);
            log(&format!(
                "parser: branching {b:?}: dev UAS {:.2} LAS {:.2}",
                s.uas, s.las
            ));
            if s.las > best.0 {
                best = (s.las, b);
            }
        }
    }
    parser.branching = best.1;
    log(&format!("parser: branching chosen: {:?}", best.1));
}

fn freeze(
    moves: &Perceptron,
    labeler: &Perceptron,
    move_keys: &HashSet<u64>,
    label_keys: &HashSet<u64>,
    names: &[String],
    opts: &TrainOptions,
) -> Member {
    Member {
        moves: moves.freeze(
            MOVE_NAMES.iter().map(|s| s.to_string()).collect(),
            opts.min_seen,
            opts.min_weight,
        ),
        labels: labeler.freeze(names.to_vec(), opts.min_seen, opts.min_weight),
        move_keys: move_keys.iter().copied().collect(),
        label_keys: label_keys.iter().copied().collect(),
    }
}
