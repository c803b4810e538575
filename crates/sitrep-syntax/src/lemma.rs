//! Lemmas: "killed"/VBD -> "kill", "forces"/NNS -> "force", "went"/VBD -> "go".
//!
//! A lemma is the form with its end rewritten, so the lemmatiser learns *edit scripts* from
//! the training data: an optional lowercasing of the whole form, a number of characters cut
//! from the end and a string appended ("studied" -> "study" is: keep case, cut 3, add "y";
//! "The" -> "the" is: lowercase, cut 0, add nothing). Three tables, tried in order:
//!
//! 0. **Forms**: (form as written, XPOS), only where the form's own best script gives another
//!    lemma than its lowercased entry would ("i"/PRP -> "I", while "I" decides the entry).
//! 1. **Words**: (lowercased form, XPOS) -> the most frequent script for that word and tag.
//!    Irregular forms ("went", "n't", "'s"/VBZ) live here. The script is applied to the form as
//!    written, so "Killed" sentence-initially gets "kill" from the entry learned on "killed".
//! 2. **Suffixes**, for words never seen with that tag: (XPOS, last k characters), longest k
//!    first (k <= [`MAX_SUFFIX`]). Every training token adds its script to every suffix of its
//!    form, so "-ied"/VBD learns "cut 3, add y" and "-ed"/VBD "cut 2". An entry whose best
//!    script is its parent's (one character shorter) is redundant and is dropped, which keeps
//!    the table small without changing any answer.
//! 3. Nothing matched: the form itself (lowercased unless it is a proper noun).
//!
//! Case: when a training form is all lowercase, "keep case" and "lowercase" give the same
//! lemma, so the token counts for both; ties go to "keep" for proper nouns (NNP, NNPS) and to
//! "lowercase" otherwise. All lengths are in characters, never bytes, so any string is safe.

use sitrep_learn::{fx, str_id};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The longest suffix the rules look at, in characters.
pub const MAX_SUFFIX: usize = 7;

/// Keys here are already 64-bit hashes: the maps use them as they are.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fx(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = crate::tagger::mix(v);
    }
}

/// A hash map keyed by precomputed 64-bit hashes.
pub(crate) type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Errors reading a lemmatiser table.
#[derive(Debug, thiserror::Error)]
#[error("lemma table line {line}: {problem}")]
pub struct LemmaError {
    pub line: usize,
    pub problem: &'static str,
}

/// One edit script: lowercase or not, cut `cut` characters from the end, append `add`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Script {
    lower: bool,
    cut: u32,
    add: String,
}

impl Script {
    /// The script that turns `g` (the form, lowercased or not) into `lemma`.
    fn between(g: &str, lemma: &str, lower: bool) -> Script {
        let lcp = g
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        Script {
            lower,
            cut: (g.chars().count() - lcp) as u32,
            add: lemma.chars().skip(lcp).collect(),
        }
    }

    fn cost(&self) -> usize {
        self.cut as usize + self.add.chars().count()
    }

    /// The scripts a training pair counts for: one, or both case variants when the form is
    /// all lowercase (they give the same lemma).
    fn learn(form: &str, lemma: &str) -> Vec<Script> {
        let low = form.to_lowercase();
        let keep = Script::between(form, lemma, false);
        if low == form {
            let mut l = keep.clone();
            l.lower = true;
            return vec![keep, l];
        }
        let lower = Script::between(&low, lemma, true);
        if lower.cost() < keep.cost() {
            vec![lower]
        } else {
            vec![keep]
        }
    }

    /// Applies the script; `None` when it would cut more than the form has.
    fn apply(&self, form: &str, low: &str) -> Option<String> {
        let g = if self.lower { low } else { form };
        let n = g.chars().count();
        let keep = n.checked_sub(self.cut as usize)?;
        let end = g.char_indices().nth(keep).map_or(g.len(), |(i, _)| i);
        let mut out = String::with_capacity(end + self.add.len());
        out.push_str(&g[..end]);
        out.push_str(&self.add);
        Some(out)
    }
}

/// Whether lemmas of this tag are lowercased by default (everything but proper nouns).
fn lowers(xpos: &str) -> bool {
    !xpos.starts_with("NNP")
}

fn form_key(form: &str, xpos: &str) -> u64 {
    fx(fx(3, str_id(form)), str_id(xpos))
}

fn word_key(low: &str, xpos: &str) -> u64 {
    fx(fx(1, str_id(low)), str_id(xpos))
}

fn suffix_key(suffix: &str, xpos: &str) -> u64 {
    fx(fx(2, str_id(suffix)), str_id(xpos))
}

/// The best script among counted ones: most frequent, then the tag's default case, then the
/// cheapest, then the smallest (so the choice never depends on hash-map order).
fn best(counts: &HashMap<Script, u32>, xpos: &str) -> Option<Script> {
    let default_lower = lowers(xpos);
    counts
        .iter()
        .max_by(|(a, ca), (b, cb)| {
            ca.cmp(cb)
                .then_with(|| (a.lower == default_lower).cmp(&(b.lower == default_lower)))
                .then_with(|| b.cost().cmp(&a.cost()))
                .then_with(|| b.cmp(a))
        })
        .map(|(s, _)| s.clone())
}

/// The trained lemmatiser (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    forms: IdMap<Script>,
    words: IdMap<Script>,
    suffixes: IdMap<Script>,
    /// The tables as text lines, for [`Lemmatizer::to_text`].
    lines: Vec<String>,
}

impl Lemmatizer {
    /// Learns the tables from (form, XPOS, lemma) triples.
    pub fn train<'a>(words: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>) -> Lemmatizer {
        type Counts = HashMap<(String, String), HashMap<Script, u32>>;
        let mut by_word: Counts = HashMap::new();
        let mut by_form: Counts = HashMap::new();
        let mut by_suffix: Counts = HashMap::new();
        for (form, xpos, lemma) in words {
            if lemma == "_" && form != "_" {
                continue;
            }
            let low = form.to_lowercase();
            let scripts = Script::learn(form, lemma);
            let w = by_word.entry((low.clone(), xpos.to_string())).or_default();
            for s in &scripts {
                *w.entry(s.clone()).or_default() += 1;
            }
            let f = by_form
                .entry((form.to_string(), xpos.to_string()))
                .or_default();
            for s in &scripts {
                *f.entry(s.clone()).or_default() += 1;
            }
            let starts: Vec<usize> = low.char_indices().map(|(i, _)| i).collect();
            for k in 0..=MAX_SUFFIX.min(starts.len()) {
                let suffix = &low[starts.get(starts.len() - k).copied().unwrap_or(low.len())..];
                let e = by_suffix
                    .entry((suffix.to_string(), xpos.to_string()))
                    .or_default();
                for s in &scripts {
                    *e.entry(s.clone()).or_default() += 1;
                }
            }
        }
        let mut lines = Vec::new();
        for ((low, xpos), counts) in &by_word {
            if let Some(s) = best(counts, xpos) {
                lines.push(line('W', low, xpos, &s));
            }
        }
        for ((form, xpos), counts) in &by_form {
            let low = form.to_lowercase();
            let own = best(counts, xpos).and_then(|s| s.apply(form, &low).map(|l| (s, l)));
            let by_low = by_word
                .get(&(low.clone(), xpos.clone()))
                .and_then(|c| best(c, xpos))
                .and_then(|s| s.apply(form, &low));
            if let Some((s, l)) = own {
                if by_low.as_ref() != Some(&l) {
                    lines.push(line('E', form, xpos, &s));
                }
            }
        }
        for ((suffix, xpos), counts) in &by_suffix {
            let Some(s) = best(counts, xpos) else {
                continue;
            };
            if let Some((_, first)) = suffix.char_indices().next() {
                let parent = &suffix[first.len_utf8()..];
                let p = by_suffix
                    .get(&(parent.to_string(), xpos.clone()))
                    .and_then(|c| best(c, xpos));
                if p.as_ref() == Some(&s) {
                    continue;
                }
            }
            lines.push(line('S', suffix, xpos, &s));
        }
        lines.sort();
        Lemmatizer::from_lines(lines).expect("tables just written are well-formed")
    }

    /// The lemma of `form` tagged `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        self.lemma_of(form, &form.to_lowercase(), xpos)
    }

    /// [`Lemmatizer::lemma`] when the lowercased form is at hand.
    pub(crate) fn lemma_of(&self, form: &str, low: &str, xpos: &str) -> String {
        if !self.forms.is_empty() {
            if let Some(l) = self
                .forms
                .get(&form_key(form, xpos))
                .and_then(|s| s.apply(form, low))
            {
                return l;
            }
        }
        if let Some(l) = self
            .words
            .get(&word_key(low, xpos))
            .and_then(|s| s.apply(form, low))
        {
            return l;
        }
        let starts: Vec<usize> = low
            .char_indices()
            .map(|(i, _)| i)
            .rev()
            .take(MAX_SUFFIX)
            .collect();
        // Longest suffix first: starts[k-1] begins the suffix of k characters; then the
        // empty suffix (the tag's default).
        let candidates = starts.iter().rev().copied().chain([low.len()]);
        for start in candidates {
            if let Some(l) = self
                .suffixes
                .get(&suffix_key(&low[start..], xpos))
                .and_then(|s| s.apply(form, low))
            {
                return l;
            }
        }
        if lowers(xpos) {
            low.to_string()
        } else {
            form.to_string()
        }
    }

    /// The tables as text (one entry a line, tab-separated, escaped).
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for l in &self.lines {
            s.push_str(l);
            s.push('\n');
        }
        s
    }

    /// Reads tables written by [`Lemmatizer::to_text`].
    pub fn from_text(text: &str) -> Result<Lemmatizer, LemmaError> {
        Lemmatizer::from_lines(text.lines().map(str::to_string).collect())
    }

    fn from_lines(lines: Vec<String>) -> Result<Lemmatizer, LemmaError> {
        let mut m = Lemmatizer::default();
        for (i, l) in lines.iter().enumerate() {
            let bad = |problem| LemmaError {
                line: i + 1,
                problem,
            };
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() != 6 {
                return Err(bad("expected 6 fields"));
            }
            let script = Script {
                lower: match f[3] {
                    "L" => true,
                    "K" => false,
                    _ => return Err(bad("case is L or K")),
                },
                cut: f[4].parse().map_err(|_| bad("bad cut"))?,
                add: unescape(f[5]),
            };
            let (word, xpos) = (unescape(f[1]), unescape(f[2]));
            match f[0] {
                "W" => m.words.insert(word_key(&word, &xpos), script),
                "S" => m.suffixes.insert(suffix_key(&word, &xpos), script),
                "E" => m.forms.insert(form_key(&word, &xpos), script),
                _ => return Err(bad("kind is E, W or S")),
            };
        }
        m.lines = lines;
        Ok(m)
    }
}

fn line(kind: char, word: &str, xpos: &str, s: &Script) -> String {
    format!(
        "{kind}\t{}\t{}\t{}\t{}\t{}",
        escape(word),
        escape(xpos),
        if s.lower { 'L' } else { 'K' },
        s.cut,
        escape(&s.add)
    )
}

/// Escapes a field for a tab-separated line (backslash, tab, newline, carriage return).
pub(crate) fn escape(s: &str) -> String {
    if !s.contains(['\\', '\t', '\n', '\r']) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// Undoes [`escape`].
pub(crate) fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(c) => out.push(c),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Lemmatizer {
        Lemmatizer::train([
            ("studied", "VBD", "study"),
            ("carried", "VBD", "carry"),
            ("killed", "VBD", "kill"),
            ("walked", "VBD", "walk"),
            ("went", "VBD", "go"),
            ("The", "DT", "the"),
            ("forces", "NNS", "force"),
            ("boxes", "NNS", "box"),
            ("Qaim", "NNP", "Qaim"),
            ("I", "PRP", "I"),
            ("I", "PRP", "I"),
            ("i", "PRP", "I"),
        ])
    }

    #[test]
    fn words_suffixes_and_case() {
        let l = small();
        assert_eq!(l.lemma("went", "VBD"), "go");
        assert_eq!(l.lemma("Went", "VBD"), "go");
        assert_eq!(l.lemma("Killed", "VBD"), "kill");
        assert_eq!(l.lemma("the", "DT"), "the");
        assert_eq!(l.lemma("THE", "DT"), "the");
        assert_eq!(l.lemma("I", "PRP"), "I");
        assert_eq!(l.lemma("i", "PRP"), "I");
        // Unknown words: suffix rules.
        assert_eq!(l.lemma("buried", "VBD"), "bury");
        assert_eq!(l.lemma("jumped", "VBD"), "jump");
        assert_eq!(l.lemma("Zaman", "NNP"), "Zaman");
        assert_eq!(l.lemma("Unknown", "XX"), "unknown");
    }

    #[test]
    fn survives_text_round_trip_and_odd_strings() {
        let l = small();
        let back = Lemmatizer::from_text(&l.to_text()).unwrap();
        for w in [
            "went",
            "buried",
            "boxes",
            "Qaim",
            "",
            "é",
            "😀😀",
            "\t\n",
            "İstanbul",
        ] {
            for t in ["VBD", "NNS", "NNP", "??"] {
                assert_eq!(l.lemma(w, t), back.lemma(w, t));
            }
        }
        assert!(Lemmatizer::from_text("W\tx").is_err());
        assert_eq!(unescape(&escape("a\\b\tc\nd")), "a\\b\tc\nd");
    }
}
