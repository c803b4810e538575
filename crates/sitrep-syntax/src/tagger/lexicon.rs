//! What the tagger knows about single words from the training data, before any context.
//!
//! - **Labels**: the tagger predicts one joint label per word, "UPOS XPOS" (102 of them in EWT;
//!   "ADJ NNP" for "American" is a different label from "PROPN NNP").
//! - **Ambiguity classes**: the set of labels a word was seen with (those with at least
//!   [`LexOptions::amb_min_share`] of its occurrences), for words seen at least
//!   [`LexOptions::amb_min_count`] times; words seen less, or never, are "rare". The
//!   class of the word and of its right neighbours is the tagger's best single feature: it
//!   says "this is one of VB/VBP/NN" without the model having to learn it word by word.
//! - **Fixed words**: frequent words that practically always carry one label ("the", ",",
//!   "of") are tagged from the table without scoring; about half the running words are
//!   such, which halves tagging time at no measurable cost in accuracy.
//! - **Dictionary casing**: for words of a plain English word list (the system's
//!   `/usr/share/dict/words` at training time, SCOWL-derived, when there is one), whether
//!   the list has them in lowercase, capitalised, or both: "lisa" and "Kristen" are names,
//!   "scholars" is not. Only the classes are kept in the model, so tagging needs no file.
//! - **Feature sets**: the FEATS values seen with each label, and with each (word, label)
//!   for frequent words: the candidates the FEATS classifier chooses among.

use crate::lemma::{escape, unescape, IdMap};
use sitrep_learn::{fx, str_id};
use std::collections::HashMap;

/// No label / not applicable.
pub(crate) const NONE: u16 = u16::MAX;
/// Ambiguity class of a word seen too rarely to trust its tags, or never.
pub(crate) const AMB_RARE: u64 = 1;

/// Settings for building a [`Lexicon`].
#[derive(Debug, Clone, Copy)]
pub struct LexOptions {
    pub amb_min_count: u32,
    pub amb_min_share: f64,
    pub fixed_min_count: u32,
    pub fixed_min_share: f64,
    /// (word, label) pairs seen at least this often get their own FEATS candidates.
    pub feats_word_min: u32,
    /// Tag dictionary: forms seen at least this often (0: none) may only get the labels
    /// seen with them in training...
    pub tagdict_min_count: u32,
    /// ... that have at least this share of their occurrences.
    pub tagdict_min_share: f64,
}

impl Default for LexOptions {
    fn default() -> Self {
        LexOptions {
            amb_min_count: 3,
            amb_min_share: 0.01,
            fixed_min_count: 10,
            fixed_min_share: 0.995,
            feats_word_min: 3,
            tagdict_min_count: 0,
            tagdict_min_share: 0.0,
        }
    }
}

/// Parse errors (reported as corrupt model sections).
#[derive(Debug, thiserror::Error)]
#[error("tagger lexicon line {line}: {problem}")]
pub struct LexError {
    pub line: usize,
    pub problem: &'static str,
}

/// The joint label of a word.
pub(crate) fn label_of(upos: &str, xpos: &str) -> String {
    format!("{upos} {xpos}")
}

/// Per-word tables of the tagger (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    pub labels: Vec<String>,
    pub upos: Vec<String>,
    pub xpos: Vec<String>,
    /// (word, lowercased?, labels); empty labels: a rare word.
    amb_entries: Vec<(String, bool, Vec<u16>)>,
    fixed_entries: Vec<(String, u16)>,
    amb: IdMap<u64>,
    fixed: IdMap<u16>,
    pub feats: Vec<String>,
    feats_word_entries: Vec<(String, u16, Vec<u16>)>,
    pub feats_by_label: Vec<Vec<u16>>,
    feats_by_word: IdMap<Vec<u16>>,
    /// (lowercased word, casing class: 1 lowercase, 2 capitalised, 3 both).
    dict_entries: Vec<(String, u8)>,
    dict: IdMap<u8>,
    /// Tag dictionary: (form, the only labels it may get).
    tagdict_entries: Vec<(String, Vec<u16>)>,
    /// The distinct label sets of the tag dictionary; a form's entry is an index in it.
    pub tag_sets: Vec<Vec<u16>>,
    tagdict: IdMap<u32>,
}

fn amb_key(word: &str, lower: bool) -> u64 {
    fx(if lower { 11 } else { 10 }, str_id(word))
}

fn feats_key(lower: &str, label: u16) -> u64 {
    fx(fx(12, str_id(lower)), label as u64)
}

/// Counts of u16 values, sorted by count (descending), then value.
fn ranked(c: &HashMap<u16, u32>) -> Vec<(u16, u32)> {
    let mut v: Vec<(u16, u32)> = c.iter().map(|(&k, &n)| (k, n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

impl Lexicon {
    /// The label set of a training set, in a fixed order (by frequency, then name).
    pub fn labels_of<'a>(words: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<String> {
        let mut c: HashMap<String, u32> = HashMap::new();
        for (u, x) in words {
            *c.entry(label_of(u, x)).or_default() += 1;
        }
        let mut v: Vec<(String, u32)> = c.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().map(|(l, _)| l).collect()
    }

    /// Builds the tables from (form, upos, xpos, feats) words, with a given label set
    /// (words whose label is not in it are skipped).
    pub fn build<'a>(
        words: impl Iterator<Item = (&'a str, &'a str, &'a str, &'a str)>,
        labels: Vec<String>,
        wordlist: &[(String, u8)],
        o: &LexOptions,
    ) -> Lexicon {
        let index: HashMap<&str, u16> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i as u16))
            .collect();
        let mut by_form: HashMap<String, HashMap<u16, u32>> = HashMap::new();
        let mut by_lower: HashMap<String, HashMap<u16, u32>> = HashMap::new();
        let mut feats_names: HashMap<String, u32> = HashMap::new();
        let mut raw_feats: Vec<(String, u16, String)> = Vec::new();
        for (form, upos, xpos, feats) in words {
            let Some(&l) = index.get(label_of(upos, xpos).as_str()) else {
                continue;
            };
            let lower = form.to_lowercase();
            *by_form
                .entry(form.to_string())
                .or_default()
                .entry(l)
                .or_default() += 1;
            *by_lower
                .entry(lower.clone())
                .or_default()
                .entry(l)
                .or_default() += 1;
            *feats_names.entry(feats.to_string()).or_default() += 1;
            raw_feats.push((lower, l, feats.to_string()));
        }
        let mut lex = Lexicon::default();
        lex.set_tag_dict(&by_form, o);
        for (map, lower) in [(&by_form, false), (&by_lower, true)] {
            for (w, c) in map {
                let r = ranked(c);
                let total: u32 = r.iter().map(|x| x.1).sum();
                if !lower
                    && total >= o.fixed_min_count
                    && r[0].1 as f64 >= o.fixed_min_share * total as f64
                {
                    lex.fixed_entries.push((w.clone(), r[0].0));
                }
                let mut class: Vec<u16> = Vec::new();
                if total >= o.amb_min_count {
                    class = r
                        .iter()
                        .filter(|x| x.1 as f64 >= o.amb_min_share * total as f64)
                        .map(|x| x.0)
                        .collect();
                    class.sort_unstable();
                }
                lex.amb_entries.push((w.clone(), lower, class));
            }
        }
        // FEATS names by frequency; candidates per label and per frequent (word, label).
        let mut names: Vec<(String, u32)> = feats_names.into_iter().collect();
        names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        lex.feats = names.into_iter().map(|(n, _)| n).collect();
        if lex.feats.is_empty() {
            lex.feats.push("_".to_string());
        }
        let fidx: HashMap<&str, u16> = lex
            .feats
            .iter()
            .enumerate()
            .map(|(i, f)| (f.as_str(), i as u16))
            .collect();
        let mut per_label: Vec<HashMap<u16, u32>> = vec![HashMap::new(); labels.len()];
        let mut per_word: HashMap<(String, u16), HashMap<u16, u32>> = HashMap::new();
        for (lower, l, feats) in &raw_feats {
            let f = fidx[feats.as_str()];
            *per_label[*l as usize].entry(f).or_default() += 1;
            *per_word
                .entry((lower.clone(), *l))
                .or_default()
                .entry(f)
                .or_default() += 1;
        }
        lex.feats_by_label = per_label
            .iter()
            .map(|c| ranked(c).into_iter().map(|x| x.0).collect())
            .collect();
        for ((w, l), c) in per_word {
            let r = ranked(&c);
            if r.iter().map(|x| x.1).sum::<u32>() >= o.feats_word_min {
                lex.feats_word_entries
                    .push((w, l, r.into_iter().map(|x| x.0).collect()));
            }
        }
        lex.labels = labels;
        lex.dict_entries = wordlist.to_vec();
        lex.sort_entries();
        lex.index();
        lex
    }

    /// Fills the tag dictionary from label counts by form (see [`LexOptions`]).
    fn set_tag_dict(&mut self, by_form: &HashMap<String, HashMap<u16, u32>>, o: &LexOptions) {
        self.tagdict_entries.clear();
        if o.tagdict_min_count == 0 {
            return;
        }
        for (w, c) in by_form {
            let total: u32 = c.values().sum();
            if total < o.tagdict_min_count {
                continue;
            }
            let mut set: Vec<u16> = c
                .iter()
                .filter(|x| *x.1 as f64 >= o.tagdict_min_share * total as f64)
                .map(|x| *x.0)
                .collect();
            set.sort_unstable();
            self.tagdict_entries.push((w.clone(), set));
        }
    }

    /// Rebuilds the tag dictionary alone from (form, upos, xpos) words.
    pub fn rebuild_tag_dict<'a>(
        &mut self,
        words: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
        o: &LexOptions,
    ) {
        let index: HashMap<&str, u16> = self
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i as u16))
            .collect();
        let mut by_form: HashMap<String, HashMap<u16, u32>> = HashMap::new();
        for (form, upos, xpos) in words {
            if let Some(&l) = index.get(label_of(upos, xpos).as_str()) {
                *by_form
                    .entry(form.to_string())
                    .or_default()
                    .entry(l)
                    .or_default() += 1;
            }
        }
        self.set_tag_dict(&by_form, o);
        self.sort_entries();
        self.index();
    }

    /// The labels a form may get (index in [`Lexicon::tag_sets`] plus one; 0: any).
    pub fn tag_set(&self, form_id: u64) -> u32 {
        self.tagdict.get(&form_id).map_or(0, |&k| k + 1)
    }

    fn sort_entries(&mut self) {
        self.tagdict_entries.sort();
        self.amb_entries.sort();
        self.fixed_entries.sort();
        self.feats_word_entries.sort();
        self.dict_entries.sort();
    }

    /// Fills the lookup maps and per-label names from the entries.
    fn index(&mut self) {
        self.upos.clear();
        self.xpos.clear();
        for l in &self.labels {
            let (u, x) = l.split_once(' ').unwrap_or((l.as_str(), l.as_str()));
            self.upos.push(u.to_string());
            self.xpos.push(x.to_string());
        }
        self.amb = self
            .amb_entries
            .iter()
            .map(|(w, lower, class)| {
                let id = if class.is_empty() {
                    AMB_RARE
                } else {
                    class.iter().fold(13, |h, &l| fx(h, l as u64)) | 2
                };
                (amb_key(w, *lower), id)
            })
            .collect();
        self.fixed = self
            .fixed_entries
            .iter()
            .map(|(w, l)| (str_id(w), *l))
            .collect();
        self.dict = self
            .dict_entries
            .iter()
            .map(|(w, c)| (str_id(w), *c))
            .collect();
        let mut sets: HashMap<&[u16], u32> = HashMap::new();
        self.tag_sets.clear();
        self.tagdict = IdMap::default();
        for (w, set) in &self.tagdict_entries {
            let n = sets.len() as u32;
            let k = *sets.entry(set.as_slice()).or_insert(n);
            if k == n {
                self.tag_sets.push(set.clone());
            }
            self.tagdict.insert(str_id(w), k);
        }
        self.feats_by_word = self
            .feats_word_entries
            .iter()
            .map(|(w, l, c)| (feats_key(w, *l), c.clone()))
            .collect();
    }

    /// The ambiguity classes of a word's form and of its lowercased form; `None` for a word
    /// never seen in any casing.
    pub fn amb(&self, form_id: u64, lower: &str) -> Option<(u64, u64)> {
        let f = self.amb.get(&fx(10, form_id)).copied();
        let l = self.amb.get(&amb_key(lower, true)).copied();
        match (f, l) {
            (None, None) => None,
            // A form seen in another casing only gets that casing's class.
            (f, l) => Some((f.or(l).unwrap_or(AMB_RARE), l.unwrap_or(AMB_RARE))),
        }
    }

    /// Whether this exact form was seen in training.
    pub fn seen_form(&self, form: &str) -> bool {
        self.amb.contains_key(&fx(10, str_id(form)))
    }

    /// The word list's casing class of a lowercased word (0: not in the list).
    pub fn dict(&self, lower_id: u64) -> u8 {
        self.dict.get(&lower_id).copied().unwrap_or(0)
    }

    /// Casing classes of a word list, one word a line (see the module docs).
    pub fn read_wordlist(text: &str) -> Vec<(String, u8)> {
        let mut m: HashMap<String, u8> = HashMap::new();
        for w in text.lines().map(str::trim).filter(|w| !w.is_empty()) {
            let l = w.to_lowercase();
            let class = if l == w { 1 } else { 2 };
            *m.entry(l).or_default() |= class;
        }
        let mut v: Vec<(String, u8)> = m.into_iter().collect();
        v.sort();
        v
    }

    /// The label of a fixed word.
    pub fn fixed(&self, form_id: u64) -> Option<u16> {
        self.fixed.get(&form_id).copied()
    }

    /// FEATS candidates for a word with a label, most frequent first.
    pub fn feats_candidates(&self, lower: &str, label: u16) -> &[u16] {
        if let Some(c) = self.feats_by_word.get(&feats_key(lower, label)) {
            return c;
        }
        self.feats_by_label
            .get(label as usize)
            .map_or(&[][..], |c| c.as_slice())
    }

    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let list = |v: &[u16]| {
            v.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        for l in &self.labels {
            s += &format!("L\t{}\n", escape(l));
        }
        for f in &self.feats {
            s += &format!("F\t{}\n", escape(f));
        }
        for (w, lower, class) in &self.amb_entries {
            s += &format!("A\t{}\t{}\t{}\n", escape(w), u8::from(*lower), list(class));
        }
        for (w, l) in &self.fixed_entries {
            s += &format!("X\t{}\t{l}\n", escape(w));
        }
        for (i, c) in self.feats_by_label.iter().enumerate() {
            s += &format!("T\t{i}\t{}\n", list(c));
        }
        for (w, l, c) in &self.feats_word_entries {
            s += &format!("W\t{}\t{l}\t{}\n", escape(w), list(c));
        }
        for (w, c) in &self.dict_entries {
            s += &format!("D\t{}\t{c}\n", escape(w));
        }
        for (w, c) in &self.tagdict_entries {
            s += &format!("C\t{}\t{}\n", escape(w), list(c));
        }
        s
    }

    pub fn from_text(text: &str) -> Result<Lexicon, LexError> {
        let mut lex = Lexicon::default();
        let mut by_label: Vec<(usize, Vec<u16>)> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let bad = |problem| LexError {
                line: i + 1,
                problem,
            };
            let f: Vec<&str> = line.split('\t').collect();
            let list = |s: &str| -> Result<Vec<u16>, LexError> {
                if s.is_empty() {
                    return Ok(Vec::new());
                }
                s.split(',')
                    .map(|x| x.parse::<u16>().map_err(|_| bad("bad number")))
                    .collect()
            };
            let num = |s: &str| s.parse::<u16>().map_err(|_| bad("bad number"));
            match (f[0], f.len()) {
                ("L", 2) => lex.labels.push(unescape(f[1])),
                ("F", 2) => lex.feats.push(unescape(f[1])),
                ("A", 4) => lex
                    .amb_entries
                    .push((unescape(f[1]), f[2] == "1", list(f[3])?)),
                ("X", 3) => lex.fixed_entries.push((unescape(f[1]), num(f[2])?)),
                ("D", 3) => lex
                    .dict_entries
                    .push((unescape(f[1]), num(f[2])?.min(3) as u8)),
                ("C", 3) => lex.tagdict_entries.push((unescape(f[1]), list(f[2])?)),
                ("T", 3) => by_label.push((num(f[1])? as usize, list(f[2])?)),
                ("W", 4) => lex
                    .feats_word_entries
                    .push((unescape(f[1]), num(f[2])?, list(f[3])?)),
                _ => return Err(bad("unknown line")),
            }
        }
        let (nl, nf) = (lex.labels.len(), lex.feats.len());
        if nl == 0 || nf == 0 || nl >= NONE as usize || nf >= NONE as usize {
            return Err(LexError {
                line: 0,
                problem: "no labels or too many",
            });
        }
        lex.feats_by_label = vec![Vec::new(); nl];
        for (l, c) in by_label {
            *lex.feats_by_label.get_mut(l).ok_or(LexError {
                line: 0,
                problem: "label number",
            })? = c;
        }
        let labels_ok = lex.fixed_entries.iter().all(|e| (e.1 as usize) < nl)
            && lex
                .amb_entries
                .iter()
                .all(|e| e.2.iter().all(|&l| (l as usize) < nl))
            && lex.feats_word_entries.iter().all(|e| (e.1 as usize) < nl)
            && lex
                .tagdict_entries
                .iter()
                .all(|e| !e.1.is_empty() && e.1.iter().all(|&l| (l as usize) < nl));
        let feats_ok = lex
            .feats_by_label
            .iter()
            .flatten()
            .all(|&f| (f as usize) < nf)
            && lex
                .feats_word_entries
                .iter()
                .all(|e| e.2.iter().all(|&f| (f as usize) < nf));
        if !labels_ok || !feats_ok {
            return Err(LexError {
                line: 0,
                problem: "label or FEATS number out of range",
            });
        }
        lex.index();
        Ok(lex)
    }
}
