"""Probe 6 F6 — 109号第六条: the 收费通知 states 依据、标准、数额、缴纳方式 and the period.
There was no 收费通知书 and the applicant's page gave the amount only."""

import datetime as dt
import io
from urllib.parse import quote

import docx
from django.urls import reverse

from gongkai.disclosure_requests.models import DeliveryForm
from gongkai.testing import follow_application, registered_case

D = dt.date


def _fee_case(cast):
    case, code = registered_case(cast, delivery_form=DeliveryForm.PAPER)
    case.assign(by=cast.press, unit=cast.units["法规处"], on=D(2022, 9, 29))
    case.send_fee_notice(by=cast.press, method="per_volume", pages=50, sent_on=D(2022, 10, 10))
    return case, code


def _words(body: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)


def test_the_fee_notice_letter_states_basis_standard_amount_and_how_to_pay(cast, client, settings):
    settings.FEE_PAYEE = "广州市财政局非税收入汇缴结算户"
    settings.FEE_PAYMENT_METHOD = "开户行：工商银行广州分行，账号3602000000000000000"
    case, _ = _fee_case(cast)
    client.force_login(cast.press)
    page = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    assert "收费通知书 Word" in page and "GONGKAI_FEE_PAYMENT_METHOD" in page
    response = client.get(reverse("disclosure_requests:fee_notice", args=[case.pk, "docx"]))
    assert response.status_code == 200
    assert quote("收费通知书-") in response["Content-Disposition"]
    text = _words(b"".join(response.streaming_content))
    assert "政府信息公开信息处理费收费通知书" in text
    assert "收费依据：《中华人民共和国政府信息公开条例》第四十二条" in text
    assert "（国办函〔2020〕109号）第三条、第五条" in text
    assert "31—100页（含100页）的部分，10元/页" in text  # the standard
    assert "第31至50页：10元/页×20页＝200元" in text and "应缴纳200元" in text  # the amount
    assert "收款单位为广州市财政局非税收入汇缴结算户；开户行：工商银行广州分行" in text
    assert "财政票据" in text and "视为放弃申请" in text and "第七条" in text
    assert "20个工作日内缴纳（即至2022年11月7日）" in text


def test_the_applicant_sees_basis_standard_and_how_to_pay(cast, client):
    case, code = _fee_case(cast)
    status = follow_application(client, case, code)
    page = client.get(status).content.decode()
    assert 'id="fee-notice"' in page
    assert "国办函〔2020〕109号" in page and "10元/页" in page
    assert "受理窗口缴纳" in page  # the default 缴纳方式 (a setting)
    letter = client.get(
        reverse("disclosure_requests_public:fee_notice", args=[case.tracking_no, "pdf"])
    )
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"


def test_there_is_no_fee_notice_letter_before_a_notice_is_sent(cast, client):
    case = registered_case(cast)[0]
    client.force_login(cast.press)
    url = reverse("disclosure_requests:fee_notice", args=[case.pk, "docx"])
    assert client.get(url).status_code == 404
    assert (
        "收费通知书"
        not in client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    )


def _fee_period_line(client, case) -> str:
    page = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    if 'id="fee-period-setting"' not in page:
        return ""
    return page.split('id="fee-period-setting">')[1].split("</p>")[0]


def test_the_paused_clock_names_the_unverified_fee_period_setting(cast, client, settings):
    """rules.md marks "the fee period is not counted" unverified: the page says the pause
    follows GONGKAI_FEE_PERIOD_EXCLUDED and its value, as GONGKAI_FEE_PAYEE is named."""
    case, _ = _fee_case(cast)
    client.force_login(cast.press)
    line = _fee_period_line(client, case)
    assert "GONGKAI_FEE_PERIOD_EXCLUDED" in line and "当前值（不计入）" in line
    assert "缴费期间不计入答复期限" in line
    settings.FEE_PERIOD_EXCLUDED = False  # the administrator's other reading: the clock runs
    line = _fee_period_line(client, case)
    assert "缴费期间计入答复期限" in line and "当前值（计入）" in line
    page = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    assert "缴费期间不计入答复期限（109号）" not in page  # not shown as paused


def test_no_fee_period_line_without_a_fee_awaited(cast, client):
    case = registered_case(cast)[0]
    client.force_login(cast.press)
    assert _fee_period_line(client, case) == ""
    fee_case, _ = _fee_case(cast)
    fee_case.record_payment(by=cast.press, paid_on=D(2022, 10, 12))
    assert _fee_period_line(client, fee_case) == ""  # paid: the clock runs again
