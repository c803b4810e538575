//! Study tool: how the project's own words compare with EWT's on a split (default dev).
//! Prints the word F1 and the most frequent disagreements.
//!
//! `cargo run --release -p sitrep-syntax --example ud_words [FILE.conllu]`

use sitrep_core::Span;
use sitrep_syntax::{conllu::read_conllu, eval::gold_spans, words::words};
use std::collections::HashMap;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        sitrep_testkit::data("ud/en_ewt/en_ewt-ud-dev.conllu")
            .display()
            .to_string()
    });
    let sents = read_conllu(path.as_ref()).expect("treebank");
    let (mut gold_n, mut sys_n, mut ok) = (0, 0, 0);
    let mut missed: HashMap<String, usize> = HashMap::new();
    for s in &sents {
        let gold = gold_spans(s);
        let sys = words(&s.text, Span::new(0, s.text.len()));
        gold_n += gold.len();
        sys_n += sys.len();
        for g in &gold {
            if sys.contains(g) {
                ok += 1;
            } else {
                let ctx: Vec<&str> = sys
                    .iter()
                    .filter(|x| x.overlaps(*g))
                    .map(|x| x.slice(&s.text))
                    .collect();
                *missed
                    .entry(format!("{:?} sys {:?}", g.slice(&s.text), ctx))
                    .or_default() += 1;
            }
        }
    }
    println!(
        "words f1={:.4} gold={gold_n} system={sys_n}",
        2.0 * ok as f64 / (gold_n + sys_n) as f64
    );
    let mut m: Vec<_> = missed.into_iter().collect();
    m.sort_by_key(|e| std::cmp::Reverse(e.1));
    for (k, n) in m.iter().take(40) {
        println!("{n:5} {k}");
    }
}
