"""Full-width e-mail tidying at the model (core.fields.EmailField), so that every path reaches
it: each ModelForm (the guide page's, Django admin's), full_clean, and a plain save by a
service or a command. The one normaliser is forms_common.tidy_email."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from gongkai import forms_common
from gongkai.core import fields
from gongkai.core.models import AuditEntry, User
from gongkai.publications.models import PortalPage

TYPED = "ｌｉ＠ｅｘａｍｐｌｅ。gov.cn"  # as a Chinese IME types it
PLAIN = "li@example.gov.cn"

EMAIL_FIELDS = [
    (model, field.name)
    for model in apps.get_models()
    if model.__module__.startswith("gongkai.")
    for field in model._meta.concrete_fields
    if isinstance(field, models.EmailField)
]


def test_the_project_keeps_e_mail_addresses_on_five_models():
    names = {f"{model._meta.label}.{name}" for model, name in EMAIL_FIELDS}
    assert {"core.User.email", "publications.PortalPage.email"} <= names
    assert len(names) >= 5


@pytest.mark.parametrize(("model", "name"), EMAIL_FIELDS, ids=lambda x: getattr(x, "__name__", x))
def test_every_e_mail_field_tidies_and_so_does_its_admin_form(model, name):
    assert type(model._meta.get_field(name)) is fields.EmailField
    form = admin.ModelAdmin(model, admin.site).get_form(RequestFactory().get("/"), fields=[name])
    assert type(form.base_fields[name]) is forms_common.EmailField
    assert form.base_fields[name].clean(TYPED) == PLAIN


def test_a_plain_save_and_full_clean_tidy_the_address(cast):
    user = User.objects.create_user("tongji", password="Tongji-2022-secret", email=TYPED)
    assert User.objects.values_list("email", flat=True).get(pk=user.pk) == PLAIN
    cast.clerk.email = TYPED
    cast.clerk.full_clean(exclude=["password"])  # refused before: ＠ is no @
    assert cast.clerk.email == PLAIN


def _guide_form(client):
    url = reverse("publications:portal_page_edit", args=["guide"])
    form = client.get(url).context["form"]
    return url, {name: form.initial.get(name) or "" for name in form.fields}


def test_the_guide_page_s_e_mail_is_tidied(client, cast):
    client.force_login(cast.press)
    url, data = _guide_form(client)
    assert client.post(url, {**data, "email": TYPED}).status_code == 302
    assert PortalPage.objects.get(slug="guide").email == PLAIN
    assert AuditEntry.objects.get(action="portal_page.edit").after["email"] == PLAIN


def test_a_malformed_guide_e_mail_is_refused_and_nothing_written(client, cast):
    client.force_login(cast.press)
    url, data = _guide_form(client)
    response = client.post(url, {**data, "email": "ｌｉ＠", "phone": "020-83186312"})
    assert response.status_code == 400
    assert not PortalPage.objects.filter(slug="guide", phone="020-83186312").exists()
    assert not AuditEntry.objects.filter(action="portal_page.edit").exists()
