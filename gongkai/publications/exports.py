"""The clean-up campaign's result as a spreadsheet (item 12's evidence for the assessment)."""

import io

import openpyxl
from django.utils import timezone
from openpyxl.styles import Alignment, Font

from gongkai.lib.sheets import xlsx_append

HEADERS = [
    "序号",
    "发文单位",
    "文号",
    "名称",
    "索引号",
    "发布日期",
    "清理前有效性",
    "清理结果",
    "清理后有效性",
    "替代文件",
    "说明",
    "清理人",
    "清理时间",
]


def campaign_xlsx(campaign) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = f"{campaign.year}年清理"
    xlsx_append(sheet, [str(campaign)])
    done = campaign.completion()
    xlsx_append(sheet, [f"共{done['total']}件，已清理{done['done']}件（{done['percent']}%）"])
    xlsx_append(sheet, HEADERS)
    items = campaign.items.select_related("document", "unit", "decided_by", "document__replaced_by")
    for number, item in enumerate(items, start=1):
        d = item.document
        xlsx_append(
            sheet,
            [
                number,
                item.unit.name,
                d.doc_no,
                d.title,
                d.index_no,
                timezone.localtime(d.published_at).date().isoformat() if d.published_at else "",
                item.get_validity_before_display(),
                item.get_decision_display(),
                item.get_validity_after_display() if item.validity_after else "",
                str(d.replaced_by) if d.replaced_by_id else "",
                item.note,
                str(item.decided_by) if item.decided_by_id else "",
                timezone.localtime(item.decided_at).strftime("%Y-%m-%d %H:%M")
                if item.decided_at
                else "",
            ],
        )
    sheet["A1"].font = Font(bold=True, size=14)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for column, width in zip(
        "ABCDEFGHIJKLM", [6, 12, 24, 40, 26, 12, 12, 14, 12, 30, 30, 10, 16], strict=True
    ):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
