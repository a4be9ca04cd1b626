"""Issue 14: a merge in the import preview renumbers the tasks after it when the reader numbered
the tasks itself (the plan numbered them 1, 2, 3… under each part, so the reader numbered them
in order through it): the clerk no longer retypes every number after a merge. Numbers the
plan gave itself, and numbers the clerk typed, stay as set."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.plans.models import Plan
from gongkai.plans.preview_edits import DELETE, MERGE, READ_NUMBER, apply_edits
from gongkai.plans.tests.test_import_preview_edits import _page_data, _shown

# Numbers restart under each part: the reader numbers the five tasks 1-5 through the plan.
RESTARTING = "\n".join(
    [
        "2024年某区应急管理局政务公开工作要点",
        "一、深化重点领域信息公开",
        "1.做好执法信息公开。按月公开执法结果。（执法支队牵头，法规处配合，2024年6月底前完成）",
        "2.做好年度报告。按时公开年度报告。（法规处负责，2024年1月31日前完成）",
        "二、加强平台建设",
        "1.更新公开目录。每季度更新一次。（办公室负责，2024年3月底前完成）",
        "2.做好政策解读。（新闻处负责，2024年9月底前完成）",
        "3.办好政府网站。（办公室负责，2024年12月底前完成）",
    ]
)
# The same tasks numbered 1-5 by the plan itself.
OWN_NUMBERS = RESTARTING.replace("二、加强平台建设\n1.", "二、加强平台建设\n3.")
OWN_NUMBERS = OWN_NUMBERS.replace("\n2.做好政策", "\n4.做好政策").replace("\n3.办好", "\n5.办好")


def _row(number: int, read: str, action: str = "") -> dict:
    return {
        "number": str(number),
        READ_NUMBER: read,
        "action": action,
        "requirement": f"任务{number}",
        "lead_units": "办公室",
        "support_units": "",
    }


def test_a_merge_moves_the_readers_numbers_after_it_up():
    rows = [_row(n, str(n)) for n in range(1, 6)]
    rows[1]["action"] = MERGE
    applied = apply_edits(rows)
    assert [(r["number"], r[READ_NUMBER]) for r in applied.rows] == [
        ("1", "1"),
        ("2", "2"),
        ("3", "3"),
        ("4", "4"),
    ]


def test_two_merges_move_the_numbers_after_them_up_by_two():
    rows = [_row(n, str(n), MERGE if n in (2, 3) else "") for n in range(1, 7)]
    assert [r["number"] for r in apply_edits(rows).rows] == ["1", "2", "3", "4"]


def test_a_delete_moves_the_readers_numbers_after_it_up_as_a_merge_does():
    """Was: 不导入此项 (a heading the reader took for task 1) left 2…N with a gap at 1."""
    rows = [_row(n, str(n)) for n in range(1, 6)]
    rows[0]["action"] = DELETE
    applied = apply_edits(rows)
    assert [(r["number"], r[READ_NUMBER]) for r in applied.rows] == [
        ("1", "1"),
        ("2", "2"),
        ("3", "3"),
        ("4", "4"),
    ]
    assert applied.renumbered == 4 and "删除1项，其后4项已顺延编号" == applied.describe()


def test_a_delete_keeps_the_plans_own_and_the_clerks_numbers():
    own = [_row(n, "") for n in (1, 2, 3)]
    own[0]["action"] = DELETE
    assert [r["number"] for r in apply_edits(own).rows] == ["2", "3"]
    typed = [_row(n, str(n)) for n in range(1, 5)]
    typed[0]["action"] = DELETE
    typed[2]["number"] = "9"  # typed by the clerk over the reader's 3: the run ends there
    assert [r["number"] for r in apply_edits(typed).rows] == ["1", "9", "4"]


def test_a_number_the_clerk_typed_stays_and_ends_the_run():
    rows = [_row(n, str(n)) for n in range(1, 6)]
    rows[1]["action"] = MERGE
    rows[3]["number"] = "9"  # typed by the clerk over the reader's 4
    assert [r["number"] for r in apply_edits(rows).rows] == ["1", "2", "9", "5"]


def test_the_plans_own_numbers_stay_as_set_after_a_merge():
    rows = [_row(n, "") for n in (1, 2, 3, 5, 6)]
    rows[1]["action"] = MERGE
    assert [r["number"] for r in apply_edits(rows).rows] == ["1", "3", "5", "6"]


def _upload(client, text: str):
    data = {"file": SimpleUploadedFile("要点.txt", text.encode()), "year": 2024}
    return client.post(reverse("plans:plan_import"), data)


def _merge_second(client, page):
    data = _page_data(page) | {"form-1-action": "merge", "apply": "1"}
    return client.post(reverse("plans:plan_import"), data)


@pytest.mark.django_db
def test_a_merge_in_a_plan_the_reader_numbered_renumbers_what_follows(client, cast):
    client.force_login(cast.press)
    page = _upload(client, RESTARTING)
    assert [int(n) for n, _, _ in _shown(page)] == [1, 2, 3, 4, 5]
    applied = _merge_second(client, page)
    assert [n for n, _, _ in _shown(applied)] == ["1", "2", "3", "4"]
    assert "已应用修改（并入上一项1项，其后3项已顺延编号）" in applied.content.decode()
    assert not Plan.objects.exists()

    saved = client.post(reverse("plans:plan_import"), _page_data(applied))
    assert saved.status_code == 302
    numbers = Plan.objects.get().tasks.order_by("number").values_list("number", "requirement")
    assert [(n, r[:6]) for n, r in numbers] == [
        (1, "做好执法信息"),
        (2, "更新公开目录"),
        (3, "做好政策解读"),
        (4, "办好政府网站"),
    ]


@pytest.mark.django_db
def test_a_merge_in_a_plan_that_numbered_its_tasks_itself_keeps_the_numbers(client, cast):
    client.force_login(cast.press)
    page = _upload(client, OWN_NUMBERS)
    assert [int(n) for n, _, _ in _shown(page)] == [1, 2, 3, 4, 5]
    applied = _merge_second(client, page)
    assert [n for n, _, _ in _shown(applied)] == ["1", "3", "4", "5"]
    assert "顺延编号" not in applied.content.decode()
