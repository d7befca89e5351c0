"""Shared by addset.py and mkreadme.py: an event's claims and their lengths in words by label."""
import json, os

from verdict_scores import LABELS


def claims(event_dir):
    """The claims of one event folder (its claims.jsonl), in file order; [] when it has none."""
    path = os.path.join(event_dir, "claims.jsonl")
    if not os.path.isfile(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def lengths_by_label(claim_list, into=None):
    """{label: [claim length in words, ...]} for the claims, added to `into` when given."""
    into = into if into is not None else {label: [] for label in LABELS}
    for c in claim_list:
        into[c["expected"]].append(len(c["claim"].split()))
    return into
