"""Rules of the thirteenth round on plans of other bodies (issue 14), from real_heldout10's
failures and the conventions left open by real_heldout9. The plans here are small and
invented, typed by hand in the shape each layout has; the real ones are scored by
test_import_real_plans.py.
"""

from datetime import date

from gongkai.plans.tests.plan_text import parse, read

# ---- the year of a bare table ----------------------------------------------------------------

_TABLE = (
    "序号\t工作任务\t责任单位\t完成时限",
    "1\t及时公开重大建设项目批准和实施信息。\t办公室\t全年",
    "2\t做好政策解读工作。\t法规科\t6月底前",
)


def test_a_bare_table_that_never_writes_its_year_flags_the_dates_reckoned_from_the_import_year():
    plan = parse(*_TABLE, year=2024)
    assert read(plan, "due_date") == [(date(2024, 12, 31),), (date(2024, 6, 30),)]
    assert all(any("未写明年份" in flag for flag in item.flags) for item in plan.items)


def test_a_bare_table_that_writes_its_year_is_trusted():
    # Forbidden: a flag when the page itself names the year (in a cell, or a title line).
    in_a_cell = (*_TABLE[:2], "2\t做好政策解读工作。\t法规科\t2024年6月底前")
    titled = ("2024年政务公开工作任务分工", *_TABLE)
    for plan in (parse(*in_a_cell, year=2024), parse(*titled, year=2024)):
        assert [item.flags for item in plan.items] == [[], []]
