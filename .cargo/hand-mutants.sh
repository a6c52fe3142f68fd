#!/usr/bin/env bash
# The one-line bugs issue 19 names that cargo-mutants' operators do not make, made by hand:
# each is applied to a clean tree, the tests of `.cargo/mutants.toml` are run, and the mutant
# must be caught (some test fails); then the file is restored. Prints one line per mutant and
# exits 1 if one survives. Run from the workspace root on a clean tree: `bash .cargo/hand-mutants.sh`.
set -uo pipefail
cd "$(dirname "$0")/.."
if ! git diff --quiet -- runtime/src macros/src; then
    echo "runtime/src or macros/src has uncommitted changes: commit or stash them first" >&2
    exit 2
fi
# The test targets cargo-mutants runs (additional_cargo_args of .cargo/mutants.toml).
targets=$(sed -n '/^additional_cargo_args/,/^]/p' .cargo/mutants.toml | grep -o '"--[^"]*"' | tr -d '"' | tr '\n' ' ')
# The packages whose tests it runs (test_package of .cargo/mutants.toml).
pkgs=$(sed -n 's/^test_package = \[\(.*\)\]/\1/p' .cargo/mutants.toml | grep -o '"[^"]*"' | tr -d '"' | sed 's/^/-p /' | tr '\n' ' ')

# name ~ file ~ perl substitution (applied once, must change the file)
mutants=(
  "realloc events placed on the previous statement~runtime/src/recorder.rs~s/EventKind::Alloc \| EventKind::Realloc => waiting\.push\(i\)/EventKind::Alloc => waiting.push(i)/"
  "closure folding off by one~runtime/src/recorder.rs~s/if site\.calls > keep \{/if site.calls >= keep {/"
  "the return value's move called a copy~runtime/src/explain.rs~s/moved out to the caller as the return value/copied out to the caller as the return value/"
  "JSON key \`of\` renamed~runtime/src/render/json.rs~s/\(\"of\", &ev\.of\)/(\"off\", \&ev.of)/"
  "backslashes no longer escaped in JSON~runtime/src/render/json.rs~s/'\\\\\\\\' => w\.push_str\(\"\\\\\\\\\\\\\\\\\"\),//"
  "a frame's name no longer HTML-escaped~runtime/src/render/html/timeline.rs~s/(<title>call of \{\}<\/title><\/rect>\"#,\n(?:.*\n){4}\s*)escape\(name\)/\1name/"
  "reassigning a partly moved value no longer drops its other fields~runtime/src/slot.rs~s/matches!\(old, State::Owned \| State::Partial\) && !reference/matches!(old, State::Owned) \&\& !reference/"
)

survived=0
for m in "${mutants[@]}"; do
    IFS='~' read -r name file subst <<<"$m"
    cp "$file" /tmp/hand-mutant.orig
    perl -0pi -e "$subst" "$file"
    if cmp -s "$file" /tmp/hand-mutant.orig; then
        echo "NOT APPLIED  $name ($file): the pattern no longer matches; update this script"
        survived=1
        continue
    fi
    # shellcheck disable=SC2086
    if cargo test -q $pkgs $targets >/tmp/hand-mutant.log 2>&1; then
        echo "MISSED       $name ($file)"
        survived=1
    elif grep -q "^error\(\[E[0-9]*\]\)\?:" /tmp/hand-mutant.log && ! grep -q "test result: FAILED" /tmp/hand-mutant.log; then
        echo "UNVIABLE     $name ($file): does not compile"
        survived=1
    else
        failed=$(grep -c "^test .* FAILED$\|^    [a-z_:]*$" /tmp/hand-mutant.log || true)
        echo "caught       $name ($file): $(grep -o '^    [a-z0-9_:]*$' /tmp/hand-mutant.log | head -3 | tr -d ' ' | tr '\n' ' ')"
    fi
    cp /tmp/hand-mutant.orig "$file"
done
exit $survived
