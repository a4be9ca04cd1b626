"""Chinese date formatting: 2022年9月30日 in the UI, ISO in data."""

import datetime as dt

WEEKDAYS_ZH = "一二三四五六日"


def cn_date(value: dt.date | dt.datetime | None, *, weekday: bool = False) -> str:
    if value is None:
        return ""
    text = f"{value.year}年{value.month}月{value.day}日"
    if weekday:
        text += f"（周{WEEKDAYS_ZH[value.weekday()]}）"
    return text


def cn_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return f"{cn_date(value)} {value:%H:%M}"
