"""What the tests of real plan layouts share (test_import_real_layouts*.py): a small plan
typed line by line, as a web page captured as text gives it, and an item's units."""


def lines(*lines: str) -> str:
    """The lines of a plan, as one text."""
    return "\n".join(lines)


def units(item) -> tuple[list[str], list[str]]:
    """(lead units, support units) of a parsed item, as the plan writes them."""
    return item.lead_units, item.support_units
