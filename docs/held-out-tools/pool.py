#!/usr/bin/env python3
"""pool.py METRICS_JSON LO HI: the recorded verdicts of data/holdoutLO..HI (evaluate --labeled --record) pooled over
their claims: macro-F1, the confusion (rows gold), and the balanced accuracy of confirmed against not confirmed on the
summary events, on the news events and on all."""
import json, sys
from verdict_scores import LABELS, macro_f1 as f1, balanced_accuracy as bal
m = json.load(open(sys.argv[1])); lo, hi = int(sys.argv[2]), int(sys.argv[3])
conf = {"all": {}, "summary": {}, "news": {}}
for s in range(lo, hi + 1):
    for ev, r in m[f"labeledClaims (holdout{s})"]["sets"].items():
        if ev.startswith("all ("): continue  # the set's own total
        for part in ("all", "summary" if ev.startswith("summary-") else "news"):
            for g, row in r["confusion (rows gold, columns predicted)"].items():
                for p, n in row.items(): conf[part][(g, p)] = conf[part].get((g, p), 0) + n
for part, c in conf.items():
    n = sum(c.values())
    print(f"{part:8s} n={n:5d} macro-F1 {f1(c):.3f}  balanced accuracy (confirmed or not) {bal(c):.3f}")
print("confusion (all; rows gold):")
for g in LABELS: print(f"  {g:10s}", " ".join(f"{p} {conf['all'].get((g, p), 0):5d}" for p in LABELS))
