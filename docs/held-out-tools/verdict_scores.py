"""Shared by pool.py and boot.py: the three verdicts, macro-F1 and confirmed-or-not balanced accuracy of a confusion
given as {(gold, predicted): count}."""
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
