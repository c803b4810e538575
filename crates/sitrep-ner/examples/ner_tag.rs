//! Tags text from stdin: one sentence a line, tokens separated by spaces, a blank line
//! between documents; or, with `--text`, the whole input as one document of running text,
//! cut by sitrep's sentence splitter and tokenizer. Prints each sentence with its spans.
//!
//! ```text
//! echo "Hanno Pevkur met NATO officials in Brussels ." | cargo run --release -p sitrep-ner --example ner_tag -- [MODEL]
//! cargo run --release -p sitrep-ner --example ner_tag -- --text < article.txt
//! ```

use sitrep_ner::Ner;
use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let text_mode = args.iter().any(|a| a == "--text");
    args.retain(|a| a != "--text");
    let owned;
    let ner: &Ner = match args.first().cloned() {
        Some(p) => {
            owned = Ner::from_bundle(&sitrep_learn::Bundle::read(std::path::Path::new(&p))?)?;
            &owned
        }
        None => Ner::builtin(),
    };
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    if text_mode {
        let sents: Vec<Vec<&str>> = sitrep_nlp::split_sentences(&text)
            .into_iter()
            .map(|s| {
                sitrep_nlp::tokenize(&text, s)
                    .into_iter()
                    .map(|t| t.span.slice(&text))
                    .collect()
            })
            .collect();
        show(&sents, &ner.recognise(&sents));
        return Ok(());
    }
    for doc in text.split("\n\n") {
        let sents: Vec<Vec<&str>> = doc
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
            .filter(|s| !s.is_empty())
            .collect();
        show(&sents, &ner.recognise(&sents));
        println!();
    }
    Ok(())
}

fn show(sents: &[Vec<&str>], spans: &[Vec<sitrep_ner::NerSpan>]) {
    for (s, spans) in sents.iter().zip(spans) {
        let mut out = Vec::new();
        let mut i = 0;
        for sp in spans {
            out.extend(s[i..sp.start].iter().map(|w| w.to_string()));
            out.push(format!(
                "[{} {}/{}]",
                s[sp.start..sp.end].join(" "),
                sp.label,
                sp.kind
            ));
            i = sp.end;
        }
        out.extend(s[i..].iter().map(|w| w.to_string()));
        println!("{}", out.join(" "));
    }
}
