"""审计查阅 — a read-only role for an auditor a year later (outside probes): the staff side of
every unit (cases, letters, ledger, audit log, reports), and no verb. The permission matrix
(test_permission_matrix) walks every URL of the URL conf with it, GET and POST, and compares
every row of every table after each refused POST; these are the rules around it."""

import datetime as dt
import re

from django.urls import reverse

from gongkai.core.models import AuditEntry, User
from gongkai.core.roles import Role
from gongkai.testing import handling_case, on_day, written_message

D = dt.date


def _auditor(cast, *roles):
    user = User.objects.create(username="shenji", full_name="审计查阅", unit=cast.units["办公室"])
    user.set_roles([Role.AUDITOR, *roles])
    return user


def _note(client, case):
    url = reverse("disclosure_requests:step", args=[case.pk, "note"])
    return client.post(url, {"text": "已电话联系申请人", "on": "2022-09-29"})


def test_an_auditor_reads_another_units_case_and_its_letter_and_the_audit_log(client, cast):
    case = handling_case(cast)  # 法规处's; the auditor is of 办公室
    client.force_login(_auditor(cast))
    page = client.get(reverse("disclosure_requests:detail", args=[case.pk]))
    assert page.status_code == 200 and case.tracking_no in page.content.decode()
    assert 'action="/staff/requests/' not in page.content.decode()  # no step is offered
    assert client.get(reverse("core:audit_list")).status_code == 200
    assert client.get(reverse("reports:dashboard")).status_code == 200
    client.force_login(cast.press)  # who may act is offered the steps
    page = client.get(reverse("disclosure_requests:detail", args=[case.pk]))
    assert 'action="/staff/requests/' in page.content.decode()
    # a clerk of another unit does not see it (the rule the auditor is let past)
    client.force_login(cast.other_clerk)
    assert client.get(reverse("disclosure_requests:detail", args=[case.pk])).status_code == 404


def test_an_auditor_account_stays_read_only_whatever_other_role_it_is_given(client, cast):
    """A role added to an auditor's account does not let it act: refused (403), nothing
    written; the same step by the press office is taken (the step it allows)."""
    with on_day(2022, 9, 29):
        case = handling_case(cast)
        client.force_login(_auditor(cast, Role.PRESS_OFFICE))
        entries = AuditEntry.objects.count()
        assert _note(client, case).status_code == 403
        assert not case.events.filter(kind="note").exists()
        assert AuditEntry.objects.count() == entries
        client.force_login(cast.press)
        assert _note(client, case).status_code == 302
    assert case.events.filter(kind="note").exists()


def test_the_auditor_role_is_given_alone(client, cast):
    client.force_login(cast.admin)
    data = {
        "username": "shenji",
        "full_name": "审计查阅",
        "unit": cast.units["办公室"].pk,
        "roles": [Role.AUDITOR, Role.PRESS_OFFICE],
        "password": "Shenji-2023-secret",
        "is_active": "on",
    }
    response = client.post(reverse("core:user_create"), data)
    assert "审计查阅为只读角色，不能与其他角色同时授予" in response.content.decode()
    assert not User.objects.filter(username="shenji").exists()
    data["roles"] = [Role.AUDITOR]
    assert client.post(reverse("core:user_create"), data).status_code == 302
    assert User.objects.get(username="shenji").is_read_only


def test_the_auditors_nav_leads_to_every_page_it_may_read_and_a_clerks_does_not(client, cast):
    """The auditor reads every staff page, so the nav shows each (依申请公开, 领导信箱, 意见征集,
    统计与年报, 决策会议, 单位, 审计日志); a unit clerk's nav keeps only its own."""
    wanted = {
        "disclosure_requests:list": "依申请公开",
        "mailbox:list": "领导信箱",
        "consultations:list": "意见征集",
        "reports:dashboard": "统计与年报",
        "meetings:list": "决策会议",
        "core:unit_list": "单位",
        "core:audit_list": "审计日志",
    }

    def nav(user):
        client.force_login(user)
        page = client.get(reverse("core:dashboard")).content.decode()
        return page.split('<nav class="mainnav">')[1].split("</nav>")[0]

    auditors = nav(_auditor(cast))
    for name, label in wanted.items():
        assert f'href="{reverse(name)}">{label}</a>' in auditors
    clerks = nav(cast.clerk)
    assert f'href="{reverse("core:audit_list")}"' not in clerks
    assert f'href="{reverse("reports:dashboard")}"' not in clerks


def _section(page: str, title: str) -> str:
    """The dashboard section headed `title` (from its heading to its end)."""
    assert f"<h2>{title}</h2>" in page, title
    return page.split(f"<h2>{title}</h2>")[1].split("</section>")[0]


def test_the_auditors_dashboard_shows_the_office_wide_open_figures_with_nothing_to_do(client, cast):
    """Was: the 领导信箱 and 依申请公开 sections of the dashboard were for the office and the
    units only, so the auditor, who reads every message and case, saw neither. It now sees the
    office's figures (open, overdue, the 60-day alarm) and no form; every link it is offered
    opens (GET), none leads to a step it would be refused."""
    with on_day(2022, 9, 1):
        message = written_message()
        message.assign(by=cast.press, unit=cast.units["法规处"])
        written_message().assign(by=cast.press, unit=cast.units["审批处"])
    case = handling_case(cast)
    auditor = _auditor(cast)
    client.force_login(auditor)
    with on_day(2022, 11, 1):
        page = client.get(reverse("core:dashboard")).content.decode()
    mailbox = _section(page, "领导信箱：在办留言")
    assert "办理中 2 件" in mailbox and "已超过答复期限 2 件" in mailbox
    assert "有 2 件有效留言超过60日未答复" in mailbox
    assert message.tracking_no in mailbox
    requests = _section(page, "依申请公开：在办申请")
    assert "办理中 1 件" in requests and "已超期 1 件" in requests
    assert case.tracking_no in requests
    for section in (mailbox, requests):
        assert "<form" not in section and "<button" not in section
        for link in re.findall(r'href="([^"]+)"', section):
            assert client.get(link).status_code == 200, link
    assert reverse("mailbox_reports:signals") not in mailbox  # the office's page, refused to it
    # and a person with no role in either still gets neither section
    client.force_login(cast.reviewer)
    with on_day(2022, 11, 1):
        page = client.get(reverse("core:dashboard")).content.decode()
    assert "领导信箱：" not in page and "依申请公开：" not in page


def test_a_read_only_role_has_nothing_to_do_so_its_sections_say_in_hand_not_to_do(client, cast):
    """Was: the auditor's sections were titled 待办申请/待办留言, though it may do nothing; they
    now say 在办 (in hand). The office, which works the same cases, keeps 待办."""
    with on_day(2022, 9, 1):
        written_message().assign(by=cast.press, unit=cast.units["法规处"])
    handling_case(cast)
    client.force_login(_auditor(cast))
    with on_day(2022, 11, 1):
        page = client.get(reverse("core:dashboard")).content.decode()
    assert "<h2>领导信箱：在办留言</h2>" in page and "<h2>依申请公开：在办申请</h2>" in page
    assert "待办" not in page
    client.force_login(cast.press)
    with on_day(2022, 11, 1):
        page = client.get(reverse("core:dashboard")).content.decode()
    assert "<h2>领导信箱：待办留言</h2>" in page and "<h2>依申请公开：待办申请</h2>" in page
    assert "在办" not in page
