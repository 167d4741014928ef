#!/usr/bin/env python3
"""Damaged-input check over every corpus PDF: each file truncated at 10 points and with 100 random
byte flips (N variants) must give a result or a typed error through the CLI — never a crash
(signal), a hang (timeout) or an untyped failure. Prints a summary; exits 1 on any failure.
Usage: pdf_damage_check.py --cli build/release/bin/quarry [--corpus DIR] [--flips-variants N]
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--corpus", default=os.path.join(HERE, "..", "..", "shared", "corpus"))
    ap.add_argument("--flips-variants", type=int, default=3, help="flipped copies per file (100 flips each)")
    ap.add_argument("--timeout", type=float, default=30)
    args = ap.parse_args()
    pdf_dir = os.path.join(args.corpus, "pdf")
    rng = random.Random(1234)
    counts = {"ok": 0, "typed_error": 0}
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "damaged.pdf")
        for name in sorted(os.listdir(pdf_dir)):
            if not name.endswith(".pdf"):
                continue
            data = open(os.path.join(pdf_dir, name), "rb").read()
            variants = [("cut%d" % k, data[: len(data) * k // 11]) for k in range(1, 11)]
            for v in range(args.flips_variants):
                b = bytearray(data)
                for _ in range(100):
                    b[rng.randrange(len(b))] = rng.randrange(256)
                variants.append(("flip%d" % v, bytes(b)))
            for label, blob in variants:
                open(path, "wb").write(blob)
                try:
                    p = subprocess.run([args.cli, path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       timeout=args.timeout)
                except subprocess.TimeoutExpired:
                    failures.append(f"{name} {label}: timeout")
                    continue
                if p.returncode < 0:
                    failures.append(f"{name} {label}: signal {-p.returncode}")
                elif p.returncode == 0:
                    counts["ok"] += 1
                elif p.returncode == 1 and p.stderr.strip():  # the CLI's report of an error value
                    counts["typed_error"] += 1
                else:
                    failures.append(f"{name} {label}: exit {p.returncode}: {(p.stderr or p.stdout)[:200]!r}")
    print(f"damaged PDFs: {counts['ok']} results, {counts['typed_error']} typed errors, {len(failures)} failures")
    for f in failures:
        print("  FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
