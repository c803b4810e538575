//! Regenerates `src/events/cameo.tsv` from the PETRARCH2 CAMEO verb dictionary and the PLOVER
//! manual's CAMEO -> PLOVER table:
//! `cargo run -p sitrep-extract --example cameo_lexicon -- [CAMEO.2.0.txt] [CAMEO2PLOVER-2021.txt]`
//! (defaults: the copies under `/work/shared/data/events/`, or `$SITREP_DATA/events/`).
use std::path::PathBuf;

fn main() {
    let data = std::env::var("SITREP_DATA").unwrap_or_else(|_| "/work/shared/data".into());
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbs = args.first().map_or_else(
        || PathBuf::from(&data).join("events/petrarch2/CAMEO.2.0.txt"),
        PathBuf::from,
    );
    let table = args.get(1).map_or_else(
        || PathBuf::from(&data).join("events/plover/CAMEO2PLOVER-2021.txt"),
        PathBuf::from,
    );
    let read = |p: &PathBuf| {
        std::fs::read_to_string(p).unwrap_or_else(|e| {
            eprintln!("cannot read {}: {e}", p.display());
            std::process::exit(1)
        })
    };
    let tsv = match sitrep_extract::cameo::convert(&read(&verbs), &read(&table)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}: {e}", verbs.display());
            std::process::exit(1)
        }
    };
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/events/cameo.tsv");
    if let Err(e) = std::fs::write(&out, &tsv) {
        eprintln!("cannot write {}: {e}", out.display());
        std::process::exit(1);
    }
    println!("{} ({} lines)", out.display(), tsv.lines().count());
}
