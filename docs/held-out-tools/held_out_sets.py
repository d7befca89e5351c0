"""Shared by addset.py and mkreadme.py: an event's claims, their lengths in words and their counts by label."""
import json, os

from verdict_scores import LABELS


def claims(event_dir):
    """The claims of one event folder (its claims.jsonl), in file order; [] when it has none."""
    path = os.path.join(event_dir, "claims.jsonl")
    if not os.path.isfile(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def empty_lengths():
    """{label: []} for each verdict, for lengths_by_label to fill."""
    return {label: [] for label in LABELS}


def lengths_by_label(claim_list, into):
    """Adds each claim's length in words to into[its label]."""
    for c in claim_list:
        into[c["expected"]].append(len(c["claim"].split()))


def counts_by_label(claim_list):
    """How many of the claims carry each verdict, in LABELS order."""
    return [sum(1 for c in claim_list if c["expected"] == label) for label in LABELS]
