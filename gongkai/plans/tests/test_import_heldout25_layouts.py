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


# A page whose line breaks were lost: a part titled by its dates only, the next part's title
# run on after them and into the sentence opening its paragraph.
_FILL = "坚持问题导向，对照测评标准逐项整改，全面提升镇区环境面貌，巩固创建成果。" * 6


def _run_on(span: str, opening: str) -> str:
    return (
        f"某镇环境整治工作方案 为全面提升镇区环境，制定如下方案：一、工作目标{_FILL}"
        f"二、工作时限{span}三、工作重点{opening}，既要统筹兼顾、全面推进，又要突出重点。"
        f"（一）集镇主街道环境提升。{_FILL}牵头单位：建设办（二）农贸市场秩序提升。{_FILL}"
        f"牵头单位：市场监管所（三）学校周边环境提升。{_FILL}牵头单位：教育办四、工作要求"
        f"各单位要高度重视，加强协调配合，确保整治工作取得实效。{_FILL}"
    )


def test_a_part_titled_by_its_dates_ends_where_the_next_part_begins():
    plan = _parse(_run_on("2023年5月25日-12月31日", "根据全镇创建工作总体安排"))
    assert [i.section for i in plan.items] == ["三、工作重点"] * 3
    assert [i.lead_units for i in plan.items] == [["建设办"], ["市场监管所"], ["教育办"]]


def test_a_part_title_ending_on_a_sentence_is_not_cut_after_its_date():
    # 二、…于12月31日 then a sentence: 三、 glued to words, no dated title — not cut there.
    plan = _parse(_run_on("持续到年底，各单位要于12月31日", "前报送总结"))
    assert all(not i.section.startswith("三、工作重点") for i in plan.items)


def test_a_part_title_run_into_its_opening_sentence_is_cut_but_not_a_sentence():
    from gongkai.plans.importers.breaks import _title_then_intro

    assert _title_then_intro("三、工作重点根据全镇创建工作安排，既要统筹兼顾。") == [
        "三、工作重点",
        "根据全镇创建工作安排，既要统筹兼顾。",
    ]
    # 一、各级、各部门要按照…: the part is a sentence of its own, no title run into it.
    line = "一、各级、各部门要按照条例规定的范围，编制公开目录。"
    assert _title_then_intro(line) == [line]
