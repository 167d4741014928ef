#!/usr/bin/env python3
"""Scores Quarry's PDF text against the corpus ground truth, next to pdftotext (poppler-utils) on the
same files: word F1 per file (shared/tools/textscore.py's metric), the means, and the total time of
each tool (best of N runs per file, process start included for both).
Usage: pdf_corpus_score.py --cli build/release/bin/quarry [--corpus DIR] [--runs N] [--out DIR]
"""
import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def load_textscore(corpus):
    path = os.path.join(os.path.dirname(corpus.rstrip("/")), "tools", "textscore.py")
    if not os.path.exists(path):
        path = os.path.join(HERE, "..", "..", "shared", "tools", "textscore.py")
    spec = importlib.util.spec_from_file_location("textscore", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run_timed(cmd, runs):
    best, out = None, b""
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=120)
        dt = time.perf_counter() - t
        out = p.stdout
        best = dt if best is None else min(best, dt)
    return out.decode("utf-8", "replace"), best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--corpus", default=os.path.join(HERE, "..", "..", "shared", "corpus"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", help="keep the extracted texts here")
    args = ap.parse_args()
    corpus = os.path.abspath(args.corpus)
    ts = load_textscore(corpus)
    pdf_dir = os.path.join(corpus, "pdf")
    gt_dir = os.path.join(pdf_dir, "_ground_truth")
    out_dir = args.out or tempfile.mkdtemp()
    os.makedirs(out_dir, exist_ok=True)
    rows = []
    tq = tp = 0.0
    for name in sorted(os.listdir(pdf_dir)):
        if not name.endswith(".pdf"):
            continue
        gt = os.path.join(gt_dir, name + ".txt")
        if not os.path.exists(gt):
            continue
        ref = open(gt, encoding="utf-8", errors="replace").read()
        path = os.path.join(pdf_dir, name)
        q, dq = run_timed([args.cli, path], args.runs)
        p, dp = run_timed(["pdftotext", "-enc", "UTF-8", path, "-"], args.runs)
        open(os.path.join(out_dir, name + ".quarry.txt"), "w").write(q)
        open(os.path.join(out_dir, name + ".pdftotext.txt"), "w").write(p)
        fq = ts.score(q, ref)[0]
        fp = ts.score(p, ref)[0]
        tq += dq
        tp += dp
        rows.append((name, fq, fp, dq, dp))
    print(f"{'file':44} {'quarry':>7} {'pdftotext':>9} {'diff':>6} {'q ms':>7} {'p ms':>7}")
    for name, fq, fp, dq, dp in rows:
        flag = "  <-- below" if fq < fp - 0.05 else ""
        print(f"{name:44} {fq:7.3f} {fp:9.3f} {fq - fp:+6.3f} {dq * 1000:7.1f} {dp * 1000:7.1f}{flag}")
    n = max(1, len(rows))
    mq = sum(r[1] for r in rows) / n
    mp = sum(r[2] for r in rows) / n
    print(f"{'MEAN (' + str(len(rows)) + ' files)':44} {mq:7.3f} {mp:9.3f} {mq - mp:+6.3f} {tq * 1000:7.1f} {tp * 1000:7.1f}")
    print(f"total time: quarry {tq:.3f} s, pdftotext {tp:.3f} s (best of {args.runs} per file)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
