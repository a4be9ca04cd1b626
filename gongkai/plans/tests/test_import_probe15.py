"""An outside probe's findings on the plan import (helper plans15): a 备注 column that flipped
工作任务 and 具体措施, a 备注 labelled 不导入 yet saved, a sheet's title row not offered as the
plan's title, and the command line told to tick a checkbox it does not have. Each test asserts
the Plan and Task rows the import leaves behind."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from gongkai.plans.importers import parse_plan_file
from gongkai.plans.models import Plan, Task
from gongkai.plans.tests.corpus_score import office_file
from gongkai.plans.tests.test_import_preview import _confirm, _upload

HEADER = ["序号", "工作任务", "具体措施", "责任单位", "完成时限", "备注"]
# An office's table: most 备注 cells empty, one filled.
ROWS = [
    ["1", "加强政策解读", "对重要政策开展图文解读", "新闻处", "2024年6月底前", ""],
    ["2", "做好依申请公开", "规范答复流程", "法规处", "常态化", "按季度报送台账"],
    ["3", "推进基层公开", "更新标准目录", "新闻处、法规处", "2024年10月底前", ""],
]
TITLE = "某局2024年政务公开工作任务表"  # no 方案/要点/分工 in it


def _xlsx(rows, title=None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        sheet.append([int(v) if v.isdigit() else (v or None) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _docx(rows, title=None) -> bytes:
    return office_file({"format": "docx", "before": [title] if title else [], "rows": rows})


# ---- 1. a 备注 column does not swap 工作任务 and 具体措施 -----------------------------


@pytest.mark.parametrize("make,name", [(_xlsx, "分工.xlsx"), (_docx, "分工.docx")])
def test_a_remarks_column_leaves_task_and_measures_in_their_columns(make, name):
    # Before the fix the .xlsx read 具体措施 as the task and lost 工作任务 altogether: its
    # empty 备注 cells made every row look like one under a merged group cell.
    parsed = parse_plan_file(make([HEADER, *ROWS]), name, 2024)
    got = [(i.number, i.requirement, i.measures, i.note) for i in parsed.items]
    assert got == [
        (1, "加强政策解读", "对重要政策开展图文解读", ""),
        (2, "做好依申请公开", "规范答复流程", "按季度报送台账"),
        (3, "推进基层公开", "更新标准目录", ""),
    ]
    # An empty 备注 is no cell lost to a merge: nothing to check on these rows.
    assert [i.flags for i in parsed.items] == [[], [], []]


def test_a_group_cell_merged_over_its_rows_still_groups_them_beside_a_remarks_column():
    # The other side of the rule above: 工作任务 merged over two rows is a group heading, the
    # items are in 具体措施 (the merged cell repeats in Excel; an empty 备注 says nothing).
    rows = [
        HEADER,
        ["1", "政策公开", "公开补贴政策", "新闻处", "2024年6月底前", ""],
        ["2", "", "公开补贴对象", "法规处", "2024年9月底前", ""],
        ["3", "执法公开", "公开处罚信息", "法规处", "每月", "与市场局共享"],
        ["4", "", "公开检查计划", "新闻处", "2024年3月底前", ""],
    ]
    book = openpyxl.load_workbook(io.BytesIO(_xlsx(rows)))
    book.active.merge_cells("B2:B3")
    book.active.merge_cells("B4:B5")
    buffer = io.BytesIO()
    book.save(buffer)
    parsed = parse_plan_file(buffer.getvalue(), "分工.xlsx", 2024)
    assert [(i.requirement, i.subsection) for i in parsed.items] == [
        ("公开补贴政策", "政策公开"),
        ("公开补贴对象", "政策公开"),
        ("公开处罚信息", "执法公开"),
        ("公开检查计划", "执法公开"),
    ]


@pytest.mark.django_db
def test_the_saved_tasks_keep_task_measures_and_remarks_each_in_its_place(client, cast):
    # 2. The 备注 column was labelled 不导入 while its text was saved on the task: it is
    # labelled as saved, and shown in the preview for correction.
    client.force_login(cast.press)
    preview = _upload(client, _xlsx([HEADER, *ROWS]), "分工.xlsx")
    page = preview.content.decode()
    # (不导入此项 is the verb that leaves one task out, issue 14, not a column's label.)
    assert "不导入" not in page.replace("不导入此项", "") and "备注（存入任务的备注）" in page
    assert 'name="form-1-note"' in page and "按季度报送台账</textarea>" in page
    assert not Plan.objects.exists()

    assert _confirm(client, preview).status_code == 302

    saved = Task.objects.order_by("number").values_list("requirement", "measures", "note")
    assert list(saved) == [
        ("加强政策解读", "对重要政策开展图文解读", ""),
        ("做好依申请公开", "规范答复流程", "按季度报送台账"),
        ("推进基层公开", "更新标准目录", ""),
    ]


@pytest.mark.django_db
def test_a_remark_cleared_in_the_preview_is_not_saved(client, cast):
    client.force_login(cast.press)
    preview = _upload(client, _xlsx([HEADER, *ROWS]), "分工.xlsx")
    assert _confirm(client, preview, **{"form-1-note": ""}).status_code == 302
    assert not Task.objects.exclude(note="").exists()


# ---- 3. the file's title row is the proposed title, editable ---------------------------


@pytest.mark.parametrize("make,name", [(_xlsx, "分工.xlsx"), (_docx, "分工.docx")])
def test_the_title_row_above_the_table_is_the_plans_title(make, name):
    parsed = parse_plan_file(make([HEADER, *ROWS], title=TITLE), name, 2024)
    assert parsed.title == TITLE and len(parsed.items) == 3


def test_a_title_set_on_two_lines_is_read_whole():
    data = office_file(
        {
            "format": "docx",
            "before": ["某区政务服务数据管理局", "2024年政务公开工作任务分工表"],
            "rows": [HEADER, *ROWS],
        }
    )
    parsed = parse_plan_file(data, "分工.docx", 2024)
    assert parsed.title == "某区政务服务数据管理局2024年政务公开工作任务分工表"


def _titled_preview(client, cast, name="分工.xlsx"):
    client.force_login(cast.press)
    return _upload(client, _xlsx([HEADER, *ROWS], title=TITLE), name)


@pytest.mark.django_db
def test_the_preview_proposes_the_sheets_title_and_saves_it(client, cast):
    preview = _titled_preview(client, cast, name="20240301.xlsx")
    assert f'value="{TITLE}"' in preview.content.decode()
    assert _confirm(client, preview).status_code == 302
    assert Plan.objects.get().title == TITLE


@pytest.mark.django_db
def test_the_title_edited_in_the_preview_is_the_one_saved(client, cast):
    preview = _titled_preview(client, cast)
    response = _confirm(client, preview, title="某局2024年政务公开重点工作任务分工")
    assert response.status_code == 302
    assert Plan.objects.get().title == "某局2024年政务公开重点工作任务分工"


@pytest.mark.django_db
def test_an_emptied_title_is_refused_at_the_field_and_nothing_is_saved(client, cast):
    preview = _titled_preview(client, cast)
    refused = _confirm(client, preview, title="  ")
    assert refused.status_code == 400
    assert refused.context["title_form"].errors["title"] == ["请填写方案标题。"]
    assert not Plan.objects.exists() and not Task.objects.exists()


@pytest.mark.django_db
def test_a_file_without_a_title_row_proposes_the_years_plan(client, cast):
    client.force_login(cast.press)
    preview = _upload(client, _xlsx([HEADER, *ROWS]), "分工.xlsx")
    title_form = preview.context["title_form"]
    assert title_form.initial == {"title": "2024年政务公开工作实施方案"}
    assert "文件中未找到标题行" in preview.content.decode()


# ---- 4. the command line says what to fix in the file ----------------------------------


@pytest.mark.django_db
def test_the_command_line_refuses_a_date_that_does_not_exist_in_its_own_words(tmp_path, cast):
    rows = [HEADER, *ROWS]
    rows[2] = ["2", "做好依申请公开", "规范答复流程", "法规处", "2024年2月30日", ""]
    path = tmp_path / "分工.xlsx"
    path.write_bytes(_xlsx(rows))
    with pytest.raises(CommandError) as refused:
        call_command("plan", "import", str(path), "--year", "2024")
    message = str(refused.value)
    assert message == (
        "第2项任务的完成时限“2024年2月30日”不是实际存在的日期。请在文件中改为正确的日期，"
        "或改写为“常态化”“持续推进”等，保存后重新导入；本次未导入任何内容。"
    )
    assert "勾选" not in message  # the web preview's checkbox: none on the command line
    assert not Plan.objects.exists() and not Task.objects.exists()

    rows[2][4] = "2024年2月29日"  # fixed in the file as the message says: imported
    path.write_bytes(_xlsx(rows))
    call_command("plan", "import", str(path), "--year", "2024", stdout=io.StringIO())
    assert Task.objects.get(number=2).due_date.isoformat() == "2024-02-29"
