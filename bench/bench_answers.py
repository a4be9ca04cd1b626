"""政策问答: answer quality on the evaluation set beside plain BM25, and answer latency over N
passages (10,000 by default) beside the portal home page, in the same run.

The 条例 and 109号 are imported as passages; N synthetic passages fill the library around them.
Their embeddings are real e5 vectors of a few hundred synthetic sentences, mixed pairwise (so
the matrix has N distinct rows without embedding N texts for minutes); their words go into the
same FTS index. Latency is measured on the evaluation questions, each asked through the whole
path (vocabulary, jieba, BM25, e5 query, fusion, decision, second stage), the model already
loaded, and beside it the same question without the second stage (rerank.py). Each set's
figures are printed for the first stage alone and with the second stage.

Run: .venv/bin/python bench/bench_answers.py [N] [--set PATH …] [--no-latency] [--leave-out]
[--misses] (a throwaway SQLite database in /tmp). Every question set given with --set is scored
(the author's own set and, when present, the independent dev set by default), each beside BM25;
--misses lists the misses and needs --set, so that only the sets named are shown.
"""

import argparse
import json
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TOPICS = ["危险化学品", "烟花爆竹", "森林防火", "防汛防台风", "有限空间作业", "粉尘涉爆", "尾矿库",
          "应急预案", "隐患排查", "安全生产培训", "自然灾害救助", "应急物资储备"]  # fmt: skip
ACTS = ["监督检查", "行政许可", "行政处罚", "执法检查", "宣传教育", "值班值守", "事故调查"]


def setup():
    tmp = tempfile.mkdtemp(prefix="gongkai-bench-answers-")
    os.environ["GONGKAI_DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["GONGKAI_VAR_DIR"] = tmp
    os.environ["GONGKAI_SECRET_KEY"] = secrets.token_urlsafe(40)
    os.environ["GONGKAI_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(n: int):
    import numpy as np
    from django.db import transaction

    from gongkai.answers import embed, evaluation, index, services
    from gongkai.answers.models import Passage, PassageKind

    laws = "\n".join(json.dumps(r, ensure_ascii=False) for r in evaluation.law_records())
    services.import_jsonl(laws.encode())
    rng = random.Random(2022)
    sentences = [
        f"{rng.choice(ACTS)}：加强{topic}{act}工作，督促企业落实{rng.choice(TOPICS)}安全责任。"
        for topic in TOPICS
        for act in ACTS
    ]
    started = time.perf_counter()
    pool = embed.matrix(embed.passages(sentences))
    print(f"embedded {len(sentences)} sentences in {time.perf_counter() - started:.1f} s")
    with transaction.atomic():
        for i in range(n):
            a, b = rng.randrange(len(sentences)), rng.randrange(len(sentences))
            vector = pool[a] + pool[b]
            vector /= np.linalg.norm(vector)
            passage = Passage.objects.create(
                kind=PassageKind.IMPORTED,
                key=f"synthetic-{i}",
                title=f"广州市应急管理局文件（第{i}号）",
                text=sentences[a] + sentences[b],
                embedding=vector.astype(np.float32).tobytes(),
            )
            index._insert(passage.pk, index.index_words(passage))
    print(f"library: {Passage.objects.count()} passages")


def leave_one_phrasing_out(*, misses=False):
    """Every citizens' phrasing of data/asked.tsv asked as a question with it taken out of its
    passage (its vector and its words): a few hundred questions the retrieval has not seen,
    written from the rules, for measuring changes that should hold on unseen questions."""
    from gongkai.answers import evaluation, index, retrieval
    from gongkai.answers.models import Passage

    stored = retrieval.passage_vectors()
    row_of = {pk: i for i, pk in enumerate(stored.ids.tolist())}
    scores = evaluation.Scores()
    real = retrieval.passage_vectors
    try:
        for passage in Passage.objects.exclude(asked=""):
            phrasings = index.asked_list(passage)
            rows = np.flatnonzero(stored.owner == row_of[passage.pk])
            for j, question in enumerate(phrasings):
                keep = np.ones(len(stored.owner), dtype=bool)
                keep[rows[j]] = False
                without = retrieval.Vectors(
                    stored.token,
                    stored.ids,
                    stored.text,
                    stored.asked[keep],
                    stored.owner[keep],
                    stored.pending,
                )
                retrieval.passage_vectors = lambda without=without: without
                _reindex(passage, "\n".join(p for i, p in enumerate(phrasings) if i != j))
                answer = retrieval.ask(question)
                _reindex(passage, passage.asked)
                gold = evaluation.article_of(passage.key)
                keys = [evaluation.article_of(c.passage.key) for c in answer.candidates]
                scores.answerable += 1
                scores.refused_answerable += answer.refused
                scores.hit1 += keys[:1] == [gold] and not answer.refused
                scores.hit3 += gold in keys[:3] and not answer.refused
                if answer.refused or keys[:1] != [gold]:
                    scores.misses.append(f"{question} → {keys[:3]} 应为 {gold}")
    finally:
        retrieval.passage_vectors = real
    print("== leave one phrasing out (data/asked.tsv)")
    print(scores.line("hybrid, each phrasing asked without itself"))
    if misses:
        print("\n".join(scores.misses))


def _reindex(passage, asked):
    import copy

    from gongkai.answers import index

    changed = copy.copy(passage)
    changed.asked = asked
    index.unindex(passage.pk)
    index._insert(passage.pk, index.index_words(changed))


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def arguments(argv=None):
    """The options, checked before anything loads. `--misses` lists the questions of the sets
    named with `--set` only: never every set by default, where a held-out set's questions would
    show by accident."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000, help="synthetic passages")
    parser.add_argument("--set", action="append", type=Path, dest="sets", help="a question TSV")
    parser.add_argument("--no-latency", action="store_true", help="quality only")
    parser.add_argument("--misses", action="store_true", help="list the hybrid's misses")
    parser.add_argument(
        "--leave-out", action="store_true", help="ask each phrasing of asked.tsv with it left out"
    )
    args = parser.parse_args(argv)
    if args.misses and not args.sets:
        sys.exit("错误：--misses 只列出用 --set 指定的题集的未命中，请同时给出 --set 题集文件")
    return args


def main():
    args = arguments()
    setup()
    n = args.n
    from django.test import Client

    from gongkai.answers import evaluation, retrieval

    args.sets = args.sets or [p for p in evaluation.EVAL_SETS if p.exists()]

    evaluation_rows = evaluation.questions()
    # Quality first, on the laws alone (the synthetic passages are noise, not answers).
    build(0)
    if args.leave_out:
        leave_one_phrasing_out(misses=args.misses)
    for path in args.sets:
        rows = evaluation.questions(path)
        first, _ = evaluation.evaluate(rows, second_stage=False)
        hybrid, plain = evaluation.evaluate(rows)
        print(f"== {path.name}")
        print(first.line("first stage (vocabulary + BM25 + e5, RRF)   "))
        print(hybrid.line("hybrid (first stage, refusal, second stage)"))
        print(plain.line("plain BM25 over jieba words                "))
        if args.misses:
            print("\n".join(hybrid.misses))
    if args.no_latency:
        return
    build(n)
    retrieval.ask("预热")  # the model and jieba load once per process
    client = Client()
    client.get("/")
    asks, firsts, homes = [], [], []
    for _ in range(3):
        for question, _gold in evaluation_rows:
            # each question with and without the second stage, in turn: the same load for both
            started = time.perf_counter()
            retrieval.ask(question)
            asks.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            retrieval.ask(question, second_stage=False)
            firsts.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            client.get("/")
            homes.append((time.perf_counter() - started) * 1000)
    p50 = statistics.median(asks) / statistics.median(firsts)
    p95 = percentile(asks, 95) / percentile(firsts, 95)
    print(f"answer / first stage alone: p50 ×{p50:.2f}  p95 ×{p95:.2f}")
    for name, values in (
        ("answer", asks),
        ("first stage alone", firsts),
        ("home page (cached)", homes),
    ):
        print(
            f"{name:20s} p50 {statistics.median(values):7.1f} ms"
            f"  p95 {percentile(values, 95):7.1f} ms"
            f"  p99 {percentile(values, 99):7.1f} ms  ({len(values)} requests, {n + 86} passages)"
        )


if __name__ == "__main__":
    main()
