//! Words for comparing articles: content terms and shingle hashes.
//!
//! * [`content_terms`] yields the lower-cased, lightly stemmed content words of a text: words of
//!   three or more letters that are not stop words or numbers. Stemming only folds the common
//!   English plural and possessive endings (`missiles` -> `missile`, `Russia's` -> `russia`), so a
//!   headline and a summary that say `strike` and `strikes` share the term.
//! * [`shingle_hashes`] yields one 64-bit hash per run of [`SHINGLE_WORDS`] consecutive words
//!   (all words, stop words included, lower-cased): the units near-duplicate detection compares.
//!
//! Hashing is our own FNV-1a plus a 64-bit finaliser, so values are stable across platforms,
//! builds and runs (they are persisted inside `DocFeatures`).

/// Words per shingle for near-duplicate detection. Four words keep chance overlaps between
/// different articles on one topic rare while a lightly edited copy keeps most of its shingles.
pub const SHINGLE_WORDS: usize = 4;

/// Words carrying no topic: function words, reporting verbs and news boilerplate.
const STOP: &[&str] = &[
    "about",
    "above",
    "according",
    "across",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "always",
    "among",
    "and",
    "another",
    "any",
    "anyone",
    "are",
    "around",
    "asked",
    "away",
    "back",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "can",
    "cannot",
    "could",
    "did",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "either",
    "else",
    "even",
    "ever",
    "every",
    "few",
    "first",
    "for",
    "former",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "going",
    "got",
    "had",
    "has",
    "have",
    "having",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "including",
    "into",
    "its",
    "itself",
    "just",
    "last",
    "later",
    "least",
    "less",
    "like",
    "made",
    "make",
    "makes",
    "many",
    "may",
    "might",
    "more",
    "most",
    "much",
    "must",
    "near",
    "never",
    "new",
    "news",
    "next",
    "nor",
    "not",
    "now",
    "off",
    "often",
    "once",
    "one",
    "only",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "put",
    "rather",
    "read",
    "really",
    "said",
    "same",
    "say",
    "saying",
    "says",
    "see",
    "seen",
    "she",
    "should",
    "show",
    "shows",
    "since",
    "some",
    "still",
    "such",
    "take",
    "takes",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "three",
    "through",
    "thus",
    "time",
    "told",
    "too",
    "two",
    "under",
    "until",
    "upon",
    "very",
    "via",
    "want",
    "was",
    "way",
    "week",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "yours",
    "today",
    "yesterday",
    "tuesday",
    "monday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "watch",
    "video",
    "image",
    "images",
    "photo",
    "photos",
    "click",
    "subscribe",
    "told",
    "reported",
    "reports",
    "report",
    "reporting",
    "according",
    "statement",
    "people",
    "part",
    "amid",
    "set",
    "tell",
    "told",
    "let",
    "lets",
    "use",
    "used",
];

fn is_stop(w: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| STOP.iter().copied().collect())
        .contains(w)
}

/// Folds the plural and possessive endings English headlines vary on.
fn stem(w: &str) -> String {
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .unwrap_or(w);
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..n - 3]);
    }
    if n > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
    {
        return w[..n - 1].to_string();
    }
    w.to_string()
}

/// The words of a text: maximal runs of alphanumeric characters, apostrophes inside a word kept
/// (so `Russia's` is one word), lower-cased.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
}

/// The content terms of a text, in order (see the module doc).
pub fn content_terms(text: &str) -> impl Iterator<Item = String> + '_ {
    words(text).filter_map(|w| {
        if w.chars().count() < 3 || w.chars().all(|c| c.is_numeric()) {
            return None;
        }
        let s = stem(&w);
        if s.chars().count() < 3 || is_stop(&s) || is_stop(&w) {
            return None;
        }
        Some(s)
    })
}

/// A stable 64-bit hash of bytes (FNV-1a with a final avalanche).
pub fn hash64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix64(h)
}

/// The splitmix64 finaliser: spreads every input bit over the output.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hashes of every run of [`SHINGLE_WORDS`] consecutive words of `text` (fewer words: none).
pub fn shingle_hashes(text: &str) -> Vec<u64> {
    let ws: Vec<u64> = words(text).map(|w| hash64(w.as_bytes())).collect();
    if ws.len() < SHINGLE_WORDS {
        return Vec::new();
    }
    ws.windows(SHINGLE_WORDS)
        .map(|win| {
            win.iter()
                .fold(0x9e37_79b9_7f4a_7c15u64, |acc, h| mix64(acc ^ h))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_drop_stop_words_and_fold_plurals() {
        let t: Vec<String> =
            content_terms("Russia's missiles hit the cities, US says 84").collect();
        assert_eq!(t, ["russia", "missile", "hit", "city"]);
    }

    #[test]
    fn shingles_are_stable_and_need_enough_words() {
        assert!(shingle_hashes("three short words").is_empty());
        let a = shingle_hashes("one two three four five");
        assert_eq!(a.len(), 2);
        assert_eq!(a, shingle_hashes("One  two, three four five."));
    }
}
