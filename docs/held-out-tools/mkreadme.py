#!/usr/bin/env python3
"""mkreadme.py SETDIR KINDS_JSON RELABEL_PARAGRAPH_FILE: write SETDIR/README.md in the layout of data/holdout87."""
import datetime, json, os, sys
from held_out_sets import claims, counts_by_label, empty_lengths, lengths_by_label
setdir, kinds, relabel = sys.argv[1], json.load(open(sys.argv[2])), open(sys.argv[3]).read().strip()
name = os.path.basename(os.path.normpath(setdir)); n = int(name.replace("holdout", ""))
evs = sorted(d for d in os.listdir(setdir) if os.path.isdir(os.path.join(setdir, d)))
rows = []; tot = [0, 0, 0, 0]; lens = empty_lengths(); news_w = []; sum_w = []
for ev in evs:
    srcs = sorted(os.listdir(os.path.join(setdir, ev, "sources")))
    for s in srcs:
        w = len(open(os.path.join(setdir, ev, "sources", s)).read().split())
        (sum_w if ev.startswith("summary-") else news_w).append(w)
    cl = claims(os.path.join(setdir, ev))
    c = counts_by_label(cl)
    lengths_by_label(cl, lens)
    rows.append(f"| `{ev}` | {kinds[ev]} | {len(srcs)} | {c[0]} | {c[1]} | {c[2]} |")
    tot = [tot[0] + len(srcs), tot[1] + c[0], tot[2] + c[1], tot[3] + c[2]]
news = [kinds[e] for e in evs if not e.startswith("summary-")]; summ = [kinds[e].replace("summary: ", "") for e in evs if e.startswith("summary-")]
ln = lambda l, unit="": f"{sum(lens[l]) / len(lens[l]):.1f}{unit} ({min(lens[l])}–{max(lens[l])})"
count = {4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
def ordinal_of(k):
    """English ordinal word of 1..399, capitalised (e.g. 'Hundred-and-tenth')."""
    ones = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
    teens = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
    tens = ["", "", "twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet"]
    if k >= 100:
        h = ["", "Hundred", "Two-hundred", "Three-hundred"][k // 100]
        return h + "th" if k % 100 == 0 else h + "-and-" + ordinal_of(k % 100).lower()
    if k < 10: w = ones[k]
    elif k < 20: w = teens[k - 10]
    elif k % 10 == 0: w = tens[k // 10] + "ieth"
    else: w = tens[k // 10] + "y-" + ones[k % 10]
    return w[0].upper() + w[1:]
ordinal = ordinal_of(n)
text = f"""# {ordinal} held-out set: twelve more made-up national and international news events

Written for ClaimMl on {datetime.date.today().isoformat()}, in the layout and with the label rule of [`data/holdout`](../holdout/README.md),
for a decision between judges: **no model has been scored on it** as of its first commit. It was written after
[`data/holdout{n-1}`](../holdout{n-1}/README.md), by six other helpers, with the same brief and claim-length rule, and is **kept fresh** for a later
decision.
National and international news as in `data/holdout3`–`data/holdout{n-1}` ({'; '.join(news)}; summaries: {'; '.join(summ)}), with
articles of mixed length (news sources of {min(news_w)}–{max(news_w)} words; summary articles of {min(sum_w)}–{max(sum_w)}). Every country,
city, person, organisation, product, currency and figure is made up; the writers grepped every invented name against
the earlier sets (including `data/judge-pairs` and the other pair folders) and each other's events and renamed clashes.
Topics were chosen to be rare in the earlier sets. The events are not real. The texts were written for this project by
six helpers (two events each) from one brief ([docs/writing-held-out-sets.md](../../docs/writing-held-out-sets.md):
four sources per news event: two wire reports, one differing on a figure, date or place; an official denial or
correction; an analysis or live blog passing on claims without endorsing them), nothing copied or paraphrased from real
news, encyclopedias or other data sets; licensed with the repository. Each event's `rationale.md` quotes the deciding
sentences (every quote checked by script, and by `quote-pairs`, to appear word for word in its file).

{relabel}

**Claim length does not give the label away**, as in [`data/holdout83`](../holdout83/README.md) (the length rule of
[docs/writing-held-out-sets.md](../../docs/writing-held-out-sets.md), checked by `LabeledEvaluationTests`): confirmed
claims {ln('confirmed', ' words on average')}, disputed {ln('disputed')}, unverified {ln('unverified')}.

**What it is for**: choosing between trained judges by a rule written before scoring it, once. Never pass it to
`tune --verdict-dev` or `train --verdict-dev`, and do not score it outside such a decision.

- **News events** ({count[len(news)]}): 4 sources (two wire reports from different outlets, one differing on a figure, date or
  place; an official statement that denies or corrects something; an analysis, round-up or live blog passing on
  claims attributed to others without endorsing them). 12 claims in other words than the sources, 8–35 words:
  attribution claims true and put in the wrong mouth, a quote or stance turned into its opposite, a wrong actor,
  number, date, place or outcome, refutations with and without negation words, claims fusing two sentences, true
  claims restating a figure less exactly, and on-topic claims no source states or denies (at least one passed on only
  as a rumour or allegation).
- **Summary events** ({count[len(summ)]}, `summary-*`): one article and 12 sentences of the kind an abstractive summariser writes:
  5 faithful compressions (confirmed; some fuse two sentences), 4 errors against the article (disputed), 3 plausible
  details the article never gives (unverified).

| Event folder | Kind | Sources | confirmed | disputed | unverified |
|---|---|---:|---:|---:|---:|
""" + "\n".join(rows) + f"""
| **total** | {len(evs)} events | **{tot[0]}** | **{tot[1]}** | **{tot[2]}** | **{tot[3]}** |

```bash
dotnet run -c Release --project src/ClaimMl.Cli -- evaluate --labeled data/{name}
```
"""
open(os.path.join(setdir, "README.md"), "w").write(text)
print(f"{name}: {len(evs)} events, {tot}")
