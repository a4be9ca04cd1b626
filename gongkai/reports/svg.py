"""Small server-rendered SVG charts: no JavaScript, no CDN, print well, readable on a phone."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#b4241b", "#1f5fbf", "#1a7f37", "#b25e00", "#6e40c9", "#646a73", "#0f7b8a"]


def bars(items: list[tuple[str, float]], *, unit: str = "", title: str = "") -> SafeString:
    """Horizontal bars, one per (label, value); the value is written at the bar's end."""
    if not items:
        return mark_safe('<p class="empty">暂无数据</p>')  # noqa: S308 — constant markup
    top = max(v for _, v in items) or 1
    row, label_w, bar_w = 26, 120, 300
    height = row * len(items) + 8
    parts = [
        f'<svg class="chart" viewBox="0 0 {label_w + bar_w + 90} {height}" role="img" '
        f'aria-label="{escape(title)}">'
    ]
    for i, (label, value) in enumerate(items):
        y = 4 + i * row
        w = max(1, value / top * bar_w) if value else 0
        text = f"{value:g}{unit}"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end" font-size="13">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
            f'fill="{PALETTE[0]}" rx="2"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 17}" font-size="13">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped


def stacked_columns(
    categories: list[str], series: list[tuple[str, list[float]]], *, title: str = ""
) -> SafeString:
    """Columns per category (e.g. month), stacked by series (e.g. outcome), with a legend."""
    totals = [sum(values[i] for _, values in series) for i in range(len(categories))]
    if not any(totals):
        return mark_safe('<p class="empty">暂无数据</p>')  # noqa: S308
    top, plot_h, col_w, left = max(totals), 180, 34, 30
    width = left + col_w * len(categories) + 10
    legend_y = plot_h + 40
    parts = [
        f'<svg class="chart" viewBox="0 0 {max(width, 420)} '
        f'{legend_y + 22 * ((len(series) + 2) // 3)}" role="img" '
        f'aria-label="{escape(title)}">'
    ]
    for i, category in enumerate(categories):
        x, y = left + i * col_w, plot_h + 10
        for s, (_, values) in enumerate(series):
            h = values[i] / top * plot_h
            y -= h
            if h:
                parts.append(
                    f'<rect x="{x + 4}" y="{y:.1f}" width="{col_w - 8}" height="{h:.1f}" '
                    f'fill="{PALETTE[s % len(PALETTE)]}"/>'
                )
        parts.append(
            f'<text x="{x + col_w / 2}" y="{plot_h + 26}" text-anchor="middle" '
            f'font-size="12">{escape(category)}</text>'
        )
        if totals[i]:
            parts.append(
                f'<text x="{x + col_w / 2}" y="{y - 3:.1f}" text-anchor="middle" '
                f'font-size="11">{totals[i]:g}</text>'
            )
    for s, (name, _) in enumerate(series):
        x, y = 10 + (s % 3) * 140, legend_y + 22 * (s // 3)
        parts.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{PALETTE[s % len(PALETTE)]}"/>'
            f'<text x="{x + 18}" y="{y + 11}" font-size="12">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped
