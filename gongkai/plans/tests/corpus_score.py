"""Plans of other bodies (tests/corpus/) against their expected parse, typed by hand.

Each plan is a text/HTML file, or a .json spec of a Word or Excel table built here with
python-docx / openpyxl (merged cells included), next to ``<name>.expected.json``. An item is
right when its number, section, lead and support units (as written), due date and ongoing
all match; a wrong item must carry a flag, never be silently wrong. A task the import did not
produce at all is flagged when the import's warnings name it — its number (原文在第4项中途截断,
编号为5、6的段落…) or, where the expectation gives it, its text — since the user is told of it
(``told``); silently wrong otherwise. Both figures are reported: ``silent`` counts a told missing
task as flagged, ``silent_strict`` as silent (the scorer's rule until round 15).

Conventions every expectation follows (where collectors differed, the plan's page decides):

- Section: the part of the plan the task stands in, as the page writes it — a heading of its
  own (a line, or a table row spanning the table: 一、…, or an unnumbered part label in a plan
  whose parts are such rows), or a group cell written as a part heading (一、…; （一）… when the
  page has no 一、). A group cell beside its tasks that is not written so — unnumbered, or
  numbered only by the table's 序号 column (1, 2 … over a merged 工作任务 cell, the tasks under it
  numbered apart), repeated on each row or merged over them, in a table with cells or a table
  run into one line — is the tasks' 工作任务 (the item's subsection, 分项, as the seed's （一）
  cells are), and the section is the part heading above the table, or "" when none stands
  there (an annex's table is not under the last part of the notice before it). "" also for a
  task the page shows no heading above. A part that holds one task (一、title, then one paragraph
  closed by its units) is that task's section, as a part of several tasks is theirs.
- Units: as the plan writes them, in simplified characters: the importer reads traditional
  text in simplified characters (the unit directory's script), so a traditional plan's
  expectation writes 市政务服务数据管理局 for 市政務服務數據管理局 (the scorer compares units
  in simplified characters either way). Sections are compared as printed, less a mirror
  site's pinyin ruby after characters (構(gòu)建 -> 構建, 一(yī)、 -> 一、): an annotation the
  copy added, not the part's title, which is what the ledger shows. So is a part numeral a
  page garbled into a dash (―、 for 一、, before the plan's 二、): compared as 一、.
- Two units columns: 牵头单位 | 配合单位 — the first leads, the second helps; a row whose 牵头
  cell is empty is led by the other column's units when its header names them responsible
  too (配合/责任单位: 责任 with no 牵头), and has no lead (flagged) when it says 配合 only.
- Numbers: the task's number as printed, unless the plan restarts its numbers (1. 2. under each
  （一）, or after a part): a task number is unique in a plan (the model's constraint), so such a
  plan's tasks are numbered in order through it, as the importer does and warns.
- Collectives as written: a bracket closing a collective is part of its name (各乡镇(街道),
  各乡镇<街道>, 各镇(街)); one closing an office's name is its alias (X（Y） -> X), and so is
  one closing a collective that ends on a body's name or an office's kind (各乡镇人民政府
  （街道办事处）, 各县市区人民政府(管委会), 厅机关各处(室) -> the name before the bracket).
  A 各 that covers a bare kind joined by 和 is one collective (各处室和单位,
  辖区内各司法所和派出所); a name with its own place after the 和 is a unit of its own
  (各村和区农业农村局: two).
- Deadlines: a deadline the plan states is its date (年底前 or 年内完成 in a task's text, or a
  target year it commits to, 确保2023年…实现: that year's end, flagged as taken from the
  text; so is 到YYYY年 when YYYY is the plan's year, 到2023年，实现…全覆盖 in a 2023 plan, while
  a later year's, 到2025年…达到…, is a goal; so is a clause opening on the plan's year and
  the target reached in it, …，2020年…达到50%); a part of a month is its last day (10月中旬:
  the 20th; 7月初 or 上旬: the 10th), flagged; an ambiguous one (M月前) is the last day before
  month M begins, flagged; none is left empty and flagged, never guessed; a goal, a frequency
  or a span in a task's text (年内实现…目标, 年内…不少于1次, 3年内) is no deadline. A group
  cell opening on a deadline (a timetable's stage, 一季度前，… merged over its tasks) is the
  deadline of its tasks that state none, flagged; a stage's X季度前 is that quarter's end
  (四季度前，完成全年任务).
- Stages: a timetable (四、工作步骤 （一）核查核实阶段（2019年11月底前）。各村要…) whose stages open
  their sentences on who does them holds tasks: each of its stages is one (a stage naming no unit
  has none, flagged), led by the units its sentence opens on, due at the end of the stage's time,
  flagged; unless tasks naming their units follow it, whose outline the stages then are.
- Ongoing: a task the plan calls ongoing (常态化, 长期坚持, 持续推进 or 动态更新 as its deadline) is
  ongoing; so is one whose deadline is a frequency (每月, 每季度, 每年, 定期 as the 完成时限, the
  seed's 贯穿全年 in other words: the work recurs all year). Either is due at the plan year's
  end when it names no date of its own (the year's ledger closes it; 133 items are so, 8 left
  the date empty), at its own (last) date when it names one: 每季度（9月18日、12月18日） is
  ongoing, due 12月18日.
- Sections end as printed: a part title that closes with 。 on the page keeps it.
"""

import io
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import docx
import openpyxl

from gongkai.lib.deadline_text import simplify
from gongkai.plans.importers import parse_plan_file

CORPUS = Path(__file__).parent / "corpus"
# Real plans of other bodies sit beside it: real_dev, real_dev2, real_heldout2, real_heldout3
# (see test_import_real_plans.py).
# Files beside a plan that are not the plan: its expected parse and where it came from.
_NOT_THE_PLAN = (".expected.json", ".source")
CHECKED = ("n", "section", "lead", "support", "due", "ongoing")


def office_file(spec: dict) -> bytes:
    """A .docx or .xlsx holding ``spec``'s paragraphs and table, with its merged cells."""
    rows, merges = spec["rows"], spec.get("merges", [])
    buffer = io.BytesIO()
    if spec["format"] == "docx":
        document = docx.Document()
        for line in spec.get("before", []):
            document.add_paragraph(line)
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        for r0, c0, r1, c1 in merges:
            keep = table.cell(r0, c0).text
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    table.cell(r, c).text = ""
            table.cell(r0, c0).merge(table.cell(r1, c1)).text = keep
        document.save(buffer)
    else:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        for line in spec.get("before", []):
            sheet.append([line])
        top = len(spec.get("before", []))
        for row in rows:
            sheet.append([int(v) if v.isdigit() else (v or None) for v in row])
        for r0, c0, r1, c1 in merges:
            sheet.merge_cells(
                start_row=top + r0 + 1, start_column=c0 + 1, end_row=top + r1 + 1, end_column=c1 + 1
            )
        workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class PlanScore:
    name: str
    layout: str
    total: int
    right: int = 0
    silent: list[int] = field(default_factory=list)  # wrong and not flagged
    told: list[int] = field(default_factory=list)  # not produced, named by a warning
    wrong: list[str] = field(default_factory=list)  # what differed, for a failing test
    seconds: float = 0.0
    error: str = ""

    @property
    def silent_strict(self) -> list[int]:
        """Silently wrong when a missing task the warnings name counts as silent too."""
        return sorted(self.silent + self.told)


# How a warning names a task: 第4项, 编号为5、6的段落, 编号“7.”, 原文任务序号不连续，缺少：2、3.
_NAMED_NUMBERS = re.compile(
    r"第(\d+)项|编号为?((?:\d+、)*\d+)|“(\d+)[.、．]”|序号不连续，缺少[:：]((?:\d+、)*\d+)"
)


def _told(want: dict, warnings: list[str]) -> bool:
    """The import's warnings name the task ``want`` (its number, or the text it expects)."""
    named = set()
    for warning in warnings:
        for match in _NAMED_NUMBERS.finditer(warning):
            named.update(int(n) for n in re.findall(r"\d+", match.group(0)))
    text = want.get("text", "")[:12]
    return want["n"] in named or bool(text and any(text in w for w in warnings))


def plans(directory: Path = CORPUS) -> list[tuple[str, bytes, str, dict]]:
    """(name, file bytes, file name, expected) for every plan in ``directory``."""
    found = []
    for expected_path in sorted(directory.glob("*.expected.json")):
        stem = expected_path.name.removesuffix(".expected.json")
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        source = next(
            p
            for p in sorted(directory.glob(f"{stem}.*"))
            if p.name[len(stem) :] and not p.name.endswith(_NOT_THE_PLAN)
        )
        if source.suffix == ".json":
            spec = json.loads(source.read_text(encoding="utf-8"))
            data, filename = office_file(spec), f"{stem}.{spec['format']}"
        else:
            data, filename = source.read_bytes(), source.name
        found.append((stem, data, filename, expected))
    return found


def _same_script(expected: dict) -> dict:
    """Units in simplified characters: collectors differ on whether a traditional-character
    plan's units are written as printed (區編辦) or simplified (区编办, what the importer
    gives, to match the unit directory); the name is the same either way. Sections are
    compared as written."""
    return {
        **expected,
        "lead": [simplify(u) for u in expected["lead"]],
        "support": [simplify(u) for u in expected["support"]],
    }


def as_expected(item) -> dict:
    return {
        "n": item.number,
        "section": item.section,
        "lead": item.lead_units,
        "support": item.support_units,
        "due": item.due_date.isoformat() if item.due_date else None,
        "ongoing": item.ongoing,
    }


def score(name: str, data: bytes, filename: str, expected: dict, parse=None) -> PlanScore:
    parse = parse or (lambda: parse_plan_file(data, filename, expected["year"]))
    result = PlanScore(name, expected["layout"], len(expected["items"]))
    start = time.perf_counter()
    try:
        parsed = parse()
    except Exception as exc:  # noqa: BLE001 — a plan that does not parse scores 0
        result.error = str(exc)
        result.silent = []
        return result
    result.seconds = time.perf_counter() - start
    by_number = {}
    for item in parsed.items:
        by_number.setdefault(item.number, item)
    for want in expected["items"]:
        item = by_number.get(want["n"])
        got = as_expected(item) if item else None
        wanted = {key: want[key] for key in CHECKED}
        flagged = bool(item and item.flags)
        same = got is not None and _same_script(got) == _same_script(wanted)
        if same and (flagged or not want.get("flag")):
            result.right += 1
            continue
        result.wrong.append(f"{name} #{want['n']}: got {got}, want {wanted}")
        if item is None and _told(want, parsed.warnings):
            result.told.append(want["n"])
        elif not flagged:
            result.silent.append(want["n"])
    extra = len(parsed.items) - len(expected["items"])
    if extra > 0:
        result.wrong.append(f"{name}: {extra} items more than the plan has")
        result.right = max(0, result.right - extra)
    return result


def score_all(directory: Path = CORPUS) -> list[PlanScore]:
    return [score(*plan) for plan in plans(directory)]


def main(argv: list[str]) -> None:
    """Score a directory of plans (default the corpus): python -m …corpus_score [dir] [-v]."""
    verbose = "-v" in argv
    paths = [Path(a) for a in argv if a != "-v"] or [CORPUS]
    right = total = silent = strict = 0
    for directory in paths:
        for result in score_all(directory):
            right, total = right + result.right, total + result.total
            silent, strict = silent + len(result.silent), strict + len(result.silent_strict)
            quiet = f"  silently wrong: {result.silent}" if result.silent else ""
            told = f"  missing, warned: {result.told}" if result.told else ""
            error = f"  ERROR: {result.error}" if result.error else ""
            print(f"{result.name:34s} {result.right:3d}/{result.total:3d}{quiet}{told}{error}")
            if verbose:
                for line in result.wrong:
                    print("    " + line)
    print(
        f"{right}/{total} items right ({right / max(total, 1):.0%}); silently wrong {silent} "
        f"(a missing task the warnings name counted as flagged), {strict} (counted as silent)"
    )


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
