#!/usr/bin/env python3
"""How much the candidate index loses of what the scorer would say, at scale.

The labelled sets (tests/data/relevance) are small, so `capmatch match` scores every
pair of them and the index never runs. This script puts each set's needs and offers
among the offers of a large synthetic corpus (its needs dropped, its ids prefixed
with "x-"), runs `capmatch match --top 10 --min-score 0 --format jsonl` once with
the index and once with every offer scored (`--exact`), and prints, per set, how
many of the judged pairs of grade 3 (and of grade 2 or more) are in the top 10, and
nDCG@10 with the synthetic offers counted as grade 0 (they are not judged; some may
help). The development sets and the held-out sets are printed apart.

With --agreement it also runs the synthetic corpus itself both ways and prints
the share of every-offer top-10 places that the index's top 10 holds (quadratic:
about a minute at 30,000 x 30,000 on two cores).

    python3 scripts/labelled_at_scale.py CORPUS.json [--bin target/release/capmatch]
        [--config FILE] [--agreement]

Python's standard library only; the corpus comes from `capmatch synth` or
scripts/second_generator.py.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

SETS = {"development": ["devset", "dev-2"], "held out": ["holdout", "holdout-2"]}
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def run(binary, corpus_path, out, exact, config):
    args = [binary, "match", "--quiet", "--top", "10", "--min-score", "0", "--format", "jsonl", "-o", out]
    if exact:
        args.append("--exact")
    if config:
        args += ["--config", config]
    subprocess.run(args + [corpus_path], check=True, stderr=subprocess.DEVNULL)
    top = {}
    with open(out) as f:
        for line in f:
            m = json.loads(line)
            if "offer" in m:
                top.setdefault(m["need"], []).append(m["offer"])
    return top


def dcg(grades):
    return sum((2**g - 1) / math.log2(k + 2) for k, g in enumerate(grades))


def figures(labelled, top):
    grades = {(q["need"], q["offer"]): q["grade"] for q in labelled["qrels"]}
    found = {3: 0, 2: 0}
    total = {3: 0, 2: 0}
    for (need, offer), g in grades.items():
        for at_least in (3, 2):
            if g >= at_least:
                total[at_least] += 1
                found[at_least] += offer in top.get(need, [])
    ndcg = []
    for need in sorted({n for n, _ in grades}):
        ideal = dcg(sorted((g for (n, _), g in grades.items() if n == need), reverse=True)[:10])
        got = dcg([grades.get((need, o), 0) for o in top.get(need, [])[:10]])
        ndcg.append(got / ideal if ideal else 0.0)
    return found, total, sum(ndcg) / len(ndcg)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpus")
    p.add_argument("--bin", default=os.path.join(ROOT, "target/release/capmatch"))
    p.add_argument("--config", help="a match configuration for the index runs")
    p.add_argument("--agreement", action="store_true")
    a = p.parse_args()
    with open(a.corpus) as f:
        synthetic = json.load(f)
    distractors = []
    for s in synthetic["submissions"]:
        offers = [dict(o, id="x-" + o["id"]) for o in s.get("offers", [])]
        if offers:
            distractors.append({k: v for k, v in s.items() if k not in ("needs", "offers")} | {"offers": offers})
    n = sum(len(s["offers"]) for s in distractors)
    print(f"{n} synthetic offers from {a.corpus}; capmatch {a.bin}" + (f", --config {a.config}" if a.config else ""))
    print("| part | set | grade 3 in top 10: index / every offer | grade >= 2: index / every offer | nDCG@10: index / every offer |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.jsonl")
        for part, names in SETS.items():
            sums = [0, 0, 0, 0, 0]
            for name in names:
                with open(os.path.join(ROOT, "tests/data/relevance", name + ".json")) as f:
                    labelled = json.load(f)
                path = os.path.join(tmp, name + ".json")
                with open(path, "w") as f:
                    json.dump({"submissions": labelled["corpus"]["submissions"] + distractors}, f)
                fi, ti, ni = figures(labelled, run(a.bin, path, out, False, a.config))
                fe, _, ne = figures(labelled, run(a.bin, path, out, True, None))
                print(f"| {part} | {name} | {fi[3]} / {fe[3]} of {ti[3]} | {fi[2]} / {fe[2]} of {ti[2]} | {ni:.3f} / {ne:.3f} |")
                for k, v in enumerate((fi[3], fe[3], ti[3], fi[2], fe[2])):
                    sums[k] += v
            print(f"| {part} | both | {sums[0]} / {sums[1]} of {sums[2]} | {sums[3]} / {sums[4]} | |")
        if a.agreement:
            index = run(a.bin, a.corpus, out, False, a.config)
            exact = run(a.bin, a.corpus, out, True, None)
            places = sum(len(v) for v in exact.values())
            held = sum(len(set(v) & set(index.get(k, []))) for k, v in exact.items())
            print(f"agreement on {a.corpus}: the index's top 10 holds {held} of {places} every-offer top-10 places ({held / places:.4f})")


if __name__ == "__main__":
    sys.exit(main())
