//! The CAMEO lexicon: generated from the shared data as documented, codes beside PLOVER types.
//! (The PETRARCH2 unit-test evaluation installs its own verb dictionary, so it has a test
//! binary of its own: `petrarch.rs`.)

use sitrep_core::{Article, PloverType, SourceRef};
use sitrep_extract::{cameo, Extractor, Kb};

#[test]
fn committed_lexicon_is_what_the_converter_makes() {
    let verbs = std::fs::read_to_string(sitrep_testkit::data("events/petrarch2/CAMEO.2.0.txt"))
        .expect("CAMEO.2.0.txt");
    let table =
        std::fs::read_to_string(sitrep_testkit::data("events/plover/CAMEO2PLOVER-2021.txt"))
            .expect("CAMEO2PLOVER-2021.txt");
    let made = cameo::convert(&verbs, &table).expect("converts");
    let committed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/events/cameo.tsv"),
    )
    .expect("cameo.tsv");
    assert!(
        made == committed,
        "src/events/cameo.tsv is stale: run `cargo run -p sitrep-extract --example cameo_lexicon`"
    );
}

#[test]
fn codes_map_to_plover_types() {
    assert_eq!(
        cameo::plover_of("0332").map(|p| p.0),
        Some(PloverType::Agree)
    );
    assert_eq!(
        cameo::plover_of("1041").map(|p| p.0),
        Some(PloverType::Request)
    );
    assert_eq!(
        cameo::plover_of("0874").map(|p| p.0),
        Some(PloverType::Retreat)
    );
    assert_eq!(
        cameo::plover_of("195").map(|p| p.0),
        Some(PloverType::Assault)
    );
    assert!(cameo::plover_of("012").is_none());
    assert_eq!(
        cameo::default_code(PloverType::Consult, Some("phone")),
        "041"
    );
}

fn events(text: &str) -> Vec<sitrep_core::Event> {
    let article = Article::from_text(text, SourceRef::default());
    Extractor::new(Kb::builtin()).analyse(article).events
}

#[test]
fn every_event_has_a_cameo_code_of_its_type() {
    for t in [
        "Russia condemned the sanctions imposed by the European Union.",
        "Germany will send 14 Leopard tanks to Ukraine.",
        "Police arrested dozens of protesters in Moscow on Sunday.",
        "Ukraine asked NATO for more air defence systems.",
        "Turkey refused to extradite the suspects to Sweden.",
        "Thousands of people demonstrated in Tbilisi against the new law.",
        "The rebels released 20 hostages on Tuesday.",
    ] {
        let evs = events(t);
        assert!(!evs.is_empty(), "{t}");
        for e in evs {
            let code = e.cameo.as_deref().expect("a code");
            assert_eq!(
                cameo::plover_of(code).map(|p| p.0),
                Some(e.kind),
                "{t}: {code}"
            );
        }
    }
}

#[test]
fn dictionary_verbs_widen_the_triggers() {
    // "besieged" comes from the CAMEO dictionary (191, a blockade: COERCE), "airstrikes" from
    // the nominalisations.
    let e = events("Russian forces besieged Mariupol for weeks.");
    assert!(
        e.iter()
            .any(|e| e.kind == PloverType::Coerce && e.cameo.as_deref() == Some("191")),
        "{e:#?}"
    );
    let e = events("Russia's airstrikes on Kyiv killed three people.");
    assert!(e.iter().any(|e| e.kind == PloverType::Assault), "{e:#?}");
    // A verb of intention is no event of its own: the withdrawal is.
    let e = events("Russia decided to withdraw its troops from the border.");
    assert!(e.iter().all(|e| e.kind == PloverType::Retreat), "{e:#?}");
}
