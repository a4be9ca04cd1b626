"""The Django admin shows the audit log, documents, index serials and clean-up campaigns, and
changes none of them: they change only through their own verbs."""

import pytest
from django.urls import reverse

from gongkai.core import audit
from gongkai.core.models import AuditEntry
from gongkai.publications.models import CleanupCampaign, Document, IndexCounter


@pytest.fixture
def superuser(cast):
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    return cast.admin


@pytest.mark.parametrize("model", [AuditEntry, Document, IndexCounter, CleanupCampaign])
def test_it_lists_the_rows_but_offers_no_add_page(client, superuser, model):
    client.force_login(superuser)
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    assert client.get(reverse(f"{name}_changelist")).status_code == 200
    assert client.get(reverse(f"{name}_add")).status_code == 403


def test_it_refuses_to_change_or_delete_a_row(client, superuser, cast):
    counter = IndexCounter.objects.create(period="2022", last=3)
    audit.record(cast.admin, "unit.update", cast.units["法规处"], before={"a": 1}, after={"a": 2})
    entry = AuditEntry.objects.get()
    client.force_login(superuser)
    change = reverse("admin:publications_indexcounter_change", args=[counter.pk])
    assert client.post(change, {"period": "2022", "last": 99}).status_code == 403
    delete = reverse("admin:core_auditentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    counter.refresh_from_db()
    assert counter.last == 3 and AuditEntry.objects.filter(pk=entry.pk).exists()
