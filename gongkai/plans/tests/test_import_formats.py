"""Shapes of plans from other bodies, each file format, and the errors users see."""

import io
import zipfile
from datetime import date

import docx
import openpyxl
import pytest

from gongkai.plans.importers import (
    PlanImportError,
    parse_plan_docx,
    parse_plan_file,
    parse_plan_text,
    parse_plan_xlsx,
)


def _units(item):
    return item.lead_units, item.support_units


# ---- text shapes ------------------------------------------------------------


def test_it_reads_a_pipe_table_with_half_width_punctuation():
    text = "\n".join(
        [
            "首页 > 政务公开 > 计划总结",
            "XX区司法局2023年政务公开工作要点分工方案",
            "【字体：大 中 小】",
            "| 序号 | 工作任务 | 完成时限 | 责任单位 |",
            "|---|---|---|---|",
            "| 1 | 持续推进行政规范性文件公开,年底前完成清理. | 6月底前 | 法规科牵头,各科室配合 |",
            "| 2 | 做好政府信息公开年度报告 | 1月31日前 | 办公室 |",
            "打印本页 关闭窗口",
        ]
    )
    plan = parse_plan_text(text, 2023)
    assert plan.title == "XX区司法局2023年政务公开工作要点分工方案"
    assert [i.number for i in plan.items] == [1, 2]
    first, second = plan.items
    # 持续推进 / 年底前 in the requirement are not its deadline.
    assert (first.due_date, first.ongoing) == (date(2023, 6, 30), False)
    assert _units(first) == (["法规科"], ["各科室"])
    assert second.due_date == date(2023, 1, 31)
    assert all("打印" not in i.requirement for i in plan.items)


def test_it_reads_a_tab_table_with_traditional_characters():
    text = "工作任務\t完成時限\t責任單位\n1、做好政務公開\t長期堅持\t新聞處牽頭，各處室配合\n"
    plan = parse_plan_text(text, 2022)
    (item,) = plan.items
    assert (item.due_date, item.ongoing) == (date(2022, 12, 31), True)
    assert _units(item) == (["新闻处"], ["各处室"])


def test_it_reads_one_cell_per_line():
    text = "\n".join(
        [
            "2022年政务公开工作实施方案",
            "工作任务",
            "完成时限",
            "责任单位",
            "一、加强政策解读",
            "1. 做好政策解读",
            "第三季度",
            "新闻处",
            "2. 完善依申请公开办理",
            "贯穿全年",
            "法规处牵头，各处室配合",
        ]
    )
    plan = parse_plan_text(text, 2022)
    assert [(i.number, i.due_date, i.lead_units) for i in plan.items] == [
        (1, date(2022, 9, 30), ["新闻处"]),
        (2, date(2022, 12, 31), ["法规处"]),
    ]
    assert plan.items[0].section == "一、加强政策解读"


def test_it_reads_numbered_paragraphs_with_trailers():
    text = "\n".join(
        [
            "关于印发2022年政务公开工作要点的通知",
            "各科室：",
            "现将有关事项通知如下。",
            "一、提高政策公开质量",
            "（一）做好规范性文件公开",
            "1、持续推进规范性文件清理，年底前完成。（责任单位：法规处；完成时限：6月底前）",
            "2、做好政策解读工作。（牵头单位：新闻处；责任单位：各处室）",
            "二、加强平台建设",
            "3. 优化政府网站栏目。",
            "责任单位：新闻处",
            "完成时限：9月底前",
        ]
    )
    plan = parse_plan_text(text, 2022)
    first, second, third = plan.items
    assert first.requirement == "持续推进规范性文件清理，年底前完成。"
    assert (first.due_date, first.ongoing, first.lead_units) == (
        date(2022, 6, 30),
        False,
        ["法规处"],
    )
    assert first.subsection == "(一)"
    assert _units(second) == (["新闻处"], ["各处室"])
    # No deadline given: say so instead of reading 年底前 from the text.
    assert second.due_date is None
    assert any("完成时限" in f for f in second.flags)
    assert (third.section, third.due_date, third.lead_units) == (
        "二、加强平台建设",
        date(2022, 9, 30),
        ["新闻处"],
    )
    assert plan.title == "关于印发2022年政务公开工作要点的通知"


def test_it_numbers_tasks_written_with_chinese_numerals():
    text = (
        "（一）做好政府信息公开年报。（责任单位：办公室；完成时限：1月31日前）\n"
        "（二）更新公开目录。（责任单位：各科室；完成时限：常态化）"
    )
    plan = parse_plan_text(text, 2022)
    assert [(i.number, i.subsection, i.lead_units) for i in plan.items] == [
        (1, "", ["办公室"]),
        (2, "", ["各科室"]),
    ]
    assert plan.items[1].ongoing is True


def test_it_numbers_unnumbered_tasks_in_order():
    text = (
        "工作任务\t完成时限\t责任单位\n"
        "做好年报公开\t1月底前\t办公室\n"
        "更新公开目录\t常态化\t各科室\n"
    )
    plan = parse_plan_text(text, 2022)
    assert [i.number for i in plan.items] == [1, 2]
    assert any("未编号" in w for w in plan.warnings)


def test_it_renumbers_when_each_section_restarts_at_one():
    text = (
        "工作任务\t责任单位\t完成时限\n"
        "一、甲\n1. 任务甲一\t新闻处\t6月底前\n"
        "二、乙\n1. 任务乙一\t法规处\t9月底前\n"
    )
    plan = parse_plan_text(text, 2022)
    assert [i.number for i in plan.items] == [1, 2]
    assert any("重新编号" in w for w in plan.warnings)


def test_it_reads_lead_and_support_columns():
    text = "工作任务\t牵头单位\t配合单位\t完成时限\n1. 做好解读\t新闻处、法规处\t各处室\t年底前\n"
    (item,) = parse_plan_text(text, 2022).items
    assert _units(item) == (["新闻处", "法规处"], ["各处室"])
    assert "牵头单位：新闻处、法规处" in item.units_text


def test_it_takes_the_deadline_from_a_remarks_column():
    text = "工作任务\t责任单位\t备注\n1. 做好年报\t办公室\t1月底前完成\n"
    (item,) = parse_plan_text(text, 2022).items
    assert item.due_date == date(2022, 1, 31)
    assert any("备注" in f for f in item.flags)


def test_it_guesses_columns_without_a_header_and_says_so():
    text = (
        "1. 做好政策解读工作\t新闻处牵头，各处室配合\t9月底前\n2. 更新公开目录\t法规处\t贯穿全年\n"
    )
    plan = parse_plan_text(text, 2022)
    assert [(i.due_date, i.lead_units) for i in plan.items] == [
        (date(2022, 9, 30), ["新闻处"]),
        (date(2022, 12, 31), ["法规处"]),
    ]
    assert any("表头" in w for w in plan.warnings)


def test_it_flags_a_row_that_lost_a_cell():
    text = (
        "工作任务\t上级要求\t完成时限\t责任单位\n"
        "(一) 公开\t1. 做好公开\t2022年6月底前\t新闻处\n"
        "2. 做好解读\t9月底前\t法规处\n"
    )
    first, second = parse_plan_text(text, 2022).items
    assert not first.flags
    assert (second.due_date, second.lead_units, second.subsection) == (
        date(2022, 9, 30),
        ["法规处"],
        "(一)",
    )
    assert any("缺失或错位" in f for f in second.flags)


def test_it_flags_rather_than_guesses_when_cells_never_line_up():
    text = (
        "工作任务\t完成时限\t责任单位\n"
        "<p>1. 甲</p> <p>2. 乙</p> <p>3. 丙</p>\t<p>6月底前</p> <p>9月底前</p>\t新闻处\n"
    )
    items = parse_plan_text(text, 2022).items
    assert len(items) == 3
    assert all(i.flags for i in items)
    assert [i.lead_units for i in items] == [["新闻处"]] * 3


def test_it_reads_an_html_table_with_spans():
    page = """<html><body><div>首页 &gt; 政务公开</div><h1>2022年政务公开工作实施方案</h1>
    <table><tr><th>工作任务</th><th>完成时限</th><th>责任单位</th></tr>
    <tr><td colspan="3">一、加强公开</td></tr>
    <tr><td><p>1. 做好解读</p></td><td rowspan="2">贯穿全年</td><td>新闻处</td></tr>
    <tr><td>2. 更新目录</td><td>法规处牵头，各处室配合</td></tr>
    </table><p>打印本页 关闭窗口</p></body></html>"""
    plan = parse_plan_file(page.encode(), "plan.html", 2022)
    assert plan.title == "2022年政务公开工作实施方案"
    assert [(i.number, i.due_date, i.lead_units, i.section) for i in plan.items] == [
        (1, date(2022, 12, 31), ["新闻处"], "一、加强公开"),
        (2, date(2022, 12, 31), ["法规处"], "一、加强公开"),
    ]


def test_it_decodes_gb18030_and_utf8_with_bom():
    text = "工作任务\t完成时限\t责任单位\n1. 做好年报\t1月底前\t办公室\n"
    for data in (text.encode("gb18030"), text.encode("utf-8-sig")):
        (item,) = parse_plan_file(data, "plan.txt", 2022).items
        assert item.lead_units == ["办公室"]


# ---- Word and Excel -----------------------------------------------------------


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("2022年政务公开工作实施方案")
    table = document.add_table(rows=5, cols=4)
    for cell, text in zip(
        table.rows[0].cells, ["工作任务", "落实措施", "完成时限", "责任单位"], strict=True
    ):
        cell.text = text
    heading = table.cell(1, 0).merge(table.cell(1, 3))
    heading.text = "一、加强公开"
    rows = [
        ["1. 做好政策解读", "开设专栏", "贯穿全年", "新闻处牵头，各处室配合"],
        ["2. 更新公开目录", "逐项核对", "", ""],
        ["3. 做好年报", "按时发布", "1月底前", "办公室"],
    ]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values):
            if value:
                table.cell(r, c).text = value
    # 责任单位 merged down over tasks 1 and 2; 措施 and 时限 of task 3 merged across.
    table.cell(2, 3).merge(table.cell(3, 3))
    table.cell(2, 2).merge(table.cell(3, 2))
    merged = table.cell(4, 1).merge(table.cell(4, 2))
    merged.text = "按时发布，1月底前"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_it_reads_a_docx_table_with_merged_cells():
    plan = parse_plan_file(_docx_bytes(), "plan.docx", 2022)
    assert plan.title == "2022年政务公开工作实施方案"
    one, two, three = plan.items
    assert one.section == "一、加强公开"
    # A tall merge repeats its text in every row it covers.
    assert _units(two) == _units(one) == (["新闻处"], ["各处室"])
    assert two.due_date == date(2022, 12, 31)
    # A wide merge makes the row lose a cell: flagged, not silently shifted.
    assert three.lead_units == ["办公室"]
    assert any("缺失或错位" in f for f in three.flags)
    assert parse_plan_docx(_docx_bytes(), 2022).to_json() == plan.to_json()


def _xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["2022年政务公开工作实施方案"])
    sheet.append(["序号", "工作任务", "完成时限", "责任单位"])
    sheet.append(["一、加强公开"])
    sheet.merge_cells("A3:D3")
    sheet.append([1, "做好政策解读", "贯穿全年", "新闻处牵头，各处室配合"])
    sheet.append([2, "更新公开目录\n逐项核对", None, "法规处"])
    sheet.merge_cells("C4:C5")
    sheet.append([3, "做好年报", date(2022, 1, 31), "办公室"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_it_reads_an_xlsx_sheet_with_merged_cells():
    plan = parse_plan_file(_xlsx_bytes(), "plan.xlsx", 2022)
    assert plan.title == "2022年政务公开工作实施方案"
    assert [(i.number, i.due_date, i.lead_units) for i in plan.items] == [
        (1, date(2022, 12, 31), ["新闻处"]),
        (2, date(2022, 12, 31), ["法规处"]),
        (3, date(2022, 1, 31), ["办公室"]),
    ]
    assert plan.items[0].section == "一、加强公开"
    assert plan.items[1].requirement == "更新公开目录逐项核对"
    assert parse_plan_xlsx(_xlsx_bytes(), 2022).to_json() == plan.to_json()


# ---- errors -------------------------------------------------------------------


def _error(data: bytes, filename: str = "plan.txt") -> str:
    with pytest.raises(PlanImportError) as caught:
        parse_plan_file(data, filename, 2022)
    return str(caught.value)


def test_it_refuses_empty_input():
    assert "为空" in _error(b"")
    assert "为空" in _error(b"  \n\n ")
    with pytest.raises(PlanImportError):
        parse_plan_text("", 2022)


def test_it_refuses_text_without_requirements():
    assert _error("各位同事：\n请于周五前报送材料。\n".encode()).startswith(
        "未能识别出任何工作任务"
    )


def test_it_refuses_files_over_5_mb():
    assert "5MB" in _error(b"x" * (5 * 1024 * 1024 + 1))


def test_it_refuses_corrupt_word_and_excel_files():
    assert "损坏" in _error(b"PK\x03\x04 not really a zip", "plan.docx")
    assert "损坏" in _error(b"just text", "plan.xlsx")
    with pytest.raises(PlanImportError, match="Word"):
        parse_plan_docx(_zip_with("word/document.xml", b"<not xml"), 2022)
    with pytest.raises(PlanImportError, match="Excel"):
        parse_plan_xlsx(_zip_with("xl/workbook.xml", b"<not xml"), 2022)
    assert "Word" in _error(_zip_with("word/document.xml", b"<not xml"), "plan.docx")


def test_it_refuses_old_office_files_and_other_zips():
    assert ".docx" in _error(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "plan.doc")
    assert "既不是" in _error(_zip_with("readme.txt", b"hi"), "plan.zip")


def test_it_refuses_undecodable_text():
    assert "编码" in _error(b"\x80\xff" * 50)
    assert "编码" in _error(b"\x01\x02\x00\x03" * 50)


def _zip_with(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


def test_it_numbers_unnumbered_paragraphs_after_the_first_heading():
    text = "\n".join(
        [
            "2022年政务公开工作要点",
            "为做好今年的政务公开工作，制定本要点。",
            "一、加强公开",
            "做好政府信息公开年报工作。（责任单位：办公室；完成时限：1月底前）",
            "更新政府信息公开目录。（责任单位：各科室；完成时限：常态化）",
        ]
    )
    plan = parse_plan_text(text, 2022)
    assert [(i.number, i.requirement, i.lead_units) for i in plan.items] == [
        (1, "做好政府信息公开年报工作。", ["办公室"]),
        (2, "更新政府信息公开目录。", ["各科室"]),
    ]
    assert plan.items[1].ongoing is True
    assert any("未编号" in w for w in plan.warnings)


def test_it_refuses_a_table_without_a_requirement_column():
    assert _error("6月底前\t新闻处\n9月底前\t法规处\n".encode()).startswith(
        "未能识别出任何工作任务"
    )
