//! Label enums: entity types, PLOVER event types, modality, actor sectors.
//!
//! Each converts to its canonical upper- or lower-case string with `as_str` and back with
//! `FromStr`; the strings are the ones DESIGN.md's export format uses.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A label string that names no variant of the enum it was parsed into.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} label {value:?}")]
pub struct LabelError {
    pub kind: &'static str,
    pub value: String,
}

macro_rules! label_enum {
    ($(#[$meta:meta])* $name:ident, $kind:literal, { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical label string.
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = LabelError;
            /// Parses the canonical string, ignoring ASCII case.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let s = s.trim();
                $(if s.eq_ignore_ascii_case($text) { return Ok($name::$variant); })+
                Err(LabelError { kind: $kind, value: s.to_string() })
            }
        }
    };
}

label_enum!(
    /// What kind of thing a mention names.
    EntityType, "entity type", {
    Person => "PERSON",
    Org => "ORG",
    /// Countries, cities and states as political units.
    Gpe => "GPE",
    /// Places that are not political units: regions, rivers, seas.
    Loc => "LOC",
    Facility => "FACILITY",
    Weapon => "WEAPON",
    EventName => "EVENT_NAME",
    /// Nationalities, religious and political groups ("Ukrainian", "Dutch").
    Norp => "NORP",
    Quantity => "QUANTITY",
    Money => "MONEY",
    Date => "DATE",
});

label_enum!(
    /// The 16 PLOVER event types.
    PloverType, "PLOVER type", {
    Agree => "AGREE",
    Consult => "CONSULT",
    Support => "SUPPORT",
    Concede => "CONCEDE",
    Cooperate => "COOPERATE",
    Aid => "AID",
    Retreat => "RETREAT",
    Request => "REQUEST",
    Accuse => "ACCUSE",
    Reject => "REJECT",
    Threaten => "THREATEN",
    Protest => "PROTEST",
    Sanction => "SANCTION",
    Mobilize => "MOBILIZE",
    Coerce => "COERCE",
    Assault => "ASSAULT",
});

label_enum!(
    /// How sure the text is that the event happened (PLOVER's auxiliary modes plus conditional).
    Modality, "modality", {
    /// Stated as having happened or happening.
    Asserted => "asserted",
    /// Stated as not having happened ("did not", "refused to meet").
    Negated => "negated",
    /// Planned, announced or expected ("will send", "plans to").
    Future => "future",
    /// Considered, possible, speculated ("considering sending", "could").
    Hypothetical => "hypothetical",
    /// Depends on a condition ("if Berlin issues the permit").
    Conditional => "conditional",
    /// Background from well before the article ("in February last year").
    Historical => "historical",
});

label_enum!(
    /// The TIMEX3 type of a time expression.
    TimexType, "timex type", {
    /// A calendar date or period: `2023-01-17`, `2022-12`, `2024-Q3`, `PAST_REF`.
    Date => "DATE",
    /// A time of day: `2024-05-17T19:22`.
    Time => "TIME",
    /// A length of time: `P2D`, `P30M`.
    Duration => "DURATION",
    /// A recurrence: `P1W` for "weekly".
    Set => "SET",
});

label_enum!(
    /// The sector an actor belongs to (CAMEO/PLOVER actor codes).
    Sector, "sector", {
    Gov => "GOV",
    Mil => "MIL",
    Media => "MEDIA",
    Bus => "BUS",
    Ngo => "NGO",
    Igo => "IGO",
    Reb => "REB",
    Cvl => "CVL",
    Spy => "SPY",
    Opp => "OPP",
    Jud => "JUD",
    Leg => "LEG",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_through_strings() {
        for t in PloverType::ALL {
            assert_eq!(t.as_str().parse::<PloverType>().unwrap(), *t);
        }
        for t in EntityType::ALL {
            assert_eq!(t.to_string().parse::<EntityType>().unwrap(), *t);
        }
        assert_eq!("Negated".parse::<Modality>().unwrap(), Modality::Negated);
        assert!("attack".parse::<PloverType>().is_err());
        assert_eq!(serde_json::to_string(&Sector::Mil).unwrap(), "\"MIL\"");
    }
}
