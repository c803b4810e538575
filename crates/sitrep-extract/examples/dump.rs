//! Prints the events of article files: `cargo run -p sitrep-extract --example dump -- FILE...`;
//! `-` reads lines of text from standard input, each one an article.
use sitrep_core::{Article, SourceRef};
use sitrep_extract::{Extractor, Kb};

fn main() {
    let x = Extractor::new(Kb::builtin());
    let mut inputs: Vec<(String, String)> = Vec::new();
    for path in std::env::args().skip(1) {
        if path == "-" {
            for line in std::io::stdin().lines().map_while(Result::ok) {
                if !line.trim().is_empty() {
                    inputs.push((line.clone(), line));
                }
            }
        } else {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            inputs.push((path, text));
        }
    }
    for (path, text) in inputs {
        let source = SourceRef {
            path: path.clone(),
            ..SourceRef::default()
        };
        let article = Article::from_text(text, source);
        let a = x.analyse(article);
        println!(
            "== {path}: {} mentions, {} events",
            a.mentions.len(),
            a.events.len()
        );
        if std::env::var_os("DUMP_MENTIONS").is_some() {
            for m in &a.mentions {
                println!(
                    "   mention {:?} {} {:?}",
                    m.span.slice(&a.article.text),
                    m.kind.as_str(),
                    m.entity
                );
            }
        }
        for e in &a.events {
            let actor = |x: &Option<sitrep_core::Actor>| {
                x.as_ref().map_or("-".to_string(), |a| {
                    format!(
                        "{} [{}|{}|{}]",
                        a.name,
                        a.text,
                        a.country.as_deref().unwrap_or("?"),
                        a.sector.map_or("?", |s| s.as_str())
                    )
                })
            };
            println!(
                "{:.2} {} {} {} {} -> {} | obj: {} | loc: {} | {}{} | attr: {} | trig: {:?}",
                e.confidence,
                e.kind,
                e.cameo.as_deref().unwrap_or("-"),
                e.mode.as_deref().unwrap_or("-"),
                actor(&e.source),
                actor(&e.target),
                e.objects
                    .iter()
                    .map(|o| format!(
                        "{}({}{})",
                        o.text,
                        o.kind.as_str(),
                        o.quantity
                            .as_ref()
                            .map_or(String::new(), |q| format!(" {}×{}", q.value, q.unit))
                    ))
                    .collect::<Vec<_>>()
                    .join(", "),
                e.location
                    .as_ref()
                    .map_or("-".into(), |l| format!("{} ({})", l.name, l.text)),
                e.modality,
                e.modality_cue
                    .map_or(String::new(), |c| format!("[{}]", c.slice(&a.article.text))),
                if e.attribution_chain.is_empty() {
                    e.attribution
                        .as_ref()
                        .map_or("-".into(), |t| t.name.clone())
                } else {
                    e.attribution_chain
                        .iter()
                        .map(|t| t.name.as_str())
                        .collect::<Vec<_>>()
                        .join(" < ")
                },
                e.trigger.slice(&a.article.text),
            );
        }
        if std::env::var("MENTIONS").is_ok() {
            for m in &a.mentions {
                println!(
                    "  M {:?} {} {:?}",
                    m.span.slice(&a.article.text),
                    m.kind,
                    m.entity
                );
            }
        }
    }
}
