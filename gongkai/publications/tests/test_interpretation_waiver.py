"""Probe 7 F7: 三同步 (穗府办函〔2017〕313号 第三条(一), participation.md §12.1–12.2) — a 规范性文件
signed without its published 解读 needs a real reason. "无", "没有", "/" or a few characters
are refused and nothing is written; a real reason is kept with who gave it (audit)."""

import pytest

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.publications.models import DocumentStatus, Kind, ReviewStep

pytestmark = pytest.mark.django_db


def _at_signing(cast, make_draft):
    doc = make_draft(kind=Kind.NORMATIVE, doc_no="穗应急规字〔2026〕9号")
    doc.submit(by=cast.clerk)
    doc.approve(by=cast.head)
    doc.approve(by=cast.reviewer)
    return doc


@pytest.mark.parametrize("reason", ["无", "没有", "/", "无。", " 暂无 ", "无需解读", "N/A"])
def test_an_empty_ish_reason_does_not_sign_a_normative_document_out(cast, make_draft, reason):
    doc = _at_signing(cast, make_draft)
    with pytest.raises(DomainError, match="具体理由") as refused:
        doc.approve(by=cast.leader, waiver=reason)
    assert refused.value.field == "waiver"
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEW_3 and doc.interpretation_waiver == ""
    assert doc.index_no is None and doc.published_at is None
    assert not ReviewStep.objects.filter(document=doc, actor=cast.leader).exists()
    assert not AuditEntry.objects.filter(
        target_id=str(doc.pk),
        action__in=["document.waive_interpretation", "document.approve"],
        actor=cast.leader,
    ).exists()


def test_the_minimum_is_a_setting(cast, make_draft, settings):
    settings.INTERPRETATION_WAIVER_MIN_CHARS = 20
    doc = _at_signing(cast, make_draft)
    with pytest.raises(DomainError, match="不少于20个字"):
        doc.approve(by=cast.leader, waiver="解读材料由市政府统一发布")


def test_a_real_reason_is_kept_with_the_leader_who_gave_it(cast, make_draft):
    doc = _at_signing(cast, make_draft)
    doc.approve(by=cast.leader, waiver="解读材料正在审核，将于3个工作日内发布")
    doc.refresh_from_db()
    assert doc.is_published
    entry = AuditEntry.objects.get(target_id=str(doc.pk), action="document.waive_interpretation")
    assert entry.actor == cast.leader
