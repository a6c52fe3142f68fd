#!/usr/bin/env bash
# Speed of the preprocessor on the demo book (31 listings: 19 traced, 12 compile_fail):
#   cold   `mdbook build book` with an empty cache (the listings' project and its
#          dependencies compiled from nothing, the programs run, the pages rendered);
#   cargo  the same listings as one cargo project (the very project the preprocessor wrote),
#          `cargo build --bins --keep-going` from nothing: the floor the cold build is held to;
#   warm   `mdbook build book` again, nothing changed.
# A script, not a criterion bench: one sample of a cold build is half a minute, and mdbook is a
# separate program. Usage: bash mdbook-trace-ownership/benches/book.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-2}
cargo build -q -p mdbook-trace-ownership
export MDBOOK_PREPROCESSOR__TRACE_OWNERSHIP__COMMAND="$PWD/target/debug/mdbook-trace-ownership"
work="$PWD/target/bench-book"
export MDBOOK_PREPROCESSOR__TRACE_OWNERSHIP__CACHE_DIR="$work/cache"
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
for r in $(seq "$rounds"); do
    rm -rf "$work"
    mkdir -p "$work"
    t0=$(now)
    mdbook build book -d "$work/out" 2>"$work/cold.log"
    t1=$(now)
    cold=$(secs "$t0" "$t1")
    grep -q '"failed": 0' "$work/cache/last-build.json"
    listings=$(grep -o '"listings": [0-9]*' "$work/cache/last-build.json" | grep -o '[0-9]*$')
    # The same listings as one cargo project, built from nothing.
    mkdir -p "$work/baseline"
    cp -r "$work/cache/project/Cargo.toml" "$work/cache/project/Cargo.lock" \
        "$work/cache/project/listings" "$work/baseline/"
    t0=$(now)
    cargo build -q --bins --keep-going --manifest-path "$work/baseline/Cargo.toml" \
        --message-format=json >/dev/null 2>&1 || true
    t1=$(now)
    base=$(secs "$t0" "$t1")
    t0=$(now)
    mdbook build book -d "$work/out" 2>/dev/null
    t1=$(now)
    warm=$(secs "$t0" "$t1")
    grep -q '"cached": '"$listings" "$work/cache/last-build.json"
    ratio=$(awk -v c="$cold" -v b="$base" 'BEGIN { printf "%.2f", c / b }')
    echo "round $r: $listings listings: cold ${cold}s, one cargo project ${base}s (cold/cargo = $ratio), warm ${warm}s"
done
