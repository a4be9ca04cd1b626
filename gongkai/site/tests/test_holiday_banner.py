"""The 工作台's banner when next year's holidays are not entered (from November): the
system administrator gets the page to enter them, the staff who count deadlines are asked to
tell the administrator, and a leader or the read-only auditor, who do neither, read only
what it means for the dates they see."""

from django.urls import reverse

from gongkai.core.models import User
from gongkai.core.roles import Role
from gongkai.testing import on_day

FACT = "2027年节假日安排尚未录入完整并确认"
ASK = "请联系系统管理员按国务院办公厅通知录入"


def _dashboard(client, user) -> str:
    client.force_login(user)
    with on_day(2026, 11, 28):
        return client.get(reverse("core:dashboard")).content.decode()


def test_the_administrator_gets_the_holiday_page_and_the_clerks_are_asked_to_tell_him(client, cast):
    admin = _dashboard(client, cast.admin)
    assert FACT in admin and f'href="{reverse("core:holidays")}"' in admin and ASK not in admin
    for clerk in (cast.press, cast.clerk):
        page = _dashboard(client, clerk)
        assert FACT in page and ASK in page


def test_a_leader_and_the_auditor_are_told_the_fact_and_asked_for_nothing(client, cast):
    auditor = User.objects.create(
        username="shenji", full_name="审计查阅", unit=cast.units["办公室"]
    )
    auditor.set_roles([Role.AUDITOR])
    for reader in (cast.leader, auditor):
        page = _dashboard(client, reader)
        assert FACT in page and ASK not in page and "系统管理员" not in page
