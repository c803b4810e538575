//! Acceptance for entities on the three sample articles: the actors the issue names, with
//! their type, country and sector, whatever spelling the article uses, and capitals or seats of
//! power standing for their governments in actor position.

use sitrep_core::{AnalysedArticle, Article, Entity, EntityType, Sector, SourceRef};
use sitrep_extract::{Extractor, Kb};
use std::sync::OnceLock;

fn analysed() -> &'static [AnalysedArticle] {
    static ALL: OnceLock<Vec<AnalysedArticle>> = OnceLock::new();
    ALL.get_or_init(|| {
        let x = Extractor::new(Kb::builtin());
        sitrep_testkit::sample_articles()
            .into_iter()
            .map(|path| {
                let text = std::fs::read_to_string(&path).expect("sample article");
                let source = SourceRef {
                    path: path.display().to_string(),
                    ..SourceRef::default()
                };
                x.analyse(Article::from_text(text, source))
            })
            .collect()
    })
}

/// The entity that a mention written `surface` (possibly after a title: "General Mark
/// Milley") links to, in any sample.
fn entity_written(surface: &str) -> Entity {
    for a in analysed() {
        for m in &a.mentions {
            let w = a.article.slice(m.span);
            if w == surface || w.ends_with(&format!(" {surface}")) {
                if let Some(e) = m
                    .entity
                    .as_deref()
                    .and_then(|id| a.entities.iter().find(|e| e.id == id))
                {
                    return e.clone();
                }
            }
        }
    }
    panic!("no linked mention written {surface:?}");
}

fn check(surface: &str, kind: EntityType, country: Option<&str>, sector: Option<Sector>) -> Entity {
    let e = entity_written(surface);
    assert_eq!(e.kind, kind, "{surface}: {e:?}");
    assert_eq!(e.country.as_deref(), country, "{surface}: {e:?}");
    assert_eq!(e.sector, sector, "{surface}: {e:?}");
    e
}

#[test]
fn people_with_country_and_sector() {
    check(
        "Mark Milley",
        EntityType::Person,
        Some("USA"),
        Some(Sector::Mil),
    );
    check(
        "Valerii Zaluzhnyi",
        EntityType::Person,
        Some("UKR"),
        Some(Sector::Mil),
    );
    check(
        "Lloyd Austin",
        EntityType::Person,
        Some("USA"),
        Some(Sector::Gov),
    );
    let z = check(
        "Zelensky",
        EntityType::Person,
        Some("UKR"),
        Some(Sector::Gov),
    );
    // The same person whichever spelling the outlet uses.
    assert_eq!(entity_written("Vladimir Zelensky").id, z.id);
    check(
        "Charles Q. Brown Jr.",
        EntityType::Person,
        Some("USA"),
        Some(Sector::Mil),
    );
    check(
        "Hanno Pevkur",
        EntityType::Person,
        Some("EST"),
        Some(Sector::Gov),
    );
}

#[test]
fn organisations_and_weapons() {
    check("NATO", EntityType::Org, None, Some(Sector::Igo));
    assert_eq!(entity_written("ATACMS").kind, EntityType::Weapon);
    let leopards: Vec<Entity> = analysed()
        .iter()
        .flat_map(|a| a.mentions.iter().map(move |m| (a, m)))
        .filter(|(a, m)| {
            a.article
                .slice(m.span)
                .to_lowercase()
                .starts_with("leopard")
        })
        .filter_map(|(a, m)| {
            m.entity
                .as_deref()
                .and_then(|id| a.entities.iter().find(|e| e.id == id))
                .cloned()
        })
        .collect();
    assert!(
        !leopards.is_empty() && leopards.iter().all(|e| e.kind == EntityType::Weapon),
        "{leopards:?}"
    );
}

/// Capitals and seats of power in actor position are their governments.
#[test]
fn seats_of_power_stand_for_governments() {
    let actor = |written: &str, in_sentence: &str| {
        for a in analysed() {
            for e in &a.events {
                for x in e.source.iter().chain(e.target.iter()) {
                    if x.text.contains(written) && a.article.slice(e.sentence).contains(in_sentence)
                    {
                        return (x.country.clone(), x.sector);
                    }
                }
            }
        }
        panic!("no event actor {written:?} in a sentence with {in_sentence:?}");
    };
    assert_eq!(
        actor("Kremlin", "Kremlin"),
        (Some("RUS".into()), Some(Sector::Gov))
    );
    assert_eq!(
        actor("Berlin", "if Berlin issues the re-export permit"),
        (Some("DEU".into()), Some(Sector::Gov))
    );
}
