import pytest
from django.urls import reverse

from gongkai.core import audit
from gongkai.core.models import AuditEntry


def test_the_audit_log_is_append_only(cast):
    entry = audit.record(
        cast.admin, "unit.update", cast.units["法规处"], before={"a": 1}, after={"a": 2}
    )
    entry.action = "auth.login"
    with pytest.raises(TypeError, match="只能追加"):
        entry.save()
    with pytest.raises(TypeError, match="只能追加"):
        entry.delete()
    with pytest.raises(TypeError, match="只能追加"):
        AuditEntry.objects.all().update(action="x")
    with pytest.raises(TypeError, match="只能追加"):
        AuditEntry.objects.all().delete()


def test_it_refuses_unknown_actions(cast):
    with pytest.raises(ValueError):
        audit.record(cast.admin, "no.such.action")


def test_the_press_office_reads_and_exports_the_log(client, cast):
    audit.record(
        cast.admin,
        "unit.update",
        cast.units["法规处"],
        before={"full_name": "旧"},
        after={"full_name": "新"},
    )
    client.force_login(cast.press)
    assert "修改单位" in client.get(reverse("core:audit_list")).content.decode()
    response = client.get(reverse("core:audit_export"))
    body = b"".join(response.streaming_content).decode("utf-8")
    assert (
        body.startswith("\ufeff时间,操作人")
        and "修改单位" in body
        and '"{""full_name"": ""新""}"' in body
    )


def test_a_clerk_cannot_read_the_log(client, cast):
    client.force_login(cast.clerk)
    assert client.get(reverse("core:audit_list")).status_code == 403
    assert client.get(reverse("core:audit_export")).status_code == 403


def test_it_stores_the_client_address_of_the_request(client, cast):
    client.force_login(cast.admin)
    client.post(
        reverse("core:unit_create"),
        {"name": "统计处", "kind": "department", "order": 1},
        REMOTE_ADDR="::ffff:10.1.2.3",
    )
    assert AuditEntry.objects.get(action="unit.create").ip == "10.1.2.3"
