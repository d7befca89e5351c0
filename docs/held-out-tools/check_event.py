#!/usr/bin/env python3
"""Check one held-out event folder: structure, word counts, labels, claim-length balance, quotes word for word.
Usage: python3 check_event.py <event folder> [...]"""
import json, os, re, sys

def words(s): return len(s.split())

def check(ev):
    errs = []
    slug = os.path.basename(os.path.normpath(ev))
    summary = slug.startswith("summary-")
    src_dir = os.path.join(ev, "sources")
    srcs = sorted(f for f in os.listdir(src_dir) if f.endswith(".txt")) if os.path.isdir(src_dir) else []
    want = 1 if summary else 4
    if len(srcs) != want: errs.append(f"{len(srcs)} sources, want {want}")
    texts = {}
    for f in srcs:
        t = open(os.path.join(src_dir, f), encoding="utf-8").read()
        texts[f] = t
        n = words(t)
        lo, hi = (650, 700) if summary else (280, 540)
        if not lo <= n <= hi: errs.append(f"{f}: {n} words, want {lo}-{hi}")
        if not re.match(r"^\d\d-[a-z0-9-]+\.txt$", f): errs.append(f"{f}: name should be NN-outlet-kind.txt")
    claims = []
    try:
        for i, line in enumerate(open(os.path.join(ev, "claims.jsonl"), encoding="utf-8"), 1):
            if line.strip(): claims.append(json.loads(line))
    except Exception as e:
        errs.append(f"claims.jsonl: {e}")
    if len(claims) != 12: errs.append(f"{len(claims)} claims, want 12")
    by = {"confirmed": [], "disputed": [], "unverified": []}
    for k, c in enumerate(claims, 1):
        if c.get("id") != f"{slug}-c{k}": errs.append(f"claim {k}: id {c.get('id')!r}, want {slug}-c{k}")
        if c.get("expected") not in by: errs.append(f"claim {k}: expected {c.get('expected')!r}"); continue
        n = words(c.get("claim", ""))
        if not 8 <= n <= 35: errs.append(f"claim {k}: {n} words, want 8-35")
        by[c["expected"]].append(n)
    counts = {k: len(v) for k, v in by.items()}
    if counts != {"confirmed": 5, "disputed": 4, "unverified": 3}: errs.append(f"labels {counts}, want 5/4/3")
    means = {k: sum(v) / len(v) for k, v in by.items() if v}
    if means and max(means.values()) - min(means.values()) > 3:
        errs.append("mean claim lengths differ by more than 3 words: " + ", ".join(f"{k} {m:.1f}" for k, m in means.items()))
    for k, v in by.items():
        if v and not any(n >= 20 for n in v): errs.append(f"{k}: no claim of 20 words or more")
        if v and not any(n <= 14 for n in v): errs.append(f"{k}: no claim of 14 words or fewer")
    rat_path = os.path.join(ev, "rationale.md")
    if not os.path.exists(rat_path):
        errs.append("no rationale.md")
    else:
        rat = open(rat_path, encoding="utf-8").read()
        heads = dict(re.findall(r"^## (\S+): (\w+)\s*$", rat, re.M))
        for c in claims:
            if heads.get(c.get("id")) != c.get("expected"):
                errs.append(f"rationale heading for {c.get('id')}: {heads.get(c.get('id'))!r}, claims.jsonl says {c.get('expected')!r}")
        sections = re.split(r"^## ", rat, flags=re.M)[1:]
        for sec in sections:
            sid = sec.split(":")[0]
            quotes = re.findall(r'^- `?([0-9][^`:]*\.txt)`?: "(.*)"\s*$', sec, re.M)
            if not quotes: errs.append(f"{sid}: no quote bullet")
            for f, q in quotes:
                q = q.replace('\\"', '"')
                if f not in texts: errs.append(f"{sid}: quotes unknown file {f}")
                elif q not in texts[f]: errs.append(f"{sid}: quote not found word for word in {f}: {q[:70]}...")
    return errs, counts, {k: round(m, 1) for k, m in means.items()}

ok = True
for ev in sys.argv[1:]:
    errs, counts, means = check(ev)
    print(f"{ev}: {'OK' if not errs else 'FAILED'}  labels {counts}  mean words {means}")
    for e in errs: print("   - " + e); ok = False
sys.exit(0 if ok else 1)
