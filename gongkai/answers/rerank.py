"""政策问答: the second stage (重排) — the first three candidates of an answer reordered by a
linear score over what each candidate's article has to do with the question.

The first stage (retrieval.ask: vocabulary, BM25, e5, fusion, refusal) chooses which articles
are shown and whether to answer at all; the second stage only changes the order of the first
`within` (3) of them, so neither a refusal nor the set of three shown ever changes. Its weights
are data (data/rerank_weights.json), fitted by `bench/rerank_answers.py fit … --write` on every
evaluation set; the feature definitions live here alone, for the product and the bench both.

Features of a candidate article (each relative to the best candidate of the question):
  pos, top1   its place in the current order (1 / (1 + place), first or not)
  lex, dense  its BM25 and e5 ranks in the fusion (20 / (20 + rank), 0 when absent)
  phr_max     e5: its nearest citizens' phrasing against the nearest of all (×10)
  phr_top2    the same, mean of its two nearest (×10)
  vote        share of the KNN nearest phrasings (all articles) that are its own, softmax-weighted
  text        e5: question against its own text (×10)
  nb          character-bigram naive Bayes over its phrasings (data/asked.tsv, an entry's other
              phrasings): what the question asks for (多久, 收费, 不给…), read as characters
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

WEIGHTS = Path(__file__).with_name("data") / "rerank_weights.json"
FEATURES = ("pos", "top1", "lex", "dense", "phr_max", "phr_top2", "vote", "text", "nb")
MAX_WITHIN = 3  # the second stage may reorder the three shown, never change which three
KNN = 10  # nearest phrasings that vote
VOTE_TEMPERATURE = 0.02
NB_SMOOTHING = 0.1
NB_MAX_ARTICLES = 12  # a bigram in the phrasings of more articles says nothing of which
_PUNCT = re.compile(r"[\s，。？！、,.?!；;：:“”\"']")


def bigrams(text: str) -> list[str]:
    text = _PUNCT.sub("", text)
    return [text[i : i + 2] for i in range(len(text) - 1)]


class Bigrams:
    """Naive Bayes over the character bigrams of each article's citizens' phrasings."""

    def __init__(self, phrasings: dict):
        self.counts = {
            key: Counter(g for p in ps for g in bigrams(p)) for key, ps in phrasings.items()
        }
        self.totals = {key: sum(c.values()) for key, c in self.counts.items()}
        spread = Counter(g for c in self.counts.values() for g in c)
        self.telling = {g for g, n in spread.items() if n <= NB_MAX_ARTICLES}
        self.size = len(spread)

    def score(self, question: str, key) -> float:
        """Mean log P(bigram | article) over the question's telling bigrams (0 without any)."""
        grams = [g for g in bigrams(question) if g in self.telling]
        if not grams:
            return 0.0
        counts, total = self.counts.get(key, Counter()), self.totals.get(key, 0)
        denominator = total + NB_SMOOTHING * self.size
        return sum(math.log((counts[g] + NB_SMOOTHING) / denominator) for g in grams) / len(grams)


# ---- what the features read from the library, built once per change -----------------------


@dataclass(frozen=True)
class Library:
    """Each vectors row's article (an article and its cases are one: retrieval.article_id) and
    the bigram model over the live articles' phrasings."""

    token: tuple
    article_of_row: np.ndarray  # vectors row → index into `articles`
    index: dict  # article id → its index
    bigrams: Bigrams


_library: Library | None = None
_library_lock = threading.Lock()


def library(vectors, live: np.ndarray) -> Library:
    """Built from the database once, and again only when the passages change (the vectors'
    token) or which of them may answer does (`live`: publishing, withdrawing, a lapsed
    document) — not per question: 10,000 passages' phrasings took ~100 ms to count."""
    global _library
    token = (vectors.token, hash(live.tobytes()))
    current = _library
    if current is not None and current.token == token:
        return current
    from gongkai.answers.models import Passage
    from gongkai.answers.retrieval import article_id

    with _library_lock:
        fields = ("pk", "key", "label", "document_id", "source", "asked")
        rows = {p.pk: p for p in Passage.objects.only(*fields)}
        index, article_of_row, phrasings = {}, [], {}
        for row, pk in enumerate(vectors.ids.tolist()):
            passage = rows.get(pk)
            if passage is None:  # gone since the vectors were read: the next question rebuilds
                article_of_row.append(index.setdefault(("gone", pk), len(index)))
                continue
            article = article_id(passage)
            article_of_row.append(index.setdefault(article, len(index)))
            if live[row]:
                asked = [line for line in passage.asked.splitlines() if line.strip()]
                phrasings.setdefault(index[article], []).extend(asked)
        _library = current = Library(
            token=token,
            article_of_row=np.array(article_of_row, dtype=np.int64),
            index=index,
            bigrams=Bigrams(phrasings),
        )
    return current


def raw_features(question, candidates, *, vectors, live, vector, phrasing, text) -> list[dict]:
    """Per candidate (retrieval.Candidate), the features before they are made relative to the
    question's best candidate (`matrix`). `phrasing`: the question's e5 cosines with every live
    passage's phrasings (in vectors.owner order), `text`: with every live passage's text."""
    lib = library(vectors, live)
    phrasing_article = lib.article_of_row[vectors.owner[live[vectors.owner]]]
    order = np.argsort(-phrasing)
    nearest = float(phrasing[order[0]]) if len(order) else 0.0
    vote = Counter()
    for i in order[:KNN].tolist():
        vote[int(phrasing_article[i])] += math.exp(
            (float(phrasing[i]) - nearest) / VOTE_TEMPERATURE
        )
    total = sum(vote.values()) or 1.0
    article_text = np.full(len(lib.index), -1.0)
    np.maximum.at(article_text, lib.article_of_row[live], text)
    best_text = float(text.max()) if len(text) else 0.0
    from gongkai.answers.retrieval import article_id

    rows = []
    for c in candidates:
        article = lib.index[article_id(c.passage)]
        near = np.sort(phrasing[phrasing_article == article])[::-1].tolist() or [-1.0]
        rows.append(
            {
                "fused": c.score,
                "lexical": c.lexical_rank,
                "dense": c.dense_rank,
                "phr_max": near[0] - nearest,
                "phr_top2": float(np.mean(near[:2])) - nearest,
                "vote": vote.get(article, 0.0) / total,
                "text": float(article_text[article]) - best_text,
                "nb_raw": lib.bigrams.score(question, article),
            }
        )
    return rows


def _reciprocal(rank) -> float:
    return 0.0 if rank is None else 20.0 / (20 + rank)


def matrix(candidates: list[dict], names) -> np.ndarray:
    """The features `names` of each candidate (raw_features' dicts, in the current order)."""
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


# ---- the weights (data) -------------------------------------------------------------------


class WeightsError(ValueError):
    pass


@dataclass(frozen=True)
class Weights:
    names: tuple[str, ...]
    values: np.ndarray
    within: int
    fitted: dict


def read_weights(path: Path | None = None) -> Weights:
    """{"features": {name: weight}, "within": 3, "fitted": {...how and when}}; anything else
    is an error that says what is wrong."""
    path = path or WEIGHTS
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise WeightsError(f"重排权重文件 {path} 不存在") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WeightsError(f"重排权重文件 {path} 无法读取：{error}") from error
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, dict) or not features:
        raise WeightsError(f"重排权重文件 {path} 缺少 features（特征 → 权重）")
    unknown = sorted(set(features) - set(FEATURES))
    if unknown:
        raise WeightsError(f"重排权重文件 {path} 有未知特征：{'、'.join(unknown)}")
    bad = [k for k, w in features.items() if not _number(w) or not math.isfinite(w)]
    if bad:
        raise WeightsError(f"重排权重文件 {path} 中这些特征的权重不是数：{'、'.join(bad)}")
    within = data.get("within")
    if not isinstance(within, int) or isinstance(within, bool) or not 1 <= within <= MAX_WITHIN:
        raise WeightsError(f"重排权重文件 {path} 的 within 应为 1 到 {MAX_WITHIN} 的整数")
    return Weights(
        names=tuple(features),
        values=np.array(list(features.values()), dtype=float),
        within=within,
        fitted=data.get("fitted") or {},
    )


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@functools.cache
def weights() -> Weights | None:
    """The shipped weights, read once per process. Missing or malformed: the first stage answers
    alone and the log says why, once — the second stage only reorders the three shown, so the
    answers stay right without it, and the bench that refits it runs the first stage; the
    tests check the shipped file, so a broken one fails CI, not the portal."""
    try:
        return read_weights()
    except WeightsError as error:
        logger.warning(
            "%s；政策问答只用第一阶段排序（请运行 bench/rerank_answers.py fit --write）", error
        )
        return None


def reordered(candidates: list[dict], weights: Weights, pinned=()) -> list[int]:
    """The new order of the candidates, as their indexes: the first `within` reordered by the
    weighted features, highest first (ties keep the current order); a pinned place keeps its
    candidate (an approved entry, 第五十五条 for a public body: the first stage's priorities)."""
    n = min(weights.within, len(candidates))
    order = list(range(len(candidates)))
    if n < 2:
        return order
    scores = matrix(candidates[:n], weights.names) @ weights.values
    movable = [i for i in range(n) if i not in set(pinned)]
    for place, i in zip(movable, sorted(movable, key=lambda i: -scores[i]), strict=True):
        order[place] = i
    return order
