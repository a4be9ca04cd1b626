"""Imported passages (导入段落) go through the same rule as entries (probe 7 F5): a line holding
personal data is refused, and a passage staff import answers nobody until a head of the
importing unit who did not import it approves it."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from gongkai.answers import retrieval, services
from gongkai.answers.models import Passage, PassageStatus
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry, Notification
from gongkai.core.roles import Role

# Probe 7's line: a name, a mobile number, an ID number and an address, "answered" as a rule.
PERSONAL = {
    "id": "probe7-p2",
    "title": "探针七：夜间施工投诉处理",
    "text": "夜间施工噪声投诉由张三负责受理，手机13912345678，身份证号440106198001011234，"
    "住址广州市天河区某路88号。",
    "source": "探针七",
    "asked": ["夜间施工噪声找谁投诉"],
}
CLEAN = {
    "id": "yuetan-1",
    "title": "约谈办法第三条",
    "text": "约谈应当制作约谈记录，明确整改措施和整改时限。",
    "source": "测试",
    "asked": ["被约谈以后要写整改材料吗"],
}


def jsonl(*records) -> bytes:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode()


def live_keys():
    return set(retrieval.live_passages().values_list("key", flat=True))


def imported(cast, record=CLEAN) -> Passage:
    services.import_jsonl(jsonl(record), by=cast.press)
    return Passage.objects.get(key=record["id"])


def test_a_line_with_personal_data_is_refused_by_line_and_nothing_is_imported(cast):
    with pytest.raises(services.ImportErrors) as raised:
        services.import_jsonl(jsonl(CLEAN, PERSONAL), by=cast.press)
    assert raised.value.errors == [
        "第2行：含有个人信息（正文：手机号码139****5678、住址广州市天河区某路**号、身份证号或银行卡号），"
        "请删除后再导入"
    ]
    assert not Passage.objects.exists()
    assert not AuditEntry.objects.filter(action="answer_import").exists()


def test_the_command_line_import_runs_the_same_scan(db, tmp_path):
    source = tmp_path / "p.jsonl"
    source.write_bytes(jsonl(CLEAN, PERSONAL))
    with pytest.raises(CommandError, match="第2行：含有个人信息"):
        call_command("qa", "import", str(source))
    assert not Passage.objects.exists()


def test_personal_data_in_how_citizens_ask_is_refused_too(cast):
    record = {**CLEAN, "asked": ["我叫王小明，身份证11010519491231002X，约谈要带什么"]}
    with pytest.raises(services.ImportErrors, match="第1行：含有个人信息（群众问法：身份证号"):
        services.import_jsonl(jsonl(record), by=cast.press)
    assert not Passage.objects.exists()


def test_a_staff_import_waits_for_the_head_and_answers_nobody_until_then(cast):
    passage = imported(cast)
    assert (passage.status, passage.unit, passage.imported_by) == (
        PassageStatus.PENDING,
        cast.press.unit,
        cast.press,
    )
    assert "yuetan-1" not in live_keys()
    answer = services.question_ask(text="被约谈以后要写整改材料吗", log=False)
    assert all(c.passage.key != "yuetan-1" for c in answer.candidates)
    # The unit's head is told it waits.
    assert Notification.objects.filter(
        user=cast.press_head, key__startswith="answer_passage"
    ).exists()


def test_the_import_audit_names_the_passages_it_brought_in(cast):
    passage = imported(cast)
    row = AuditEntry.objects.get(action="answer_import")
    assert (row.actor, row.data["passage_ids"], row.data["passage_keys"]) == (
        cast.press,
        [passage.pk],
        ["yuetan-1"],
    )


@pytest.mark.parametrize("who", ["press", "head", "clerk", "reviewer"])
def test_the_importer_and_others_than_the_units_head_cannot_approve(cast, who):
    passage = imported(cast)
    with pytest.raises(DomainError):
        passage.approve(by=getattr(cast, who))
    passage.refresh_from_db()
    assert (passage.status, passage.approved_by) == (PassageStatus.PENDING, None)
    assert "yuetan-1" not in live_keys()
    assert not AuditEntry.objects.filter(action="answer_passage.approve").exists()


def test_the_units_head_approves_and_then_it_answers(cast):
    passage = imported(cast)
    passage.approve(by=cast.press_head, comment="核对无误")
    passage.refresh_from_db()
    assert (passage.status, passage.approved_by) == (PassageStatus.LIVE, cast.press_head)
    assert "yuetan-1" in live_keys()
    row = AuditEntry.objects.get(action="answer_passage.approve")
    assert (row.actor, row.target_id, row.data["key"]) == (
        cast.press_head,
        str(passage.pk),
        "yuetan-1",
    )
    with pytest.raises(DomainError, match="不能审核"):  # twice: nothing more written
        passage.approve(by=cast.press_head)
    assert AuditEntry.objects.filter(action="answer_passage.approve").count() == 1


def test_a_head_who_imported_cannot_approve_his_own_import_a_leader_stands_in(cast):
    cast.press_head.set_roles([*cast.press_head.roles, Role.PRESS_OFFICE])
    services.import_jsonl(jsonl(CLEAN), by=cast.press_head)
    passage = Passage.objects.get(key="yuetan-1")
    with pytest.raises(DomainError, match="不能审核自己导入"):
        passage.approve(by=cast.press_head)
    assert Passage.objects.get(pk=passage.pk).status == PassageStatus.PENDING
    passage.approve(by=cast.leader)
    assert Passage.objects.get(pk=passage.pk).status == PassageStatus.LIVE


def test_withdrawing_needs_a_reason_and_the_right_person_then_it_answers_no_more(cast):
    passage = imported(cast)
    passage.approve(by=cast.press_head)
    for who, reason in ((cast.clerk, "不对"), (cast.head, "不对"), (cast.press, "")):
        with pytest.raises(DomainError):
            passage.withdraw(by=who, reason=reason)
    assert Passage.objects.get(pk=passage.pk).status == PassageStatus.LIVE
    assert not AuditEntry.objects.filter(action="answer_passage.withdraw").exists()
    passage.withdraw(by=cast.press, reason="内容有误")
    assert "yuetan-1" not in live_keys()
    row = AuditEntry.objects.get(action="answer_passage.withdraw")
    assert (row.actor, row.data["key"], row.data["reason"]) == (cast.press, "yuetan-1", "内容有误")


def test_the_command_line_import_stays_direct(db, tmp_path):
    source = tmp_path / "p.jsonl"
    source.write_bytes(jsonl(CLEAN))
    call_command("qa", "import", str(source))
    passage = Passage.objects.get()
    assert (passage.status, passage.unit, passage.imported_by) == (PassageStatus.LIVE, None, None)
    assert "yuetan-1" in live_keys()


def test_staff_see_their_units_passages_and_the_head_approves_on_the_page(cast, client):
    passage = imported(cast)
    client.force_login(cast.head)  # 法规处: not their unit's import
    assert "约谈办法第三条" not in client.get(reverse("answers:passage_list")).content.decode()
    assert client.get(reverse("answers:passage_detail", args=[passage.pk])).status_code == 404
    client.force_login(cast.press_head)
    page = client.get(reverse("answers:passage_list") + "?status=pending").content.decode()
    assert "约谈办法第三条" in page
    detail = client.get(reverse("answers:passage_detail", args=[passage.pk])).content.decode()
    assert "审核通过并用于答复" in detail and "约谈应当制作约谈记录" in detail
    client.post(reverse("answers:passage_act", args=[passage.pk, "approve"]), {"comment": "同意"})
    assert Passage.objects.get(pk=passage.pk).status == PassageStatus.LIVE


def test_the_web_import_no_longer_answers_at_once(cast, client):
    """Probe 7's reproduction, the clean way round: imported through the page, asked at once."""
    client.force_login(cast.press)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("p.jsonl", jsonl(CLEAN))
    response = client.post(reverse("answers:import"), {"file": upload}, follow=True)
    assert "待处室负责人审核" in response.content.decode()
    assert Passage.objects.get().status == PassageStatus.PENDING
    assert "yuetan-1" not in live_keys()


AVOID = {
    "id": "避难-1",
    "title": "应急避难场所管理办法第二条",
    "text": "应急避难场所应当设置明显的标志，标明场所的名称、位置和疏散路线。",
    "source": "测试",
    "asked": ["避难场所要不要挂牌子"],
}


def _pending_row(vectors, passage) -> bool:
    return bool(vectors.pending[vectors.ids.tolist().index(passage.pk)])


def test_a_passage_approved_or_withdrawn_between_two_questions_is_seen_by_the_second(cast):
    # The passages' status is read with their cached vectors, not by a query per question: the
    # cache is read again when one is approved or withdrawn, as when one is added.
    services.import_jsonl(jsonl(AVOID))  # the operator's import: live at once
    passage = imported(cast)
    question = "被约谈以后要写整改材料吗"
    before = retrieval.passage_vectors()
    assert _pending_row(before, passage)
    assert all(c.passage.key != "yuetan-1" for c in retrieval.ask(question).candidates)

    passage.approve(by=cast.press_head)
    approved = retrieval.passage_vectors()
    assert approved is not before and not _pending_row(approved, passage)
    assert retrieval.ask(question).candidates[0].passage.key == "yuetan-1"

    passage.withdraw(by=cast.press, reason="内容有误")
    withdrawn = retrieval.passage_vectors()
    assert withdrawn is not approved and not _pending_row(withdrawn, passage)
    assert all(c.passage.key != "yuetan-1" for c in retrieval.ask(question).candidates)
    assert retrieval.passage_vectors() is withdrawn  # and kept while nothing changes
