#!/usr/bin/env python3
"""boot.py [--balanced] A_DIR B_DIR [SET...]: pooled macro-F1 of A and B over the claims of the scored events (per set
and pooled), and the paired bootstrap 90% interval of B - A (10,000 resamples of claims, seed 1). With --balanced, the
same for the balanced accuracy of confirmed against not confirmed instead of macro-F1."""
import json, os, sys
from verdict_scores import confusion, macro_f1, balanced_accuracy, paired_interval
def load(d, sets):
    out = {}
    for f in sorted(os.listdir(d)):
        s = f.split("--")[0]
        if sets and s not in sets: continue
        for line in open(os.path.join(d, f)):
            r = json.loads(line); out[r["id"]] = (s, r["expected"], r["verdict"])
    return out
balanced = sys.argv[1:2] == ["--balanced"]
args = sys.argv[2:] if balanced else sys.argv[1:]
measure = balanced_accuracy if balanced else macro_f1
def score(pairs):
    return measure(confusion(pairs))
a = load(args[0], args[2:]); b = load(args[1], args[2:])
ids = sorted(set(a) & set(b)); assert len(ids) == len(a) == len(b), (len(ids), len(a), len(b))
for s in sorted({a[i][0] for i in ids}) + ["all"]:
    sub = [i for i in ids if s == "all" or a[i][0] == s]
    pa = [(a[i][1], a[i][2]) for i in sub]; pb = [(b[i][1], b[i][2]) for i in sub]
    fa = score(pa); fb = score(pb)
    lo, hi = paired_interval(pa, pb, measure)
    print(f"{s:12s} n={len(sub):4d}  A {fa:.3f}  B {fb:.3f}  B-A {fb-fa:+.3f}  90% ({lo:+.3f} to {hi:+.3f})")
