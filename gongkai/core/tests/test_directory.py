"""Unit and user management: system administrators only, every change in the audit log."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry, Unit, User
from gongkai.core.roles import Role
from gongkai.core.units import resolve_unit_names


def test_it_lets_the_administrator_create_a_unit(client, cast):
    client.force_login(cast.admin)
    response = client.post(
        reverse("core:unit_create"),
        {
            "name": "统计处",
            "full_name": "统计处",
            "kind": "department",
            "order": 50,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(name="统计处")
    entry = AuditEntry.objects.get(action="unit.create", target_id=str(unit.pk))
    assert entry.actor == cast.admin and entry.after["name"] == "统计处"


def test_it_records_before_and_after_of_a_unit_change(client, cast):
    client.force_login(cast.admin)
    unit = cast.units["法规处"]
    data = {
        "name": "法规处",
        "full_name": "法规与标准处",
        "kind": "department",
        "order": 3,
        "aliases": unit.aliases,
        "is_active": "on",
    }
    client.post(reverse("core:unit_edit", args=[unit.pk]), data)
    entry = AuditEntry.objects.get(action="unit.update")
    assert entry.before == {"full_name": "政策法规处"} and entry.after == {
        "full_name": "法规与标准处"
    }


@pytest.mark.parametrize("who", ["clerk", "press", "head", "leader", "reviewer"])
def test_only_administrators_manage_units_and_users(client, cast, who):
    client.force_login(getattr(cast, who))
    # The press office reads the unit list, for the names the plan import learned (probe 8 P4).
    assert client.get(reverse("core:unit_list")).status_code == (200 if who == "press" else 403)
    assert client.get(reverse("core:unit_create")).status_code == 403
    unit = cast.units["法规处"]
    assert (
        client.post(reverse("core:unit_edit", args=[unit.pk]), {"name": "改名"}).status_code == 403
    )
    assert client.get(reverse("core:user_create")).status_code == 403


def test_it_creates_a_user_with_roles_and_a_hashed_password_to_be_changed(client, cast):
    client.force_login(cast.admin)
    data = {
        "username": "tongji",
        "full_name": "孙一",
        "unit": cast.units["审批处"].pk,
        "roles": [Role.CLERK],
        "password": "Tongji-2022-secret",
        "is_active": "on",
    }
    assert client.post(reverse("core:user_create"), data).status_code == 302
    user = User.objects.get(username="tongji")
    assert user.password.startswith("argon2") and user.has_role(Role.CLERK)
    assert user.must_change_password  # the administrator knows it: changed at first sign-in
    entry = AuditEntry.objects.get(action="user.create")
    assert entry.after["roles"] == [Role.CLERK] and "Tongji-2022-secret" not in str(entry.after)


def test_it_requires_a_unit_for_a_clerk(client, cast):
    client.force_login(cast.admin)
    data = {
        "username": "x1",
        "roles": [Role.CLERK],
        "password": "Tongji-2022-secret",
        "is_active": "on",
    }
    response = client.post(reverse("core:user_create"), data)
    assert "必须指定所在单位" in response.content.decode()
    assert not User.objects.filter(username="x1").exists()


def test_collective_names_resolve_to_unit_sets(cast):
    departments = set(Unit.objects.filter(kind=Unit.Kind.DEPARTMENT))
    subordinates = set(Unit.objects.filter(kind=Unit.Kind.SUBORDINATE))
    assert set(resolve_unit_names(["各处室"]).units) == departments
    assert set(resolve_unit_names(["直属单位"]).units) == subordinates
    both = resolve_unit_names(["新闻处", "各处室", "直属单位"])
    assert set(both.units) == departments | subordinates and both.units[0].name == "新闻处"


def test_related_units_are_left_for_the_press_office_to_choose(cast):
    result = resolve_unit_names(["新闻处", "相关处室"])
    assert [u.name for u in result.units] == ["新闻处"] and result.to_choose == ["相关处室"]


def test_aliases_and_unknown_names(cast):
    result = resolve_unit_names(["局保密办", "火星处"])
    assert [u.name for u in result.units] == ["办公室"] and result.unknown == ["火星处"]
