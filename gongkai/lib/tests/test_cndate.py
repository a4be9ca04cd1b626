"""Dates as clerks type them into the deadline calculator (期限计算器)."""

import datetime as dt

import pytest

from gongkai.lib.cndate import cn_date, parse_typed_date

SEPT_30 = dt.date(2022, 9, 30)


@pytest.mark.parametrize(
    "text",
    [
        "2022年9月30日",
        "2022年09月30日",
        "2022 年 9 月 30 日",
        "2022/9/30",
        "2022/09/30",
        "2022.9.30",
        "2022-9-30",
        "2022-09-30",
        " 2022-09-30 ",
        "２０２２年９月３０日",
        "2022．9．30",
        "2022年9月30",
    ],
)
def test_it_reads_the_ways_people_type_a_date(text):
    assert parse_typed_date(text) == SEPT_30


@pytest.mark.parametrize("text", ["", "9月30日", "2022年9月", "20220930", "2022-9-30-1", "明天"])
def test_it_refuses_what_is_not_a_whole_date(text):
    with pytest.raises(ValueError, match="无法识别的日期"):
        parse_typed_date(text)


def test_it_refuses_a_day_that_does_not_exist():
    with pytest.raises(ValueError, match="日期不存在"):
        parse_typed_date("2022年2月30日")


def test_it_writes_what_it_reads():
    assert cn_date(parse_typed_date("2022.10.8")) == "2022年10月8日"
