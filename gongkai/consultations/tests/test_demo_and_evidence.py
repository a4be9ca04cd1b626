import datetime as dt
from io import StringIO

from gongkai.consultations import demo, evidence
from gongkai.consultations.models import Comment, Consultation, Phase
from gongkai.core.bureau import ensure_people
from gongkai.plans.models import Plan, Task


def test_the_demo_year_runs_through_the_chain_to_published_feedback_once(db):
    people = ensure_people(password="x")
    demo.load(people, StringIO())
    demo.load(people, StringIO())  # idempotent
    assert Consultation.objects.count() == 4
    concluded = Consultation.objects.filter(concluded_at__isnull=False)
    assert concluded.count() == 3
    assert all(c.feedback.steps.filter(action="approve").count() == 3 for c in concluded)
    assert not Comment.objects.filter(consultation__in=concluded, disposition="").exists()
    flood = Consultation.objects.get(decision_type="major_decision")
    assert flood.shortening_reason and flood.shortening_reason in flood.document.body
    assert flood.opens_on == dt.date(2022, 4, 8)
    now_open = Consultation.objects.get(concluded_at__isnull=True)
    assert now_open.phase() == Phase.OPEN and now_open.comments.count() == 2


def test_ledger_items_9_and_10_show_the_years_consultations(db):
    people = ensure_people(password="x")
    demo.load(people, StringIO())
    plan = Plan.objects.create(
        year=2022, title="要点", source_sha256="0" * 64, imported_by=people["xinwen"]
    )
    item_10 = Task(plan=plan, number=10, requirement="行政决策事项向社会公开征求意见的…")
    shown = evidence.for_task(item_10)
    assert len(shown) == 3
    assert "收到意见5条，采纳或部分采纳3条，已反馈采纳情况" in shown[-1]["title"]
    item_11 = Task(plan=plan, number=11, requirement="邀请公众代表列席本单位决策会议")
    assert evidence.for_task(item_11) == []
