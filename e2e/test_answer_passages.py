"""导入段落 in Chromium (probe 7 F5): the press office's import of a line with personal data is
refused by line and leaves nothing; a clean passage waits for the head, answers nobody until he
approves it on the page, then answers (as 以下内容, not 以下规定); withdrawn, it answers no more.
Screenshots of the list and the detail at 390 px and 1280 px."""

import json
import os
import tempfile
from pathlib import Path

from django.urls import reverse

from e2e.test_answers import _ask, _publish_laws, _sign_in

SHOTS = Path(os.environ.get("GONGKAI_SHOTS", tempfile.gettempdir())) / "gongkai-shots"
QUESTION = "被约谈以后要写整改材料吗"
PERSONAL = {
    "id": "probe7-p2",
    "title": "夜间施工投诉处理",
    "text": "夜间施工噪声投诉由张三负责受理，手机13912345678。",
}
CLEAN = {
    "id": "yuetan-3",
    "title": "安全生产约谈后的整改",
    "text": "约谈应当制作约谈记录，明确整改措施和整改时限，被约谈企业应当按时书面报告整改情况。",
    "source": "广州市应急管理局安全生产约谈办法",
    "asked": [QUESTION, "约谈完了企业还要交什么"],
}


def _import(page, base, record, tmp):
    path = Path(tmp) / f"{record['id']}.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    page.goto(base + reverse("answers:import"))
    page.get_by_label("JSON Lines 文件").set_input_files(str(path))
    page.get_by_role("button", name="导入").click()
    page.wait_for_load_state()


def test_an_imported_passage_answers_only_after_the_head_approves_it(
    e2e_cast, page, browser, live_server, tmp_path
):
    from gongkai.answers.models import Passage
    from gongkai.core.models import AuditEntry

    cast = e2e_cast
    _publish_laws(cast)
    base, ask = live_server.url, live_server.url + reverse("answers_public:ask")

    staff = browser.new_page()
    _sign_in(staff, base, cast.press.username)
    _import(staff, base, PERSONAL, tmp_path)
    errors = staff.locator(".errorlist").inner_text()
    assert "第1行：含有个人信息（正文：手机号码139****5678）" in errors
    assert not Passage.objects.filter(key="probe7-p2").exists()

    _import(staff, base, CLEAN, tmp_path)
    passage = Passage.objects.get(key="yuetan-3")
    assert (passage.status, passage.imported_by) == ("pending", cast.press)
    assert AuditEntry.objects.get(action="answer_import").data["passage_ids"] == [passage.pk]
    _ask(page, ask, QUESTION)
    assert "整改情况" not in page.locator("main").inner_text()  # not yet

    head = browser.new_page()
    _sign_in(head, base, cast.press_head.username)
    head.goto(base + reverse("answers:passage_list") + "?status=pending")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        head.set_viewport_size({"width": width, "height": 800})
        head.screenshot(path=str(SHOTS / f"qa-passages-{width}.png"), full_page=True)
    head.get_by_role("link", name="安全生产约谈后的整改").click()
    for width in (390, 1280):
        head.set_viewport_size({"width": width, "height": 800})
        head.screenshot(path=str(SHOTS / f"qa-passage-{width}.png"), full_page=True)
    head.get_by_label("审核意见").fill("核对约谈办法，同意")
    head.get_by_role("button", name="审核通过并用于答复").click()
    head.wait_for_load_state()
    passage.refresh_from_db()
    assert (passage.status, passage.approved_by) == ("live", cast.press_head)

    _ask(page, ask, QUESTION)
    best = page.locator(".qa-best").inner_text()
    assert "整改情况" in best and "以下内容与您的问题最相关" in best
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"qa-imported-answer-{width}.png"), full_page=True)

    staff.goto(base + reverse("answers:passage_detail", args=[passage.pk]))
    staff.get_by_label("撤下理由").fill("整改要求已修订")
    staff.get_by_role("button", name="撤下").click()
    staff.wait_for_load_state()
    passage.refresh_from_db()
    assert (passage.status, passage.withdrawn_reason) == ("withdrawn", "整改要求已修订")
    row = AuditEntry.objects.get(action="answer_passage.withdraw")
    assert (row.actor, row.data["key"]) == (cast.press, "yuetan-3")
    _ask(page, ask, QUESTION)
    assert "整改情况" not in page.locator("main").inner_text()
