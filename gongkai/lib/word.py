"""Word (.docx) helpers shared by every writer of Word files (ledger reports, the annual
report, letters)."""

from __future__ import annotations


def set_font(target, name: str, size: float | None = None, *, bold: bool | None = None) -> None:
    """A run's or a style's font, the East Asian name included: Word shows Chinese in the
    w:eastAsia font and ignores the Latin name for it."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    target.font.name = name
    if size is not None:
        target.font.size = Pt(size)
    if bold is not None:
        target.font.bold = bold
    target.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
