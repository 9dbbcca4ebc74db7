#!/usr/bin/env python3
"""A plain baseline for progress links: TF-IDF cosine between an economy's needs.

For each labelled directory under tests/data/progress: every need's words
(lower-cased, a short stop list removed), sublinear TF-IDF with the document
frequencies over that directory's needs, cosine between a later and an earlier
need of consecutive editions, and the one-to-one links that maximise the summed
cosine among pairs at or above a threshold (exact, by dynamic programming over the
earlier edition's needs). The threshold is the one that maximises link F1 on the
development directories (dev, dev-2, dev-3); the held-out directories are only measured.

    python3 scripts/progress_baseline.py [CAPMATCH_BINARY]

CTAP text files are read with `capmatch parse` (default target/release/capmatch),
so that their need ids are the parser's; corpus JSON is read directly. Nothing
here is needed by cargo test.
"""

import glob
import json
import math
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/capmatch")
STOP = set(
    "a an and the of for on in to with by at from as or its their our be is are would will "
    "this that these those such including into under over through other also more".split()
)


def submissions(path):
    if path.endswith(".txt"):
        out = subprocess.run([BIN, "parse", path], capture_output=True, text=True, check=True)
        return json.loads(out.stdout)["submissions"]
    with open(path, encoding="utf-8") as f:
        return json.load(f)["submissions"]


def load(directory):
    """{(economy, year): [(id, text)]} and the labelled links."""
    editions = defaultdict(list)
    files = sorted(glob.glob(os.path.join(directory, "*.json")) + glob.glob(os.path.join(directory, "*.txt")))
    for path in files:
        if os.path.basename(path) == "expected.json":
            continue
        for s in submissions(path):
            for n in s.get("needs", []):
                editions[s["year"]].append((n["id"], n["text"]))
    with open(os.path.join(directory, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    return editions, expected


def vectors(texts):
    docs = [[w for w in re.findall(r"[a-z0-9]+", t.lower()) if w not in STOP] for t in texts]
    df = Counter(w for d in docs for w in set(d))
    n = len(docs)
    out = []
    for d in docs:
        tf = Counter(d)
        v = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) + 1e-12 for w, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({w: x / norm for w, x in v.items()})
    return out


def cosine(a, b):
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def assign(matrix, t):
    """One-to-one links (row, column) maximising the summed value of pairs ≥ t."""
    columns = len(matrix[0]) if matrix else 0
    best = {0: (0.0, [])}
    for r, row in enumerate(matrix):
        nxt = dict(best)  # row r left unlinked
        for used, (value, links) in best.items():
            for c in range(columns):
                if used >> c & 1 or row[c] < t:
                    continue
                key = used | 1 << c
                cand = (value + row[c], links + [(r, c)])
                if key not in nxt or cand[0] > nxt[key][0]:
                    nxt[key] = cand
        best = nxt
    return max(best.values(), key=lambda v: v[0])[1]


def pairs(directory):
    """Per edition pair: the cosine matrix, the ids, and the labelled links."""
    by_year, expected = load(directory)
    ids = [i for year in by_year.values() for i, _ in year]
    texts = [t for year in by_year.values() for _, t in year]
    vec = dict(zip(ids, vectors(texts)))
    out = []
    for e in expected["editions"]:
        prefix = e["economy"]
        later = [i for i in ids if i in {l["need"] for l in e["persistent"]} | set(e["new"])]
        earlier = [i for i in ids if i in {l["previous"] for l in e["persistent"]} | set(e["resolved"])]
        matrix = [[cosine(vec[a], vec[b]) for b in earlier] for a in later]
        gold = {(l["need"], l["previous"]) for l in e["persistent"]}
        out.append((prefix, later, earlier, matrix, gold))
    return out


def figures(sets, t):
    labelled = predicted = correct = 0
    for _, later, earlier, matrix, gold in sets:
        links = {(later[r], earlier[c]) for r, c in assign(matrix, t)}
        labelled += len(gold)
        predicted += len(links)
        correct += len(links & gold)
    p = correct / predicted if predicted else 1.0
    r = correct / labelled if labelled else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    data = os.path.join(ROOT, "tests/data/progress")
    dev = {d: pairs(os.path.join(data, d)) for d in ["dev", "dev-2", "dev-3"]}
    held = {d: pairs(os.path.join(data, d)) for d in ["holdout", "holdout-2"]}
    pooled = [p for v in dev.values() for p in v]
    grid = [k / 100 for k in range(1, 100)]
    scores = [figures(pooled, t)[2] for t in grid]
    t = grid[scores.index(max(scores))]
    print(f"TF-IDF cosine baseline, threshold {t:.2f} (best link F1 on dev, dev-2 and dev-3)")
    for name, sets in list(dev.items()) + list(held.items()):
        p, r, f = figures(sets, t)
        part = "development" if name in dev else "held out"
        print(f"  {name:<10} ({part}): P {p:.3f} R {r:.3f} F1 {f:.3f}")


if __name__ == "__main__":
    main()
