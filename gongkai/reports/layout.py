"""The official table layouts as grids of cells with spans, shared by the .docx and HTML output.

A grid is a list of rows; a cell is (text, colspan, rowspan, is_header); a cell covered by an
earlier span is left out, as in HTML.
"""

from __future__ import annotations

Cell = tuple[str, int, int, bool]
CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _fmt(value) -> str:
    return "" if value is None else str(value)


def applications_grid(table: dict) -> list[list[Cell]]:
    """Table 三: three label columns, seven numbers; groups 三/（三）–（六） span their rows."""
    grid: list[list[Cell]] = [
        [(CHECK_NOTE, 3, 3, True), ("申请人情况", 7, 1, True)],
        [("自然人", 1, 2, True), ("法人或其他组织", 5, 1, True), ("总计", 1, 2, True)],
        [(c, 1, 1, True) for c in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]],
    ]
    rows = table["rows"]
    result_rows = [
        r
        for r in rows
        if r["values"] is not None and r["key"] not in ("new", "carried_in", "carried_out")
    ]
    first_result = True
    i = 0
    while i < len(rows):
        row = rows[i]
        numbers = [(_fmt(v), 1, 1, False) for v in (row["values"] or [])]
        if row["key"] in ("new", "carried_in", "carried_out"):
            grid.append([(row["label"], 3, 1, False), *numbers])
        elif row["values"] is None and row["key"] == "3" and row["label"].startswith("三"):
            i += 1
            continue  # the 三 group cell is emitted with the first result row
        elif row["values"] is None:  # （三）–（六） group: label cell spanning its items
            items = []
            j = i + 1
            while j < len(rows) and rows[j]["key"].startswith(row["key"] + "."):
                items.append(rows[j])
                j += 1
            for n, item in enumerate(items):
                cells = [(_fmt(v), 1, 1, False) for v in item["values"]]
                lead = [(row["label"], 1, len(items), False)] if n == 0 else []
                grid.append(
                    [
                        *_group_three(first_result, len(result_rows)),
                        *lead,
                        (item["label"], 1, 1, False),
                        *cells,
                    ]
                )
                first_result = False
            i = j
            continue
        else:  # （一）, （二）, （七）总计: label across the two inner columns
            grid.append(
                [
                    *_group_three(first_result, len(result_rows)),
                    (row["label"], 2, 1, False),
                    *numbers,
                ]
            )
            first_result = False
        i += 1
    return grid


def _group_three(first: bool, span: int) -> list[Cell]:
    return [("三、本年度办理结果", 1, span, False)] if first else []


def review_litigation_grid(table: dict) -> list[list[Cell]]:
    """Table 四: 行政复议 (5) and 行政诉讼 (10) in one data row."""
    five = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        [("行政复议", 5, 1, True), ("行政诉讼", 10, 1, True)],
        [
            *[(c, 1, 2, True) for c in five],
            ("未经复议直接起诉", 5, 1, True),
            ("复议后起诉", 5, 1, True),
        ],
        [(c, 1, 1, True) for c in five * 2],
        [(_fmt(v), 1, 1, False) for v in table["values"]],
    ]


def proactive_grid(table: dict) -> list[list[Cell]]:
    """Table 二: four blocks, each a caption across the table, a header row and its rows."""
    grid: list[list[Cell]] = []
    for block in table["blocks"]:
        width = 4
        grid.append([(block["caption"], width, 1, True)])
        header = block["columns"]
        spans = [1] * len(header) if len(header) == width else [1, width - 1]
        grid.append([(h, s, 1, True) for h, s in zip(header, spans, strict=True)])
        for row in block["rows"]:
            values = row["values"]
            spans = [1] * len(values) if len(values) == width - 1 else [width - 1]
            grid.append(
                [
                    (row["label"], 1, 1, False),
                    *[(_fmt(v), s, 1, False) for v, s in zip(values, spans, strict=True)],
                ]
            )
    return grid


def width(grid: list[list[Cell]]) -> int:
    return sum(cell[1] for cell in grid[-1]) if grid else 0
