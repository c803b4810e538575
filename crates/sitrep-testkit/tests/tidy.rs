//! Tidy checks on the repository itself: every source file explains itself, and
//! ARCHITECTURE.md's code map names every crate.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn crates() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(sitrep_testkit::repo_root().join("crates"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    v.sort();
    v
}

#[test]
fn every_source_file_opens_with_a_module_doc() {
    let mut missing = Vec::new();
    for c in crates() {
        let mut files = Vec::new();
        rust_files(&c.join("src"), &mut files);
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            if !text.trim_start().starts_with("//!") {
                missing.push(f.display().to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "files without a `//!` doc: {missing:#?}"
    );
}

#[test]
fn architecture_md_maps_every_crate() {
    let arch = std::fs::read_to_string(sitrep_testkit::repo_root().join("ARCHITECTURE.md"))
        .expect("ARCHITECTURE.md at the repository root");
    for c in crates() {
        let name = c.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            arch.contains(&format!("### `crates/{name}`")),
            "ARCHITECTURE.md has no code-map entry for crates/{name}"
        );
    }
}
