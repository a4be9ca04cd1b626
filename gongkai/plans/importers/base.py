"""What every plan importer returns, whatever the file format."""

from dataclasses import dataclass, field
from datetime import date

from gongkai.lib.office import BROKEN

MAX_FILE_BYTES = 5 * 1024 * 1024


class PlanImportError(Exception):
    """The file cannot be read as a plan; str() is a message fit to show the user."""


class PlanColumnsUnclear(PlanImportError):
    """A table whose columns could not be told apart: the user maps them, then it is parsed."""

    def __init__(self, columns: list[dict]):
        super().__init__(
            "未能判断表格各列的含义，请为每一列选择对应内容（工作任务、责任单位、完成时限等）后再识别。"
        )
        self.columns = columns


@dataclass
class ParsedItem:
    """One numbered requirement (工作任务) of a yearly implementation plan."""

    number: int
    section: str = ""
    subsection: str = ""
    requirement: str = ""
    measures: str = ""
    deadline_text: str = ""
    due_date: date | None = None
    ongoing: bool = False
    lead_units: list[str] = field(default_factory=list)
    support_units: list[str] = field(default_factory=list)
    units_text: str = ""
    flags: list[str] = field(default_factory=list)
    note: str = ""
    # Filled by the matching step (plans.unit_matching), not the parser: name → unit id,
    # [ids] for a collective, or None for a name no unit answers to.
    unit_matches: dict[str, int | list[int] | None] = field(default_factory=dict)

    @property
    def names_units(self) -> bool:
        """The task names a unit (read, or as written), whatever its role."""
        return bool(self.units_text or self.lead_units or self.support_units)

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "section": self.section,
            "subsection": self.subsection,
            "requirement": self.requirement,
            "measures": self.measures,
            "deadline_text": self.deadline_text,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "ongoing": self.ongoing,
            "lead_units": list(self.lead_units),
            "support_units": list(self.support_units),
            "unit_matches": dict(self.unit_matches),
            "units_text": self.units_text,
            "flags": list(self.flags),
            "note": self.note,
        }


# How the tasks' numbers were given (ParsedPlan.numbering; items._number_items says why in a
# warning): as the plan prints them; 1…N in page order because the plan numbers none, or
# because paragraphs were split at their units brackets; or the plan's own numbers (restarting
# in each part, repeated, or not task numbers at all) replaced by 1…N.
OWN_NUMBERS = ""
NUMBERED_IN_ORDER = "in_order"
SPLIT_IN_ORDER = "split_in_order"
RENUMBERED = "renumbered"


@dataclass
class ParsedPlan:
    """A whole plan (工作实施方案): its title, year, requirements and import warnings."""

    title: str
    year: int
    items: list[ParsedItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The table's columns as read: [{"header", "role", "sample", "unclear"}]; unclear when
    # some column's role was guessed from its content and the user should confirm it.
    columns: list[dict] = field(default_factory=list)
    columns_unclear: bool = False
    numbering: str = OWN_NUMBERS  # see OWN_NUMBERS above

    @property
    def numbered_in_order(self) -> bool:
        """The reader gave the numbers 1…N itself (按出现顺序), whatever the reason."""
        return self.numbering != OWN_NUMBERS

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "year": self.year,
            "count": len(self.items),
            "items": [item.to_json() for item in self.items],
        }


def naming_left_out(warning: str, items: list[ParsedItem]) -> str:
    """A warning that paragraphs were left out, naming each by its first words (the first ten),
    so the user finds them on the page."""
    named = "、".join(f"“{item.requirement[:16]}…”" for item in items[:10])
    more = f"等{len(items)}段" if len(items) > 10 else ""
    return f"{warning}。未导入的段落：{named}{more}"


def check_size(data: bytes) -> None:
    if not data or not data.strip():
        raise PlanImportError("文件内容为空，请选择填写好的工作实施方案。")
    if len(data) > MAX_FILE_BYTES:
        raise PlanImportError("文件超过5MB，请删去图片等无关内容或拆分后再上传。")


def office_file_error(exc: Exception, program: str, suffix: str) -> PlanImportError:
    """The error a Word or Excel file that will not open gives: what the office reader says
    (too large, encrypted …) as it is, and a broken file told to be saved again as ``suffix``."""
    if str(exc) != BROKEN:
        return PlanImportError(f"{exc}。")
    return PlanImportError(
        f"无法打开该{program}文件，文件可能已损坏或不是.{suffix}格式，"
        f"请用{program}/WPS另存为.{suffix}后再上传。"
    )
