"""Weak passwords are refused wherever a password is set: the user page and the CLI; the
published demo password passes the same validators."""

import pytest
from django.contrib.auth import password_validation
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from gongkai.core.bureau import DEMO_PASSWORD, PEOPLE
from gongkai.core.models import User
from gongkai.core.roles import Role

# Each accepted by the old rules (8 characters) or a classic: short, common, all digits, the
# user's own name.
WEAK = [
    "Abcdef1!",
    "Demo@2022",
    "password123",
    "qwertyuiop",
    "1234567890",
    "zhangsan2022",
    "zhangsan@gk",
]


@pytest.mark.parametrize("password", WEAK)
def test_the_user_page_refuses_a_weak_password(client, cast, password):
    client.force_login(cast.admin)
    data = {
        "username": "zhangsan",
        "full_name": "张三",
        "unit": cast.clerk.unit_id,
        "roles": [Role.CLERK],
        "is_active": "on",
        "password": password,
    }
    response = client.post(reverse("core:user_create"), data)
    assert response.status_code == 200
    assert not User.objects.filter(username="zhangsan").exists()


def test_the_user_page_accepts_a_strong_password(client, cast):
    client.force_login(cast.admin)
    data = {
        "username": "zhangsan",
        "full_name": "张三",
        "unit": cast.clerk.unit_id,
        "roles": [Role.CLERK],
        "is_active": "on",
        "password": "Huo-che-zhan-7",
    }
    assert client.post(reverse("core:user_create"), data).status_code == 302
    assert User.objects.get(username="zhangsan").check_password("Huo-che-zhan-7")


def test_createsuperuser_without_prompts_refuses_a_weak_password(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Demo@2022")
    with pytest.raises(CommandError, match="密码"):
        call_command("createsuperuser", "--noinput", "--username", "root", "--email", "")
    assert not User.objects.filter(username="root").exists()


def test_createsuperuser_without_prompts_takes_a_strong_password(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Huo-che-zhan-7")
    call_command("createsuperuser", "--noinput", "--username", "root", "--email", "")
    assert User.objects.get(username="root").is_superuser


def test_the_demo_password_passes_the_validators_for_every_demo_login(db):
    for username, full_name, _, _ in PEOPLE:
        password_validation.validate_password(
            DEMO_PASSWORD, User(username=username, full_name=full_name)
        )
