//! The knowledge base: countries, organisations, media, people, offices, weapons, places and
//! agent words.
//!
//! [`Kb`] holds [`Entity`] entries read from the tab-separated files under `kb/` (compiled in with
//! `include_str!`, parsed once and shared: cloning a [`Kb`] is cheap) plus any a user adds with
//! [`Kb::load_dir`]. The file formats are documented in `kb/README.md`. Besides entities, the KB
//! keeps what the linker needs: an alias index (longest alias first, case rules per alias),
//! demonyms, metonymy (`stands_for`: "Kremlin" stands for the Russian government), the agent/title
//! words ("General" -> MIL), [`Details`] beyond the entity (a weapon's [`WeaponKind`] and parent
//! system, a place's population) and the dated [`Office`]s people held.
//!
//! Places from GeoNames (`kb/geonames.tsv`, built by `scripts/build-geonames.sh`) are *gazetteer*
//! entries (match mode `cap`): they match only capitalised, and a gazetteer name that runs on into
//! another capitalised word ("Florence Parly", "Rzeszow Airport") or that is the surname of a
//! person in the KB is not taken as a place.
//!
//! It leaves to others: finding names in text (the `mentions` module).

use crate::words::{words_of_str, Word};
use chrono::{Datelike, NaiveDate};
use once_cell::sync::Lazy;
use sitrep_core::{Entity, EntityType, Sector};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

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

/// What kind of weapon system or equipment a WEAPON entity is (`kind` column of `weapons.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum WeaponKind {
    Tank,
    /// Infantry fighting vehicle.
    Ifv,
    /// Armoured personnel carrier.
    Apc,
    /// Other military vehicles: MRAPs, armoured cars, trucks.
    Vehicle,
    /// Guns and howitzers, towed or self-propelled, and mortars.
    Artillery,
    /// Multiple rocket launchers.
    Mlrs,
    /// Ballistic, cruise, anti-tank and air-to-air missiles.
    Missile,
    /// Air-defence systems and their missiles, anti-aircraft guns.
    AirDefence,
    Aircraft,
    Helicopter,
    Drone,
    /// Shells, rockets, bombs, mines, glide kits.
    Munition,
    Ship,
    Submarine,
    /// Rifles, machine guns, grenade and rocket launchers carried by a soldier.
    SmallArms,
    /// Radars, electronic warfare, satellite and communication systems.
    Sensor,
}

impl WeaponKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [WeaponKind] = &[
        WeaponKind::Tank,
        WeaponKind::Ifv,
        WeaponKind::Apc,
        WeaponKind::Vehicle,
        WeaponKind::Artillery,
        WeaponKind::Mlrs,
        WeaponKind::Missile,
        WeaponKind::AirDefence,
        WeaponKind::Aircraft,
        WeaponKind::Helicopter,
        WeaponKind::Drone,
        WeaponKind::Munition,
        WeaponKind::Ship,
        WeaponKind::Submarine,
        WeaponKind::SmallArms,
        WeaponKind::Sensor,
    ];

    /// The label of the `kind` column (`air-defence`).
    pub fn as_str(&self) -> &'static str {
        match self {
            WeaponKind::Tank => "tank",
            WeaponKind::Ifv => "ifv",
            WeaponKind::Apc => "apc",
            WeaponKind::Vehicle => "vehicle",
            WeaponKind::Artillery => "artillery",
            WeaponKind::Mlrs => "mlrs",
            WeaponKind::Missile => "missile",
            WeaponKind::AirDefence => "air-defence",
            WeaponKind::Aircraft => "aircraft",
            WeaponKind::Helicopter => "helicopter",
            WeaponKind::Drone => "drone",
            WeaponKind::Munition => "munition",
            WeaponKind::Ship => "ship",
            WeaponKind::Submarine => "submarine",
            WeaponKind::SmallArms => "small-arms",
            WeaponKind::Sensor => "sensor",
        }
    }
}

impl fmt::Display for WeaponKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for WeaponKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        WeaponKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                let all: Vec<&str> = WeaponKind::ALL.iter().map(|k| k.as_str()).collect();
                format!("unknown weapon kind {s:?}: one of {}", all.join(", "))
            })
    }
}

/// What the KB knows about an entity beyond the [`Entity`] itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Details {
    /// WEAPON entities: what kind of system.
    pub weapon_kind: Option<WeaponKind>,
    /// The id of the system or family this one is a variant of (`kb:leopard-2a6` -> `kb:leopard-2`).
    pub parent: Option<String>,
    /// Places: the population GeoNames gives.
    pub population: Option<u64>,
    /// Places: the GeoNames first-level division, `<ISO2>.<code>` (`UA.14`, `US.TX`).
    pub admin1: Option<String>,
    /// The ISO3 code of the country whose government this name stands for as a subject.
    pub stands_for: Option<String>,
    /// The entry matches only capitalised and yields to longer names (GeoNames places).
    pub gazetteer: bool,
    /// Countries: the ISO 3166-1 alpha-2 code.
    pub iso2: Option<String>,
}

/// One office a person held (`offices.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Office {
    /// The person's entity id (`kb:joe-biden`).
    pub person: String,
    /// What the office is, from a small vocabulary: `head-of-state`, `head-of-government`,
    /// `defence-minister`, `foreign-minister`, `chief-of-defence`, `secretary-general`, ... (see
    /// `kb/README.md`).
    pub role: String,
    /// The office as it is called (`President of the United States`).
    pub office: String,
    /// ISO3 of the country, `None` for an international organisation's office.
    pub country: Option<String>,
    /// The organisation whose office it is, for IGO offices (`kb:nato`).
    pub org: Option<String>,
    pub sector: Option<Sector>,
    /// First day in office; a year or month alone gives its first day.
    pub from: NaiveDate,
    /// Last day in office (`None`: still in office when the file was written); a year or month
    /// alone gives its last day.
    pub to: Option<NaiveDate>,
}

impl Office {
    /// Whether the person held the office on `day`.
    pub fn held_on(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|t| day <= t)
    }
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
    details: Details,
    /// Aliases that match only with their exact case (the `=` ones, those without lower case).
    exact: Vec<String>,
    demonyms: Vec<String>,
}

/// How an alias compares with the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseRule {
    /// Ignoring case.
    Any,
    /// With exactly the alias's case.
    Exact,
    /// Ignoring case, but every word the alias capitalises must be capitalised in the text.
    Cap,
}

/// One alias in the match index.
#[derive(Debug, Clone)]
struct Alias {
    /// Normalised words.
    words: Box<[Box<str>]>,
    /// The original-case words (for [`CaseRule::Exact`]).
    forms: Box<[Box<str>]>,
    /// Bit k: word k starts with a capital (for [`CaseRule::Cap`]; words past 64 are free).
    caps: u64,
    rule: CaseRule,
    entry: u32,
    /// A demonym: the mention is NORP.
    norp: bool,
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
    /// A gazetteer (GeoNames) name: a surname seen earlier in the article wins over it.
    pub gazetteer: bool,
}

/// FxHash (as in rustc): the KB's maps are keyed by its own words and ids, looked up once or more
/// per word of text; SipHash's protection against chosen keys buys nothing here and costs time.
#[derive(Debug, Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The knowledge base (see the module doc). Cloning shares the data.
#[derive(Debug, Clone, Default)]
pub struct Kb {
    data: Arc<Data>,
}

#[derive(Debug, Clone, Default)]
struct Data {
    entries: Vec<Entry>,
    by_id: FxMap<String, usize>,
    aliases: Vec<Alias>,
    /// First normalised alias word -> aliases, longest first (file order among equals).
    by_first: FxMap<Box<str>, Vec<u32>>,
    agents: FxMap<String, AgentWord>,
    offices: Vec<Office>,
}

const BUILTIN_FILES: &[(&str, &str)] = &[
    ("countries.tsv", include_str!("../kb/countries.tsv")),
    ("organisations.tsv", include_str!("../kb/organisations.tsv")),
    ("media.tsv", include_str!("../kb/media.tsv")),
    ("people.tsv", include_str!("../kb/people.tsv")),
    ("offices.tsv", include_str!("../kb/offices.tsv")),
    ("weapons.tsv", include_str!("../kb/weapons.tsv")),
    ("places.tsv", include_str!("../kb/places.tsv")),
    ("agents.tsv", include_str!("../kb/agents.tsv")),
    // Last: every curated name above wins over a GeoNames name of the same length.
    ("geonames.tsv", include_str!("../kb/geonames.tsv")),
];

static BUILTIN: Lazy<Kb> = Lazy::new(|| {
    let mut data = Data::default();
    for (name, content) in BUILTIN_FILES {
        // The built-in files are tested (`builtin_kb_parses`); a failure here is a build bug.
        data.parse_file(name, content)
            .expect("built-in KB file parses");
    }
    data.reindex();
    Kb {
        data: Arc::new(data),
    }
});

/// Words before a gazetteer name that do not make it part of a longer name ("In Pokrovsk").
#[rustfmt::skip]
const NAME_BREAKERS: &[&str] = &[
    "in", "at", "near", "from", "to", "of", "the", "and", "or", "for", "on", "by", "with", "into",
    "outside", "inside", "around", "toward", "towards", "across", "via", "but", "as", "if", "when",
    "while", "after", "before", "since", "until", "like", "between", "against", "over", "under",
    "about", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "greater", "occupied", "liberated", "besieged", "embattled", "frontline", "both",
    "where", "then", "so", "yet", "also", "even", "only", "not", "no", "all", "while", "whereas",
];

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
        let mut data = Data::default();
        for path in files {
            let content = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
            data.parse_file(&path.display().to_string(), &content)?;
        }
        data.reindex();
        Ok(Kb {
            data: Arc::new(data),
        })
    }

    /// Adds `other`'s entries, offices and agent words; an entry whose id exists already replaces
    /// it.
    pub fn merge(&mut self, other: Kb) {
        let other = Arc::try_unwrap(other.data).unwrap_or_else(|a| (*a).clone());
        let data = Arc::make_mut(&mut self.data);
        for e in other.entries {
            data.insert(e);
        }
        data.agents.extend(other.agents);
        data.offices.extend(other.offices);
        data.reindex();
    }

    /// Every entity, in file order.
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.data.entries.iter().map(|e| &e.entity)
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.data
            .by_id
            .get(id)
            .map(|&i| &self.data.entries[i].entity)
    }

    /// What the KB knows about entity `id` beyond the entity.
    pub fn details(&self, id: &str) -> Option<&Details> {
        self.data
            .by_id
            .get(id)
            .map(|&i| &self.data.entries[i].details)
    }

    /// The kind of a WEAPON entity.
    pub fn weapon_kind(&self, id: &str) -> Option<WeaponKind> {
        self.details(id).and_then(|d| d.weapon_kind)
    }

    /// The entity and the systems it is a variant of, nearest first: `kb:leopard-2a6`,
    /// `kb:leopard-2`, `kb:leopard`. Empty for an unknown id.
    pub fn lineage(&self, id: &str) -> Vec<&Entity> {
        let mut out: Vec<&Entity> = Vec::new();
        let mut cur = Some(id);
        while let Some(c) = cur {
            let Some(e) = self.get(c) else { break };
            if out.iter().any(|x| x.id == e.id) {
                break;
            }
            out.push(e);
            cur = self.details(c).and_then(|d| d.parent.as_deref());
        }
        out
    }

    /// The entity the whole of `name` names, as the linker would match it in running text
    /// ("Leopard 2A6", "kyiv", "155mm shells").
    pub fn lookup(&self, name: &str) -> Option<&Entity> {
        let ws = words_of_str(name);
        if ws.is_empty() {
            return None;
        }
        self.match_at(name, &ws, 0)
            .filter(|m| m.len == ws.len())
            .map(|m| self.entity_at(m.entry))
    }

    /// Every office in the KB, in file order.
    pub fn offices(&self) -> &[Office] {
        &self.data.offices
    }

    /// The offices person `id` held, in file order.
    pub fn offices_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Office> + 'a {
        self.data.offices.iter().filter(move |o| o.person == id)
    }

    /// Who held `role` in `country` (ISO3; or the organisation id for an IGO office) on `day`.
    pub fn holders(&self, role: &str, country: &str, day: NaiveDate) -> Vec<&Office> {
        self.data
            .offices
            .iter()
            .filter(|o| {
                o.role == role
                    && (o.country.as_deref() == Some(country) || o.org.as_deref() == Some(country))
                    && o.held_on(day)
            })
            .collect()
    }

    /// The number of entities.
    pub fn len(&self) -> usize {
        self.data.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.data.entries.is_empty()
    }

    pub(crate) fn entity_at(&self, entry: usize) -> &Entity {
        &self.data.entries[entry].entity
    }

    /// The country entity for an ISO3 code.
    pub fn country(&self, iso3: &str) -> Option<&Entity> {
        self.get(&format!("kb:{}", iso3.to_ascii_lowercase()))
            .filter(|e| e.kind == EntityType::Gpe)
    }

    /// The ISO3 code this entity stands for as a subject (Kremlin -> RUS), if any.
    pub(crate) fn stands_for(&self, id: &str) -> Option<&str> {
        self.details(id).and_then(|d| d.stands_for.as_deref())
    }

    pub(crate) fn agent(&self, word: &str) -> Option<AgentWord> {
        self.data.agents.get(word).copied()
    }

    /// The longest alias that matches `words[i..]` (`text` is what the words' spans index).
    pub(crate) fn match_at(&self, text: &str, words: &[Word], i: usize) -> Option<KbMatch> {
        let best = self.longest_at(text, words, i, false)?;
        if best.gazetteer && self.gazetteer_runs_on(text, words, i, best.len) {
            // "Florence Parly", "Rzeszow Airport": part of a longer name. A curated (strong)
            // alias that starts here may still match.
            return self.longest_at(text, words, i, true);
        }
        Some(best)
    }

    /// Whether a gazetteer name at `words[i..i + len]` is part of a longer capitalised name.
    fn gazetteer_runs_on(&self, text: &str, words: &[Word], i: usize, len: usize) -> bool {
        let joins = |w: &Word| w.is_alpha() && w.cap;
        if let Some(next) = words.get(i + len) {
            if joins(next)
                && !words[i + len - 1].poss
                && self.agent(&next.norm).is_none()
                && self.longest_at(text, words, i + len, true).is_none()
            {
                return true;
            }
        }
        if i > 0 {
            let prev = &words[i - 1];
            // "King Hassan", "General Jackson": a person's name after a title.
            if joins(prev)
                && self
                    .agent(&prev.norm)
                    .is_some_and(|a| a.title && a.sector.is_some())
            {
                return true;
            }
            if joins(prev)
                && !prev.poss
                && !NAME_BREAKERS.contains(&prev.norm.as_str())
                && self.agent(&prev.norm).is_none()
                && !self.may_start_sentence(words, i - 1)
                && self.longest_at(text, words, i - 1, true).is_none()
            {
                return true;
            }
        }
        false
    }

    /// Whether `words[p]` may be capitalised only because it starts a sentence or a line: it is
    /// the first word, or punctuation stands before it that is not the dot of an initial or a
    /// title ("Gen. Steve Anderson").
    fn may_start_sentence(&self, words: &[Word], p: usize) -> bool {
        let Some(before) = p.checked_sub(1).map(|b| &words[b]) else {
            return true;
        };
        if before.kind != crate::words::WordKind::Punct {
            return false;
        }
        let abbreviation = before.norm == "."
            && p >= 2
            && words[p - 2].is_alpha()
            && words[p - 2].span.end == before.span.start
            && (words[p - 2].norm.chars().count() == 1
                || self.agent(&words[p - 2].norm).is_some_and(|a| a.title));
        !abbreviation
    }

    fn longest_at(
        &self,
        text: &str,
        words: &[Word],
        i: usize,
        strong_only: bool,
    ) -> Option<KbMatch> {
        let first = words.get(i)?;
        let norm = first.norm.as_str();
        if norm.trim().is_empty() {
            return None;
        }
        let keys = [
            Some(norm),
            norm.strip_suffix('s').filter(|s| !s.is_empty()),
            norm.strip_suffix("es").filter(|s| !s.is_empty()),
        ];
        let mut best: Option<KbMatch> = None;
        for key in keys.into_iter().flatten() {
            let Some(list) = self.data.by_first.get(key) else {
                continue;
            };
            for &a in list {
                let alias = &self.data.aliases[a as usize];
                let n = alias.words.len();
                if best.is_some_and(|b| b.len >= n) {
                    break;
                }
                if i + n > words.len() || (strong_only && alias.rule == CaseRule::Cap) {
                    continue;
                }
                if alias_matches(alias, text, &words[i..i + n]) {
                    best = Some(KbMatch {
                        len: n,
                        entry: alias.entry as usize,
                        norp: alias.norp,
                        gazetteer: alias.rule == CaseRule::Cap,
                    });
                    break;
                }
            }
        }
        best
    }
}

fn alias_matches(alias: &Alias, text: &str, ws: &[Word]) -> bool {
    let n = ws.len();
    for (k, w) in ws.iter().enumerate() {
        let last = k + 1 == n;
        if !last && w.poss {
            return false;
        }
        if k > 0 && w.span.start < ws[k - 1].span.end {
            return false;
        }
        let (got, want) = match alias.rule {
            CaseRule::Exact => (w.span.slice(text), &*alias.forms[k]),
            CaseRule::Cap => {
                if k < 64 && alias.caps & (1 << k) != 0 && !w.cap {
                    return false;
                }
                (w.norm.as_str(), &*alias.words[k])
            }
            CaseRule::Any => (w.norm.as_str(), &*alias.words[k]),
        };
        let ok = got == want
            || (last
                && alias.plural
                && (got.strip_suffix('s') == Some(want) || got.strip_suffix("es") == Some(want)));
        if !ok {
            return false;
        }
    }
    true
}

impl Data {
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
        // `insert` keeps `by_id` up to date.
        debug_assert_eq!(self.by_id.len(), self.entries.len());
        // Surnames of the KB's people: a gazetteer place of that name yields to the person.
        let mut surnames: HashSet<String> = HashSet::new();
        for e in &self.entries {
            if e.entity.kind == EntityType::Person {
                for n in std::iter::once(&e.entity.name).chain(&e.entity.aliases) {
                    if let Some(w) = words_of_str(n).iter().rev().find(|w| w.is_alpha()) {
                        surnames.insert(w.norm.clone());
                    }
                }
            }
        }
        self.aliases.clear();
        self.by_first.clear();
        for (i, e) in self.entries.iter().enumerate() {
            let plural = e.entity.kind == EntityType::Weapon;
            let gazetteer = e.details.gazetteer;
            let exact_name = e.exact.contains(&e.entity.name);
            let default_rule = |s: &str| {
                if is_exact_by_case(s) {
                    CaseRule::Exact
                } else if gazetteer {
                    CaseRule::Cap
                } else {
                    CaseRule::Any
                }
            };
            let mut names: Vec<(&str, CaseRule, bool)> = Vec::new();
            if !exact_name {
                names.push((&e.entity.name, default_rule(&e.entity.name), false));
            }
            for a in &e.entity.aliases {
                names.push((a, default_rule(a), false));
            }
            for a in &e.exact {
                names.push((a, CaseRule::Exact, false));
            }
            for d in &e.demonyms {
                names.push((d, CaseRule::Exact, true));
            }
            for (name, rule, norp) in names {
                let ws = words_of_str(name);
                if ws.is_empty() {
                    continue;
                }
                if gazetteer && ws.len() == 1 && surnames.contains(&ws[0].norm) {
                    continue;
                }
                let caps = ws
                    .iter()
                    .take(64)
                    .enumerate()
                    .filter(|(_, w)| w.cap)
                    .fold(0u64, |m, (k, _)| m | (1 << k));
                self.aliases.push(Alias {
                    words: ws.iter().map(|w| w.norm.as_str().into()).collect(),
                    forms: if rule == CaseRule::Exact {
                        ws.iter().map(|w| w.span.slice(name).into()).collect()
                    } else {
                        Box::default()
                    },
                    caps,
                    rule,
                    entry: i as u32,
                    norp,
                    plural,
                });
            }
        }
        for (a, alias) in self.aliases.iter().enumerate() {
            match self.by_first.get_mut(&alias.words[0]) {
                Some(list) => list.push(a as u32),
                None => {
                    self.by_first.insert(alias.words[0].clone(), vec![a as u32]);
                }
            }
        }
        let aliases = &self.aliases;
        for list in self.by_first.values_mut() {
            // Stable: among aliases of one length, the earlier file's entry wins.
            list.sort_by_key(|&a| std::cmp::Reverse(aliases[a as usize].words.len()));
        }
    }

    fn parse_file(&mut self, file: &str, content: &str) -> Result<(), KbError> {
        let mut header: Option<Vec<String>> = None;
        let mut seen: FxMap<String, usize> = FxMap::default();
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
                if !matches!(
                    h.first().map(String::as_str),
                    Some("iso3" | "id" | "word" | "person")
                ) {
                    return Err(err(format!(
                        "unknown header {line:?}: expected one starting with iso3, id, word or person"
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
                "person" => {
                    let person = required("person")?;
                    let from = parse_date(required("from")?, false).map_err(err)?;
                    let to = get("to")
                        .map(|t| parse_date(t, true))
                        .transpose()
                        .map_err(err)?;
                    if to.is_some_and(|t| t < from) {
                        return Err(err("office ends before it starts".into()));
                    }
                    let role = required("role")?;
                    if !role
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    {
                        return Err(err(format!("role {role:?}: lower-case words with -")));
                    }
                    self.offices.push(Office {
                        person: person.to_string(),
                        role: role.to_string(),
                        office: required("office")?.to_string(),
                        country: get("country").map(parse_iso3).transpose().map_err(err)?,
                        org: get("org").map(str::to_string),
                        sector: parse_sector(get("sector")).map_err(err)?,
                        from,
                        to,
                    });
                }
                "iso3" => {
                    let iso3 = parse_iso3(required("iso3")?).map_err(err)?;
                    let name = required("name")?;
                    let (aliases, exact) = split_aliases(get("aliases"));
                    let iso2 = get("iso2");
                    if let Some(iso2) = iso2 {
                        if iso2.len() != 2 || !iso2.chars().all(|c| c.is_ascii_uppercase()) {
                            return Err(err(format!("{iso2:?} is not an ISO 3166-1 alpha-2 code")));
                        }
                    }
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
                            evidence: Vec::new(),
                        },
                        details: Details {
                            iso2: iso2.map(str::to_string),
                            ..Details::default()
                        },
                        exact,
                        demonyms: list(get("demonyms")),
                    });
                    let capital = list(get("capital"));
                    if let Some((cap, rest)) = capital.split_first() {
                        let (cap, cap_exact) = match cap.strip_prefix('=') {
                            Some(c) => (c.trim().to_string(), true),
                            None => (cap.clone(), false),
                        };
                        let id = format!("kb:{}", slug(&cap));
                        if let Some(prev) = seen.insert(id.clone(), line_no) {
                            return Err(err(format!("duplicate id {id} (first on line {prev})")));
                        }
                        let (aliases, mut exact) = split_aliases(Some(&rest.join("|")));
                        if cap_exact {
                            exact.push(cap.clone());
                        }
                        self.insert(Entry {
                            entity: Entity {
                                id,
                                name: cap,
                                kind: EntityType::Gpe,
                                aliases,
                                country: Some(iso3.clone()),
                                sector: None,
                                evidence: Vec::new(),
                            },
                            details: Details {
                                stands_for: Some(iso3),
                                ..Details::default()
                            },
                            exact,
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
                    let weapon_kind = get("kind")
                        .map(str::parse::<WeaponKind>)
                        .transpose()
                        .map_err(err)?;
                    if weapon_kind.is_some() && kind != EntityType::Weapon {
                        return Err(err("a kind is for WEAPON entities only".into()));
                    }
                    let population = get("population")
                        .map(|p| {
                            p.parse::<u64>()
                                .map_err(|_| format!("population {p:?} is not a number"))
                        })
                        .transpose()
                        .map_err(err)?;
                    let gazetteer = match get("match").unwrap_or("default") {
                        "default" => false,
                        "cap" => true,
                        m => return Err(err(format!("unknown match {m:?}: default or cap"))),
                    };
                    let (aliases, exact) = split_aliases(get("aliases"));
                    self.insert(Entry {
                        entity: Entity {
                            id: id.to_string(),
                            name: required("name")?.to_string(),
                            kind,
                            aliases,
                            country,
                            sector,
                            evidence: Vec::new(),
                        },
                        details: Details {
                            weapon_kind,
                            parent: get("parent").map(str::to_string),
                            population,
                            admin1: get("admin1").map(str::to_string),
                            stands_for,
                            gazetteer,
                            iso2: None,
                        },
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

/// `2022`, `2022-02` or `2022-02-24`; a partial date is its first day, or its last with `end`.
fn parse_date(s: &str, end: bool) -> Result<NaiveDate, String> {
    let bad = || format!("{s:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    let year = parts.first().ok_or_else(bad).and_then(|p| num(p))? as i32;
    let date = match parts.len() {
        1 if end => NaiveDate::from_ymd_opt(year, 12, 31),
        1 => NaiveDate::from_ymd_opt(year, 1, 1),
        2 => {
            let month = num(parts[1])?;
            let first = NaiveDate::from_ymd_opt(year, month, 1);
            if end {
                first.and_then(|f| {
                    let next = if month == 12 {
                        NaiveDate::from_ymd_opt(year + 1, 1, 1)
                    } else {
                        NaiveDate::from_ymd_opt(year, month + 1, 1)
                    };
                    next.and_then(|n| n.pred_opt())
                        .filter(|l| l.month() == f.month())
                })
            } else {
                first
            }
        }
        3 => NaiveDate::from_ymd_opt(year, num(parts[1])?, num(parts[2])?),
        _ => None,
    };
    date.ok_or_else(bad)
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
            if let Some(p) = kb.details(&e.id).and_then(|d| d.parent.as_ref()) {
                assert!(kb.get(p).is_some(), "{} has unknown parent {p}", e.id);
            }
            if e.kind == EntityType::Weapon {
                assert!(kb.weapon_kind(&e.id).is_some(), "{} has no kind", e.id);
            }
        }
        for o in kb.offices() {
            let p = kb.get(&o.person);
            assert!(
                p.is_some_and(|p| p.kind == EntityType::Person),
                "office of unknown person {}",
                o.person
            );
            if let Some(org) = &o.org {
                assert!(kb.get(org).is_some(), "office of unknown org {org}");
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
    fn gazetteer_names_are_capitalised_and_stand_alone() {
        let kb = Kb::builtin();
        let m = |t: &str| first_match(&kb, t);
        let rz = m("strikes near Rzeszów today").unwrap();
        assert_eq!(rz.0, "Rzeszów");
        assert!(rz.1.starts_with("geonames:"), "{rz:?}");
        assert_eq!(m("strikes near Rzeszow today").unwrap().1, rz.1);
        assert_eq!(m("strikes near rzeszow today"), None);
        // Part of a longer name: not the place.
        assert_eq!(m("landed at Rzeszow Jasionka"), None);
    }

    #[test]
    fn dates_parse_with_precision() {
        let d = |s, end| parse_date(s, end).unwrap().to_string();
        assert_eq!(d("2022", false), "2022-01-01");
        assert_eq!(d("2022", true), "2022-12-31");
        assert_eq!(d("2024-02", true), "2024-02-29");
        assert_eq!(d("2023-12", true), "2023-12-31");
        assert_eq!(d("2019-05-20", true), "2019-05-20");
        assert!(parse_date("2019-13", false).is_err());
        assert!(parse_date("May 2019", false).is_err());
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
        // The built-in KB is not changed by a merge into a copy.
        assert!(Kb::builtin().get("kb:x").is_none());
    }
}
