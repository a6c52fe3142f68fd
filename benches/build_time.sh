#!/usr/bin/env bash
# Build time of a generated crate of 100 functions, traced vs untraced, in the same run
# (issue budget: traced at most 1.5x untraced). Dependencies are built first, so only the
# crate itself is timed; each build is repeated and the median kept.
#
#   bash benches/build_time.sh
#
# With MACRO_OPT=1, both crates build proc macros (and syn) optimised, as the README suggests:
#   [profile.dev.build-override]
#   opt-level = 3
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gen() { # $1 = crate dir, $2 = attribute line (or empty)
    mkdir -p "$1/src"
    cat > "$1/Cargo.toml" <<TOML
[package]
name = "$(basename "$1")"
version = "0.0.0"
edition = "2021"

[dependencies]
trace-ownership = { path = "$repo" }

[workspace]
TOML
    if [ "${MACRO_OPT:-0}" = 1 ]; then
        printf '\n[profile.dev.build-override]\nopt-level = 3\n' >> "$1/Cargo.toml"
    fi
    {
        echo "#![allow(dead_code, unused_variables)]"
        for i in $(seq 1 100); do
            cat <<RS
$2
pub fn f$i(input: &[u32], name: &str) -> (usize, String) {
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
    } > "$1/src/lib.rs"
}
gen "$work/plain" ""
gen "$work/traced" "#[trace_ownership::trace_ownership]"
export CARGO_TARGET_DIR="$work/target"
(cd "$work/plain" && cargo build -q)   # dependencies, once
(cd "$work/traced" && cargo build -q)
time_build() { # $1 = crate dir; prints seconds of one clean build of the crate alone
    (cd "$1" && touch src/lib.rs && s=$(date +%s.%N) && cargo build -q && e=$(date +%s.%N) && echo "$e - $s" | bc)
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Builds alternate (untraced, traced, untraced, ...) so that a drift in the machine's speed
# affects both alike; the ratio reported is the median of the per-pair ratios. Two kinds of
# build: a rebuild after `touch` with cargo's default incremental cache (what a learner's
# edit-and-run loop mostly pays), and a full build of the crate (CARGO_INCREMENTAL=0).
report() { # $1 = label
    pairs=$(for _ in 1 2 3 4 5 6 7; do
        p=$(time_build "$work/plain"); t=$(time_build "$work/traced")
        echo "$p $t $(echo "scale=3; $t / $p" | bc)"
    done)
    p=$(echo "$pairs" | awk '{print $1}' | median)
    t=$(echo "$pairs" | awk '{print $2}' | median)
    r=$(echo "$pairs" | awk '{print $3}' | median)
    echo "$1: untraced ${p}s  traced ${t}s  ratio (median of 7 pairs) $r"
}
report "incremental rebuild"
export CARGO_INCREMENTAL=0
(cd "$work/plain" && cargo build -q) && (cd "$work/traced" && cargo build -q)
report "full build of the crate"
# The expanded code of each crate (issue budget: traced at most 5x): rustc's own printing of
# the crate after macro expansion (`-Zunpretty=expanded`, through RUSTC_BOOTSTRAP=1: this
# measurement only, never the default build), in bytes, the same printer for both.
expanded() { # $1 = crate dir
    (cd "$1" && RUSTC_BOOTSTRAP=1 cargo rustc -q --lib -- -Zunpretty=expanded | wc -c)
}
p=$(expanded "$work/plain"); t=$(expanded "$work/traced")
echo "expanded code: untraced ${p} bytes  traced ${t} bytes  ratio $(echo "scale=1; $t / $p" | bc)"
