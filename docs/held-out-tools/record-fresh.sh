#!/bin/bash
# record-fresh.sh N...: after a decision, record the shipped judge's and the lexical model's figures for each
# data/holdoutN in models/judge.metrics.json and models/stance.metrics.json (evaluate --labeled ... --record; set
# CLAIMML_CLI to a built ClaimMl.Cli.dll). Logs go to $LOGDIR (default /tmp/record-fresh).
cd "$(dirname "$0")/../.."
logs=${LOGDIR:-/tmp/record-fresh}; mkdir -p "$logs"
for n in "$@"; do
  dotnet "${CLAIMML_CLI:?set CLAIMML_CLI to a built ClaimMl.Cli.dll}" evaluate --labeled data/holdout$n --judge models/judge.zip --record > "$logs/judge-$n.log" 2>&1 || echo "FAILED judge $n"
  dotnet "$CLAIMML_CLI" evaluate --labeled data/holdout$n --lexical-only --model models/stance.zip --record > "$logs/lexical-$n.log" 2>&1 || echo "FAILED lexical $n"
done
