#!/bin/bash
# score.sh JUDGE OUTDIR SET... : per event, the judged verdicts of its claims as JSON lines
judge=$(realpath "$1"); out=$(realpath -m "$2"); shift 2
mkdir -p "$out"
cd "$(dirname "$0")/../.."
for set in "$@"; do
  for ev in data/$set/*/; do
    name=$(basename "$ev")
    dotnet "${CLAIMML_CLI:?set CLAIMML_CLI to a built ClaimMl.Cli.dll}" check --judge "$judge" --sources "$ev/sources" --claims "$ev/claims.jsonl" --format json --out "$out/$set--$name.jsonl" || echo "FAILED $ev"
  done
done
