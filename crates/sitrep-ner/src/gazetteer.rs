//! Gazetteers: name lists matched against token sequences, as features and for typing.
//!
//! Two sources feed them, both fixed at training time and saved in the model bundle (so a
//! model sees at run time exactly the lists it was trained with, whatever the KB says later):
//!
//! - the knowledge base (`crates/sitrep-extract/kb/*.tsv`): countries, their capitals and
//!   demonyms, people, organisations, media, places, weapons, and title words;
//! - the training data: every entity string under its type, and the first and last words of
//!   multi-word person names. During training these lists are built without the fold a
//!   sentence comes from (jackknifing), so the model learns how far to trust a list match on
//!   names it has not seen, not on names the list was made from.
//!
//! Matching is case-insensitive over whole tokens; an entry marked exact-case (the KB's `=`
//! aliases, acronyms, demonyms) reports whether the case matched too, and the model weighs
//! the two kinds of match separately.

use sitrep_learn::{fx, str_id};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The list names. Index = list id.
pub const LISTS: &[&str] = &[
    "country",
    "capital",
    "demonym",
    "kb:PERSON",
    "kb:ORG",
    "kb:GPE",
    "kb:LOC",
    "kb:FACILITY",
    "kb:WEAPON",
    "kb:NORP",
    "kb:EVENT_NAME",
    "title",
    "train:PER",
    "train:ORG",
    "train:LOC",
    "train:MISC",
    "train:first",
    "train:last",
    "geo:1M",
    "geo:100k",
    "geo:small",
    "geo:alias",
    "phx:person",
    "phx:org",
    "phx:country",
    "phx:country-alias",
];

/// The id of a list name.
pub fn list_id(name: &str) -> Option<u8> {
    LISTS.iter().position(|l| *l == name).map(|i| i as u8)
}

const SEED: u64 = 0x6a09_e667_f3bc_c908;
const MAX_LEN: usize = 10;

/// A phrase match: tokens `[start, end)` are in list `list`; `case_ok` is false when the entry
/// is exact-case and the text's case differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub list: u8,
    pub case_ok: bool,
}

/// One list entry: its tokens as written and whether case must match.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Entry {
    pub list: u8,
    pub exact: bool,
    pub tokens: Vec<String>,
}

/// The token hashes the matcher works on: one for the lower-cased token, one as written.
#[inline]
pub fn token_ids(word: &str, lower: &str) -> (u64, u64) {
    (str_id(lower), str_id(word))
}

/// A set of lists, indexed for matching (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    index: HashMap<u64, Vec<(u8, Option<u64>)>>,
    prefixes: HashSet<u64>,
}

impl Gazetteer {
    /// A gazetteer of these entries (duplicates dropped).
    pub fn new(mut entries: Vec<Entry>) -> Gazetteer {
        entries.retain(|e| !e.tokens.is_empty() && e.tokens.len() <= MAX_LEN);
        entries.sort();
        entries.dedup();
        let mut g = Gazetteer {
            entries: Vec::new(),
            index: HashMap::with_capacity(entries.len()),
            prefixes: HashSet::with_capacity(entries.len() * 2),
        };
        for e in &entries {
            let (mut h, mut hc) = (SEED, SEED);
            for t in &e.tokens {
                let (l, r) = token_ids(t, &t.to_lowercase());
                h = fx(h, l);
                hc = fx(hc, r);
                g.prefixes.insert(h);
            }
            let v = g.index.entry(h).or_default();
            let case = e.exact.then_some(hc);
            if !v.contains(&(e.list, case)) {
                v.push((e.list, case));
            }
        }
        g.entries = entries;
        g
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// All matches in a sentence, given its token ids (see [`token_ids`]).
    pub fn find(&self, lower: &[u64], raw: &[u64], out: &mut Vec<Match>) {
        out.clear();
        let n = lower.len().min(raw.len());
        for i in 0..n {
            let (mut h, mut hc) = (SEED, SEED);
            for j in i..n.min(i + MAX_LEN) {
                h = fx(h, lower[j]);
                hc = fx(hc, raw[j]);
                if !self.prefixes.contains(&h) {
                    break;
                }
                if let Some(v) = self.index.get(&h) {
                    for &(list, case) in v {
                        out.push(Match {
                            start: i,
                            end: j + 1,
                            list,
                            case_ok: case.is_none_or(|c| c == hc),
                        });
                    }
                }
            }
        }
    }

    /// The lists that hold exactly this phrase with matching case (a bit per list id).
    pub fn lists_of(&self, lower: &[u64], raw: &[u64]) -> u64 {
        if lower.is_empty() || lower.len() > MAX_LEN {
            return 0;
        }
        let (mut h, mut hc) = (SEED, SEED);
        for (l, r) in lower.iter().zip(raw) {
            h = fx(h, *l);
            hc = fx(hc, *r);
        }
        let mut bits = 0;
        if let Some(v) = self.index.get(&h) {
            for &(list, case) in v {
                if case.is_none_or(|c| c == hc) {
                    bits |= 1 << list;
                }
            }
        }
        bits
    }

    /// Text lines `list TAB exact(0/1) TAB space-separated tokens`.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for e in &self.entries {
            out.push_str(LISTS[e.list as usize]);
            out.push('\t');
            out.push(if e.exact { '1' } else { '0' });
            out.push('\t');
            out.push_str(&e.tokens.join(" "));
            out.push('\n');
        }
        out
    }

    /// Reads [`Gazetteer::to_text`]'s format; lines naming unknown lists are skipped.
    pub fn from_text(text: &str) -> Gazetteer {
        let mut entries = Vec::new();
        for line in text.lines() {
            let mut c = line.splitn(3, '\t');
            let (Some(l), Some(x), Some(toks)) = (c.next(), c.next(), c.next()) else {
                continue;
            };
            let Some(list) = list_id(l) else { continue };
            entries.push(Entry {
                list,
                exact: x == "1",
                tokens: toks.split(' ').map(str::to_string).collect(),
            });
        }
        Gazetteer::new(entries)
    }
}

/// Tokens of a name, cut as the tokenizer cuts running text.
pub fn name_tokens(name: &str) -> Vec<String> {
    sitrep_nlp::tokenize(name, sitrep_core::Span::new(0, name.len()))
        .iter()
        .map(|t| t.span.slice(name).to_string())
        .collect()
}

fn push_name(out: &mut Vec<Entry>, list: &str, raw: &str, force_exact: bool) {
    let raw = raw.trim();
    if raw.is_empty() || raw == "-" {
        return;
    }
    let (name, eq) = match raw.strip_prefix('=') {
        Some(n) => (n, true),
        None => (raw, false),
    };
    let exact = force_exact || eq || !name.chars().any(char::is_lowercase);
    let Some(list) = list_id(list) else { return };
    let tokens = name_tokens(name);
    if tokens.is_empty() {
        return;
    }
    out.push(Entry {
        list,
        exact,
        tokens,
    });
}

/// Entries from the knowledge base folder (every `*.tsv`, formats in `kb/README.md`).
pub fn kb_entries(dir: &Path) -> std::io::Result<Vec<Entry>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f)?;
        kb_text_entries(&text, &mut out);
    }
    Ok(out)
}

/// Entries from one KB file's text.
pub fn kb_text_entries(text: &str, out: &mut Vec<Entry>) {
    let mut header: Option<Vec<&str>> = None;
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let Some(h) = &header else {
            header = Some(cols);
            continue;
        };
        let col = |name: &str| {
            h.iter()
                .position(|c| *c == name)
                .and_then(|i| cols.get(i).copied())
                .unwrap_or("")
        };
        let list = |s: &str| -> Vec<String> {
            s.split('|')
                .map(str::trim)
                .filter(|x| !x.is_empty() && *x != "-")
                .map(str::to_string)
                .collect()
        };
        if h.first() == Some(&"iso3") {
            push_name(out, "country", col("name"), false);
            for a in list(col("aliases")) {
                push_name(out, "country", &a, false);
            }
            for d in list(col("demonyms")) {
                push_name(out, "demonym", &d, true);
            }
            for c in list(col("capital")) {
                push_name(out, "capital", &c, false);
            }
        } else if h.first() == Some(&"word") {
            let role = col("role");
            if role == "title" || role == "both" {
                push_name(out, "title", col("word"), false);
            }
        } else if h.contains(&"population") && h.contains(&"name") {
            // GeoNames places: lists by population (a small town named like a surname is
            // weaker evidence than a capital), aliases (many foreign spellings) apart.
            let pop: Option<u64> = col("population").trim().parse().ok();
            let lname = match pop {
                Some(p) if p < 100_000 => "geo:small",
                Some(p) if p < 1_000_000 => "geo:100k",
                _ => "geo:1M",
            };
            push_name(out, lname, col("name"), false);
            for a in list(col("aliases")) {
                push_name(out, "geo:alias", &a, false);
            }
        } else if h.contains(&"type") && h.contains(&"name") {
            let ty = col("type").trim();
            let lname = format!("kb:{ty}");
            if list_id(&lname).is_none() {
                continue;
            }
            let mut names = vec![col("name").to_string()];
            names.extend(list(col("aliases")));
            for n in names {
                push_name(out, &lname, &n, false);
                if ty == "WEAPON" && !n.trim_start_matches('=').is_empty() {
                    let base = n.trim_start_matches('=');
                    push_name(out, &lname, &format!("{base}s"), false);
                }
            }
        }
    }
}

/// Entries from a TABARI/PETRARCH actor dictionary (`Phoenix.*.actors.txt`): an entry at
/// the start of a line (`HELMUT_KOHL_  # CountryInfo.txt`), its synonyms on `+` lines, its
/// codes in brackets. People are the `CountryInfo` entries and entries whose codes carry a
/// date range (office holders); in the countries file (`countries`), an entry with a
/// three-letter code is a country (its first name to `phx:country`, synonyms, which include
/// old names, cities and demonyms, to `phx:country-alias`); the rest are organisations
/// (IGOs, NGOs, companies, armed groups, government bodies).
pub fn phoenix_entries(text: &str, countries: bool, out: &mut Vec<Entry>) {
    let id = |n: &str| list_id(n).expect("list");
    let (person, org, country, alias) = (
        id("phx:person"),
        id("phx:org"),
        id("phx:country"),
        id("phx:country-alias"),
    );
    let mut names: Vec<String> = Vec::new();
    let mut info = String::new();
    let mut flush = |names: &mut Vec<String>, info: &str| {
        if names.is_empty() {
            return;
        }
        let codes: Vec<&str> = info
            .split('[')
            .skip(1)
            .filter_map(|c| c.split(']').next())
            .collect();
        let dated = codes
            .iter()
            .any(|c| c.chars().any(|ch| ch.is_ascii_digit()));
        let is_country = countries
            && !info.contains("CountryInfo")
            && codes.iter().any(|c| {
                let code = c.split_whitespace().next().unwrap_or("");
                code.len() == 3 && code != "ELI" && code.chars().all(|ch| ch.is_ascii_uppercase())
            });
        for (i, n) in names.iter().enumerate() {
            let list = if is_country {
                if i == 0 {
                    country
                } else {
                    alias
                }
            } else if info.contains("CountryInfo") || dated {
                person
            } else {
                org
            };
            let clean: String = n
                .split('(')
                .next()
                .unwrap_or("")
                .trim_matches('_')
                .replace('_', " ");
            if clean.contains('+') || clean.chars().filter(|c| c.is_alphabetic()).count() < 3 {
                continue;
            }
            let tokens = name_tokens(&clean);
            if tokens.is_empty() {
                continue;
            }
            if tokens.len() > 1 && tokens[0] == "THE" {
                out.push(Entry {
                    list,
                    exact: false,
                    tokens: tokens[1..].to_vec(),
                });
            }
            out.push(Entry {
                list,
                exact: false,
                tokens,
            });
        }
        names.clear();
    };
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(syn) = line.strip_prefix('+') {
            if let Some(n) = syn.split_whitespace().next() {
                names.push(n.to_string());
            }
            info.push_str(line);
        } else if line.starts_with(|c: char| c.is_whitespace()) {
            info.push_str(line);
        } else {
            flush(&mut names, &info);
            info.clear();
            if let Some(n) = line.split_whitespace().next() {
                names.push(n.to_string());
            }
            info.push_str(line);
        }
    }
    flush(&mut names, &info);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(ws: &[&str]) -> (Vec<u64>, Vec<u64>) {
        ws.iter().map(|w| token_ids(w, &w.to_lowercase())).unzip()
    }

    #[test]
    fn matches_phrases_and_reports_case() {
        let mut e = Vec::new();
        kb_text_entries(
            "iso3\tname\taliases\tdemonyms\tcapital\nUSA\tUnited States\tUS|U.S.\tAmerican\tWashington\n",
            &mut e,
        );
        kb_text_entries(
            "id\tname\ttype\tcountry\tsector\taliases\tstands_for\nkb:nato\tNATO\tORG\t-\tIGO\tNorth Atlantic Treaty Organization\t-\n",
            &mut e,
        );
        let g = Gazetteer::from_text(&Gazetteer::new(e).to_text());
        let (l, r) = ids(&["the", "United", "States", "and", "us", "and", "NATO"]);
        let mut m = Vec::new();
        g.find(&l, &r, &mut m);
        let got: Vec<(usize, usize, &str, bool)> = m
            .iter()
            .map(|m| (m.start, m.end, LISTS[m.list as usize], m.case_ok))
            .collect();
        assert_eq!(
            got,
            [
                (1, 3, "country", true),
                (4, 5, "country", false),
                (6, 7, "kb:ORG", true)
            ]
        );
        let (l, r) = ids(&["American"]);
        assert_eq!(g.lists_of(&l, &r), 1 << list_id("demonym").unwrap());
    }

    #[test]
    fn reads_actor_dictionaries() {
        let text = "# comment\nAFGHANISTAN_  [AFG]\n+AFGHAN_\n\nARMENIA_\n+YEREVAN_\n\t[USRARM <900823]\n\t[ARM >911221]\nHELMUT_KOHL_  # CountryInfo.txt\n\t[DEUGOV 821001-981027]\nWORLD_FOOD_PROGRAM_\n+WFP_\n\t[IGOUNOWFP]\nHANS_BLIX_\t[IGOUNOIAE 811201-971130]\n";
        let mut e = Vec::new();
        phoenix_entries(text, true, &mut e);
        let got: Vec<(String, &str)> = e
            .iter()
            .map(|e| (e.tokens.join(" "), LISTS[e.list as usize]))
            .collect();
        for want in [
            ("HELMUT KOHL", "phx:person"),
            ("HANS BLIX", "phx:person"),
            ("WFP", "phx:org"),
            ("AFGHANISTAN", "phx:country"),
            ("AFGHAN", "phx:country-alias"),
            ("ARMENIA", "phx:country"),
            ("YEREVAN", "phx:country-alias"),
        ] {
            assert!(
                got.contains(&(want.0.to_string(), want.1)),
                "{want:?} {got:?}"
            );
        }
        let mut e = Vec::new();
        phoenix_entries(text, false, &mut e);
        assert!(e
            .iter()
            .all(|e| matches!(LISTS[e.list as usize], "phx:person" | "phx:org")));
    }
}
