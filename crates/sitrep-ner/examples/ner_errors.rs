//! Prints a model's errors on a CoNLL split (dev: for error analysis; never tune on test).
//!
//! ```text
//! cargo run --release -p sitrep-ner --example ner_errors -- MODEL [dev] [LIMIT] [conll|crossner] [unseen]
//! ```

use sitrep_ner::{data, Format, Ner};
use std::collections::HashMap;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()?;
    let data_dir = std::env::var_os("SITREP_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("../shared/data"));
    let args: Vec<String> = std::env::args().skip(1).collect();
    let model = args
        .first()
        .ok_or("usage: ner_errors MODEL [split] [limit]")?;
    let split = args.get(1).map_or("dev", String::as_str);
    if split == "test" {
        return Err("error analysis is for dev only".into());
    }
    let limit: usize = args.get(2).map_or(Ok(400), |s| s.parse())?;
    let ner = Ner::from_bundle(&sitrep_learn::Bundle::read(std::path::Path::new(model))?)?;
    let crossner = args.get(3).is_some_and(|a| a == "crossner");
    let docs = if crossner {
        let mut d = data::read(
            &data_dir.join(format!("ner/crossner-politics/{split}.txt")),
            Format::CrossNer,
        )?;
        for doc in &mut d {
            for s in &mut doc.sentences {
                for g in &mut s.spans {
                    g.label = sitrep_ner::types::crossner_to_conll(&g.label)
                        .unwrap_or("MISC")
                        .to_string();
                }
            }
        }
        d
    } else {
        data::read(
            &data_dir.join(format!("ner/conll2003/{split}.txt")),
            Format::Conll,
        )?
    };
    // Entity strings of the training data, to mark errors on names never seen in training.
    let mut seen = std::collections::HashSet::new();
    for d in data::read(&data_dir.join("ner/conll2003/train.txt"), Format::Conll)? {
        for s in &d.sentences {
            for g in &s.spans {
                seen.insert(s.words[g.start..g.end].join(" ").to_lowercase());
            }
        }
    }
    let only_unseen = args.get(4).is_some_and(|a| a == "unseen");
    let mut kinds: HashMap<String, usize> = HashMap::new();
    let mut shown = 0;
    for d in &docs {
        let toks = d.tokens();
        let pred = ner.recognise(&toks);
        for (s, ps) in d.sentences.iter().zip(&pred) {
            let gold: Vec<(usize, usize, &str)> = s
                .spans
                .iter()
                .map(|g| (g.start, g.end, g.label.as_str()))
                .collect();
            let pr: Vec<(usize, usize, &str)> = ps
                .iter()
                .map(|p| (p.start, p.end, sitrep_ner::types::label_to_conll(&p.label)))
                .collect();
            let text = |a: usize, b: usize| s.words[a..b].join(" ");
            for g in &gold {
                if pr.contains(g) {
                    continue;
                }
                if only_unseen && seen.contains(&text(g.0, g.1).to_lowercase()) {
                    continue;
                }
                let over = pr.iter().find(|p| p.0 < g.1 && g.0 < p.1);
                let kind = match over {
                    Some(p) if (p.0, p.1) == (g.0, g.1) => format!("type {}->{}", g.2, p.2),
                    Some(_) => "boundary".to_string(),
                    None => format!("missed {}", g.2),
                };
                *kinds.entry(kind.clone()).or_default() += 1;
                if shown < limit {
                    shown += 1;
                    let got = over.map_or(String::new(), |p| {
                        format!(" got [{}]{}", text(p.0, p.1), p.2)
                    });
                    println!(
                        "{kind:<16} [{}]{}{got}  | {}",
                        text(g.0, g.1),
                        g.2,
                        s.words.join(" ")
                    );
                }
            }
            for p in &pr {
                if gold.iter().any(|g| g.0 < p.1 && p.0 < g.1) {
                    continue;
                }
                if only_unseen && seen.contains(&text(p.0, p.1).to_lowercase()) {
                    continue;
                }
                *kinds.entry(format!("spurious {}", p.2)).or_default() += 1;
                if shown < limit {
                    shown += 1;
                    println!(
                        "spurious {:<7} [{}]  | {}",
                        p.2,
                        text(p.0, p.1),
                        s.words.join(" ")
                    );
                }
            }
        }
    }
    let mut k: Vec<_> = kinds.into_iter().collect();
    k.sort_by_key(|x| std::cmp::Reverse(x.1));
    for (kind, n) in k {
        println!("{n:>5} {kind}");
    }
    Ok(())
}
