"""Real plans of other bodies (tests/real_dev/), captured from public web pages and their
expected parse typed by a collector who never saw the importer's code (issue 14).

Each plan was scored once on arrival, before any change for it; those first scores (the
honest figure for unseen plans) are in the lead's notes. This test keeps what was reached
since: the threshold is the present score rounded down, not a target.
"""

import pytest

from gongkai.plans.tests.corpus_score import REAL_DEV, plans, score

PLANS = plans(REAL_DEV)


@pytest.fixture(scope="module")
def scores():
    return [score(*plan) for plan in PLANS]


def test_it_reads_at_least_95_percent_of_the_real_plans_right(scores):
    right, total = sum(s.right for s in scores), sum(s.total for s in scores)
    assert len(scores) >= 30 and total >= 140
    wrong = [w for s in scores for w in s.wrong]
    assert right / total >= 0.95, "\n".join(wrong)


def test_it_flags_every_real_plan_item_it_gets_wrong(scores):
    # What it still gets wrong is a section: 17's unnumbered heading lines.
    silent = {s.name: s.silent for s in scores if s.silent}
    assert silent == {}


@pytest.mark.parametrize("plan", PLANS, ids=[p[0] for p in PLANS])
def test_it_parses_each_real_plan_within_five_seconds(plan):
    result = score(*plan)
    assert not result.error and result.seconds < 5.0
