"""109号第三条: an application is charged once, by one standard (不得同时按照两种标准重复计算)."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.disclosure_requests.models import CaseStatus, DeliveryForm, FeeNotice
from gongkai.testing import registered_case

D = dt.date


def _handling(cast, **fields):
    case = registered_case(cast, **fields)[0]
    case.assign(by=cast.press, unit=cast.units["法规处"], on=D(2022, 9, 29))
    return case


def test_it_refuses_a_second_notice_after_the_first_was_paid(cast):
    """按量 120 pages: 1–30 free, 31–100 at 10 元, 101–120 at 20 元 = 1,100 元, paid; the case
    is back in 办理中 and a second notice, by either standard, is refused."""
    case = _handling(cast, delivery_form=DeliveryForm.PAPER, pieces=12)
    case.send_fee_notice(by=cast.press, method="per_volume", pages=120, sent_on=D(2022, 10, 10))
    case.record_payment(by=cast.press, paid_on=D(2022, 10, 12))
    assert case.status == CaseStatus.HANDLING
    for method in ("per_volume", "per_piece"):
        with pytest.raises(DomainError, match="同一申请只计收一次"):
            case.send_fee_notice(by=cast.press, method=method, pages=170, sent_on=D(2022, 10, 13))
    assert list(case.fee_notices.values_list("method", "amount", "state")) == [
        ("per_volume", 1100, "paid")
    ]
    case.refresh_from_db()
    assert case.status == CaseStatus.HANDLING


def test_it_refuses_a_new_notice_after_the_fee_was_waived(cast):
    case = _handling(cast, pieces=12)
    case.send_fee_notice(by=cast.press, method="per_piece", pages=0, sent_on=D(2022, 10, 10))
    case.waive_fee(by=cast.press, reason="申请人经济困难", on=D(2022, 10, 11))
    with pytest.raises(DomainError, match="已免收"):
        case.send_fee_notice(by=cast.press, method="per_piece", pages=0, sent_on=D(2022, 10, 12))
    assert FeeNotice.objects.filter(case=case).count() == 1


def test_the_page_no_longer_offers_a_fee_notice_once_one_was_sent(cast, client):
    case = _handling(cast, delivery_form=DeliveryForm.PAPER)
    client.force_login(cast.press)
    url = reverse("disclosure_requests:detail", args=[case.pk])
    assert "send_fee_notice" in [verb for verb, _, _ in client.get(url).context["steps"]]
    case.send_fee_notice(by=cast.press, method="per_volume", pages=120, sent_on=D(2022, 10, 10))
    case.record_payment(by=cast.press, paid_on=D(2022, 10, 12))
    assert "send_fee_notice" not in [verb for verb, _, _ in client.get(url).context["steps"]]
    step = reverse("disclosure_requests:step", args=[case.pk, "send_fee_notice"])
    client.post(step, {"method": "per_piece", "pages": "0", "sent_on": "2022-10-13"})
    assert case.fee_notices.count() == 1


def test_a_fee_notice_sent_from_a_stale_tab_gives_the_tables_reason(cast, client):
    """The page was opened before the fee was charged and paid in another tab: the stale form
    is answered with the step's rule from TRANSITIONS, the same sentence the verb refuses
    with (the date, standard, amount and state of the notice already sent)."""
    case = _handling(cast, delivery_form=DeliveryForm.PAPER, pieces=12)
    client.force_login(cast.press)
    case.send_fee_notice(by=cast.press, method="per_volume", pages=120, sent_on=D(2022, 10, 10))
    case.record_payment(by=cast.press, paid_on=D(2022, 10, 12))
    step = reverse("disclosure_requests:step", args=[case.pk, "send_fee_notice"])
    response = client.post(
        step, {"method": "per_piece", "pages": "0", "sent_on": "2022-10-13"}, follow=True
    )
    expected = (
        "本申请已于2022年10月10日发出收费通知（按量计收1100元，已缴费）：同一申请只计收一次"
        "信息处理费，不得按两种标准重复计算（109号第三条）"
    )
    assert [str(m) for m in response.context["messages"]] == [expected]
    with pytest.raises(DomainError) as refused:
        case.send_fee_notice(by=cast.press, method="per_piece", pages=0, sent_on=D(2022, 10, 13))
    assert str(refused.value) == expected
    assert list(case.fee_notices.values_list("method", "amount", "state")) == [
        ("per_volume", 1100, "paid")
    ]
    assert not case.events.filter(kind="send_fee_notice", on=D(2022, 10, 13)).exists()
