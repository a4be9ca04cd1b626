"""A 替代文件 is a document the portal shows: setting a withdrawn or unpublished one is refused
(nothing written), and withdrawing a document others name as their replacement leaves no dead
link on the portal: their pages say the replacement is no longer public."""

import pytest
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.publications.models import Document, Kind, Validity

pytestmark = pytest.mark.django_db


def _url(doc):
    return reverse("publications_public:document", args=[doc.pk])


def _validity_audits(doc):
    return AuditEntry.objects.filter(action="document.set_validity", target_id=str(doc.pk))


@pytest.mark.parametrize("state", ["withdrawn", "draft"])
def test_a_withdrawn_or_unpublished_replacement_is_refused_and_nothing_is_written(
    cast, make_draft, publish, state
):
    old = publish(make_draft(title="旧版管理办法", kind=Kind.NORMATIVE))
    new = make_draft(title="新版管理办法", kind=Kind.NORMATIVE)
    if state == "withdrawn":
        new = publish(new)
        new.withdraw(by=cast.press, reason="内容有误")
    with pytest.raises(DomainError, match="未在门户网站公开"):
        Document.objects.get(pk=old.pk).set_validity(
            by=cast.clerk, validity=Validity.AMENDED, replaced_by=new
        )
    old.refresh_from_db()
    assert (old.validity, old.replaced_by_id, old.expires_on) == (Validity.CURRENT, None, None)
    assert not _validity_audits(old).exists()


def test_withdrawing_the_replacement_leaves_no_dead_link_on_the_portal(
    client, cast, make_draft, publish
):
    old = publish(make_draft(title="旧版管理办法", kind=Kind.NORMATIVE))
    new = publish(make_draft(title="新版管理办法", kind=Kind.NORMATIVE))
    old.set_validity(by=cast.clerk, validity=Validity.AMENDED, replaced_by=new)
    regulations = reverse("publications_public:regulations")
    assert _url(new) in client.get(_url(old)).content.decode()
    assert _url(new) in client.get(regulations).content.decode()

    client.force_login(cast.press)
    done = client.post(
        reverse("publications:document_act", args=[new.pk, "withdraw"]),
        {"reason": "新版办法暂缓施行", "withdrawal": "hidden"},
        follow=True,
    ).content.decode()
    assert "《旧版管理办法》1件文件以本文件为替代文件" in done
    client.logout()

    assert client.get(_url(new)).status_code == 404
    page = client.get(_url(old)).content.decode()
    assert _url(new) not in page and "新版管理办法" not in page
    assert "本文件已修订；替代它的文件已不再公开。" in page
    listing = client.get(regulations).content.decode()
    assert _url(new) not in listing and "替代文件：已不再公开" in listing
    old.refresh_from_db()
    assert old.replaced_by_id == new.pk  # the record keeps what was decided; the page is honest
