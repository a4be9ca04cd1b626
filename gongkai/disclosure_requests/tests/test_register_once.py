"""Probe 6 F1: the staff 登记 form sent twice made two applications (two numbers, two query
codes, two attachment copies, two audit rows). It carries an idempotency key, as the public
form does: the second POST shows the first registration. F2: a date that does not belong to
the chosen channel is refused at its field, not accepted and dropped."""

import datetime as dt

from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests.models import CaseFile, Channel, DisclosureRequest
from gongkai.testing import a_pdf, on_day

REGISTER = "disclosure_requests:register"


def _form(**changes):
    return {
        "idempotency_key": "form-1",
        "channel": Channel.REGISTERED_MAIL,
        "signed_on": "2022-09-28",
        "applicant_type": "natural_person",
        "applicant_name": "探针乙",
        "id_document": "11010519491231002X",
        "phone": "13900139000",
        "address": "广州市天河区某路1号",
        "description": "请提供某某检查记录全文",
        "delivery_form": "paper",
        "delivery_method": "post",
        "attachments": [a_pdf("申请表.pdf")],
        **changes,
    }


@on_day(2022, 10, 10)
def test_the_register_form_sent_twice_registers_once(cast, client):
    client.force_login(cast.press)
    first = client.post(reverse(REGISTER), _form())
    second = client.post(reverse(REGISTER), _form(), follow=True)
    case = DisclosureRequest.objects.get()
    assert (
        first.url
        == second.redirect_chain[-1][0]
        == reverse("disclosure_requests:detail", args=[case.pk])
    )
    page = second.content.decode()
    assert f"该申请已于10:00登记，本次提交未重复登记。申请编号 {case.tracking_no}" in page
    assert CaseFile.objects.filter(case=case).count() == 1
    assert AuditEntry.objects.filter(action="request.register").count() == 1
    assert case.events.filter(kind="register").count() == 1


@on_day(2022, 10, 10)
def test_the_same_application_from_a_reloaded_form_registers_once(cast, client):
    """Back and 保存 again: the page is reloaded with a fresh key, the content is the same."""
    client.force_login(cast.press)
    client.post(reverse(REGISTER), _form())
    again = client.post(reverse(REGISTER), _form(idempotency_key="form-2"), follow=True)
    assert "本次提交未重复登记" in again.content.decode()
    assert DisclosureRequest.objects.count() == 1 and CaseFile.objects.count() == 1
    client.post(reverse(REGISTER), _form(idempotency_key="form-3", signed_on="2022-09-29"))
    assert DisclosureRequest.objects.count() == 2  # another day's letter: another application


@on_day(2022, 10, 10)
def test_a_corrected_form_is_a_new_registration(cast, client):
    """Another application typed into the same page (other content) is not swallowed."""
    client.force_login(cast.press)
    client.post(reverse(REGISTER), _form())
    client.post(reverse(REGISTER), _form(description="请提供另一份检查记录全文"))
    assert DisclosureRequest.objects.count() == 2


@on_day(2022, 10, 10)
def test_a_date_of_another_channel_is_refused_at_its_field(cast, client):
    client.force_login(cast.press)
    response = client.post(
        reverse(REGISTER), _form(handed_in_on="2022-09-01", confirmed_on="2022-09-02")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["handed_in_on"] == [
        "按“邮寄（挂号、EMS等需签收）”渠道，收到申请之日以签收日期为准，无需填写此日期；"
        "请清空，或改选申请渠道。"
    ]
    assert "confirmed_on" in errors and "signed_on" not in errors
    assert not DisclosureRequest.objects.exists() and not CaseFile.objects.exists()
    assert client.post(reverse(REGISTER), _form()).status_code == 302  # its own date alone
    assert DisclosureRequest.objects.get().received_on == dt.date(2022, 9, 28)
