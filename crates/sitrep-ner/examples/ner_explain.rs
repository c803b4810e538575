//! Debugging aid: per-feature first-pass scores of one token for two tags.
//!
//! `echo "He met Rachel Legeard ." | ner_explain MODEL TOKEN TAG_A TAG_B`

use sitrep_ner::Ner;
use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let ner = Ner::from_bundle(&sitrep_learn::Bundle::read(std::path::Path::new(&a[0]))?)?;
    let t: usize = a[1].parse()?;
    let names = sitrep_ner::tags::tag_names();
    let ta = names.iter().position(|n| *n == a[2]).ok_or("tag")?;
    let tb = names.iter().position(|n| *n == a[3]).ok_or("tag")?;
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let doc: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    let (mut sa, mut sb) = (0.0, 0.0);
    for (i, (x, y)) in ner.explain(&doc, t, ta, tb).into_iter().enumerate() {
        sa += x;
        sb += y;
        println!("{i:>3} {x:>8.3} {y:>8.3} {:>8.3}", x - y);
    }
    println!("sum {sa:.3} {sb:.3}");
    let tr = ner.transitions();
    let side = names.len() + 1;
    for (i, n) in names
        .iter()
        .enumerate()
        .chain([(names.len(), &"EDGE".to_string())])
    {
        let row: Vec<String> = (0..side)
            .map(|j| format!("{:>6.1}", tr[i * side + j]))
            .collect();
        println!("{n:>7} {}", row.join(""));
    }
    Ok(())
}
