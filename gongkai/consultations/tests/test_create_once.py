"""起草意见征集 sent twice is one consultation with one notice (a double click, or Back and 保存
again): keyed on what was sent, who sent it and the day (core.idempotent.form_key), as the other
"new" forms. The second send writes nothing and says 未重复保存."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from gongkai.consultations.models import Consultation
from gongkai.core.models import AuditEntry
from gongkai.publications.models import Category, Document

pytestmark = pytest.mark.django_db
URL = reverse("consultations:create")
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture(autouse=True)
def _august_30():
    with time_machine.travel(dt.datetime(2022, 8, 30, 10, tzinfo=SHANGHAI), tick=False):
        yield


def _form(**fields):
    return {
        "draft_title": "广州市危险化学品储存安全管理办法",
        "decision_type": "normative",
        "affects_business": "on",
        "opens_on": "2022-09-01",
        "closes_on": "2022-10-01",
        "explanation": "起草说明",
        "draft_text": "第一条 为加强危险化学品安全管理，制定本办法。",
        "category": Category.REGULATIONS_NORMATIVE_DOCS,
        **fields,
    }


def test_the_same_form_sent_twice_makes_one_consultation_one_notice_one_audit_row(client, cast):
    client.force_login(cast.clerk)
    form = _form()
    first = client.post(URL, form)
    again = client.post(URL, form, follow=True)
    consultation = Consultation.objects.get()
    detail = reverse("consultations:detail", args=[consultation.pk])
    assert first["Location"] == detail and again.redirect_chain[-1][0] == detail
    assert "未重复保存" in again.content.decode()
    assert Document.objects.count() == 1
    assert AuditEntry.objects.filter(action="consultation.create").count() == 1
    assert AuditEntry.objects.filter(action="document.create").count() == 1


def test_other_content_is_a_new_consultation(client, cast):
    client.force_login(cast.clerk)
    client.post(URL, _form())
    client.post(URL, _form(draft_title="广州市危险化学品经营安全管理办法"))
    client.post(URL, _form(closes_on="2022-10-08"))
    assert Consultation.objects.count() == 3 and Document.objects.count() == 3


def test_a_refused_form_sent_again_is_refused_again_and_writes_nothing(client, cast):
    client.force_login(cast.clerk)
    form = _form(decision_type="major_decision", closes_on="2022-09-20")
    for _ in range(2):
        page = client.post(URL, form)
        assert "不少于30日" in page.context["form"].errors["closes_on"][0]
    assert not Consultation.objects.exists() and not Document.objects.exists()
    assert not AuditEntry.objects.filter(
        action__in=["consultation.create", "document.create"]
    ).exists()
