"""Issue 14 stories on REAL plans the reader gets partly wrong (gongkai/plans/tests/real_heldout18
and real_heldout19): the press office corrects the task boundaries and roles in the preview,
sees the result, confirms, and the saved tasks are the plan's expected parse."""

import json
from pathlib import Path

from playwright.sync_api import expect

from e2e.test_plan_import import _screenshots, _shoot

REAL = Path(__file__).resolve().parent.parent / "gongkai" / "plans" / "tests"


def _real(folder: str, stem: str) -> tuple[Path, dict]:
    path = REAL / folder / f"{stem}.txt"
    expected = json.loads((REAL / folder / f"{stem}.expected.json").read_text(encoding="utf-8"))
    return path, expected


def _upload_real(page, live_server, path: Path, year: int) -> None:
    page.goto(f"{live_server.url}/staff/plans/import/")
    page.get_by_label("工作方案文件").set_input_files(str(path))
    page.get_by_label("年度").fill(str(year))
    page.get_by_role("button", name="识别并预览").click()


def _the_organisation_has(expected: dict) -> None:
    """The body whose plan it is knows its own units, named as its plan writes them."""
    from gongkai.core.models import Unit

    names = {n for item in expected["items"] for n in item["lead"] + item["support"]}
    for i, name in enumerate(sorted(names)):
        Unit.objects.get_or_create(name=name, defaults={"kind": "department", "order": 200 + i})


def _saved(plan) -> list[dict]:
    """The plan's tasks as the expectation writes them."""
    found = []
    for task in plan.tasks.order_by("number"):
        shares = task.assignments.select_related("unit").order_by("pk")
        found.append(
            {
                "n": task.number,
                "lead": [a.unit.name for a in shares if a.role == "lead"],
                "support": [a.unit.name for a in shares if a.role == "support"],
                "due": task.due_date.isoformat() if task.due_date else None,
                "ongoing": task.ongoing,
            }
        )
    return found


def _wanted(expected: dict, count: int | None = None) -> list[dict]:
    keys = ("n", "lead", "support", "due", "ongoing")
    return [{k: item[k] for k in keys} for item in expected["items"][:count]]


def _item(page, at: int):
    return page.locator(f"#item-{at}")


def test_a_plan_cut_into_fragments_is_merged_back_and_its_roles_corrected(
    page, live_server, e2e_cast, login, tmp_path
):
    """real_heldout18 05 (平潭 2017 三减二化, labelled 牵头单位/配合单位 lines): the reader cuts
    task 四's service list into 14 items (#4–#17, the units and deadline on the last) and reads
    task 一's 试点单位 lines as leading units. 19 items shown, 2 of the 6 right."""
    from gongkai.plans.models import Plan, Task

    path, expected = _real("real_heldout18", "05_pingtan_2017_sanjianerhua_labelled_lines")
    _the_organisation_has(expected)
    shots = _screenshots(tmp_path)
    login("xinwen")
    _upload_real(page, live_server, path, 2017)

    expect(page.get_by_role("heading", name="核对工作任务（共19项）")).to_be_visible()
    expect(page.locator("#to-check strong")).to_have_text("共19项，18项待核实")
    _shoot(page, shots, "import-edits-before")

    # 一: the 试点单位 are where it is piloted, not leads.
    _item(page, 1).get_by_label("牵头单位").fill("区行政审批局、智慧岛服务管理中心")
    # 四: the 13 fragments below #4 back into it, the last one bringing its units and deadline.
    for at in range(5, 18):
        _item(page, at).get_by_label("修改此项").select_option(label="并入上一项")
    # 五、六 numbered as the plan numbers them.
    _item(page, 18).get_by_label("序号").fill("5")
    _item(page, 19).get_by_label("序号").fill("6")
    # On a phone, mid-way down a long plan: the two buttons stay at hand.
    page.set_viewport_size({"width": 390, "height": 844})
    _item(page, 12).get_by_label("修改此项").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "import-edits-phone-midway-390.png"))
    expect(page.get_by_role("button", name="应用修改并重新核对")).to_be_in_viewport()
    page.get_by_role("button", name="应用修改并重新核对").click()

    expect(page.get_by_role("heading", name="核对工作任务（共6项）")).to_be_visible()
    expect(page.get_by_text("已应用修改（并入上一项13项）")).to_be_visible()
    expect(_item(page, 4).get_by_label("牵头单位")).to_have_value("区公安局")
    expect(_item(page, 1).get_by_label("牵头单位")).to_have_value(
        "区行政审批局、智慧岛服务管理中心"
    )
    assert not Plan.objects.exists() and not Task.objects.exists()
    _shoot(page, shots, "import-edits-after")

    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("已导入6项工作任务")).to_be_visible()
    plan = Plan.objects.get()
    assert _saved(plan) == _wanted(expected)
    fourth = plan.tasks.get(number=4)
    assert fourth.requirement.startswith("办理往来港澳通行证（卡式）旅游签注自助申请；")
    assert "五是自助个人征信查询业务。" in fourth.requirement


def test_parts_that_are_not_tasks_are_left_out(page, live_server, e2e_cast, login, tmp_path):
    """real_heldout19 07 (平潭 2018 危废督查考核): the reader also takes 四、考核要求 and
    六、考核结果应用 as tasks (#8–#16); the plan's tasks are 二、主要任务 1.–7."""
    from gongkai.plans.models import Plan

    path, expected = _real("real_heldout19", "07_pingtan_huantu_2018_weifei_numbered_due_in_text")
    login("xinwen")
    _upload_real(page, live_server, path, 2018)
    expect(page.get_by_role("heading", name="核对工作任务（共16项）")).to_be_visible()

    for at in range(8, 17):
        _item(page, at).get_by_label("修改此项").select_option(label="不导入此项")
    page.get_by_role("button", name="确认导入").click()  # not applied yet: shown, not saved
    expect(page.get_by_text("所选修改已应用，尚未导入")).to_be_visible()
    expect(page.get_by_role("heading", name="核对工作任务（共7项）")).to_be_visible()
    assert not Plan.objects.exists()

    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("已导入7项工作任务")).to_be_visible()
    assert _saved(Plan.objects.get()) == _wanted(expected)


ROWS_02 = [
    (
        "出台2016年度扩大有效投资的实施意见，细分投资领域，谋划实施一批跨界投资项目。",
        "区经发局",
        "区交建局、环土局、电信公司、电力公司、广电网络分公司",
    ),
    (
        "创新应用各种投融资方式，总结推广PPP等建设运营模式，调动社会投资主体积极性。",
        "区财金局、经发局",
        "区环土局、交建局、社会事业局",
    ),
    (
        "抓好科学发展跨越发展行动计划重大项目和2016年度省重点项目建设。",
        "区经发局",
        "区财金局、纪工委、环土局、交建局、社会事业局",
    ),
]


def _fill(item, requirement: str, lead: str, support: str) -> None:
    item.get_by_label("分项").fill("投资增长动力不足")
    item.get_by_label("上级要求").fill(requirement)
    item.get_by_label("牵头单位").fill(lead)
    item.get_by_label("配合单位").fill(support)


def test_rows_the_reader_missed_are_added_by_the_clerk(
    page, live_server, e2e_cast, login, tmp_path
):
    """real_heldout19 02 (平潭 2016 立项挂牌 任务分解表, a table run into one line): the reader
    reads the whole page as ONE task and warns that 编号为2、3…的任务可能漏读. The clerk makes
    the first task of it, splits a copy off for the second and adds the third."""
    from gongkai.plans.models import Plan

    path, expected = _real("real_heldout19", "02_pingtan_gwhbgs_2016_lixiangguapai_runon_table")
    _the_organisation_has(expected)
    login("xinwen")
    _upload_real(page, live_server, path, 2016)
    expect(page.get_by_role("heading", name="核对工作任务（共1项）")).to_be_visible()
    expect(page.get_by_text("编号为2、3、4")).to_be_visible()
    # The rows it missed are in the plan's text, beside the tasks, to copy from.
    page.get_by_text("查看原文").click()
    expect(page.locator("#source-text pre")).to_contain_text(ROWS_02[1][0])

    _fill(_item(page, 1), *ROWS_02[0])
    # The table has no deadline column: the year's end the reader took from the notice goes.
    _item(page, 1).get_by_label("完成时限").fill("")
    _item(page, 1).get_by_label("截止日期").fill("")
    _item(page, 1).get_by_label("修改此项").select_option(
        label="拆为两项（在下方复制一份，改为第二项的内容）"
    )
    page.get_by_role("button", name="应用修改并重新核对").click()
    expect(page.get_by_role("heading", name="核对工作任务（共2项）")).to_be_visible()
    expect(_item(page, 2).get_by_label("序号")).to_have_value("2")
    expect(_item(page, 2).get_by_label("牵头单位")).to_have_value("区经发局")

    _fill(_item(page, 2), *ROWS_02[1])
    _item(page, 2).get_by_label("修改此项").select_option(label="在下方添加一项（原文漏读的任务）")
    page.get_by_role("button", name="应用修改并重新核对").click()
    expect(page.get_by_role("heading", name="核对工作任务（共3项）")).to_be_visible()
    expect(_item(page, 3).get_by_text("请填写这一项的任务内容")).to_be_visible()
    _fill(_item(page, 3), *ROWS_02[2])
    assert not Plan.objects.exists()

    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("已导入3项工作任务")).to_be_visible()
    plan = Plan.objects.get()
    assert _saved(plan) == _wanted(expected, 3)
    assert [t.requirement for t in plan.tasks.order_by("number")] == [r for r, _, _ in ROWS_02]
