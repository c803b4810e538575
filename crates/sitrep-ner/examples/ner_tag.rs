//! Tags text from stdin: one sentence a line, tokens separated by spaces, a blank line
//! between documents. Prints each sentence with its spans.
//!
//! ```text
//! echo "Hanno Pevkur met NATO officials in Brussels ." | cargo run --release -p sitrep-ner --example ner_tag -- [MODEL]
//! ```

use sitrep_ner::Ner;
use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let owned;
    let ner: &Ner = match std::env::args().nth(1) {
        Some(p) => {
            owned = Ner::from_bundle(&sitrep_learn::Bundle::read(std::path::Path::new(&p))?)?;
            &owned
        }
        None => Ner::builtin(),
    };
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    for doc in text.split("\n\n") {
        let sents: Vec<Vec<&str>> = doc
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
            .filter(|s| !s.is_empty())
            .collect();
        for (s, spans) in sents.iter().zip(ner.recognise(&sents)) {
            let mut out = Vec::new();
            let mut i = 0;
            for sp in &spans {
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
        println!();
    }
    Ok(())
}
