"""What the tests of real plan layouts share (test_import_real_layouts*.py): a small plan
typed line by line, as a web page captured as text gives it, parsed; what its items say."""

from gongkai.plans.importers import ParsedPlan, parse_plan_text

# Text that makes a paragraph long without adding any marker (line breaks are restored, and
# run-on rows read, only in long text).
LONG = "坚持问题导向，细化工作措施，压实工作责任，确保各项工作落到实处" * 10


def lines(*lines: str) -> str:
    """The lines of a plan, as one text."""
    return "\n".join(lines)


def parse(*plan_lines: str, year: int = 2023) -> ParsedPlan:
    """The plan typed line by line, parsed as a plan of ``year``."""
    return parse_plan_text(lines(*plan_lines), year)


def read(plan: ParsedPlan, *fields: str) -> list[tuple]:
    """What each item says for ``fields`` ("number", "lead_units", …), in the plan's order."""
    return [tuple(getattr(item, name) for name in fields) for item in plan.items]


def units(item) -> tuple[list[str], list[str]]:
    """(lead units, support units) of a parsed item, as the plan writes them."""
    return item.lead_units, item.support_units


def crawled_page(title: str, *paragraphs: str) -> tuple[str, str, str]:
    """A crawler's capture of a plan's web page: its title line, the body's marker, then every
    paragraph run into one line, as a page whose line breaks were lost gives it."""
    return (f"标题: {title}", "==== 正文 ====", " ".join(paragraphs))
