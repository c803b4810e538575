//! Scores the main event of one-sentence articles against a TSV of `TYPE<TAB>SOURCE<TAB>TEXT`
//! lines (SOURCE: words the source actor's text or name must contain, lower case), printing each
//! miss: `cargo run -p sitrep-extract --release --example eval_sentences -- FILE`.
use sitrep_core::{Article, SourceRef};
use sitrep_extract::eval::main_event;
use sitrep_extract::Extractor;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: eval_sentences FILE");
        std::process::exit(2);
    };
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    let x = Extractor::default();
    let (mut n, mut type_ok, mut src_ok) = (0, 0, 0);
    for line in data
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let f: Vec<&str> = line.splitn(3, '\t').collect();
        if f.len() < 3 {
            continue;
        }
        n += 1;
        let a = x.analyse(Article::from_text(f[2], SourceRef::default()));
        let main = main_event(&a.events, &a.article.text);
        let kind = main.map_or("NONE", |e| e.kind.as_str());
        let src = main
            .and_then(|e| e.source.as_ref())
            .map_or(String::new(), |s| format!("{} / {}", s.text, s.name));
        let t = kind == f[0];
        let s = src.to_lowercase().contains(&f[1].to_lowercase());
        type_ok += usize::from(t);
        src_ok += usize::from(s);
        if !t || !s {
            println!(
                "{}{} gold={} pred={} src={:?} want={:?} trig={:?}\n    {}",
                if t { "T" } else { "-" },
                if s { "S" } else { "-" },
                f[0],
                kind,
                src,
                f[1],
                main.map(|e| a.article.slice(e.trigger)),
                f[2]
            );
        }
    }
    println!(
        "sentences={n} type_accuracy={:.3} source_accuracy={:.3}",
        type_ok as f64 / n.max(1) as f64,
        src_ok as f64 / n.max(1) as f64
    );
}
