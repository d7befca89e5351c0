#!/bin/bash
# finish-set.sh N KINDS_JSON RELABEL_MD NEAR_MD NOTE : after all six relabellers agreed (agree.py), the set's README
# (mkreadme.py with the relabel paragraph and the near-topics paragraph), a check that quote-pairs skips none of its
# quotes, and its LabeledEvaluationTests case and docs/data.md bullet (addset.py, the bullet ending with NOTE). Set
# CLAIMML_TRAINER to a built ClaimMl.JudgeTrainer.dll. The docs/data.md "Fresh now" range and the relabel record in
# docs/writing-held-out-sets.md are still edited by hand.
set -e -o pipefail
N=$1; kinds=$2; relabel=$3; near=$4; note=$5
cd "$(dirname "$0")/../.."
para=$(mktemp); out=$(mktemp -d)
{ cat "$relabel"; echo; cat "$near"; } > "$para"
python3 docs/held-out-tools/mkreadme.py "data/holdout$N" "$kinds" "$para"
line=$(dotnet "${CLAIMML_TRAINER:?set CLAIMML_TRAINER to a built ClaimMl.JudgeTrainer.dll}" quote-pairs --labeled "data/holdout$N" --out "$out" 2>&1 | grep "holdout$N:")
echo "$line"
case "$line" in *"; 0 claims without a usable quote, 0 quotes skipped"*) ;; *) echo "holdout$N: quote-pairs skips a claim or a quote; the README is written, the test case is not" >&2; exit 1 ;; esac
python3 docs/held-out-tools/addset.py "$note" "$N"
rm -rf "$para" "$out"
