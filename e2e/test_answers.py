"""政策问答, the issue's story in Chromium: a citizen asks three colloquial questions and gets
the right article quoted for each, and a fourth, off-topic, is refused politely; the press
office sees that unanswered question and writes an entry from it, the head approves, and the
same question now gets the entry. Screenshots of the page at 390 px and 1280 px."""

import os
import tempfile
from pathlib import Path

from django.urls import reverse

SHOTS = Path(os.environ.get("GONGKAI_SHOTS", tempfile.gettempdir())) / "gongkai-shots"
QUESTIONS = [
    ("我一个月申请了几十件，要交多少钱", "第四条", "100元"),
    ("复印两百多页的材料怎么收费", "第五条", "10元/页"),
    ("申请交上去了，多久能给我答复", "第三十三条", "20个工作日"),
]
OFF_TOPIC = "我的养老金什么时候发"


def _ask(page, url, question):
    page.goto(url)
    page.get_by_label("您的问题").fill(question)
    page.get_by_role("button", name="提问").click()
    page.wait_for_load_state()


def _sign_in(page, base, username):
    from gongkai.testing import TEST_PASSWORD

    page.goto(f"{base}/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/staff/")


def test_a_citizen_asks_and_an_unanswered_question_becomes_an_entry(
    e2e_cast, page, browser, live_server
):
    from gongkai.answers.models import AskedQuestion, Entry

    cast = e2e_cast
    _publish_laws(cast)
    url = live_server.url + reverse("answers_public:ask")

    SHOTS.mkdir(parents=True, exist_ok=True)
    for number, (question, article, words) in enumerate(QUESTIONS):
        _ask(page, url, question)
        best = page.locator(".qa-best")
        assert article in best.inner_text() and words in best.inner_text()
        if number == 0:
            for width in (390, 1280):
                page.set_viewport_size({"width": width, "height": 900})
                page.screenshot(path=str(SHOTS / f"qa-{width}.png"), full_page=True)
    _ask(page, url, OFF_TOPIC)
    refusal = page.locator(".qa-refusal").inner_text()
    assert "暂时无法答复" in refusal and "12345" in refusal
    asked = AskedQuestion.objects.get(text=OFF_TOPIC)
    assert asked.outcome == "refused" and asked.entry is None
    assert AskedQuestion.objects.filter(outcome="answered").count() == 3

    staff = browser.new_page()
    _sign_in(staff, live_server.url, cast.press.username)
    staff.goto(live_server.url + reverse("answers:unanswered"))
    staff.get_by_role("row", name=OFF_TOPIC).get_by_role("link", name="据此新建条目").click()
    assert staff.get_by_label("问题").input_value() == OFF_TOPIC
    staff.locator("#id_answer").fill(
        "养老金的发放不属于本局职责，由市人力资源和社会保障局负责。"
        "请向市人力资源和社会保障局咨询，或拨打12345政务服务便民热线。"
    )
    staff.locator("#id_source1").select_option(label="中华人民共和国政府信息公开条例")
    staff.locator("#id_article1").fill("第三十六条")
    staff.get_by_role("button", name="保存草稿").click()
    staff.get_by_role("button", name="提交审核").click()
    entry = Entry.objects.get(from_question=asked)
    assert entry.status == "pending" and entry.submitted_by == cast.press

    head = browser.new_page()
    _sign_in(head, live_server.url, cast.press_head.username)
    head.goto(live_server.url + reverse("answers:entry_detail", args=[entry.pk]))
    head.get_by_role("button", name="审核通过并发布").click()
    head.wait_for_load_state()
    entry.refresh_from_db()
    assert (entry.status, entry.approved_by) == ("published", cast.press_head)
    asked.refresh_from_db()
    assert asked.entry == entry

    _ask(page, url, OFF_TOPIC)
    assert "市人力资源和社会保障局负责" in page.locator(".qa-best").inner_text()
    latest = AskedQuestion.objects.filter(text=OFF_TOPIC).order_by("-id").first()
    assert latest.outcome == "answered" and latest.best.entry == entry


def test_a_question_about_information_the_regulations_do_not_reach_is_sent_where_it_belongs(
    e2e_cast, page, live_server
):
    # It borrows our words (申请公开) for a party committee's minutes: refused, with where to go
    # and why (not a government body's information); the question is kept as refused.
    from gongkai.answers.models import AskedQuestion

    _publish_laws(e2e_cast)
    question = "区委常委会的会议纪要，我能按信息公开申请要吗"
    _ask(page, live_server.url + reverse("answers_public:ask"), question)
    refusal = page.locator(".qa-refusal").inner_text()
    assert "不由行政机关依《政府信息公开条例》公开" in refusal
    assert "党的有关工作机关" in refusal and "12345" in refusal
    assert page.locator(".qa-best").count() == 0
    asked = AskedQuestion.objects.get(text=question)
    assert asked.outcome == "refused" and asked.reason.endswith(
        "所问信息不由行政机关依政府信息公开条例公开"
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"qa-beyond-{width}.png"), full_page=True)


def _publish_laws(cast):
    """The 条例 and 109号 as the demo publishes them, split into articles."""
    from gongkai.answers import demo, index

    index.reindex_all()  # the index table outlives the rows of earlier live-server tests
    people = {"xinwen": cast.press, "xinwen_head": cast.press_head}
    people |= {"baomi": cast.reviewer, "lingdao": cast.leader}
    for filename, written, published in demo.LAWS:
        demo._publish_law(people, filename, *map(_date, (written, published)))


def _date(iso):
    import datetime as dt

    return dt.date.fromisoformat(iso)
