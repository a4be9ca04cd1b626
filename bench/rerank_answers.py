"""政策问答: a second stage over the answer's top candidates, tried offline and scored honestly.

`dump OUT.json` asks every evaluation set's questions once (the 条例 and 109号 alone, like
bench_answers.py) and keeps, per question, the answer's top DEPTH candidate articles with
features a second stage could read, the refusal, and plain BM25's top three beside it.
`fit OUT.json --features a,b,…` fits a linear reranker over those features (softmax over
each question's candidates, numpy; its weights are data) leaving one dev set out at a time,
and prints every set before → after from that one dump. Sets named with --held are never
fitted on; their scores print only with --score-held (score them once: at the start and the
end of a piece of work). No question is ever printed.

Features of a candidate article (each relative to the best candidate of the question):
  pos, top1   its place in the current order (1 / (1 + place), first or not)
  lex, dense  its BM25 and e5 ranks in the fusion (20 / (20 + rank), 0 when absent)
  phr_max     e5: its nearest citizens' phrasing against the nearest of all (×10)
  phr_top2    the same, mean of its two nearest (×10)
  vote        share of the KNN nearest phrasings (all articles) that are its own, softmax-weighted
  text        e5: question against its own text (×10)
  nb          character-bigram naive Bayes over its phrasings in data/asked.tsv: what the
              question asks for (多久, 收费, 不给…), read as characters, not as jieba words

Run: .venv/bin/python bench/rerank_answers.py dump /tmp/feat.json
     .venv/bin/python bench/rerank_answers.py fit /tmp/feat.json --features pos,top1,nb
"""

import argparse
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEPTH = 8  # candidates the second stage may reorder
KNN = 10  # nearest phrasings that vote
VOTE_TEMPERATURE = 0.02
NB_SMOOTHING = 0.1
NB_MAX_ARTICLES = 12  # a bigram in the phrasings of more articles says nothing of which
HELD = ("eval_independent_final3", "eval_independent_final4_held")
ALL = ("pos", "top1", "lex", "dense", "phr_max", "phr_top2", "vote", "text", "nb")
_PUNCT = re.compile(r"[\s，。？！、,.?!；;：:“”\"']")


def bigrams(text: str) -> list[str]:
    text = _PUNCT.sub("", text)
    return [text[i : i + 2] for i in range(len(text) - 1)]


class Bigrams:
    """Naive Bayes over the character bigrams of each article's citizens' phrasings."""

    def __init__(self, phrasings: dict[str, list[str]]):
        self.counts = {
            key: Counter(g for p in ps for g in bigrams(p)) for key, ps in phrasings.items()
        }
        self.totals = {key: sum(c.values()) for key, c in self.counts.items()}
        spread = Counter(g for c in self.counts.values() for g in c)
        self.telling = {g for g, n in spread.items() if n <= NB_MAX_ARTICLES}
        self.size = len(spread)

    def score(self, question: str, key: str) -> float:
        """Mean log P(bigram | article) over the question's telling bigrams (0 without any)."""
        grams = [g for g in bigrams(question) if g in self.telling]
        if not grams:
            return 0.0
        counts, total = self.counts.get(key, Counter()), self.totals.get(key, 0)
        denominator = total + NB_SMOOTHING * self.size
        return sum(math.log((counts[g] + NB_SMOOTHING) / denominator) for g in grams) / len(grams)


def candidate_features(question, answer, context) -> list[dict]:
    from gongkai.answers import embed, evaluation, retrieval

    vectors, live, article_of_row, nb = context
    vector = embed.query(retrieval.vocabulary().corrected(retrieval.normalise(question)))
    text_cos = vectors.text[live] @ vector
    mask = live[vectors.owner]
    owners = [article_of_row[o] for o in vectors.owner[mask].tolist()]
    phrasing = vectors.asked[mask] @ vector
    order = np.argsort(-phrasing)
    nearest = float(phrasing[order[0]]) if len(order) else 0.0
    vote = Counter()
    for i in order[:KNN]:
        vote[owners[i]] += math.exp((float(phrasing[i]) - nearest) / VOTE_TEMPERATURE)
    total = sum(vote.values()) or 1.0
    mine, text = {}, {}
    for i, key in enumerate(owners):
        mine.setdefault(key, []).append(float(phrasing[i]))
    for i, row in enumerate(np.flatnonzero(live).tolist()):
        key = article_of_row[row]
        text[key] = max(text.get(key, -1.0), float(text_cos[i]))
    best_text = float(text_cos.max()) if len(text_cos) else 0.0
    rows = []
    for c in answer.candidates:
        key = evaluation.article_of(c.passage.key)
        near = sorted(mine.get(key, [-1.0]), reverse=True)
        rows.append(
            {
                "key": key,
                "fused": c.score,
                "lexical": c.lexical_rank,
                "dense": c.dense_rank,
                "phr_max": near[0] - nearest,
                "phr_top2": float(np.mean(near[:2])) - nearest,
                "vote": vote.get(key, 0.0) / total,
                "text": text.get(key, -1.0) - best_text,
                "nb_raw": nb.score(question, key),
            }
        )
    return rows


def dump(out: Path):
    from bench import bench_answers

    bench_answers.setup()
    bench_answers.build(0)
    from gongkai.answers import evaluation, index, retrieval
    from gongkai.answers.models import Passage

    vectors = retrieval.passage_vectors()
    live = np.isin(vectors.ids, list(retrieval.live_passages().values_list("pk", flat=True)))
    passages = Passage.objects.in_bulk(vectors.ids.tolist())
    article_of_row = [evaluation.article_of(passages[pk].key) for pk in vectors.ids.tolist()]
    phrasings = {}
    for passage in passages.values():
        phrasings.setdefault(evaluation.article_of(passage.key), []).extend(
            index.asked_list(passage)
        )
    context = (vectors, live, article_of_row, Bigrams(phrasings))
    baseline = evaluation.PlainBM25(list(retrieval.live_passages()))
    data = {}
    for path in evaluation.EVAL_SETS:
        rows = []
        for question, gold in evaluation.questions(path):
            answer = retrieval.ask(question, limit=DEPTH)
            rows.append(
                {
                    "gold": sorted(gold),
                    "refused": answer.refused,
                    "candidates": candidate_features(question, answer, context),
                    "bm25": baseline.rank(evaluation.query_terms(question)),
                }
            )
        data[path.stem] = rows
        print(f"{path.stem}: {len(rows)} questions", flush=True)
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _reciprocal(rank) -> float:
    return 0.0 if rank is None else 20.0 / (20 + rank)


def matrix(row: dict, names) -> np.ndarray:
    candidates = row["candidates"]
    best_nb = max((c["nb_raw"] for c in candidates), default=0.0)
    values = []
    for place, c in enumerate(candidates):
        f = {
            "pos": 1.0 / (1 + place),
            "top1": float(place == 0),
            "lex": _reciprocal(c["lexical"]),
            "dense": _reciprocal(c["dense"]),
            "phr_max": 10 * c["phr_max"],
            "phr_top2": 10 * c["phr_top2"],
            "vote": c["vote"],
            "text": 10 * c["text"],
            "nb": c["nb_raw"] - best_nb,
        }
        values.append([f[name] for name in names])
    return np.array(values, dtype=float).reshape(len(candidates), len(names))


def reordered(row: dict, weights, names) -> list[str]:
    keys = [c["key"] for c in row["candidates"]]
    if weights is None or not keys:
        return keys
    scores = matrix(row, names) @ weights
    return [keys[i] for i in np.argsort(-scores, kind="stable")]


def fit(rows, names, *, l2=0.01, steps=600, rate=0.5) -> np.ndarray:
    """Weights maximising the softmax probability of the gold candidates (gradient descent),
    starting from the current order (weight 3 on `pos`), over the answered questions whose
    gold is among the candidates but not all of them."""
    xs, ys = [], []
    for row in rows:
        if not row["gold"] or row["refused"]:
            continue
        y = np.array([c["key"] in row["gold"] for c in row["candidates"]], dtype=float)
        if 0 < y.sum() < len(y):
            xs.append(matrix(row, names))
            ys.append(y / y.sum())
    weights = np.zeros(len(names))
    if "pos" in names:
        weights[names.index("pos")] = 3.0
    for _ in range(steps):
        gradient = l2 * weights
        for x, y in zip(xs, ys, strict=True):
            s = x @ weights
            p = np.exp(s - s.max())
            gradient += x.T @ (p / p.sum() - y) / max(len(xs), 1)
        weights -= rate * gradient
    return weights


def scores(rows, weights, names) -> dict:
    """hit@1 / hit@3 / refused over the answerable, refused over the others; BM25 beside."""
    s = Counter()
    for row in rows:
        if not row["gold"]:
            s["out"] += 1
            s["out_refused"] += row["refused"]
            s["bm25_out_refused"] += not row["bm25"]
            continue
        s["n"] += 1
        keys = reordered(row, weights, names) + [c["key"] for c in row.get("rest", ())]
        gold = row["gold"]
        if row["refused"]:
            s["refused"] += 1
        else:
            s["hit1"] += bool(keys) and keys[0] in gold
            s["hit3"] += bool(gold & set(keys[:3]))
        s["bm25_hit1"] += bool(row["bm25"]) and row["bm25"][0] in gold
        s["bm25_hit3"] += bool(gold & set(row["bm25"][:3]))
    return s


def table(data, names, held, score_held) -> list[str]:
    dev = [name for name in data if name not in held]
    lines = [
        f"features: {','.join(names)}",
        "set                              n   hit@1 before→after  hit@3 before→after"
        "  off-topic refused  answerable refused  BM25 hit@1/hit@3",
    ]
    pooled = Counter(), Counter()
    for name in [*dev, *(held if score_held else ())]:
        training = [r for other in dev if other not in (name,) for r in data[other]]
        weights = fit(training, names)
        before, after = scores(data[name], None, names), scores(data[name], weights, names)
        n = max(before["n"], 1)
        tag = "held" if name in held else "LOSO"
        if name not in held:
            pooled[0].update(before)
            pooled[1].update(after)
        lines.append(
            f"{tag} {name:28s} {before['n']:3d}   {before['hit1'] / n:.3f}→{after['hit1'] / n:.3f}"
            f"        {before['hit3'] / n:.3f}→{after['hit3'] / n:.3f}"
            f"        {before['out_refused']}/{before['out']}"
            f"               {before['refused']}/{before['n']}"
            f"            {before['bm25_hit1'] / n:.2f}/{before['bm25_hit3'] / n:.2f}"
        )
    before, after = pooled
    n = max(before["n"], 1)
    lines.append(
        f"dev pooled (leave one set out)   {before['n']:3d}   {before['hit1'] / n:.3f}→"
        f"{after['hit1'] / n:.3f}        {before['hit3'] / n:.3f}→{after['hit3'] / n:.3f}"
    )
    weights = fit([r for name in dev for r in data[name]], names)
    lines.append(
        "weights (all dev sets): "
        + ", ".join(f"{k} {w:+.3f}" for k, w in zip(names, weights, strict=True))
    )
    return lines


def load(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    for rows in data.values():
        for row in rows:
            row["gold"] = set(row["gold"])
    return data


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("dump", "fit"))
    parser.add_argument("path", type=Path)
    parser.add_argument("--features", default="pos,top1,nb")
    parser.add_argument("--held", default=",".join(HELD), help="sets never fitted on")
    parser.add_argument(
        "--within", type=int, default=DEPTH, help="reorder only the first N (3: hit@3 stays)"
    )
    parser.add_argument("--score-held", action="store_true", help="also score the held-out sets")
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.path)
        return
    names = [n for n in args.features.split(",") if n]
    unknown = sorted(set(names) - set(ALL))
    if unknown:
        sys.exit(f"错误：没有这些特征：{'、'.join(unknown)}（可用：{','.join(ALL)}）")
    data = load(args.path)
    for rows in data.values():
        for row in rows:
            row["candidates"], row["rest"] = (
                row["candidates"][: args.within],
                row["candidates"][args.within :],
            )
    print(
        "\n".join(table(data, names, tuple(h for h in args.held.split(",") if h), args.score_held))
    )


if __name__ == "__main__":
    main()
