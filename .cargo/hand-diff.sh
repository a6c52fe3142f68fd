#!/usr/bin/env bash
# Makes a mutant by hand, as a diff verify-kill.sh applies: where a mutant's own diff no longer
# applies (its lines moved or changed since the run), or for a mutant the run has not reached.
#   bash .cargo/hand-diff.sh OUT.diff FILE 'SED-EXPRESSION' 'mutant name'
set -eu
cd "$(dirname "$0")/.."
out=$1 file=$2 expr=$3 name=$4
[ -z "$(git diff -- "$file")" ] || { echo "$file not clean"; exit 2; }
sed -i "$expr" "$file"
body=$(git diff -U3 -- "$file" | sed -n '/^@@/,$p')
git checkout -q -- "$file"
[ -n "$body" ] || { echo "the expression changed nothing"; exit 2; }
{ echo "--- $file"; echo "+++ $name (made by hand)"; echo "$body"; } > "$out"
