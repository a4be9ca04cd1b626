"""Hostile plan files (issue 15, item 6): a 1.6 KB .xlsx declaring A1:XFD1048576 grew the
importer to 4 GB; zip bombs, 100,000 members and crafted zips must get a Chinese sentence."""

import io
import tempfile
import zipfile
from pathlib import Path

import pytest

from gongkai.lib.tests import hostile
from gongkai.plans.importers import PlanImportError, parse_plan_file

PLAN_ROWS = [
    ["序号", "工作任务", "完成时限", "责任单位"],
    [1, "做好政府信息公开年度报告", "1月31日前", "办公室"],
    [2, "持续推进行政规范性文件公开", "6月底前", "法规处"],
]


def test_a_huge_declared_dimension_still_imports_the_plan_in_bounded_memory():
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as file:
        data = hostile.huge_dimension_xlsx(PLAN_ROWS)
        assert len(data) < 6000
        Path(file.name).write_bytes(data)
        done = hostile.run_bounded(
            "from gongkai.plans.importers import parse_plan_file\n"
            f"plan = parse_plan_file(open({file.name!r}, 'rb').read(), 'p.xlsx', 2022)\n"
            "print([(i.number, str(i.due_date), i.lead_units) for i in plan.items])\n",
            seconds=60,
            memory_mb=800,
        )
    assert done.returncode == 0, done.stderr[-800:]
    assert done.stdout.strip() == "[(1, '2022-01-31', ['办公室']), (2, '2022-06-30', ['法规处'])]"


def test_merges_over_the_whole_sheet_are_clipped():
    data = hostile.xlsx_bytes(PLAN_ROWS)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    merges = (
        '<mergeCells count="2"><mergeCell ref="E1:XFD1048576"/><mergeCell ref="E1:XFD1048576"/>'
        "</mergeCells>"
    )
    sheet = sheet.replace("</sheetData>", "</sheetData>" + merges)
    data = hostile.rewrite_zip(data, replace={"xl/worksheets/sheet1.xml": sheet.encode()})
    plan = parse_plan_file(data, "p.xlsx", 2022)
    assert [(i.number, i.lead_units) for i in plan.items] == [(1, ["办公室"]), (2, ["法规处"])]


def test_overlapping_merges_over_a_full_grid_are_refused():
    data = hostile.xlsx_bytes(PLAN_ROWS + [[None] * 49 + ["末"]] * 4997)  # 5,000 × 50 cells
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    merges = "<mergeCells>" + '<mergeCell ref="A1:AX5000"/>' * 2 + "</mergeCells>"
    sheet = sheet.replace("</sheetData>", "</sheetData>" + merges)
    data = hostile.rewrite_zip(data, replace={"xl/worksheets/sheet1.xml": sheet.encode()})
    with pytest.raises(PlanImportError, match="合并单元格互相重叠"):
        parse_plan_file(data, "p.xlsx", 2022)


@pytest.mark.parametrize(
    "make, message",
    [
        (hostile.docx_bomb, "解压后过大"),
        (lambda: hostile.many_members_zip(50_000), "50000个部件"),  # the 5 MB plan limit
        (hostile.broken_zip, "文件已损坏"),
        (hostile.future_version_zip, "文件已损坏"),
    ],
)
def test_hostile_zips_get_a_chinese_sentence(make, message):
    with pytest.raises(PlanImportError, match=message):
        parse_plan_file(make(), "方案.docx", 2022)


def test_a_docx_bomb_is_refused_in_little_memory():
    with tempfile.NamedTemporaryFile(suffix=".docx") as file:
        Path(file.name).write_bytes(hostile.docx_bomb())
        done = hostile.run_bounded(
            "from gongkai.plans.importers import PlanImportError, parse_plan_docx\n"
            f"try:\n    parse_plan_docx(open({file.name!r}, 'rb').read(), 2022)\n"
            "except PlanImportError as e:\n    print(e)\n",
            memory_mb=600,
        )
    assert done.returncode == 0, done.stderr[-800:]
    assert "解压后过大" in done.stdout


def test_a_huge_item_number_is_renumbered_not_counted_up_to():
    """Found by the fuzz tests: 序号 1000000000000 made the gap check build a set of a trillion
    numbers (23 GB before the kernel stopped it)."""
    text = "序号\t工作任务\t完成时限\t责任单位\n1000000000000\t做好年度报告\t6月底前\t办公室\n"
    plan = parse_plan_file(text.encode(), "方案.txt", 2022)
    assert [item.number for item in plan.items] == [1]
    assert "原文任务序号超过9999，不像任务编号，已按出现顺序重新编号" in plan.warnings
