"""The scikit-learn baseline for scripts/compare_sklearn.sh: TF-IDF cosine top-k.

    $VENV/bin/python scripts/compare_sklearn.py CORPUS.json TRUTH.json \\
        [--top 10] [--chunk 1024] [--dtype float32] [--jobs 1] [--output top.csv]
    $VENV/bin/python scripts/compare_sklearn.py CORPUS.json TRUTH.json --tune [--tune-needs 4096]

What it does, on a capmatch corpus JSON (the format `capmatch match` reads):

1. TfidfVectorizer (scikit-learn defaults: its English token pattern, lower case, no
   stop words; sublinear_tf=True) fitted on the texts of all needs and all offers;
   rows L2-normalised (the default), so a dot product is the cosine.
2. For chunks of needs: the sparse product needs_chunk @ offers.T, made dense; offers of
   the need's own party set to -1 (in capmatch a party never matches itself; the
   party is the submission's "economy", an organisation's included); the k best offers
   with a positive cosine kept (np.argpartition, then sorted by score and offer index).
3. recall@k of the planted pairs of the truth file, counted as capmatch counts it: the
   share of planted (need, offer) pairs whose offer is in that need's top k.

scipy's sparse product runs on one thread; --jobs N runs N chunks at once in joblib
worker processes (loky). --tune times each (chunk size, dtype) on the first
--tune-needs needs against all offers and prints the fastest; chunk sizes whose dense
block would exceed --max-block cells are skipped (memory).

Prints one JSON line on standard output: sizes, settings, phase timings, recall.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np
from joblib import Parallel, delayed
from sklearn.feature_extraction.text import TfidfVectorizer


def load(path):
    with open(path, encoding="utf-8") as f:
        corpus = json.load(f)
    need_ids, need_party, need_text = [], [], []
    offer_ids, offer_party, offer_text = [], [], []
    for sub in corpus["submissions"]:
        party = str(sub.get("economy", "")).strip().upper()
        for item in sub.get("needs") or []:
            need_ids.append(item["id"])
            need_party.append(party)
            need_text.append(item["text"])
        for item in sub.get("offers") or []:
            offer_ids.append(item["id"])
            offer_party.append(party)
            offer_text.append(item["text"])
    return need_ids, need_party, need_text, offer_ids, offer_party, offer_text


def top_k_block(block, offers_t, need_codes, offer_codes, k):
    """Top-k offer indices (-1 where fewer than k have a positive cosine) for one chunk."""
    scores = (block @ offers_t).toarray()
    scores[need_codes[:, None] == offer_codes[None, :]] = -1.0
    k = min(k, scores.shape[1])
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    part_scores = np.take_along_axis(scores, part, axis=1)
    # sort the k by score descending, then offer index ascending (deterministic ties)
    order = np.lexsort((part, -part_scores), axis=1)
    idx = np.take_along_axis(part, order, axis=1)
    sc = np.take_along_axis(part_scores, order, axis=1)
    idx[sc <= 0] = -1
    return idx.astype(np.int32), sc.astype(np.float32)


def rank(needs_m, offers_t, need_codes, offer_codes, k, chunk, jobs):
    starts = range(0, needs_m.shape[0], chunk)
    if jobs == 1:
        parts = [top_k_block(needs_m[s:s + chunk], offers_t, need_codes[s:s + chunk], offer_codes, k) for s in starts]
    else:
        parts = Parallel(n_jobs=jobs, backend="loky", max_nbytes="1M")(
            delayed(top_k_block)(needs_m[s:s + chunk], offers_t, need_codes[s:s + chunk], offer_codes, k)
            for s in starts)
    if not parts:
        return np.zeros((0, k), np.int32), np.zeros((0, k), np.float32)
    return np.vstack([p[0] for p in parts]), np.vstack([p[1] for p in parts])


def main(argv=None):
    ap = argparse.ArgumentParser(description="scikit-learn TF-IDF top-k baseline for capmatch")
    ap.add_argument("corpus")
    ap.add_argument("truth")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--chunk", type=int, default=1024)
    ap.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes for chunks (1: in process)")
    ap.add_argument("--output", help="write the top-k as CSV need,rank,offer,score")
    ap.add_argument("--tune", action="store_true", help="time chunk sizes and dtypes, print the fastest")
    ap.add_argument("--tune-needs", type=int, default=4096)
    ap.add_argument("--tune-chunks", default="128,256,1024,4096")
    ap.add_argument("--max-block", type=float, default=2.5e8, help="largest dense block (cells) a chunk may make")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    need_ids, need_party, need_text, offer_ids, offer_party, offer_text = load(args.corpus)
    with open(args.truth, encoding="utf-8") as f:
        planted = json.load(f)["planted"]
    t_load = time.perf_counter() - t0

    parties = {p: i for i, p in enumerate(sorted(set(need_party) | set(offer_party)))}
    need_codes = np.array([parties[p] for p in need_party], dtype=np.int32)
    offer_codes = np.array([parties[p] for p in offer_party], dtype=np.int32)

    def vectorise(dtype):
        vec = TfidfVectorizer(sublinear_tf=True, dtype=getattr(np, dtype))
        vec.fit(need_text + offer_text)
        needs_m = vec.transform(need_text).tocsr()
        offers_t = vec.transform(offer_text).T.tocsr()
        return vec, needs_m, offers_t

    if args.tune:
        n = min(args.tune_needs, len(need_ids))
        results = []
        for dtype in ["float32", "float64"]:
            _, needs_m, offers_t = vectorise(dtype)
            for chunk in [int(c) for c in args.tune_chunks.split(",")]:
                if chunk * len(offer_ids) > args.max_block:
                    print(f"tune: chunk {chunk} {dtype}: skipped (dense block over {args.max_block:.0e} cells)",
                          file=sys.stderr)
                    continue
                s = time.perf_counter()
                rank(needs_m[:n], offers_t, need_codes[:n], offer_codes, args.top, chunk, 1)
                secs = time.perf_counter() - s
                print(f"tune: chunk {chunk} {dtype}: {secs:.2f} s for {n} needs x {len(offer_ids)} offers",
                      file=sys.stderr)
                results.append((secs, chunk, dtype))
        best = min(results)
        print(json.dumps({"tune_needs": n, "offers": len(offer_ids), "chunk": best[1], "dtype": best[2],
                          "seconds": round(best[0], 3),
                          "all": [{"chunk": c, "dtype": d, "seconds": round(s, 3)} for s, c, d in results]}))
        return

    t1 = time.perf_counter()
    vec, needs_m, offers_t = vectorise(args.dtype)
    t_fit = time.perf_counter() - t1
    t2 = time.perf_counter()
    idx, sc = rank(needs_m, offers_t, need_codes, offer_codes, args.top, args.chunk, args.jobs)
    t_rank = time.perf_counter() - t2

    need_pos = {n: i for i, n in enumerate(need_ids)}
    offer_pos = {o: j for j, o in enumerate(offer_ids)}
    found = 0
    for p in planted:
        i, j = need_pos.get(p["need"]), offer_pos.get(p["offer"])
        if i is not None and j is not None and (idx[i] == j).any():
            found += 1
    recall = found / len(planted) if planted else 0.0

    t3 = time.perf_counter()
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write("need,rank,offer,score\n")
            for i, nid in enumerate(need_ids):
                for r in range(idx.shape[1]):
                    j = idx[i, r]
                    if j >= 0:
                        f.write(f"{nid},{r + 1},{offer_ids[j]},{sc[i, r]:.4f}\n")
    t_write = time.perf_counter() - t3

    print(f"recall@{args.top} of planted pairs: {recall:.4f} ({found} of {len(planted)} found)", file=sys.stderr)
    print(json.dumps({"needs": len(need_ids), "offers": len(offer_ids), "terms": len(vec.vocabulary_),
                      "chunk": args.chunk, "dtype": args.dtype, "jobs": args.jobs,
                      "load_s": round(t_load, 2), "tfidf_s": round(t_fit, 2), "rank_s": round(t_rank, 2),
                      "write_s": round(t_write, 2), "planted": len(planted), "found": found,
                      "recall": round(recall, 4)}))


if __name__ == "__main__":
    main()
