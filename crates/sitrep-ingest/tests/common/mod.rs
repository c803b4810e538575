//! Helpers shared by the ingest tests: files written into a temporary folder, gzip, and the
//! documents and skips an input yields.

#![allow(dead_code)]

use flate2::write::GzEncoder;
use flate2::Compression;
use sitrep_ingest::{read_input, Input, Item, RawDoc, ReadOptions, Skip};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `dir/name` (creating its folders) and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&p, bytes).expect("write");
    p
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

/// Everything reading `path` yields.
pub fn read_with(path: &Path, opts: &ReadOptions) -> Vec<Item> {
    read_input(&Input::File(path.to_path_buf()), opts).collect()
}

pub fn docs(items: &[Item]) -> Vec<&RawDoc> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Doc(d) => Some(d),
            Item::Skip(_) => None,
        })
        .collect()
}

pub fn skips(items: &[Item]) -> Vec<&Skip> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Skip(s) => Some(s),
            Item::Doc(_) => None,
        })
        .collect()
}
