"""A message routed to 依申请公开 becomes an application: it needs its applicant's 身份证明
(第二十九条第（一）项), and 109号's monthly 件 are counted per applicant, never pooled.

Probe finding 4: two 12345 orders from different people routed via 转其他渠道 became GK-00017/18
with `id_document=''`, and the second counted the first as "this applicant's earlier 件".
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from gongkai.disclosure_requests.models import CaseStatus, DisclosureRequest
from gongkai.mailbox.services import application_code
from gongkai.testing import registered_case, written_message

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
ROUTE = {
    "channel": "gov_info",
    "notice": "您的诉求属于政府信息公开申请，已转为依申请公开办理。",
    "applicant_type": "natural_person",
    "delivery_form": "electronic",
    "delivery_method": "online",
}


@pytest.fixture
def on_2022_09_28():
    with time_machine.travel(dt.datetime(2022, 9, 28, 10, tzinfo=SHANGHAI), tick=False):
        yield


def _route(client, cast, name, phone, **extra):
    message = written_message(
        name=name,
        phone=phone,
        subject="申请公开某化工厂安全评价报告",
        body="请公开该厂安全评价报告。",
    )
    client.force_login(cast.press)
    url = reverse("mailbox:step", args=[message.pk, "route"])
    response = client.post(url, {**ROUTE, **extra})
    assert response.status_code == 302, response.content.decode()[:1500]
    message.refresh_from_db()
    return message, DisclosureRequest.objects.get(pk=message.routed_request_id)


def test_a_routed_message_without_identity_asks_the_applicant_for_it(cast, client, on_2022_09_28):
    message, case = _route(client, cast, "孙悟空", "13300133101")
    assert case.id_document == ""
    assert case.status == CaseStatus.AWAITING_SUPPLEMENT
    assert case.supplement_requested_on == dt.date(2022, 9, 28)
    asked = case.events.get(kind="request_supplement").note
    assert "身份证明" in asked and "第二十九条" in asked
    assert case.due_date is None  # the 20 working days wait for the 身份证明 (第三十条)


def test_two_peoples_routed_applications_are_not_counted_as_one_applicants(
    cast, client, on_2022_09_28
):
    _, first = _route(client, cast, "孙悟空", "13300133101")
    _, second = _route(client, cast, "猪八戒", "13300133102")
    assert first.pieces_earlier_this_month() == 0
    assert second.pieces_earlier_this_month() == 0
    assert second.fee_quote(pages=0).per_piece == 0


def test_the_identity_given_when_routing_is_stored_as_one_key(cast, client, on_2022_09_28):
    """Full-width digits and spaces typed from a phone call are the same person's number."""
    _, case = _route(
        client, cast, "孙悟空", "13300133101", id_document="１１０１０５ １９４９１２３１００２ｘ"
    )
    assert case.id_document == "11010519491231002X"
    assert case.status == CaseStatus.REGISTERED and case.due_date == dt.date(2022, 10, 31)
    earlier = registered_case(cast, dt.date(2022, 9, 5), id_document="11010519491231002X")[0]
    assert earlier.pieces == 1 and case.pieces_earlier_this_month() == 1


def test_a_wrong_check_digit_when_routing_is_refused_and_nothing_is_created(
    cast, client, on_2022_09_28
):
    message = written_message(name="孙悟空", phone="13300133101")
    client.force_login(cast.press)
    url = reverse("mailbox:step", args=[message.pk, "route"])
    page = client.post(url, {**ROUTE, "id_document": "110105194912310021"}).content.decode()
    assert "身份证号码校验不通过" in page
    assert not DisclosureRequest.objects.exists()


def test_the_applicant_supplies_the_identity_online_and_the_clock_starts(
    cast, client, on_2022_09_28
):
    message, case = _route(client, cast, "孙悟空", "13300133101")
    citizen = type(client)()
    lookup = reverse("disclosure_requests_public:lookup")
    citizen.post(lookup, {"tracking_no": case.tracking_no, "code": application_code(message)})
    status = reverse("disclosure_requests_public:status", args=[case.tracking_no])
    assert 'name="id_document"' in citizen.get(status).content.decode()
    refused = citizen.post(status, {"text": "已补充"})
    assert "请填写身份证明" in refused.content.decode()
    citizen.post(status, {"id_document": "11010519491231002x", "text": ""})
    case.refresh_from_db()
    assert case.id_document == "11010519491231002X"
    assert case.status == CaseStatus.REVIEWING and case.supplement_received_on == dt.date(
        2022, 9, 28
    )
    assert case.due_date == dt.date(2022, 10, 31)
