#!/usr/bin/env bash
# Precise mode's cost: `cargo trace-ownership run` vs the ordinary traced build-and-run
# (`TRACE_OWNERSHIP=json cargo run`), same run, alternating, warm dependencies (issue 14's
# budget: at most 2x wall time). Two programs: this repo's tour, and a generated binary crate
# of 100 traced functions (each called once). Each side rebuilds the user's crate (its source
# is touched first), as in an edit-and-run loop; 7 alternating pairs, medians reported.
#
#   bash cargo-trace-ownership/bench/precise_time.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$repo"
cargo build -q -p cargo-trace-ownership
bin="$repo/target/debug/cargo-trace-ownership"

mkdir -p "$work/hundred/src"
cat > "$work/hundred/Cargo.toml" <<TOML
[package]
name = "hundred"
version = "0.0.0"
edition = "2021"

[dependencies]
trace-ownership = { path = "$repo" }

[workspace]
TOML
{
    echo "#![allow(dead_code, unused_variables)]"
    for i in $(seq 1 100); do
        cat <<RS
#[trace_ownership::trace_ownership]
fn f$i(input: &[u32], name: &str) -> (usize, String) {
    let mut total = 0usize;
    let label = String::from(name);
    let copy = label.clone();
    for x in input.iter() {
        let y = *x as usize * 2;
        total += y;
    }
    let v: Vec<u32> = input.iter().map(|x| x + 1).collect();
    let r = &v;
    let n = r.len();
    let moved = copy;
    if total > 10 {
        return (total + n, moved);
    }
    (total, label + &moved)
}
RS
    done
    echo "fn main() {"
    for i in $(seq 1 100); do echo "    let _ = f$i(&[1, 2, 3], \"n\");"; done
    echo "}"
} > "$work/hundred/src/main.rs"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
secs() { s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
ordinary() { # $1 = file to touch, rest = cargo target args
    local f=$1; shift
    touch "$f"
    TRACE_OWNERSHIP=json TRACE_OWNERSHIP_OUT="$work/ordinary.json" cargo run -q "$@"
}
precise() {
    local f=$1; shift
    touch "$f"
    "$bin" run "$@" --format json --out "$work/precise.json"
}
report() { # $1 = label, $2 = file to touch, rest = target args
    local label=$1 f=$2; shift 2
    ordinary "$f" "$@" >/dev/null 2>&1; precise "$f" "$@" >/dev/null 2>&1   # warm
    pairs=$(for _ in 1 2 3 4 5 6 7; do
        o=$(secs ordinary "$f" "$@"); p=$(secs precise "$f" "$@")
        echo "$o $p $(echo "scale=3; $p / $o" | bc)"
    done)
    o=$(echo "$pairs" | awk '{print $1}' | median)
    p=$(echo "$pairs" | awk '{print $2}' | median)
    r=$(echo "$pairs" | awk '{print $3}' | median)
    echo "$label: ordinary ${o}s  precise ${p}s  ratio (median of 7 pairs) $r"
}
report "tour" "$repo/examples/tour/sections.rs" --example tour
export CARGO_TARGET_DIR="$repo/target"
report "100 functions" "$work/hundred/src/main.rs" --manifest-path "$work/hundred/Cargo.toml"
