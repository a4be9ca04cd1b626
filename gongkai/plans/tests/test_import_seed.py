"""The real 2022 plan of a municipal emergency management bureau, against its expected parse."""

import json
from pathlib import Path

import pytest

from gongkai.plans.importers import parse_plan_file, parse_plan_text

HERE = Path(__file__).parent
SEED = HERE.parent / "seed" / "guangzhou-yjj-2022.txt"
EXPECTED = json.loads((HERE / "seed_expected.json").read_text(encoding="utf-8"))
CHECKED = ("sub", "due", "ongoing", "lead", "support")


@pytest.fixture(scope="module")
def plan():
    return parse_plan_file(SEED.read_bytes(), SEED.name, EXPECTED["year"])


def _as_expected(item):
    return {
        "sub": item.subsection,
        "due": item.due_date.isoformat() if item.due_date else None,
        "ongoing": item.ongoing,
        "lead": item.lead_units,
        "support": item.support_units,
    }


def test_it_finds_every_requirement_in_order(plan):
    assert len(plan.items) == EXPECTED["count"] == 38
    assert [item.number for item in plan.items] == list(range(1, 39))
    assert plan.title == "广州市应急管理局2022年政务公开工作实施方案"
    assert plan.year == 2022


@pytest.mark.parametrize("expected", EXPECTED["items"], ids=lambda e: f"item{e['n']}")
def test_it_matches_the_expected_parse(plan, expected):
    item = plan.items[expected["n"] - 1]
    got = _as_expected(item)
    want = {key: expected.get(key, got[key]) for key in CHECKED}
    if expected.get("spilled"):
        # A spilled item may be aligned or flagged, never silently wrong.
        assert got == want or item.flags, f"item {expected['n']} silently misassigned"
    else:
        assert got == want


def test_it_aligns_even_the_spilled_items_exactly(plan):
    # Stricter than the contract above: this parser aligns spilled rows, so hold it to that.
    for expected in EXPECTED["items"]:
        got = _as_expected(plan.items[expected["n"] - 1])
        assert got == {key: expected.get(key, got[key]) for key in CHECKED}, expected["n"]


def test_it_aligns_the_spilled_rows_and_flags_them(plan):
    spilled = [e["n"] for e in EXPECTED["items"] if e.get("spilled")]
    for number in spilled:
        item = plan.items[number - 1]
        assert any("错行" in flag for flag in item.flags)
    assert plan.items[25].measures.startswith("结合巡察问题整改工作")
    assert plan.items[31].measures == "按求落实。"


def test_it_keeps_the_no_duty_note_of_item_32(plan):
    item = plan.items[31]
    assert (item.lead_units, item.support_units) == ([], [])
    assert "我局属于政务中心进驻部门" in item.note
    assert any("无此项职责" in flag for flag in item.flags)


def test_it_keeps_sections_measures_and_raw_texts(plan):
    first = plan.items[0]
    assert first.section == "一、以公开助力经济平稳健康发展"
    assert first.requirement.startswith("持续深化政府门户网站")
    assert first.measures.startswith("在局门户网站开设")
    assert first.deadline_text == "8 月底前完成开设, 并动态更新"
    assert first.units_text == "新闻处牵头, 各处室、直属单位配合"
    assert plan.items[32].section == "五、强化工作指导监督"
    assert plan.items[31].section == "四、夯实公开工作基础"


def test_it_flags_the_row_that_lost_its_subsection_cell(plan):
    item37 = plan.items[36]
    assert item37.subsection == "(十七)"
    assert any("缺失或错位" in flag for flag in item37.flags)
    assert not plan.items[35].flags


def test_it_warns_about_missing_subsection_numbers(plan):
    assert any("(十一)" in w for w in plan.warnings)
    assert any("(十七)" in w for w in plan.warnings)


def test_it_gives_the_same_result_from_text_and_bytes(plan):
    again = parse_plan_text(SEED.read_text(encoding="utf-8"), 2022)
    assert again.to_json() == plan.to_json()


def test_it_serialises_to_json(plan):
    data = plan.to_json()
    assert data["count"] == 38
    assert set(data["items"][0]) == {
        "number",
        "section",
        "subsection",
        "requirement",
        "measures",
        "deadline_text",
        "due_date",
        "ongoing",
        "lead_units",
        "support_units",
        "unit_matches",  # filled by the matching step (plans.unit_matching), not the parser
        "units_text",
        "flags",
        "note",
    }
    assert data["items"][0]["due_date"] == "2022-08-31"
    json.dumps(data, ensure_ascii=False)
