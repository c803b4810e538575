//! From the model's labels to sitrep's entity types, and the benchmarks' label maps.
//!
//! The model predicts CoNLL-2003's four types. sitrep's [`EntityType`] is finer, so a span's
//! kind is decided by its label, then refined by the knowledge-base gazetteer and by the
//! span's words:
//!
//! | model label | kind |
//! | --- | --- |
//! | `PER` | PERSON |
//! | `ORG` | ORG; FACILITY when the KB lists it as one or its last word is a facility word ("Airport", "Stadium", "Base"); WEAPON when the KB lists it as one ("Leopards") |
//! | `LOC` | GPE by default (most news locations are countries, states and cities); LOC when the KB says so, for continents and regions ("Europe", "Middle East", "Balkans") and for natural features ("Black Sea", "Dnipro River"); FACILITY as for ORG |
//! | `MISC` | NORP by default (demonyms, the bulk of CoNLL's MISC: "German", "Republicans"); EVENT_NAME for event words ("World Cup", "Munich Security Conference", "1996 election"); WEAPON when the KB lists it or it looks like a designation ("F-16", "T-72") |
//! | `WEAPON` | WEAPON: KB weapon names the model left untagged (CoNLL has no weapons to learn from) |
//!
//! A KB type only refines within the model's coarse type (a `PER` "Jordan" stays a person),
//! with two exceptions: a span that is exactly a KB person is a PERSON whatever the model
//! said (the KB's people are curated for the domain and the 1996 training text never saw
//! them; the span's label then becomes `PER` too), and weapons, which CoNLL does not
//! annotate, may come as ORG or MISC. A KB weapon
//! at the end of an ORG or MISC span after a country or demonym ("US Abrams") is split off
//! as its own span.
//!
//! Benchmark maps (scoring happens in the benchmark's own scheme):
//!
//! - CoNLL-2003: the model's labels are CoNLL's; `WEAPON` counts as `MISC`.
//! - CrossNER politics: `politician`, `person` -> PER; `organisation`, `politicalparty` -> ORG;
//!   `country`, `location` -> LOC; `election`, `event`, `misc` -> MISC. CrossNER's finer
//!   distinctions (a politician versus another person) are not the recogniser's to make.
//!   The typed output is also scored against CrossNER with [`crossner_to_kind`].

use crate::gazetteer::{list_id, Gazetteer};
use sitrep_core::EntityType;

/// CrossNER politics label -> the model's (CoNLL) label.
pub fn crossner_to_conll(label: &str) -> Option<&'static str> {
    Some(match label {
        "politician" | "person" => "PER",
        "organisation" | "politicalparty" => "ORG",
        "country" | "location" => "LOC",
        "election" | "event" | "misc" => "MISC",
        _ => return None,
    })
}

/// CrossNER politics label -> sitrep's type, for scoring the typed output ([`kind_of`]):
/// `politician`, `person` -> PERSON; `organisation`, `politicalparty` -> ORG; `country`,
/// `location` -> `GPE/LOC` (CrossNER's locations mix cities and regions, so GPE and LOC are
/// scored as one class); `election`, `event` -> EVENT_NAME; `misc` -> NORP (mostly
/// demonyms and party adjectives: "German", "Republican").
pub fn crossner_to_kind(label: &str) -> Option<&'static str> {
    Some(match label {
        "politician" | "person" => "PERSON",
        "organisation" | "politicalparty" => "ORG",
        "country" | "location" => "GPE/LOC",
        "election" | "event" => "EVENT_NAME",
        "misc" => "NORP",
        _ => return None,
    })
}

/// sitrep's type as scored against [`crossner_to_kind`].
pub fn kind_label(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Gpe | EntityType::Loc => "GPE/LOC",
        k => k.as_str(),
    }
}

/// A model label as a CoNLL label (for scoring on CoNLL).
pub fn label_to_conll(label: &str) -> &str {
    match label {
        "WEAPON" => "MISC",
        l => l,
    }
}

const FACILITY_WORDS: &[&str] = &[
    "airport", "airbase", "base", "stadium", "bridge", "palace", "plant", "station", "square",
    "harbour", "harbor", "port", "dam", "hospital", "prison", "arena", "center", "centre", "tower",
    "building",
];

const NATURE_WORDS: &[&str] = &[
    "river",
    "sea",
    "ocean",
    "lake",
    "mountains",
    "mount",
    "gulf",
    "strait",
    "straits",
    "peninsula",
    "valley",
    "desert",
    "island",
    "islands",
    "bay",
    "coast",
    "basin",
    "channel",
    "forest",
    "canal",
    "hills",
    "plain",
    "steppe",
];

const REGIONS: &[&str] = &[
    "europe",
    "asia",
    "africa",
    "america",
    "north america",
    "south america",
    "latin america",
    "central america",
    "middle east",
    "near east",
    "far east",
    "balkans",
    "caucasus",
    "scandinavia",
    "arctic",
    "antarctica",
    "antarctic",
    "pacific",
    "atlantic",
    "mediterranean",
    "baltic",
    "baltics",
    "sahel",
    "donbas",
    "donbass",
    "eurasia",
    "oceania",
    "west",
    "east",
    "central asia",
    "south asia",
    "southeast asia",
    "east asia",
    "eastern europe",
    "western europe",
    "central europe",
    "northern europe",
    "southern europe",
    "indo-pacific",
    "persian gulf",
    "gulf",
];

const EVENT_WORDS: &[&str] = &[
    "war",
    "cup",
    "championship",
    "championships",
    "olympics",
    "olympic",
    "games",
    "summit",
    "conference",
    "election",
    "elections",
    "open",
    "tour",
    "prix",
    "festival",
    "revolution",
    "crisis",
    "offensive",
    "operation",
    "forum",
    "congress",
    "talks",
    "referendum",
    "massacre",
    "uprising",
    "invasion",
    "battle",
    "siege",
    "series",
    "league",
];

/// Whether a single word looks like a weapon designation: letters and digits joined by a
/// hyphen or run together, upper-case first ("F-16", "T-72", "M777", "Su-25", "S-300").
fn looks_like_designation(w: &str) -> bool {
    let first_upper = w.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    let digits = w.chars().filter(char::is_ascii_digit).count();
    let letters = w.chars().filter(char::is_ascii_alphabetic).count();
    first_upper
        && digits >= 2
        && (1..=4).contains(&letters)
        && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !w.chars().all(|c| c.is_ascii_digit() || c == '-')
}

/// The kind of a span the model labelled `label`, from its words (see the module docs).
/// `lower`/`raw` are the span's token ids for the gazetteer.
pub fn kind_of(
    label: &str,
    words: &[&str],
    lower: &[u64],
    raw: &[u64],
    gaz: &Gazetteer,
) -> EntityType {
    let bits = gaz.lists_of(lower, raw);
    let has = |name: &str| list_id(name).is_some_and(|l| bits & (1 << l) != 0);
    let low: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let phrase = low.join(" ");
    let last = low.last().map(String::as_str).unwrap_or("");
    let first = low.first().map(String::as_str).unwrap_or("");
    let facility = has("kb:FACILITY") || (words.len() > 1 && FACILITY_WORDS.contains(&last));
    // The KB's people are curated for the domain: a span that is exactly one of them is a
    // person whatever the model called it (the 1996 training text never saw "Zelensky").
    if has("kb:PERSON") {
        return EntityType::Person;
    }
    match label {
        "PER" => EntityType::Person,
        "WEAPON" => EntityType::Weapon,
        "ORG" => {
            // CoNLL has no weapons: a KB weapon the model calls an organisation ("Leopards")
            // is a weapon.
            if has("kb:WEAPON") && !has("kb:ORG") {
                EntityType::Weapon
            } else if facility && !has("kb:ORG") {
                EntityType::Facility
            } else {
                EntityType::Org
            }
        }
        "LOC" => {
            if has("country") || has("capital") || has("kb:GPE") {
                EntityType::Gpe
            } else if has("kb:LOC")
                || REGIONS.contains(&phrase.as_str())
                || NATURE_WORDS.contains(&last)
                || (words.len() > 1 && matches!(first, "mount" | "lake" | "cape"))
            {
                EntityType::Loc
            } else if facility {
                EntityType::Facility
            } else {
                EntityType::Gpe
            }
        }
        _ => {
            if has("kb:WEAPON")
                || (words.len() <= 3 && words.iter().any(|w| looks_like_designation(w)))
            {
                EntityType::Weapon
            } else if has("demonym") || has("kb:NORP") {
                EntityType::Norp
            } else if has("kb:EVENT_NAME")
                || low.iter().any(|w| EVENT_WORDS.contains(&w.as_str()))
                || (words.len() > 1
                    && first.len() == 4
                    && first.chars().all(|c| c.is_ascii_digit()))
            {
                EntityType::EventName
            } else {
                EntityType::Norp
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::token_ids;

    fn kind(label: &str, words: &[&str]) -> EntityType {
        let (l, r): (Vec<u64>, Vec<u64>) = words
            .iter()
            .map(|w| token_ids(w, &w.to_lowercase()))
            .unzip();
        kind_of(label, words, &l, &r, &Gazetteer::default())
    }

    #[test]
    fn refines_coarse_labels() {
        assert_eq!(kind("LOC", &["Brussels"]), EntityType::Gpe);
        assert_eq!(kind("LOC", &["Middle", "East"]), EntityType::Loc);
        assert_eq!(kind("LOC", &["Black", "Sea"]), EntityType::Loc);
        assert_eq!(kind("MISC", &["Estonian"]), EntityType::Norp);
        assert_eq!(kind("MISC", &["World", "Cup"]), EntityType::EventName);
        assert_eq!(kind("MISC", &["F-16"]), EntityType::Weapon);
        assert_eq!(kind("ORG", &["Boryspil", "Airport"]), EntityType::Facility);
        assert_eq!(crossner_to_conll("politicalparty"), Some("ORG"));
    }
}
