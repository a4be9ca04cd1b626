import pytest

from gongkai.answers import evidence
from gongkai.answers.models import AskedQuestion, Outcome
from gongkai.plans.models import Plan, Task


@pytest.mark.django_db
def test_a_task_about_policy_questions_shows_the_years_questions_and_answers(cast):
    plan = Plan.objects.create(
        year=2026, title="要点", source_sha256="0" * 64, imported_by=cast.press
    )
    for outcome in (Outcome.ANSWERED, Outcome.ANSWERED, Outcome.REFUSED):
        AskedQuestion.objects.create(text="怎么申请公开", outcome=outcome)
    item_17 = Task(plan=plan, number=17, requirement="建设统一的智能化政策问答平台")
    assert evidence.for_task(item_17)[0]["title"] == (
        "2026年政策问答库新增条目0条；群众提问3次，答复2次"
    )
    assert evidence.for_task(Task(plan=plan, number=9, requirement="征求意见")) == []
