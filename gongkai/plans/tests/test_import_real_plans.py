"""Real plans of other bodies, captured from public web pages, with their expected parse typed
by collectors who never saw the importer's code (issue 14). Four batches, each a folder of
tests/:

- real_dev (华东/华南/华中 bodies) and real_dev2 (华北/东北/西北/西南 bodies and ministries):
  the importer was built on them. Their first scores on arrival, the honest figures for
  unseen plans, were 37% (54/146) and 62% (40/65, 2 silently wrong).
- real_heldout2 and real_heldout3: scored once when the importer was finished (839a9f5) and
  never tuned on: 81% (26/32) and 49% (41/83, 17 silently wrong — mostly a paragraph holding
  several tasks, each with its own bracket, read as one task, and bare (X、Y) brackets with no
  role word). The issue's bar (90% on unseen plans) is not met.

Each row is what the batch reaches today: floors that keep it from getting worse, not targets.
What real_dev still gets wrong, flagged: 17's unnumbered heading lines as sections; real_dev2:
18's 制发司(局) (kept whole, like 各镇（办） in the corpus; this collector drops the bracket).
"""

import pytest

from gongkai.plans.tests.corpus_score import CORPUS, plans, score

# batch: (plans, items, at least right, at most silently wrong)
BATCHES = {
    "real_dev": (32, 146, 140, 0),
    "real_dev2": (32, 65, 64, 0),
    "real_heldout2": (6, 32, 26, 0),
    "real_heldout3": (28, 83, 41, 17),
}
ALL_PLANS = [(batch, plan) for batch in BATCHES for plan in plans(CORPUS.parent / batch)]


@pytest.mark.parametrize("batch", BATCHES)
def test_a_batch_of_real_plans_scores_no_worse_than_it_does_today(batch):
    count, items, right, silent = BATCHES[batch]
    scores = [score(*plan) for plan in plans(CORPUS.parent / batch)]
    wrong = "\n".join(w for s in scores for w in s.wrong)
    assert (len(scores), sum(s.total for s in scores)) == (count, items)
    assert sum(s.right for s in scores) >= right, wrong
    assert sum(len(s.silent) for s in scores) <= silent, wrong


@pytest.mark.parametrize("batch, plan", ALL_PLANS, ids=[f"{b}/{p[0]}" for b, p in ALL_PLANS])
def test_each_real_plan_parses_without_hanging(batch, plan):
    # A hang guard; speed is in bench/. A plan it cannot read at all (a clear error, counted as
    # 0 right in its batch) happens only in the held-out batches.
    result = score(*plan)
    assert result.seconds < 5.0
    assert not result.error or batch.startswith("real_heldout"), result.error
