"""The report as HTML: the same grids, for the portal and the `--html` file."""

from django.template.loader import render_to_string
from django.utils.html import escape

from gongkai.reports import layout


def grids(data: dict) -> dict:
    t = data["tables"]
    return {
        "proactive": layout.proactive_grid(t["proactive"]),
        "applications": layout.applications_grid(t["applications"]),
        "review_litigation": layout.review_litigation_grid(t["review_litigation"]),
    }


def report_html(data: dict, *, standalone: bool = True) -> str:
    context = {"data": data, "grids": grids(data), "no_title": not standalone}
    body = render_to_string("reports/report_body.html", context)
    if not standalone:
        return body
    style = (
        "body{font-family:'Noto Serif CJK SC',serif;max-width:960px;margin:24px auto;"
        "line-height:1.7}"
        "table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid "
        "#333;padding:4px;text-align:center}"
        ".indent{text-indent:2em}h1{text-align:center}"
    )
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>'
        f"{escape(data['title'])}</title><style>{style}</style></head><body>{body}</body>"
        "</html>"
    )
