"""Issue 12's consultation story: the unit drafts a consultation; its notice goes through the
three reviews to the portal; two citizens comment (one on an article); after the closing day
the server refuses a late comment; every comment gets a disposition; the feedback note is
generated, reviewed and published; the public page links it and shows the consented comment
masked. The records the story leaves are asserted at the end."""

import datetime as dt
import os
from zoneinfo import ZoneInfo

import time_machine
from playwright.sync_api import expect

from gongkai.consultations.models import Comment, Consultation, Disposition
from gongkai.publications.models import DocumentStatus

SHANGHAI = ZoneInfo("Asia/Shanghai")
SHOTS = os.environ.get("GONGKAI_SCREENSHOTS")
TITLE = "广州市危险化学品储存安全管理办法"


def _at(month, day, hour=10):
    return time_machine.travel(dt.datetime(2022, month, day, hour, tzinfo=SHANGHAI), tick=True)


def _shoot(page, name):
    if SHOTS:
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def _as(page, login, username):
    page.context.clear_cookies()
    login(username)


def _review(page, login, live_server, document_pk):
    """一审, 二审, 三审 of a document on its staff page."""
    url = f"{live_server.url}/staff/publications/{document_pk}/"
    for username, done in (
        ("fagui_head", "已转二审"),
        ("baomi", "已转三审"),
        ("lingdao", "已签发"),
    ):
        _as(page, login, username)
        page.goto(url)
        page.get_by_label("审核意见").fill("同意")
        page.get_by_role(
            "button", name="签发并发布" if username == "lingdao" else "审核通过"
        ).click()
        expect(page.get_by_text(done)).to_be_visible()


def _comment(browser, url, text, article=None, consent=False):
    citizen = browser.new_page()
    citizen.goto(url)
    if article:
        citizen.get_by_label("针对条目").select_option(label=article)
    citizen.get_by_label("意见内容").fill(text)
    if consent:
        citizen.get_by_label("同意公开本意见").check()
    citizen.get_by_role("button", name="提交意见").click()
    return citizen


@_at(8, 29)
def test_a_consultation_from_draft_to_published_feedback(page, live_server, e2e_cast, login):
    _as(page, login, "fagui")
    page.goto(f"{live_server.url}/staff/consultations/new/")
    page.get_by_label("草案名称").fill(TITLE)
    page.get_by_label("草案类型").select_option(label="行政规范性文件")
    page.get_by_label("与市场主体生产经营活动密切相关").check()
    page.get_by_label("开始日期").fill("2022-09-01")
    page.get_by_label("截止日期").fill("2022-09-20")
    page.get_by_label("起草说明").fill("依据安全生产法起草。")
    page.get_by_label("征求意见稿").fill(
        "第一条 为加强危险化学品储存安全管理，制定本办法。\n第二条 储存单位应当建立台账。"
    )
    page.get_by_role("button", name="保存").click()
    closing = page.locator(".field.has-error", has=page.locator("#id_closes_on"))
    expect(closing.locator(".error")).to_contain_text("不少于30日")  # 19 days, no reason
    page.get_by_label("缩短期限的理由").fill("落实国务院安委会专项整治要求，须于9月底前印发。")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("已起草")
    consultation = Consultation.objects.get()
    page.goto(f"{live_server.url}/staff/publications/{consultation.document_id}/")
    page.get_by_role("button", name="提交一审（处室负责人）").click()
    expect(page.get_by_text("已提交一审")).to_be_visible()
    _review(page, login, live_server, consultation.document_id)

    public = f"{live_server.url}/hudong/consultations/{consultation.pk}/"
    with _at(9, 5):
        first = _comment(
            page.context.browser, public, "台账应保存三年，电话13912345678", "第二条", True
        )
        expect(first.locator("#receipt")).to_contain_text("意见已提交")
        _shoot(first, "consultation-page")
        _comment(page.context.browser, public, "建议增加储存场所的消防要求。")
    with _at(9, 21, 8):
        late = page.context.browser.new_page()
        late.goto(public)
        expect(late.get_by_role("button", name="提交意见")).to_have_count(0)
        expect(late.locator("body")).to_contain_text("已于2022年9月20日24时截止")

        _as(page, login, "fagui")
        page.goto(f"{live_server.url}/staff/consultations/{consultation.pk}/")
        for comment, verdict, reason in (
            (Comment.objects.get(article__label="第二条"), "采纳", ""),
            (Comment.objects.get(article=None), "不予采纳", "消防要求已由消防法规规定。"),
        ):
            step = page.locator("details.step", has=page.locator("summary", has_text="处理意见"))
            step.locator("summary").click()
            step.get_by_label(comment.number, exact=False).check()
            step.get_by_label("处理结果").select_option(label=verdict)
            step.get_by_role("textbox", name="理由").fill(reason)
            step.get_by_role("button", name="保存处理结果").click()
            expect(page.locator(".messages")).to_contain_text("已保存处理结果")
        _shoot(page, "consultation-staff")
        page.get_by_role("button", name="生成意见采纳情况反馈").click()
        expect(page.get_by_text("已生成意见采纳情况反馈草稿")).to_be_visible()
        consultation.refresh_from_db()
        page.get_by_role("button", name="提交一审（处室负责人）").click()
        _review(page, login, live_server, consultation.feedback_id)

    with _at(9, 22):
        page.goto(public)
        expect(
            page.get_by_role("link", name=f"关于《{TITLE}》公开征求意见采纳情况的说明")
        ).to_be_visible()
        expect(page.locator("body")).to_contain_text("台账应保存三年")
        assert "13912345678" not in page.content()
        _shoot(page, "consultation-concluded")

    consultation.refresh_from_db()
    assert consultation.concluded_at is not None
    assert consultation.feedback.status == DocumentStatus.PUBLISHED
    assert "消防要求已由消防法规规定" in consultation.feedback.body
    assert consultation.shortening_reason in consultation.document.body
    comments = Comment.objects.order_by("pk")
    assert [c.disposition for c in comments] == [Disposition.ADOPTED, Disposition.NOT_ADOPTED]
    assert [c.sent_on for c in comments] == [dt.date(2022, 9, 5)] * 2
    assert comments[0].publish_consent and not comments[1].publish_consent
