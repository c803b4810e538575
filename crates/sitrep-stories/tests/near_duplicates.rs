//! Near-duplicates on the bundled samples: a copy of one sample with its title and first
//! paragraph edited is a near-duplicate of the original and of no other sample; the originals
//! are not near-duplicates of each other.

use sitrep_core::SourceRef;
use sitrep_ingest::{Format, RawDoc, RawMeta};
use sitrep_stories::{features, minhash_similarity, ClusterConfig, Clusterer, DocFeatures};

fn analysed(text: &str, name: &str) -> DocFeatures {
    let doc = RawDoc {
        source: SourceRef {
            path: name.to_string(),
            ..Default::default()
        },
        text: text.to_string(),
        meta: RawMeta::default(),
        format: Format::Text,
    };
    let article = sitrep_ingest::clean(&doc).expect("sample cleans");
    features(&sitrep_extract::Extractor::default().analyse(article))
}

/// The sample with its first line (the title) and its first body paragraph rewritten.
fn edited(text: &str) -> String {
    let mut paras: Vec<String> = text.split("\n\n").map(str::to_string).collect();
    assert!(paras.len() > 3);
    paras[0] = "EXCLUSIVE: US and Ukrainian generals hold their first face-to-face talks".into();
    // The first paragraph long enough to be body text.
    if let Some(p) = paras.iter_mut().skip(1).find(|p| p.len() > 120) {
        *p = format!(
            "In a meeting kept secret until now, {} (Reporting by our correspondent.)",
            p.split(". ").last().unwrap_or("")
        );
    }
    paras.join("\n\n")
}

#[test]
fn edited_copy_is_a_near_duplicate_of_its_original_only() {
    let names = ["000", "002", "004"];
    let originals: Vec<DocFeatures> = names
        .iter()
        .map(|n| analysed(&sitrep_testkit::sample(n), n))
        .collect();
    let copy = analysed(&edited(&sitrep_testkit::sample("000")), "000-copy");
    assert_ne!(copy.id, originals[0].id, "the edit changes the article id");

    let sim: Vec<f32> = originals
        .iter()
        .map(|o| minhash_similarity(&o.minhash, &copy.minhash))
        .collect();
    println!("copy of 000 vs samples 000, 002, 004: estimated Jaccard {sim:?}");
    let threshold = ClusterConfig::default().dup_threshold;
    assert!(sim[0] >= threshold, "copy vs original: {sim:?}");
    assert!(sim[1] < 0.1 && sim[2] < 0.1, "copy vs others: {sim:?}");

    let mut c = Clusterer::new(ClusterConfig::default());
    let assigned: Vec<_> = originals.iter().map(|f| c.add(f)).collect();
    assert!(assigned.iter().all(|a| a.duplicate_of.is_none()));
    let a = c.add(&copy);
    assert_eq!(a.duplicate_of.as_deref(), Some(originals[0].id.as_str()));
    assert_eq!(a.story, assigned[0].story);
    // A copy of the copy points at the first seen original, the canonical one.
    let mut again = copy.clone();
    again.id = "copy-of-copy".into();
    assert_eq!(
        c.add(&again).duplicate_of.as_deref(),
        Some(originals[0].id.as_str())
    );
}
