"""Probe 12 A10: every text colour of the site's palette on the background it is used on reads
at 4.5:1 or more (WCAG 1.4.3, GB/T 37668) — .warning / .tag.warn text was 4.30:1 (#b25e00 on
#fff4e5), .tag.ok 4.46:1; the receipt's "请记下申请编号和查询码" is a .warning."""

import re
from pathlib import Path

import pytest

from gongkai import settings

CSS = (Path(settings.BASE_DIR) / "static" / "gongkai" / "site.css").read_text()


def _var(name: str) -> str:
    return re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", CSS).group(1)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _ratio(fg: str, bg: str) -> float:
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    "text, background, where",
    [
        ("warn", "#fff4e5", ".warning, .tag.warn"),
        ("ok", "#e8f3ea", ".messages li, .tag.ok"),
        ("bad", "#fdecea", ".errorlist, .tag.bad"),
        ("muted", "bg", ".muted on the page"),
        ("link", "#ffffff", "a link on a card"),
        ("ink", "bg", "body text"),
    ],
)
def test_each_text_colour_reads_at_4_5_to_1_on_its_background(text, background, where):
    bg = _var(background) if not background.startswith("#") else background
    assert _ratio(_var(text), bg) >= 4.5, where
    # the colour is really used there (the test follows the stylesheet)
    assert f"background: {bg}" in CSS or background in ("bg", "#ffffff")
