#!/bin/bash
# writer-prompt.sh SET K NEWS_TOPICS SUMMARY_TOPICS [FIRST_SET]: the task message for writer K (1-6) of data/holdoutSET.
# NEWS_TOPICS and SUMMARY_TOPICS hold one topic a line; writer K of set SET takes line (SET - FIRST_SET) * 6 + K of each
# (FIRST_SET: the first set the lists were written for, default SET, so that line K is used).
set -e
SET=$1; K=$2; FIRST=${5:-$1}; i=$(( (SET - FIRST) * 6 + K ))
repo=$(cd "$(dirname "$0")/../.." && pwd)
N=$(sed -n "${i}p" "$3"); S=$(sed -n "${i}p" "$4")
[ -n "$N" ] && [ -n "$S" ] || { echo "no topic on line $i" >&2; exit 1; }
cat <<P
Read $repo/docs/held-out-tools/brief-writer.md and follow it exactly, with <repo> = $repo and holdoutNN = holdout$SET (so your events go in $repo/data/holdout$SET/<slug>/).

Your two topics:
- news event: $N
- summary event: $S

Five other writers are writing their own two events in $repo/data/holdout$SET/ at the same time. Do not read other writers' folders in holdout$SET (the names.py check is fine). Touch only your own two event folders; do not edit any other file, do not run git or dotnet, and do not read ../shared. If your topic is near an earlier event (step 3 of the brief), change the angle and say so in your report. When the check script prints OK for both events and you have re-read every claim as a strict reader, finish with the short report the brief asks for (slugs, one line per event, the check output), plus one line naming any earlier event your topic was near and how you changed the angle.
P
