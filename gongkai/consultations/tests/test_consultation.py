"""A consultation from draft to published feedback (participation.md §10), with the steps the
rules forbid: a short period without a public reason, comments after the closing time, a
feedback note while a comment has no disposition, a reason missing for 不予采纳."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from gongkai.consultations import services
from gongkai.consultations.models import Comment, Consultation, Disposition, Phase
from gongkai.core.errors import DomainError
from gongkai.publications.models import Category, Document, DocumentStatus
from gongkai.publications.text import body_text

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
DRAFT = """第一条 为加强危险化学品安全管理，制定本办法。
第二条 本办法适用于本市行政区域内危险化学品的储存。
第三条 储存单位应当建立安全管理制度。"""


def _on(year, month, day, hour=10):
    return time_machine.travel(dt.datetime(year, month, day, hour, tzinfo=SHANGHAI), tick=False)


def _draft(cast, **fields):
    values = {
        "draft_title": "广州市危险化学品储存安全管理办法",
        "draft_text": DRAFT,
        "explanation": "一、起草背景\n为落实安全生产法。\n二、主要内容\n共三条。",
        "decision_type": "normative",
        "affects_business": True,
        "opens_on": dt.date(2022, 9, 1),
        "closes_on": dt.date(2022, 10, 1),
        "channels": "传真：020-83100000",
        "category": Category.REGULATIONS_NORMATIVE_DOCS,
    }
    return services.create(by=cast.clerk, **{**values, **fields})


def _publish(cast, document):
    document.submit(by=cast.clerk)
    document.approve(by=cast.head)
    document.approve(by=cast.reviewer)
    document.approve(by=cast.leader)


def _feedback_published(cast, consultation, comment):
    """The comment adopted, the feedback note drafted and published through the chain."""
    with _on(2022, 10, 8):
        consultation.decide(by=cast.clerk, comments=[comment], disposition="adopted", reason="")
        feedback = consultation.draft_feedback(by=cast.clerk)
    with _on(2022, 10, 9):
        _publish(cast, feedback)
    feedback.refresh_from_db()
    return feedback


def _create_data(**overrides):
    """The create form's POST: a 30-day-short period for a decision of type 其他."""
    data = {
        "draft_title": "广州市危险化学品储存安全管理办法",
        "decision_type": "other",
        "opens_on": "2022-09-01",
        "closes_on": "2022-09-20",
        "explanation": "起草说明",
        "draft_text": DRAFT,
        "category": Category.REGULATIONS_NORMATIVE_DOCS,
    }
    return {**data, **overrides}


def _opened(cast, **fields):
    with _on(2022, 8, 30):
        consultation = _draft(cast, **fields)
        _publish(cast, consultation.document)
    consultation.refresh_from_db()
    return consultation


@pytest.mark.django_db
def test_a_period_shorter_than_its_kind_needs_a_reason_the_public_reads(cast):
    # 行政规范性文件 bearing on businesses: 30 days; 9/1 → 9/20 is 19.
    with _on(2022, 8, 30):
        with pytest.raises(DomainError, match="不少于30日"):
            _draft(cast, closes_on=dt.date(2022, 9, 20))
        assert not Consultation.objects.exists()
        c = _draft(cast, closes_on=dt.date(2022, 9, 20), shortening_reason="汛期前须出台")
    assert "汛期前须出台" in c.document.body


@pytest.mark.django_db
def test_a_normative_document_not_bearing_on_businesses_needs_seven_working_days(cast):
    # From Thursday 9/1: 9/2, 9/5–9/9, then 中秋节 Monday 9/12 off → the 7th working day is
    # Tuesday 9/13.
    with _on(2022, 8, 30):
        with pytest.raises(DomainError, match="2022年9月13日"):
            _draft(cast, affects_business=False, closes_on=dt.date(2022, 9, 12))
        assert _draft(cast, affects_business=False, closes_on=dt.date(2022, 9, 13)).pk


@pytest.mark.django_db
def test_publishing_the_notice_through_the_chain_opens_it_and_splits_the_articles(cast):
    with _on(2022, 8, 30):
        c = _draft(cast)
        assert c.phase() == Phase.DRAFT
        _publish(cast, c.document)
    c.refresh_from_db()
    assert c.opened_at is not None
    assert list(c.articles.values_list("label", flat=True)) == ["第一条", "第二条", "第三条"]
    with _on(2022, 8, 31):
        assert c.phase() == Phase.SCHEDULED
    with _on(2022, 9, 1):
        assert c.phase() == Phase.OPEN
    with _on(2022, 10, 1, hour=23):
        assert c.phase() == Phase.OPEN  # open until 24:00 of the closing day
    with _on(2022, 10, 2, hour=0):
        assert c.phase() == Phase.CLOSED


@pytest.mark.django_db
def test_a_notice_published_late_keeps_its_whole_period(cast):
    with _on(2022, 8, 30):
        c = _draft(cast)
    with _on(2022, 9, 5):
        _publish(cast, c.document)
    c.refresh_from_db()
    assert (c.opens_on, c.closes_on) == (dt.date(2022, 9, 5), dt.date(2022, 10, 5))


@pytest.mark.django_db
def test_the_public_comments_on_an_article_and_the_server_refuses_after_closing(client, cast):
    c = _opened(cast)
    url = reverse("consultations_public:page", args=[c.pk])
    article = c.articles.get(label="第三条")
    with _on(2022, 9, 10):
        response = client.post(
            url,
            {"article": article.pk, "text": "建议明确制度的内容。", "idempotency_key": "a"},
        )
    comment = Comment.objects.get()
    assert comment.article == article and comment.sent_on == dt.date(2022, 9, 10)
    assert comment.number in response.content.decode()
    with _on(2022, 10, 2, hour=8):
        late = client.post(url, {"text": "晚到的意见", "idempotency_key": "b"})
        assert "不再接受网上意见" in late.content.decode()
        assert "晚到的意见" in late.content.decode()  # shown back to copy, not lost
    assert Comment.objects.count() == 1


@pytest.mark.django_db
def test_a_post_comment_is_registered_with_its_postmark_inside_the_period(cast):
    c = _opened(cast)
    late = Comment(channel="post", sent_on=dt.date(2022, 10, 3), text="邮寄的意见")
    with _on(2022, 10, 8):
        with pytest.raises(DomainError, match="期限内"):
            c.register_comment(by=cast.clerk, comment=late)
        on_time = Comment(channel="post", sent_on=dt.date(2022, 9, 30), text="邮寄的意见")
        c.register_comment(by=cast.clerk, comment=on_time)
        with pytest.raises(DomainError, match="起草单位"):
            c.register_comment(
                by=cast.other_clerk,
                comment=Comment(channel="post", sent_on=dt.date(2022, 9, 30), text="x"),
            )
    assert list(Comment.objects.values_list("recorded_by", flat=True)) == [cast.clerk.pk]


def _comment(c, text, **fields):
    comment = Comment(consultation=c, text=text, sent_on=dt.date(2022, 9, 10), **fields)
    comment.save_numbered()
    return comment


@pytest.mark.django_db
def test_every_comment_gets_a_disposition_before_the_feedback_and_then_it_is_published(cast):
    c = _opened(cast)
    first = _comment(c, "第三条应明确台账要求", article=c.articles.get(label="第三条"))
    same = _comment(c, "第三条应明确台账要求")
    other = _comment(c, "建议取消储存限制", publish_consent=True)
    with _on(2022, 9, 20):
        with pytest.raises(DomainError, match="截止后"):
            c.decide(by=cast.clerk, comments=[first], disposition="adopted", reason="")
    with _on(2022, 10, 8):
        c.decide(by=cast.clerk, comments=[first, same], disposition="adopted", reason="")
        with pytest.raises(DomainError, match="理由"):
            c.decide(by=cast.clerk, comments=[other], disposition="not_adopted", reason=" ")
        with pytest.raises(DomainError, match="1条意见未作处理"):
            c.draft_feedback(by=cast.clerk)
        c.decide(
            by=cast.clerk,
            comments=[other],
            disposition=Disposition.NOT_ADOPTED,
            reason="储存限制系上位法规定",
        )
        feedback = c.draft_feedback(by=cast.clerk)
    assert feedback.status == DocumentStatus.DRAFT
    assert "采纳2条" in feedback.body and "不予采纳1条" in feedback.body
    assert "储存限制系上位法规定" in feedback.body and "2条相同意见" in feedback.body
    with _on(2022, 10, 9):
        _publish(cast, feedback)
    c.refresh_from_db()
    assert c.concluded_at is not None and c.phase() == Phase.CONCLUDED
    assert Comment.objects.get(pk=same.pk).answered_with_id == first.pk


@pytest.mark.django_db
def test_a_feedback_note_older_than_the_comments_is_neither_sent_nor_published(cast):
    c = _opened(cast)
    first = _comment(c, "建议增加检查频次")
    with _on(2022, 10, 8):
        c.decide(by=cast.clerk, comments=[first], disposition="adopted", reason="")
        feedback = c.draft_feedback(by=cast.clerk)
        # A letter postmarked within the period arrives after the note was generated.
        late = Comment(text="建议明确储存场所", sent_on=dt.date(2022, 9, 30), channel="post")
        c.register_comment(by=cast.clerk, comment=late)
        with pytest.raises(DomainError, match="1条意见未作处理"):
            feedback.submit(by=cast.clerk)
        c.decide(by=cast.clerk, comments=[late], disposition="adopted", reason="")
        with pytest.raises(DomainError, match="重新生成反馈"):
            feedback.submit(by=cast.clerk)
        c.draft_feedback(by=cast.clerk)
        feedback.refresh_from_db()
        feedback.submit(by=cast.clerk)
        feedback.approve(by=cast.head)
        feedback.approve(by=cast.reviewer)
        # A decision changed while the note is in review: the note may not be published.
        c.decide(by=cast.clerk, comments=[late], disposition="not_adopted", reason="已有规定")
        with pytest.raises(DomainError, match="重新生成反馈"):
            feedback.approve(by=cast.leader)
    feedback.refresh_from_db()
    assert feedback.status == DocumentStatus.REVIEW_3 and feedback.published_at is None
    assert "共收到意见2条" in feedback.body
    c.refresh_from_db()
    assert c.concluded_at is None


@pytest.mark.django_db
def test_a_letter_dated_in_the_future_is_refused_at_its_date(client, cast):
    """Probe finding 16: a letter comment dated 2026-12-20 (future) was registered. Here the
    period runs 2022-09-01 to 10-01, today is 09-10, the letter is dated 09-20."""
    c = _opened(cast)
    client.force_login(cast.clerk)
    data = {"channel": "post", "sent_on": "2022-09-20", "text": "邮寄的意见：建议明确储存场所"}
    with _on(2022, 9, 10):
        page = client.post(reverse("consultations:comment_register", args=[c.pk]), data)
        assert "提交日期不能晚于今天（2022年9月10日）" in page.content.decode()
        assert not Comment.objects.exists()
        with pytest.raises(DomainError, match="提交日期不能晚于今天"):
            c.register_comment(
                by=cast.clerk,
                comment=Comment(channel="post", sent_on=dt.date(2022, 9, 20), text="x"),
            )
        data["sent_on"] = "2022-09-09"
        client.post(reverse("consultations:comment_register", args=[c.pk]), data)
    assert list(Comment.objects.values_list("sent_on", flat=True)) == [dt.date(2022, 9, 9)]


@pytest.mark.django_db
def test_a_published_comment_shows_no_full_width_mobile_address_or_name_and_keeps_its_words(
    cast, client, settings
):
    """Probe finding 1: comments are published with no human step (Comment.public_text), so
    the masking must catch a mobile in full-width digits and a home address (个人信息保护法
    第二十五条; participation.md §9.3), and change nothing else."""
    settings.COMMENT_RATE_PER_HOUR = 100
    c = _opened(cast)
    url = reverse("consultations_public:page", args=[c.pk])
    text = (
        "我叫陈大文，住在海珠区江南大道中88号5栋902房，楼下就是仓库。"
        "第三条应明确（储存）台账要求；联系我：１３５００１３５０００。"
    )
    with _on(2022, 9, 10):
        response = client.post(
            url,
            {"text": text, "name": "陈先生", "contact": "", "publish_consent": "on"},
        )
    assert response.status_code == 200
    comment = Comment.objects.get()
    assert comment.text == text  # the raw record is kept internal, as written
    feedback = _feedback_published(cast, c, comment)
    page = client.get(url).content.decode()
    public = (
        "我叫××，住在海珠区江南大道中**号*栋***房，楼下就是仓库。"
        "第三条应明确（储存）台账要求；联系我：135****5000。"
    )
    assert comment.public_text == public
    assert public in page and public in feedback.body
    for leak in ("１３５００１３５０００", "13500135000", "陈大文", "88号5栋902"):
        assert leak not in page and leak not in feedback.body


@pytest.mark.django_db
def test_a_landline_in_a_published_comment_is_masked(cast, client, settings):
    """Re-probe: a home landline in a comment (0757-8888 1234) was published as written; a
    number a commenter gives is their own (participation.md §9.3)."""
    settings.COMMENT_RATE_PER_HOUR = 100
    c = _opened(cast)
    url = reverse("consultations_public:page", args=[c.pk])
    text = "第三条应明确台账要求。详情可打我家座机0757-8888 1234或电话８３３３１２３４。"
    with _on(2022, 9, 10):
        response = client.post(
            url, {"text": text, "name": "陈先生", "contact": "", "publish_consent": "on"}
        )
    assert response.status_code == 200
    comment = Comment.objects.get()
    assert comment.text == text
    feedback = _feedback_published(cast, c, comment)
    page = client.get(url).content.decode()
    public = "第三条应明确台账要求。详情可打我家座机0757-****1234或电话****1234。"
    assert comment.public_text == public
    assert public in page and public in feedback.body
    for leak in ("8888 1234", "８３３３１２３４", "83331234"):
        assert leak not in page and leak not in feedback.body


@pytest.mark.django_db
def test_a_letter_is_not_registered_once_the_feedback_is_published(client, cast):
    """Probe 3 finding 2: a letter postmarked within the period was registered after the
    采纳情况 was published; it went public undecided and could never be decided (713号
    第二十九、三十二条; 穗府办函〔2022〕48号 "不予采纳的应说明理由…反馈")."""
    c = _opened(cast)
    first = _comment(c, "建议增加检查频次")
    _feedback_published(cast, c, first)
    client.force_login(cast.clerk)
    data = {
        "channel": "post",
        "sent_on": "2022-09-15",
        "text": "建议第三条增加夜间施工的报告时限。",
        "name": "王五",
        "publish_consent": "on",
    }
    with _on(2022, 10, 10):
        page = client.post(reverse("consultations:comment_register", args=[c.pk]), data)
        assert "意见采纳情况反馈已发布，不能再登记意见" in page.content.decode()
        with pytest.raises(DomainError, match="反馈已发布"):
            c.register_comment(
                by=cast.clerk,
                comment=Comment(channel="email", sent_on=dt.date(2022, 9, 20), text="迟到的意见"),
            )
    assert list(Comment.objects.values_list("number", flat=True)) == [first.number]
    assert not c.undecided().exists()


@pytest.mark.django_db
def test_a_letter_is_not_registered_once_the_notice_is_withdrawn(cast):
    c = _opened(cast)
    with _on(2022, 9, 10):
        c.document.withdraw(by=cast.press, reason="草案暂缓出台")
        c.refresh_from_db()
        with pytest.raises(DomainError, match="已撤回"):
            c.register_comment(
                by=cast.clerk,
                comment=Comment(channel="post", sent_on=dt.date(2022, 9, 5), text="邮寄的意见"),
            )
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_a_notice_published_late_states_the_period_in_force(client, cast):
    """Probe 3 finding 3: planned 9/1–10/1, 三审 on 9/5. The period moves to 9/5–10/5 and the
    published notice says so, not the planned days (713号 第十五条: 明确…期限)."""
    with _on(2022, 8, 30):
        c = _draft(cast)
    assert "征求意见时间为2022年9月1日至2022年10月1日" in c.document.body
    with _on(2022, 9, 5):
        _publish(cast, c.document)
    c.refresh_from_db()
    c.document.refresh_from_db()
    assert (c.opens_on, c.closes_on) == (dt.date(2022, 9, 5), dt.date(2022, 10, 5))
    assert "征求意见时间为2022年9月5日至2022年10月5日" in c.document.body
    assert "2022年9月1日" not in c.document.body and "2022年10月1日" not in c.document.body
    page = client.get(reverse("consultations_public:page", args=[c.pk])).content.decode()
    assert "2022年9月5日至2022年10月5日" in page and "2022年9月1日" not in page
    assert c.articles.count() == 3  # the draft itself went out as reviewed


@pytest.mark.django_db
def test_a_late_notice_whose_period_sentence_differs_is_not_published_with_old_dates(client, cast):
    """Probe 3 finding 3: when the period sentence no longer matches the fields, nothing can be
    moved safely; 三审 is refused until the unit corrects the dates, and the leader's review
    page says so before signing (review item 4). Reviewers can no longer edit a notice (probe 7
    F3), so the changed sentence stands for a notice edited before that rule."""
    with _on(2022, 8, 30):
        c = _draft(cast)
        doc = c.document
        doc.submit(by=cast.clerk)
        doc.approve(by=cast.head)
        doc.approve(by=cast.reviewer)
    changed = doc.body.replace("征求意见时间为", "征求意见时间自")
    Document.objects.filter(pk=doc.pk).update(body=changed, body_text=body_text(changed))
    doc.refresh_from_db()
    client.force_login(cast.leader)
    with _on(2022, 9, 5):
        page = client.get(reverse("publications:document_detail", args=[doc.pk])).content.decode()
        with pytest.raises(DomainError, match="与登记的不一致"):
            doc.approve(by=cast.leader)
    assert "公告中的征求意见时间" in page and "与登记的不一致" in page
    doc.refresh_from_db()
    c.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEW_3 and doc.published_at is None
    assert (c.opens_on, c.opened_at) == (dt.date(2022, 9, 1), None)


@pytest.mark.django_db
def test_the_edit_form_refuses_a_past_start_at_its_field_like_the_create_form(client, cast):
    """Probe 3 findings 3 and 9(d): edit accepted a 开始日期 in the past."""
    with _on(2022, 8, 30):
        c = _draft(cast)
    client.force_login(cast.clerk)
    data = {
        "draft_title": c.draft_title,
        "decision_type": "normative",
        "affects_business": "on",
        "opens_on": "2022-09-01",
        "closes_on": "2022-10-01",
        "channels": c.channels,
        "explanation": c.explanation,
        "draft_text": c.draft_text,
    }
    with _on(2022, 9, 2):
        page = client.post(reverse("consultations:edit", args=[c.pk]), data)
        with pytest.raises(DomainError, match="开始日期不能早于今天"):
            services.edit(c, by=cast.clerk, opens_on=dt.date(2022, 9, 1))
    form = page.context["form"]
    assert form.errors["opens_on"] == ["开始日期不能早于今天"]
    c.refresh_from_db()
    assert c.opens_on == dt.date(2022, 9, 1) and c.document.version == 1


@pytest.mark.django_db
def test_a_period_too_short_is_refused_at_the_closing_date(client, cast):
    """Probe 3 finding 9(a): the refusal showed above the form, not at 截止日期."""
    client.force_login(cast.clerk)
    data = _create_data(decision_type="major_decision")
    with _on(2022, 8, 30):
        page = client.post(reverse("consultations:create"), data)
    errors = page.context["form"].errors
    assert "不少于30日" in errors["closes_on"][0] and "__all__" not in errors
    assert not Consultation.objects.exists()


@pytest.mark.django_db
def test_the_feedback_deadline_shows_with_days_left_and_overdue_and_is_reminded(client, cast):
    """Probe 3 finding 7: no feedback deadline anywhere. participation.md §10.4: 20 working
    days after the close by default [UNVERIFIED, a setting]. Closing Saturday 2022-10-01:
    国庆 10/1–10/7 off, 10/8 and 10/9 调休 workdays, so the 20th working day after it is
    Wednesday 2022-11-02; on Monday 10/10 17 remain (10/11 … 11/2)."""
    from gongkai.consultations import reminders
    from gongkai.core.models import Notification

    c = _opened(cast)
    client.force_login(cast.clerk)
    with _on(2022, 10, 10):
        page = client.get(reverse("consultations:detail", args=[c.pk])).content.decode()
        listing = client.get(reverse("consultations:list")).content.decode()
        assert reminders.sweep(today=dt.date(2022, 10, 10), days=3) == []
    for html in (page, listing):
        assert "2022年11月2日前发布反馈" in html and "剩余17个工作日" in html
    assert "本平台设定" in page
    with _on(2022, 11, 3):
        page = client.get(reverse("consultations:detail", args=[c.pk])).content.decode()
        lines = reminders.sweep(today=dt.date(2022, 11, 3), days=3)
    assert "已超期1个工作日" in page
    assert len(lines) == 1 and lines[0].startswith("已超期\t2022-11-02")
    told = set(Notification.objects.values_list("user__username", "text"))
    text = (
        "意见征集《广州市危险化学品储存安全管理办法》的意见采纳情况反馈应于2022年11月2日前发布"
        "（已超期）"
    )
    assert (cast.clerk.username, text) in told and (cast.press.username, text) in told


@pytest.mark.django_db
def test_a_feedback_published_after_its_deadline_shows_how_late(client, cast, settings):
    """With the setting at 5 working days the feedback is due Wednesday 10/12 (10/8 and 10/9
    调休, 10/10, 10/11, 10/12); published Friday 10/14 it came 2 working days late (10/13,
    10/14)."""
    settings.CONSULTATION_FEEDBACK_WORKDAYS = 5
    c = _opened(cast)
    first = _comment(c, "建议增加检查频次")
    with _on(2022, 10, 8):
        c.decide(by=cast.clerk, comments=[first], disposition="adopted", reason="")
        feedback = c.draft_feedback(by=cast.clerk)
    with _on(2022, 10, 14):
        _publish(cast, feedback)
    c.refresh_from_db()
    client.force_login(cast.clerk)
    page = client.get(reverse("consultations:detail", args=[c.pk])).content.decode()
    assert "2022年10月12日前发布反馈" in page and "超期反馈（2个工作日）" in page


@pytest.mark.django_db
def test_a_draft_name_typed_with_the_draft_suffix_is_refused_at_its_field(client, cast):
    """Probe 3 finding 9(c): "…规定（征求意见稿）" gave "…规定（征求意见稿）》（征求意见稿）" in the
    notice. The notice adds the suffix itself."""
    client.force_login(cast.clerk)
    data = _create_data(draft_title="广州市危险化学品储存安全管理办法（征求意见稿）")
    with _on(2022, 8, 30):
        page = client.post(reverse("consultations:create"), data)
        with pytest.raises(DomainError, match="不要加“（征求意见稿）”"):
            _draft(cast, draft_title="广州市危险化学品储存安全管理办法(征求意见稿)")
    assert "不要加“（征求意见稿）”" in page.context["form"].errors["draft_title"][0]
    assert not Consultation.objects.exists()
    with _on(2022, 8, 30):
        c = _draft(cast)
        with pytest.raises(DomainError, match="不要加"):
            services.edit(
                c, by=cast.clerk, draft_title="广州市危险化学品储存安全管理办法征求意见稿"
            )
    c.refresh_from_db()
    assert c.draft_title == "广州市危险化学品储存安全管理办法"
    assert "（征求意见稿）》（征求意见稿）" not in c.document.body


@pytest.mark.django_db
def test_the_leader_is_told_before_signing_that_a_late_notice_moves_its_period(client, cast):
    """Review item 4: planned 9/1–10/1, at 三审 on 9/5 the leader's page says, before signing,
    that publishing now moves the period to 今天…10/5 and rewrites the notice's sentence; the
    day before the planned start it says nothing; signed, the dates are the ones announced."""
    with _on(2022, 8, 30):
        c = _draft(cast)
        doc = c.document
        doc.submit(by=cast.clerk)
        doc.approve(by=cast.head)
        doc.approve(by=cast.reviewer)
    client.force_login(cast.leader)
    url = reverse("publications:document_detail", args=[doc.pk])
    told = (
        "计划开始日期（2022年9月1日）已过：现在签发发布，征求意见期将顺延为今天（2022年9月5日）"
        "至2022年10月5日，公告中的“征求意见时间为2022年9月1日至2022年10月1日”将改为"
        "“征求意见时间为2022年9月5日至2022年10月5日”。"
    )
    with _on(2022, 8, 31):
        on_time = client.get(url).content.decode()
    with _on(2022, 9, 5):
        late = client.get(url).content.decode()
        client.force_login(cast.head)  # the unit's head does not sign: not shown to him
        heads = client.get(url).content.decode()
    assert "顺延" not in on_time and "签发并发布" in on_time
    assert told in late.replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert "顺延" not in heads
    with _on(2022, 9, 5):
        doc.approve(by=cast.leader)
    c.refresh_from_db()
    assert (c.opens_on, c.closes_on) == (dt.date(2022, 9, 5), dt.date(2022, 10, 5))


@pytest.mark.django_db
def test_commenters_names_on_the_staff_page_are_an_audited_read_once_per_half_hour(client, cast):
    """查阅记录: a comment with a name or contact puts personal data on the page; anonymous
    comments alone do not."""
    from gongkai.core import audit
    from gongkai.core.models import AuditEntry

    c = _opened(cast)
    detail = reverse("consultations:detail", args=[c.pk])
    reads = AuditEntry.objects.filter(action="consultation.read_comments")
    _comment(c, "建议增加检查频次")
    client.force_login(cast.clerk)
    assert client.get(detail).status_code == 200
    assert not reads.exists()
    _comment(c, "建议明确储存限量", name="陈晓东", contact="13812345678")
    assert "13812345678" in client.get(detail).content.decode()
    client.get(detail)  # a reload within the half hour writes nothing
    assert list(reads.values_list("actor", "target_id")) == [(cast.clerk.pk, str(c.pk))]
    client.force_login(cast.admin)
    listed = client.get(reverse("core:audit_list"), {"action": audit.READS}).content.decode()
    assert "查阅意见提交人信息" in listed and c.draft_title in listed


@pytest.mark.django_db
def test_a_feedback_deadline_in_an_unentered_year_is_marked_provisional_with_why(client, cast):
    """Probe 11 F1.2: closing Monday 2026-12-28, the 20th working day after it on weekends and
    元旦 only (2027 not entered) is 2027-01-26, shown with no 暂定. It is 暂定, and says why."""
    with _on(2026, 11, 20):
        c = _draft(cast, opens_on=dt.date(2026, 11, 23), closes_on=dt.date(2026, 12, 28))
        _publish(cast, c.document)
    with _on(2026, 12, 29):
        client.force_login(cast.clerk)
        page = client.get(reverse("consultations:detail", args=[c.pk])).content.decode()
        listing = client.get(reverse("consultations:list")).content.decode()
    cell = page[page.index('id="feedback-clock"') :].split("</td>")[0]
    assert "2027年1月26日前发布反馈" in cell and "暂定" in cell
    assert "2027年节假日安排尚未录入，暂按周末和元旦（1月1日）" in cell
    assert '2027年1月26日前发布反馈 <span class="tag warn"' in listing
    # what it forbids: a deadline within entered years is not 暂定
    old = _opened(cast)
    with _on(2022, 10, 10):
        client.force_login(cast.clerk)
        page = client.get(reverse("consultations:detail", args=[old.pk])).content.decode()
    assert "暂定" not in page[page.index('id="feedback-clock"') :].split("</td>")[0]
