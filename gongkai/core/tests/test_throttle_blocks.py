"""Probe 10, finding 6: the citizen forms' hourly limits hold per address and, with a higher
cap, per IPv4 /24; IPv6 is counted by its /64 as before."""

from django.urls import reverse

from gongkai.core import throttle
from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.testing import APPLICATION_FORM

APPLY = reverse("disclosure_requests_public:apply")


def _apply(client, i, ip):
    data = {**APPLICATION_FORM, "applicant_name": f"申请人{i}", "idempotency_key": f"k{i}"}
    return client.post(APPLY, data, REMOTE_ADDR=ip)


def test_one_24_gets_the_block_cap_then_is_refused_with_the_text_kept(client, db, settings):
    settings.REQUEST_RATE_PER_HOUR, settings.RATE_BLOCK_FACTOR = 2, 2
    for i in range(1, 5):  # four neighbours, one application each: within 2 × 2
        _apply(client, i, f"10.1.2.{i}")
    assert DisclosureRequest.objects.count() == 4
    page = _apply(client, 5, "10.1.2.5").content.decode()
    assert "同一网络提交过于频繁" in page and "申请人5" in page
    assert DisclosureRequest.objects.count() == 4  # nothing written
    _apply(client, 6, "10.1.3.6")  # the next /24 has its own
    assert DisclosureRequest.objects.filter(applicant_name="申请人6").exists()


def test_one_address_is_still_held_to_its_own_limit(client, db, settings):
    settings.REQUEST_RATE_PER_HOUR, settings.RATE_BLOCK_FACTOR = 2, 5
    for i in range(1, 4):
        _apply(client, i, "10.1.2.1")
    assert DisclosureRequest.objects.count() == 2


def test_the_block_is_the_ipv4_24_and_ipv6_has_none(db, settings):
    assert throttle.block_of("203.0.113.77") == "203.0.113.0/24"
    assert throttle.block_of("2001:db8::1") is None and throttle.block_of("bad") is None
    settings.RATE_BLOCK_FACTOR = 1
    assert throttle.take_for_client("t", "2001:db8::1", limit=1)
    assert not throttle.take_for_client("t", "2001:db8::2", limit=1)  # the same /64
    assert throttle.take_for_client("t", "2001:db8:0:1::1", limit=1)  # another /64
    assert throttle.take_for_client("t", "198.51.100.1", limit=1)
    assert not throttle.take_for_client("t", "198.51.100.2", limit=1)  # the /24 is spent
    # the refused neighbour's own attempt was given back, not counted against it
    assert not throttle.Throttle.objects.filter(key="t:net:198.51.100.2", count__gt=0).exists()
