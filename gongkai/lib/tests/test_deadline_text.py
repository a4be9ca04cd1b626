from datetime import date

import pytest

from gongkai.lib.deadline_text import DeadlineParse, cn_number, parse_deadline, simplify


@pytest.mark.parametrize(
    ("text", "due", "ongoing"),
    [
        ("8月底前完成开设，并动态更新", date(2022, 8, 31), True),
        ("8 月底前完成开设, 并动态更新", date(2022, 8, 31), True),
        ("贯穿全年", date(2022, 12, 31), True),
        ("长期坚持", date(2022, 12, 31), True),
        ("持续推进", date(2022, 12, 31), True),
        ("常态化", date(2022, 12, 31), True),
        ("9月底前", date(2022, 9, 30), False),
        ("9 月底前", date(2022, 9, 30), False),
        ("第三季度", date(2022, 9, 30), False),
        ("第四季度", date(2022, 12, 31), False),
        ("年底前", date(2022, 12, 31), False),
        ("年内", date(2022, 12, 31), False),
        ("上半年", date(2022, 6, 30), False),
        ("6月底前", date(2022, 6, 30), False),
        ("6月30日前", date(2022, 6, 30), False),
        ("2022年6月底前", date(2022, 6, 30), False),
        ("九月底前", date(2022, 9, 30), False),
        ("十二月底前", date(2022, 12, 31), False),
        ("9月底前完成清理和重新发布,并常态落实", date(2022, 9, 30), True),
        ("２月底前", date(2022, 2, 28), False),
        ("2022-09-30", date(2022, 9, 30), False),
    ],
)
def test_it_reads_common_deadlines(text, due, ongoing):
    parsed = parse_deadline(text, 2022)
    assert (parsed.due_date, parsed.ongoing) == (due, ongoing)
    assert parsed.flags == []


def test_it_uses_the_plan_year():
    assert parse_deadline("9月底前", 2024).due_date == date(2024, 9, 30)
    assert parse_deadline("2月底前", 2024).due_date == date(2024, 2, 29)


def test_it_reads_traditional_characters():
    assert parse_deadline("貫穿全年", 2022).ongoing is True
    parsed = parse_deadline("長期堅持", 2022)
    assert (parsed.due_date, parsed.ongoing) == (date(2022, 12, 31), True)


def test_it_flags_mid_month():
    parsed = parse_deadline("10月中旬", 2022)
    assert parsed.due_date == date(2022, 10, 20)
    assert parsed.flags and "中旬" in parsed.flags[0]


def test_it_flags_and_takes_the_latest_of_several_dates():
    parsed = parse_deadline("6月底前完成部署，12月底前完成验收", 2022)
    assert parsed.due_date == date(2022, 12, 31)
    assert any("多个时间点" in f for f in parsed.flags)


def test_it_flags_unreadable_text_without_inventing_a_date():
    parsed = parse_deadline("按要求落实", 2022)
    assert parsed.due_date is None
    assert parsed.flags == ["无法识别完成时限：按要求落实"]


def test_it_flags_empty_text_and_impossible_dates():
    assert parse_deadline("", 2022).due_date is None
    assert parse_deadline("", 2022).flags
    parsed = parse_deadline("6月31日前", 2022)
    assert parsed.due_date is None
    assert any("不存在" in f for f in parsed.flags)


def test_it_flags_a_year_other_than_the_plans():
    parsed = parse_deadline("2023年3月底前", 2022)
    assert parsed.due_date == date(2023, 3, 31)
    assert any("2023" in f for f in parsed.flags)


def test_it_helpers_convert_numerals_and_characters():
    assert [cn_number(t) for t in ("九", "十", "十二", "二十一", "12", "甲")] == [
        9,
        10,
        12,
        21,
        12,
        None,
    ]
    assert simplify("貫穿全年　９月") == "贯穿全年 9月"


@pytest.mark.parametrize(
    ("text", "due", "ongoing"),
    [
        ("2022年底", date(2022, 12, 31), False),
        ("2022年11月底", date(2022, 11, 30), False),
        ("6月底前完成", date(2022, 6, 30), False),
        ("2022年6月底前完成,并动态更新", date(2022, 6, 30), True),
        ("常态落实", date(2022, 12, 31), True),
    ],
)
def test_it_reads_the_deadlines_of_other_bodies(text, due, ongoing):
    parsed = parse_deadline(text, 2022)
    assert (parsed.due_date, parsed.ongoing, parsed.flags) == (due, ongoing, [])


def test_it_takes_the_year_written_before_年底_and_flags_it():
    parsed = parse_deadline("2023年底", 2022)
    assert parsed.due_date == date(2023, 12, 31)
    assert parsed.flags == ["完成时限的年份（2023年）与方案年份（2022年）不同"]


@pytest.mark.parametrize("text", ["0000年3月底", "0000年底", "9999年1月1日"])
def test_it_flags_a_year_no_plan_has_instead_of_failing(text):
    parsed = parse_deadline(text, 2022)
    assert parsed.due_date is None
    assert any("年份不正确" in flag for flag in parsed.flags)


def test_it_ends_a_phased_schedule_at_the_last_phase_before_the_ongoing_one_and_flags_it():
    parsed = parse_deadline("3月1日-3月20日，集中整治；3月21日起，转入常态化管理。", 2022)
    assert (parsed.due_date, parsed.ongoing) == (date(2022, 3, 20), True)
    assert any("3月21日" in flag and "常态化" in flag for flag in parsed.flags)


def test_it_flags_a_stage_date_after_which_the_work_goes_on():
    # real_heldout29 03 #5: the date ends a stage (阶段性成果); the task is kept up after it.
    parsed = parse_deadline("2019年10月15日前取得阶段性成果，并长期坚持", 2019)
    assert (parsed.due_date, parsed.ongoing) == (date(2019, 10, 15), True)
    assert any("阶段性节点" in flag for flag in parsed.flags)
    # Forbidden: a date before ongoing work that names no stage is its date, unflagged.
    assert parse_deadline("2019年10月15日前完成，并长期坚持", 2019).flags == []


def test_it_keeps_the_start_of_an_ongoing_task_given_no_other_date():
    parsed = parse_deadline("5月1日起常态化", 2022)
    assert (parsed.due_date, parsed.ongoing) == (date(2022, 5, 1), True)


@pytest.mark.parametrize(
    ("text", "due", "flag"),
    [
        ("2022年3月起", date(2022, 3, 31), "开始时间"),
        ("3月开始", date(2022, 3, 31), "开始时间"),
        ("9月份前", date(2022, 8, 31), "上月底"),
        ("9月前", date(2022, 8, 31), "上月底"),
    ],
)
def test_it_flags_a_start_or_an_ambiguous_month_taken_for_the_deadline(text, due, flag):
    parsed = parse_deadline(text, 2022)
    assert parsed.due_date == due
    assert any(flag in f for f in parsed.flags)


@pytest.mark.parametrize("text", ["9月份", "9月底前", "5月起常态化"])
def test_a_month_with_no_start_or_doubt_is_taken_unflagged(text):
    assert parse_deadline(text, 2022).flags == []


def test_the_start_of_a_month_is_its_tenth_day_flagged_as_its_first_ten_days_are():
    # plans36 04: （一）全面部署阶段（2021年7月初） — 月初 is 上旬 in other words; read as the
    # month's end it was a date three weeks late, unflagged.
    parsed = parse_deadline("2021年7月初", 2021)
    assert parsed.due_date == date(2021, 7, 10)
    assert any("当月10日" in flag for flag in parsed.flags)
    # Forbidden: 月底 stays the month's last day, unflagged.
    assert parse_deadline("7月底", 2021) == DeadlineParse(date(2021, 7, 31), False, [])


def test_a_span_inside_one_written_year_ends_in_that_year():
    # plans33 06: （三）巩固提升阶段（2020年1月-3月） in a 2019 plan: 3月 is 2020's March.
    assert parse_deadline("2020年1月-3月", 2019).due_date == date(2020, 3, 31)
    assert parse_deadline("2020年1月至3月底", 2019).due_date == date(2020, 3, 31)
    # Forbidden: a span that writes no year stays in the plan's year.
    assert parse_deadline("1月-3月", 2019).due_date == date(2019, 3, 31)
