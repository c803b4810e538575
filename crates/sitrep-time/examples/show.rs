//! Prints the time expressions of a text file: `cargo run -p sitrep-time --example show FILE [YYYY-MM-DD]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: show FILE [YYYY-MM-DD]");
        return;
    };
    let dct = args
        .next()
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return;
        }
    };
    for t in sitrep_time::tag(&text, dct) {
        println!(
            "{:>6}..{:<6} {:8} {:14} {:12} {:18} {:?} {}",
            t.span.start,
            t.span.end,
            t.kind.as_str(),
            t.value.as_deref().unwrap_or("None"),
            t.anchor.as_deref().unwrap_or("-"),
            t.rule,
            t.span.slice(&text),
            t.unresolved_reason.unwrap_or("")
        );
    }
}
