"""Issue 14 story: the press office imports another body's Word plan whose headers and one unit
name the importer does not know; it maps the columns and the unit in the preview, the plan is
saved with the right units, and the mapping is remembered."""

import os
from pathlib import Path

from playwright.sync_api import expect

HEADER = ["内容", "办法", "谁来做", "何时完成"]
ROWS = [
    ["1. 公开年度工作计划", "在门户网站公开", "法规科牵头，新闻处配合", "2024年3月底前"],
    ["2. 做好政策解读", "同步解读", "新闻处", "常态落实"],
    ["3. 公开执法结果", "按月公开", "执法支队、法规科", "每月"],
]


def _screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("GONGKAI_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _shoot(page, shots: Path, name: str) -> None:
    """The page at a phone's width and a desktop's, whole."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(shots / f"{name}-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(shots / f"{name}-1280.png"), full_page=True)


def _map_the_four_columns(page) -> None:
    page.get_by_label("第1列“内容”").select_option("requirement")
    page.get_by_label("第2列“办法”").select_option("measures")
    page.get_by_label("第3列“谁来做”").select_option("units")
    page.get_by_label("第4列“何时完成”").select_option("deadline")
    page.get_by_role("button", name="按此识别").click()


def _upload(page, live_server, path: Path, year: int) -> None:
    page.goto(f"{live_server.url}/staff/plans/import/")
    page.get_by_label("工作方案文件").set_input_files(str(path))
    page.get_by_label("年度").fill(str(year))
    page.get_by_role("button", name="识别并预览").click()


def test_the_press_office_maps_columns_and_a_unit_once_and_imports_a_word_plan(
    page, live_server, e2e_cast, login, tmp_path
):
    from gongkai.core.models import UnitAlias
    from gongkai.plans.models import HeaderSynonym, Plan
    from gongkai.plans.tests.corpus_score import office_file

    plan_file = tmp_path / "某区应急管理局2024年政务公开工作安排.docx"
    spec = {"format": "docx", "before": ["某区应急管理局2024年政务公开工作安排"]}
    plan_file.write_bytes(office_file(spec | {"rows": [HEADER, *ROWS]}))
    shots = _screenshots(tmp_path)

    login("xinwen")
    _upload(page, live_server, plan_file, 2024)

    expect(page.get_by_role("heading", name="核对表格各列")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(shots / "import-columns-390.png"), full_page=True)
    _map_the_four_columns(page)

    expect(page.get_by_role("heading", name="核对工作任务（共3项）")).to_be_visible()
    expect(page.get_by_text("未识别的单位（1个）")).to_be_visible()
    page.screenshot(path=str(shots / "import-preview-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(shots / "import-preview-1280.png"), full_page=True)
    page.get_by_label("原文“法规科”对应").select_option(label="法规处")
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("已导入3项工作任务")).to_be_visible()

    plan = Plan.objects.get()
    shares = {
        task.number: sorted((a.unit.name, a.role) for a in task.assignments.select_related("unit"))
        for task in plan.tasks.all()
    }
    assert shares == {
        1: [("新闻处", "support"), ("法规处", "lead")],
        2: [("新闻处", "lead")],
        3: [("执法支队", "lead"), ("法规处", "lead")],
    }
    assert [t.units_to_choose for t in plan.tasks.order_by("number")] == [[], [], []]
    assert UnitAlias.objects.get(name="法规科").unit.name == "法规处"
    assert HeaderSynonym.objects.get(word="谁来做").role == "units"

    # Next year's plan, same headers and the same unit name: straight to the preview, no question.
    next_file = tmp_path / "2025年安排.docx"
    next_rows = [["1. 公开年度报告", "按时公开", "法规科", "1月31日前"]]
    next_file.write_bytes(office_file(spec | {"rows": [HEADER, *next_rows]}))
    _upload(page, live_server, next_file, 2025)
    expect(page.get_by_role("heading", name="核对工作任务（共1项）")).to_be_visible()
    expect(page.get_by_text("未识别的单位")).to_have_count(0)
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("已导入1项工作任务")).to_be_visible()
    task = Plan.objects.get(year=2025).tasks.get()
    assert [(a.unit.name, a.role) for a in task.assignments.select_related("unit")] == [
        ("法规处", "lead")
    ]


def test_an_excel_task_table_with_a_title_row_and_remarks_is_imported_as_written(
    page, live_server, e2e_cast, login, tmp_path
):
    """Probe findings (helper plans15): the sheet's title row is the proposed title, editable;
    工作任务 and 具体措施 stay in place beside a 备注 column, whose text is shown and saved as
    the task's 备注 (labelled so)."""
    from gongkai.plans.models import Plan
    from gongkai.plans.tests.test_import_probe15 import HEADER, ROWS, TITLE, _xlsx

    plan_file = tmp_path / "分工.xlsx"
    plan_file.write_bytes(_xlsx([HEADER, *ROWS], title=TITLE))
    shots = _screenshots(tmp_path)

    login("xinwen")
    _upload(page, live_server, plan_file, 2024)

    expect(page.get_by_role("heading", name="核对工作任务（共3项）")).to_be_visible()
    expect(page.get_by_label("方案标题")).to_have_value(TITLE)
    page.get_by_text("表格各列的对应关系").click()
    expect(page.get_by_label("第6列“备注”")).to_have_value("note")
    expect(page.get_by_label("第6列“备注”").locator("option:checked")).to_have_text(
        "备注（存入任务的备注）"
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(shots / "import-xlsx-remarks-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(shots / "import-xlsx-remarks-1280.png"), full_page=True)

    page.get_by_label("方案标题").fill("某局2024年政务公开重点工作任务分工")
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("已导入3项工作任务")).to_be_visible()

    plan = Plan.objects.get()
    assert plan.title == "某局2024年政务公开重点工作任务分工"
    assert list(plan.tasks.order_by("number").values_list("requirement", "measures", "note")) == [
        ("加强政策解读", "对重要政策开展图文解读", ""),
        ("做好依申请公开", "规范答复流程", "按季度报送台账"),
        ("推进基层公开", "更新标准目录", ""),
    ]


def test_the_same_plan_again_is_named_and_a_wrong_learned_unit_is_corrected(
    page, live_server, e2e_cast, login, tmp_path
):
    """Probe 8 P1 and P4: the same plan saved again (one more task, other bytes) is not silently
    a second ledger: the preview names the year's plan, wants a choice, and a separate plan
    needs a reason. A unit name mapped wrongly in the preview is then corrected on the 单位
    page, and the next import follows it."""
    from gongkai.core.models import AuditEntry, UnitAlias
    from gongkai.plans.models import Plan, Task
    from gongkai.plans.tests.corpus_score import office_file

    spec = {"format": "docx", "before": ["某区应急管理局2024年政务公开工作安排"]}
    first, again = tmp_path / "安排.docx", tmp_path / "安排（修订）.docx"
    first.write_bytes(office_file(spec | {"rows": [HEADER, *ROWS]}))
    more = [*ROWS, ["4. 更新公开目录", "每季度更新", "新闻处", "12月底前"]]
    again.write_bytes(office_file(spec | {"rows": [HEADER, *more]}))
    shots = _screenshots(tmp_path)

    login("xinwen")
    _upload(page, live_server, first, 2024)
    _map_the_four_columns(page)
    page.get_by_label("原文“法规科”对应").select_option(label="审批处")  # the wrong unit
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("已导入3项工作任务")).to_be_visible()

    _upload(page, live_server, again, 2024)
    expect(page.get_by_text("本年度已有相同的工作方案")).to_be_visible()
    expect(page.get_by_text("“法规科”→审批处")).to_be_visible()
    _shoot(page, shots, "import-duplicate")
    page.get_by_label("作为另一份方案导入（两份方案的任务都会分给各单位）").check()
    page.get_by_role("button", name="确认导入").click()
    # at its field (the form's error summary links to it as well)
    expect(page.locator("p.error", has_text="请说明为什么作为另一份方案导入。")).to_be_visible()
    assert Plan.objects.count() == 1 and Task.objects.count() == 3
    page.get_by_label("替换原方案（删除原方案的任务和分工，按本次导入的内容重建）").check()
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("已导入4项工作任务")).to_be_visible()
    plan = Plan.objects.get()
    assert plan.source_name == "安排（修订）.docx" and plan.tasks.count() == 4
    assert AuditEntry.objects.filter(action="plan.replace").count() == 1

    page.goto(f"{live_server.url}/staff/units/")
    expect(page.get_by_role("heading", name="导入工作方案时记住的单位写法")).to_be_visible()
    card = page.locator(".learned-alias").filter(has_text="“法规科”")
    expect(card).to_contain_text("审批处")
    _shoot(page, shots, "units-learned")
    card.get_by_label("改为对应").select_option(label="法规处")
    card.get_by_role("button", name="改正").click()
    expect(page.get_by_text("已改正：“法规科”对应法规处。")).to_be_visible()
    assert UnitAlias.objects.get(name="法规科").unit.name == "法规处"
    assert AuditEntry.objects.get(action="unit.alias_repoint").actor.username == "xinwen"

    # The headers learned by the first import, on the import page; an unmapped name's task.
    page.goto(f"{live_server.url}/staff/plans/import/")
    expect(page.locator("#learned-headers .learned-alias")).to_have_count(4)
    _shoot(page, shots, "import-headers")
    odd = tmp_path / "专项.docx"
    odd_rows = [["1. 公开预决算", "按时公开", "宣教科", "6月底前"]]
    odd.write_bytes(
        office_file({"format": "docx", "before": ["预决算专项"], "rows": [HEADER, *odd_rows]})
    )
    _upload(page, live_server, odd, 2024)
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("已导入1项工作任务")).to_be_visible()
    task = Task.objects.get(plan__source_name="专项.docx")
    page.goto(f"{live_server.url}/staff/plans/tasks/{task.pk}/")
    expect(page.get_by_role("link", name="“单位”页")).to_be_visible()
    _shoot(page, shots, "task-unmapped")
