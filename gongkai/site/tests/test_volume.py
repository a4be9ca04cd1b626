"""Probe 10, finding 6: many submissions in an hour, from however many addresses, are shown to
the press office on the dashboard; nothing is blocked by it."""

from django.urls import reverse

from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.testing import APPLICATION_FORM


def _apply(client, i):
    data = {**APPLICATION_FORM, "applicant_name": f"申请人{i}", "idempotency_key": f"k{i}"}
    client.post(reverse("disclosure_requests_public:apply"), data, REMOTE_ADDR=f"10.{i}.0.1")


def test_the_press_office_is_told_of_an_unusual_hour_and_nothing_is_blocked(client, cast, settings):
    settings.SUBMISSION_ALERT_PER_HOUR = 2
    for i in range(2):
        _apply(client, i)
    client.force_login(cast.press)
    assert 'id="unusual-volume"' not in client.get(reverse("core:dashboard")).content.decode()
    _apply(client, 2)
    assert DisclosureRequest.objects.count() == 3  # taken, not blocked
    client.force_login(cast.press)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert 'id="unusual-volume"' in page
    assert "过去一小时网上提交3件（政府信息公开申请3件），超过提醒线2件" in page
    client.force_login(cast.clerk)  # a unit's clerk has nothing to do about it
    assert 'id="unusual-volume"' not in client.get(reverse("core:dashboard")).content.decode()
