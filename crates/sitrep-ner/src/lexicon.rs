//! The case lexicon: how each word is usually written where its case is informative.
//!
//! Capitalisation is the strongest single cue for names, and it lies in two places: at the
//! start of a sentence, and in all-caps headlines (CoNLL's `SOCCER - JAPAN GET LUCKY WIN`).
//! The lexicon counts, for every lower-cased word in unlabeled training text, how often it was
//! written lower-case, Title-case or ALL-CAPS in a position where case means something (not
//! sentence-initial, not in an all-caps sentence), and its most frequent such form. The
//! recogniser uses it to restore the usual form of a word whose case is uninformative
//! ("The" -> "the", "BRUSSELS" -> "Brussels") and as a feature of its own (a capitalised
//! word usually written lower-case is probably not a name).

use std::collections::HashMap;

/// Counts for one lower-cased word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// The most frequent written form.
    pub best: String,
    pub lower: u32,
    pub title: u32,
    pub upper: u32,
    pub other: u32,
    /// Occurrences in any position (the word is known to the model's vocabulary).
    pub seen: u32,
}

impl Entry {
    fn total(&self) -> u32 {
        self.lower + self.title + self.upper + self.other
    }
}

/// How a form is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// No letters.
    None,
    Lower,
    /// First letter upper-case, some lower-case after it ("Kyiv", "McCain").
    Title,
    /// Two or more letters, all upper-case ("NATO", "U.S.").
    Upper,
    /// Anything else ("iPhone", a single capital "A").
    Other,
}

/// The case class of a form.
pub fn case_of(w: &str) -> Case {
    let mut letters = 0;
    let mut uppers = 0;
    let mut first_upper = None;
    for c in w.chars() {
        if c.is_alphabetic() {
            letters += 1;
            let up = c.is_uppercase();
            if up {
                uppers += 1;
            }
            if first_upper.is_none() {
                first_upper = Some(up);
            }
        }
    }
    if letters == 0 {
        Case::None
    } else if uppers == 0 {
        Case::Lower
    } else if uppers == letters {
        if letters >= 2 {
            Case::Upper
        } else {
            Case::Other
        }
    } else if first_upper == Some(true) {
        Case::Title
    } else {
        Case::Other
    }
}

/// Whether a sentence is written in capitals (a headline): at least one word of two or more
/// letters, and nine in ten words with letters have no lower-case letter.
pub fn is_caps_sentence<S: AsRef<str>>(words: &[S]) -> bool {
    let (mut with_letters, mut caps, mut long_caps) = (0usize, 0usize, 0usize);
    for w in words {
        match case_of(w.as_ref()) {
            Case::None => {}
            Case::Upper => {
                with_letters += 1;
                caps += 1;
                long_caps += 1;
            }
            Case::Other if !w.as_ref().chars().any(char::is_lowercase) => {
                with_letters += 1;
                caps += 1;
            }
            _ => with_letters += 1,
        }
    }
    long_caps >= 1 && caps * 10 >= with_letters * 9
}

/// Small words a title-case headline leaves in lower case.
const TITLE_SMALL: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "of", "to", "in", "on", "at", "by", "with",
    "from", "as", "vs", "v", "per", "via", "into", "over", "after", "amid", "than",
];

/// Whether a sentence is a title-case headline ("Pentagon Denies Zelensky's Request for
/// Missiles"): at least four capitalised words, nine in ten of the words with letters that
/// are not small function words begin with a capital, and some small word is in lower case
/// (which keeps out lists of names and sports tables). All-caps sentences are not.
pub fn is_title_sentence<S: AsRef<str>>(words: &[S]) -> bool {
    let (mut content, mut capital, mut small) = (0usize, 0usize, 0usize);
    for w in words {
        let w = w.as_ref();
        let Some(first) = w.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        if TITLE_SMALL.contains(&w) {
            small += 1;
            continue;
        }
        if w.starts_with('\'') || w.starts_with('\u{2019}') {
            continue;
        }
        content += 1;
        if first.is_uppercase() {
            capital += 1;
        }
    }
    small >= 1 && capital >= 4 && capital * 10 >= content * 9 && !is_caps_sentence(words)
}

/// Whether token `i` stands where any word is capitalised: first in the sentence, or after
/// an opening quote, bracket, dash or bullet that starts it.
pub fn is_initial<S: AsRef<str>>(words: &[S], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let lead = |w: &str| {
        matches!(
            w,
            "\"" | "``" | "'" | "`" | "(" | "[" | "-" | "--" | "*" | "\u{201c}" | "\u{2018}" | ":"
        )
    };
    words[..i].iter().all(|w| lead(w.as_ref()))
}

/// The case lexicon (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    words: HashMap<String, Entry>,
}

impl Lexicon {
    /// Counts the forms in sentences of unlabeled text.
    pub fn build<'a, I, S>(sentences: I) -> Lexicon
    where
        I: IntoIterator<Item = &'a [S]>,
        S: AsRef<str> + 'a,
    {
        let mut forms: HashMap<String, HashMap<String, u32>> = HashMap::new();
        let mut seen: HashMap<String, u32> = HashMap::new();
        for words in sentences {
            for w in words {
                *seen.entry(w.as_ref().to_lowercase()).or_default() += 1;
            }
            if is_caps_sentence(words) || is_title_sentence(words) {
                continue;
            }
            for (i, w) in words.iter().enumerate() {
                let w = w.as_ref();
                if case_of(w) == Case::None || is_initial(words, i) {
                    continue;
                }
                *forms
                    .entry(w.to_lowercase())
                    .or_default()
                    .entry(w.to_string())
                    .or_default() += 1;
            }
        }
        let mut words = HashMap::with_capacity(forms.len());
        for (low, fs) in forms {
            let mut e = Entry::default();
            let mut best: Option<(&String, u32)> = None;
            for (f, &n) in &fs {
                match case_of(f) {
                    Case::Lower => e.lower += n,
                    Case::Title => e.title += n,
                    Case::Upper => e.upper += n,
                    _ => e.other += n,
                }
                if best.is_none_or(|(bf, bn)| n > bn || (n == bn && f < bf)) {
                    best = Some((f, n));
                }
            }
            e.best = best.map(|(f, _)| f.clone()).unwrap_or_default();
            words.insert(low, e);
        }
        for (low, n) in seen {
            words.entry(low).or_default().seen = n;
        }
        Lexicon { words }
    }

    pub fn get(&self, lower: &str) -> Option<&Entry> {
        self.words.get(lower)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether the word was seen at all.
    pub fn knows(&self, lower: &str) -> bool {
        self.words.contains_key(lower)
    }

    /// A small number describing how `lower` is usually written and how often it was seen:
    /// `0` unseen; `25` seen only where case says nothing; else `1 + 4 * class + count
    /// bucket`, classes: always lower, mostly lower, sometimes lower, title, upper, other.
    pub fn profile(&self, lower: &str) -> u64 {
        let Some(e) = self.words.get(lower) else {
            return 0;
        };
        if e.total() == 0 {
            return 25;
        }
        let total = e.total();
        let class = if e.lower == total {
            0
        } else if e.lower * 2 >= total {
            1
        } else if e.lower > 0 {
            2
        } else if e.title >= e.upper && e.title >= e.other {
            3
        } else if e.upper >= e.other {
            4
        } else {
            5
        };
        let bucket = match total {
            1 => 0,
            2..=4 => 1,
            5..=19 => 2,
            _ => 3,
        };
        1 + 4 * class + bucket
    }

    /// Serialises as text lines `lower TAB best TAB lower TAB title TAB upper TAB other TAB seen`,
    /// sorted (deterministic output).
    pub fn to_text(&self) -> String {
        let mut keys: Vec<&String> = self.words.keys().collect();
        keys.sort();
        let mut out = String::new();
        for k in keys {
            let e = &self.words[k];
            out.push_str(&format!(
                "{k}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                e.best, e.lower, e.title, e.upper, e.other, e.seen
            ));
        }
        out
    }

    /// Reads [`Lexicon::to_text`]'s format; malformed lines are skipped.
    pub fn from_text(text: &str) -> Lexicon {
        let mut words = HashMap::new();
        for line in text.lines() {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() != 7 {
                continue;
            }
            let n = |s: &str| s.parse::<u32>().unwrap_or(0);
            words.insert(
                c[0].to_string(),
                Entry {
                    best: c[1].to_string(),
                    lower: n(c[2]),
                    title: n(c[3]),
                    upper: n(c[4]),
                    other: n(c[5]),
                    seen: n(c[6]),
                },
            );
        }
        Lexicon { words }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_informative_positions_only() {
        let s1 = ["The", "talks", "in", "Brussels", "ended", "."];
        let s2 = ["BRUSSELS", "TALKS", "END"];
        let s3 = ["In", "Brussels", ",", "the", "talks", "ended"];
        let lex = Lexicon::build([&s1[..], &s2[..], &s3[..]]);
        assert_eq!(lex.get("brussels").unwrap().best, "Brussels");
        assert_eq!(lex.get("brussels").unwrap().title, 2);
        assert!(lex.get("in").is_some_and(|e| e.lower == 1 && e.title == 0));
        assert!(lex
            .get("end")
            .is_some_and(|e| e.seen == 1 && e.best.is_empty()));
        assert_eq!(lex.profile("end"), 25);
        assert!(!lex.knows("nothing"));
        let back = Lexicon::from_text(&lex.to_text());
        assert_eq!(back.get("talks"), lex.get("talks"));
        assert!(is_caps_sentence(&s2));
        assert!(is_title_sentence(&[
            "Pentagon", "Denies", "Zelensky", "'s", "Request", "for", "Missiles"
        ]));
        assert!(!is_title_sentence(&s1) && !is_title_sentence(&s2));
        assert!(!is_caps_sentence(&s1));
        assert!(is_initial(&["\"", "We"], 1));
        assert_eq!(case_of("U.S."), Case::Upper);
    }
}
