"""登记行政复议/诉讼 is saved once (probe 9 finding 3): a double click registered the same
复议 twice and table 四 of the annual report counted it twice."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests import forms, services
from gongkai.disclosure_requests.models import Remedy, RequestEvent
from gongkai.disclosure_requests.tests.test_staff_forms import _replied
from gongkai.testing import at_once, one_connection_only

FILED = {
    "kind": "reconsideration",
    "filed_on": "2022-12-01",
    "body": "广州市人民政府",
    "result": "pending",
}
ALREADY = "该申请已登记过2022年12月1日向广州市人民政府申请的行政复议，未重复登记"


def _written(case) -> tuple[int, int, int]:
    return (
        Remedy.objects.filter(case=case).count(),
        AuditEntry.objects.filter(action="request.add_remedy").count(),
        RequestEvent.objects.filter(case=case, kind="add_remedy").count(),
    )


def test_the_same_remedy_sent_twice_is_registered_once(cast, client):
    case = _replied(cast)
    client.force_login(cast.press)
    url = reverse("disclosure_requests:remedy_add", args=[case.pk])
    assert client.post(url, FILED).status_code == 302
    again = client.post(url, FILED, follow=True)
    assert "已经保存过，这次提交是重复的，未重复保存" in again.content.decode()
    assert _written(case) == (1, 1, 1)
    assert reverse("disclosure_requests:remedy_add", args=[case.pk]) in again.content.decode()


def test_the_same_remedy_with_another_note_is_refused_and_nothing_written(cast, client):
    """Same kind, date and body: the same 复议, whoever types it and whatever the note says."""
    case = _replied(cast)
    client.force_login(cast.press)
    url = reverse("disclosure_requests:remedy_add", args=[case.pk])
    client.post(url, FILED)
    client.force_login(cast.press_head)
    response = client.post(url, {**FILED, "note": "申请人电话告知", "body": " 广州市人民政府 "})
    page = response.content.decode()
    assert response.status_code == 400 and ALREADY in page
    assert 'value="申请人电话告知"' in page or "申请人电话告知" in page  # what was typed stays
    assert _written(case) == (1, 1, 1)
    # another remedy on the same case is still registered
    other = {**FILED, "kind": "litigation_direct", "body": "广州铁路运输法院"}
    assert client.post(url, other).status_code == 302
    assert _written(case) == (2, 2, 2)


def test_two_registrations_at_once_make_one_remedy(cast, transactional_db):
    """A double click whose two requests race (a Barrier): one row, one refused."""
    if one_connection_only():
        pytest.skip("the in-memory SQLite test database has one connection; PostgreSQL covers this")
    case = _replied(cast)
    forms_sent = [forms.RemedyForm({**FILED, "note": note}, case=case) for note in ("甲", "乙")]
    assert all(form.is_valid() for form in forms_sent)
    outcomes = at_once(
        *(lambda f=f: services.remedy_save(by=cast.press, case=case, form=f) for f in forms_sent)
    )
    assert outcomes.count("done") == 1 and ALREADY in "".join(outcomes)
    assert _written(case) == (1, 1, 1)
