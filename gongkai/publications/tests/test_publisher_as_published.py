"""Probe 11 F4.2 — a unit's rename does not rewrite what the catalogue said. A 2019 document
published by 法规处 read "发布机构 广州市应急管理局（政策法规处）" after the unit was renamed:
a name that did not exist then. The 发布机构 is kept at publication (Document.publisher)."""

from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.publications.models import Document


def _rename(client, cast, unit, name, full_name):
    client.force_login(cast.admin)
    response = client.post(
        reverse("core:unit_edit", args=[unit.pk]),
        {
            "name": name,
            "full_name": full_name,
            "kind": unit.kind,
            "aliases": unit.aliases,
            "order": unit.order,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == name


def _page(client, doc) -> str:
    client.logout()
    response = client.get(reverse("publications_public:document", args=[doc.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_published_issuer_stays_as_it_was_after_a_rename(
    cast, client, settings, make_draft, publish, django_capture_on_commit_callbacks
):
    """Fails on main: the page followed the live unit row (and the agency's setting)."""
    unit = cast.clerk.unit
    with django_capture_on_commit_callbacks(execute=True):
        before = publish(make_draft(title="关于做好防汛工作的通知"))
    old = f"广州市应急管理局（{unit.full_name or unit.name}）"
    assert before.publisher == old
    with django_capture_on_commit_callbacks(execute=True):
        _rename(client, cast, unit, "法治处", "法治建设处")
    settings.AGENCY_NAME = "广州市应急管理局（改革后）"
    page = _page(client, before)
    assert old in page and "法治建设处" not in page
    with django_capture_on_commit_callbacks(execute=True):
        after = publish(make_draft(title="关于做好节日安全工作的通知"))
    assert after.publisher == "广州市应急管理局（改革后）（法治建设处）"
    assert after.publisher in _page(client, after)


def test_a_rename_writes_one_entry_and_changes_no_published_document(
    cast, client, make_draft, publish
):
    doc = publish(make_draft())
    kept = doc.publisher
    entries = AuditEntry.objects.count()
    _rename(client, cast, cast.clerk.unit, "法治处", "")
    assert Document.objects.get(pk=doc.pk).publisher == kept
    # the unit.update only (its page drops are not audited): no earlier entry rewritten
    new = AuditEntry.objects.order_by("pk")[entries:]
    assert "unit.update" in [e.action for e in new]
    assert all(e.unit_name != "法治处" for e in AuditEntry.objects.order_by("pk")[:entries])
