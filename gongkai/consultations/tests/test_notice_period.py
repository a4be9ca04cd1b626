"""Probe 7 F3: the published 征求意见公告 states the period (and the reason for a short one) the
server enforces (713号 第十五条: 明确提出意见的方式和期限; a short period 应当予以说明). Reviewers
cannot edit the notice (they return it); the unit's draft notice is refused at 送审 when its
text no longer says the registered period or reason. Nothing is written by a refused step."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.consultations.tests.test_consultation import _draft, _on
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.publications.models import DocumentStatus, ReviewStep

REASON = "情况紧急，需在年底前出台。"


def _short(cast):
    return _draft(
        cast,
        decision_type="major_decision",
        opens_on=dt.date(2022, 9, 1),
        closes_on=dt.date(2022, 9, 11),
        shortening_reason=REASON,
    )


def _edits(doc, by):
    return AuditEntry.objects.filter(action="document.edit", target_id=str(doc.pk), actor=by)


@pytest.mark.django_db
def test_a_reviewer_cannot_change_the_period_of_a_notice_and_is_told_to_return_it(client, cast):
    with _on(2022, 8, 30):
        c = _short(cast)
        doc = c.document
        doc.submit(by=cast.clerk)
        version = doc.version
        with pytest.raises(DomainError, match="不能修改"):
            doc.edit(
                by=cast.head,
                version=doc.version,
                body=doc.body.replace("2022年9月11日", "2022年9月5日"),
            )
        client.force_login(cast.head)
        url = reverse("publications:document_edit", args=[doc.pk])
        form = client.get(url)
        fields = {k: v for k, v in form.context["form"].initial.items() if v is not None}
        fields["body"] = doc.body.replace("2022年9月11日", "2022年9月5日")
        posted = client.post(url, {**fields, "version": version})
        page = client.get(reverse("publications:document_detail", args=[doc.pk])).content.decode()
    assert posted.status_code == 409
    doc.refresh_from_db()
    assert doc.version == version and "2022年9月11日" in doc.body and REASON in doc.body_text
    assert not _edits(doc, cast.head).exists()
    assert "审核中不能修改" in page and "修改正文和信息" not in page
    with _on(2022, 8, 30):
        doc.approve(by=cast.head)  # the notice as registered goes on
        with pytest.raises(DomainError, match="不能修改"):
            doc.edit(by=cast.reviewer, version=doc.version, title="改了标题")
    assert not _edits(doc, cast.reviewer).exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda body: body.replace("2022年9月11日", "2022年9月5日"),
        lambda body: body.replace(f"征求意见期限少于一般期限的理由：{REASON}", ""),
    ],
    ids=["period", "reason"],
)
@pytest.mark.django_db
def test_a_draft_notice_whose_period_or_reason_was_edited_is_not_sent_to_review(cast, change):
    with _on(2022, 8, 30):
        c = _short(cast)
        doc = c.document
        doc.edit(by=cast.clerk, version=doc.version, body=change(doc.body))
        with pytest.raises(DomainError, match="与登记的不一致"):
            doc.submit(by=cast.clerk)
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.DRAFT
    assert not ReviewStep.objects.filter(document=doc).exists()
    assert not AuditEntry.objects.filter(action="document.submit", target_id=str(doc.pk)).exists()


@pytest.mark.django_db
def test_a_reworded_draft_notice_keeping_period_and_reason_goes_to_review(cast):
    with _on(2022, 8, 30):
        c = _short(cast)
        doc = c.document
        doc.edit(by=cast.clerk, version=doc.version, body=doc.body + "<p>欢迎提出意见。</p>")
        doc.submit(by=cast.clerk)
    assert doc.status == DocumentStatus.REVIEW_1
