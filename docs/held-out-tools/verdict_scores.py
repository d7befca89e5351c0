"""Shared by pool.py, boot.py and retune_look.py: the three verdicts, macro-F1 and confirmed-or-not balanced accuracy of
a confusion given as {(gold, predicted): count}, and the paired bootstrap interval of a difference between two judges."""
import random
from collections import Counter

LABELS = ("confirmed", "disputed", "unverified")


def confusion(pairs):
    """{(gold, predicted): count} of (gold, predicted) pairs."""
    return Counter(pairs)


def macro_f1(c):
    """Mean F1 over the three verdicts (0 for a verdict never predicted correctly)."""
    total = 0
    for label in LABELS:
        tp = c.get((label, label), 0)
        fp = sum(c.get((g, label), 0) for g in LABELS if g != label)
        fn = sum(c.get((label, p), 0) for p in LABELS if p != label)
        total += 0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)
    return total / 3


def balanced_accuracy(c):
    """Balanced accuracy of confirmed against not confirmed (the summary check's measure)."""
    pos = sum(c.get(("confirmed", p), 0) for p in LABELS)
    tp = c.get(("confirmed", "confirmed"), 0)
    neg = sum(c.get((g, p), 0) for g in LABELS if g != "confirmed" for p in LABELS)
    tn = neg - sum(c.get((g, "confirmed"), 0) for g in LABELS if g != "confirmed")
    return (tp / pos + tn / neg) / 2


def paired_interval(a_pairs, b_pairs, measure, n=10000, seed=1):
    """90% interval of measure(B) - measure(A) over n resamples of the claims, the same claims for both: a_pairs[i] and
    b_pairs[i] are the (gold, predicted) pairs of one claim; measure takes a confusion (macro_f1, balanced_accuracy)."""
    rng = random.Random(seed); ds = []; k = len(a_pairs)
    for _ in range(n):
        smp = [rng.randrange(k) for _ in range(k)]
        ds.append(measure(confusion([b_pairs[i] for i in smp])) - measure(confusion([a_pairs[i] for i in smp])))
    ds.sort(); return ds[int(0.05 * n)], ds[int(0.95 * n) - 1]
