"""The public statistics page and the ledger's evidence for seed item 8."""

import pytest

from gongkai.mailbox import evidence
from gongkai.mailbox.models import Category
from gongkai.plans.models import Plan, Task
from gongkai.testing import on_day, written_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered_2022(cast):
    """A consultation accepted Mon 2022-11-07 and answered Wed 11-09 (2 working days), rated
    满意; a 检举 naming 审批处, still open."""
    with on_day(2022, 11, 7):
        message = written_message()
        message.assign(by=cast.press, unit=cast.units["法规处"])
        message.draft(by=cast.clerk, text="答复")
        message.approve(by=cast.head)
        report = written_message(
            category=Category.REPORT, subject="检举某单位违规审批", name="赵六", phone="13700001111"
        )
        report.assign(by=cast.press, unit=cast.units["法规处"], named_unit=cast.units["审批处"])
    with on_day(2022, 11, 9):
        message.release(by=cast.press)
        message.rate(satisfaction="satisfied")
    return message, report


def test_the_public_page_counts_the_year_without_personal_data_or_reports_listed(
    client, answered_2022
):
    message, report = answered_2022
    with on_day(2022, 12, 1):
        page = client.get("/hudong/statistics/?year=2022").content.decode()
    assert "2022年留言办理情况统计" in page
    assert '<td data-label="收到">2</td>' in page
    assert '<td data-label="已答复">1</td>' in page
    assert '<td data-label="平均用时（工作日）">2.0</td>' in page
    assert "检举" in page  # the category row: counted
    for private in ("王五", "13912345678", "赵六", "检举某单位违规审批", report.tracking_no):
        assert private not in page
    assert "有效留言超过3个月未回应" in page and "国办秘函〔2019〕19号" in page


def test_a_mistyped_year_is_a_plain_400(client):
    response = client.get("/hudong/statistics/?year=22年")
    assert response.status_code == 400
    assert "年份" in response.content.decode()


def test_item_8_of_the_ledger_shows_the_year_s_handling_figures(cast, answered_2022):
    plan = Plan.objects.create(
        year=2022, title="2022年政务公开工作要点", source_sha256="0" * 64, imported_by=cast.press
    )
    task_8 = Task.objects.create(plan=plan, number=8, requirement="领导留言办理")
    task_9 = Task.objects.create(plan=plan, number=9, requirement="其他")
    items = evidence.for_task(task_8)
    assert [item["title"] for item in items] == [
        "2022年收到留言2件（有效2件），已答复1件，办理中1件",
        "按期答复1件（100.0%），平均用时2.0个工作日（2.0个自然日）",
        "留言人评价1件，满意和基本满意1件（100.0%）",
    ]
    assert {item["url"] for item in items} == {"/hudong/statistics/?year=2022"}
    assert evidence.for_task(task_9) == []
