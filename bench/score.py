#!/usr/bin/env python3
"""Word F1 for many (extracted, reference) pairs at once, with the project's own metric: imports
score() from shared/tools/textscore.py so the numbers are exactly that script's.
stdin: JSON [[key, extracted_path, reference_path], ...]  stdout: JSON {key: {f1, p, r, order}}"""
import json, os, sys

sys.path.insert(0, sys.argv[1])  # the folder holding textscore.py
from textscore import score  # noqa: E402

def read(p):
    with open(p, encoding="utf-8", errors="replace") as f:
        return f.read()

out = {}
for key, got, ref in json.load(sys.stdin):
    try:
        f1, p, r, order = score(read(got), read(ref))
        out[key] = {"f1": round(f1, 4), "p": round(p, 4), "r": round(r, 4), "order": round(order, 4)}
    except OSError as e:
        out[key] = {"error": str(e)}
json.dump(out, sys.stdout)
