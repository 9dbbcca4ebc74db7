"""How faithful and how useful the distilled static vectors are, on development data only.

    target/distill-venv/bin/python scripts/semantic_eval.py [--vectors DIR ...] [--data FILE ...]

(the venv is the one scripts/distill-vectors.sh makes). For each vectors directory
(vectors.bin + vocab.txt; default src/similarity/semantic) it prints:

- the Spearman correlation, over every (need, offer) pair of two different economies,
  between the static model's cosine and the teacher's (all-MiniLM-L6-v2, run in full
  by the numpy forward pass of distill_vectors.py, texts cut at its 256 tokens);
- nDCG@5 (gain 2^g - 1) and MRR (first offer of grade >= 2) of ranking each need's
  offers by that cosine alone, the need's own economy excluded, over the needs with
  a relevant offer: the same figures as tests/relevance.rs, for the static cosine and
  for the teacher's cosine.

With --write-fixture it also writes tests/data/semantic/reference.json, which the
Rust unit tests check against: the reference tokenizer's (Hugging Face tokenizers on
the teacher's tokenizer.json) WordPiece tokens for awkward strings and for every
development text, and the static cosine of some text pairs computed here.

It reads only the development sets (tests/data/relevance/devset.json, and dev-2.json
when present) and refuses any file whose name says it is held out.
"""

from __future__ import annotations

import argparse
import json
import math
import struct
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import distill_vectors as dv  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEV = [ROOT / "tests/data/relevance/devset.json", ROOT / "tests/data/relevance/dev-2.json"]
MAX_TOKENS = 256


class Static:
    """The static model as the Rust side computes it: sum of dequantised rows, L2-normalised."""

    def __init__(self, directory: Path):
        raw = (directory / "vectors.bin").read_bytes()
        magic, (version, dims, vocab, quant) = raw[:4], struct.unpack("<IIII", raw[4:20])
        assert magic == dv.MAGIC and version == dv.VERSION and quant == dv.QUANT_INT8_ROW_SCALE
        self.scale = np.frombuffer(raw[20 : 20 + 4 * vocab], dtype="<f4").astype(np.float64)
        self.q = np.frombuffer(raw[20 + 4 * vocab :], dtype=np.int8).reshape(vocab, dims).astype(np.float64)
        self.dims = dims

    def embed(self, ids: list[int]) -> np.ndarray:
        total = (self.q[ids] * self.scale[ids, None]).sum(0) if ids else np.zeros(self.dims)
        norm = np.linalg.norm(total)
        return total / norm if norm > 0 else total


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    def ranks(x: np.ndarray) -> np.ndarray:
        order = np.argsort(x, kind="stable")
        r = np.empty(len(x))
        r[order] = np.arange(len(x))
        # average ranks of ties
        _, inverse, counts = np.unique(x, return_inverse=True, return_counts=True)
        sums = np.bincount(inverse, weights=r)
        return (sums / counts)[inverse]

    return float(np.corrcoef(ranks(a), ranks(b))[0, 1])


def load(paths: list[Path]) -> list[dict]:
    sets = []
    for path in paths:
        if "holdout" in path.name:
            sys.exit(f"{path}: held-out data is not read here")
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            needs, offers = [], []
            for sub in data["corpus"]["submissions"]:
                needs += [(n["id"], sub["economy"], n["text"]) for n in sub.get("needs", [])]
                offers += [(o["id"], sub["economy"], o["text"]) for o in sub.get("offers", [])]
            grades = {(q["need"], q["offer"]): q["grade"] for q in data["qrels"]}
            sets.append({"name": path.name, "needs": needs, "offers": offers, "grades": grades})
    return sets


def rank_quality(data: dict, cos: dict) -> tuple[float, float, int]:
    ndcg = mrr = 0.0
    judged = 0
    for nid, economy, _ in data["needs"]:
        cands = [o for o in data["offers"] if o[1] != economy]
        ideal = sorted((data["grades"].get((nid, o[0]), 0) for o in cands), reverse=True)
        if not ideal or ideal[0] == 0:
            continue
        ranked = sorted(cands, key=lambda o: (-cos[(nid, o[0])], o[0]))
        got = [data["grades"].get((nid, o[0]), 0) for o in ranked]

        def dcg(gs: list[int]) -> float:
            return sum((2**g - 1) / math.log2(r + 2) for r, g in enumerate(gs[:5]))

        ndcg += dcg(got) / dcg(ideal)
        mrr += next((1.0 / (r + 1) for r, g in enumerate(got) if g >= 2), 0.0)
        judged += 1
    return ndcg / judged, mrr / judged, judged


AWKWARD = [
    "unaffable", "Hello, World!", "Café Résumé naïve", "UNSCR 1373", "AML/CFT", "e-seals", "“quoted” ‘single’",
    "APEC’s Counter-Terrorism Action Plan (CTAP)", "Ⅻ ｆｕｌｌ－ｗｉｄｔｈ", "東京 port 서울 ポート", "soft\u00adhyphen zero\u200bwidth",
    "tab\tnew\nline\rreturn\u000bvt\u000cff\u0085nel\u2028ls", "İstanbul ŞİŞLİ straße ǅ", "a" * 101, "x" * 100,
    "¿Qué? ¡Sí! «guillemets» — dash… ellipsis", "$100 + 5% = <tag> ^ ` ~ | @ #", "emoji 🚢🛂 flags 🇦🇺",
    "Ωμέγα Ελλάδα ΣΟΦΙΑ", "Привет мир", "مرحبا بالعالم", "नमस्ते दुनिया", "ภาษาไทย", "compatibility ﬁ ligature ﬀ",
    "ℌ ℍ ① ², x²", "\u0301accent first", "e\u0301 composed", "ℵ ∞ ≤ ∑", "C++ & C#: .NET", "ISO/IEC 27001:2013",
    "e-mail, e.g., i.e., U.S.A.", "", "   ", "\u0000\ufffd", "non\u00a0breaking\u3000ideographic space",
    "##ing #hash", "超过 日本語のテキスト", "Ǆ ǈ ǋ ǲ", "\U0002a700 ideograph extension C",
]
PAIRS = [
    ("money laundering", "AML training"), ("money laundering", "port security"),
    ("terrorist financing investigations", "tracing illicit funds"), ("screening of air cargo", "Known Shipper regime"),
    ("container seals", "supply chain integrity"), ("tabletop exercise", "crisis simulation drill"),
    ("hostage negotiation", "kidnapping response"), ("ICAO PKD", "validating e-passports at the border"),
    ("Café Résumé", "cafe resume"), ("", "anything"), ("AEO", "Authorised Economic Operator"),
    ("cyber security incident response", "CERT capacity building"),
]


def write_fixture(path: Path, tokenizer, static: "Static", dev: list[dict]) -> None:
    texts = list(AWKWARD) + [t for d in dev for _, _, t in d["needs"] + d["offers"]]
    tokens = [{"text": t, "tokens": tokenizer.encode(t, add_special_tokens=False).tokens} for t in texts]
    cosines = []
    for a, b in PAIRS:
        ea = static.embed(tokenizer.encode(a, add_special_tokens=False).ids)
        eb = static.embed(tokenizer.encode(b, add_special_tokens=False).ids)
        cosines.append({"a": a, "b": b, "static": round(float(ea @ eb), 6)})
    fixture = {
        "description": "Generated by scripts/semantic_eval.py --write-fixture: WordPiece tokens that Hugging Face "
        "tokenizers gives with the teacher's (all-MiniLM-L6-v2) tokenizer.json, for awkward strings written for "
        "this test and for the development texts; and the static model's cosine of some text pairs computed in "
        "numpy from src/similarity/semantic/vectors.bin. The Rust tokenizer and embedding must agree.",
        "tokens": tokens,
        "cosines": cosines,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", type=Path, nargs="+", default=[ROOT / "src/similarity/semantic"])
    parser.add_argument("--data", type=Path, nargs="+", default=DEV)
    parser.add_argument("--write-fixture", action="store_true", help="write tests/data/semantic/reference.json")
    args = parser.parse_args()

    from tokenizers import Tokenizer  # noqa: PLC0415 (only inside the venv)

    model = dv.model_dir()
    tokenizer = Tokenizer.from_file(str(model / "tokenizer.json"))
    # The file pads to 128 tokens and truncates: neither belongs in a plain encoding.
    tokenizer.no_padding()
    tokenizer.no_truncation()
    teacher = dv.Bert(dv.load_safetensors(model / "model.safetensors"))
    statics = {str(d): Static(d) for d in args.vectors}
    if args.write_fixture:
        write_fixture(ROOT / "tests/data/semantic/reference.json", tokenizer, Static(args.vectors[0]), load(args.data))
    for data in load(args.data):
        items = data["needs"] + data["offers"]
        ids, cut = {}, {}
        for item_id, _, text in items:
            ids[item_id] = tokenizer.encode(text).ids
            whole = ids[item_id]
            cut[item_id] = whole[: MAX_TOKENS - 1] + whole[-1:] if len(whole) > MAX_TOKENS else whole
        full = {i: teacher.embed_ids(cut[i]) for i, _, _ in items}
        pairs = [(n[0], o[0]) for n in data["needs"] for o in data["offers"] if n[1] != o[1]]
        teacher_cos = {p: float(full[p[0]] @ full[p[1]]) for p in pairs}
        nd, mr, judged = rank_quality(data, teacher_cos)
        print(f"{data['name']}: {len(items)} texts, {len(pairs)} cross-economy need x offer pairs, {judged} needs judged")
        print(f"  teacher (all-MiniLM-L6-v2, full): nDCG@5 {nd:.3f}  MRR {mr:.3f}")
        for name, static in statics.items():
            emb = {i: static.embed(ids[i][1:-1]) for i, _, _ in items}
            static_cos = {p: float(emb[p[0]] @ emb[p[1]]) for p in pairs}
            rho = spearman(np.array([static_cos[p] for p in pairs]), np.array([teacher_cos[p] for p in pairs]))
            nd, mr, _ = rank_quality(data, static_cos)
            print(f"  static {name} ({static.dims} dims): Spearman vs teacher {rho:.3f}  nDCG@5 {nd:.3f}  MRR {mr:.3f}")


if __name__ == "__main__":
    main()
