#!/usr/bin/env python3
"""agree.py RELABEL_DIR EVENT_DIR...: compare a relabeller's labels.jsonl with the writers' expected labels."""
import json, os, sys
rl = sys.argv[1]; tot = agree = 0
for ev in sys.argv[2:]:
    slug = os.path.basename(os.path.normpath(ev))
    exp = {c["id"]: (c["expected"], c["claim"]) for c in map(json.loads, filter(str.strip, open(os.path.join(ev, "claims.jsonl"))))}
    p = os.path.join(rl, slug, "labels.jsonl")
    if not os.path.exists(p): print(f"{slug}: no labels.jsonl"); continue
    got = {r["id"]: r for r in map(json.loads, filter(str.strip, open(p)))}
    n = sum(1 for i in exp if i in got and got[i]["label"] == exp[i][0]); tot += len(exp); agree += n
    print(f"{slug}: {n}/{len(exp)} agreed, {len(got)} labelled")
    for i, (e, c) in exp.items():
        if i not in got: print(f"   {i}: missing")
        elif got[i]["label"] != e: print(f"   {i}: writer {e}, relabeller {got[i]['label']} ({got[i].get('why','')}) :: {c}")
print(f"total {agree}/{tot}")
