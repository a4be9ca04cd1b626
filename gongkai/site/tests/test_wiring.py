"""What gathers every app (gongkai.site): the staff home's sections in their order, and the
ledger showing work done in other apps as evidence under its tasks."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from gongkai.core.models import Notification
from gongkai.plans.models import Assignment, Plan, Task
from gongkai.publications.models import Category, Document, Kind


def _draft(cast, title):
    return Document.create_draft(
        by=cast.clerk,
        title=title,
        category=Category.REGULATIONS_NORMATIVE_DOCS,
        kind=Kind.GENERAL,
        written_on=dt.date(2022, 9, 1),
        body="<p>各处室：按要求落实。</p>",
    )


def _publish(cast, document):
    document.submit(by=cast.clerk)
    document.approve(by=cast.head, comment="同意")
    document.approve(by=cast.reviewer, comment="未发现涉密内容")
    document.approve(by=cast.leader, comment="同意发布", waiver="未制发解读：测试")
    document.refresh_from_db()
    return document


def _task(cast, number, year):
    plan = Plan.objects.create(
        year=year, title=f"{year}年政务公开工作实施方案", source_sha256="0" * 64
    )
    task = Task.objects.create(
        plan=plan,
        number=number,
        section="一、以公开助力经济平稳健康发展",
        requirement="严格落实公文类信息三审发布制度",
        deadline_text="贯穿全年",
        units_text="法规处",
    )
    Assignment.objects.create(task=task, unit=cast.units["法规处"], role=Assignment.Role.LEAD)
    return task


def test_the_staff_home_shows_my_reviews_first_then_notices_and_tasks_and_drafts_last(client, cast):
    _draft(cast, "等待一审的应急预案通知").submit(by=cast.clerk)
    _draft(cast, "尚未送审的执法检查草稿")
    Notification.objects.create(user=cast.head, key="test", text="第12项任务即将到期")
    _task(cast, 12, 2022)
    client.force_login(cast.head)  # 法规处 负责人: 一审 of its unit's documents
    page = client.get(reverse("core:dashboard")).content.decode()
    shown = [
        "等待一审的应急预案通知",
        "第12项任务即将到期",
        "法规处的工作任务",
        "尚未送审的执法检查草稿",
    ]
    positions = [page.index(text) for text in shown]
    assert positions == sorted(positions)


def test_the_ledger_task_shows_what_publications_published_for_it(client, cast):
    """Seed item 19 (三审发布): each document published through the three reviews that year."""
    document = _publish(cast, _draft(cast, "关于开展安全生产大检查的通知"))
    task = _task(cast, 19, timezone.localdate().year)
    client.force_login(cast.clerk)
    page = client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()
    assert f"关于开展安全生产大检查的通知（{document.index_no}）" in page
    assert reverse("publications_public:document", args=[document.pk]) in page
