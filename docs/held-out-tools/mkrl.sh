#!/bin/bash
# mkrl.sh SET DEST : label-free copies of a set's events for six blind relabellers, one news and one summary event each
# (the i-th news event with the i-th summary event, in name order), in DEST/SET-1 ... DEST/SET-6
set -e
cd "$(dirname "$0")/../.."
news=($(ls -d data/$1/*/ | grep -v '/summary-')); summ=($(ls -d data/$1/summary-*/))
[ ${#news[@]} -eq ${#summ[@]} ] || { echo "news and summary events differ in number" >&2; exit 1; }
for i in "${!news[@]}"; do
  python3 docs/held-out-tools/mkrelabel.py "$2/$1-$((i + 1))" "${news[$i]}" "${summ[$i]}" > /dev/null
  echo "$2/$1-$((i + 1))"
done
