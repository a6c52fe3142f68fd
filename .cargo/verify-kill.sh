#!/usr/bin/env bash
# Verifies that a test kills a mutant: applies the mutant to the tree, runs one test target
# (it must FAIL), restores the mutated file and runs the target again (it must PASS).
#
#   bash .cargo/verify-kill.sh MUTANTS_OUT "MUTANT NAME" TARGET [TEST FILTER...]
#
# MUTANTS_OUT: a cargo-mutants output directory (`mutants.out`), whose `outcomes.json` names
# the mutant's diff. The diff is applied with `patch -F 3`; where the code moved too much for
# it, make the same one-operator change by hand instead, with
#   HAND='FILE|||OLD TEXT|||NEW TEXT'   (OLD TEXT must occur exactly once in FILE).
# TARGET: a test target of the facade (`closures`, `transparency`, ...), `macros-lib` (the
# macros' unit tests) or `let_chains` (the edition-2024 crate). Run on a tree whose
# `macros/src` and `runtime/src` are committed: they are restored with `git checkout`.
set -u
cd "$(dirname "$0")/.."
out=$1 name=$2 target=$3
shift 3
if ! git diff --quiet -- macros/src runtime/src; then
    echo "macros/src or runtime/src has uncommitted changes: commit or stash them first" >&2
    exit 2
fi
apply() {
    if [ -n "${HAND:-}" ]; then
        python3 - "$HAND" <<'PY'
import sys
f, old, new = sys.argv[1].split('|||')
s = open(f).read()
if s.count(old) != 1:
    sys.exit(f"HAND: the old text occurs {s.count(old)} times in {f}")
open(f, 'w').write(s.replace(old, new))
PY
        return
    fi
    local diff
    diff=$(python3 - "$out" "$name" <<'PY'
import json, sys
for o in json.load(open(sys.argv[1] + '/outcomes.json'))['outcomes']:
    m = o['scenario']
    if isinstance(m, dict) and m.get('Mutant', {}).get('name') == sys.argv[2]:
        print(sys.argv[1] + '/' + o['diff_path'])
        break
PY
)
    [ -n "$diff" ] || { echo "no such mutant in $out" >&2; return 1; }
    patch -p0 -F 3 --quiet --no-backup-if-mismatch <"$diff"
}
run() {
    case $target in
        macros-lib) nice -n 5 cargo test -q -p trace-ownership-macros --lib -- "$@" ;;
        let_chains) nice -n 5 cargo test -q -p trace-ownership-edition2024 --test let_chains -- "$@" ;;
        *) nice -n 5 cargo test -q -p trace-ownership --test "$target" -- "$@" ;;
    esac >/tmp/verify-kill.log 2>&1
}
if ! apply; then
    echo "the mutant does not apply: make it by hand (HAND=...)" >&2
    git checkout -q -- macros/src runtime/src
    find macros/src runtime/src -name '*.rej' -delete
    exit 2
fi
git diff -- macros/src runtime/src | grep '^[-+][^-+]' | sed 's/^/  mutant: /'
run "$@"
mutated=$?
grep -E '^error(\[|:)|panicked at' /tmp/verify-kill.log | head -n 3 | sed 's/^/  mutated: /'
git checkout -q -- macros/src runtime/src
run "$@"
clean=$?
if [ "$mutated" != 0 ] && [ "$clean" = 0 ]; then
    echo "KILLED: $name by $target $*"
else
    echo "NOT KILLED (mutated exit $mutated, clean exit $clean): $name"
    exit 1
fi
