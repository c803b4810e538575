//! Training: structured averaged perceptron (Collins 2002) over BILOU tags, two passes,
//! jackknifed so the second pass learns from first-pass labels as noisy as it will see.
//!
//! Steps ([`train`]):
//!
//! 1. Read the training documents (CoNLL-2003 train, CrossNER politics train with its labels
//!    mapped) and deal them into `folds` folds.
//! 2. Build the case [`Lexicon`] from the training text and unlabeled UD sentences, and the
//!    gazetteers: the KB's lists, plus the training entities' lists once per fold without
//!    that fold's entities.
//! 3. Extract every token's local features once (they do not change between epochs).
//! 4. For each fold, train a first-pass model on the other folds and tag the fold with it:
//!    first-pass labels for all training documents from models that never saw them.
//! 5. Train the first-pass model on everything; keep the epoch with the best dev F1.
//! 6. Add the second-pass features (from the jackknifed labels for training documents, from
//!    the final first-pass model for dev) and train the second-pass model the same way.
//! 7. Average the replicas (steps 2 to 6 once per replica).
//! 8. With [`TrainConfig::train_on_dev`] (the standard setup), do it all again on train and
//!    dev together, each replica's passes trained for the epochs chosen on dev in the first
//!    round; the first round's dev score goes into the provenance. Flair and others report
//!    CoNLL test scores of models trained this way.

use crate::data::{self, Document, Format};
use crate::features::{self, Agg, DocCtx, Resources};
use crate::gazetteer::{self, list_id, Entry, Gazetteer};
use crate::lexicon::Lexicon;
use crate::ner::emissions;
use crate::tags::{self, viterbi, Lattice, TSpan, EDGE, N_TAGS, T_SIDE};
use crate::types::crossner_to_conll;
use crate::{Ner, NerError};
use sitrep_learn::{Features, Model, Perceptron};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// What to train on and how.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Labelled training files and their formats (CrossNER labels are mapped to CoNLL's).
    pub train: Vec<(PathBuf, Format)>,
    /// The CoNLL-2003 dev file: epochs are selected by F1 on it.
    pub dev: PathBuf,
    /// The knowledge-base folder (`crates/sitrep-extract/kb`), for gazetteers.
    pub kb_dir: Option<PathBuf>,
    /// TABARI/PETRARCH actor dictionaries for gazetteers: `(path, is_countries_file)`
    /// (office holders, organisations, and in `Phoenix.Countries.actors.txt` countries with
    /// their other names).
    pub actor_dictionaries: Vec<(PathBuf, bool)>,
    /// CoNLL-U files whose sentences are counted into the case lexicon (unlabeled use).
    pub unlabeled_conllu: Vec<PathBuf>,
    pub folds: usize,
    /// Epochs for the jackknife models.
    pub fold_epochs: usize,
    /// Most epochs for the final models (the best on dev is kept).
    pub epochs: usize,
    /// Whether to train the second (document-level) pass.
    pub second_pass: bool,
    /// Train the final model on train and dev: the whole training runs first on train with
    /// the epochs chosen on dev (its dev score goes into the provenance), then again on train
    /// and dev with those epochs fixed.
    pub train_on_dev: bool,
    /// Replicas averaged into each final model: each has its own fold assignment (so its
    /// own jackknifed first-pass labels) and its own shuffles.
    pub ensemble: usize,
    /// Pruning when freezing: rows seen in fewer updates, or weights smaller, are dropped.
    pub min_seen: u32,
    pub min_weight: f32,
    /// Update step: `None` for the perceptron's 1, `Some(C)` for 1-best MIRA capped at C.
    pub mira_c: Option<f32>,
    /// Share of training tokens whose own word identity is hidden in each epoch.
    pub lex_dropout: f32,
    /// Cost-augmented decoding in training: every wrong tag's score is raised by this much,
    /// so a sentence counts as learnt only when the gold tags win by that margin (0: the
    /// plain perceptron).
    pub margin: f32,
    pub seed: u64,
    /// Progress lines on stderr.
    pub verbose: bool,
}

impl TrainConfig {
    /// The standard setup under a data folder (`/work/shared/data`) and a repository root.
    pub fn standard(data: &std::path::Path, repo: &std::path::Path) -> TrainConfig {
        TrainConfig {
            train: vec![
                (data.join("ner/conll2003/train.txt"), Format::Conll),
                (
                    data.join("ner/crossner-politics/train.txt"),
                    Format::CrossNer,
                ),
            ],
            dev: data.join("ner/conll2003/dev.txt"),
            kb_dir: Some(repo.join("crates/sitrep-extract/kb")),
            actor_dictionaries: vec![
                (
                    data.join("events/petrarch2/Phoenix.Countries.actors.txt"),
                    false,
                ),
                (
                    data.join("events/petrarch2/Phoenix.International.actors.txt"),
                    true,
                ),
                (
                    data.join("events/petrarch2/Phoenix.MilNonState.actors.txt"),
                    true,
                ),
            ],
            unlabeled_conllu: vec![
                data.join("ud/en_ewt/en_ewt-ud-train.conllu"),
                data.join("ud/en_ewt/en_ewt-ud-dev.conllu"),
            ],
            folds: 5,
            fold_epochs: 8,
            epochs: 20,
            second_pass: true,
            train_on_dev: true,
            ensemble: 3,
            min_seen: 2,
            min_weight: 0.0,
            mira_c: None,
            lex_dropout: 0.35,
            margin: 3.0,
            seed: 7,
            verbose: true,
        }
    }
}

/// Averaged transition weights (the perceptron's other half).
struct Trans {
    w: Vec<f32>,
    cur: Vec<f32>,
    total: Vec<f32>,
    stamp: Vec<u32>,
    t: u32,
}

impl Trans {
    fn new() -> Trans {
        let n = T_SIDE * T_SIDE;
        Trans {
            w: vec![0.0; n],
            cur: tags::with_constraints(vec![0.0; n]),
            total: vec![0.0; n],
            stamp: vec![0; n],
            t: 0,
        }
    }
    fn bump(&mut self, a: usize, b: usize, d: f32) {
        let i = a * T_SIDE + b;
        self.total[i] += (self.t - self.stamp[i]) as f32 * self.w[i];
        self.stamp[i] = self.t;
        self.w[i] += d;
        if self.cur[i].is_finite() {
            self.cur[i] = self.w[i];
        }
    }
    fn averaged(&self) -> Vec<f32> {
        let t = self.t.max(1) as f32;
        (0..self.w.len())
            .map(|i| (self.total[i] + (self.t - self.stamp[i]) as f32 * self.w[i]) / t)
            .collect()
    }
}

/// Feature keys per token, numbered over a whole corpus.
#[derive(Default)]
struct Keys {
    keys: Vec<u64>,
    offs: Vec<usize>,
}

impl Keys {
    fn new() -> Keys {
        Keys {
            keys: Vec::new(),
            offs: vec![0],
        }
    }
}

/// A corpus ready for training or scoring.
struct Corpus {
    docs: Vec<DocCtx>,
    /// First global token of each document.
    doc_start: Vec<usize>,
    /// Sentences as global token ranges, with their document.
    sents: Vec<(usize, usize, usize)>,
    gold: Vec<usize>,
    /// Lower-cased token ids.
    low: Vec<u64>,
    fold: Vec<usize>,
    local: Keys,
    extra: Keys,
}

impl Corpus {
    fn build(
        docs: &[Document],
        folds: &[usize],
        lexicon: &dyn Fn(usize) -> Arc<Lexicon>,
        gaz: &dyn Fn(usize) -> Arc<Gazetteer>,
    ) -> Corpus {
        let mut c = Corpus {
            docs: Vec::with_capacity(docs.len()),
            doc_start: Vec::with_capacity(docs.len()),
            sents: Vec::new(),
            gold: Vec::new(),
            low: Vec::new(),
            fold: folds.to_vec(),
            local: Keys::new(),
            extra: Keys::new(),
        };
        let mut f = Features::new();
        for (d, doc) in docs.iter().enumerate() {
            let g = gaz(folds[d]);
            let lex = lexicon(folds[d]);
            let res = Resources {
                lexicon: &lex,
                gazetteer: &g,
            };
            let toks = doc.tokens();
            let ctx = features::read_doc(&res, &toks);
            let base = c.gold.len();
            c.doc_start.push(base);
            for (s, sent) in doc.sentences.iter().enumerate() {
                let spans: Vec<TSpan> = sent
                    .spans
                    .iter()
                    .filter_map(|g| {
                        tags::type_index(&g.label).map(|ty| TSpan {
                            start: g.start,
                            end: g.end,
                            ty,
                        })
                    })
                    .collect();
                c.gold.extend(tags::encode(sent.words.len(), &spans));
                let r = ctx.sentence(s);
                c.sents.push((base + r.start, base + r.end, d));
                for t in r {
                    f.clear();
                    features::local(&ctx, s, t, &mut f);
                    c.local.keys.extend_from_slice(f.keys());
                    c.local.offs.push(c.local.keys.len());
                }
            }
            c.low.extend_from_slice(&ctx.low);
            c.docs.push(ctx);
        }
        c
    }

    /// Sets the second-pass features from first-pass tags (global numbering).
    fn set_extra(&mut self, tags1: &[usize]) {
        self.extra = Keys::new();
        let mut f = Features::new();
        for (d, ctx) in self.docs.iter().enumerate() {
            let base = self.doc_start[d];
            let agg = Agg::new(ctx, tags1[base..base + ctx.n_tokens()].to_vec());
            for s in 0..ctx.n_sentences() {
                for t in ctx.sentence(s) {
                    f.clear();
                    features::nonlocal(ctx, &agg, s, t, &mut f);
                    self.extra.keys.extend_from_slice(f.keys());
                    self.extra.offs.push(self.extra.keys.len());
                }
            }
        }
    }

    fn key_sets(&self, extra: bool) -> (Vec<&[u64]>, Vec<&[usize]>) {
        if extra {
            (
                vec![&self.local.keys, &self.extra.keys],
                vec![&self.local.offs, &self.extra.offs],
            )
        } else {
            (vec![&self.local.keys], vec![&self.local.offs])
        }
    }

    /// Tags sentences with a frozen model (global numbering, untouched elsewhere).
    fn tag_with(
        &self,
        model: &Model,
        trans: &[f32],
        extra: bool,
        sents: &[usize],
        out: &mut [usize],
    ) {
        let (keys, offs) = self.key_sets(extra);
        let mut em = Vec::new();
        let mut lat = Lattice::default();
        let mut seq = Vec::new();
        for &s in sents {
            let (a, b, _) = self.sents[s];
            emissions(model, &keys, &offs, a..b, &mut em);
            viterbi(&em, trans, &mut lat, &mut seq);
            out[a..b].copy_from_slice(&seq);
        }
    }

    /// The gold entity strings (token ids, lower-cased).
    fn entity_strings(&self) -> std::collections::HashSet<Vec<u64>> {
        let mut out = std::collections::HashSet::new();
        for &(a, b, _) in &self.sents {
            for sp in tags::decode_spans(&self.gold[a..b]) {
                out.insert(self.low[a + sp.start..a + sp.end].to_vec());
            }
        }
        out
    }

    /// Recall on gold entities whose string is not in `seen` (how well the model does on
    /// names it was not trained on), and their number.
    fn unseen_recall(
        &self,
        tags: &[usize],
        seen: &std::collections::HashSet<Vec<u64>>,
    ) -> (f64, usize) {
        let (mut g, mut c) = (0usize, 0usize);
        for &(a, b, _) in &self.sents {
            let ps = tags::decode_spans(&tags[a..b]);
            for sp in tags::decode_spans(&self.gold[a..b]) {
                if seen.contains(&self.low[a + sp.start..a + sp.end]) {
                    continue;
                }
                g += 1;
                c += ps.contains(&sp) as usize;
            }
        }
        (c as f64 / g.max(1) as f64, g)
    }

    /// Entity F1 of tags against gold over all sentences.
    fn f1(&self, tags: &[usize]) -> f64 {
        let (mut g, mut p, mut c) = (0usize, 0usize, 0usize);
        for &(a, b, _) in &self.sents {
            let gs = tags::decode_spans(&self.gold[a..b]);
            let ps = tags::decode_spans(&tags[a..b]);
            g += gs.len();
            p += ps.len();
            c += ps.iter().filter(|x| gs.contains(x)).count();
        }
        let (pr, re) = (c as f64 / p.max(1) as f64, c as f64 / g.max(1) as f64);
        if pr + re > 0.0 {
            2.0 * pr * re / (pr + re)
        } else {
            0.0
        }
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// One model's training run.
struct Run<'a> {
    corpus: &'a Corpus,
    sents: Vec<usize>,
    extra: bool,
    epochs: usize,
    seed: u64,
    dev: Option<&'a Corpus>,
    min_seen: u32,
    min_weight: f32,
    mira_c: Option<f32>,
    lex_dropout: f32,
    margin: f32,
    verbose: bool,
    name: &'a str,
}

impl Run<'_> {
    /// Trains; returns the model of the epoch with the best dev F1 (the last without dev),
    /// its transitions and its epoch (from 1).
    fn go(&self) -> (Model, Vec<f32>, usize) {
        let mut p = Perceptron::new(N_TAGS);
        let mut tr = Trans::new();
        let mut rng = Rng(self.seed | 1);
        let (keys, offs) = self.corpus.key_sets(self.extra);
        let mut order = self.sents.clone();
        let mut em: Vec<f32> = Vec::new();
        let mut lat = Lattice::default();
        let mut pred = Vec::new();
        let mut hide: Vec<bool> = Vec::new();
        let mut best: Option<(f64, Model, Vec<f32>, usize)> = None;
        let mut dev_tags = self.dev.map(|d| vec![0; d.gold.len()]);
        let dev_sents: Vec<usize> = self
            .dev
            .map_or(Vec::new(), |d| (0..d.sents.len()).collect());
        let t0 = Instant::now();
        for epoch in 0..self.epochs {
            rng.shuffle(&mut order);
            let mut errors = 0usize;
            for &s in &order {
                let (a, b, _) = self.corpus.sents[s];
                // Word dropout: some tokens' own identity is hidden, so the model also learns
                // to name words from their shape, context and lists, as it must for new words.
                hide.clear();
                for _ in a..b {
                    let r = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
                    hide.push(r < self.lex_dropout as f64);
                }
                let span = |set: usize, t: usize, hide: &[bool]| {
                    let (x, y) = (offs[set][t], offs[set][t + 1]);
                    if set == 0 && hide[t - a] {
                        (x + crate::features::LEXICAL_KEYS).min(y)..y
                    } else {
                        x..y
                    }
                };
                em.clear();
                em.resize((b - a) * N_TAGS, 0.0);
                for (row, t) in (a..b).enumerate() {
                    let out = &mut em[row * N_TAGS..(row + 1) * N_TAGS];
                    for (set, k) in keys.iter().enumerate() {
                        p.scores(&k[span(set, t, &hide)], out);
                    }
                }
                let gold = &self.corpus.gold[a..b];
                if self.margin > 0.0 {
                    for (row, &g) in gold.iter().enumerate() {
                        for (k, x) in em[row * N_TAGS..(row + 1) * N_TAGS].iter_mut().enumerate() {
                            if k != g {
                                *x += self.margin;
                            }
                        }
                    }
                }
                viterbi(&em, &tr.cur, &mut lat, &mut pred);
                p.tick();
                tr.t += 1;
                if pred.as_slice() == gold {
                    continue;
                }
                let n = b - a;
                let edges = |seq: &[usize], i: usize| {
                    let prev = if i == 0 { EDGE } else { seq[i - 1] };
                    let cur = if i == n { EDGE } else { seq[i] };
                    (prev, cur)
                };
                // The step: 1 (perceptron), or 1-best MIRA's (margin + loss) / |delta|^2,
                // capped at C.
                let step = match self.mira_c {
                    None => 1.0,
                    Some(c) => {
                        let (mut margin, mut loss, mut norm) = (0.0f32, 0.0f32, 0.0f32);
                        for (i, t) in (a..b).enumerate() {
                            if pred[i] != gold[i] {
                                margin += em[i * N_TAGS + pred[i]] - em[i * N_TAGS + gold[i]];
                                loss += 1.0;
                                let nk: usize = offs.iter().map(|o| o[t + 1] - o[t]).sum();
                                norm += 2.0 * nk as f32;
                            }
                        }
                        for i in 0..=n {
                            let (g, q) = (edges(gold, i), edges(&pred, i));
                            if g != q {
                                margin += tr.cur[q.0 * T_SIDE + q.1] - tr.cur[g.0 * T_SIDE + g.1];
                                norm += 2.0;
                            }
                        }
                        ((margin + loss) / norm.max(1.0)).clamp(0.0, c)
                    }
                };
                for (i, t) in (a..b).enumerate() {
                    if pred[i] != gold[i] {
                        errors += 1;
                        for (set, k) in keys.iter().enumerate() {
                            p.update(&k[span(set, t, &hide)], gold[i], pred[i], step);
                        }
                    }
                }
                for i in 0..=n {
                    let (g, q) = (edges(gold, i), edges(&pred, i));
                    if g != q {
                        tr.bump(g.0, g.1, step);
                        tr.bump(q.0, q.1, -step);
                    }
                }
            }
            let last = epoch + 1 == self.epochs;
            if let (Some(dev), Some(dt)) = (self.dev, dev_tags.as_mut()) {
                if epoch + 1 >= self.epochs / 3 || last {
                    let model = p.freeze(tags::tag_names(), self.min_seen, self.min_weight);
                    let trans = tags::with_constraints(tr.averaged());
                    dev.tag_with(&model, &trans, self.extra, &dev_sents, dt);
                    let f1 = dev.f1(dt);
                    if self.verbose {
                        eprintln!(
                            "  {} epoch {:>2}: {errors} token errors, dev F1 {:.2} ({} rows, {:.0}s)",
                            self.name,
                            epoch + 1,
                            f1 * 100.0,
                            model.len(),
                            t0.elapsed().as_secs_f64()
                        );
                    }
                    if best.as_ref().is_none_or(|(b, _, _, _)| f1 > *b) {
                        best = Some((f1, model, tr.averaged(), epoch + 1));
                    }
                }
            } else if self.verbose {
                eprintln!(
                    "  {} epoch {:>2}: {errors} token errors ({:.0}s)",
                    self.name,
                    epoch + 1,
                    t0.elapsed().as_secs_f64()
                );
            }
        }
        match best {
            Some((_, m, t, e)) => (m, t, e),
            None => (
                p.freeze(tags::tag_names(), self.min_seen, self.min_weight),
                tr.averaged(),
                self.epochs,
            ),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn run<'a>(
    cfg: &'a TrainConfig,
    corpus: &'a Corpus,
    sents: Vec<usize>,
    extra: bool,
    epochs: usize,
    dev: Option<&'a Corpus>,
    name: &'a str,
) -> Run<'a> {
    Run {
        corpus,
        sents,
        extra,
        epochs,
        seed: cfg.seed,
        dev,
        min_seen: cfg.min_seen,
        min_weight: cfg.min_weight,
        mira_c: cfg.mira_c,
        lex_dropout: cfg.lex_dropout,
        margin: cfg.margin,
        verbose: cfg.verbose,
        name,
    }
}

/// Sentences of a CoNLL-U file (word forms; multi-word token lines and empty nodes skipped).
fn conllu_sentences(path: &std::path::Path) -> Result<Vec<Vec<String>>, NerError> {
    let text = std::fs::read_to_string(path).map_err(|source| NerError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(id), Some(form)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.chars().all(|c| c.is_ascii_digit()) {
            cur.push(form.to_string());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Training-data list entries with the folds they occur in (a bit per fold).
fn train_entries(docs: &[Document], folds: &[usize]) -> HashMap<Entry, u64> {
    let mut out: HashMap<Entry, u64> = HashMap::new();
    let ids = |n: &str| list_id(n).expect("list name");
    for (d, doc) in docs.iter().enumerate() {
        let bit = 1u64 << folds[d];
        for s in &doc.sentences {
            for g in &s.spans {
                let Some(ty) = tags::type_index(&g.label) else {
                    continue;
                };
                let words = &s.words[g.start..g.end];
                let list = ids(&format!("train:{}", tags::TYPES[ty]));
                *out.entry(Entry {
                    list,
                    exact: false,
                    tokens: words.to_vec(),
                })
                .or_default() |= bit;
                let named = |w: &String| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars().all(char::is_alphabetic)
                        && w.chars().count() > 1
                };
                if tags::TYPES[ty] == "PER" && words.len() >= 2 {
                    if named(&words[0]) {
                        *out.entry(Entry {
                            list: ids("train:first"),
                            exact: false,
                            tokens: vec![words[0].clone()],
                        })
                        .or_default() |= bit;
                    }
                    if let Some(last) = words.last().filter(|w| named(w)) {
                        *out.entry(Entry {
                            list: ids("train:last"),
                            exact: false,
                            tokens: vec![last.clone()],
                        })
                        .or_default() |= bit;
                    }
                }
            }
        }
    }
    out
}

/// What one training run yields.
struct Fit {
    lexicon: Arc<Lexicon>,
    full_gaz: Arc<Gazetteer>,
    m1: (Model, Vec<f32>),
    m2: Option<(Model, Vec<f32>)>,
    /// Per replica, the epochs of passes 1 and 2 (chosen on dev, or as fixed).
    epochs: Vec<[usize; 2]>,
    /// CoNLL dev F1 of the final model, and its recall of dev names unseen in training.
    dev_f1: f64,
    unseen_recall: f64,
}

/// Steps 2 to 7 on these documents: with `fixed` epochs per replica (passes 1 and 2), or
/// with the epochs that score best on dev.
fn fit(
    cfg: &TrainConfig,
    docs: &[Document],
    dev_docs: &[Document],
    kb: &[Entry],
    unlabeled: &[Vec<String>],
    fixed: Option<&[[usize; 2]]>,
    log: &dyn Fn(&str),
) -> Result<Fit, NerError> {
    let folds_n = cfg.folds.clamp(2, 32);
    // The lexicon and the gazetteers as the final model sees them (all training data).
    let lexicon = Arc::new(Lexicon::build(
        docs.iter()
            .flat_map(|d| d.sentences.iter().map(|s| s.words.as_slice()))
            .chain(unlabeled.iter().map(Vec::as_slice)),
    ));
    let all_folds = vec![0; docs.len()];
    let full_gaz = {
        let mut e = kb.to_vec();
        e.extend(train_entries(docs, &all_folds).into_keys());
        Arc::new(Gazetteer::new(e))
    };
    log(&format!(
        "lexicon {} words, gazetteer {} entries ({} from the KB)",
        lexicon.len(),
        full_gaz.len(),
        kb.len()
    ));
    let mut dev = Corpus::build(
        dev_docs,
        &vec![0; dev_docs.len()],
        &|_| lexicon.clone(),
        &|_| full_gaz.clone(),
    );
    let dev_all: Vec<usize> = (0..dev.sents.len()).collect();
    let replicas = cfg.ensemble.max(1);
    let (mut m1s, mut t1s, mut m2s, mut t2s) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut epochs: Vec<[usize; 2]> = Vec::new();
    for rep in 0..replicas {
        let seed = cfg.seed.wrapping_add(1000 * rep as u64);
        // 2. Folds; the lexicon and the training lists are jackknifed: a training sentence
        // sees counts and names from the other folds only, so what only it has is unseen,
        // as new words and names are at run time.
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let mut fold_of: Vec<usize> = (0..docs.len()).map(|d| d % folds_n).collect();
        rng.shuffle(&mut fold_of);
        let fold_lex: Vec<Arc<Lexicon>> = (0..folds_n)
            .map(|f| {
                Arc::new(Lexicon::build(
                    docs.iter()
                        .enumerate()
                        .filter(|(d, _)| fold_of[*d] != f)
                        .flat_map(|(_, d)| d.sentences.iter().map(|s| s.words.as_slice()))
                        .chain(unlabeled.iter().map(Vec::as_slice)),
                ))
            })
            .collect();
        let tentries = train_entries(docs, &fold_of);
        let fold_gaz: Vec<Arc<Gazetteer>> = (0..folds_n)
            .map(|f| {
                let mut e = kb.to_vec();
                e.extend(
                    tentries
                        .iter()
                        .filter(|(_, bits)| *bits & !(1u64 << f) != 0)
                        .map(|(entry, _)| entry.clone()),
                );
                Arc::new(Gazetteer::new(e))
            })
            .collect();
        // 3. Features.
        let mut corpus = Corpus::build(docs, &fold_of, &|f| fold_lex[f].clone(), &|f| {
            fold_gaz[f].clone()
        });
        drop(fold_gaz);
        drop(fold_lex);
        log(&format!(
            "replica {rep}: {:.1} feature keys per token",
            corpus.local.keys.len() as f64 / corpus.gold.len().max(1) as f64
        ));
        // 4. Jackknifed first-pass tags.
        let mut tags1 = vec![0usize; corpus.gold.len()];
        if cfg.second_pass {
            for k in 0..folds_n {
                let (inside, outside): (Vec<usize>, Vec<usize>) =
                    (0..corpus.sents.len()).partition(|&s| corpus.fold[corpus.sents[s].2] == k);
                let name = format!("replica {rep} fold {k}");
                let mut r = run(cfg, &corpus, outside, false, cfg.fold_epochs, None, &name);
                r.seed = seed;
                let (m, t, _) = r.go();
                corpus.tag_with(&m, &tags::with_constraints(t), false, &inside, &mut tags1);
            }
            log(&format!(
                "replica {rep}: jackknifed first pass, train F1 {:.2}",
                corpus.f1(&tags1) * 100.0
            ));
        }
        // 5. The first-pass model.
        let all: Vec<usize> = (0..corpus.sents.len()).collect();
        let name = format!("replica {rep} pass 1");
        let (ep1, sel) = match fixed {
            Some(f) => (f.get(rep).map_or(cfg.epochs, |e| e[0]), None),
            None => (cfg.epochs, Some(&dev)),
        };
        let mut r = run(cfg, &corpus, all.clone(), false, ep1, sel, &name);
        r.seed = seed;
        let (m1, t1, e1) = r.go();
        let mut e2 = 0;
        // 6. The second-pass model.
        if cfg.second_pass {
            let mut dev1 = vec![0; dev.gold.len()];
            dev.tag_with(
                &m1,
                &tags::with_constraints(t1.clone()),
                false,
                &dev_all,
                &mut dev1,
            );
            corpus.set_extra(&tags1);
            dev.set_extra(&dev1);
            let name = format!("replica {rep} pass 2");
            let (ep2, sel) = match fixed {
                Some(f) => (f.get(rep).map_or(cfg.epochs, |e| e[1]), None),
                None => (cfg.epochs, Some(&dev)),
            };
            let mut r = run(cfg, &corpus, all, true, ep2, sel, &name);
            r.seed = seed;
            let (m2, t2, e) = r.go();
            e2 = e;
            m2s.push(m2);
            t2s.push(t2);
        }
        m1s.push(m1);
        t1s.push(t1);
        epochs.push([e1, e2]);
        log(&format!("replica {rep} done"));
    }
    // 7. Averages of the replicas.
    let avg_t = |ts: &[Vec<f32>]| -> Vec<f32> {
        let mut out = vec![0.0f32; T_SIDE * T_SIDE];
        for t in ts {
            for (a, b) in out.iter_mut().zip(t) {
                *a += b / ts.len() as f32;
            }
        }
        out
    };
    let merr = |e: sitrep_learn::ModelError| NerError::Bundle(e.into());
    let m1 = crate::merge::average(&m1s, cfg.min_weight).map_err(merr)?;
    let t1 = avg_t(&t1s);
    let mut dev1 = vec![0; dev.gold.len()];
    dev.tag_with(
        &m1,
        &tags::with_constraints(t1.clone()),
        false,
        &dev_all,
        &mut dev1,
    );
    let seen = {
        let c = Corpus::build(docs, &all_folds, &|_| lexicon.clone(), &|_| {
            full_gaz.clone()
        });
        c.entity_strings()
    };
    let (ur, un) = dev.unseen_recall(&dev1, &seen);
    let (mut dev_f1, mut unseen_recall) = (dev.f1(&dev1), ur);
    log(&format!(
        "pass 1 ({replicas} averaged): dev F1 {:.2}, {} rows; recall of the {un} dev names unseen in training {:.2}",
        dev.f1(&dev1) * 100.0,
        m1.len(),
        ur * 100.0
    ));
    let m2 = if cfg.second_pass {
        let m2 = crate::merge::average(&m2s, cfg.min_weight).map_err(merr)?;
        let t2 = avg_t(&t2s);
        dev.set_extra(&dev1);
        let mut dev2 = vec![0; dev.gold.len()];
        dev.tag_with(
            &m2,
            &tags::with_constraints(t2.clone()),
            true,
            &dev_all,
            &mut dev2,
        );
        let (ur, un) = dev.unseen_recall(&dev2, &seen);
        (dev_f1, unseen_recall) = (dev.f1(&dev2), ur);
        log(&format!(
            "pass 2 ({replicas} averaged): dev F1 {:.2}, {} rows; recall of the {un} dev names unseen in training {:.2}",
            dev.f1(&dev2) * 100.0,
            m2.len(),
            ur * 100.0
        ));
        Some((m2, t2))
    } else {
        None
    };
    Ok(Fit {
        lexicon,
        full_gaz,
        m1: (m1, t1),
        m2,
        epochs,
        dev_f1,
        unseen_recall,
    })
}

/// Trains a recogniser (see the module docs).
pub fn train(cfg: &TrainConfig) -> Result<Ner, NerError> {
    let t0 = Instant::now();
    let log = |msg: &str| {
        if cfg.verbose {
            eprintln!("[{:>5.0}s] {msg}", t0.elapsed().as_secs_f64());
        }
    };
    let folds_n = cfg.folds.clamp(2, 32);
    // 1. Data.
    let mut docs: Vec<Document> = Vec::new();
    for (path, format) in &cfg.train {
        let mut ds = data::read(path, *format)?;
        if *format == Format::CrossNer {
            for d in &mut ds {
                for s in &mut d.sentences {
                    s.spans.retain_mut(|g| match crossner_to_conll(&g.label) {
                        Some(l) => {
                            g.label = l.to_string();
                            true
                        }
                        None => false,
                    });
                }
            }
        }
        docs.extend(ds);
    }
    let dev_docs = data::read(&cfg.dev, Format::Conll)?;
    log(&format!(
        "{} training documents ({} tokens), {} dev documents",
        docs.len(),
        docs.iter().map(Document::len).sum::<usize>(),
        dev_docs.len()
    ));
    let mut unlabeled: Vec<Vec<String>> = Vec::new();
    for p in &cfg.unlabeled_conllu {
        unlabeled.extend(conllu_sentences(p)?);
    }
    let mut kb = match &cfg.kb_dir {
        Some(dir) => gazetteer::kb_entries(dir).map_err(|source| NerError::Io {
            path: dir.display().to_string(),
            source,
        })?,
        None => Vec::new(),
    };
    for (path, orgs) in &cfg.actor_dictionaries {
        let text = std::fs::read_to_string(path).map_err(|source| NerError::Io {
            path: path.display().to_string(),
            source,
        })?;
        gazetteer::phoenix_entries(&text, *orgs, &mut kb);
    }
    let fixed = if cfg.train_on_dev {
        // Hyperparameters and epochs are chosen on dev first; the final model then learns
        // from train and dev with them.
        let first = fit(cfg, &docs, &dev_docs, &kb, &unlabeled, None, &log)?;
        let mut all = docs.clone();
        all.extend(dev_docs.iter().cloned());
        log(&format!(
            "training again on train and dev ({} documents) with the epochs chosen on dev: {:?}",
            all.len(),
            first.epochs
        ));
        let second = fit(
            cfg,
            &all,
            &dev_docs,
            &kb,
            &unlabeled,
            Some(&first.epochs),
            &log,
        )?;
        Some((first, second))
    } else {
        None
    };
    let (fitted, dev_note) = match fixed {
        Some((first, second)) => {
            let note = format!(
                "final model trained on train and dev with the epochs chosen on dev ({:?} per \
                 replica, passes 1 and 2); the same setup trained on train only: CoNLL dev F1 \
                 {:.2}, recall of dev names unseen in training {:.2}",
                first.epochs,
                first.dev_f1 * 100.0,
                first.unseen_recall * 100.0
            );
            (second, note)
        }
        None => {
            let f = fit(cfg, &docs, &dev_docs, &kb, &unlabeled, None, &log)?;
            let note = format!(
                "CoNLL dev F1 {:.2}, recall of dev names unseen in training {:.2}",
                f.dev_f1 * 100.0,
                f.unseen_recall * 100.0
            );
            (f, note)
        }
    };
    let Fit {
        lexicon,
        full_gaz,
        m1: (m1, t1),
        m2,
        ..
    } = fitted;
    log(&dev_note);
    // Paths in the provenance are shown from the data folder or the repository.
    let short = |p: &std::path::Path| {
        let s = p.display().to_string();
        ["shared/data/", "crates/"]
            .iter()
            .find_map(|k| s.rfind(k).map(|i| s[i..].to_string()))
            .unwrap_or(s)
    };
    let list = |ps: &mut dyn Iterator<Item = &PathBuf>| {
        ps.map(|p| short(p)).collect::<Vec<_>>().join(", ")
    };
    let provenance = format!(
        "sitrep-ner: averaged perceptron over BILOU tags, Viterbi, two passes (the second with \
         document-level features from jackknifed first-pass labels, {folds_n} folds); {} replicas \
         averaged.\n\
         trained on: {}{}\n\
         epochs selected on: {}\n\
         {dev_note}\n\
         case lexicon also from: {}\n\
         word clusters: sitrep_learn::clusters (built in; all-MiniLM-L6-v2 word-piece \
         embeddings, {}/{}/{} clusters)\n\
         gazetteers: {} entries from {}{}; training entities (jackknifed)\n\
         epochs <= {} (jackknife models {}), min_seen {}, min_weight {}, word dropout {}, \
         margin {}, seed {}\n\
         training took {:.0}s",
        cfg.ensemble.max(1),
        list(&mut cfg.train.iter().map(|(p, _)| p)),
        if cfg.train_on_dev {
            format!(" and {}", short(&cfg.dev))
        } else {
            String::new()
        },
        short(&cfg.dev),
        list(&mut cfg.unlabeled_conllu.iter()),
        sitrep_learn::clusters::FINE,
        sitrep_learn::clusters::MID,
        sitrep_learn::clusters::COARSE,
        kb.len(),
        cfg.kb_dir.as_ref().map_or("-".to_string(), |p| short(p)),
        if cfg.actor_dictionaries.is_empty() {
            String::new()
        } else {
            format!(
                ", {}",
                list(&mut cfg.actor_dictionaries.iter().map(|(p, _)| p))
            )
        },
        cfg.epochs,
        cfg.fold_epochs,
        cfg.min_seen,
        cfg.min_weight,
        cfg.lex_dropout,
        cfg.margin,
        cfg.seed,
        t0.elapsed().as_secs_f64()
    );
    let full = Gazetteer::clone(&full_gaz);
    Ner::new(Lexicon::clone(&lexicon), full, (m1, t1), m2, provenance)
        .map_err(|e| NerError::Bundle(e.into()))
}
