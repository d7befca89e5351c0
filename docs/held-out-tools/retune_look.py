#!/usr/bin/env python3
"""retune_look.py A_DIR B_DIR TUNE_SETS EVAL_SETS [A_JUDGE_JSON]: a look at used sets only, never a decision.

A_DIR and B_DIR hold two judges' `check --explain --format json` readings of the same events (one file per event, named
SET--EVENT.jsonl, as score.sh names them, with --explain added). The script re-implements the judged stance
(JudgedStance.Decide: forward reading, no window-entails-only) and the verdict rule over the passages each judge read,
checks with A_JUDGE_JSON's verdict settings that it reproduces judge A's verdicts, then, for judge A, judge B and the
mean of the two judges' readings (on the passages A read), chooses entails / contradicts / refute margin on a grid to
maximise verdict macro-F1 on TUNE_SETS (comma-separated set names) and reports macro-F1 and confirmed-or-not balanced
accuracy on EVAL_SETS. The gate, passages and window stay as the judges read them."""
import json, glob, sys, itertools
import verdict_scores
def load(d):
    out={}
    for f in sorted(glob.glob(d+"/*.jsonl")):
        st=f.split("/")[-1].split("--")[0]
        for l in open(f):
            r=json.loads(l); r["set"]=st; out[r["id"]]=r
    return out
def passages(src):
    e=src.get("explanation") or {}
    return e.get("passages") or []
def decide(ps, ent, con, margin):
    if not ps: return "other"
    me=max(p["entails"] for p in ps); c=max(ps, key=lambda p:p["contradicts"])
    if c["contradicts"]>=con and ((c["contradicts"]-me>=margin) if margin is not None else c["contradicts"]>c["entails"]): return "refutes"
    if me>=ent: return "supports"
    return "other"
def verdict(claim_sources, ent, con, margin):
    sup=False
    for ps in claim_sources:
        s=decide(ps,ent,con,margin)
        if s=="refutes": return "disputed"
        sup|= s=="supports"
    return "confirmed" if sup else "unverified"
def macro_f1(pairs):
    return verdict_scores.macro_f1(verdict_scores.confusion(pairs))
def bal(pairs):
    return verdict_scores.balanced_accuracy(verdict_scores.confusion(pairs))
a=load(sys.argv[1]); b=load(sys.argv[2])
# per claim: list of per-source passage lists for judge A, B and the mean (on A's read sources)
claims={}
miss=0
for cid,r in a.items():
    rb=b[cid]; bsrc={s["source"]:s for s in rb["sources"]}
    A=[];B=[];M=[]
    for s in r["sources"]:
        pa=passages(s)
        if not pa: continue
        pb={(p["text"],p["window"]):p for p in passages(bsrc[s["source"]])}
        qb=[];m=[]
        for p in pa:
            q=pb.get((p["text"],p["window"]))
            if q is None: miss+=1; q=p
            qb.append(q); m.append({"entails":(p["entails"]+q["entails"])/2,"contradicts":(p["contradicts"]+q["contradicts"])/2})
        A.append(pa); B.append(qb); M.append(m)
    claims[cid]=(r["set"], r.get("expected"), r["verdict"], A, B, M)
print("passages of A not read by B:", miss, file=sys.stderr)
tune_sets=set(sys.argv[3].split(",")); eval_sets=set(sys.argv[4].split(","))
a_settings=json.load(open(sys.argv[5]))["verdict"] if len(sys.argv)>5 else None
# sanity: A's settings reproduce A's verdicts
if a_settings:
    shipped=(a_settings["entails"],a_settings["contradicts"],a_settings.get("refuteMargin"))
    agree=sum(1 for c in claims.values() if verdict(c[3],*shipped)==c[2])
    print(f"sanity: A's settings reproduce A's verdict on {agree}/{len(claims)} claims", file=sys.stderr)
grid=list(itertools.product([0.2,0.3,0.4,0.5,0.6,0.7],[0.3,0.4,0.5,0.6,0.7,0.8,0.9],[None,0.0,0.1,0.2,0.3,0.4,0.5,0.6]))
tune=[c for c in claims.values() if c[0] in tune_sets]; ev=[c for c in claims.values() if c[0] in eval_sets]
tuned={}
for name,k in (("A",3),("B",4),("mean",5)):
    best=max(grid, key=lambda g: macro_f1([(c[1],verdict(c[k],*g)) for c in tune]))
    tf=macro_f1([(c[1],verdict(c[k],*best)) for c in tune])
    pe=[(c[1],verdict(c[k],*best)) for c in ev]; tuned[name]=pe
    print(f"{name:5s} tuned {best} tune macro-F1 {tf:.3f} | eval n={len(pe)} macro-F1 {macro_f1(pe):.3f} balanced {bal(pe):.3f}")
    if a_settings and name!="B":
        pe=[(c[1],verdict(c[k],*shipped)) for c in ev]
        print(f"{name:5s} with A's shipped settings {shipped}: eval macro-F1 {macro_f1(pe):.3f} balanced {bal(pe):.3f}")
# paired bootstrap of tuned mean minus tuned A on the eval claims
pa,pm=tuned["A"],tuned["mean"]
lo,hi=verdict_scores.paired_interval(pa, pm, verdict_scores.macro_f1, n=2000)
print(f"tuned mean - tuned A on eval: {macro_f1(pm)-macro_f1(pa):+.3f} 90% {lo:+.3f} to {hi:+.3f}")
