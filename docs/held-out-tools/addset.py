#!/usr/bin/env python3
"""addset.py NOTE N...: for each new set data/holdoutN (in order), its LabeledEvaluationTests case (after the
previous set's; the claim-length test finds every set from data/holdout83 on by itself) and its docs/data.md bullet
(after the previous set's bullet), NOTE ending the bullet (e.g. "committed unscored. **Kept fresh** for a later
decision.")."""
import os, re, sys
from held_out_sets import claims, counts_by_label, empty_lengths, lengths_by_label
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
note = sys.argv[1]
tests = os.path.join(root, "tests", "ClaimMl.Tests", "LabeledEvaluationTests.cs"); data = os.path.join(root, "docs", "data.md")
for n in map(int, sys.argv[2:]):
    name, prev = f"holdout{n}", f"holdout{n - 1}"
    lens = empty_lengths(); counts = [0, 0, 0]
    for ev in sorted(os.listdir(os.path.join(root, "data", name))):
        cl = claims(os.path.join(root, "data", name, ev))
        lengths_by_label(cl, lens)
        counts = [total + k for total, k in zip(counts, counts_by_label(cl))]
    t = open(tests, encoding="utf-8").read()
    if f'"{name}"' not in t:
        a = f'    [TestCase("{prev}", '; i = t.index(a); j = t.index("\n", i) + 1
        t = t[:j] + f'    [TestCase("{name}", {counts[0]}, {counts[1]}, {counts[2]})]\n' + t[j:]
        open(tests, "w", encoding="utf-8").write(t)
    d = open(data, encoding="utf-8").read()
    if f"[`data/{name}`]" not in d:
        m = re.search(rf"^- \[`data/{prev}`\].*?(?=^- |\Z)", d, re.S | re.M)
        mean = " / ".join(f"{sum(v) / len(v):.1f}" for v in lens.values())
        bullet = (f"- [`data/{name}`](../data/{name}/README.md): one more written the same way (confirmed / disputed /\n"
                  f"  unverified claims {mean} words on average), relabelled blind by six other helpers ({sum(counts)} of {sum(counts)} agreed;\n"
                  f"  `quote-pairs` skips none of its quotes), {note}\n")
        d = d[:m.end()] + bullet + d[m.end():]
        open(data, "w", encoding="utf-8").write(d)
    print(name, counts)
