"""Probe 12 T2: a staff form sent after the session ended went to the login page with the
POST-only action as `next`; after signing in the browser showed an English "405" and the typed
text was gone. Now the login page says the text was not saved and shows it, and signing in
leads back to the page the form was on."""

import datetime as dt

import time_machine
from django.urls import reverse

from gongkai.core import audit
from gongkai.core.access import UNSAVED_KEY
from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests.models import RequestEvent
from gongkai.testing import TEST_PASSWORD, handling_case

TYPED = "已电话联系申请人，申请人同意补充材料后再办理，约定下周一前寄到。"


def _steps_logged() -> int:
    return AuditEntry.objects.exclude(action__in=audit.READ_ACTIONS).count()


def test_a_note_sent_after_the_session_ended_is_kept_on_the_login_page_and_leads_back(cast, client):
    case = handling_case(cast)
    page = reverse("disclosure_requests:detail", args=[case.pk])
    step = reverse("disclosure_requests:step", args=[case.pk, "note"])
    audits = _steps_logged()
    # No session (it ended while the form was open); the browser sends the page as Referer.
    refused = client.post(
        step,
        {"text": TYPED, "idempotency_key": "0f3c9a1e"},
        HTTP_REFERER=f"http://testserver{page}",
    )
    login = reverse("core:login")
    assert refused.status_code == 302 and refused.url == f"{login}?next={page.replace('/', '%2F')}"
    # Nothing written.
    assert not RequestEvent.objects.filter(case=case, kind="note").exists()
    assert _steps_logged() == audits
    shown = client.get(refused.url).content.decode()
    assert "登录已超时，刚才提交的内容没有保存" in shown
    assert TYPED in shown and "0f3c9a1e" not in shown
    assert f'name="next" value="{page}"' in shown
    signed_in = client.post(
        refused.url, {"username": "xinwen", "password": TEST_PASSWORD, "next": page}
    )
    assert signed_in.status_code == 302 and signed_in.url == page
    back = client.get(page)
    assert back.status_code == 200
    assert "登录超时前提交的内容没有保存" in back.content.decode()
    # Said once: the next login page is the plain one.
    client.logout()
    assert "登录已超时" not in client.get(login).content.decode()


def test_a_refused_post_from_elsewhere_or_without_referer_leads_to_the_dashboard(cast, client):
    case = handling_case(cast)
    step = reverse("disclosure_requests:step", args=[case.pk, "note"])
    dashboard = reverse("core:dashboard")
    for referer in ("https://evil.example/staff/requests/1/", None):
        extra = {"HTTP_REFERER": referer} if referer else {}
        refused = client.post(step, {"text": TYPED}, **extra)
        assert refused.status_code == 302 and refused.url.endswith(
            "?next=" + dashboard.replace("/", "%2F")
        ), referer
    assert not RequestEvent.objects.filter(case=case, kind="note").exists()


def test_a_get_still_goes_to_login_with_its_own_address(cast, client):
    case = handling_case(cast)
    page = reverse("disclosure_requests:detail", args=[case.pk])
    response = client.get(page)
    assert response.status_code == 302 and response.url.startswith(reverse("core:login"))
    assert "登录已超时" not in client.get(response.url).content.decode()


def _refused_note(client, case) -> str:
    page = reverse("disclosure_requests:detail", args=[case.pk])
    step = reverse("disclosure_requests:step", args=[case.pk, "note"])
    refused = client.post(step, {"text": TYPED}, HTTP_REFERER=f"http://testserver{page}")
    assert refused.status_code == 302
    return refused.url


SENT = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)


def test_the_unsaved_text_is_shown_for_15_minutes_then_dropped(cast, client):
    """Probe 13: on a shared office PC the text waited on the login page for whoever came next."""
    case = handling_case(cast)
    with time_machine.travel(SENT, tick=False) as clock:
        login = _refused_note(client, case)
        clock.move_to(SENT + dt.timedelta(minutes=15))
        shown = client.get(login).content.decode()
        assert "登录已超时" in shown and TYPED in shown
        clock.move_to(SENT + dt.timedelta(minutes=15, seconds=1))
        shown = client.get(login).content.decode()
        assert "登录已超时" not in shown and TYPED not in shown
        assert UNSAVED_KEY not in client.session
        # Gone for good: back at 15:00 (a clock set back) it does not return.
        clock.move_to(SENT + dt.timedelta(minutes=14))
        assert TYPED not in client.get(login).content.decode()


def test_signing_in_after_15_minutes_says_nothing_of_the_dropped_text(cast, client):
    case = handling_case(cast)
    page = reverse("disclosure_requests:detail", args=[case.pk])
    with time_machine.travel(SENT, tick=False) as clock:
        login = _refused_note(client, case)
        clock.move_to(SENT + dt.timedelta(minutes=15, seconds=1))
        client.post(login, {"username": "xinwen", "password": TEST_PASSWORD, "next": page})
        assert "登录超时前提交的内容没有保存" not in client.get(page).content.decode()
        assert UNSAVED_KEY not in client.session


def test_signing_in_within_15_minutes_says_once_the_text_was_not_saved(cast, client):
    case = handling_case(cast)
    page = reverse("disclosure_requests:detail", args=[case.pk])
    with time_machine.travel(SENT, tick=False) as clock:
        login = _refused_note(client, case)
        clock.move_to(SENT + dt.timedelta(minutes=15))
        client.post(login, {"username": "xinwen", "password": TEST_PASSWORD, "next": page})
        assert "登录超时前提交的内容没有保存" in client.get(page).content.decode()
        assert UNSAVED_KEY not in client.session
        assert "登录超时前提交的内容没有保存" not in client.get(page).content.decode()
