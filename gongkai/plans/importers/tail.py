"""A page captured cut off (页面截断): the plan's text stops inside its last task, so that task
is half there — its units bracket, unit lines or last cells missing. Such a half task is not an
item: it is left out with a warning naming it, instead of imported with what happens to remain."""

import re

from gongkai.lib.deadline_text import simplify
from gongkai.lib.unit_text import UNITS_LABEL
from gongkai.plans.importers.base import ParsedPlan
from gongkai.plans.importers.cells import _CANONICAL_HEADER
from gongkai.plans.importers.items import _UNCLOSED, HEADING_UNITS_FLAG
from gongkai.plans.importers.rows import _RUBY, index_block_row
from gongkai.plans.importers.subjects import SUBJECT_FLAG

# A sentence, a bracket or a cell that ends where it should; anything else stops mid-word.
_WHOLE_END = re.compile(r"[。.；;！!？?）)】”\"」』|:：\d年月日]$")
# A prose paragraph ends with a full stop, a bracket or a colon; a closing quote there is
# the page stopping mid-sentence (…设置…等"综合窗").
_QUOTE_END = re.compile(r"[”\"」』]$")
# 保留12315、12316、123 — a list of numbers the page stops inside: a number there is no end.
# …全区托位数提高至560 — an amount the page stops inside, its measure word lost.
_CUT_NUMBERS = re.compile(r"\d[、,，]\d+$|^[^|]{8,}[\u4e00-\u9fff]\d+$")
_SPACE = re.compile(r"\s+")
# 牵头单位:X on a line of its own: a layout whose tasks have their units on the lines after.
_UNIT_LINE = re.compile("^" + UNITS_LABEL + r"\s*[:：]")
# The flags of a row that lacks cells (rows.py): read by content or filled from the row above.
_SHORT_ROW = ("本行单元格缺失", "本行没有")
# The flag of a row a cell stream was cut into by content, not by a mark of its end.
_STREAM_ROW = "原表未标明行的起止"
CUT_WARNING = "原文在第{n}项中途截断（页面不完整），该项只有半截，未导入，请对照原文补上"
ELIDED_WARNING = "原文第{n}项有一段被网页省略（{notice}），该项不完整，未导入，请对照原文补上"
# A mirror site's notice in place of the words it hides: ……(某某网省略217字，正式会员可完整阅读)……
_ELIDED = re.compile(r"省略\s*\d+\s*字")


# A web page's footer after the plan: print/close links, the site's record numbers, links to
# the next page. Words no plan's own line holds.
_FOOTER = re.compile(
    r"打印本页|关闭窗口|返回顶部|扫一扫|手机打开|ICP备|公网安备|网站标识码|版权所有|"
    r"上一篇|下一篇|分享到|【打印】|【关闭】|网站地图|联系我们|"
    # The site's byline: 网站主办:X 技术支持:Y, 主办单位:X 承办单位:Y (the site's, on one
    # line with another of its roles — never a task's units, which come one set per task;
    # a page run into one line whose activities name theirs so is no byline).
    r"网站主办|技术支持\s*[:：]|^.{0,80}主办单位\s*[:：].{1,40}(?:承办单位|技术支持|运维).{0,80}$|"
    r"建议使用.{0,20}浏览器|分辨率|我要纠错|网站纠错|【字体|字号\s*[:：]\s*大|"
    # The document's own end: its publicity note, copies sent, the printing line.
    r"^\s*[（(]此件.{0,8}公开.{0,6}[)）]\s*$|^\s*抄送\s*[:：]|\d{1,2}\s*日\s*印发\s*$"
)
# The issuer's signature: a name, then the date alone on its line.
_DATE_LINE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
_ISSUER = re.compile(r"^\s*[\u4e00-\u9fff（）()]{3,40}\s*$")  # 国务院, 某区人民政府办公室
# 相关链接 / 相关文件 …: a heading over links to other pages, after the plan.
_LINKS_HEADING = re.compile(
    r"^\s*【?(?:相关|延伸)(?:链接|文件|阅读|新闻|文章|解读|稿件)】?\s*[:：]?\s*$"
)
# A line that could be a task's own: a units label or a bracket naming a role.
_TASK_LINE = re.compile(
    r"(?:单位|部门|处室|科室|时限)\s*[:：]|[（(][^（）()]{0,40}(?:牵头|负责|落实|配合)[^（）()]{0,20}[)）]"
)


# A notice's list of its annexes closing its last line (附件：1.《…指南》2.《…目录》 and the
# issuer's signature after it, no sentence ending): titles of documents, no task.
_ANNEX_LIST = re.compile(r"附件\s*[:：]\s*1\s*[.．、][^。；;！]*$")


def without_footer(text: str) -> str:
    """``text`` without the page footer's lines at its end (a cut page's last task is then
    its last words, and the footer no unit of it): print/close links, the site's byline and
    record numbers, and a 相关链接 heading with the link titles under it."""
    lines = text.rstrip().split("\n")
    while len(lines) > 1 and (not lines[-1].strip() or _footer_line(lines[-1])):
        lines.pop()
    lines = _without_signature(lines)
    annex = _ANNEX_LIST.search(lines[-1])
    if annex and annex.start() > 100:
        lines[-1] = lines[-1][: annex.start()].rstrip()
    heading = next(
        (at for at in range(len(lines) - 1, 0, -1) if _LINKS_HEADING.match(lines[at])), None
    )
    if heading is not None and not any(
        _TASK_LINE.search(simplify(line)) or len(line.strip()) > 80 for line in lines[heading:]
    ):
        lines = lines[:heading]
        while len(lines) > 1 and (not lines[-1].strip() or _footer_line(lines[-1])):
            lines.pop()
    return "\n".join(lines)


def _footer_line(line: str) -> bool:
    """A line of the page's footer: not a page run into one line whose end is its footer
    (…纪检监察组。某局办公室 2021年7月6日印发: the whole plan, whose end the paragraph reader
    takes off, paragraphs.without_page_end)."""
    return bool(_FOOTER.search(line)) and not (
        len(line) > _RUN_ON_PAGE and _TASK_LINE.search(simplify(line))
    )


# Longer than any footer line: a page's text run into one line.
_RUN_ON_PAGE = 300


def _without_signature(lines: list[str]) -> list[str]:
    """``lines`` without the issuer's name and date at their end (某区人民政府办公室 /
    2019年3月1日), read into the last task they became its deadline. Only where dates alone
    on their lines are no column of the plan: no other stands among the tasks (the notice's
    own signature stands before the first)."""
    filled = [line for line in lines if line.strip()]
    if len(filled) < 3 or not _DATE_LINE.match(simplify(filled[-1])):
        return lines
    first = next((at for at, line in enumerate(filled) if _TASK_NUMBER.match(line)), 0)
    if any(_DATE_LINE.match(simplify(line)) for line in filled[first:-1]):
        return lines
    if not _ISSUER.match(filled[-2]) or not _UNIT_END.search(filled[-2].strip()):
        return lines
    while not lines[-1].strip() or lines[-1] in filled[-2:]:
        lines.pop()
    return lines


# A task's or a part's number opening its line: 1. 1、 （一） 一、
_TASK_NUMBER = re.compile(
    r"^\s*(?:\d{1,3}\s*[.、．]|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)"
)
# What an issuer's name ends with.
_UNIT_END = re.compile(r"(?:政府|办公室|办公厅|委员会|局|厅|委|办|中心|院|部)$")


def without_cut_tail(plan: ParsedPlan, text: str) -> ParsedPlan:
    """``plan`` without its last item when the text ends inside it and that item lacks what
    every other item has: in prose, its units, when the text stops mid-word or the plan
    writes its units on lines after each task's text, or, in duties opening on their units
    or a task whose units bracket the text stops inside, a whole last word; or, in a table
    whose every row or cell is closed by a | and whose last one is not, ending mid-word, its
    deadline or cells (read by content, or filled from the row above)."""
    # A mirror's pinyin after each character (開(kāi)發(fā)) is no closing bracket.
    lines = [_RUBY.sub("", line).strip() for line in text.splitlines() if line.strip()]
    lines = [line for line in lines if not index_block_row(line)]
    if len(plan.items) < 2 or not lines:
        return plan
    last, others = plan.items[-1], plan.items[:-1]
    if not _reaches_end(last, lines[-1]):
        return plan
    unitless = not (last.lead_units or last.support_units) and all(
        i.lead_units or i.support_units for i in others
    )
    # Duties led by the units they open on (X负责…) keep their units when cut: the words at
    # the end are what such an item lacks.
    subject_led = all(SUBJECT_FLAG in i.flags for i in plan.items)
    # Tasks under a heading naming who does them (一、X牵头工作) have no units to lack: the last
    # is cut when its own text stops mid-word where every other one ends on a stop.
    heading_led = (
        all(HEADING_UNITS_FLAG in i.flags for i in plan.items)
        and all(_WHOLE_END.search(i.requirement.strip()) for i in others)
        and _flat(last.requirement).endswith(_flat(lines[-1])[-6:])
    )
    # 〔牵头单位:A、B;责任单 — a units bracket the text stops inside, every other one closed.
    unclosed = _UNCLOSED in last.flags and not any(_UNCLOSED in i.flags for i in others)
    undated = not (last.due_date or last.ongoing) and all(i.due_date or i.ongoing for i in others)
    mid_word = not _WHOLE_END.search(lines[-1]) or bool(_CUT_NUMBERS.search(lines[-1]))
    unit_lines = sum(bool(_UNIT_LINE.match(line)) for line in lines) >= len(others)
    cut_cell = mid_word and _unclosed_bar_end(lines)
    short = any(f.startswith(_SHORT_ROW) for f in last.flags)
    # A table's cell ends with no full stop anyway: a row there is cut only by the table rule.
    # (One line with a bar is a page's byline: 文章来源:X | 发布日期:…)
    prose = sum("|" in line or "\t" in line for line in lines) < 2
    unended = mid_word or bool(_QUOTE_END.search(lines[-1]))
    # …部门分工: — a page stopping on the units label of a task that has none yet.
    cut_label = bool(_CUT_LABEL.match(simplify(lines[-1])))
    # 增强海洋科技创新策源能力。 — the page stops after the title of a task whose text it
    # lost: a short sentence, where every other task has its text.
    title = len(_flat(last.requirement + last.measures))
    title_only = title <= 20 and all(
        len(_flat(i.requirement + i.measures)) >= max(24, 2 * title) for i in others
    )
    cut_prose = prose and (
        (unitless and (unended or unit_lines or cut_label or title_only))
        or ((subject_led or unclosed or heading_led) and mid_word)
    )
    # A table of one cell per line cut by content (stream.py), its last row ending mid-word
    # without the deadline every other row has: the page stopped inside that row.
    # So too a row of a table with one cell per line (its own header, not the paragraphs'
    # canonical one) short of the cells the rows above it had.
    cells = prose and [c["header"] for c in plan.columns] not in ([], _CANONICAL_HEADER)
    streamed = any(f.startswith(_STREAM_ROW) for f in last.flags)
    cut_stream = mid_word and ((undated and streamed) or (short and cells))
    if cut_prose or (cut_cell and (undated or short or unitless)) or cut_stream:
        plan.items = others
        plan.warnings.append(CUT_WARNING.format(n=last.number))
    elif _CUT_LABEL.match(simplify(lines[-1])):
        # …牵头单位:X / 配合单 — the page stops inside a label of the item's: what the label
        # gave (its support units, its deadline) is lost, the rest is there. Kept, told.
        last.flags.append(CUT_LABEL_FLAG.format(lines[-1]))
        plan.warnings.append(CUT_LABEL_WARNING.format(n=last.number, label=lines[-1]))
    return plan


# 配合单, 完成时, 牵头责任, 责任单位: — a label the page stops inside, or right after.
_CUT_LABEL = re.compile(
    r"^(?:牵头|配合|责任|协同|协办|主办|完成|时限|(?:部门|任务)?分工)[\u4e00-\u9fff]{0,4}\s*[:：]?\s*$"
)
CUT_LABEL_FLAG = (
    "原文在本项的“{}”处截断（页面不完整），本项的责任单位或完成时限可能不全，请对照原文补上"
)
CUT_LABEL_WARNING = (
    "原文在第{n}项的“{label}”处截断（页面不完整），该项已导入但可能不全，请对照原文补上"
)


def without_elided(plan: ParsedPlan) -> ParsedPlan:
    """``plan`` without the items a site's elision notice falls in: the words hidden there
    are the end of one task, the start of the next, or whole tasks (the plan's numbers then
    skip them, flagged), so what remains of such an item is no item."""
    kept = []
    for item in plan.items:
        text = simplify("".join((item.requirement, item.measures, item.units_text)))
        notice = _ELIDED.search(text)
        if notice:
            plan.warnings.append(ELIDED_WARNING.format(n=item.number, notice=notice.group()))
        else:
            kept.append(item)
    if kept:  # every item elided: they stay, each flagged, rather than an empty plan
        plan.items = kept
    else:
        for item in plan.items:
            item.flags.append("原文此项有一段被网页省略，内容不完整，请对照原文补上")
    return plan


def _flat(text: str) -> str:
    return _SPACE.sub("", simplify(text))


def _reaches_end(item, line: str) -> bool:
    """The text's last line (its last cell) ends with words of ``item``, not of footer lines
    after it."""
    cell = next((c for c in reversed(line.split("|")) if c.strip()), "")
    tail = _flat(cell)[-6:]
    fields = (item.requirement, item.measures, item.units_text, item.deadline_text, item.note)
    own = _flat("".join(fields))
    # …县教体局;责任单: the words after the last stop may have gone to another field.
    # …应急管理局、 — a list the page stops after a separator: its last name.
    words = [w for w in re.split(r"[，,。；;:：、]", _flat(cell)) if w]
    last_words = words[-1][-6:] if words else ""
    return bool(tail) and (tail in own or (len(last_words) >= 2 and last_words in own))


def _unclosed_bar_end(lines: list[str]) -> bool:
    """A table whose rows (or cells, one per line) are each closed by a |, but not the last."""
    barred = [line for line in lines[:-1] if "|" in line]
    return (
        len(barred) >= 3
        and all(line.endswith("|") for line in barred)
        and not (lines[-1].endswith("|"))
    )
