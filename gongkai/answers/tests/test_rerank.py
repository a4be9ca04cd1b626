"""The second stage (rerank.py) in the answer: it reorders the first three and nothing else,
never a refused answer, keeps the first stage's priorities (an approved entry, 第五十五条 for a
public body), reads its weights as data and says clearly when they are missing or malformed."""

import json
import logging

import pytest

from gongkai.answers import evaluation, rerank, retrieval, services
from gongkai.answers.models import PassageKind
from gongkai.answers.tests.helpers import YUETAN, entry, published

ANSWERED = "申请政府信息公开以后多久能给我答复"
OFF_TOPIC = "护照过期了去哪里换新的"


@pytest.fixture(autouse=True)
def _fresh_weights():
    rerank.weights.cache_clear()
    yield
    rerank.weights.cache_clear()


@pytest.fixture
def weights_file(tmp_path, monkeypatch):
    """Points the product at a weights file of the test's own."""

    def write(features, within=3, raw=None):
        path = tmp_path / "rerank_weights.json"
        text = raw if raw is not None else json.dumps({"features": features, "within": within})
        path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(rerank, "WEIGHTS", path)
        rerank.weights.cache_clear()
        return path

    return write


@pytest.fixture
def laws(db):
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in evaluation.law_records())
    services.import_jsonl(data.encode())


def keys(answer):
    return [c.passage.key for c in answer.candidates]


# ---- the weights, as data -----------------------------------------------------------------


def test_the_shipped_weights_are_read_and_were_fitted_on_every_evaluation_set():
    weights = rerank.read_weights()
    assert weights.within == 3
    assert set(weights.names) <= set(rerank.FEATURES)
    assert weights.fitted["sets"] == [path.stem for path in evaluation.EVAL_SETS]
    assert weights.fitted["date"] and weights.fitted["how"]


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (None, "不存在"),
        ("{not json", "无法读取"),
        ('{"within": 3}', "缺少 features"),
        ('{"features": {"pos": 1, "answer_type": 2}, "within": 3}', "未知特征：answer_type"),
        ('{"features": {"pos": "1"}, "within": 3}', "权重不是数：pos"),
        ('{"features": {"pos": 1}, "within": 4}', "within 应为 1 到 3"),
        ('{"features": {"pos": 1}}', "within 应为 1 到 3"),
    ],
)
def test_a_missing_or_malformed_weights_file_is_an_error_that_says_what_is_wrong(
    tmp_path, raw, says
):
    path = tmp_path / "weights.json"
    if raw is not None:
        path.write_text(raw, encoding="utf-8")
    with pytest.raises(rerank.WeightsError) as error:
        rerank.read_weights(path)
    assert says in str(error.value) and str(path) in str(error.value)


def test_without_weights_the_first_stage_answers_alone_and_the_log_says_so_once(
    laws, weights_file, caplog
):
    path = weights_file({}, raw="{not json")
    with caplog.at_level(logging.WARNING, logger="gongkai.answers.rerank"):
        answer = retrieval.ask(ANSWERED)
        again = retrieval.ask(OFF_TOPIC)
    assert not answer.refused and again.refused
    assert keys(answer) == keys(retrieval.ask(ANSWERED, second_stage=False, features=True))
    warnings = [r.getMessage() for r in caplog.records if r.name == "gongkai.answers.rerank"]
    assert len(warnings) == 1 and str(path) in warnings[0] and "只用第一阶段" in warnings[0]


# ---- what it may and may not move ---------------------------------------------------------


def test_it_reorders_the_first_three_and_keeps_the_set_shown(laws, weights_file):
    weights_file({"pos": -10.0})  # the reverse of the first stage's order: easy to see
    first = retrieval.ask(ANSWERED, second_stage=False, features=True)
    second = retrieval.ask(ANSWERED)
    assert not first.refused and len(first.candidates) == 4
    assert keys(second)[:3] == keys(first)[:3][::-1]
    assert keys(second)[3:] == keys(first)[3:]


def test_it_never_touches_a_refused_answer(laws, weights_file):
    weights_file({"pos": -10.0})
    first = retrieval.ask(OFF_TOPIC, second_stage=False, features=True)
    second = retrieval.ask(OFF_TOPIC)
    assert first.refused and second.refused and len(first.candidates) >= 3
    assert keys(second) == keys(first)
    assert second.reasons == first.reasons


def test_an_approved_entry_first_keeps_its_place(cast, weights_file):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    item.submit(by=cast.clerk)
    item.approve(by=cast.head)
    question = "老板为什么会被应急局叫去谈话？"
    first = retrieval.ask(question, second_stage=False, features=True)
    assert first.best.passage.kind == PassageKind.ENTRY and len(first.candidates) >= 3
    weights_file({"pos": -10.0})
    second = retrieval.ask(question)
    assert keys(second)[0] == keys(first)[0]  # the entry
    assert keys(second)[1:3] == keys(first)[1:3][::-1]  # the articles around it do move


def test_the_article_on_public_bodies_keeps_its_place_for_a_question_asking_one_to_publish(
    laws, weights_file
):
    question = "学校的招生计划和录取名单不公示，找谁反映"
    assert retrieval.vocabulary().asks_public_body(question)
    first = retrieval.ask(question, second_stage=False, features=True)
    assert first.best.passage.key == "条例:第五十五条"
    weights_file({"pos": -10.0})
    second = retrieval.ask(question)
    assert keys(second)[0] == "条例:第五十五条"
    assert keys(second)[1:3] == keys(first)[1:3][::-1]


def test_reordered_keeps_pinned_places_and_ties_in_the_current_order():
    zero = dict.fromkeys(("fused", "phr_max", "phr_top2", "vote", "text"), 0.0)
    rows = [{**zero, "nb_raw": v, "lexical": None, "dense": None} for v in (-3.0, -1.0, -2.0, 0.0)]
    nb = rerank.Weights(("nb",), rerank.np.array([1.0]), 3, {})
    assert rerank.reordered(rows, nb) == [1, 2, 0, 3]  # the fourth never comes up
    assert rerank.reordered(rows, nb, pinned=[0]) == [0, 1, 2, 3]
    flat = rerank.Weights(("nb",), rerank.np.array([0.0]), 3, {})
    assert rerank.reordered(rows, flat) == [0, 1, 2, 3]
    one = rerank.Weights(("nb",), rerank.np.array([1.0]), 1, {})
    assert rerank.reordered(rows, one) == [0, 1, 2, 3]


# ---- the features, on the real code -------------------------------------------------------


def test_the_bigram_score_reads_what_the_question_asks_for():
    nb = rerank.Bigrams(
        {
            "条例:第三十三条": ["多久能答复我", "要等多少天"],
            "条例:第四十二条": ["要收费吗", "收多少钱"],
        }
    )
    assert nb.score("申请了多久答复", "条例:第三十三条") > nb.score(
        "申请了多久答复", "条例:第四十二条"
    )
    assert nb.score("你好", "条例:第三十三条") == 0.0  # no bigram of any phrasing: no evidence


def test_a_bigram_in_the_phrasings_of_too_many_articles_tells_nothing():
    phrasings = {f"条例:第{i}条": ["政府信息"] for i in range(rerank.NB_MAX_ARTICLES + 1)}
    assert rerank.Bigrams(phrasings).score("政府信息", "条例:第1条") == 0.0


# A library of three articles in which the first stage answers 第二条 first for a question that
# asks, in characters, the way 第一条's citizens' phrasings do (交了以后, …): the bigram model
# over the phrasings, built by the real code from the real passages, says so.
BANFA = [
    ("第一条", "行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。",
     ["我交了公开申请以后你们怎么答复我", "申请政府信息以后答复是什么形式", "交了以后"]),
    ("第二条", "行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复。",
     ["到底要等几天才有结果", "政府信息公开申请拖了好久没消息",
      "行政机关不能当场作出决定的时候，申请人应当如何理解法定期限的计算方法"]),
    ("第三条", "行政机关依申请提供政府信息，不收取费用。", ["要不要交钱"]),
]  # fmt: skip
BANFA_QUESTION = "政府信息公开申请交了以后你们要等几天才答复"


def test_the_bigram_signal_flips_the_first_two_when_its_weight_says_so(db, weights_file):
    records = [
        {"id": f"办法:{label}", "title": f"《申请答复办法》{label}", "source": "办法",
         "text": text, "asked": asked}
        for label, text, asked in BANFA
    ]  # fmt: skip
    services.import_jsonl("\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode())
    first = retrieval.ask(BANFA_QUESTION, second_stage=False, features=True)
    assert not first.refused
    assert keys(first)[:2] == ["办法:第二条", "办法:第一条"]
    nb = [c.features["nb_raw"] for c in first.candidates]
    assert nb[1] > nb[0]  # 第一条's phrasings read closer, character by character
    weights_file({"pos": 1.0, "nb": 0.0})
    assert keys(retrieval.ask(BANFA_QUESTION)) == keys(first)
    weights_file({"pos": 1.0, "nb": 3.0})
    second = retrieval.ask(BANFA_QUESTION)
    assert keys(second)[:2] == ["办法:第一条", "办法:第二条"]
    assert keys(second)[2:] == keys(first)[2:]
