//! Event arguments where the word order alone is not enough: the parse gives the subject of a
//! coordinated or controlled verb; pronouns, "the two generals" and quotations across sentences.

use sitrep_core::{Article, Event, Modality, PloverType, SourceRef};
use sitrep_extract::{Extractor, Kb};

fn events(text: &str) -> Vec<Event> {
    Extractor::new(Kb::builtin())
        .analyse(Article::from_text(text, SourceRef::default()))
        .events
}

fn src(e: &Event) -> &str {
    e.source.as_ref().map_or("", |a| a.name.as_str())
}

fn of(evs: &[Event], kind: PloverType) -> Vec<&Event> {
    evs.iter().filter(|e| e.kind == kind).collect()
}

#[test]
fn coordinated_verb_takes_the_first_verbs_subject() {
    let evs = events("Russia shelled Kharkiv overnight and then launched drones at Kyiv.");
    let a = of(&evs, PloverType::Assault);
    assert!(!a.is_empty(), "{evs:#?}");
    assert!(a.iter().all(|e| src(e) == "Russia"), "{a:#?}");
}

#[test]
fn pronouns_and_earlier_sentences() {
    let evs = events(
        "Germany announced a new aid package for Ukraine on Monday. \
         It will send four more Patriot systems before the winter.",
    );
    let e = of(&evs, PloverType::Agree)
        .into_iter()
        .find(|e| e.modality == Modality::Future)
        .expect("a promise");
    assert_eq!(src(e), "Germany");
}

#[test]
fn quotation_over_paragraphs_keeps_its_speaker() {
    let text = "“We will send more air defence systems,” Scholz said.\n\n\
                “We will also train Ukrainian pilots.”";
    let evs = events(text);
    assert!(!evs.is_empty());
    for e in &evs {
        assert_eq!(
            e.attribution.as_ref().map(|a| a.name.as_str()),
            Some("Olaf Scholz"),
            "{e:#?}"
        );
    }
}

#[test]
fn extractor_runs_without_the_parse() {
    let text = "Russia shelled Kharkiv overnight and then launched drones at Kyiv.";
    let a = Extractor::new(Kb::builtin())
        .with_syntax(false)
        .analyse(Article::from_text(text, SourceRef::default()));
    assert!(a.events.iter().any(|e| e.kind == PloverType::Assault));
}

#[test]
fn passive_without_agent_keeps_the_event_below_the_threshold() {
    let evs = events("Three soldiers were killed in the Donetsk region on Sunday.");
    let e = of(&evs, PloverType::Assault)
        .into_iter()
        .next()
        .expect("ASSAULT");
    assert!(e.source.is_none());
    assert!(e.confidence < sitrep_extract::DEFAULT_MIN_CONFIDENCE);
}
