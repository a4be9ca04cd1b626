"""The public form and lookup under abuse: replayed keys, guessed codes, rotating addresses."""

from django.urls import reverse

from gongkai.core.models import Throttle
from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.disclosure_requests.tests.test_public import FORM

APPLY = "disclosure_requests_public:apply"
LOOKUP = "disclosure_requests_public:lookup"
STATUS_KEY = "gongkai_request_access"


def _apply(client, data=None, **meta):
    return client.post(reverse(APPLY), data or FORM, **meta)


def _lookup(client, number, code, **meta):
    return client.post(reverse(LOOKUP), {"tracking_no": number, "code": code}, **meta)


def test_a_replayed_key_with_other_content_never_gets_the_first_applicants_code(client, db):
    first = _apply(client)
    replay = _apply(client, {**FORM, "applicant_name": "王五", "description": "另一件申请的内容"})
    assert replay.context["case"].tracking_no != first.context["case"].tracking_no
    assert replay.context["code"] != first.context["code"]
    assert first.context["code"] not in replay.content.decode()
    assert DisclosureRequest.objects.count() == 2
    assert set(DisclosureRequest.objects.values_list("applicant_name", flat=True)) == {
        "李四",
        "王五",
    }


def test_the_same_submission_sent_twice_is_still_one_application(client, db):
    first, second = _apply(client), _apply(client)
    assert second.context["code"] == first.context["code"]
    assert DisclosureRequest.objects.count() == 1


def test_the_lookup_stops_answering_a_network_after_10_wrong_codes_on_a_number(
    client, db, settings
):
    settings.LOOKUP_FAILURES_PER_HOUR = 10
    submitted = _apply(client)
    number, code = submitted.context["case"].tracking_no, submitted.context["code"]
    guesser = client_class_from(client)
    for i in range(10):
        page = _lookup(guesser, number, f"WRONG{i:03d}", REMOTE_ADDR="203.0.113.9")
        assert "申请编号或查询码不正确" in page.content.decode()
    page = _lookup(guesser, number, code, REMOTE_ADDR="203.0.113.9").content.decode()
    assert "查询失败次数过多" in page  # the guesser's network may not try further, right or not
    assert number not in guesser.session.get(STATUS_KEY, [])


def test_a_stranger_guessing_at_a_number_never_locks_the_applicant_out(client, db, settings):
    """Probe finding 10: ten wrong codes on GK-00013 from one browser locked the applicant out
    of the lookup (and so of 补正) everywhere for an hour."""
    settings.LOOKUP_FAILURES_PER_HOUR = 10
    submitted = _apply(client)
    number, code = submitted.context["case"].tracking_no, submitted.context["code"]
    stranger = client_class_from(client)
    for i in range(12):
        _lookup(stranger, number, f"WRONG{i:03d}", REMOTE_ADDR="203.0.113.7")
    for i in range(10):  # and ten more networks, ten wrong codes each
        for j in range(10):
            _lookup(stranger, number, f"BAD{j:03d}", REMOTE_ADDR=f"198.51.100.{i}")
    applicant = client_class_from(client)
    response = _lookup(applicant, number, code, REMOTE_ADDR="192.0.2.44")
    assert response.status_code == 302 and number in applicant.session[STATUS_KEY]
    assert number not in stranger.session.get(STATUS_KEY, [])


def test_a_site_spreading_guesses_over_its_ipv6_64s_is_limited_as_one(client, db, settings):
    settings.LOOKUP_FAILURES_PER_HOUR = 1  # 1 per number and /64; 10, then 100 more, per /48
    submitted = _apply(client)
    number, code = submitted.context["case"].tracking_no, submitted.context["code"]
    guesser = client_class_from(client)
    for i in range(110):
        _lookup(guesser, number, "WRONG000", REMOTE_ADDR=f"2001:db8:9:{i:x}::1")
    refused = _lookup(guesser, number, code, REMOTE_ADDR="2001:db8:9:ff::1")  # same /48
    assert "查询失败次数过多" in refused.content.decode()
    allowed = _lookup(guesser, number, code, REMOTE_ADDR="2001:db8:a:1::1")
    assert allowed.status_code == 302 and number in guesser.session[STATUS_KEY]
    assert Throttle.objects.get(key="lookup:site:2001:db8:9::/48").count == 10
    assert Throttle.objects.get(key="lookup:site:2001:db8:9::/48:shared").count == 100


def test_the_lookup_limits_wrong_codes_per_address_across_numbers(client, db, settings):
    settings.LOOKUP_FAILURES_PER_HOUR = 2  # 6 per address, then 60 more
    submitted = _apply(client)
    number, code = submitted.context["case"].tracking_no, submitted.context["code"]
    guesser = client_class_from(client)
    for i in range(66):
        _lookup(guesser, f"GK2022-{i:05d}", "WRONG000", REMOTE_ADDR="2001:db8:5:5::1")
    refused = _lookup(guesser, number, code, REMOTE_ADDR="2001:db8:5:5::99")  # same /64
    assert "查询失败次数过多" in refused.content.decode()
    assert number not in guesser.session.get(STATUS_KEY, [])
    allowed = _lookup(guesser, number, code, REMOTE_ADDR="2001:db8:5:6::1")
    assert allowed.status_code == 302 and number in guesser.session[STATUS_KEY]


def test_an_applicant_behind_an_address_throttled_for_other_numbers_still_gets_in(
    client, db, settings
):
    """Re-probe: people behind one shared address (a school's NAT) locked each other out of the
    lookup for an hour: six wrong codes on other numbers, and the applicant's right code on
    her own number was refused too."""
    settings.LOOKUP_FAILURES_PER_HOUR = 2  # 2 per number, 6 per address
    submitted = _apply(client)
    number, code = submitted.context["case"].tracking_no, submitted.context["code"]
    neighbour = client_class_from(client)
    for i in range(6):
        _lookup(neighbour, f"GK2022-{i:05d}", "WRONG000", REMOTE_ADDR="198.51.100.77")
    applicant = client_class_from(client)
    response = _lookup(applicant, number, code, REMOTE_ADDR="198.51.100.77")
    assert response.status_code == 302 and number in applicant.session[STATUS_KEY]
    assert Throttle.objects.get(key="lookup:net:198.51.100.77").count == 6
    assert Throttle.objects.get(key="lookup:net:198.51.100.77:shared").count == 0


def test_the_shared_address_allowance_follows_its_setting(client, db, settings):
    settings.LOOKUP_FAILURES_PER_HOUR = 2  # 6 per address
    settings.LOOKUP_SHARED_ADDRESS_FACTOR = 2  # then 12 more, not 60
    submitted = _apply(client)
    number, code = submitted.context["case"].tracking_no, submitted.context["code"]
    guesser = client_class_from(client)
    for i in range(18):
        page = _lookup(guesser, f"GK2022-{i:05d}", "WRONG000", REMOTE_ADDR="198.51.100.79")
        assert "申请编号或查询码不正确" in page.content.decode()
    refused = _lookup(guesser, number, code, REMOTE_ADDR="198.51.100.79")
    assert "查询失败次数过多" in refused.content.decode()
    assert number not in guesser.session.get(STATUS_KEY, [])
    assert Throttle.objects.get(key="lookup:net:198.51.100.79").count == 6
    assert Throttle.objects.get(key="lookup:net:198.51.100.79:shared").count == 12


def test_wrong_codes_on_one_number_stay_throttled_behind_a_throttled_address(client, db, settings):
    settings.LOOKUP_FAILURES_PER_HOUR = 2
    submitted = _apply(client)
    number, code = submitted.context["case"].tracking_no, submitted.context["code"]
    guesser = client_class_from(client)
    for i in range(6):
        _lookup(guesser, f"GK2022-{i:05d}", "WRONG000", REMOTE_ADDR="198.51.100.78")
    for i in range(2):
        page = _lookup(guesser, number, f"WRONG{i:03d}", REMOTE_ADDR="198.51.100.78")
        assert "申请编号或查询码不正确" in page.content.decode()
    page = _lookup(guesser, number, code, REMOTE_ADDR="198.51.100.78").content.decode()
    assert "查询失败次数过多" in page
    assert number not in guesser.session.get(STATUS_KEY, [])
    assert Throttle.objects.get(key=f"lookup:pair:{number}:198.51.100.78").count == 2


def test_a_right_code_does_not_use_up_the_numbers_tries(client, db, settings):
    settings.LOOKUP_FAILURES_PER_HOUR = 1
    submitted = _apply(client)
    number, code = submitted.context["case"].tracking_no, submitted.context["code"]
    for _ in range(3):
        assert _lookup(client_class_from(client), number, code).status_code == 302


def test_the_hourly_limit_counts_each_client_behind_a_trusted_proxy(client, db, settings):
    settings.REQUEST_RATE_PER_HOUR = 2
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for i in range(3):
        _apply(
            client,
            {**FORM, "idempotency_key": f"a{i}", "description": f"第{i}件：执法检查计划"},
            HTTP_X_FORWARDED_FOR="203.0.113.5",
            **proxy,
        )
    _apply(
        client,
        {**FORM, "idempotency_key": "b0", "description": "另一件：执法检查计划"},
        HTTP_X_FORWARDED_FOR="198.51.100.8",
        **proxy,
    )
    ips = list(DisclosureRequest.objects.order_by("pk").values_list("submitter_ip", flat=True))
    assert ips == ["203.0.113.5", "203.0.113.5", "198.51.100.8"]


def test_the_hourly_limit_counts_an_ipv6_64_as_one_client(client, db, settings):
    settings.REQUEST_RATE_PER_HOUR = 2
    for i in range(4):
        _apply(
            client,
            {**FORM, "idempotency_key": f"v{i}", "description": f"第{i}件：执法检查计划"},
            REMOTE_ADDR=f"2001:db8:7:7::{i + 1}",
        )
    assert DisclosureRequest.objects.count() == 2


def test_a_retry_is_answered_even_when_the_hour_is_used_up(client, db, settings):
    settings.REQUEST_RATE_PER_HOUR = 1
    first = _apply(client)
    _apply(client, {**FORM, "idempotency_key": "other"})  # refused: the hour is used up
    retry = _apply(client)
    assert retry.context["code"] == first.context["code"]
    assert DisclosureRequest.objects.count() == 1


def client_class_from(client):
    """A fresh browser (no session): someone else than the applicant."""
    return type(client)()
