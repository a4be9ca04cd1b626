"""Real plans of 华北/东北/西北/西南 bodies and national ministries (tests/real_dev2/),
captured from public web pages, their expected parse typed by a collector who never saw
the importer's code (issue 14).

Held out while the importer was built on real_dev: the first score on arrival was 40 of
65 items (62%), two of them silently wrong. The threshold is the present score rounded
down, not a target. What it still gets wrong, flagged: 18's 制发司(局) (kept whole, like
各镇（办） in the corpus; this collector drops the bracket).
"""

import pytest

from gongkai.plans.tests.corpus_score import REAL_DEV2, plans, score

PLANS = plans(REAL_DEV2)


@pytest.fixture(scope="module")
def scores():
    return [score(*plan) for plan in PLANS]


def test_it_reads_at_least_98_percent_of_the_held_out_real_plans_right(scores):
    right, total = sum(s.right for s in scores), sum(s.total for s in scores)
    assert len(scores) == 32 and total == 65
    wrong = [w for s in scores for w in s.wrong]
    assert right / total >= 0.98, "\n".join(wrong)


def test_it_flags_every_held_out_real_plan_item_it_gets_wrong(scores):
    silent = {s.name: s.silent for s in scores if s.silent}
    assert silent == {}


@pytest.mark.parametrize("plan", PLANS, ids=[p[0] for p in PLANS])
def test_it_parses_each_held_out_real_plan_within_five_seconds(plan):
    result = score(*plan)
    assert not result.error and result.seconds < 5.0
