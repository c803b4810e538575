//! Abbreviations: words that take a period without (necessarily) ending a sentence.
//!
//! Shared by the sentence splitter (may this period end a sentence?) and the tokenizer (does the
//! period belong to the word?). Lookups are case-sensitive: `Ill.` is Illinois, `ill.` is not an
//! abbreviation.

/// How an abbreviation behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Titles and prefixes that stand before a name (`Mr.`, `Gen.`, `Mt.`, `vs.`, `e.g.`): never
    /// end a sentence.
    Title,
    /// Abbreviations that often close a sentence (`Co.`, `Inc.`, `Jr.`, `etc.`, `a.m.`, `Calif.`):
    /// they end one before a sentence-starter word (`They`, `The`, `How`) or before a title
    /// (`Mr.`), and not before other capitalised words (`Co. Chairman`).
    Final,
    /// Dotted acronyms (`U.S.`, `E.U.`, `D.C.`): often modifiers (`U.S. Army`), so they end a
    /// sentence only before a sentence-starter word.
    Acronym,
    /// Abbreviations only before a number (`No. 10`, `Vol. 2`, `Art. 5`); otherwise an ordinary
    /// word that ends a sentence like any other.
    Numeral,
}

/// An abbreviation's behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Abbrev {
    pub class: Class,
    /// Whether a number may follow it inside the sentence (`Jan. 6`, `No. 10`, `Gen. 5` would be
    /// odd but harmless).
    pub before_number: bool,
}

const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Messrs", "Mmes", "Mme", "Mlle", "Dr", "Drs", "Prof", "Profs", "Gen",
    "Gens", "Lt", "Col", "Maj", "Capt", "Cpt", "Cmdr", "Cdr", "Comdr", "Adm", "Brig", "Sgt", "Cpl",
    "Pvt", "Pfc", "Spc", "Ens", "Lieut", "Gov", "Govs", "Sen", "Sens", "Rep", "Reps", "Pres",
    "Supt", "Det", "Insp", "Rev", "Fr", "Hon", "Amb", "Atty", "Sec", "Secy", "Mt", "Ft", "Msgr",
    "Sra", "Sta", "Sto", "vs", "Vs", "cf", "Cf", "viz", "approx", "Approx", "incl", "esp", "e.g",
    "E.g", "i.e", "I.e", "a.k.a", "A.k.a",
];

const FINALS: &[&str] = &[
    "Co", "co", "Cos", "Corp", "corp", "Inc", "inc", "Ltd", "ltd", "Plc", "plc", "Bros", "Jr",
    "Sr", "Snr", "Jnr", "Esq", "etc", "al", "St", "st", "Ave", "ave", "Blvd", "Rd", "Hwy", "Sq",
    "Dept", "a.m", "p.m", "A.M", "P.M",
    // US states, as news agencies abbreviate them ("Tampa, Fla.").
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans",
    "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore",
    "Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wisc", "Wyo",
];

const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

const NUMERALS: &[&str] = &[
    "No", "no", "Nos", "nos", "Nr", "nr", "N°", "Nº", "pp", "Vol", "vol", "Vols", "vols", "Art",
    "art", "Arts", "Fig", "fig", "Figs", "figs", "Ch", "ch", "Chap", "chap", "sec", "Para", "para",
    "Par", "par", "Op", "op", "Eq", "eq", "Tab", "tab", "Pg", "pg", "Ex", "Ref", "ref", "Rm",
    "Apt", "Ste", "Bldg", "Tel", "tel",
];

/// Exact lookup in the lists.
fn lookup(word: &str) -> Option<Abbrev> {
    if word.is_empty() || word.len() > 8 {
        return None;
    }
    if TITLES.contains(&word) {
        Some(Abbrev {
            class: Class::Title,
            before_number: true,
        })
    } else if MONTHS.contains(&word) {
        Some(Abbrev {
            class: Class::Final,
            before_number: true,
        })
    } else if FINALS.contains(&word) {
        Some(Abbrev {
            class: Class::Final,
            before_number: false,
        })
    } else if NUMERALS.contains(&word) {
        Some(Abbrev {
            class: Class::Numeral,
            before_number: true,
        })
    } else {
        None
    }
}

/// Whether `word` (without its final period) is a dotted acronym: two or more groups of one or two
/// letters joined by periods, like `U.S`, `U.S.A`, `Ph.D`, `D.C`.
pub(crate) fn is_dotted_acronym(word: &str) -> bool {
    if word.len() > 24 || !word.contains('.') {
        return false;
    }
    word.split('.').all(|part| {
        let n = part.chars().count();
        (1..=2).contains(&n) && part.chars().all(char::is_alphabetic)
    })
}

/// The abbreviation `word` (given without its final period) is, if any: the lists, then dotted
/// acronyms, then the part after the last hyphen (`D-Calif` is `Calif`).
pub(crate) fn classify(word: &str) -> Option<Abbrev> {
    if let Some(a) = lookup(word) {
        return Some(a);
    }
    if is_dotted_acronym(word) {
        return Some(Abbrev {
            class: Class::Acronym,
            before_number: false,
        });
    }
    match word.rsplit_once('-') {
        Some((head, tail)) if !head.is_empty() && !tail.is_empty() => lookup(tail).or_else(|| {
            is_dotted_acronym(tail).then_some(Abbrev {
                class: Class::Acronym,
                before_number: false,
            })
        }),
        _ => None,
    }
}

/// Whether `word` is a single letter (an initial such as `E` in `Jonas E. Smith`).
pub(crate) fn is_single_letter(word: &str) -> bool {
    let mut cs = word.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
}

/// Whether `token` — a word with its final period, like `"Gen."`, `"U.S."`, `"etc."` or `"E."` —
/// is an abbreviation that this crate knows: a listed one (titles, company and place suffixes,
/// months, `No.`-style numerals), a dotted acronym, or a single-letter initial.
///
/// ```
/// assert!(sitrep_nlp::is_abbreviation("Gen."));
/// assert!(sitrep_nlp::is_abbreviation("U.S."));
/// assert!(!sitrep_nlp::is_abbreviation("Gen"));
/// assert!(!sitrep_nlp::is_abbreviation("said."));
/// ```
pub fn is_abbreviation(token: &str) -> bool {
    match token.strip_suffix('.') {
        Some(word) => is_single_letter(word) || classify(word).is_some(),
        None => false,
    }
}

/// Capitalised words that typically open an English sentence: pronouns, determiners, auxiliaries,
/// conjunctions, question words and common sentence adverbs. After an ambiguous abbreviation
/// (`co.`, `U.S.`, an initial) a following word from this list signals a new sentence, while other
/// capitalised words (`Government`, `Army`, `Smith`) read as a continuation.
const STARTERS: &[&str] = &[
    "I",
    "He",
    "She",
    "It",
    "We",
    "They",
    "You",
    "His",
    "Her",
    "Its",
    "Our",
    "Their",
    "My",
    "Your",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "The",
    "A",
    "An",
    "Some",
    "Many",
    "Most",
    "All",
    "Each",
    "Every",
    "Both",
    "Such",
    "Several",
    "Another",
    "Other",
    "Others",
    "One",
    "No",
    "None",
    "Nobody",
    "Nothing",
    "Everyone",
    "Everything",
    "Someone",
    "Something",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "Nor",
    "However",
    "Meanwhile",
    "Still",
    "Then",
    "Now",
    "Also",
    "Instead",
    "Thus",
    "Therefore",
    "Moreover",
    "Furthermore",
    "Nevertheless",
    "Nonetheless",
    "Although",
    "Though",
    "While",
    "When",
    "Where",
    "Why",
    "How",
    "What",
    "Who",
    "Whom",
    "Which",
    "Whose",
    "Whether",
    "If",
    "As",
    "Because",
    "Since",
    "After",
    "Before",
    "During",
    "In",
    "On",
    "At",
    "For",
    "From",
    "To",
    "With",
    "Without",
    "By",
    "Of",
    "Under",
    "Over",
    "Despite",
    "Is",
    "Are",
    "Was",
    "Were",
    "Be",
    "Been",
    "Do",
    "Does",
    "Did",
    "Can",
    "Could",
    "Will",
    "Would",
    "Should",
    "Shall",
    "May",
    "Might",
    "Must",
    "Has",
    "Have",
    "Had",
    "Let",
    "Please",
    "Yes",
    "Not",
    "Only",
    "Even",
    "Just",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Earlier",
    "Later",
    "Last",
    "Next",
];

/// Whether `word` (letters only) is a typical sentence opener; see [`STARTERS`].
pub(crate) fn is_starter(word: &str) -> bool {
    word.len() <= 12 && STARTERS.contains(&word)
}

/// Prepositions that open a fronted time phrase (`At 5 a.m.`, `By 6 p.m.`).
const INTRO_PREPOSITIONS: &[&str] = &[
    "At", "By", "Until", "Till", "Before", "After", "Around", "About", "From", "Since", "Circa",
    "Between", "Toward", "Towards",
];

/// Whether `word` is a preposition that may open a fronted time phrase.
pub(crate) fn is_intro_preposition(word: &str) -> bool {
    word.len() <= 8 && INTRO_PREPOSITIONS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_lists_acronyms_and_hyphenated_states() {
        assert_eq!(classify("Mr").unwrap().class, Class::Title);
        assert_eq!(classify("co").unwrap().class, Class::Final);
        assert_eq!(classify("U.S").unwrap().class, Class::Acronym);
        assert_eq!(classify("U.S.A").unwrap().class, Class::Acronym);
        assert_eq!(classify("N°").unwrap().class, Class::Numeral);
        assert_eq!(classify("D-Calif").unwrap().class, Class::Final);
        assert!(classify("Jan").unwrap().before_number);
        assert!(classify("Government").is_none());
        assert!(classify("Jane.Doe@example").is_none());
        assert!(classify("1026.253.553").is_none());
        assert!(classify("").is_none());
        assert!(classify("-").is_none());
    }

    #[test]
    fn is_abbreviation_needs_the_period() {
        assert!(is_abbreviation("Mr."));
        assert!(is_abbreviation("e.g."));
        assert!(is_abbreviation("E."));
        assert!(is_abbreviation("Calif."));
        assert!(!is_abbreviation("Mr"));
        assert!(!is_abbreviation("ill."));
        assert!(!is_abbreviation("."));
        assert!(!is_abbreviation(""));
    }
}
