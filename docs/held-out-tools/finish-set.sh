#!/bin/bash
# finish-set.sh N KINDS_JSON RELABEL_MD NEAR_MD NOTE : after all six relabellers agreed (agree.py), the set's README
# (mkreadme.py with the relabel paragraph and the near-topics paragraph), a check that quote-pairs skips none of its
# quotes, and its LabeledEvaluationTests case and docs/data.md bullet (addset.py, the bullet ending with NOTE). Set
# CLAIMML_TRAINER to a built ClaimMl.JudgeTrainer.dll. The docs/data.md "Fresh now" range and the relabel record in
# docs/writing-held-out-sets.md are still edited by hand.
set -e
N=$1; kinds=$2; relabel=$3; near=$4; note=$5
cd "$(dirname "$0")/../.."
para=$(mktemp); out=$(mktemp -d)
{ cat "$relabel"; echo; cat "$near"; } > "$para"
python3 docs/held-out-tools/mkreadme.py "data/holdout$N" "$kinds" "$para"
dotnet "${CLAIMML_TRAINER:?set CLAIMML_TRAINER to a built ClaimMl.JudgeTrainer.dll}" quote-pairs --labeled "data/holdout$N" --out "$out" 2>&1 | grep "holdout$N:" || true
python3 docs/held-out-tools/addset.py "$note" "$N"
rm -rf "$para" "$out"
