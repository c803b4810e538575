//! The committed model: it loads, finds the names of a typical domain sentence with the
//! right types, survives any input, round-trips through a bundle, and says how it was made.

use sitrep_core::EntityType;
use sitrep_ner::{Ner, NerSpan};

/// Sentences of tokens, cut by sitrep's own tokenizer and sentence splitter.
fn tokens(text: &str) -> Vec<Vec<&str>> {
    sitrep_nlp::split_sentences(text)
        .into_iter()
        .map(|s| {
            sitrep_nlp::tokenize(text, s)
                .into_iter()
                .map(|t| t.span.slice(text))
                .collect()
        })
        .collect()
}

fn find<'a>(spans: &'a [NerSpan], words: &[&str], name: &str) -> Option<&'a NerSpan> {
    spans
        .iter()
        .find(|s| words[s.start..s.end].join(" ") == name)
}

#[test]
fn a_domain_sentence() {
    let text = "Estonian Defense Minister Hanno Pevkur met NATO officials in Brussels.";
    let doc = tokens(text);
    let spans = &Ner::builtin().recognise(&doc)[0];
    let words = &doc[0];
    let kind = |name: &str| find(spans, words, name).map(|s| s.kind);
    assert_eq!(kind("Hanno Pevkur"), Some(EntityType::Person), "{spans:?}");
    assert_eq!(kind("NATO"), Some(EntityType::Org), "{spans:?}");
    assert!(
        matches!(kind("Brussels"), Some(EntityType::Gpe | EntityType::Loc)),
        "{spans:?}"
    );
    assert_eq!(kind("Estonian"), Some(EntityType::Norp), "{spans:?}");
    assert_eq!(spans.len(), 4, "{spans:?}");
}

#[test]
fn a_news_paragraph() {
    let text =
        "Ukrainian President Volodymyr Zelensky asked Germany for Leopard 2 tanks on Friday. \
                Chancellor Olaf Scholz said Berlin would decide after talks with Washington. \
                The Pentagon said the U.S. would send more HIMARS launchers to Ukraine.";
    let doc = tokens(text);
    let out = Ner::builtin().recognise(&doc);
    let all: Vec<(String, EntityType)> = doc
        .iter()
        .zip(&out)
        .flat_map(|(w, ss)| {
            ss.iter()
                .map(move |s| (w[s.start..s.end].join(" "), s.kind))
        })
        .collect();
    let has = |name: &str, k: EntityType| all.iter().any(|(n, kk)| n == name && *kk == k);
    assert!(has("Volodymyr Zelensky", EntityType::Person), "{all:?}");
    assert!(has("Olaf Scholz", EntityType::Person), "{all:?}");
    assert!(has("Germany", EntityType::Gpe), "{all:?}");
    assert!(has("Ukrainian", EntityType::Norp), "{all:?}");
    assert!(has("Ukraine", EntityType::Gpe), "{all:?}");
}

#[test]
fn any_input_is_accepted() {
    let ner = Ner::builtin();
    let empty: Vec<Vec<&str>> = Vec::new();
    assert!(ner.recognise(&empty).is_empty());
    let blank: Vec<Vec<&str>> = vec![vec![], vec![""], vec![" ", "\u{200b}"]];
    let out = ner.recognise(&blank);
    assert_eq!(out.len(), 3);
    let odd = vec![vec![
        "😀",
        "🇺🇦",
        "İstanbul",
        "ǅ",
        "\u{0301}",
        "ß",
        "ΣΊΣΥΦΟΣ",
        "Ⅻ",
        "１２３",
        "\0",
        "a\tb",
        "--",
    ]];
    let out = ner.recognise(&odd);
    for s in &out[0] {
        assert!(s.start < s.end && s.end <= odd[0].len());
    }
    // A long sentence of names and words, and the same in capitals.
    let long: Vec<&str> = (0..10_000)
        .map(|i| ["Kyiv", "and", "Paris", "NATO", ",", "the"][i % 6])
        .collect();
    let out = ner.recognise(std::slice::from_ref(&long));
    assert!(out[0].iter().all(|s| s.end <= long.len()));
    let caps: Vec<String> = long.iter().map(|w| w.to_uppercase()).collect();
    let _ = ner.recognise(&[caps]);
    // Many one-word sentences.
    let many: Vec<Vec<&str>> = (0..2_000).map(|_| vec!["Scholz"]).collect();
    assert_eq!(ner.recognise(&many).len(), 2_000);
}

#[test]
fn time_is_linear_in_length() {
    let ner = Ner::builtin();
    let sent = "Defence Minister Boris Pistorius said Germany would deliver more IRIS-T systems to Ukraine , officials in Kyiv said .";
    let words: Vec<&str> = sent.split(' ').collect();
    let doc = |n: usize| -> Vec<Vec<&str>> { (0..n).map(|_| words.clone()).collect() };
    let time = |n: usize| {
        let d = doc(n);
        let t = std::time::Instant::now();
        let _ = ner.recognise(&d);
        t.elapsed().as_secs_f64()
    };
    let _ = time(50);
    let small = time(200).max(1e-4);
    let large = time(1600);
    // 8x the text may take a little more than 8x the time (hash maps grow), not 64x.
    assert!(
        large < small * 30.0,
        "200 sentences {small:.4}s, 1600 {large:.4}s"
    );
}

#[test]
fn round_trips_through_a_bundle() {
    let ner = Ner::builtin();
    let b = ner.to_bundle("test");
    let back = Ner::from_bundle(&sitrep_learn::Bundle::from_bytes(&b.to_bytes()).unwrap()).unwrap();
    assert_eq!(back.provenance(), "test");
    let doc = tokens("Russian forces shelled Kharkiv, the governor Oleh Synyehubov said.");
    assert_eq!(back.recognise(&doc), ner.recognise(&doc));
    assert!(Ner::from_bundle(&sitrep_learn::Bundle::new()).is_err());
}

#[test]
fn provenance_says_how_the_model_was_made() {
    let p = Ner::builtin().provenance();
    assert!(p.contains("trained on:"), "{p}");
    assert!(p.contains("CoNLL dev F1"), "{p}");
    println!("{p}");
}
