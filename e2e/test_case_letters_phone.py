"""The staff case page at 390 px: the letter buttons (补正、延期、答复告知书 Word/PDF) stacked in a
narrow column, each label broken over several lines. They wrap onto as many rows as needed,
each button on one line and inside the screen; at 1280 px they still sit beside the heading."""

import datetime as dt
import os
import tempfile
from pathlib import Path

from e2e.phone import at_width
from gongkai.disclosure_requests.taxonomy import Outcome
from gongkai.testing import a_case, on_day

SHOTS = Path(os.environ.get("GONGKAI_SHOTS", tempfile.gettempdir())) / "gongkai-shots"
D = dt.date

# Each letter button: its box, the height of one line of its text, and the page's width.
BUTTONS = """() => [...document.querySelectorAll('.pagehead .actions a.button')].map(b => {
  const box = b.getBoundingClientRect();
  return {text: b.textContent.trim(), left: box.left, right: box.right, height: box.height,
          line: parseFloat(getComputedStyle(b).lineHeight) || 24,
          width: document.documentElement.clientWidth};
})"""


def _case_with_letters(cast):
    case = a_case(cast)
    with on_day(2022, 9, 30):
        case.request_supplement(by=cast.press, items="请写明文件名称", on=D(2022, 9, 30))
    with on_day(2022, 10, 12):
        case.receive_supplement(by=cast.press, text="文件名称", on=D(2022, 10, 10))
    with on_day(2022, 10, 28):
        case.extend(
            by=cast.press_head, workdays=15, reason="需检索档案", notified_on=D(2022, 10, 28)
        )
    with on_day(2022, 11, 10):
        case.reply(
            by=cast.press, outcome=Outcome.NOT_EXIST, text="经检索没有该信息", on=D(2022, 11, 10)
        )
    return case


def test_the_letter_buttons_wrap_readably_at_390_and_sit_in_a_row_at_1280(
    page, live_server, e2e_cast, login
):
    case = _case_with_letters(e2e_cast)
    login("xinwen")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        at_width(page, width)
        page.goto(f"{live_server.url}/staff/requests/{case.pk}/")
        page.screenshot(path=str(SHOTS / f"case-letters-{width}.png"), full_page=False)
        buttons = page.evaluate(BUTTONS)
        assert len(buttons) == 6, buttons  # 补正、延期、答复告知书, each in Word and PDF
        for b in buttons:
            assert b["height"] < 2 * b["line"] + 16, b  # one line of text, not a column of it
            assert 0 <= b["left"] and b["right"] <= b["width"], b  # inside the screen
