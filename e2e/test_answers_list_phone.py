"""The staff Q&A list (政策问答库) at 390 px: the 问题 column was squeezed to a few characters
a line beside 责任单位, 主题, 状态 and 最近核对. On a phone each entry reads as a card, its
question across the screen; at 1280 px it is still a table with its header."""

import os
import tempfile
from pathlib import Path

from e2e.phone import at_width

SHOTS = Path(os.environ.get("GONGKAI_SHOTS", tempfile.gettempdir())) / "gongkai-shots"
QUESTION = "申请政府信息公开时一个月内申请了几十件，超过多少件会按件收取信息处理费，标准是多少"

# The question cell's box, the page's width and whether the header row shows.
MEASURE = """() => {
  const link = [...document.querySelectorAll('table a')]
    .find(a => a.textContent.includes('一个月'));
  const cell = link.closest('td').getBoundingClientRect();
  const head = document.querySelector('table thead');
  return {width: cell.width, right: cell.right, page: document.documentElement.clientWidth,
          scroll: document.documentElement.scrollWidth,
          header: getComputedStyle(head).display !== 'none'};
}"""


def test_the_question_reads_across_a_phone_and_the_table_stays_wide(
    page, live_server, e2e_cast, login
):
    from gongkai.answers.models import Entry

    Entry.objects.create(
        question=QUESTION,
        answer="按件收取信息处理费。",
        unit=e2e_cast.units["新闻处"],
        topics="信息处理费、依申请公开",
        created_by=e2e_cast.press,
    )
    login("xinwen")
    SHOTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for width in (390, 1280):
        at_width(page, width)
        page.goto(f"{live_server.url}/staff/answers/")
        page.screenshot(path=str(SHOTS / f"answers-list-{width}.png"), full_page=True)
        found[width] = page.evaluate(MEASURE)
    phone, wide = found[390], found[1280]
    assert phone["width"] >= 0.8 * phone["page"], phone  # the question across the screen
    assert phone["right"] <= phone["page"] and phone["scroll"] <= phone["page"], phone
    assert not phone["header"], phone  # each cell labelled instead
    assert wide["header"] and wide["width"] < 0.8 * wide["page"], wide
    assert Entry.objects.get().question == QUESTION
