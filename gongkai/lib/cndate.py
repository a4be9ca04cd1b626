"""Chinese date formatting: 2022年9月30日 in the UI, ISO in data."""

import datetime as dt
import re

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


# 2022年9月30日, 2022/9/30, 2022.9.30, 2022-9-30, 2022－9－30 (full-width), 二〇二二 is not
# accepted (nobody types it into a form).
_TYPED = re.compile(
    r"(?P<y>\d{4})\s*(?:年|[-/.．／－])\s*(?P<m>\d{1,2})\s*(?:月|[-/.．／－])\s*(?P<d>\d{1,2})\s*日?"
)
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def parse_typed_date(text: str) -> dt.date:
    """A date as people type it; a ValueError with a Chinese message naming the input."""
    cleaned = (text or "").translate(_FULL_WIDTH_DIGITS).strip()
    match = _TYPED.fullmatch(cleaned)
    if not match:
        raise ValueError(f"无法识别的日期：“{text}”，请按 2022-09-30 或 2022年9月30日 填写")
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        raise ValueError(f"日期不存在：“{text}”") from None
