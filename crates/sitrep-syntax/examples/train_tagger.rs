//! Trains and measures the tagger on UD English EWT: the experiment driver behind the
//! committed `models/tagger.model`.
//!
//! ```text
//! cargo run --release -p sitrep-syntax --example train_tagger -- [options]
//!   --out PATH          write the trained model there
//!   --model PATH        load a model instead of training one
//!   --test              also score the test set (do it once, at the end)
//!   --speed             measure tagging speed (words/s, one thread)
//!   --errors N          print the N most frequent dev UPOS confusions
//!   --epochs N --feats-epochs N --patience N --inner-folds N --inner-epochs N
//!   --no-second-pass --amb-min-count N --amb-min-share F --fixed-min-count N
//!   --fixed-min-share F --feats-word-min N --min-seen N --min-weight F --seed N
//!   --hide-rate F --hide-max-count N --keep-margin F --ltr-first
//!   --no-wordlist --pass2-models N --tagdict-min-count N --tagdict-min-share F
//!   --jackknife N       run the parser's jackknife with N folds and score its tags
//! ```
//! The data folder is `$SITREP_DATA` or `../shared/data` beside the repository.

use sitrep_learn::Bundle;
use sitrep_syntax::conllu::{read_conllu, UdSentence};
use sitrep_syntax::tagger::{evaluate, jackknife, train, Tagger, TrainOptions};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

fn data_dir() -> PathBuf {
    std::env::var_os("SITREP_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut o = TrainOptions::default();
    let (mut out, mut model, mut test, mut speed, mut errors, mut jk) =
        (None, None, false, false, 0usize, 0usize);
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let mut val = || -> Result<String, String> {
            i += 1;
            args.get(i).cloned().ok_or(format!("{a} needs a value"))
        };
        match a {
            "--out" => out = Some(PathBuf::from(val()?)),
            "--model" => model = Some(PathBuf::from(val()?)),
            "--test" => test = true,
            "--speed" => speed = true,
            "--errors" => errors = val()?.parse()?,
            "--jackknife" => jk = val()?.parse()?,
            "--epochs" => o.epochs = val()?.parse()?,
            "--feats-epochs" => o.feats_epochs = val()?.parse()?,
            "--patience" => o.patience = val()?.parse()?,
            "--inner-folds" => o.inner_folds = val()?.parse()?,
            "--inner-epochs" => o.inner_epochs = val()?.parse()?,
            "--no-second-pass" => o.second_pass = false,
            "--amb-min-count" => o.lex.amb_min_count = val()?.parse()?,
            "--amb-min-share" => o.lex.amb_min_share = val()?.parse()?,
            "--fixed-min-count" => o.lex.fixed_min_count = val()?.parse()?,
            "--fixed-min-share" => o.lex.fixed_min_share = val()?.parse()?,
            "--feats-word-min" => o.lex.feats_word_min = val()?.parse()?,
            "--min-seen" => o.min_seen = val()?.parse()?,
            "--min-weight" => o.min_weight = val()?.parse()?,
            "--seed" => o.seed = val()?.parse()?,
            "--hide-rate" => o.hide_rate = val()?.parse()?,
            "--hide-max-count" => o.hide_max_count = val()?.parse()?,
            "--keep-margin" => o.keep_margin = val()?.parse()?,
            "--ltr-first" => o.rtl_first = false,
            "--no-wordlist" => o.wordlist = None,
            "--pass2-models" => o.pass2_models = val()?.parse()?,
            "--tagdict-min-count" => o.lex.tagdict_min_count = val()?.parse()?,
            "--tagdict-min-share" => o.lex.tagdict_min_share = val()?.parse()?,
            _ => return Err(format!("unknown option {a}").into()),
        }
        i += 1;
    }
    let ud = data_dir().join("ud/en_ewt");
    let tr = read_conllu(&ud.join("en_ewt-ud-train.conllu"))?;
    let dev = read_conllu(&ud.join("en_ewt-ud-dev.conllu"))?;
    let mut log = |l: &str| eprintln!("{l}");

    if jk > 0 {
        let t0 = Instant::now();
        let tags = jackknife(&tr, jk, &o, &mut log);
        let (mut ok, mut n) = (0, 0);
        for (s, t) in tr.iter().zip(&tags) {
            for (w, t) in s.words.iter().zip(t) {
                ok += usize::from(w.upos == t.upos);
                n += 1;
            }
        }
        println!(
            "jackknife {jk} folds: UPOS {:.2}% on train, {:.0}s",
            100.0 * ok as f64 / n as f64,
            t0.elapsed().as_secs_f64()
        );
        return Ok(());
    }

    let tagger = match &model {
        Some(p) => {
            let mut t = Tagger::from_bundle(&Bundle::read(p)?)?;
            if o.lex.tagdict_min_count > 0 {
                t.set_tag_dict(&tr, &o.lex);
            }
            if args.iter().any(|a| a == "--keep-margin") {
                t.set_keep_margin(o.keep_margin);
            }
            t
        }
        None => {
            let t0 = Instant::now();
            let t = train(&tr, &dev, &o, &mut log);
            println!("trained in {:.1}s ({o:?})", t0.elapsed().as_secs_f64());
            t
        }
    };
    if let Some(p) = &out {
        let provenance = format!(
            "sitrep tagger: UD English EWT train ({} sentences), epochs chosen on dev; options {o:?}",
            tr.len()
        );
        tagger.to_bundle(&provenance).write(p)?;
        println!(
            "wrote {} ({} bytes)",
            p.display(),
            std::fs::metadata(p)?.len()
        );
    }
    let b = tagger.to_bundle("");
    let sizes: Vec<String> = b
        .names()
        .map(|n| format!("{n} {:.1} MB", b.get(n).map_or(0, |x| x.len()) as f64 / 1e6))
        .collect();
    println!("sections (uncompressed): {}", sizes.join(", "));
    println!("dev:  {}", evaluate(&tagger, &dev));
    report_unknown(&tagger, &tr, &dev);
    if errors > 0 {
        confusions(&tagger, &dev, errors);
    }
    if let Ok(path) = std::env::var("TAGGER_DUMP") {
        let mut text = String::new();
        for s in &dev {
            let tags = tagger.tag(&s.forms());
            for (k, (w, t)) in s.words.iter().zip(&tags).enumerate() {
                let mark = if w.upos != t.upos {
                    "***"
                } else if w.lemma != t.lemma {
                    "LLL"
                } else {
                    ""
                };
                let ctx: Vec<&str> = s.words[k.saturating_sub(3)..(k + 4).min(s.words.len())]
                    .iter()
                    .map(|w| w.form.as_str())
                    .collect();
                text += &format!(
                    "{mark}\t{}\t{} {}\t{} {}\t{}\t{}\t{}\n",
                    w.form,
                    w.upos,
                    w.xpos,
                    t.upos,
                    t.xpos,
                    w.lemma,
                    t.lemma,
                    ctx.join(" ")
                );
            }
        }
        std::fs::write(path, text)?;
    }
    if test {
        let te = read_conllu(&ud.join("en_ewt-ud-test.conllu"))?;
        let s = evaluate(&tagger, &te);
        println!("test: {s}");
        println!("test UPOS exactly {:.4}%", 100.0 * s.upos);
    }
    if speed {
        measure_speed(&tagger, &dev);
    }
    Ok(())
}

/// UPOS and lemma accuracy on dev words never seen in training.
fn report_unknown(tagger: &Tagger, tr: &[UdSentence], dev: &[UdSentence]) {
    let known: HashSet<&str> = tr
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.form.as_str()))
        .collect();
    let (mut n, mut upos, mut lemma) = (0, 0, 0);
    for s in dev {
        for (w, t) in s.words.iter().zip(tagger.tag(&s.forms())) {
            if !known.contains(w.form.as_str()) {
                n += 1;
                upos += usize::from(w.upos == t.upos);
                lemma += usize::from(w.lemma == t.lemma);
            }
        }
    }
    println!(
        "dev unknown words: {n}, UPOS {:.2}%, lemma {:.2}%",
        100.0 * upos as f64 / n.max(1) as f64,
        100.0 * lemma as f64 / n.max(1) as f64
    );
}

fn confusions(tagger: &Tagger, dev: &[UdSentence], top: usize) {
    let mut c: HashMap<(String, String), usize> = HashMap::new();
    for s in dev {
        for (w, t) in s.words.iter().zip(tagger.tag(&s.forms())) {
            if w.upos != t.upos {
                *c.entry((w.upos.clone(), t.upos)).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = c.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    for ((g, p), n) in v.into_iter().take(top) {
        println!("  gold {g:6} predicted {p:6} {n}");
    }
}

/// CPU time of this thread in seconds (Linux), to measure speed on a shared machine.
fn thread_cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Tags the dev set over and over on this thread for about three seconds of CPU time.
fn measure_speed(tagger: &Tagger, dev: &[UdSentence]) {
    let sents: Vec<Vec<&str>> = dev.iter().map(|s| s.forms()).collect();
    let (t0, c0) = (Instant::now(), thread_cpu());
    let (mut words, mut rounds) = (0usize, 0);
    let cpu = || thread_cpu().zip(c0).map(|(a, b)| a - b);
    while cpu().unwrap_or(t0.elapsed().as_secs_f64()) < 3.0 {
        for s in &sents {
            words += tagger.tag(s).len();
        }
        rounds += 1;
    }
    let wall = t0.elapsed().as_secs_f64();
    let cpu = cpu().unwrap_or(wall);
    println!(
        "speed: {:.0} words/s of CPU time on one thread ({:.0} by the wall clock; {words} words, {rounds} passes over dev; tag() incl. features, lemmas)",
        words as f64 / cpu,
        words as f64 / wall
    );
}
