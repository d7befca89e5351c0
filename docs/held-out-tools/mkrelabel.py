#!/usr/bin/env python3
"""mkrelabel.py DEST EVENT_DIR...: label-free copies (sources, claims shuffled without 'expected') for a blind relabel."""
import json, os, random, shutil, sys
dest = sys.argv[1]
for ev in sys.argv[2:]:
    slug = os.path.basename(os.path.normpath(ev)); out = os.path.join(dest, slug)
    shutil.copytree(os.path.join(ev, "sources"), os.path.join(out, "sources"))
    claims = [json.loads(l) for l in open(os.path.join(ev, "claims.jsonl")) if l.strip()]
    random.Random(slug).shuffle(claims)
    with open(os.path.join(out, "claims.jsonl"), "w") as f:
        for c in claims: f.write(json.dumps({"id": c["id"], "claim": c["claim"]}) + "\n")
    print(out)
