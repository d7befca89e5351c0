#!/usr/bin/env python3
"""names.py [--data DIR] [--max N] [--words W...] [EVENT_DIR...]: which invented names are already used elsewhere in data/.

Reads every text file under data/ once (sources, claims, rationales, READMEs, pair files) and reports, for each
capitalised word of the given event folders (or each --words candidate), the other places (event folders, or files
outside them) that contain it as a whole word, case-insensitively. One pass over data/ instead of one `grep -ril` per
name: the writers' name checks were the CPU cost beside a training run. Words in more than --max other places (default
10) are ordinary words and not listed, nor words found only in the given folders; nothing printed means no clash.
Every --words candidate is listed whatever its count.
"""
import argparse, collections, os, re, sys

WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*\b")
TEXT = (".txt", ".jsonl", ".md", ".json")

def files_under(root):
    for here, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(TEXT):
                yield os.path.join(here, name)

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", nargs="*", help="event folders whose capitalised words are checked")
    parser.add_argument("--words", nargs="*", default=[], help="candidate names to check before writing")
    parser.add_argument("--max", type=int, default=10, help="list only words in at most this many other places")
    parser.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data"))
    args = parser.parse_args()
    mine = [os.path.realpath(e) for e in args.events]
    candidates = {w.lower() for w in args.words}
    wanted = set(candidates)
    for event in mine:
        for path in files_under(event):
            wanted |= {w.lower() for w in CAPITALISED.findall(open(path, encoding="utf-8").read())}
    if not wanted:
        sys.exit("give event folders or --words")
    found = collections.defaultdict(set)
    data = os.path.realpath(args.data)
    for path in files_under(data):
        if any(path.startswith(event + os.sep) for event in mine):
            continue
        parts = os.path.relpath(path, data).split(os.sep)
        place = os.path.join(*parts[:2]) if len(parts) > 2 else os.path.join(*parts)  # set/event, or the file itself
        words = {w.lower() for w in WORD.findall(open(path, encoding="utf-8", errors="replace").read())}
        for w in words & wanted:
            found[w].add(place)
    for w in sorted(found, key=lambda w: (len(found[w]), w)):
        places = sorted(found[w])
        if len(places) <= args.max or w in candidates:
            print(f"{w}: {len(places)}: {', '.join(places[:4])}{' …' if len(places) > 4 else ''}")

if __name__ == "__main__":
    main()
