//! Training: the two tagging passes, the FEATS classifier and the lemmatiser, with the epoch of
//! each chosen on the development set; and jackknifing, for training the parser on the tags
//! it will see.

use super::features::{feats_features, hide, prepare, tag_features, Prepared, PAD};
use super::lexicon::{LexOptions, Lexicon, NONE};
use super::linear::{Linear, Trainer};
use super::{argmax, history, right_of, run_feats, run_pass, FirstPass, Scratch, Tagger, Tags};
use crate::conllu::UdSentence;
use crate::lemma::Lemmatizer;
use std::collections::HashMap;
use std::time::Instant;

/// Training settings. The defaults are the ones the committed model was trained with.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Most epochs for each tagging pass; with a development set the best epoch is kept, and
    /// training stops after [`TrainOptions::patience`] epochs without improvement. Without
    /// one (jackknifing), every pass trains this many epochs.
    pub epochs: usize,
    /// Epochs for the FEATS classifier (same rules).
    pub feats_epochs: usize,
    pub patience: usize,
    /// Train the second pass (right-context labels).
    pub second_pass: bool,
    /// Folds for the jackknifed first-pass labels the second pass learns from.
    pub inner_folds: usize,
    /// Epochs of the first pass inside those folds.
    pub inner_epochs: usize,
    pub lex: LexOptions,
    /// Freezing: keep features seen in at least this many updates...
    pub min_seen: u32,
    /// ... and averaged weights at least this large.
    pub min_weight: f32,
    pub seed: u64,
    /// Share of the training occurrences of rare words (seen at most
    /// [`TrainOptions::hide_max_count`] times) shown to the tagger as unknown words, so that
    /// it learns to tag those from affixes, shape and context.
    pub hide_rate: f64,
    pub hide_max_count: u32,
    /// First-pass labels given with at least this margin (in perceptron weight units) are
    /// kept without running the second pass on them. 8 cost 0.12 points of dev UPOS against
    /// no keeping (95.22 vs 95.34); 20 costs nothing (95.36) and still skips a good part of
    /// the second pass.
    pub keep_margin: f32,
    /// The first pass tags right to left, so the second (left to right) sees labels on
    /// both sides that were each decided with their own right context.
    pub rtl_first: bool,
    /// A plain word list, one word a line, for the dictionary-casing feature (see
    /// [`super::lexicon`]); skipped when it cannot be read.
    pub wordlist: Option<std::path::PathBuf>,
    /// Second passes trained with different shuffling seeds, their scores added.
    pub pass2_models: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            feats_epochs: 8,
            patience: 3,
            second_pass: true,
            inner_folds: 4,
            inner_epochs: 6,
            lex: LexOptions::default(),
            min_seen: 1,
            min_weight: 0.0,
            seed: 0x5eed,
            hide_rate: 0.0,
            hide_max_count: 1,
            keep_margin: 20.0,
            rtl_first: true,
            wordlist: Some("/usr/share/dict/words".into()),
            pass2_models: 1,
        }
    }
}

/// A training sentence: prepared words and gold labels.
#[derive(Clone)]
struct Item<'a> {
    sent: &'a UdSentence,
    /// Gold UPOS of each word, in the order of `prep`.
    upos: Vec<&'a str>,
    prep: Prepared,
    gold: Vec<u16>,
    gold_feats: Vec<u16>,
}

fn items<'a>(lex: &Lexicon, sents: &'a [UdSentence]) -> Vec<Item<'a>> {
    let index: HashMap<&str, u16> = lex
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i as u16))
        .collect();
    let findex: HashMap<&str, u16> = lex
        .feats
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i as u16))
        .collect();
    sents
        .iter()
        .map(|s| Item {
            sent: s,
            upos: s.words.iter().map(|w| w.upos.as_str()).collect(),
            prep: prepare(lex, &s.forms()),
            gold: s
                .words
                .iter()
                .map(|w| {
                    let l = super::lexicon::label_of(&w.upos, &w.xpos);
                    index.get(l.as_str()).copied().unwrap_or(NONE)
                })
                .collect(),
            gold_feats: s
                .words
                .iter()
                .map(|w| findex.get(w.feats.as_str()).copied().unwrap_or(NONE))
                .collect(),
        })
        .collect()
}

/// The items right to left (for a first pass that tags from the end).
fn reversed<'a>(its: &[Item<'a>]) -> Vec<Item<'a>> {
    its.iter()
        .map(|it| {
            let mut r = it.clone();
            r.prep = it.prep.reversed();
            r.upos.reverse();
            r.gold.reverse();
            r.gold_feats.reverse();
            r
        })
        .collect()
}

/// Labels and margins back in sentence order.
fn unreverse(mut v: Vec<(Vec<u16>, Vec<f32>)>) -> Vec<(Vec<u16>, Vec<f32>)> {
    for (l, m) in &mut v {
        l.reverse();
        m.reverse();
    }
    v
}

/// Hides rare training words (see [`TrainOptions::hide_rate`]).
fn hide_rare(its: &mut [Item], o: &TrainOptions) {
    if o.hide_rate <= 0.0 {
        return;
    }
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for it in its.iter() {
        for w in &it.sent.words {
            *counts.entry(w.form.as_str()).or_default() += 1;
        }
    }
    let mut rng = Rng(o.seed.rotate_left(17) | 1);
    for it in its.iter_mut() {
        for (w, t) in it.sent.words.iter().zip(&mut it.prep.toks[PAD..]) {
            if counts[w.form.as_str()] <= o.hide_max_count
                && ((rng.next() % 1_000_000) as f64) < o.hide_rate * 1e6
            {
                hide(t);
            }
        }
    }
}

fn lexicon(
    sents: &[UdSentence],
    labels: Vec<String>,
    wordlist: &[(String, u8)],
    o: &LexOptions,
) -> Lexicon {
    let words = sents.iter().flat_map(|s| s.words.iter()).map(|w| {
        (
            w.form.as_str(),
            w.upos.as_str(),
            w.xpos.as_str(),
            w.feats.as_str(),
        )
    });
    Lexicon::build(words, labels, wordlist, o)
}

/// A small deterministic generator for shuffling (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Labels and margins of every sentence by a frozen pass.
fn pass_labels(
    lex: &Lexicon,
    its: &[Item],
    first: Option<&[(Vec<u16>, Vec<f32>)]>,
    m: &Linear,
) -> Vec<(Vec<u16>, Vec<f32>)> {
    let mut s = Scratch::default();
    its.iter()
        .enumerate()
        .map(|(k, it)| {
            let (mut out, mut margins) = (Vec::new(), Vec::new());
            let f = first.map(|f| FirstPass {
                labels: &f[k].0,
                margins: &f[k].1,
                keep: f32::INFINITY,
            });
            run_pass(
                &it.prep,
                f.as_ref(),
                m,
                lex.labels.len(),
                &lex.tag_sets,
                &mut s,
                &mut out,
                &mut margins,
            );
            (out, margins)
        })
        .collect()
}

/// UPOS accuracy of a pass on `dev`.
fn pass_upos(
    lex: &Lexicon,
    dev: &[Item],
    first: Option<&[(Vec<u16>, Vec<f32>)]>,
    m: &Linear,
) -> f64 {
    let (mut ok, mut n) = (0usize, 0usize);
    for (it, (labels, _)) in dev.iter().zip(pass_labels(lex, dev, first, m)) {
        for (&u, &l) in it.upos.iter().zip(&labels) {
            ok += usize::from(lex.upos[l as usize] == u);
            n += 1;
        }
    }
    ok as f64 / n.max(1) as f64
}

/// Trains one tagging pass; returns the frozen model of the best epoch and that epoch.
#[allow(clippy::too_many_arguments)]
fn train_pass(
    name: &str,
    lex: &Lexicon,
    train: &[Item],
    right: Option<&[(Vec<u16>, Vec<f32>)]>,
    dev: &[Item],
    dev_right: Option<&[(Vec<u16>, Vec<f32>)]>,
    epochs: usize,
    o: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> (Linear, usize) {
    let n = lex.labels.len();
    let mut p = Trainer::new(n);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng(o.seed | 1);
    let mut s = Scratch::default();
    let mut hist: Vec<u16> = Vec::new();
    let mut best: Option<(f64, usize, Linear)> = None;
    for epoch in 1..=epochs.max(1) {
        let t0 = Instant::now();
        rng.shuffle(&mut order);
        let (mut errors, mut total) = (0usize, 0usize);
        for &k in &order {
            let it = &train[k];
            hist.clear();
            for i in 0..it.prep.len() {
                let fixed = it.prep.toks[i + PAD].fixed;
                if fixed != NONE {
                    hist.push(fixed);
                    continue;
                }
                let (t1, t2) = history(&hist, i);
                let r = right.map(|r| right_of(&r[k].0, i));
                tag_features(&mut s.f, &it.prep.toks, i, t1, t2, r);
                s.scores.clear();
                s.scores.resize(n, 0.0);
                p.scores(s.f.keys(), &mut s.scores);
                let guess = argmax(&s.scores);
                p.tick();
                let gold = it.gold[i];
                if gold != NONE && gold as usize != guess {
                    p.update(s.f.keys(), gold as usize, guess);
                    errors += 1;
                }
                total += 1;
                hist.push(guess as u16);
            }
        }
        if dev.is_empty() {
            continue;
        }
        let m = p.freeze(o.min_seen, o.min_weight);
        let acc = pass_upos(lex, dev, dev_right, &m);
        log(&format!(
            "tagger {name} epoch {epoch}: train errors {:.2}%, dev UPOS {:.2}%, {} features, {:.1}s",
            100.0 * errors as f64 / total.max(1) as f64,
            100.0 * acc,
            m.len(),
            t0.elapsed().as_secs_f64()
        ));
        if best.as_ref().is_none_or(|b| acc > b.0) {
            best = Some((acc, epoch, m));
        } else if best.as_ref().is_some_and(|b| epoch - b.1 >= o.patience) {
            break;
        }
    }
    match best {
        Some((_, e, m)) => (m, e),
        None => (p.freeze(o.min_seen, o.min_weight), epochs),
    }
}

/// First-pass labels for every training sentence from first passes not trained on it.
fn inner_jackknife(
    sents: &[UdSentence],
    labels: &[String],
    wordlist: &[(String, u8)],
    o: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Vec<(Vec<u16>, Vec<f32>)> {
    let folds = o.inner_folds.clamp(2, sents.len().max(2));
    let mut out = vec![(Vec::new(), Vec::new()); sents.len()];
    for k in 0..folds {
        let (a, b) = (k * sents.len() / folds, (k + 1) * sents.len() / folds);
        let rest: Vec<UdSentence> = sents[..a].iter().chain(&sents[b..]).cloned().collect();
        let lex = lexicon(&rest, labels.to_vec(), wordlist, &o.lex);
        let mut its = items(&lex, &rest);
        hide_rare(&mut its, o);
        let mut held = items(&lex, &sents[a..b]);
        if o.rtl_first {
            its = reversed(&its);
            held = reversed(&held);
        }
        let (m, _) = train_pass("fold", &lex, &its, None, &[], None, o.inner_epochs, o, log);
        let mut labels = pass_labels(&lex, &held, None, &m);
        if o.rtl_first {
            labels = unreverse(labels);
        }
        for (j, l) in labels.into_iter().enumerate() {
            out[a + j] = l;
        }
        log(&format!("tagger: first-pass fold {}/{folds} done", k + 1));
    }
    out
}

/// FEATS accuracy on `dev` with the given labels.
fn feats_acc(lex: &Lexicon, kinds: &[u8], dev: &[Item], labels: &[Vec<u16>], m: &Linear) -> f64 {
    let mut s = Scratch::default();
    let mut out = Vec::new();
    let (mut ok, mut n) = (0usize, 0usize);
    for (it, l) in dev.iter().zip(labels) {
        run_feats(lex, kinds, &it.prep, l, m, &mut s, &mut out);
        for (w, &f) in it.sent.words.iter().zip(&out) {
            ok += usize::from(lex.feats.get(f as usize).map_or("_", |x| x.as_str()) == w.feats);
            n += 1;
        }
    }
    ok as f64 / n.max(1) as f64
}

/// Trains the FEATS classifier on gold labels; selects the epoch on `dev` with `dev_labels`.
fn train_feats(
    lex: &Lexicon,
    kinds: &[u8],
    train: &[Item],
    dev: &[Item],
    dev_labels: &[Vec<u16>],
    o: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Linear {
    let n = lex.feats.len();
    let mut p = Trainer::new(n);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng(o.seed.rotate_left(7) | 1);
    let mut s = Scratch::default();
    let mut best: Option<(f64, usize, Linear)> = None;
    for epoch in 1..=o.feats_epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let it = &train[k];
            if it.gold.contains(&NONE) {
                continue;
            }
            for i in 0..it.prep.len() {
                let cands = lex.feats_candidates(&it.prep.lowers[i], it.gold[i]);
                let gold = it.gold_feats[i];
                if cands.len() <= 1 || !cands.contains(&gold) {
                    continue;
                }
                feats_features(&mut s.f, &it.prep, &it.gold, kinds, i);
                s.scores.clear();
                s.scores.resize(n, 0.0);
                p.scores(s.f.keys(), &mut s.scores);
                let guess = cands.iter().fold(cands[0], |b, &c| {
                    if s.scores[c as usize] > s.scores[b as usize] {
                        c
                    } else {
                        b
                    }
                });
                p.tick();
                p.update(s.f.keys(), gold as usize, guess as usize);
            }
        }
        if dev.is_empty() {
            continue;
        }
        let m = p.freeze(o.min_seen, o.min_weight);
        let acc = feats_acc(lex, kinds, dev, dev_labels, &m);
        log(&format!(
            "tagger feats epoch {epoch}: dev UFeats {:.2}%, {} features",
            100.0 * acc,
            m.len()
        ));
        if best.as_ref().is_none_or(|b| acc > b.0) {
            best = Some((acc, epoch, m));
        } else if best.as_ref().is_some_and(|b| epoch - b.1 >= o.patience) {
            break;
        }
    }
    match best {
        Some((_, _, m)) => m,
        None => p.freeze(o.min_seen, o.min_weight),
    }
}

/// Trains a tagger on `train`, choosing epochs by UPOS (and FEATS) accuracy on `dev`; with an
/// empty `dev`, every classifier trains [`TrainOptions::epochs`] epochs.
pub fn train(
    train: &[UdSentence],
    dev: &[UdSentence],
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Tagger {
    let t0 = Instant::now();
    let words = train.iter().flat_map(|s| s.words.iter());
    let labels = Lexicon::labels_of(words.map(|w| (w.upos.as_str(), w.xpos.as_str())));
    if labels.is_empty() {
        // Nothing to learn from: a tagger that says "X" to everything.
        let lex = lexicon(&[], vec!["X X".into()], &[], &opts.lex);
        let empty = Trainer::new(1).freeze(0, 0.0);
        let feats = Trainer::new(1).freeze(0, 0.0);
        return Tagger::new(lex, empty, None, feats, Lemmatizer::default());
    }
    let wordlist = match &opts.wordlist {
        Some(p) => match std::fs::read_to_string(p) {
            Ok(text) => Lexicon::read_wordlist(&text),
            Err(e) => {
                log(&format!("tagger: word list {} not used: {e}", p.display()));
                Vec::new()
            }
        },
        None => Vec::new(),
    };
    let lex = lexicon(train, labels.clone(), &wordlist, &opts.lex);
    let mut tr = items(&lex, train);
    hide_rare(&mut tr, opts);
    let dv = items(&lex, dev);
    log(&format!(
        "tagger: {} sentences, {} labels, {} FEATS values, {} word-list entries",
        train.len(),
        lex.labels.len(),
        lex.feats.len(),
        wordlist.len()
    ));
    let (tr1, dv1) = if opts.rtl_first {
        (reversed(&tr), reversed(&dv))
    } else {
        (Vec::new(), Vec::new())
    };
    let (tr1, dv1) = if opts.rtl_first {
        (&tr1[..], &dv1[..])
    } else {
        (&tr[..], &dv[..])
    };
    let (pass1, e1) = train_pass("pass 1", &lex, tr1, None, dv1, None, opts.epochs, opts, log);
    let mut pass2_more = Vec::new();
    let pass2 = if opts.second_pass && train.len() >= 2 {
        let right = inner_jackknife(train, &labels, &wordlist, opts, log);
        let mut dev_right = pass_labels(&lex, dv1, None, &pass1);
        if opts.rtl_first {
            dev_right = unreverse(dev_right);
        }
        // Member k trains with the seed moved by k (member 0 with the seed as it is).
        let mut members = Vec::new();
        for k in 0..opts.pass2_models.max(1) {
            let o = TrainOptions {
                seed: opts.seed.wrapping_add(0x9e37_79b9 * k as u64),
                ..opts.clone()
            };
            let (m, _) = train_pass(
                "pass 2",
                &lex,
                &tr,
                Some(&right),
                &dv,
                Some(&dev_right),
                opts.epochs,
                &o,
                log,
            );
            members.push(m);
        }
        let m = members.remove(0);
        pass2_more = members;
        Some(m)
    } else {
        None
    };
    log(&format!(
        "tagger: pass 1 best epoch {e1}, {:.0}s so far",
        t0.elapsed().as_secs_f64()
    ));
    let lemma = Lemmatizer::train(
        train
            .iter()
            .flat_map(|s| s.words.iter())
            .map(|w| (w.form.as_str(), w.xpos.as_str(), w.lemma.as_str())),
    );
    let empty_feats = Trainer::new(lex.feats.len()).freeze(0, 0.0);
    let mut tagger = Tagger::new(lex, pass1, pass2, empty_feats, lemma);
    tagger.pass2_more = pass2_more;
    tagger.keep = opts.keep_margin;
    tagger.rtl = opts.rtl_first;
    let mut s = Scratch::default();
    let dev_labels: Vec<Vec<u16>> = dv
        .iter()
        .map(|it| tagger.labels(&it.prep, &mut s))
        .collect();
    tagger.feats = train_feats(&tagger.lex, &tagger.kinds, &tr, &dv, &dev_labels, opts, log);
    log(&format!(
        "tagger: trained in {:.0}s",
        t0.elapsed().as_secs_f64()
    ));
    tagger
}

/// Tags every training sentence with a tagger trained on the other folds (contiguous blocks),
/// two folds at a time on two threads. The result has one entry per sentence of `train`.
pub fn jackknife(
    train: &[UdSentence],
    folds: usize,
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Vec<Vec<Tags>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc;
    let folds = folds.clamp(2, train.len().max(2));
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<Result<(usize, Vec<Vec<Tags>>), String>>();
    let mut out: Vec<Vec<Tags>> = vec![Vec::new(); train.len()];
    std::thread::scope(|scope| {
        for _ in 0..2 {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= folds {
                    break;
                }
                let (a, b) = (k * train.len() / folds, (k + 1) * train.len() / folds);
                let rest: Vec<UdSentence> = train[..a].iter().chain(&train[b..]).cloned().collect();
                let mut quiet = |_: &str| {};
                let tagger = super::train::train(&rest, &[], opts, &mut quiet);
                let tags = train[a..b].iter().map(|s| tagger.tag(&s.forms())).collect();
                let _ = tx.send(Err(format!(
                    "tagger jackknife: fold {}/{folds} done",
                    k + 1
                )));
                let _ = tx.send(Ok((a, tags)));
            });
        }
        drop(tx);
        for msg in rx {
            match msg {
                Ok((a, tags)) => {
                    for (j, t) in tags.into_iter().enumerate() {
                        out[a + j] = t;
                    }
                }
                Err(line) => log(&line),
            }
        }
    });
    out
}
