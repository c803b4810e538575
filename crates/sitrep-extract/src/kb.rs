//! The knowledge base: countries, organisations, media, people, weapons, places and agent words.
//!
//! [`Kb`] holds [`Entity`] entries read from the tab-separated files under `kb/` (compiled in with
//! `include_str!`, parsed once) plus any a user adds with [`Kb::load_dir`]. The file formats are
//! documented in `kb/README.md`. Besides entities, the KB keeps what the linker needs: an alias
//! index (longest alias first, case rules per alias), demonyms, metonymy (`stands_for`: "Kremlin"
//! stands for the Russian government) and the agent/title words ("General" -> MIL).
//!
//! It leaves to others: finding names in text (the `mentions` module), and office-holder histories
//! and GeoNames places (a later KB version).

use crate::words::{words_of_str, Word};
use once_cell::sync::Lazy;
use sitrep_core::{Entity, EntityType, Sector};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A KB file that could not be read or parsed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KbError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    Parse {
        file: String,
        line: usize,
        message: String,
    },
}

/// What an agent or title word gives the person or group it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AgentWord {
    pub sector: Option<Sector>,
    /// Stands before names ("General").
    pub title: bool,
    /// Heads a group ("officials").
    pub agent: bool,
}

/// One KB entry with what the linker needs beyond the [`Entity`].
#[derive(Debug, Clone)]
struct Entry {
    entity: Entity,
    /// ISO3 of the country whose government this name stands for as a subject.
    stands_for: Option<String>,
    /// Aliases that match only with their exact case (the `=` ones, those without lower case).
    exact: Vec<String>,
    demonyms: Vec<String>,
}

/// One alias in the match index.
#[derive(Debug, Clone)]
pub(crate) struct Alias {
    /// Normalised words.
    words: Vec<String>,
    /// The original-case words, when the alias matches only with its exact case.
    exact: Option<Vec<String>>,
    entry: usize,
    /// A demonym: the mention is NORP.
    pub norp: bool,
    /// The last word may carry a plural `s`/`es`.
    plural: bool,
}

/// A KB alias found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KbMatch {
    /// Number of words matched.
    pub len: usize,
    pub entry: usize,
    pub norp: bool,
}

/// The knowledge base (see the module doc).
#[derive(Debug, Clone, Default)]
pub struct Kb {
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    aliases: Vec<Alias>,
    /// First normalised alias word -> aliases, longest first.
    by_first: HashMap<String, Vec<usize>>,
    agents: HashMap<String, AgentWord>,
}

const BUILTIN_FILES: &[(&str, &str)] = &[
    ("countries.tsv", include_str!("../kb/countries.tsv")),
    ("organisations.tsv", include_str!("../kb/organisations.tsv")),
    ("media.tsv", include_str!("../kb/media.tsv")),
    ("people.tsv", include_str!("../kb/people.tsv")),
    ("weapons.tsv", include_str!("../kb/weapons.tsv")),
    ("places.tsv", include_str!("../kb/places.tsv")),
    ("agents.tsv", include_str!("../kb/agents.tsv")),
];

static BUILTIN: Lazy<Kb> = Lazy::new(|| {
    let mut kb = Kb::default();
    for (name, content) in BUILTIN_FILES {
        // The built-in files are tested (`builtin_kb_parses`); a failure here is a build bug.
        kb.parse_file(name, content)
            .expect("built-in KB file parses");
    }
    kb.reindex();
    kb
});

impl Kb {
    /// The knowledge base compiled into the binary.
    pub fn builtin() -> Kb {
        BUILTIN.clone()
    }

    /// Reads every `*.tsv` file of `dir` (in name order) in the formats of `kb/README.md`.
    pub fn load_dir(dir: &Path) -> Result<Kb, KbError> {
        let io = |path: &Path, source| KbError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| io(dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "tsv") && p.is_file())
            .collect();
        files.sort();
        let mut kb = Kb::default();
        for path in files {
            let content = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
            kb.parse_file(&path.display().to_string(), &content)?;
        }
        kb.reindex();
        Ok(kb)
    }

    /// Adds `other`'s entries and agent words; an entry whose id exists already replaces it.
    pub fn merge(&mut self, other: Kb) {
        for e in other.entries {
            self.insert(e);
        }
        self.agents.extend(other.agents);
        self.reindex();
    }

    /// Every entity, in file order.
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.entries.iter().map(|e| &e.entity)
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entries[i].entity)
    }

    /// The number of entities.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub(crate) fn entity_at(&self, entry: usize) -> &Entity {
        &self.entries[entry].entity
    }

    /// The country entity for an ISO3 code.
    pub(crate) fn country(&self, iso3: &str) -> Option<&Entity> {
        self.get(&format!("kb:{}", iso3.to_ascii_lowercase()))
            .filter(|e| e.kind == EntityType::Gpe)
    }

    /// The ISO3 code this entity stands for as a subject (Kremlin -> RUS), if any.
    pub(crate) fn stands_for(&self, id: &str) -> Option<&str> {
        self.by_id
            .get(id)
            .and_then(|&i| self.entries[i].stands_for.as_deref())
    }

    pub(crate) fn agent(&self, word: &str) -> Option<AgentWord> {
        self.agents.get(word).copied()
    }

    /// The longest alias that matches `words[i..]` (`text` is what the words' spans index).
    pub(crate) fn match_at(&self, text: &str, words: &[Word], i: usize) -> Option<KbMatch> {
        let first = words.get(i)?;
        if first.norm.trim().is_empty() {
            return None;
        }
        let mut keys = vec![first.norm.as_str()];
        if let Some(s) = first.norm.strip_suffix('s') {
            keys.push(s);
        }
        if let Some(s) = first.norm.strip_suffix("es") {
            keys.push(s);
        }
        let mut best: Option<KbMatch> = None;
        for key in keys {
            let Some(list) = self.by_first.get(key) else {
                continue;
            };
            for &a in list {
                let alias = &self.aliases[a];
                let n = alias.words.len();
                if best.is_some_and(|b| b.len >= n) || i + n > words.len() {
                    continue;
                }
                if self.alias_matches(alias, text, &words[i..i + n]) {
                    best = Some(KbMatch {
                        len: n,
                        entry: alias.entry,
                        norp: alias.norp,
                    });
                    break;
                }
            }
        }
        best
    }

    fn alias_matches(&self, alias: &Alias, text: &str, ws: &[Word]) -> bool {
        let n = ws.len();
        for (k, w) in ws.iter().enumerate() {
            let last = k + 1 == n;
            if !last && w.poss {
                return false;
            }
            if k > 0 && w.span.start < ws[k - 1].span.end {
                return false;
            }
            let (got, want) = match &alias.exact {
                Some(forms) => (w.span.slice(text).to_string(), forms[k].as_str()),
                None => (w.norm.clone(), alias.words[k].as_str()),
            };
            let ok = got == want
                || (last
                    && alias.plural
                    && (got.strip_suffix('s') == Some(want)
                        || got.strip_suffix("es") == Some(want)));
            if !ok {
                return false;
            }
        }
        true
    }

    fn insert(&mut self, e: Entry) {
        match self.by_id.get(&e.entity.id) {
            Some(&i) => self.entries[i] = e,
            None => {
                self.by_id.insert(e.entity.id.clone(), self.entries.len());
                self.entries.push(e);
            }
        }
    }

    /// Rebuilds the alias index after entries changed.
    fn reindex(&mut self) {
        self.by_id = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.entity.id.clone(), i))
            .collect();
        self.aliases.clear();
        self.by_first.clear();
        for (i, e) in self.entries.iter().enumerate() {
            let plural = e.entity.kind == EntityType::Weapon;
            let exact_name = e
                .exact
                .iter()
                .any(|x| x.eq_ignore_ascii_case(&e.entity.name));
            let mut names: Vec<(&str, bool, bool)> = Vec::new();
            if !exact_name {
                names.push((&e.entity.name, is_exact_by_case(&e.entity.name), false));
            }
            for a in &e.entity.aliases {
                names.push((a, is_exact_by_case(a), false));
            }
            for a in &e.exact {
                names.push((a, true, false));
            }
            for d in &e.demonyms {
                names.push((d, true, true));
            }
            for (name, exact, norp) in names {
                let ws = words_of_str(name);
                if ws.is_empty() {
                    continue;
                }
                let alias = Alias {
                    words: ws.iter().map(|w| w.norm.clone()).collect(),
                    exact: exact
                        .then(|| ws.iter().map(|w| w.span.slice(name).to_string()).collect()),
                    entry: i,
                    norp,
                    plural,
                };
                self.aliases.push(alias);
            }
        }
        for (a, alias) in self.aliases.iter().enumerate() {
            self.by_first
                .entry(alias.words[0].clone())
                .or_default()
                .push(a);
        }
        let aliases = &self.aliases;
        for list in self.by_first.values_mut() {
            list.sort_by_key(|&a| std::cmp::Reverse(aliases[a].words.len()));
        }
    }

    fn parse_file(&mut self, file: &str, content: &str) -> Result<(), KbError> {
        let mut header: Option<Vec<String>> = None;
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (n, raw) in content.lines().enumerate() {
            let line_no = n + 1;
            let err = |message: String| KbError::Parse {
                file: file.to_string(),
                line: line_no,
                message,
            };
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let Some(h) = &header else {
                let h: Vec<String> = cols.iter().map(|c| c.to_ascii_lowercase()).collect();
                if !matches!(h.first().map(String::as_str), Some("iso3" | "id" | "word")) {
                    return Err(err(format!(
                        "unknown header {line:?}: expected one starting with iso3, id or word"
                    )));
                }
                header = Some(h);
                continue;
            };
            let get = |name: &str| -> Option<&str> {
                h.iter()
                    .position(|c| c == name)
                    .and_then(|p| cols.get(p).copied())
                    .filter(|v| !v.is_empty() && *v != "-")
            };
            let required = |name: &str| get(name).ok_or_else(|| err(format!("missing {name}")));
            match h[0].as_str() {
                "word" => {
                    let word = required("word")?.to_lowercase();
                    let sector = parse_sector(get("sector")).map_err(err)?;
                    let (title, agent) = match get("role").unwrap_or("both") {
                        "title" => (true, false),
                        "agent" => (false, true),
                        "both" => (true, true),
                        r => return Err(err(format!("unknown role {r:?}: title, agent or both"))),
                    };
                    let entry = self.agents.entry(word).or_insert(AgentWord {
                        sector,
                        title,
                        agent,
                    });
                    entry.title |= title;
                    entry.agent |= agent;
                    if entry.sector.is_none() {
                        entry.sector = sector;
                    }
                }
                "iso3" => {
                    let iso3 = parse_iso3(required("iso3")?).map_err(err)?;
                    let name = required("name")?;
                    let (aliases, exact) = split_aliases(get("aliases"));
                    let id = format!("kb:{}", iso3.to_ascii_lowercase());
                    if let Some(prev) = seen.insert(id.clone(), line_no) {
                        return Err(err(format!("duplicate id {id} (first on line {prev})")));
                    }
                    self.insert(Entry {
                        entity: Entity {
                            id,
                            name: name.to_string(),
                            kind: EntityType::Gpe,
                            aliases,
                            country: Some(iso3.clone()),
                            sector: None,
                        },
                        stands_for: None,
                        exact,
                        demonyms: list(get("demonyms")),
                    });
                    let capital = list(get("capital"));
                    if let Some((cap, rest)) = capital.split_first() {
                        let id = format!("kb:{}", slug(cap));
                        if let Some(prev) = seen.insert(id.clone(), line_no) {
                            return Err(err(format!("duplicate id {id} (first on line {prev})")));
                        }
                        self.insert(Entry {
                            entity: Entity {
                                id,
                                name: cap.clone(),
                                kind: EntityType::Gpe,
                                aliases: rest.to_vec(),
                                country: Some(iso3.clone()),
                                sector: None,
                            },
                            stands_for: Some(iso3),
                            exact: Vec::new(),
                            demonyms: Vec::new(),
                        });
                    }
                }
                _ => {
                    let id = required("id")?;
                    if id.chars().any(char::is_whitespace) {
                        return Err(err(format!("id {id:?} has white space")));
                    }
                    if let Some(prev) = seen.insert(id.to_string(), line_no) {
                        return Err(err(format!("duplicate id {id} (first on line {prev})")));
                    }
                    let kind: EntityType = required("type")?
                        .parse()
                        .map_err(|e: sitrep_core::LabelError| err(e.to_string()))?;
                    let country = get("country").map(parse_iso3).transpose().map_err(err)?;
                    let stands_for = get("stands_for").map(parse_iso3).transpose().map_err(err)?;
                    let sector = parse_sector(get("sector")).map_err(err)?;
                    let (aliases, exact) = split_aliases(get("aliases"));
                    self.insert(Entry {
                        entity: Entity {
                            id: id.to_string(),
                            name: required("name")?.to_string(),
                            kind,
                            aliases,
                            country,
                            sector,
                        },
                        stands_for,
                        exact,
                        demonyms: Vec::new(),
                    });
                }
            }
        }
        Ok(())
    }
}

/// An alias with no lower-case letter ("US", "WSJ") matches only with its exact case.
fn is_exact_by_case(s: &str) -> bool {
    !s.chars().any(char::is_lowercase)
}

fn list(cell: Option<&str>) -> Vec<String> {
    cell.map(|c| {
        c.split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty() && *s != "-")
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}

/// Plain aliases and exact-case ones (`=Patriot`).
fn split_aliases(cell: Option<&str>) -> (Vec<String>, Vec<String>) {
    let mut plain = Vec::new();
    let mut exact = Vec::new();
    for a in list(cell) {
        match a.strip_prefix('=') {
            Some(x) => exact.push(x.trim().to_string()),
            None => plain.push(a),
        }
    }
    (plain, exact)
}

fn parse_iso3(s: &str) -> Result<String, String> {
    if s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s:?} is not an ISO 3166-1 alpha-3 code (three capital letters)"
        ))
    }
}

fn parse_sector(s: Option<&str>) -> Result<Option<Sector>, String> {
    s.map(|s| s.parse::<Sector>().map_err(|e| e.to_string()))
        .transpose()
}

/// `Kyiv` -> `kyiv`, `New Delhi` -> `new-delhi`.
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;
    use sitrep_core::Span;

    fn first_match(kb: &Kb, t: &str) -> Option<(String, String)> {
        let ws = words(t, Span::new(0, t.len()));
        (0..ws.len()).find_map(|i| {
            kb.match_at(t, &ws, i).map(|m| {
                let span = Span::new(ws[i].span.start, ws[i + m.len - 1].span.end);
                (span.slice(t).to_string(), kb.entity_at(m.entry).id.clone())
            })
        })
    }

    #[test]
    fn builtin_kb_parses() {
        let kb = Kb::builtin();
        assert!(kb.len() > 150);
        let usa = kb.get("kb:usa").unwrap();
        assert_eq!(usa.country.as_deref(), Some("USA"));
        assert_eq!(kb.get("kb:us-dod").unwrap().sector, Some(Sector::Mil));
        assert_eq!(kb.stands_for("kb:kremlin"), Some("RUS"));
        assert_eq!(kb.stands_for("kb:kyiv"), Some("UKR"));
        assert_eq!(kb.agent("general").unwrap().sector, Some(Sector::Mil));
        for e in kb.entities() {
            if let Some(c) = &e.country {
                assert!(kb.country(c).is_some(), "{} has unknown country {c}", e.id);
            }
        }
    }

    #[test]
    fn aliases_match_longest_first_with_case_rules() {
        let kb = Kb::builtin();
        let m = |t: &str| first_match(&kb, t);
        assert_eq!(
            m("the MGM-140 Army Tactical Missile Systems").unwrap(),
            (
                "MGM-140 Army Tactical Missile Systems".into(),
                "kb:atacms".into()
            )
        );
        assert_eq!(m("help us now"), None);
        assert_eq!(m("the U.S. said").unwrap().1, "kb:usa");
        assert_eq!(m("they will send leopards").unwrap().1, "kb:leopard");
        assert_eq!(m("its Challengers.").unwrap().1, "kb:challenger");
        assert_eq!(m("a challenger appeared"), None);
        assert_eq!(m("time for kyiv").unwrap().1, "kb:kyiv");
        assert_eq!(m("Ukraine’s army").unwrap().1, "kb:ukr");
        assert_eq!(m("as reported by the WSJ, citing").unwrap().1, "kb:wsj");
        assert_eq!(m("a roast turkey"), None);
    }

    #[test]
    fn load_dir_reports_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("extra.tsv"),
            "# mine\nid\tname\ttype\tcountry\tsector\taliases\nkb:x\tX Corp\tORG\tUSA\tBUS\tXC\nkb:y\tY\tBOAT\t-\t-\t-\n",
        )
        .unwrap();
        let e = Kb::load_dir(dir.path()).unwrap_err().to_string();
        assert!(e.contains("extra.tsv:4"), "{e}");
        std::fs::write(
            dir.path().join("extra.tsv"),
            "id\tname\ttype\tcountry\tsector\taliases\nkb:x\tX Corp\tORG\tUSA\tBUS\tXC|X Corporation\n",
        )
        .unwrap();
        let extra = Kb::load_dir(dir.path()).unwrap();
        let mut kb = Kb::builtin();
        kb.merge(extra);
        assert_eq!(kb.get("kb:x").unwrap().sector, Some(Sector::Bus));
        assert_eq!(
            first_match(&kb, "said X Corporation today").unwrap().1,
            "kb:x"
        );
        assert!(kb.get("kb:usa").is_some());
    }
}
