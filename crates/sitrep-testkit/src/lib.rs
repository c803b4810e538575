//! Helpers shared by sitrep's tests: where the benchmark data and the bundled samples are.
//!
//! Tests use real data. The public benchmarks live in `../shared/data/` beside the repository
//! (never copied into it); the three sample articles are bundled in `examples/articles/`.

use std::path::PathBuf;

/// The repository root.
pub fn repo_root() -> PathBuf {
    // crates/sitrep-testkit -> repo root
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

/// The shared data folder: `$SITREP_DATA` if set, else `../shared/data` beside the repository.
///
/// Panics with a clear message when it is missing: a test that needs the data must not pass
/// silently without it.
pub fn data_dir() -> PathBuf {
    let dir = std::env::var_os("SITREP_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/data"));
    assert!(
        dir.is_dir(),
        "shared data folder {} not found: set SITREP_DATA or check out shared/ beside the repo",
        dir.display()
    );
    dir
}

/// A file or folder under the shared data folder.
pub fn data(rel: &str) -> PathBuf {
    data_dir().join(rel)
}

/// The bundled sample articles (`examples/articles/*.txt`), sorted by name.
pub fn sample_articles() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(repo_root().join("examples/articles"))
        .expect("examples/articles")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// The text of one bundled sample, by file-name prefix (`"000"`, `"002"`, `"004"`).
pub fn sample(prefix: &str) -> String {
    let p = sample_articles()
        .into_iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no sample starting with {prefix}"));
    std::fs::read_to_string(p).expect("sample readable")
}
