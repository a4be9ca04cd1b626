"""Plans of other bodies in every layout of issue 14, against expected parses typed by hand
(tests/corpus/; the scorer is corpus_score.py, the figures bench/bench_plan_parse.py)."""

import pytest

from gongkai.plans.tests.corpus_score import plans, score, score_all

PLANS = plans()


@pytest.fixture(scope="module")
def scores():
    return score_all()


def test_it_reads_at_least_95_percent_of_the_corpus_right(scores):
    right, total = sum(s.right for s in scores), sum(s.total for s in scores)
    assert total >= 80 and len(scores) >= 12
    wrong = [w for s in scores for w in s.wrong]
    assert right / total >= 0.95, "\n".join(wrong)


def test_it_flags_every_item_it_gets_wrong(scores):
    silent = {s.name: s.silent for s in scores if s.silent}
    assert silent == {}


@pytest.mark.parametrize("name", ["10_docx_five_columns", "11_xlsx_five_columns"])
def test_it_reads_a_plain_five_column_word_and_excel_table_completely(name):
    plan = next(p for p in PLANS if p[0] == name)
    result = score(*plan)
    assert (result.right, result.total) == (8, 8), result.wrong


@pytest.mark.parametrize("plan", PLANS, ids=[p[0] for p in PLANS])
def test_it_parses_each_plan_of_the_corpus_within_five_seconds(plan):
    result = score(*plan)
    assert not result.error and result.seconds < 5.0
