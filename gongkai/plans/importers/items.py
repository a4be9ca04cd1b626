"""Finishing a plan's items once the rows are walked: numbering them (as written, or in order,
warned), sections from groups, and each item's deadline and units parsed from its text, with
the flags that say what to check. _Draft is an item being built."""

import re
from dataclasses import dataclass, field
from itertools import count, groupby, takewhile

from gongkai.lib.deadline_text import cn_number, parse_deadline, simplify
from gongkai.lib.unit_text import LEGEND, parse_units
from gongkai.plans.importers.base import (
    NUMBERED_IN_ORDER,
    OWN_NUMBERS,
    RENUMBERED,
    SPLIT_IN_ORDER,
    ParsedItem,
)
from gongkai.plans.importers.brackets import _JOINED, GROUP_CLOSE
from gongkai.plans.importers.cells import (
    _SUBSECTION,
    _TRAILER,
    _UNIT_LABEL,
    Row,
    _looks_like_deadline,
)
from gongkai.plans.importers.headers import (
    AFTER_NUMBER,
    DEADLINE,
    LEAD,
    MEASURES,
    NOTE,
    SUPPORT,
    UNITS,
)
from gongkai.plans.importers.paragraphs import (
    _FROM_HEADING,
    _NAMES_ROLES,
    _SPLIT_FLAG,
    _UNNUMBERED_FLAG,
    LEAD_FROM_HEADING,
    _heading_owners,
)
from gongkai.plans.importers.subjects import STAGE_FLAG

_GLUED = (
    "原文此行的单元格粘连在一起（没有分隔），完成时限是从内容末尾拆出的，"
    "责任单位未能可靠拆分，请核对"
)

_STUCK = "原文表格的单元格粘连在一起（没有分隔），责任单位是按内容拆分出来的，请核对责任单位"
_UNREAD = (
    "原文表格的单元格粘连在一起（没有分隔），责任单位与任务内容无法可靠分开，未填写，"
    "请对照原文指定责任单位"
)

_UNNUMBERED_NO_UNITS = "原文此段没有任务编号（或编号无法识别），已作为一项任务，请核对"
_MID_TEXT = "本项的责任单位取自任务内容中间的括注（其后还有正文，可能只是说明），请核对"
_UNCLOSED = "原文此项的责任单位括号没有闭合（原文可能在此截断），已按闭合读取，请核对"

_UNREAD_CARRIED = (
    "原文表格的单元格粘连在一起（没有分隔），本行看不出自己的责任单位，"
    "已按合并单元格沿用上一行的责任单位，请核对"
)

NO_UNITS = "计划未写明责任单位，请在预览中指定"
_NO_UNITS_WARNING = "整个计划未写明任何责任单位，各项任务的责任单位为空，请在预览中逐项指定"


def _flag_plan_without_units(items: list[ParsedItem], warnings: list[str]) -> None:
    """A plan that names no unit for any task: its tasks are kept with their units empty
    (never invented) and each is flagged for the user to assign them in the preview."""
    if not items or any(i.names_units for i in items):
        return
    if any(_GLUED in i.flags or _UNREAD in i.flags for i in items):
        return  # the units may be there, glued to the text
    warnings.append(_NO_UNITS_WARNING)
    for item in items:
        item.flags = [NO_UNITS if f == "未填写责任单位" else f for f in item.flags]
        if NO_UNITS not in item.flags:
            item.flags.append(NO_UNITS)


def _flag_unstated_year(
    items: list[ParsedItem], rows: list[Row], year: int | None, warnings: list[str]
) -> None:
    """A plan that never writes its year (2023年; a document number 〔2023〕 does not
    count): dates reckoned from the year given at import are flagged. A bare table too: the
    year chosen at import is on no page of it (全年 / 6月底前 read as that year's)."""
    if not year:
        return
    text = simplify("\n".join(c for row in rows for c in row))
    if re.search(rf"{year}\s*年", text):
        return
    reckoned = [
        item
        for item in items
        if item.due_date and not re.search(r"\d{4}\s*年", simplify(item.deadline_text))
    ]
    if not reckoned:
        return
    warnings.append(f"方案中未写明年份“{year}年”，完成时限按导入时所选的年份推算，请核对")
    for item in reckoned:
        item.flags.append(f"方案中未写明年份，完成时限按{year}年推算，请核对")


@dataclass
class _Draft:
    """An item being built, with what the finished ParsedItem does not keep."""

    item: ParsedItem
    explicit_number: int | None
    unit_columns: dict[str, str] = field(default_factory=dict)
    group: str = ""  # the （一） heading over the item, as written
    piece: bool = False  # see _RowParts
    unnumbered: bool = False
    mid_text: bool = False
    stage: bool = False
    duty: bool = False
    # The units cells of a task's merged rows, each as written (rows._continue): each row
    # says who leads its part (A配合B落实 / 政法综治处负责), read on its own.
    unit_rows: list[str] = field(default_factory=list)
    # The part before this task whose paragraph no task took (rows' walker): were it a task,
    # a number counted in order of appearance would be one short from it on.
    after_unread: str = ""
    # 牵头单位 | 配合/责任单位: the support column's heading when it says its units answer for
    # a row with no lead (rows._responsible_heading); empty for a plain 配合单位 column.
    responsible_heading: str = ""

    def set(self, role: str, value: str) -> None:
        if role in (LEAD, SUPPORT):
            self.unit_columns[role] = value
        elif role in _ITEM_FIELDS:
            setattr(self.item, _ITEM_FIELDS[role], value)

    def get(self, role: str) -> str:
        if role in (LEAD, SUPPORT):
            return self.unit_columns.get(role, "")
        return getattr(self.item, _ITEM_FIELDS[role]) if role in _ITEM_FIELDS else ""


_ITEM_FIELDS = {MEASURES: "measures", DEADLINE: "deadline_text", UNITS: "units_text", NOTE: "note"}


# ---- numbering and per-item parsing ------------------------------------------


# A yearly plan has dozens of items; a bigger "序号" is an amount or a code, not a number, and
# 1,000,000,000,000 once made the gap check below build a set of that many numbers.
MAX_ITEM_NUMBER = 9999


def _number_items(drafts: list[_Draft], warnings: list[str]) -> str:
    """Number the tasks; how (base.OWN_NUMBERS …), each way but the plan's own said in a
    warning."""
    given = [d.explicit_number for d in drafts if d.explicit_number is not None]
    numbering = OWN_NUMBERS
    if not given and _number_by_subsections(drafts):
        return numbering
    if not given and any(d.piece for d in drafts):
        warnings.append("原文有的段落写有多项任务，已按责任单位括注逐项拆分，并按出现顺序编号")
        numbering = SPLIT_IN_ORDER
    elif not given:
        warnings.append("原文任务未编号，已按出现顺序编号")
        numbering = NUMBERED_IN_ORDER
    elif any(b <= a for a, b in zip(given, given[1:], strict=False)):
        warnings.append("原文任务序号有重复或倒序（可能按部分分别编号），已按出现顺序重新编号")
        _flag_broken_runs(drafts)
        given, numbering = [], RENUMBERED
    elif given[-1] > MAX_ITEM_NUMBER:
        warnings.append(f"原文任务序号超过{MAX_ITEM_NUMBER}，不像任务编号，已按出现顺序重新编号")
        given, numbering = [], RENUMBERED
    previous = 0
    for draft in drafts:
        explicit = draft.explicit_number
        draft.item.number = explicit if given and explicit is not None else previous + 1
        previous = draft.item.number
        if not given and draft.after_unread:
            draft.item.flags.append(AFTER_UNREAD_FLAG.format(draft.after_unread))
    numbers = [d.item.number for d in drafts]
    if len(set(numbers)) != len(numbers):
        # 1. … (a task with no number) … 2.: the unnumbered one took 2 as well.
        warnings.append("原文有未编号的任务夹在编号任务之间，已按出现顺序重新编号")
        for at, draft in enumerate(drafts, start=1):
            draft.item.number = at
            draft.item.flags.append("任务已按出现顺序重新编号，与原文编号可能不同，请核对")
        return RENUMBERED
    if given:
        # An unnumbered task among numbered ones took the number before the next.
        present = {d.item.number for d in drafts}
        missing = [n for n in range(1, given[-1] + 1) if n not in present][:10]
        if missing:
            warnings.append(f"原文任务序号不连续，缺少：{'、'.join(map(str, missing))}")
        for before, draft in zip(drafts, drafts[1:], strict=False):
            if draft.item.number - before.item.number > 1:
                # The plan's own gap, or a task the reader lost: either way, to check.
                draft.item.flags.append(
                    f"原文编号从{before.item.number}跳到{draft.item.number}，"
                    "中间的任务可能漏读，请核对"
                )
    return numbering


RENUMBERED_FLAG = "原文此项编号为{}，全文按出现顺序重新编号后为第{}项，请对照原文核对"


def say_printed_numbers(items: list[ParsedItem], printed: dict[int, int | None]) -> None:
    """1. under （二） read as 6: a renumbered plan's items whose number is not the page's say
    the page's (``printed``: by item id), to be found there. Called once the numbers are final
    (a rule after the numbering may number the tasks it keeps again)."""
    for item in items:
        number = printed.get(id(item))
        if number is not None and number != item.number:
            item.flags.append(RENUMBERED_FLAG.format(number, item.number))


AFTER_UNREAD_FLAG = (
    "任务按出现顺序编号，而其前“{}”下有成段文字未识别为任务：如那段也是任务，本项编号应顺延，请核对"
)


def _flag_broken_runs(drafts: list[_Draft]) -> None:
    """Numbers that restart (by part: 1 2 3, 1 2) are renumbered in order; a number that
    neither follows the one before nor starts again at 1 (1 2 4, or 1 2 2) may mark a task
    read twice, or lost: flagged."""
    previous = None
    for draft in drafts:
        number = draft.explicit_number
        if number is None:
            continue
        if previous is not None and number != previous + 1 and number != 1:
            draft.item.flags.append(
                f"原文编号在{previous}之后是{number}（既不连续，也不是重新从1编起），"
                "任务可能漏读或重复，请核对"
            )
        previous = number


def _groups_as_sections(drafts: list[_Draft]) -> None:
    """A plan (or a page of one) with no 一、 parts: its （一） group headings are the
    sections."""
    if any(d.item.section for d in drafts):
        return
    for draft in drafts:
        draft.item.section = draft.group


NO_SECTION = (
    "原文此项任务之前没有所属部分的标题（可能只截取了方案的一部分），未能确定其所属部分，请核对"
)


def _flag_tasks_before_any_heading(drafts: list[_Draft]) -> None:
    """A plan with parts whose text starts mid-plan: the tasks before the first heading have
    no section, which is never invented; they are flagged."""
    if not any(d.item.section for d in drafts):
        return
    for draft in drafts:
        if not draft.item.section:
            draft.item.flags.append(NO_SECTION)


def _number_by_subsections(drafts: list[_Draft]) -> bool:
    """Unnumbered items each alone under its own （三） heading take its number (a body that
    kept some tasks of a longer list keeps their numbers)."""
    numbers = [_SUBSECTION.match(d.item.subsection) for d in drafts]
    if not all(numbers):
        return False
    values = [cn_number(m.group(1)) for m in numbers]
    if any(b <= a for a, b in zip(values, values[1:], strict=False)):
        return False
    for draft, number, match in zip(drafts, values, numbers, strict=True):
        draft.item.number = number
        draft.item.flags.append(f"任务未编号，已按其小标题{match.group(0).strip()}编号，请核对")
    return True


def _finish_item(draft: _Draft, year: int, legend: str = "") -> ParsedItem:
    """The item of ``draft``; ``legend``: the plan's one note on how its units cells read
    (rows._plan_legend), for a cell that says no roles itself."""
    item = draft.item
    if draft.piece:
        item.flags.append(_SPLIT_FLAG)
    if draft.unnumbered:
        item.flags.append(_UNNUMBERED_FLAG if item.units_text else _UNNUMBERED_NO_UNITS)
    if draft.mid_text:
        item.flags.append(_MID_TEXT)
    if draft.stage:
        item.flags.append(STAGE_FLAG)
    _finish_deadline(item, year)
    if draft.unit_columns:
        _finish_two_unit_columns(item, draft.unit_columns, draft.responsible_heading)
    else:
        _finish_units(item, legend)
        if draft.unit_rows and item.lead_units:
            _units_of_rows(item, draft.unit_rows)
    item.requirement = item.requirement.replace("\n", "")
    item.measures = item.measures.replace("\n", "；")
    if _UNREAD in item.flags and any("与上一行合并" in flag for flag in item.flags):
        # A run-on row whose own units could not be read, given the row above's (merged
        # cells): say that, not that its units were left empty.
        item.flags[item.flags.index(_UNREAD)] = _UNREAD_CARRIED
    item.flags = list(dict.fromkeys(item.flags))
    return item


def _finish_deadline(item: ParsedItem, year: int) -> None:
    dated = [p for p in re.split(r"[\n；]", item.note) if _looks_like_deadline(p.strip())]
    if not item.deadline_text and dated:
        # Some plans keep the deadline in the 备注 column: a deadline there, not a date in a
        # progress report's sentence (项目于9月28才签订合同，滞后了2个月).
        from_note = parse_deadline("；".join(dated), year)
        if from_note.due_date:
            item.due_date, item.ongoing = from_note.due_date, from_note.ongoing
            item.flags += ["完成时限取自备注栏，请核对", *from_note.flags]
            return
    years = [p.strip() for p in re.split(r"[\n；]", item.note) if _BARE_YEAR.match(simplify(p))]
    if not item.deadline_text and len(years) == 1:
        # A 备注 column holding a year only (2021年) beside tasks with no deadline column: the
        # year they are done in, so its end, as a 完成时限 cell holding a year only; said.
        written = re.search(r"\d{4}", simplify(years[0])).group()
        item.due_date = parse_deadline(f"{written}年底前", year).due_date
        item.flags += [
            "完成时限取自备注栏，请核对",
            f"完成时限只写了年份（“{years[0]}”），已按该年年底计，请核对",
        ]
        return
    if not item.deadline_text:
        item.flags.append("未填写完成时限")
        _deadline_from_text(item, year)
        if not item.due_date:
            _deadline_of_stage(item, year)
        return
    parsed = parse_deadline(item.deadline_text, year)
    if not parsed.due_date and _BARE_YEAR.match(simplify(item.deadline_text)):
        # 2023年 (in a 完成时限 cell): that year's end, flagged — the year only is written.
        written = re.search(r"\d{4}", simplify(item.deadline_text)).group()
        parsed = parse_deadline(f"{written}年底前", year)
        parsed.flags.append(
            f"完成时限只写了年份（“{item.deadline_text.strip()}”），已按该年年底计，请核对"
        )
    item.due_date, item.ongoing = parsed.due_date, parsed.ongoing
    item.flags += parsed.flags
    if parsed.due_date and _SCHEDULE.search(simplify(item.deadline_text)):
        item.flags.append(_SCHEDULE_FLAG)


# 第二季度：与省知识产权局联合开展执法… — a 进度安排 cell: what is done when, the deadline read
# from its times (the last), not a date the plan set for the task.
_SCHEDULE = re.compile(r"(?:季度|月|旬|年|底|前)\s*[：:]\s*[\u4e00-\u9fff]{4}")
_SCHEDULE_FLAG = "完成时限栏写的是进度安排，已取其中最晚的时间作为完成时限，请核对"


# A deadline cell holding a year only: 2023年, 2023 年度.
_BARE_YEAR = re.compile(r"^\s*\d{4}\s*年(?:度)?\s*$")


# 2023年10月底前2, — a number after the deadline: the next task's, run on into this one.
_NUMBER_AFTER_DEADLINE = re.compile(r"[前底末止成](\d{1,2})\s*[,，、.．]?\s*$")


_GROUP_DEADLINE = "完成时限取自本部分末尾的“{}”一句（对本部分各项），请核对"


def _spread_group_deadlines(items: list[ParsedItem]) -> None:
    """A group's closing sentence read as its last task's deadline (以上项目9月底前开工): the
    deadline of every task of the group that has none, each flagged."""
    for at, item in enumerate(items):
        if not re.match(GROUP_CLOSE, simplify(item.deadline_text)) or not item.due_date:
            continue
        flag = _GROUP_DEADLINE.format(item.deadline_text)
        item.flags.append(flag)
        for earlier in reversed(items[:at]):
            if earlier.section != item.section or earlier.deadline_text or earlier.due_date:
                break
            earlier.due_date, earlier.ongoing = item.due_date, item.ongoing
            earlier.flags = [f for f in earlier.flags if f != "未填写完成时限"] + [flag]


GROUP_UNITS_FLAG = (
    "本项未注明责任单位，已取所在分组“{}”最后一项括注的单位（可能是整组的责任单位），请核对"
)


def _spread_group_units(items: list[ParsedItem]) -> None:
    """（一）… 1.… 2.…（责任处室：X、Y） — in a plan whose other groups name every task's units,
    a group where only its last task does: that bracket closes the group, and its units go to
    the group's tasks that name none, each flagged. A plan where no group names every task's
    units is left as read (its tasks are flagged for their missing units)."""
    groups = [
        list(group)
        for (_, subsection), group in groupby(items, lambda i: (i.section, i.subsection))
        if subsection
    ]
    groups = [group for group in groups if len(group) >= 2]
    if not any(all(item.names_units for item in group) for group in groups):
        return
    for group in groups:
        *before, last = group
        if not last.names_units or any(item.names_units for item in before):
            continue
        flag = GROUP_UNITS_FLAG.format(last.subsection)
        for item in before:
            item.lead_units, item.support_units = list(last.lead_units), list(last.support_units)
            item.units_text = last.units_text
            item.flags = [f for f in item.flags if f != "未填写责任单位"] + [flag]


def _flag_numbers_run_into_deadlines(items: list[ParsedItem]) -> None:
    """A deadline ending in a number (…底前2,) holds the next task's number, run on from a
    page whose breaks were lost: that task's own number was found elsewhere (a page viewer's
    chunk marker, 2、, may stand for it). Both are flagged."""
    for at, item in enumerate(items):
        found = _NUMBER_AFTER_DEADLINE.search(simplify(item.deadline_text))
        if not found:
            continue
        item.flags.append(
            f"完成时限“{item.deadline_text}”末尾多出“{found.group(1)}”（可能是下一项的编号），请核对"
        )
        following = items[at + 1] if at + 1 < len(items) else None
        if following and following.number == int(found.group(1)):
            following.flags.append(
                "本项的编号也出现在上一项末尾，任务从哪里开始、编号取自哪里不能确定，请核对"
            )


# A sentence of a task opening on a task's number (…公开。3.推进…): two tasks run together.
# One pattern for every number (one per number missed re's cache on a long plan: 4,000
# compilations of its CJK class made a 2,000-task plan take seconds).
_NUMBER_OPENS_SENTENCE = re.compile(
    r"[。；;！!？?]\s*(\d+)\s*[.、．]\s*" + AFTER_NUMBER + r"[\d\u4e00-\u9fff“《]"
)
# What a task's text is not: a scrap of a bracket or list cut off the task before it.
_FRAGMENT_START = re.compile(r"\s*[)）】〕、，,。；;]")
_WORDS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


def _flag_joined_and_cut_items(items: list[ParsedItem], warnings: list[str]) -> None:
    """Items read across lines wrongly (串行), flagged, as their parse rests on a guess: a task
    whose text holds the next task's number opening a sentence when no item has that number
    (two tasks read as one; not when it holds its own number so too: then 1. 2. 3. are the
    task's own points); a task whose text is a scrap (under four characters, or opening on a
    closing bracket or a comma: the end of the task before it, cut at the wrong place).
    Numbers so joined past the plan's last item are said in a warning too: no gap in the
    numbers read shows them (原文任务序号不连续 names the gaps)."""
    numbers = {item.number for item in items}
    last = max(numbers, default=0)
    for item in items:
        text = simplify(item.requirement)
        following = item.number + 1
        opening = {int(found.group(1)) for found in _NUMBER_OPENS_SENTENCE.finditer(text)}
        joined, own_points = following in opening, item.number in opening
        if joined and following not in numbers and not own_points:
            joined_to = opening - numbers
            run = list(takewhile(joined_to.__contains__, count(following)))
            item.flags.append(
                f"本项内容中有以编号“{following}.”开头的一句，而原文第{following}项未单独读出："
                "可能是两项任务连在一起，请核对"
            )
            past = [n for n in run if n > last]
            if past:
                said = "、".join(map(str, past))
                warnings.append(
                    f"原文编号为{said}的任务连在第{item.number}项的内容中，未单独读出，请核对"
                )
        if len(_WORDS.findall(text)) < 4 or _FRAGMENT_START.match(text):
            item.flags.append(
                f"本项任务内容残缺（“{item.requirement[:20]}”），可能是从上下文断开的片段，请核对"
            )


# A time limit written inside the task's own text: 2021年12月末前, 5月底前, 6月30日前,
# 年底前完成 (with 前, or with 完成/建成 right after it: 2023年底完成80%以上; 2016年末政府债务
# is no time limit); 年内完成, the plan year's end as 年底前完成 (not 3年内完成, a span; nor
# 年内实现…目标 or 年内…不少于1次, a goal or a frequency).
_DEADLINE_IN_TEXT = re.compile(
    r"(?:\d{4}年)?\d{1,2}月份?(?:\d{1,2}日|底|末|[上中下]旬)?之?前|(?:\d{4})?年(?:底|末)之?前"
    # 于2022年三季度前落地: a quarter, read as a 完成时限 cell's (三季度前: before it begins).
    r"|(?:\d{4}年)?第?[一二三四]季度(?:底|末)?前"
    r"|(?:\d{4})?年(?:底|末)(?=(?:基本|全面)?(?:完成|建成))"
    r"|(?<![\d一二两三四五六七八九十几多数半个])年内完成"
    # 今年内在…公布…: this year, the plan's (not 今年内容, 今年内部).
    r"|今年内(?![容部])"
)


# 。2016年完成…发布 — a sentence opening on a bare year (not 2018年起, 2016年度, 2016年内):
# that year's end.
# A task opening on its year and what is done in it (2023年，完成85%…): that year's end too.
_YEAR_OPENS_SENTENCE = re.compile(
    r"(?<=[。；;])\d{4}年(?![起以内底末前度初中]|\d|[，,])"
    r"|^\d{4}年(?=[，,](?:基本|全面)?(?:完成|建成))"
)


# 确保2022年…实现: a target year the task commits to (that year's end); 于4月24日开展…: the one
# day set for the task's action (not a span, 4月24日-5月4日, nor a start, 4月24日起).
_TARGET_OR_ACTION_DATE = re.compile(
    r"(?<=确保)\d{4}年(?![起以内度初中]|\d|[，,])"
    # 即日起至12月底开展…: a campaign run from now to its stated end, the task's end.
    r"|(?<=即日起至)(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|末)?"
    r"|(?<=于)(?:\d{4}年)?\d{1,2}月\d{1,2}日(?![起至到\-—~～]|前后|以后|之后)"
)


# …，2020年片区…集中供养率达到50%及以上。: a clause opening on a year and the target reached in
# it (that year's end, when it is the plan's: a past year's is a record, a later one's a goal).
_YEAR_OPENS_TARGET = re.compile(
    r"(?<=[，,])\d{4}年(?![起以内底末前度初中]|\d|[，,])(?=[^，,。；;]{2,40}?(?:达到|实现|建成))"
)


# 到2023年，…: the year a target is reached by (not 达到, 做到; nor 到2023年起/前, a span).
_TARGET_YEAR = re.compile(r"(?<![达做]到)(?<=到)\d{4}年(?:底|末)?(?![起以内度初中前]|\d)")


def _year_end(text: str) -> str:
    return f"{text}底前" if text.endswith("年") else text


# 10月底前编制完成… / 年底前基本完成…: the date the task (or its part) is done.
_COMPLETED = re.compile(r"[^，,。；;]{0,6}完成")


def _deadline_from_text(item: ParsedItem, year: int) -> None:
    """No deadline given: one written in the task's text (完成时限 in the sentence, often for
    a part of the task only) is taken, always flagged."""
    text = simplify(f"{item.requirement}{item.measures}")
    dated = [
        (parsed, found)
        for found in [
            *_DEADLINE_IN_TEXT.finditer(text),
            # 。2015年第四轮督查发现… in a 2016 plan: what a past year saw, no deadline.
            *(m for m in _YEAR_OPENS_SENTENCE.finditer(text) if int(m.group()[:4]) >= year),
            *_TARGET_OR_ACTION_DATE.finditer(text),
            # 到2023年，实现…全覆盖 in a 2023 plan: this year's target; 到2025年 is a goal.
            *(m for m in _TARGET_YEAR.finditer(text) if int(m.group()[:4]) == year),
            *(m for m in _YEAR_OPENS_TARGET.finditer(text) if int(m.group()[:4]) == year),
        ]
        if (parsed := parse_deadline(_year_end(found.group(0)), year)).due_date
    ]
    if not dated:
        return
    # A date in a year before the plan's (2021年1月中旬前 in a 2022 plan: past, or a slip) is
    # no deadline of its task when the text gives another.
    dated = [pair for pair in dated if pair[0].due_date.year >= year] or dated
    # The first written (collectors differ on two in different sentences: the first is the
    # one read so far) — unless it is a step and not the completion (7月底前提出方案，10月底前
    # 完成; 9月底前项目落地，年底前入统): then the latest of its sentence, when the task ends.
    parsed, found = min(dated, key=lambda pair: pair[1].start())
    if not _COMPLETED.match(text, found.end()):
        end = re.compile(r"[。；;]").search(text, found.start())
        end = end.start() if end else len(text)
        steps = [pair for pair in dated if found.start() <= pair[1].start() < end]
        parsed, found = max(steps, key=lambda pair: (pair[0].due_date, -pair[1].start()))
    if parsed.due_date:
        item.due_date, item.ongoing = parsed.due_date, False
        item.flags += [f"完成时限取自任务内容（“{found.group(0)}”），请核对", *parsed.flags]


# 一季度前，集中消除… / 6月底前，… — a group cell opening on a deadline: a timetable's stage.
_STAGE = re.compile(
    r"^(?:\d{4}年)?(?:第?([一二三四])季度(?:底|末)?前|\d{1,2}月份?(?:\d{1,2}日|底|末)?前)(?=[，,：:])"
)


def _deadline_of_stage(item: ParsedItem, year: int) -> None:
    """A task with no deadline of its own under a stage cell (一季度前，… merged over its tasks in
    a 时间表): the stage's deadline, flagged. A stage's X季度前 is that quarter's end, not the
    one before it (as a 完成时限 cell's is read): the stages run through the year, 一季度前 first
    and 四季度前，完成全年任务 last."""
    found = _STAGE.match(simplify(item.subsection).strip())
    if not found:
        return
    written = found.group(0)
    parsed = parse_deadline(written.removesuffix("前") if found.group(1) else written, year)
    item.due_date, item.ongoing = parsed.due_date, False
    item.flags += [f"完成时限取自所在分组（“{written}”），请核对", *parsed.flags]
    if found.group(1):
        item.flags.append(f"“{written}”已按该季度末计（也可能指上季度末），请核对")


HEADING_UNITS_FLAG = "本项任务未注明责任单位，已取其标题所注的单位，请核对"
NO_LEAD_FLAG = "未写明牵头单位，请核对"
RESPONSIBLE_LEAD = "本项牵头单位栏为空，已将“{}”栏的单位作为责任单位（牵头），请核对"
HEADING_LEAD_FLAG = "本项任务只注明了配合单位，牵头单位取自其标题所注的牵头单位，请核对"


def _finish_units(item: ParsedItem, legend: str = "") -> None:
    if not item.units_text:
        item.units_text = _closing_bracket_units(item)
    if not item.units_text:
        item.units_text = _heading_owners(item.section)
    if item.units_text.startswith(_FROM_HEADING):
        item.units_text = item.units_text.removeprefix(_FROM_HEADING)
        item.flags.append(HEADING_UNITS_FLAG)
    if item.units_text.startswith(LEAD_FROM_HEADING):
        item.units_text = item.units_text.removeprefix(LEAD_FROM_HEADING)
        item.flags.append(HEADING_LEAD_FLAG)
    if item.units_text.startswith(_JOINED):
        item.units_text = item.units_text.removeprefix(_JOINED)
        item.flags.append("本项任务有多处责任单位括注，已合并（牵头的单位牵头，其余配合），请核对")
    if not item.units_text:
        item.flags.append("未填写责任单位")
        return
    text = item.units_text
    if legend and not _NAMES_ROLES.search(simplify(text)) and not LEGEND.search(simplify(text)):
        text = f"{text}，{legend}"  # 区经发局\n区环土局 under 第一个为牵头单位: the first leads
    parsed = parse_units(text)
    item.lead_units, item.support_units = parsed.lead, parsed.support
    item.note = "；".join(filter(None, [item.note, parsed.note, *parsed.asides]))
    item.flags += parsed.flags
    _flag_odd_names(item)


def _units_of_rows(item: ParsedItem, rows: list[str]) -> None:
    """A task merged over rows, each naming its own units and roles (社会事业处配合区社会事业局
    落实 / 各处室 / 政法综治处负责): each row read on its own, the task's leads and supports
    all of theirs in order (a 配合 in one row makes no other row's names support)."""
    lead: list[str] = []
    support: list[str] = []
    for text in rows:
        parsed = parse_units(text)
        lead += [name for name in parsed.lead if name not in lead]
        support += [name for name in parsed.support if name not in support]
        item.flags += [flag for flag in parsed.flags if flag not in item.flags]
    item.lead_units = lead
    item.support_units = [name for name in support if name not in lead]


def _closing_bracket_units(item: ParsedItem) -> str:
    """A table with no units column whose task cell ends in its own labelled units bracket
    (17.实行…。（牵头单位：X；责任单位：Y）): those units, the bracket taken off the task."""
    found = _TRAILER.search(item.requirement)
    if not found or found.group(2) or not _UNIT_LABEL.search(found.group(1)):
        return ""
    item.requirement = item.requirement[: found.start()].rstrip()
    return found.group(1)


# What a sentence has and a body's name has not: a name read from text that spilled into
# the units cell (县、乡两级政府要健全政务公开工作机构).
_SENTENCE_IN_NAME = re.compile(r"要|应|确保|做好|加强|推进|健全|及时|进一步")


def _flag_odd_names(item: ParsedItem) -> None:
    odd = [
        name
        for name in item.lead_units + item.support_units
        if len(name) > 20 or (len(name) > 8 and _SENTENCE_IN_NAME.search(simplify(name)))
    ]
    if odd:
        item.flags.append(f"责任单位中“{odd[0]}”不像单位名称，请核对")


def _finish_two_unit_columns(
    item: ParsedItem, columns: dict[str, str], responsible_heading: str = ""
) -> None:
    """牵头单位 | 配合单位 columns: everyone in the first leads, everyone in the second helps;
    under a 配合/责任单位 heading, a row with its 牵头 cell empty names who answers for it."""
    lead, support = parse_units(columns.get(LEAD, "")), parse_units(columns.get(SUPPORT, ""))
    # 牵头单位 | 参与单位 | 责任单位: the third column's units are responsible with the lead.
    third = parse_units(item.units_text) if item.units_text else None
    if LEAD not in columns and third:
        # 主要责任单位 | 协同配合单位 (no 牵头 column): the units column names who leads.
        lead, third = third, None
        columns = {**columns, LEAD: item.units_text}
        item.units_text = ""
    item.lead_units = lead.lead + lead.support
    others = support.lead + support.support + (third.lead + third.support if third else [])
    item.support_units = list(dict.fromkeys(u for u in others if u not in item.lead_units))
    item.flags += third.flags if third else []
    texts = [f"牵头单位：{columns[LEAD]}" if columns.get(LEAD) else ""]
    texts.append(f"配合单位：{columns[SUPPORT]}" if columns.get(SUPPORT) else "")
    item.units_text = "；".join(filter(None, [*texts, item.units_text]))
    if not item.lead_units and item.support_units and responsible_heading:
        item.lead_units, item.support_units = item.support_units, []
        item.flags.append(RESPONSIBLE_LEAD.format(responsible_heading))
    elif not item.lead_units:
        item.flags.append(NO_LEAD_FLAG)
    _flag_odd_names(item)
    asides = [*lead.asides, *support.asides]
    item.note = "；".join(filter(None, [item.note, lead.note, support.note, *asides]))
