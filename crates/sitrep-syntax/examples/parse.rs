//! Study tool: the tags and dependency parse of each line of standard input, one word a line
//! (index, form, UPOS, XPOS, head, relation), as the pipeline's embedded models give them.
//!
//! `echo "Austin dismissed Zelensky's appeal." | cargo run --release -p sitrep-syntax --example parse`

use sitrep_core::Span;
use sitrep_syntax::analyse::Syntax;

fn main() {
    let syntax = match Syntax::try_global() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("parse: the models cannot be loaded: {e}");
            std::process::exit(1);
        }
    };
    for line in std::io::stdin().lines().map_while(Result::ok) {
        if line.trim().is_empty() {
            continue;
        }
        println!("# {line}");
        let words = syntax.analyse(&line, Span::new(0, line.len()));
        for (k, w) in words.iter().enumerate() {
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                k + 1,
                w.span.slice(&line),
                w.upos,
                w.xpos,
                w.head,
                w.deprel
            );
        }
    }
}
