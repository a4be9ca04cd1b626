"""A progress report sent from a task page opened before a colleague's report (core.workflow.
ShownState): the old tab would flip 已完成 back to 推进中 without anyone seeing the newer
report. Refused with who reported what and when, nothing written, the text typed kept."""

from pathlib import Path

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.plans import services
from gongkai.plans.models import Progress, ProgressStatus
from gongkai.testing import seen_in, seen_on_page

SEED = Path(__file__).parents[1] / "seed" / "guangzhou-yjj-2022.txt"
pytestmark = pytest.mark.django_db


@pytest.fixture
def task(cast):
    plan = services.plan_import(
        by=cast.press, data=SEED.read_bytes(), filename="seed.txt", year=2022
    ).plan
    return plan.tasks.get(number=12)  # 法规处牵头


def _open(client, user, task) -> str:
    client.force_login(user)
    return seen_on_page(client, reverse("plans:task_detail", args=[task.pk]))


def test_a_report_from_a_page_opened_before_a_colleagues_done_is_refused(client, cast, task):
    tab = _open(client, cast.clerk, task)  # the first tab, on no report yet
    share = task.assignments.get(unit=cast.units["法规处"])
    share.report_progress(  # meanwhile, another tab (or a colleague) reports 已完成
        by=cast.clerk, text="清理完毕", status=ProgressStatus.DONE, links="https://example.gov.cn/a"
    )
    audits = AuditEntry.objects.filter(action="task.report_progress").count()
    response = client.post(
        reverse("plans:report_progress", args=[task.pk]),
        {"text": "正在推进清理", "status": ProgressStatus.IN_PROGRESS, "seen": tab},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert f"此页面打开后，{cast.clerk}于" in page and "（状态“已完成”）" in page
    assert "正在推进清理" in page  # nothing typed is lost
    share.refresh_from_db()
    assert share.status == ProgressStatus.DONE
    assert list(Progress.objects.values_list("text", flat=True)) == ["清理完毕"]
    assert AuditEntry.objects.filter(action="task.report_progress").count() == audits
    # Sent again from the page that now shows the 已完成 report, it is taken (reopened).
    again = client.post(
        reverse("plans:report_progress", args=[task.pk]),
        {"text": "正在推进清理", "status": ProgressStatus.IN_PROGRESS, "seen": seen_in(page)},
    )
    assert again.status_code == 302
    share.refresh_from_db()
    assert share.status == ProgressStatus.IN_PROGRESS and Progress.objects.count() == 2


def test_a_report_from_the_page_as_it_is_is_taken(client, cast, task):
    tab = _open(client, cast.clerk, task)
    response = client.post(
        reverse("plans:report_progress", args=[task.pk]),
        {"text": "正在推进清理", "status": ProgressStatus.IN_PROGRESS, "seen": tab},
    )
    assert response.status_code == 302
    assert task.assignments.get(unit=cast.units["法规处"]).status == ProgressStatus.IN_PROGRESS
    assert AuditEntry.objects.filter(action="task.report_progress").count() == 1


@pytest.mark.parametrize("sent", [{}, {"seen": ""}])
def test_a_report_without_what_the_page_showed_is_refused_and_writes_nothing(
    client, cast, task, sent
):
    client.force_login(cast.clerk)
    form = {"text": "正在推进清理", "status": ProgressStatus.IN_PROGRESS}
    response = client.post(reverse("plans:report_progress", args=[task.pk]), form | sent)
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "页面缺少进展版本：本页已显示最新进展，请核对后重新报送。" in page
        and "正在推进清理" in page
    )
    assert task.assignments.get(unit=cast.units["法规处"]).status == ProgressStatus.NOT_STARTED
    assert not Progress.objects.exists()
    assert not AuditEntry.objects.filter(action="task.report_progress").exists()


def test_the_page_shown_after_a_missing_seen_refusal_carries_the_report_it_shows(
    client, cast, task
):
    """After 页面缺少进展版本 the clerk reads the page shown again and sends it: that page carries
    what it shows now (a colleague's 已完成 included), not nothing, so the resend is taken."""
    share = task.assignments.get(unit=cast.units["法规处"])
    share.report_progress(
        by=cast.clerk, text="清理完毕", status=ProgressStatus.DONE, links="https://example.gov.cn/a"
    )
    client.force_login(cast.clerk)
    url = reverse("plans:report_progress", args=[task.pk])
    form = {"text": "正在推进清理", "status": ProgressStatus.IN_PROGRESS}
    refused = client.post(url, form).content.decode()
    assert "页面缺少进展版本" in refused and "清理完毕" in refused  # the newer report is shown
    assert Progress.objects.count() == 1
    shown = seen_in(refused)
    assert shown == seen_on_page(client, reverse("plans:task_detail", args=[task.pk]))
    assert client.post(url, form | {"seen": shown}).status_code == 302
    share.refresh_from_db()
    assert share.status == ProgressStatus.IN_PROGRESS and Progress.objects.count() == 2
