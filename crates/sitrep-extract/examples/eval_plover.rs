//! Scores the extractor on the PLOVER gold records and prints the line, the confusion table and
//! (with `-v`) every miss: `cargo run -p sitrep-extract --release --example eval_plover -- FILE [-v]`.
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.iter().find(|a| !a.starts_with('-')).map_or(
        "/work/shared/data/events/plover/gold_standard_records.jsonl",
        |s| s.as_str(),
    );
    let scores = match sitrep_extract::eval::plover(Path::new(path)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    println!("{scores}");
    print!("{}", scores.confusion());
    if args.iter().any(|a| a == "-v") {
        for r in &scores.records {
            let gs: Vec<&str> = r.gold_source.iter().map(|a| a.text.as_str()).collect();
            let gt: Vec<&str> = r.gold_target.iter().map(|a| a.text.as_str()).collect();
            println!(
                "{}{}{} {} gold={} pred={} src={:?}/{:?} tgt={:?}/{:?}\n    {}",
                if r.type_ok { "T" } else { "-" },
                if r.source_ok { "S" } else { "-" },
                match r.target_ok {
                    Some(true) => "O",
                    Some(false) => "-",
                    None => " ",
                },
                r.id,
                r.gold,
                r.predicted,
                r.predicted_source,
                gs,
                r.predicted_target,
                gt,
                r.text
            );
        }
    }
}
