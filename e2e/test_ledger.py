"""Issue story: a 法规处 clerk sees only 法规处's tasks and posts progress with a file; the press
office exports the third-quarter report."""

import datetime as dt
import io
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import time_machine
from playwright.sync_api import expect

SEED = Path(__file__).parents[1] / "gongkai" / "plans" / "seed" / "guangzhou-yjj-2022.txt"
# The hand-made expected parse of the seed plan (due dates read off the source by a person).
EXPECTED = Path(__file__).parents[1] / "gongkai" / "plans" / "tests" / "seed_expected.json"


def _import_seed(cast):
    from gongkai.plans import services

    return services.plan_import(
        by=cast.press, data=SEED.read_bytes(), filename="seed.txt", year=2022
    ).plan


# The server (a thread of this process) lives on 2022-09-20, inside the third quarter.
@time_machine.travel(dt.datetime(2022, 9, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)
def test_a_clerk_reports_progress_and_the_press_office_exports_q3(
    page, live_server, e2e_cast, login, tmp_path
):
    plan = _import_seed(e2e_cast)
    login("fagui")
    page.get_by_role("link", name="工作台账").first.click()
    expect(page.get_by_text("法规处承担的任务")).to_be_visible()
    rows = page.locator("table.ledger tbody tr:not(.section-row)")
    assert rows.count() == plan.tasks.filter(assignments__unit__name="法规处").count()
    expect(page.locator("table.ledger")).not_to_contain_text(
        "健全和落实局舆情监测"
    )  # item 3: 新闻处 only

    page.locator("table.ledger a", has_text="12").first.click()
    expect(page.get_by_role("heading", name="第12项任务")).to_be_visible()
    page.get_by_label("进展情况").fill("第三季度完成规范性文件全面清理，重新公开38件。")
    page.get_by_label("状态").select_option(label="已完成")
    evidence = tmp_path / "清理结果.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% cleanup results\n")
    page.get_by_label("佐证材料").set_input_files(str(evidence))
    page.get_by_role("button", name="报送").click()
    expect(page.get_by_text("进展已报送")).to_be_visible()
    expect(page.get_by_role("link", name="清理结果.pdf")).to_be_visible()

    page.get_by_role("button", name="退出").click()
    login("xinwen")
    page.goto(f"{live_server.url}/staff/plans/{plan.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="第三季度报表 Excel").click()
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "第三季度" in text and "重新公开38件" in text and "清理结果.pdf" in text


@time_machine.travel(dt.datetime(2022, 3, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)
def test_the_press_office_imports_the_seed_plan_through_the_web_with_every_due_date(
    page, live_server, e2e_cast, login
):
    from gongkai.plans.models import Plan

    login("xinwen")
    page.goto(f"{live_server.url}/staff/plans/import/")
    page.get_by_label("工作方案文件").set_input_files(str(SEED))
    page.get_by_label("年度").fill("2022")
    page.get_by_role("button", name="识别并预览").click()
    expect(page.get_by_role("heading", name="核对工作任务（共38项）")).to_be_visible()
    # What the browser shows is what it will send back: the first task's date is not blank.
    expect(page.locator('input[name="form-0-due_date"]')).to_have_value("2022-08-31")
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("已导入38项工作任务")).to_be_visible()

    expected = {item["n"]: item["due"] for item in json.loads(EXPECTED.read_text())["items"]}
    plan = Plan.objects.get()
    saved = {
        n: due.isoformat() if due else None
        for n, due in plan.tasks.values_list("number", "due_date")
    }
    assert saved == expected
    assert saved[12] == "2022-09-30" and saved[1] == "2022-08-31"

    # 第7项: 相关处室 are chosen on top of the units already ticked; nobody is dropped.
    task = plan.tasks.get(number=7)
    before = set(task.assignments.values_list("unit__name", flat=True))
    page.goto(f"{live_server.url}/staff/plans/tasks/{task.pk}/")
    page.locator(".unit-picker fieldset, .unit-picker .field").filter(
        has_text="配合单位"
    ).get_by_label("法规处").check()
    page.get_by_role("button", name="保存分工").click()
    expect(page.get_by_text("已保存分工：新增法规处。")).to_be_visible()
    assert set(task.assignments.values_list("unit__name", flat=True)) == before | {"法规处"}
