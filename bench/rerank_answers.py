"""政策问答: a second stage over the answer's top candidates, tried offline and scored honestly.

`dump OUT.json` asks every evaluation set's questions once (the 条例 and 109号 alone, like
bench_answers.py) and keeps, per question, the answer's top DEPTH candidate articles with
features a second stage could read, the refusal, and plain BM25's top three beside it.
`fit OUT.json --features a,b,…` fits a linear reranker over those features (softmax over
each question's candidates, numpy; its weights are data) leaving one dev set out at a time,
and prints every set before → after from that one dump. Sets named with --held are never
fitted on; their scores print only with --score-held (score them once: at the start and the
end of a piece of work). No question is ever printed.

The features are the product's own (gongkai/answers/rerank.py, computed by retrieval.ask on
its first stage's order): see that module. `fit … --write` fits on every dev set and writes
the weights the product reads (gongkai/answers/data/rerank_weights.json) with how and when.

Run: .venv/bin/python bench/rerank_answers.py dump /tmp/feat.json
     .venv/bin/python bench/rerank_answers.py fit /tmp/feat.json [--features pos,top1,nb] [--write]
"""

import argparse
import datetime
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gongkai.answers import rerank  # noqa: E402  (no Django needed: numpy over the dump)

DEPTH = 8  # candidates the second stage may reorder (the product: the first 3, see --within)
# Every set is dev data since stop 26 (final3, final4_held, final7 too); name new ones with --held.
HELD = ()


def dump(out: Path):
    from bench import bench_answers

    bench_answers.setup()
    bench_answers.build(0)
    from gongkai.answers import evaluation, retrieval

    baseline = evaluation.PlainBM25(list(retrieval.live_passages()))
    data = {}
    for path in evaluation.EVAL_SETS:
        rows = []
        for question, gold in evaluation.questions(path):
            # the first stage's order, with the product's own features (rerank.raw_features)
            answer = retrieval.ask(question, limit=DEPTH, second_stage=False, features=True)
            rows.append(
                {
                    "gold": sorted(gold),
                    "refused": answer.refused,
                    "candidates": [
                        {"key": evaluation.article_of(c.passage.key), **c.features}
                        for c in answer.candidates
                    ],
                    "bm25": baseline.rank(evaluation.query_terms(question)),
                }
            )
        data[path.stem] = rows
        print(f"{path.stem}: {len(rows)} questions", flush=True)
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def reordered(row: dict, weights, names) -> list[str]:
    keys = [c["key"] for c in row["candidates"]]
    if weights is None or not keys:
        return keys
    scores = rerank.matrix(row["candidates"], names) @ weights
    return [keys[i] for i in np.argsort(-scores, kind="stable")]


def training(rows, names) -> tuple[list, list]:
    """The answered questions whose gold is among the candidates but not all of them: their
    feature matrices and the gold as a distribution."""
    xs, ys = [], []
    for row in rows:
        if not row["gold"] or row["refused"]:
            continue
        y = np.array([c["key"] in row["gold"] for c in row["candidates"]], dtype=float)
        if 0 < y.sum() < len(y):
            xs.append(rerank.matrix(row["candidates"], names))
            ys.append(y / y.sum())
    return xs, ys


def fit(rows, names, *, l2=0.01, steps=600, rate=0.5) -> np.ndarray:
    """Weights maximising the softmax probability of the gold candidates (gradient descent),
    starting from the current order (weight 3 on `pos`), over `training(rows)`."""
    xs, ys = training(rows, names)
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


def write(data, names, held, within, argv, to: Path | None = None) -> dict:
    """Fit on every dev set and write the weights the product reads, with how and when; the
    file is read back the way the product reads it before it replaces the old one."""
    dev = [name for name in data if name not in held]
    rows = [r for name in dev for r in data[name]]
    weights = fit(rows, names)
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, check=True, cwd=Path(__file__).parent,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        commit = ""
    payload = {
        "features": {k: round(float(w), 6) for k, w in zip(names, weights, strict=True)},
        "within": within,
        "fitted": {
            "date": datetime.date.today().isoformat(),
            "commit": commit,
            "sets": dev,
            "questions": len(training(rows, names)[0]),
            "how": "bench/rerank_answers.py fit DUMP " + " ".join(argv) + "：每题前 within 个"
            "候选上的 softmax，从 pos 3 起梯度下降（l2 0.01，600 步），全部开发集",
        },
    }
    to = to or rerank.WEIGHTS
    temporary = to.with_suffix(".tmp")
    temporary.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", "utf-8")
    rerank.read_weights(temporary)
    temporary.replace(to)
    return payload


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
    parser.add_argument("--features", default="pos,top1,nb,vote,phr_max")
    parser.add_argument("--held", default=",".join(HELD), help="sets never fitted on")
    parser.add_argument(
        "--within",
        type=int,
        default=rerank.MAX_WITHIN,
        help="reorder only the first N (3: hit@3 stays)",
    )
    parser.add_argument(
        "--write", action="store_true", help=f"fit on every dev set and write {rerank.WEIGHTS.name}"
    )
    parser.add_argument("--score-held", action="store_true", help="also score the held-out sets")
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.path)
        return
    names = [n for n in args.features.split(",") if n]
    unknown = sorted(set(names) - set(rerank.FEATURES))
    if unknown:
        sys.exit(f"错误：没有这些特征：{'、'.join(unknown)}（可用：{','.join(rerank.FEATURES)}）")
    if args.write and not 1 <= args.within <= rerank.MAX_WITHIN:
        sys.exit(
            f"错误：产品只重排前 {rerank.MAX_WITHIN} 个候选，--within 应为 1 到 {rerank.MAX_WITHIN}"
        )
    data = load(args.path)
    for rows in data.values():
        for row in rows:
            row["candidates"], row["rest"] = (
                row["candidates"][: args.within],
                row["candidates"][args.within :],
            )
    held = tuple(h for h in args.held.split(",") if h)
    print("\n".join(table(data, names, held, args.score_held)))
    if args.write:
        flags = [f"--features {','.join(names)}", f"--within {args.within}"]
        payload = write(data, names, held, args.within, flags)
        print(f"wrote {rerank.WEIGHTS} ({payload['fitted']['questions']} questions)")


if __name__ == "__main__":
    main()
