"""先审后发: a reviewer approves the text he read. A review step sent from a page that showed
another version of the document (a tab left open while it was returned, edited and sent
again) is refused and writes nothing (probe 5, finding 2)."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.publications.models import Document, DocumentStatus, ReviewStep
from gongkai.testing import seen_on_page

pytestmark = pytest.mark.django_db


def _returned_edited_and_sent_again(doc, cast):
    """The head's tab A shows the version returned here; the clerk then changes the text."""
    doc.return_(by=cast.head, comment="请核对行政许可数")
    doc.refresh_from_db()
    doc.edit(by=cast.clerk, version=doc.version, body="<p>行政许可 99999 件</p>")
    doc.submit(by=cast.clerk)
    doc.refresh_from_db()


def _state(doc):
    doc = Document.objects.get(pk=doc.pk)
    return doc.status, doc.version, ReviewStep.objects.count(), AuditEntry.objects.count()


@pytest.mark.parametrize("verb", ["approve", "return"])
def test_it_refuses_a_step_from_a_page_of_an_earlier_version_and_writes_nothing(
    client, cast, make_draft, verb
):
    doc = make_draft(by=cast.clerk)
    doc.submit(by=cast.clerk)
    doc.refresh_from_db()
    client.force_login(cast.head)
    seen = seen_on_page(client, doc.get_staff_url())  # what tab A shows
    assert seen == str(doc.version)
    _returned_edited_and_sent_again(doc, cast)
    before = _state(doc)
    page = client.post(
        reverse("publications:document_act", args=[doc.pk, verb]),
        {"comment": "同意", "waiver": "", "seen": seen},
        follow=True,
    ).content.decode()
    assert f"此页面显示的是第{seen}版，文件已更新为第{doc.version}版，请刷新后重新审核。" in page
    assert _state(doc) == before
    assert before[0] == DocumentStatus.REVIEW_1
    assert not ReviewStep.objects.filter(document=doc, actor=cast.head, action="approve").exists()


def test_the_model_refuses_an_approval_of_a_version_its_reviewer_did_not_see(cast, make_draft):
    from gongkai.core.errors import DomainError

    doc = make_draft(by=cast.clerk)
    doc.submit(by=cast.clerk)
    doc.refresh_from_db()
    seen = doc.version
    _returned_edited_and_sent_again(doc, cast)
    before = _state(doc)
    with pytest.raises(DomainError, match="请刷新后重新审核"):
        doc.approve(by=cast.head, comment="同意", seen=seen)
    assert _state(doc) == before


def test_the_page_of_the_current_version_still_approves(client, cast, make_draft):
    doc = make_draft(by=cast.clerk)
    doc.submit(by=cast.clerk)
    _returned_edited_and_sent_again(doc, cast)
    client.force_login(cast.head)
    seen = seen_on_page(client, doc.get_staff_url())
    assert seen == str(doc.version)
    client.post(
        reverse("publications:document_act", args=[doc.pk, "approve"]),
        {"comment": "同意", "waiver": "", "seen": seen},
    )
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEW_2
    step = ReviewStep.objects.get(document=doc, action="approve")
    assert (step.actor, step.round) == (cast.head, 2)
