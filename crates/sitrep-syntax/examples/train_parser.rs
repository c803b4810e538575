//! Trains, evaluates and times the dependency parser on UD English EWT: the experiment
//! driver behind the committed `models/parser.model`.
//!
//! ```text
//! cargo run --release -p sitrep-syntax --example train_parser -- [options]
//!   --jackknife          train on jackknifed tags (--folds N taggers, default 10), score dev
//!                        and test with the committed tagger's tags (the shipped setting;
//!                        with --eval-only, just the dev and test tags)
//!   --augment            train on the trees twice: predicted tags and gold tags
//!   --make-tags DIR      the same, and keep the tagged sets in DIR (train/dev/test.conllu)
//!   --tagged DIR         read tagged sets written by --make-tags
//!                        (none of the three: gold tags)
//!   --epochs N --explore-prob P --explore-from E --min-seen K --min-weight W --seed S
//!   --patience N --members N --guide-folds N --guide-epochs N --guide-members N
//!                        training options (defaults: parser::TrainOptions; --guide-folds 0:
//!                        no right-to-left guide)
//!   --out PATH           write the model there
//!   --eval-only PATH     score an existing model instead of training one (--greedy: without
//!                        selectional branching)
//!   --test               also score the test set (once, at the end)
//!   --errors             head and label errors by relation on dev
//!   --dump PATH          dev parsed, as CoNLL-U
//!   --reverse            train and score a right-to-left parser alone (parser::r2l_order)
//!   --combine L2R,R2L    two such models on dev (with --tagged DIR: predicted tags): how
//!                        often they agree, and combination by reparsing (Eisner over both
//!                        greedy parses' arcs, weighted by move margins) over a grid
//! ```
//! The data folder is `$SITREP_DATA` or `../shared/data` beside the repository. Speed is
//! measured parsing dev again and again, in words per second of this thread's CPU time.

use sitrep_learn::Bundle;
use sitrep_syntax::conllu::{read_conllu, UdSentence};
use sitrep_syntax::parser::{self, Parser, TrainOptions};
use sitrep_syntax::tagger::{self, Tagger, Tags, TrainOptions as TagOptions};
use sitrep_syntax::TaggedWord;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn data() -> PathBuf {
    std::env::var_os("SITREP_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
        .join("ud/en_ewt")
}

fn load(name: &str) -> Vec<UdSentence> {
    let p = data().join(format!("en_ewt-ud-{name}.conllu"));
    read_conllu(&p).unwrap_or_else(|e| panic!("{e}"))
}

/// Words per second parsing `sents` with their own tags, one thread.
fn speed(p: &Parser, sents: &[UdSentence]) -> f64 {
    let inputs: Vec<Vec<TaggedWord>> = sents.iter().map(parser::tagged).collect();
    best_rate(6, || inputs.iter().map(|s| p.parse(s).len()).sum())
}

/// Words per CPU second tagging (committed tagger) and then parsing the forms of `sents`.
fn pipeline_speed(p: &Parser, sents: &[UdSentence]) -> Option<f64> {
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/tagger.model");
    let tagger = Tagger::from_bundle(&Bundle::read(&committed).ok()?).ok()?;
    let forms: Vec<Vec<&str>> = sents.iter().map(|s| s.forms()).collect();
    Some(best_rate(4, || {
        forms
            .iter()
            .map(|f| {
                let tags = tagger.tag(f);
                let w: Vec<TaggedWord> = f
                    .iter()
                    .zip(&tags)
                    .map(|(form, t)| TaggedWord::from_tags(form, t))
                    .collect();
                p.parse(&w).len()
            })
            .sum()
    }))
}

/// The best words per second over `rounds` rounds of half a second, each repeating `work`
/// (which returns the words it did), counting the time this thread was on a CPU (the machine
/// is shared: wall time would count other processes' turns too).
fn best_rate(rounds: usize, mut work: impl FnMut() -> usize) -> f64 {
    let mut best = 0f64;
    for _ in 0..rounds {
        let (start, cpu0) = (Instant::now(), cpu_seconds());
        let mut words = 0usize;
        while start.elapsed().as_secs_f64() < 0.5 {
            words += work();
        }
        let cpu = cpu_seconds() - cpu0;
        let secs = if cpu > 0.0 {
            cpu
        } else {
            start.elapsed().as_secs_f64()
        };
        best = best.max(words as f64 / secs);
    }
    best
}

/// CPU time of this thread so far (Linux `/proc/thread-self/schedstat`), 0 elsewhere.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map_or(0.0, |ns| ns / 1e9)
}

/// The sentence in the right-to-left parser's order, heads renumbered.
fn reverse(s: &UdSentence) -> UdSentence {
    parser::r2l_sentence(s)
}

fn tagged_words(s: &UdSentence) -> Vec<TaggedWord<'_>> {
    parser::tagged(s)
}

/// How often a left-to-right and a right-to-left parser agree, and how often either is right.
fn combine_stats(l2r: &Parser, r2l: &Parser, dev: &[UdSentence]) -> String {
    let (mut n, mut a, mut b, mut agree, mut agree_right, mut either) = (0, 0, 0, 0, 0, 0);
    for s in dev {
        let w = tagged_words(s);
        let x = l2r.directed(&w, false);
        let y = r2l.directed(&w, true);
        for (i, w) in s.words.iter().enumerate() {
            let (h1, h2) = (x.heads[i] as usize, y.heads[i] as usize);
            n += 1;
            a += (h1 == w.head) as usize;
            b += (h2 == w.head) as usize;
            agree += (h1 == h2) as usize;
            agree_right += (h1 == h2 && h1 == w.head) as usize;
            either += (h1 == w.head || h2 == w.head) as usize;
        }
    }
    let pct = |k: usize| 100.0 * k as f64 / n as f64;
    format!(
        "greedy: l2r UAS {:.2}, r2l UAS {:.2}, agree {:.2} (right when agreeing {:.2}), either right {:.2}",
        pct(a),
        pct(b),
        pct(agree),
        100.0 * agree_right as f64 / agree.max(1) as f64,
        pct(either)
    )
}

/// The sentences with these tags instead of theirs.
fn retag(sents: &[UdSentence], tags: &[Vec<Tags>]) -> Vec<UdSentence> {
    sents
        .iter()
        .zip(tags)
        .map(|(s, t)| {
            let mut s = s.clone();
            for (w, t) in s.words.iter_mut().zip(t) {
                w.upos = t.upos.clone();
                w.xpos = t.xpos.clone();
                w.feats = t.feats.clone();
                w.lemma = t.lemma.clone();
            }
            s
        })
        .collect()
}

/// Predicted tags: train jackknifed (`folds` taggers, each tagging the part it did not
/// see), dev and test by the committed tagger (or one trained here when there is none).
fn predicted_tags(
    train: &[UdSentence],
    dev: &[UdSentence],
    test: &[UdSentence],
    folds: usize,
    log: &mut dyn FnMut(&str),
) -> (Vec<UdSentence>, Vec<UdSentence>, Vec<UdSentence>) {
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/tagger.model");
    let tagger = match Bundle::read(&committed).and_then(|b| Tagger::from_bundle(&b)) {
        Ok(t) => {
            log(&format!(
                "tagging dev and test with {}",
                committed.display()
            ));
            t
        }
        Err(e) => {
            log(&format!(
                "no committed tagger ({e}): training one for dev and test"
            ));
            tagger::train(train, dev, &TagOptions::default(), log)
        }
    };
    let tag_all = |v: &[UdSentence]| v.iter().map(|s| tagger.tag(&s.forms())).collect::<Vec<_>>();
    let (dev_tags, test_tags) = (tag_all(dev), tag_all(test));
    if folds == 0 {
        // Scoring only: the training set keeps its gold tags.
        return (
            train.to_vec(),
            retag(dev, &dev_tags),
            retag(test, &test_tags),
        );
    }
    log(&format!("jackknifing the training tags ({folds} folds)"));
    let jk = tagger::jackknife(train, folds, &TagOptions::default(), log);
    (
        retag(train, &jk),
        retag(dev, &dev_tags),
        retag(test, &test_tags),
    )
}

fn write_conllu(path: &Path, sents: &[UdSentence]) {
    let text: String = sents.iter().map(|s| s.to_string()).collect();
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |k: &str| {
        args.iter()
            .position(|a| a == k)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let has = |k: &str| args.iter().any(|a| a == k);
    let mut opts = TrainOptions::default();
    // A training option given on the command line replaces the default.
    fn set<T: std::str::FromStr>(get: &dyn Fn(&str) -> Option<String>, key: &str, slot: &mut T) {
        if let Some(v) = get(key) {
            *slot = v
                .parse()
                .unwrap_or_else(|_| panic!("{key}: cannot read {v:?}"));
        }
    }
    set(&get, "--epochs", &mut opts.epochs);
    set(&get, "--explore-prob", &mut opts.explore_prob);
    set(&get, "--explore-from", &mut opts.explore_from);
    set(&get, "--min-seen", &mut opts.min_seen);
    set(&get, "--min-weight", &mut opts.min_weight);
    set(&get, "--seed", &mut opts.seed);
    set(&get, "--members", &mut opts.members);
    set(&get, "--patience", &mut opts.patience);
    set(&get, "--guide-folds", &mut opts.guide_folds);
    set(&get, "--guide-epochs", &mut opts.guide_epochs);
    set(&get, "--guide-members", &mut opts.guide_members);

    let t0 = Instant::now();
    let train = load("train");
    let dev = load("dev");
    let test = load("test");
    let mut log = |s: &str| eprintln!("[{:>6.1}s] {s}", t0.elapsed().as_secs_f64());
    if let Some(pair) = get("--combine") {
        let (a, b) = pair.split_once(',').expect("--combine L2R,R2L");
        let load = |p: &str| Parser::from_bundle(&Bundle::read(Path::new(p)).unwrap()).unwrap();
        let dev = match get("--tagged") {
            Some(dir) => read_conllu(&Path::new(&dir).join("dev.conllu")).unwrap(),
            None => dev,
        };
        let (l2r, r2l) = (load(a), load(b));
        log(&combine_stats(&l2r, &r2l, &dev));
        combine_grid(l2r, r2l, &dev, &mut log);
        return;
    }
    // Scoring an existing model needs no jackknifed training tags.
    let default_folds = if has("--eval-only") { 0 } else { 10 };
    let folds: usize = get("--folds").map_or(default_folds, |v| v.parse().expect("--folds"));
    let gold_dev = dev.clone();
    let mut tags = "gold";
    let (train, dev, test) = if let Some(dir) = get("--make-tags") {
        let (a, b, c) = predicted_tags(&train, &dev, &test, folds, &mut log);
        let dir = Path::new(&dir);
        std::fs::create_dir_all(dir).expect("--make-tags folder");
        write_conllu(&dir.join("train.conllu"), &a);
        write_conllu(&dir.join("dev.conllu"), &b);
        write_conllu(&dir.join("test.conllu"), &c);
        log(&format!("wrote predicted tags to {}", dir.display()));
        tags = "predicted";
        (a, b, c)
    } else if let Some(dir) = get("--tagged") {
        let dir = Path::new(&dir);
        let read = |n: &str| {
            read_conllu(&dir.join(format!("{n}.conllu"))).unwrap_or_else(|e| panic!("{e}"))
        };
        tags = "predicted";
        (read("train"), read("dev"), read("test"))
    } else if has("--jackknife") {
        tags = "predicted";
        predicted_tags(&train, &dev, &test, folds, &mut log)
    } else {
        (train, dev, test)
    };
    let (train, dev, test) = if has("--reverse") {
        let r = |v: &[UdSentence]| v.iter().map(reverse).collect::<Vec<_>>();
        (r(&train), r(&dev), r(&test))
    } else {
        (train, dev, test)
    };

    // --augment: the training trees twice, with predicted and with gold tags.
    let mut train = if has("--augment") && tags != "gold" {
        let mut t = train;
        let gold = load("train");
        if has("--reverse") {
            t.extend(gold.iter().map(reverse));
        } else {
            t.extend(gold);
        }
        t
    } else {
        train
    };
    // --extra DIR: one more copy of the training trees, with the tags in DIR/train.conllu.
    if let Some(dir) = get("--extra") {
        train.extend(
            read_conllu(&Path::new(&dir).join("train.conllu")).unwrap_or_else(|e| panic!("{e}")),
        );
    }
    let p = if let Some(path) = get("--eval-only") {
        let b = Bundle::read(Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
        let mut p = Parser::from_bundle(&b).unwrap_or_else(|e| panic!("{e}"));
        if has("--greedy") {
            p.set_greedy();
        }
        p
    } else {
        let p = parser::train(&train, &dev, &opts, &mut log);
        log(&format!("trained with {opts:?}"));
        p
    };
    let d = parser::evaluate(&p, &dev);
    log(&format!(
        "dev  ({tags} tags): UAS {:.2} LAS {:.2} ({} words)",
        d.uas, d.las, d.words
    ));
    if tags != "gold" && !has("--reverse") {
        let g = parser::evaluate(&p, &gold_dev);
        log(&format!(
            "dev  (gold tags): UAS {:.2} LAS {:.2} ({} words)",
            g.uas, g.las, g.words
        ));
    }
    if let Some(path) = get("--dump") {
        let mut out = String::new();
        for s in &dev {
            let words = parser::tagged(s);
            let mut s2 = s.clone();
            for (w, a) in s2.words.iter_mut().zip(p.parse(&words)) {
                w.head = a.head;
                w.deprel = a.deprel;
            }
            out.push_str(&s2.to_string());
        }
        std::fs::write(&path, out).expect("--dump");
    }
    if has("--errors") {
        eprint!("{}", error_table(&p, &dev));
    }
    if has("--test") {
        let t = parser::evaluate(&p, &test);
        log(&format!(
            "test ({tags} tags): UAS {:.2} LAS {:.2} ({} words)",
            t.uas, t.las, t.words
        ));
    }
    log(&format!(
        "speed: {:.0} words per CPU second (dev, one thread)",
        speed(&p, &dev)
    ));
    if let Some(v) = pipeline_speed(&p, &dev) {
        log(&format!(
            "speed, tagging and parsing: {v:.0} words per CPU second"
        ));
    }
    if let Some(out) = get("--out") {
        let prov = format!(
            "sitrep parser, trained on UD English EWT train ({} sentences), selected on dev; options {opts:?}",
            train.len()
        );
        let b = p.to_bundle(&prov);
        b.write(Path::new(&out)).unwrap_or_else(|e| panic!("{e}"));
        log(&format!(
            "wrote {out} ({} bytes)",
            std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0)
        ));
    }
}

/// Head errors by gold relation (universal part), most frequent first.
fn error_table(p: &Parser, sents: &[UdSentence]) -> String {
    use std::collections::HashMap;
    let mut by: HashMap<String, (usize, usize, usize)> = HashMap::new();
    for s in sents {
        let words = parser::tagged(s);
        let arcs = p.parse(&words);
        for (a, w) in arcs.iter().zip(&s.words) {
            let rel = w.deprel.split(':').next().unwrap_or("").to_string();
            let e = by.entry(rel).or_default();
            e.0 += 1;
            if a.head != w.head {
                e.1 += 1;
            } else if a.deprel.split(':').next() != w.deprel.split(':').next() {
                e.2 += 1;
            }
        }
    }
    let mut v: Vec<_> = by.into_iter().collect();
    v.sort_by_key(|(_, (_, e, _))| std::cmp::Reverse(*e));
    let mut out = String::from("relation  words  head-errors  label-errors\n");
    for (r, (n, e, l)) in v.iter().take(25) {
        out.push_str(&format!(
            "{r:<12} {n:>6} {e:>6} ({:>5.1}%) {l:>5}\n",
            100.0 * *e as f64 / *n as f64
        ));
    }
    out
}

/// Picks heads and labels from a left-to-right and a right-to-left parse.
type Pick<'a> = dyn Fn(&parser::Directed, &parser::Directed) -> (Vec<u32>, Vec<String>) + 'a;

/// Parser combination on dev: greedy left-to-right and right-to-left parses, their arcs
/// weighted by move confidence, the best projective tree over them (Eisner).
fn combine_grid(mut l2r: Parser, mut r2l: Parser, dev: &[UdSentence], log: &mut dyn FnMut(&str)) {
    let b = parser::evaluate(&l2r, dev);
    log(&format!(
        "l2r as shipped: UAS {:.2} LAS {:.2}",
        b.uas, b.las
    ));
    l2r.set_greedy();
    r2l.set_greedy();
    let inputs: Vec<Vec<TaggedWord>> = dev.iter().map(parser::tagged).collect();
    for (name, p, rev) in [("l2r", &l2r, false), ("r2l", &r2l, true)] {
        let v = best_rate(4, || {
            inputs.iter().map(|s| p.directed(s, rev).heads.len()).sum()
        });
        log(&format!("{name} greedy: {v:.0} words per CPU second"));
    }
    let names_l = l2r.deprels().to_vec();
    let names_r = r2l.deprels().to_vec();
    let parses: Vec<(parser::Directed, parser::Directed)> = dev
        .iter()
        .map(|s| {
            let w = parser::tagged(s);
            (l2r.directed(&w, false), r2l.directed(&w, true))
        })
        .collect();
    let uni = |l: &str| l.split(':').next().unwrap_or("").to_string();
    let score = |pick: &Pick| {
        let (mut n, mut h, mut l) = (0usize, 0usize, 0usize);
        for (s, (x, y)) in dev.iter().zip(&parses) {
            if x.heads.is_empty() {
                continue;
            }
            let (heads, labels) = pick(x, y);
            for (k, w) in s.words.iter().enumerate() {
                n += 1;
                if heads[k] as usize == w.head {
                    h += 1;
                    if uni(&labels[k]) == uni(&w.deprel) {
                        l += 1;
                    }
                }
            }
        }
        (100.0 * h as f64 / n as f64, 100.0 * l as f64 / n as f64)
    };
    let lab = |names: &[String], l: u16| names.get(l as usize).cloned().unwrap_or_default();
    let (u, l) = score(&|x, _| {
        (
            x.heads.clone(),
            x.labels.iter().map(|&l| lab(&names_l, l)).collect(),
        )
    });
    log(&format!("l2r greedy: UAS {u:.2} LAS {l:.2}"));
    let (u, l) = score(&|_, y| {
        (
            y.heads.clone(),
            y.labels.iter().map(|&l| lab(&names_r, l)).collect(),
        )
    });
    log(&format!("r2l greedy: UAS {u:.2} LAS {l:.2}"));
    let mut best = (0.0, String::new());
    for t in [10.0f32, 25.0, 50.0, 100.0, 200.0] {
        for a in [0.0f32, 1.0, 2.0, 4.0, 8.0] {
            for wb in [0.5f32, 0.7, 0.85, 1.0] {
                for label_by_margin in [false, true] {
                    let (u, l) = score(&|x, y| {
                        let n = x.heads.len();
                        let conf = |m: f32| (m / t).tanh();
                        let arc = |h: usize, d: usize| {
                            let mut v = 0f32;
                            if x.heads[d - 1] as usize == h {
                                v += 1.0 + a * conf(x.margins[d - 1]);
                            }
                            if y.heads[d - 1] as usize == h {
                                v += wb * (1.0 + a * conf(y.margins[d - 1]));
                            }
                            if v == 0.0 {
                                -1e4
                            } else {
                                v
                            }
                        };
                        let heads = if x.heads == y.heads {
                            x.heads.clone()
                        } else {
                            parser::eisner(n, &arc)
                        };
                        let labels = (0..n)
                            .map(|k| {
                                let xl = x.heads[k] == heads[k];
                                let yl = y.heads[k] == heads[k];
                                let use_y = yl
                                    && (!xl
                                        || (label_by_margin
                                            && wb * y.label_margins[k] > x.label_margins[k]));
                                if use_y {
                                    lab(&names_r, y.labels[k])
                                } else {
                                    lab(&names_l, x.labels[k])
                                }
                            })
                            .collect();
                        (heads, labels)
                    });
                    let line = format!(
                        "combined t {t} a {a} r2l weight {wb} label by margin {label_by_margin}: UAS {u:.2} LAS {l:.2}"
                    );
                    log(&line);
                    if l > best.0 {
                        best = (l, line);
                    }
                }
            }
        }
    }
    log(&format!("best: {}", best.1));
}
