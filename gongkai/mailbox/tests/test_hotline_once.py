"""A 12345 work order is registered once (probe 4 finding 1): a double click, or back and submit
again, would make two messages with two tracking numbers, each screened, answered and counted."""

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.mailbox import services
from gongkai.mailbox.forms import HotlineForm
from gongkai.mailbox.models import Channel, Message

ORDER = {
    "hotline_order_no": "GZ12345-20261120-0042",
    "submitted_at": "2026-11-20T09:15",
    "category": "consult",
    "subject": "小区门口共享单车乱停放",
    "body": "小区门口共享单车乱停放，影响通行。",
    "name": "王小明",
    "phone": "138 0013 8000",
}


@pytest.mark.django_db
def test_it_refuses_the_same_order_posted_twice_and_names_the_first_message(client, cast):
    client.force_login(cast.press)
    first = client.post(reverse("mailbox:hotline"), ORDER)
    assert first.status_code == 302
    registered = Message.objects.get()

    again = client.post(reverse("mailbox:hotline"), ORDER)

    assert again.status_code == 200
    errors = again.context["form"].errors["hotline_order_no"]
    assert errors == [f"该工单已登记（{registered.tracking_no}），请勿重复登记。"]
    assert list(Message.objects.values_list("pk", flat=True)) == [registered.pk]
    assert AuditEntry.objects.filter(action="message.register_hotline").count() == 1


@pytest.mark.django_db
def test_it_takes_the_order_number_typed_differently_for_the_same_order(client, cast):
    client.force_login(cast.press)
    client.post(reverse("mailbox:hotline"), ORDER)
    again = client.post(
        reverse("mailbox:hotline"), {**ORDER, "hotline_order_no": " gz12345－20261120－0042 "}
    )
    assert again.status_code == 200
    assert "该工单已登记" in again.content.decode()
    assert Message.objects.get().hotline_order_no == "GZ12345-20261120-0042"


@pytest.mark.django_db
def test_the_service_refuses_an_order_the_form_let_through(cast):
    # Two clicks at the same instant: both forms were checked before either was saved.
    forms = [HotlineForm(ORDER), HotlineForm(ORDER)]
    assert all(form.is_valid() for form in forms)
    services.register_hotline(by=cast.press, form=forms[0])
    with pytest.raises(ValidationError) as refused:
        services.register_hotline(by=cast.press, form=forms[1])
    assert "该工单已登记" in refused.value.message_dict["hotline_order_no"][0]
    assert Message.objects.filter(channel=Channel.HOTLINE).count() == 1


@pytest.mark.django_db
def test_the_migration_marks_a_repeated_order_so_the_constraint_can_hold(cast):
    # Typed two ways before the form tidied it: the database held both.
    services.register_hotline(by=cast.press, form=_valid({**ORDER, "hotline_order_no": "X-1"}))
    Message.objects.create(
        **{**_valid(ORDER).cleaned_data, "hotline_order_no": "x－1", "tracking_no": "LY2026-09999"}
    )
    migration = importlib.import_module("gongkai.mailbox.migrations.0005_hotline_order_once")
    state = MigrationExecutor(connection).loader.project_state(
        ("mailbox", "0004_message_phone_key")
    )
    migration.mark_repeated_orders(state.apps, None)
    assert sorted(Message.objects.values_list("hotline_order_no", flat=True)) == [
        "X-1",
        "X-1（第2次登记）",
    ]


def _valid(data):
    form = HotlineForm(data)
    assert form.is_valid(), form.errors
    return form


@pytest.mark.django_db
@pytest.mark.parametrize("phone", ["abc", "1380013800", "138-0013-800a"])
def test_it_refuses_a_caller_phone_that_is_not_a_number(client, cast, phone):
    """Probe 4 finding 2: the phone is the only way to call the caller back."""
    client.force_login(cast.press)
    response = client.post(reverse("mailbox:hotline"), {**ORDER, "phone": phone})
    assert response.status_code == 200
    assert response.context["form"].errors["phone"] == [
        "联系电话格式不正确，请填写手机号码或带区号的固定电话。"
    ]
    assert not Message.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("phone", ["138 0013 8000", "020-83108000", "83108000"])
def test_it_registers_a_mobile_or_a_landline_as_typed(client, cast, phone):
    client.force_login(cast.press)
    response = client.post(reverse("mailbox:hotline"), {**ORDER, "phone": phone})
    assert response.status_code == 302
    assert Message.objects.get().phone == phone


@pytest.mark.django_db
def test_the_model_refuses_a_phone_that_is_not_a_number():
    message = Message(phone="abc")
    with pytest.raises(ValidationError) as refused:
        message.clean()
    assert refused.value.message_dict["phone"] == [
        "联系电话格式不正确，请填写手机号码或带区号的固定电话。"
    ]
