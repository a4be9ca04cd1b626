"""The review chain (三审三校, 先审后发): draft → 一审 → 二审 → 三审 → published."""

import datetime as dt

import pytest

from gongkai.core.models import AuditEntry
from gongkai.publications.models import (
    Attribute,
    Document,
    DocumentStatus,
    DomainError,
    Kind,
    ReviewStep,
)


def test_it_publishes_only_after_three_approvals_in_order(cast, make_draft):
    doc = make_draft()
    doc.submit(by=cast.clerk)
    assert doc.status == DocumentStatus.REVIEW_1
    doc.approve(by=cast.head)
    assert doc.status == DocumentStatus.REVIEW_2 and doc.index_no is None
    doc.approve(by=cast.reviewer)
    assert doc.status == DocumentStatus.REVIEW_3 and doc.published_at is None
    doc.approve(by=cast.leader)
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.PUBLISHED and doc.index_no and doc.published_at
    actions = list(doc.steps.values_list("stage", "action"))
    assert actions == [
        ("draft", "submit"),
        ("review_1", "approve"),
        ("review_2", "approve"),
        ("review_3", "approve"),
    ]
    logged = set(AuditEntry.objects.filter(target_id=str(doc.pk)).values_list("action", flat=True))
    assert {"document.create", "document.submit", "document.approve", "document.publish"} <= logged


@pytest.mark.parametrize("stage_reviewer", ["clerk", "other_clerk", "reviewer", "leader", "press"])
def test_it_refuses_the_first_review_from_anyone_but_the_units_head(
    cast, make_draft, stage_reviewer
):
    doc = make_draft()
    doc.submit(by=cast.clerk)
    with pytest.raises(DomainError, match="处室负责人"):
        doc.approve(by=getattr(cast, stage_reviewer))
    assert doc.status == DocumentStatus.REVIEW_1


def test_it_cannot_skip_a_stage(cast, make_draft):
    doc = make_draft()
    with pytest.raises(DomainError):
        doc.approve(by=cast.leader)  # still a draft
    doc.submit(by=cast.clerk)
    with pytest.raises(DomainError):
        doc.approve(by=cast.leader)  # 三审 before 一审
    with pytest.raises(DomainError):
        doc.approve(by=cast.reviewer)  # 二审 before 一审
    doc.approve(by=cast.head)
    with pytest.raises(DomainError):
        doc.approve(by=cast.leader)  # 三审 before 二审
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEW_2


def test_it_requires_a_comment_to_return_and_goes_back_to_draft(cast, make_draft):
    doc = make_draft()
    doc.submit(by=cast.clerk)
    doc.approve(by=cast.head)
    with pytest.raises(DomainError, match="退回意见"):
        doc.return_(by=cast.reviewer, comment="  ")
    doc.return_(by=cast.reviewer, comment="第三段含当事人姓名，请删除")
    assert doc.status == DocumentStatus.DRAFT
    step = doc.steps.last()
    assert step.action == ReviewStep.Action.RETURN and step.comment.startswith("第三段")
    assert AuditEntry.objects.filter(action="document.return", target_id=str(doc.pk)).exists()
    doc.submit(by=cast.clerk)  # a fresh round: 一审 again
    assert doc.status == DocumentStatus.REVIEW_1 and doc.round == 2


def test_it_refuses_to_submit_what_is_not_proactively_disclosed(cast, make_draft):
    doc = make_draft(
        attribute=Attribute.ON_REQUEST, attribute_reason="涉及第三方商业秘密（条例第十五条）"
    )
    with pytest.raises(DomainError, match="不在网站发布"):
        doc.submit(by=cast.clerk)


def test_it_needs_an_interpretation_or_a_logged_waiver_for_a_normative_document(cast, make_draft):
    doc = make_draft(kind=Kind.NORMATIVE, doc_no="穗应急规字〔2022〕3号")
    doc.submit(by=cast.clerk)
    doc.approve(by=cast.head)
    doc.approve(by=cast.reviewer)
    with pytest.raises(DomainError, match="政策解读"):
        doc.approve(by=cast.leader)
    doc.approve(by=cast.leader, waiver="解读与文件由市政府统一发布")
    doc.refresh_from_db()
    assert doc.is_published and doc.interpretation_waiver == "解读与文件由市政府统一发布"
    assert AuditEntry.objects.filter(
        action="document.waive_interpretation", target_id=str(doc.pk)
    ).exists()


def test_it_publishes_a_normative_document_with_its_interpretation_without_waiver(
    cast, make_draft, publish
):
    doc = make_draft(kind=Kind.NORMATIVE)
    publish(make_draft(kind=Kind.INTERPRETATION, title="一图读懂", interprets=doc))
    publish(doc, waiver="")
    assert doc.is_published and doc.interpretation_waiver == ""


def test_it_lets_only_the_press_office_withdraw_with_a_reason(cast, make_draft, publish):
    doc = publish(make_draft())
    number = doc.index_no
    with pytest.raises(DomainError):
        doc.withdraw(by=cast.clerk, reason="错误")
    with pytest.raises(DomainError, match="理由"):
        doc.withdraw(by=cast.press, reason="")
    doc.withdraw(by=cast.press, reason="附件版本有误")
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.WITHDRAWN and doc.index_no == number
    assert AuditEntry.objects.filter(action="document.withdraw", target_id=str(doc.pk)).exists()


def test_it_does_not_let_one_person_approve_two_stages(cast, make_draft):
    cast.head.set_roles(["处室负责人", "保密审查员"])
    doc = make_draft()
    doc.submit(by=cast.clerk)
    doc.approve(by=cast.head)
    with pytest.raises(DomainError, match="两个环节"):
        doc.approve(by=cast.head)


def test_it_computes_the_article_26_deadline_in_working_days(cast, make_draft):
    """条例第二十六条: 20 working days from formation.

    2022-09-28 + 20 WD skips 国庆 and counts the 调休 weekend of 10-08/09 → 10-31."""
    doc = make_draft(written_on=dt.date(2022, 9, 28))
    assert doc.publish_due == dt.date(2022, 10, 31)
    assert doc.publish_overdue(dt.date(2022, 11, 1)) and not doc.publish_overdue(
        dt.date(2022, 10, 31)
    )


def test_it_rejects_a_not_proactive_document_without_reason(cast, make_draft):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_draft(attribute=Attribute.NOT_DISCLOSED, attribute_reason="")


@pytest.mark.parametrize("kind", [Kind.RULE, Kind.NORMATIVE])
@pytest.mark.parametrize("attribute", [Attribute.ON_REQUEST, Attribute.NOT_DISCLOSED])
def test_it_keeps_rules_and_normative_documents_proactive(cast, make_draft, kind, attribute):
    """条例 第二十条第（一）项: 规章和规范性文件 are disclosed proactively, so neither may be
    drafted as 依申请公开 or 不予公开, with a reason or without."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        make_draft(kind=kind, attribute=attribute, attribute_reason="涉及内部管理（条例第十六条）")
    assert "第二十条第（一）项" in refused.value.message_dict["attribute"][0]
    assert not Document.objects.exists()


def test_it_refuses_to_turn_a_normative_draft_into_an_on_request_one(cast, make_draft):
    """条例 第二十条第（一）项: an edit cannot take a 行政规范性文件 out of 主动公开 either."""
    from django.core.exceptions import ValidationError

    doc = make_draft(kind=Kind.NORMATIVE)
    with pytest.raises(ValidationError, match="行政规范性文件应当主动公开"):
        doc.edit(
            by=cast.clerk,
            version=doc.version,
            attribute=Attribute.ON_REQUEST,
            attribute_reason="暂不公开",
        )
    doc.refresh_from_db()
    assert (doc.attribute, doc.attribute_reason, doc.version) == (Attribute.PROACTIVE, "", 1)


def test_a_draft_interpretation_does_not_let_a_normative_document_out_without_a_waiver(
    cast, make_draft
):
    """Probe 3 finding 4: a draft 解读 nobody reviewed let a 行政规范性文件 pass 三审 with no
    waiver question (穗府办函〔2017〕313号 第二条 同步审签; participation.md §12.2)."""
    doc = make_draft(kind=Kind.NORMATIVE, doc_no="穗应急规字〔2022〕3号")
    draft = make_draft(kind=Kind.INTERPRETATION, title="（草稿）解读", interprets=doc)
    doc.submit(by=cast.clerk)
    doc.approve(by=cast.head)
    doc.approve(by=cast.reviewer)
    with pytest.raises(DomainError, match="还没有审定的政策解读"):
        doc.approve(by=cast.leader)
    doc.refresh_from_db()
    draft.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEW_3 and doc.published_at is None
    assert doc.interpretation_waiver == "" and draft.status == DocumentStatus.DRAFT
    assert not AuditEntry.objects.filter(action="document.publish").exists()


def test_a_rule_needs_a_published_interpretation_or_a_waiver_too(cast, make_draft, publish):
    """313号 第三条(一): 政府规章 (政府令) must be interpreted, like 行政规范性文件."""
    rule = make_draft(kind=Kind.RULE, title="广州市危险化学品安全管理规定", doc_no="政府令第1号")
    rule.submit(by=cast.clerk)
    rule.approve(by=cast.head)
    rule.approve(by=cast.reviewer)
    with pytest.raises(DomainError, match="该规章还没有审定的政策解读"):
        rule.approve(by=cast.leader)
    rule.refresh_from_db()
    assert rule.status == DocumentStatus.REVIEW_3 and rule.published_at is None
    publish(make_draft(kind=Kind.INTERPRETATION, title="规定解读", interprets=rule))
    rule.approve(by=cast.leader)
    rule.refresh_from_db()
    assert rule.is_published and rule.interpretation_waiver == ""
