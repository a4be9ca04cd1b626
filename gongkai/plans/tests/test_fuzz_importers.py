"""Property-based tests of the plan importers (issue 15, fuzzing): text, HTML, .docx and .xlsx
with hostile input — empty, huge, binary, broken encodings, zip bombs, deeply nested HTML,
dates like 2022-02-30 and years 1900/9999. The only exception allowed is PlanImportError with a
Chinese message, and a refused import writes nothing.

Examples tried per run (max_examples): text 120, bytes 80, mangled Office files 60, structured
tables 80, database imports 40 — 380 in all, plus the fixed @example cases.
"""

import re

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gongkai.lib.tests import hostile
from gongkai.plans import services
from gongkai.plans.importers import MAX_FILE_BYTES, PlanImportError, parse_plan_file
from gongkai.plans.models import Assignment, Plan, Task

FUZZ = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))


def fuzz(examples: int):
    return settings(FUZZ, max_examples=examples)


CHINESE = re.compile(r"[\u4e00-\u9fff]")

DATES = st.sampled_from(
    [
        "2022-02-30",
        "2022年2月30日前",
        "1900年1月1日",
        "9999年12月31日",
        "9999-12-31",
        "0001-01-01",
        "13月1日前",
        "0月0日",
        "12月32日前",
        "2月29日前",
        "6月底前",
        "第四季度",
        "长期坚持",
        "",
        "10000年1月1日",
        "-1月5日",
        "一百月底前",
        "2022/2/30",
        "2022.02.30",
    ]
) | st.dates().map(lambda d: f"{d.year}年{d.month}月{d.day}日前")
UNITS = st.sampled_from(["办公室", "法规处牵头，各处室配合", "新闻处", "", "各区", "不存在的单位"])
CELL = st.text(max_size=60) | st.sampled_from(["序号", "工作任务", "完成时限", "责任单位"])
YEARS = st.sampled_from([1900, 2000, 2022, 2100, 9999])


def _table(rows, separator="\t"):
    lines = ["序号\t工作任务\t完成时限\t责任单位".replace("\t", separator)]
    for number, task, due, unit in rows:
        lines.append(separator.join([str(number), task, due, unit]))
    return "\n".join(lines)


def _html(rows, depth):
    cells = "".join(
        f"<tr><td>{n}</td><td>{t}</td><td>{d}</td><td rowspan='{n}'>{u}</td></tr>"
        for n, t, d, u in rows
    )
    return "<div>" * depth + f"<table>{cells}</table>" + "</div>" * depth


ROWS = st.lists(st.tuples(st.integers(-3, 10**12), CELL, DATES, UNITS), max_size=12)


def _parses_or_refuses_in_chinese(data: bytes, filename: str, year: int):
    try:
        plan = parse_plan_file(data, filename, year)
    except PlanImportError as error:
        assert CHINESE.search(str(error)), str(error)
        return None
    assert all(item.number is not None for item in plan.items)
    return plan


@fuzz(120)
@given(
    text=st.text(max_size=3000),
    encoding=st.sampled_from(["utf-8", "gb18030", "utf-16", "big5", "latin-1"]),
    cut=st.integers(0, 5),
    year=YEARS,
    name=st.sampled_from(["方案.txt", "方案.html", "方案.docx", "x"]),
)
@example(text="", encoding="utf-8", cut=0, year=2022, name="方案.txt")
@example(
    text="<div>" * 20000 + "1. 做好年度报告", encoding="utf-8", cut=0, year=2022, name="a.html"
)
@example(
    text="<table>" * 5000 + "<tr><td>1</td>", encoding="utf-8", cut=0, year=2022, name="a.html"
)
def test_any_text_in_any_encoding_is_parsed_or_refused_in_chinese(text, encoding, cut, year, name):
    data = text.encode(encoding, errors="replace")
    data = data[: len(data) - cut] if cut else data  # a multi-byte character cut in half
    _parses_or_refuses_in_chinese(data, name, year)


@fuzz(80)
@given(data=st.binary(max_size=4000), name=st.sampled_from(["a.txt", "a.docx", "a.xlsx", "a"]))
@example(data=b"", name="a.txt")
@example(data=b"PK\x03\x04", name="a.docx")
@example(data=b"\xd0\xcf\x11\xe0" + b"\0" * 100, name="a.xls")
@example(data=b"\xff\xfe" + b"\0\xd8" * 10, name="a.txt")
@example(data=b"x" * (MAX_FILE_BYTES + 1), name="a.txt")
@example(data=hostile.broken_zip(), name="a.docx")
@example(data=hostile.future_version_zip(), name="a.docx")
def test_any_bytes_are_parsed_or_refused_in_chinese(data, name):
    _parses_or_refuses_in_chinese(data, name, 2022)


_DOCX = hostile.docx_bytes("1. 做好政府信息公开年度报告（办公室，1月31日前）")
_XLSX = hostile.xlsx_bytes(
    [["序号", "工作任务", "完成时限", "责任单位"], [1, "做好年度报告", "1月31日前", "办公室"]]
)


@fuzz(60)
@given(
    base=st.sampled_from([_DOCX, _XLSX]),
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8),
    keep=st.integers(0, 100),
)
@example(base=hostile.docx_bomb(unpacked_mb=120), flips=[], keep=100)
@example(base=hostile.many_members_zip(40_000), flips=[], keep=100)
@example(base=hostile.nested_zip_docx(), flips=[], keep=100)
@example(
    base=hostile.huge_dimension_xlsx([["序号", "工作任务"], [1, "做好年度报告"]]),
    flips=[],
    keep=100,
)
def test_mangled_word_and_excel_files_are_parsed_or_refused_in_chinese(base, flips, keep):
    data = bytearray(base)
    for position, value in flips:
        data[position % len(data)] = value
    data = bytes(data[: max(1, len(data) * keep // 100)])
    _parses_or_refuses_in_chinese(data, "方案.docx", 2022)


@fuzz(80)
@given(
    rows=ROWS, shape=st.sampled_from(["tab", "pipe", "html"]), depth=st.integers(0, 300), year=YEARS
)
def test_plan_tables_with_impossible_dates_and_numbers_are_parsed_or_refused(
    rows, shape, depth, year
):
    if shape == "html":
        text = _html(rows, depth)
    else:
        text = _table(rows, "\t" if shape == "tab" else " | ")
    plan = _parses_or_refuses_in_chinese(text.encode(), "方案.txt", year)
    if plan is not None:
        for item in plan.items:  # a deadline in another year is kept, and flagged for review
            if item.due_date is not None and item.due_date.year != year:
                assert any("年份" in flag for flag in item.flags), item


@pytest.mark.django_db
@fuzz(40)
@given(rows=ROWS, year=st.sampled_from([1900, 2022, 9999]), broken=st.booleans())
def test_an_import_saves_the_whole_plan_or_nothing(cast, rows, year, broken):
    data = _table(rows).encode("gb18030" if broken else "utf-8")
    with transaction.atomic():
        before = (Plan.objects.count(), Task.objects.count(), Assignment.objects.count())
        try:
            result = services.plan_import(by=cast.admin, data=data, filename="方案.txt", year=year)
        except PlanImportError as error:
            assert CHINESE.search(str(error))
            after = (Plan.objects.count(), Task.objects.count(), Assignment.objects.count())
            assert after == before
        else:
            assert 2000 <= year <= 2100
            assert result.plan.tasks.count() == len(result.parsed.items) > 0
            assert Plan.objects.count() == before[0] + 1
        transaction.set_rollback(True)
