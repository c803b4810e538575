//! A model file: named sections (models, lexicons, provenance), gzip-compressed.

use crate::model::{read_all, Reader};
use crate::ModelError;
use std::io::Write;
use std::path::Path;

const MAGIC: &[u8; 8] = b"SITREPB1";

/// Errors reading or writing a bundle.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("not a gzip-compressed sitrep model file: {0}")]
    Gzip(std::io::Error),
    #[error(transparent)]
    Format(#[from] ModelError),
    #[error("model file has no section {0:?}")]
    Missing(String),
}

/// Named byte sections, written as one gzip stream. Each trained stage keeps its models and
/// tables in one bundle, with a `provenance` section saying what it was trained on and how.
#[derive(Debug, Default, Clone)]
pub struct Bundle {
    sections: Vec<(String, Vec<u8>)>,
}

impl Bundle {
    pub fn new() -> Self {
        Bundle::default()
    }

    /// Adds (or replaces) a section.
    pub fn put(&mut self, name: &str, bytes: Vec<u8>) {
        self.sections.retain(|(n, _)| n != name);
        self.sections.push((name.to_string(), bytes));
    }

    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
    }

    /// A section that must be there.
    pub fn require(&self, name: &str) -> Result<&[u8], BundleError> {
        self.get(name)
            .ok_or_else(|| BundleError::Missing(name.to_string()))
    }

    /// A section holding a text (lexicons, provenance), lossily decoded.
    pub fn text(&self, name: &str) -> Option<String> {
        self.get(name)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().map(|(n, _)| n.as_str())
    }

    /// The compressed bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&(self.sections.len() as u32).to_le_bytes());
        for (name, bytes) in &self.sections {
            raw.extend_from_slice(&(name.len() as u32).to_le_bytes());
            raw.extend_from_slice(name.as_bytes());
            raw.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            raw.extend_from_slice(bytes);
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&raw).expect("writing to memory");
        gz.finish().expect("writing to memory")
    }

    /// Reads compressed bytes written by [`Bundle::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Bundle, BundleError> {
        let raw = read_all(flate2::read::GzDecoder::new(bytes)).map_err(BundleError::Gzip)?;
        let mut r = Reader { b: &raw };
        if r.take(8)? != MAGIC {
            return Err(ModelError::Magic.into());
        }
        let n = r.u32()? as usize;
        let mut sections = Vec::new();
        for _ in 0..n {
            let len = r.u32()? as usize;
            let name = String::from_utf8_lossy(r.take(len)?).into_owned();
            let size = u64::from_le_bytes(r.take(8)?.try_into().expect("8"));
            let size = usize::try_from(size).map_err(|_| ModelError::Corrupt("section size"))?;
            sections.push((name, r.take(size)?.to_vec()));
        }
        Ok(Bundle { sections })
    }

    pub fn read(path: &Path) -> Result<Bundle, BundleError> {
        let bytes = std::fs::read(path).map_err(|source| BundleError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Bundle::from_bytes(&bytes)
    }

    /// Writes atomically (a temporary file renamed over the target).
    pub fn write(&self, path: &Path) -> Result<(), BundleError> {
        let io = |source| BundleError::Io {
            path: path.display().to_string(),
            source,
        };
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, self.to_bytes()).map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_bad_input() {
        let mut b = Bundle::new();
        b.put("provenance", b"trained on x".to_vec());
        b.put("lexicon", vec![0, 1, 2, 255]);
        let back = Bundle::from_bytes(&b.to_bytes()).unwrap();
        assert_eq!(back.text("provenance").as_deref(), Some("trained on x"));
        assert_eq!(back.get("lexicon"), Some(&[0u8, 1, 2, 255][..]));
        assert!(matches!(back.require("nope"), Err(BundleError::Missing(_))));
        assert!(Bundle::from_bytes(b"not gzip").is_err());
        let bytes = b.to_bytes();
        assert!(Bundle::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }
}
