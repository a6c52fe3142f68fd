#!/usr/bin/env bash
# Verifies that a test kills a mutant (issue 19): applies the mutant's diff (as cargo-mutants
# wrote it, paths relative to the workspace root) to this tree, runs the given `cargo test`
# arguments and requires them to FAIL; reverts, requires `git diff runtime/src macros/src`
# empty, runs them again and requires them to PASS. Appends one line per mutant to
# target/verify-kill.log.
#
#   bash .cargo/verify-kill.sh DIFF -- CARGO_TEST_ARGS...
# e.g. bash .cargo/verify-kill.sh /work/mutants-out/runtime-7/mutants.out/diff/X.diff -- --test html_marks
set -u
cd "$(dirname "$0")/.."
diff=$1; shift; [ "$1" = "--" ] && shift
log=target/verify-kill.log
name=$(sed -n '2s/^+++ //p' "$diff")
if [ -n "$(git diff -- runtime/src macros/src)" ]; then echo "tree not clean"; exit 2; fi
if ! patch -s -p0 --no-backup-if-mismatch -r - < "$diff"; then
  echo "diff does not apply: $diff"; git checkout -- runtime/src macros/src; exit 2
fi
git diff --stat -- runtime/src macros/src
nice -n 5 cargo test -q "$@" > target/verify-mutant.out 2>&1; with=$?
patch -s -R -p0 --no-backup-if-mismatch < "$diff"
if [ -n "$(git diff -- runtime/src macros/src)" ]; then echo "revert left a diff"; exit 2; fi
nice -n 5 cargo test -q "$@" > target/verify-clean.out 2>&1; without=$?
if grep -q "error: could not compile" target/verify-mutant.out; then verdict="UNVIABLE(does not build)";
elif [ $with -ne 0 ] && [ $without -eq 0 ]; then verdict=KILLED; else verdict="NOT-KILLED(with=$with,without=$without)"; fi
failed=$(sed -n 's/^---- \(.*\) stdout ----$/\1/p' target/verify-mutant.out | sort -u | tr '\n' ' ')
echo "$verdict | $(basename "$diff") | $name | cargo test $* | failed: $failed" | tee -a $log
grep -E "^test .* FAILED|panicked at" target/verify-mutant.out | head -3
