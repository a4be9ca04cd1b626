"""Read a plan's deadline cell (完成时限) into a due date.

Only the deadline cell is parsed: words such as 持续推进 or 年底前 inside the
requirement text describe the work, not when it is due.
"""

import calendar
import functools
import re
from dataclasses import dataclass, field
from datetime import date

from gongkai.lib.traditional import simplified_table

# Full-width digits and spaces, which Word documents are full of.
_WIDTH_TABLE = str.maketrans("０１２３４５６７８９\u3000", "0123456789 ")

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@functools.cache
def _simplify_table() -> dict[int, str]:
    # Both in one pass (no character is in both tables): the plan importer calls this often.
    return {**simplified_table(), **_WIDTH_TABLE}


def simplify(text: str) -> str:
    """Map the traditional characters we know to simplified ones (lib/traditional.py's table,
    the Q&A's too), full-width digits to ASCII."""
    return text.translate(_simplify_table())


def cn_number(text: str) -> int | None:
    """Chinese numeral up to 99 (九, 十二, 二十一) or ASCII digits → int."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    value = (_CN_DIGITS.get(tens, 0) if tens else 1) * 10
    return value + (_CN_DIGITS.get(ones, 0) if ones else 0)


@dataclass
class DeadlineParse:
    due_date: date | None
    ongoing: bool
    flags: list[str] = field(default_factory=list)


# Work that runs all year or must be kept up after it is first done.
_ONGOING = re.compile(
    r"贯穿全年|全年|长期|持续|常态|动态更新|动态调整|定期|每月|每季度?|每半年|每年"
)
_PHASE_START = re.compile(r"(\d{1,2}月\d{1,2}日)(?:开始|起)")
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_MONTH_CN = re.compile(r"([一二三四五六七八九十]{1,3})月")
_FULL_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]")
_MONTH = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(上旬|中旬|下旬|初|底|末|份前|份|内|前)?")
# 2021年6月底 / 6月30日 / 7月上旬: a month as a deadline writes it, for the importer's patterns
# that find one inside a cell or a sentence (parse_deadline reads it).
MONTH_DEADLINE = r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|末|[上中下]旬)?"
# 2019年3月起, 3月开始: when the work starts, not when it is due.
_STARTS = re.compile(r"起|开始")
# 2020年底前启动，持续推进: the date the work must start by (启动, 开工), not when it is done.
_STARTED_BY = re.compile(r"前(?:启动|开工)")
_QUARTER = re.compile(r"第?([一二三四1-4])季度(前)?")
_YEAR_PART = re.compile(r"(?:(\d{4})年?)?(上半年|下半年|年中|年底|年末|年内|年度内|全年)")
# The count of years a span gives (3年内, 三年内, 两年内): what stands right before its 年内.
_COUNT_BEFORE = re.compile(r"(?<!\d)(?:\d{1,2}|[一二两三四五六七八九十])$")


def parse_deadline(text: str, year: int) -> DeadlineParse:
    """Due date of one deadline cell; ``year`` is the plan year for dates without one."""
    raw = (text or "").strip()
    clean = _normalise(raw)
    ongoing = bool(_ONGOING.search(clean))
    flags: list[str] = []
    candidates = _explicit_dates(clean, year, flags)
    if not candidates and ongoing:
        candidates = [(date(year, 12, 31), "全年")]
    if not candidates:
        flags.append(f"无法识别完成时限：{raw or '（空）'}")
        return DeadlineParse(None, ongoing, flags)
    if ongoing:
        # …4月16日-4月30日，全面提升；5月1日开始，长效常态化: the day the ongoing phase starts is
        # no deadline; the last phase before it ends the task.
        starts = set(_PHASE_START.findall(clean))
        before = [c for c in candidates if c[1] not in starts]
        if before and len(before) < len(candidates):
            candidates = before
            flags.append(
                f"“{'、'.join(sorted(starts))}”起为长期（常态化）阶段的开始，"
                "已取此前阶段的截止日期为完成时限，请核对"
            )
    due, _ = max(candidates)
    if started := _STARTED_BY.search(clean):
        flags.append(f"“{started.group(0)}”是启动时间，不是完成时间，请核对")
    labels = list(dict.fromkeys(label for _, label in candidates))
    if len({d for d, _ in candidates}) > 1:
        flags.append(f"完成时限含多个时间点（{'、'.join(labels)}），已取最晚的日期")
    if ongoing and "阶段性" in clean:
        # 10月15日前取得阶段性成果，并长期坚持: the date ends a stage; the work goes on after it.
        flags.append("完成时限所写日期是阶段性节点，其后长期进行，已取该日期，请核对")
    if due.year != year:
        flags.append(f"完成时限的年份（{due.year}年）与方案年份（{year}年）不同")
    if "之前" in re.sub(r"\s+", "", raw):  # only then can a flag misquote the cell
        flags = [_as_written(flag, raw) for flag in flags]
    return DeadlineParse(due, ongoing, flags)


# 10月之前, 6月底之前: 前 written long (the same ambiguity as 10月前, said the same way).
_BEFORE_WRITTEN_LONG = re.compile(r"(?<=[月日底末旬度])之前")


def _as_written(flag: str, raw: str) -> str:
    """A flag quoting “10月前” where the cell wrote 10月之前 quotes what the cell wrote."""
    written = re.sub(r"\s+", "", simplify(raw))
    return re.sub(
        r"“([^”]+)前”",
        lambda m: f"“{m.group(1)}之前”" if f"{m.group(1)}之前" in written else m.group(0),
        flag,
    )


def _normalise(text: str) -> str:
    text = re.sub(r"\s+", "", simplify(text))
    text = _BEFORE_WRITTEN_LONG.sub("前", text)
    text = _ISO_DATE.sub(r"\1年\2月\3日", text)
    text = _MONTH_CN.sub(lambda m: f"{cn_number(m.group(1)) or m.group(1)}月", text)
    return _SPAN_IN_A_YEAR.sub(r"\g<0>\1年", text)


# 2020年1月-3月: a span's second month is in the year its first writes (not the plan's).
_SPAN_IN_A_YEAR = re.compile(r"(\d{4})年\d{1,2}月(?:\d{1,2}日)?[-—–~～至到](?=\d{1,2}月)")


def _explicit_dates(text: str, year: int, flags: list[str]) -> list[tuple[date, str]]:
    found: list[tuple[date, str]] = []
    for match in _FULL_DATE.finditer(text):
        found += _day(match, year, flags)
    rest = _FULL_DATE.sub("", text)
    for match in _MONTH.finditer(rest):
        # 2019年3月起 alone: a start taken for the deadline, said so (5月起常态化 is the start of
        # an ongoing task, kept as its date, as 5月1日起常态化 is).
        start = not match.group(3) and _STARTS.match(rest, match.end())
        found += _month(match, year, flags)
        if start and not _ONGOING.search(text):
            flags.append(f"“{match.group(0)}{start.group(0)}”是开始时间，已按当月底计，请核对")
    for match in _QUARTER.finditer(rest):
        quarter = cn_number(match.group(1)) or 4
        if match.group(2):
            # 三季度前: before the third quarter, or by its end? Like 9月前, take the earlier.
            flags.append(f"“{match.group(0)}”已按上季度末计（也可能指本季度末），请核对")
            before = (quarter - 1) * 3
            found.append((_month_end(year - (before == 0), before or 12), match.group(0)))
        else:
            found.append((_month_end(year, quarter * 3), match.group(0)))
    for match in _YEAR_PART.finditer(rest):
        word = match.group(2)
        if word == "年内" and not match.group(1) and _COUNT_BEFORE.search(rest[: match.start()]):
            continue  # 3年内完成: a span of years, no deadline (年内 alone is this year's end)
        month = 6 if word in ("上半年", "年中") else 12
        if word == "年中":
            flags.append("“年中”已按6月30日计，请核对")
        written = _written_year(match, year, flags)  # 2023年底: the year written, not the plan's
        if written is not None:
            found.append((_month_end(written, month), match.group(0)))
    return found


def _written_year(match: re.Match, year: int, flags: list[str]) -> int | None:
    """The year a date writes (group 1), or the plan's; a year no plan has is refused."""
    if not match.group(1):
        return year
    written = int(match.group(1))
    if not 2000 <= written <= 2100:
        flags.append(f"完成时限中的年份不正确：{match.group(0)}")
        return None
    return written


def _day(match: re.Match, year: int, flags: list[str]) -> list[tuple[date, str]]:
    y = _written_year(match, year, flags)
    if y is None:
        return []
    m, d = int(match.group(2)), int(match.group(3))
    try:
        return [(date(y, m, d), match.group(0))]
    except ValueError:
        flags.append(f"完成时限中的日期不存在：{match.group(0)}")
        return []


def _month(match: re.Match, year: int, flags: list[str]) -> list[tuple[date, str]]:
    y = _written_year(match, year, flags)
    if y is None:
        return []
    m, word = int(match.group(2)), match.group(3) or ""
    if not 1 <= m <= 12:
        flags.append(f"完成时限中的月份不存在：{match.group(0)}")
        return []
    label = match.group(0)
    if word in ("上旬", "初"):  # 7月初, the month's start: its first ten days
        flags.append(f"“{label}”已按当月10日计，请核对")
        return [(date(y, m, 10), label)]
    if word == "中旬":
        flags.append(f"“{label}”已按当月20日计，请核对")
        return [(date(y, m, 20), label)]
    if word in ("前", "份前"):  # 11月份前 as 11月前
        # "9月前" may mean "before September" or "by the end of September";
        # take the earlier reading and say so.
        flags.append(f"“{label}”已按上月底计（也可能指当月底），请核对")
        return [(_month_end(y - (m == 1), 12 if m == 1 else m - 1), label)]
    return [(_month_end(y, m), label)]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
