"""Rules of the round on real_heldout25 (issue 14). The plans here are small and invented,
typed in the shape each layout has; the real ones are scored by test_import_real_plans.py."""

from gongkai.lib.unit_text import parse_units
from gongkai.plans.importers import parse_plan_text


def _parse(*lines: str, year: int = 2023):
    return parse_plan_text("\n".join(lines), year)


def _vague(flags: list[str]) -> bool:
    return any("未指明具体单位" in flag for flag in flags)


def test_a_bare_place_as_a_unit_is_flagged():
    # 片区、各村（居）: which office of the 片区 does it? The clerk is told.
    parsed = parse_units("片区、各村（居）")
    assert parsed.lead == ["片区", "各村（居）"]
    assert _vague(parsed.flags)


def test_a_collective_or_an_office_of_the_place_is_not_flagged():
    assert not _vague(parse_units("各片区、各村（居）").flags)
    assert not _vague(parse_units("片区管理局、社区服务中心").flags)


def _table(notes: list[str]):
    from gongkai.plans.importers import parse_plan_file
    from gongkai.plans.tests.corpus_score import office_file

    spec = {
        "format": "docx",
        "before": ["某局普法责任清单"],
        "rows": [
            ["序号", "普法内容", "责任领导", "责任处室", "备注"],
            ["1", "《中华人民共和国土地管理法》", "张三", "法规处", notes[0]],
            ["2", "《中华人民共和国矿产资源法》", "李四", "矿产处", notes[1]],
        ],
    }
    return parse_plan_file(office_file(spec), "清单.docx", 2022)


def test_a_remarks_column_holding_a_year_only_is_due_at_its_end_flagged():
    plan = _table(["2022年", "2022年度"])
    assert [str(i.due_date) for i in plan.items] == ["2022-12-31", "2022-12-31"]
    assert all(any("备注栏" in flag for flag in i.flags) for i in plan.items)
    assert [i.lead_units for i in plan.items] == [["法规处"], ["矿产处"]]


def test_a_remarks_sentence_naming_a_year_gives_no_date():
    # 2022年起施行 says when the law applies, not when the task is done.
    plan = _table(["2022年起施行", "2021年修订"])
    assert [i.due_date for i in plan.items] == [None, None]
    assert all("未填写完成时限" in i.flags for i in plan.items)
