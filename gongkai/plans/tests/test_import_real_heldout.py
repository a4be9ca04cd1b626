"""The last two batches of real plans (tests/real_heldout2/, tests/real_heldout3/), collected
from public web pages by people who never saw the importer, and scored once after the importer
was finished (issue 14). Nobody changed the importer for them: their scores are the honest
figure for plans nobody has seen, and the issue's bar (90%) is not met.

First scores (the importer at 839a9f5): heldout2 26 of 32 items (81%), none silently wrong;
heldout3 41 of 83 (49%), 17 silently wrong — mostly a paragraph holding several tasks, each
with its own bracket, read as one task, and bare (X、Y) brackets with no role word. These
tests keep those figures from getting worse; they are floors, not targets.
"""

import pytest

from gongkai.plans.tests.corpus_score import plans, score

HELD_OUT = {
    "real_heldout2": {"plans": 6, "items": 32, "right": 26, "silent": 0},
    "real_heldout3": {"plans": 28, "items": 83, "right": 41, "silent": 17},
}


@pytest.mark.parametrize("batch", HELD_OUT)
def test_a_held_out_batch_scores_no_worse_than_when_it_was_first_scored(batch):
    from gongkai.plans.tests.corpus_score import CORPUS

    first = HELD_OUT[batch]
    scores = [score(*plan) for plan in plans(CORPUS.parent / batch)]
    assert len(scores) == first["plans"]
    assert sum(s.total for s in scores) == first["items"]
    assert sum(s.right for s in scores) >= first["right"]
    assert sum(len(s.silent) for s in scores) <= first["silent"]
