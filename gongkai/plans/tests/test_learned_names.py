"""Probe 8 P4: a unit name (or column header) learned in the import preview is listed with who
recorded it and when, and the press office (or the administrator, for units) points it
elsewhere or deletes it, audited; the next import follows the correction. Others change
nothing."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry, UnitAlias
from gongkai.plans.models import HeaderSynonym, Plan
from gongkai.plans.services import UNKNOWN_HINT
from gongkai.plans.tests.test_import_preview import (
    _confirm,
    _map_columns,
    _plan_docx,
    _upload,
)

NEXT = _plan_docx([["1. 公开年度报告", "按时公开", "法规科", "1月31日前"]], title="2025年安排")


@pytest.fixture
def learned(client, cast):
    """法规科 mapped (wrongly) to 审批处 in a first import by the press office."""
    client.force_login(cast.press)
    preview = _map_columns(client, _upload(client))
    assert _confirm(client, preview, unit_0=str(cast.units["审批处"].pk)).status_code == 302
    return UnitAlias.objects.get(name="法规科")


def _lead_of_next_import(client):
    preview = _upload(client, NEXT, "下一年.docx")
    assert _confirm(client, preview).status_code == 302
    task = Plan.objects.get(source_name="下一年.docx").tasks.get()
    return [a.unit.name for a in task.assignments.select_related("unit")]


def _state():
    return (
        list(UnitAlias.objects.values_list("name", "unit__name")),
        list(HeaderSynonym.objects.values_list("word", "role")),
        AuditEntry.objects.exclude(action__startswith="auth.").count(),
    )


@pytest.mark.django_db
def test_the_unit_page_lists_a_learned_name_with_who_and_when_and_it_is_corrected(
    client, cast, learned
):
    page = client.get(reverse("core:unit_list")).content.decode()
    assert "导入工作方案时记住的单位写法" in page
    assert "<strong>“法规科”</strong> → 审批处" in page and f"{cast.press}于" in page
    assert reverse("core:unit_edit", args=[cast.units["法规处"].pk]) not in page  # admin only
    preview = _upload(client, NEXT, "下一年.docx")
    assert "“法规科”→审批处" in preview.content.decode()  # the preview says a learned name was used

    response = client.post(
        reverse("core:learned_alias_change", args=[learned.pk]),
        {"unit": cast.units["法规处"].pk},
    )

    assert response.status_code == 302
    assert UnitAlias.objects.get(name="法规科").unit == cast.units["法规处"]
    entry = AuditEntry.objects.get(action="unit.alias_repoint")
    assert entry.actor == cast.press
    assert entry.before == {"name": "法规科", "unit": "审批处"}
    assert entry.after == {"name": "法规科", "unit": "法规处"}
    assert _lead_of_next_import(client) == ["法规处"]


@pytest.mark.django_db
def test_a_deleted_learned_name_is_asked_again(client, cast, learned):
    client.force_login(cast.admin)
    response = client.post(reverse("core:learned_alias_change", args=[learned.pk]), {"delete": "1"})
    assert response.status_code == 302 and not UnitAlias.objects.exists()
    assert AuditEntry.objects.get(action="unit.alias_delete").before == {
        "name": "法规科",
        "unit": "审批处",
    }
    client.force_login(cast.press)
    preview = _upload(client, NEXT, "下一年.docx")
    assert preview.context["units_form"].names == ["法规科"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["clerk", "head", "leader", "reviewer", "subordinate_clerk"])
def test_nobody_else_sees_or_changes_a_learned_name(client, cast, learned, who):
    synonym = HeaderSynonym.objects.get(word="谁来做")
    before = _state()
    client.force_login(getattr(cast, who))
    assert client.get(reverse("core:unit_list")).status_code == 403
    change = reverse("core:learned_alias_change", args=[learned.pk])
    assert client.post(change, {"unit": cast.units["法规处"].pk}).status_code == 403
    assert client.post(change, {"delete": "1"}).status_code == 403
    header = reverse("plans:header_synonym_change", args=[synonym.pk])
    assert client.post(header, {"delete": "1"}).status_code == 403
    assert _state() == before


@pytest.mark.django_db
def test_a_learned_name_is_not_pointed_at_a_unit_that_is_no_more(client, cast, learned):
    closed = cast.units["指挥中心"]
    closed.is_active = False
    closed.save()
    before = _state()
    change = reverse("core:learned_alias_change", args=[learned.pk])
    for unit, said in [
        (closed.pk, "所选单位不存在或已停用，请重新选择。"),
        (3_000_000_000, "所选单位不存在或已停用，请重新选择。"),
        ("", "请选择对应的单位。"),
    ]:
        response = client.post(change, {"unit": unit}, follow=True)
        assert response.status_code == 200 and said in response.content.decode()
    assert _state() == before


@pytest.mark.django_db
def test_a_learned_header_is_listed_and_corrected_or_deleted(client, cast, learned):
    synonym = HeaderSynonym.objects.get(word="办法")
    page = client.get(reverse("plans:plan_import")).content.decode()
    assert "导入时记住的表头写法" in page and "<strong>“办法”</strong>" in page

    client.post(reverse("plans:header_synonym_change", args=[synonym.pk]), {"role": "note"})
    assert HeaderSynonym.objects.get(word="办法").role == "note"
    entry = AuditEntry.objects.get(action="plan.header_repoint")
    assert entry.before == {"word": "办法", "role": "落实措施"} and entry.after["word"] == "办法"

    before = _state()
    bad = client.post(reverse("plans:header_synonym_change", args=[synonym.pk]), {"role": "x"})
    assert bad.status_code == 302 and _state() == before

    client.post(reverse("plans:header_synonym_change", args=[synonym.pk]), {"delete": "1"})
    assert not HeaderSynonym.objects.filter(word="办法").exists()
    assert AuditEntry.objects.filter(action="plan.header_delete").count() == 1


@pytest.mark.django_db
def test_an_unmapped_unit_flag_points_to_the_unit_page(client, cast):
    client.force_login(cast.press)
    assert _confirm(client, _map_columns(client, _upload(client))).status_code == 302
    task = Plan.objects.get().tasks.get(number=1)
    assert f"未识别的单位“法规科”，{UNKNOWN_HINT}" in task.flags
    page = client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()
    assert "“单位”页查看和改正" in page and reverse("core:unit_list") in page
