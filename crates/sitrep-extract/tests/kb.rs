//! The built-in knowledge base: countries, weapons, GeoNames places, offices, and what the linker
//! makes of them in running text.

use chrono::NaiveDate;
use sitrep_core::{AnalysedArticle, Article, EntityType, Sector, SourceRef};
use sitrep_extract::kb::WeaponKind;
use sitrep_extract::{Extractor, Kb};
use std::collections::HashSet;

fn analyse(text: &str) -> AnalysedArticle {
    let article = Article {
        language: Some("en".into()),
        ..Article::from_text(text, SourceRef::default())
    };
    Extractor::default().analyse(article)
}

/// The (surface, kind, entity id) of every mention.
fn mentions(text: &str) -> Vec<(String, EntityType, String)> {
    let a = analyse(text);
    a.mentions
        .iter()
        .map(|m| {
            (
                m.span.slice(&a.article.text).to_string(),
                m.kind,
                m.entity.clone().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn every_country_once_with_iso_codes() {
    let kb = Kb::builtin();
    let countries: Vec<_> = kb
        .entities()
        .filter(|e| {
            e.kind == EntityType::Gpe && kb.details(&e.id).is_some_and(|d| d.iso2.is_some())
        })
        .collect();
    assert!(countries.len() >= 240, "{} countries", countries.len());
    let mut iso3 = HashSet::new();
    let mut iso2 = HashSet::new();
    for c in &countries {
        let code = c.country.as_deref().unwrap();
        assert!(iso3.insert(code), "ISO3 {code} twice");
        assert_eq!(c.id, format!("kb:{}", code.to_ascii_lowercase()));
        let two = kb.details(&c.id).unwrap().iso2.clone().unwrap();
        assert!(iso2.insert(two.clone()), "ISO2 {two} twice");
    }
    for code in [
        "UKR", "RUS", "USA", "FJI", "BTN", "VAT", "ATA", "XKX", "CIV", "TLS",
    ] {
        assert!(kb.country(code).is_some(), "{code}");
    }
    assert_eq!(kb.lookup("Ivory Coast").unwrap().id, "kb:civ");
    assert_eq!(kb.lookup("Burma").unwrap().id, "kb:mmr");
    assert_eq!(kb.lookup("Swaziland").unwrap().id, "kb:swz");
}

#[test]
fn capital_spellings_link_to_one_entity() {
    let kb = Kb::builtin();
    let ids: HashSet<_> = ["Kiev", "Kyiv", "kyiv", "KYIV"]
        .iter()
        .map(|n| kb.lookup(n).map(|e| e.id.clone()))
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
    let kyiv = kb.lookup("Kyiv").unwrap();
    assert_eq!(kyiv.kind, EntityType::Gpe);
    assert_eq!(kyiv.country.as_deref(), Some("UKR"));
    assert_eq!(
        kb.details(&kyiv.id).unwrap().stands_for.as_deref(),
        Some("UKR")
    );
    // In running text too.
    let m = mentions("Officials in Kiev and kyiv residents said Kyiv would respond.");
    let linked: HashSet<_> = m.iter().map(|x| x.2.as_str()).collect();
    assert!(m.iter().filter(|x| x.2 == kyiv.id).count() == 3, "{m:?}");
    assert!(linked.contains(kyiv.id.as_str()));
}

#[test]
fn weapons_have_kind_and_maker() {
    let kb = Kb::builtin();
    let cases = [
        ("Leopard 2A6", WeaponKind::Tank, "DEU"),
        ("Challenger 2", WeaponKind::Tank, "GBR"),
        ("Storm Shadow", WeaponKind::Missile, "GBR"),
        ("SCALP", WeaponKind::Missile, "FRA"),
        (
            "MGM-140 Army Tactical Missile System",
            WeaponKind::Missile,
            "USA",
        ),
        ("155mm shells", WeaponKind::Munition, "USA"),
        ("HIMARS", WeaponKind::Mlrs, "USA"),
        ("F-16", WeaponKind::Aircraft, "USA"),
        ("F-16s", WeaponKind::Aircraft, "USA"),
        ("Patriot", WeaponKind::AirDefence, "USA"),
        ("IRIS-T", WeaponKind::AirDefence, "DEU"),
        ("Bayraktar TB2", WeaponKind::Drone, "TUR"),
        ("Shahed-136", WeaponKind::Drone, "IRN"),
        ("Kinzhal", WeaponKind::Missile, "RUS"),
        ("S-400", WeaponKind::AirDefence, "RUS"),
        ("PzH 2000", WeaponKind::Artillery, "DEU"),
        ("Krab", WeaponKind::Artillery, "POL"),
        ("CV90", WeaponKind::Ifv, "SWE"),
        ("Gripen", WeaponKind::Aircraft, "SWE"),
        ("NLAW", WeaponKind::Missile, "SWE"),
    ];
    for (name, kind, maker) in cases {
        let e = kb
            .lookup(name)
            .unwrap_or_else(|| panic!("{name} not in the KB"));
        assert_eq!(e.kind, EntityType::Weapon, "{name}");
        assert_eq!(kb.weapon_kind(&e.id), Some(kind), "{name}");
        assert_eq!(e.country.as_deref(), Some(maker), "{name}");
    }
    let weapons = kb
        .entities()
        .filter(|e| e.kind == EntityType::Weapon)
        .count();
    assert!(weapons >= 300, "{weapons} weapons");
}

#[test]
fn weapon_variants_link_to_their_family() {
    let kb = Kb::builtin();
    let a6 = kb.lookup("Leopard 2A6").unwrap();
    let a4 = kb.lookup("Leopard-2A4").unwrap();
    assert_ne!(a6.id, a4.id);
    let lineage: Vec<&str> = kb.lineage(&a6.id).iter().map(|e| e.id.as_str()).collect();
    assert_eq!(lineage, ["kb:leopard-2a6", "kb:leopard-2", "kb:leopard"]);
    assert_eq!(kb.lineage(&a4.id).last().unwrap().id, "kb:leopard");
    assert_eq!(kb.lookup("leopards").unwrap().id, "kb:leopard");
    // Storm Shadow and SCALP are one missile sold under two names: two makers, no parent.
    assert_ne!(
        kb.lookup("Storm Shadow").unwrap().id,
        kb.lookup("SCALP").unwrap().id
    );
    assert_eq!(
        kb.lookup("Geran-2").unwrap().country.as_deref(),
        Some("RUS")
    );
    assert_eq!(kb.lineage("kb:geran-2")[1].id, "kb:shahed-136");
    // Common words stay words.
    assert!(kb.lookup("scalp").is_none());
    assert!(kb.lookup("spike").is_none());
    assert!(kb.lookup("boxer").is_none());
}

#[test]
fn geonames_cities_are_places_with_their_country() {
    let kb = Kb::builtin();
    for (name, country) in [
        ("Rzeszów", "POL"),
        ("Rzeszow", "POL"),
        ("Pokrovsk", "UKR"),
        ("Kramatorsk", "UKR"),
        ("Avdiivka", "UKR"),
        ("Artemovsk", "UKR"),
        ("Zaporozhye", "UKR"),
        ("Yekaterinburg", "RUS"),
        ("Daugavpils", "LVA"),
        ("Munich", "DEU"),
        ("Bombay", "IND"),
    ] {
        let e = kb
            .lookup(name)
            .unwrap_or_else(|| panic!("{name} not in the KB"));
        assert_eq!(e.kind, EntityType::Gpe, "{name}");
        assert_eq!(e.country.as_deref(), Some(country), "{name}");
    }
    let rz = kb.lookup("Rzeszów").unwrap();
    assert!(rz.id.starts_with("geonames:"), "{}", rz.id);
    assert!(kb.details(&rz.id).unwrap().population.unwrap() > 100_000);
    // Curated entries win over GeoNames: Ramstein is the air base, Bakhmut the curated city.
    assert_eq!(kb.lookup("Ramstein").unwrap().id, "kb:ramstein");
    assert_eq!(kb.lookup("Bakhmut").unwrap().id, "kb:bakhmut");
    let m = mentions("Strikes hit Pokrovsk and Rzeszów, officials said.");
    for place in ["Pokrovsk", "Rzeszów"] {
        assert!(
            m.iter()
                .any(|x| x.0 == place && x.1 == EntityType::Gpe && x.2.starts_with("geonames:")),
            "{place}: {m:?}"
        );
    }
}

#[test]
fn common_words_and_names_are_not_places() {
    for text in [
        "Mobile phones were banned at the front.",
        "It was a nice day in the capital.",
        "They will march on Sunday and split the money.",
        "Reading the statement, he paused.",
    ] {
        let m = mentions(text);
        assert!(
            m.iter().all(|x| !x.2.starts_with("geonames:")),
            "{text}: {m:?}"
        );
    }
    // A place name that is part of a longer name, or a person's name after a title.
    let m = mentions(
        "French Defence Minister Florence Parly met King Hassan in Rabat. Brig. Gen. Steve Anderson agreed.",
    );
    assert!(m.iter().all(|x| !x.2.starts_with("geonames:")), "{m:?}");
    // A surname named earlier in the article wins over a city of that name.
    let m = mentions("Lloyd Austin arrived on Monday. Austin said the aid would continue.");
    let austin = m.iter().find(|x| x.0 == "Austin").unwrap();
    assert_eq!(austin.1, EntityType::Person, "{m:?}");
    assert_eq!(austin.2, "kb:lloyd-austin");
}

#[test]
fn offices_have_dates_and_holders() {
    let kb = Kb::builtin();
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let one = |role: &str, country: &str, on: &str| -> String {
        let h = kb.holders(role, country, day(on));
        assert_eq!(h.len(), 1, "{role} {country} {on}: {h:?}");
        h[0].person.clone()
    };
    assert_eq!(
        one("head-of-state", "UKR", "2022-02-24"),
        "kb:volodymyr-zelensky"
    );
    assert_eq!(
        one("head-of-state", "UKR", "2016-01-01"),
        "kb:petro-poroshenko"
    );
    assert_eq!(
        one("defence-minister", "USA", "2023-01-20"),
        "kb:lloyd-austin"
    );
    assert_eq!(
        one("chief-of-defence", "USA", "2023-01-20"),
        "kb:mark-milley"
    );
    assert_eq!(
        one("chief-of-defence", "UKR", "2023-01-20"),
        "kb:valerii-zaluzhnyi"
    );
    assert_eq!(
        one("defence-minister", "DEU", "2023-01-20"),
        "kb:boris-pistorius"
    );
    assert_eq!(
        one("defence-minister", "DEU", "2023-01-18"),
        "kb:christine-lambrecht"
    );
    assert_eq!(
        one("head-of-government", "GBR", "2022-10-01"),
        "kb:liz-truss"
    );
    assert_eq!(
        one("secretary-general", "kb:nato", "2023-07-11"),
        "kb:jens-stoltenberg"
    );
    assert_eq!(
        one("secretary-general", "kb:nato", "2025-06-24"),
        "kb:mark-rutte"
    );
    // Every office of the file: dates in order, one holder per national office and day.
    for o in kb.offices() {
        assert!(o.to.is_none_or(|t| o.from <= t), "{o:?}");
        let person = kb.get(&o.person).unwrap();
        assert_eq!(person.kind, EntityType::Person);
        if let Some(c) = &o.country {
            let overlapping = kb
                .offices()
                .iter()
                .filter(|p| {
                    p.role == o.role && p.country.as_ref() == Some(c) && p.office == o.office
                })
                .filter(|p| p.held_on(o.from) && p.person != o.person && p.from != o.from)
                // A handover inside a month recorded without its day.
                .filter(|p| p.to.is_none_or(|t| (t - o.from).num_days() > 31))
                .count();
            assert_eq!(overlapping, 0, "{o:?} overlaps another holder");
        }
    }
    let rutte: Vec<_> = kb
        .offices_of("kb:mark-rutte")
        .map(|o| o.role.as_str())
        .collect();
    assert_eq!(rutte, ["head-of-government", "secretary-general"]);
    assert_eq!(
        kb.offices_of("kb:valery-gerasimov").next().unwrap().sector,
        Some(Sector::Mil)
    );
}

#[test]
fn organisations_and_bodies() {
    let kb = Kb::builtin();
    for (name, id, sector) in [
        ("Pentagon", "kb:us-dod", Sector::Mil),
        ("Verkhovna Rada", "kb:verkhovna-rada", Sector::Leg),
        ("Bundestag", "kb:bundestag", Sector::Leg),
        ("Ramstein group", "kb:udcg", Sector::Igo),
        ("OSCE", "kb:osce", Sector::Igo),
        ("SBU", "kb:sbu", Sector::Spy),
        ("Rheinmetall", "kb:rheinmetall", Sector::Bus),
    ] {
        let e = kb
            .lookup(name)
            .unwrap_or_else(|| panic!("{name} not in the KB"));
        assert_eq!((e.id.as_str(), e.sector), (id, Some(sector)), "{name}");
    }
    assert_eq!(
        kb.details("kb:chancellery").unwrap().stands_for.as_deref(),
        Some("DEU")
    );
}

#[test]
fn load_dir_reads_the_new_columns() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("w.tsv"),
        "id\tname\ttype\tcountry\tkind\tparent\taliases\n\
         kb:x-1\tX-1\tWEAPON\tUSA\tdrone\t-\tXone\n\
         kb:x-1b\tX-1B\tWEAPON\tUSA\tdrone\tkb:x-1\t-\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("o.tsv"),
        "person\trole\toffice\tcountry\tsector\tfrom\tto\n\
         kb:someone\tmayor\tMayor of X\tUSA\tGOV\t2020-05\t2021\n",
    )
    .unwrap();
    let kb = Kb::load_dir(dir.path()).unwrap();
    assert_eq!(kb.weapon_kind("kb:x-1b"), Some(WeaponKind::Drone));
    assert_eq!(kb.lineage("kb:x-1b").len(), 2);
    let o = &kb.offices()[0];
    assert_eq!(o.from.to_string(), "2020-05-01");
    assert_eq!(o.to.unwrap().to_string(), "2021-12-31");
    // A kind on a non-weapon, an unknown kind, a bad date: errors with file and line.
    for (file, bad) in [
        ("w.tsv", "id\tname\ttype\tkind\nkb:y\tY\tORG\ttank\n"),
        (
            "w.tsv",
            "id\tname\ttype\tkind\nkb:y\tY\tWEAPON\tspaceship\n",
        ),
        (
            "o.tsv",
            "person\trole\toffice\tfrom\nkb:y\tmayor\tMayor\t2020-13\n",
        ),
    ] {
        std::fs::write(dir.path().join(file), bad).unwrap();
        let e = Kb::load_dir(dir.path()).unwrap_err().to_string();
        assert!(e.contains(&format!("{file}:2")), "{e}");
    }
}
