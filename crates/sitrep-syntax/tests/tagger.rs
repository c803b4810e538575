//! The committed tagger model: accuracy on UD English EWT dev (gold tokens), lemma rules,
//! and robustness on odd input.

use sitrep_learn::Bundle;
use sitrep_syntax::conllu::read_conllu;
use sitrep_syntax::lemma::Lemmatizer;
use sitrep_syntax::tagger::{evaluate, Tagger};
use std::sync::OnceLock;
use std::time::Instant;

fn tagger() -> &'static Tagger {
    static T: OnceLock<Tagger> = OnceLock::new();
    T.get_or_init(|| {
        let bytes = include_bytes!("../models/tagger.model");
        let b = Bundle::from_bytes(bytes).expect("committed model is a bundle");
        assert!(b.text("provenance").is_some_and(|p| p.contains("EWT")));
        Tagger::from_bundle(&b).expect("committed model loads")
    })
}

#[test]
fn dev_accuracy_meets_the_floor() {
    let dev = read_conllu(&sitrep_testkit::data("ud/en_ewt/en_ewt-ud-dev.conllu")).unwrap();
    // The first 800 sentences keep the debug-build test quick.
    let s = evaluate(tagger(), &dev[..800.min(dev.len())]);
    println!("{s}");
    assert!(s.words > 8000);
    assert!(s.upos >= 0.95, "{s}");
    assert!(s.xpos >= 0.94, "{s}");
    assert!(s.ufeats >= 0.94, "{s}");
    assert!(s.lemma >= 0.96, "{s}");
}

#[test]
fn tags_a_news_sentence() {
    let forms = [
        "American", "forces", "killed", "the", "preacher", "at", "the", "mosque", ".",
    ];
    let t = tagger().tag(&forms);
    let upos: Vec<&str> = t.iter().map(|t| t.upos.as_str()).collect();
    assert_eq!(
        upos,
        ["ADJ", "NOUN", "VERB", "DET", "NOUN", "ADP", "DET", "NOUN", "PUNCT"]
    );
    assert_eq!(t[1].lemma, "force");
    assert_eq!(t[2].lemma, "kill");
    assert_eq!(t[2].xpos, "VBD");
    assert!(t[2].feats.contains("Tense=Past"), "{}", t[2].feats);
    assert_eq!(t[1].feats, "Number=Plur");
}

#[test]
fn round_trips_through_a_bundle() {
    let t = tagger();
    let back =
        Tagger::from_bundle(&Bundle::from_bytes(&t.to_bundle("test").to_bytes()).unwrap()).unwrap();
    let forms = ["She", "refused", "to", "send", "troops", "to", "Kyiv", "."];
    assert_eq!(t.tag(&forms), back.tag(&forms));
}

#[test]
fn rejects_a_broken_bundle() {
    let mut b = tagger().to_bundle("test");
    b.put("tagger.pass1", b"not a model".to_vec());
    assert!(Tagger::from_bundle(&b).is_err());
    let mut b = tagger().to_bundle("test");
    b.put("tagger.lexicon", b"L\tX X\nQ\tnonsense\n".to_vec());
    assert!(Tagger::from_bundle(&b).is_err());
    assert!(Tagger::from_bundle(&Bundle::new()).is_err());
}

#[test]
fn odd_input_never_panics() {
    let t = tagger();
    assert!(t.tag(&[]).is_empty());
    let odd = [
        "",
        " ",
        "\u{0}",
        "\t\n",
        "😀",
        "👩‍👩‍👧",
        "İstanbul",
        "ǅ",
        "\u{202e}abc",
        "ß",
        "ﬃ",
        "a\u{301}",
        "https://example.com/a?b=c",
        "@user",
        "#tag",
        "1,000.5",
        "--",
        "'s",
        "n't",
        "ŉ",
    ];
    let tags = t.tag(&odd);
    assert_eq!(tags.len(), odd.len());
    for w in &tags {
        assert!(!w.upos.is_empty() && !w.xpos.is_empty() && !w.feats.is_empty());
    }
    let long: String = "x".repeat(100_000);
    assert_eq!(t.tag(&[long.as_str()]).len(), 1);
}

#[test]
fn long_input_is_linear() {
    let t = tagger();
    let words = [
        "The", "minister", "said", "that", "talks", "would", "resume", ",", "and", "left", ".",
    ];
    let small: Vec<&str> = words.iter().cycle().take(1_000).copied().collect();
    let big: Vec<&str> = words.iter().cycle().take(10_000).copied().collect();
    let t0 = Instant::now();
    assert_eq!(t.tag(&small).len(), 1_000);
    let a = t0.elapsed();
    let t0 = Instant::now();
    let tags = t.tag(&big);
    let b = t0.elapsed();
    assert_eq!(tags.len(), 10_000);
    assert_eq!(tags[9_998].upos, "PUNCT");
    // Ten times the words, well under a hundred times the time (generous for noisy machines).
    assert!(
        b < a * 40 + std::time::Duration::from_millis(50),
        "{a:?} vs {b:?}"
    );
}

#[test]
fn lemma_rules() {
    let l = Lemmatizer::train([
        ("studied", "VBD", "study"),
        ("carried", "VBD", "carry"),
        ("walked", "VBD", "walk"),
        ("killed", "VBD", "kill"),
        ("went", "VBD", "go"),
        ("boxes", "NNS", "box"),
        ("forces", "NNS", "force"),
        ("Qaim", "NNP", "Qaim"),
    ]);
    assert_eq!(l.lemma("went", "VBD"), "go");
    assert_eq!(l.lemma("Went", "VBD"), "go");
    assert_eq!(l.lemma("worried", "VBD"), "worry");
    assert_eq!(l.lemma("jumped", "VBD"), "jump");
    assert_eq!(l.lemma("Zaman", "NNP"), "Zaman");
    // The committed model's lemmatiser.
    let m = tagger().lemmatizer();
    for (form, xpos, lemma) in [
        ("was", "VBD", "be"),
        ("n't", "RB", "not"),
        ("children", "NNS", "child"),
        ("better", "JJR", "good"),
        ("Killed", "VBD", "kill"),
        ("unfrobnicated", "VBN", "unfrobnicate"),
        ("Zaluzhnyi", "NNP", "Zaluzhnyi"),
        ("😀", "NFP", "😀"),
    ] {
        assert_eq!(m.lemma(form, xpos), lemma, "{form}/{xpos}");
    }
}
