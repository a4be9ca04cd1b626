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
