"""The 采纳情况 note (participation.md §10.2, §9.3): it never quotes a comment that may not be
published (令第170号 第六条: the writer did not consent, or the unit excluded it), and it always
says how many comments came and answers each by number with its disposition and reason
(穗府办函〔2022〕48号). A note that fails either is refused at 送审 with nothing written."""

import datetime as dt
from io import StringIO

import pytest

from gongkai.consultations import demo
from gongkai.consultations.feedback import quoted_withheld
from gongkai.consultations.models import Comment, Consultation
from gongkai.consultations.tests.test_consultation import _comment, _on, _opened
from gongkai.core.bureau import ensure_people
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.publications.models import DocumentStatus, ReviewStep

WITHHELD = "建议公布各区物资储备点位置以便居民就近领取"
EXCLUDED = "起草人员都是一群只会照抄文件的庸才"
SHARED = "第三条应明确台账保存年限不少于三年"


def _decided(cast):
    c = _opened(cast)
    public = _comment(c, SHARED, publish_consent=True)
    withheld = _comment(c, WITHHELD, publish_consent=False)
    excluded = _comment(c, EXCLUDED, publish_consent=True)
    with _on(2022, 10, 8):
        c.decide(by=cast.clerk, comments=[public], disposition="adopted", reason="")
        c.decide(
            by=cast.clerk,
            comments=[withheld],
            disposition="not_adopted",
            reason="储备点位置属于不宜公开的安全信息",
        )
        c.decide(
            by=cast.clerk,
            comments=[excluded],
            disposition="other",
            reason="与草案内容无关",
            not_published_reason="immoral",
        )
        feedback = c.draft_feedback(by=cast.clerk)
    return c, feedback, (public, withheld, excluded)


def _refused(cast, feedback, body) -> str:
    """The unit saves `body` into its draft note and sends it: the refusal's text."""
    with _on(2022, 10, 8):
        feedback.edit(by=cast.clerk, version=feedback.version, body=body)
        with pytest.raises(DomainError) as refused:
            feedback.submit(by=cast.clerk)
    return str(refused.value)


def _nothing_sent(feedback):
    feedback.refresh_from_db()
    assert feedback.status == DocumentStatus.DRAFT
    assert not ReviewStep.objects.filter(document=feedback).exists()
    assert not AuditEntry.objects.filter(
        action="document.submit", target_id=str(feedback.pk)
    ).exists()


@pytest.mark.django_db
def test_the_generated_note_answers_every_comment_by_number_but_quotes_only_publishable_ones(cast):
    c, feedback, (public, withheld, excluded) = _decided(cast)
    body = feedback.body_text
    assert SHARED in body
    assert WITHHELD[:8] not in body and EXCLUDED[:8] not in body
    for comment in (public, withheld, excluded):
        assert comment.number in body
    assert "提交人未同意公开意见内容" in body and "依法不予公开" in body
    assert "储备点位置属于不宜公开的安全信息" in body and "与草案内容无关" in body
    with _on(2022, 10, 8):
        feedback.submit(by=cast.clerk)
    assert feedback.status == DocumentStatus.REVIEW_1


@pytest.mark.django_db
def test_a_note_edited_to_quote_a_comment_without_consent_is_not_sent_to_review(cast):
    c, feedback, (_, withheld, excluded) = _decided(cast)
    said = _refused(
        cast, feedback, feedback.body + f"<p>有市民提出：{WITHHELD}；另有意见称{EXCLUDED}。</p>"
    )
    assert withheld.number in said and excluded.number in said and "不能公开" in said
    _nothing_sent(feedback)


@pytest.mark.django_db
def test_words_a_consenting_writer_also_sent_may_be_quoted(cast):
    c = _opened(cast)
    public = _comment(c, SHARED, publish_consent=True)
    same = _comment(c, SHARED, publish_consent=False)
    with _on(2022, 10, 8):
        c.decide(by=cast.clerk, comments=[same, public], disposition="adopted", reason="")
        feedback = c.draft_feedback(by=cast.clerk)
        assert SHARED in feedback.body_text  # the lead withheld, its consenting twin quoted
        feedback.submit(by=cast.clerk)
    assert quoted_withheld(list(c.comments.all()), feedback.body_text) == []


@pytest.mark.django_db
def test_a_note_cut_to_a_thank_you_line_is_refused_saying_what_is_missing(cast):
    c, feedback, (public, withheld, _) = _decided(cast)
    said = _refused(cast, feedback, "<p>本次征求意见已结束，感谢参与。</p>")
    assert "共收到意见3条" in said and public.number in said and withheld.number in said
    _nothing_sent(feedback)


@pytest.mark.django_db
def test_a_note_that_drops_one_reason_is_refused_naming_that_comment(cast):
    c, feedback, (_, withheld, _) = _decided(cast)
    said = _refused(cast, feedback, feedback.body.replace("储备点位置属于不宜公开的安全信息", ""))
    assert f"意见{withheld.number}的理由" in said
    _nothing_sent(feedback)


def test_the_demo_notes_quote_no_comment_that_may_not_be_published(db):
    people = ensure_people(password="x")
    demo.load(people, StringIO())
    concluded = Consultation.objects.filter(concluded_at__isnull=False)
    withheld = Comment.objects.filter(consultation__in=concluded, publish_consent=False)
    assert withheld.exists()  # the demo has such comments: the check below can fail
    for c in concluded:
        assert quoted_withheld(list(c.comments.all()), c.feedback.body_text) == []
        for comment in c.comments.filter(publish_consent=False):
            assert comment.text[:10] not in c.feedback.body_text
            assert comment.number in c.feedback.body_text
    assert dt.date(2022, 1, 1) <= concluded.first().closes_on
