"""The rules of the library: what may answer, who approves, what a withdrawn or repealed source
does, and the portal and staff pages around it."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from gongkai.answers import index, passages, services
from gongkai.answers.models import (
    AskedQuestion,
    Entry,
    EntryStatus,
    Passage,
    PassageKind,
    PassageStatus,
)
from gongkai.answers.tests.helpers import YUETAN, entry, published
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.publications.models import Validity

QUESTION = "老板为什么会被应急局叫去谈话？"


def test_it_splits_a_rule_by_article_and_a_notice_by_paragraph():
    pieces = passages.split(
        "第一章 总则\n第一条 甲。\n第二条 乙。\n第二款内容。\n第二章 附则\n第三条 丙。"
    )
    assert [(p.label, p.text, p.heading) for p in pieces] == [
        ("第一条", "甲。", "第一章 总则"),
        ("第二条", "乙。第二款内容。", "第一章 总则"),
        ("第三条", "丙。", "第二章 附则"),
    ]
    notice = passages.split("各区应急管理局：\n" + "一、加强巡查。" * 10 + "\n二、及时转移人员。")
    assert [p.label for p in notice] == ["第1段", "第2段"]


def test_publishing_a_document_splits_it_into_passages_and_withdrawing_retires_them(cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    assert list(Passage.objects.filter(document=document).values_list("label", flat=True)) == [
        "第一条",
        "第二条",
        "第三条",
    ]
    document.withdraw(by=cast.press, reason="发布有误")
    assert not Passage.objects.filter(document=document, status=PassageStatus.LIVE).exists()
    assert index.bm25(["约谈"]) == []


def test_an_unapproved_entry_never_answers_and_an_approved_one_does(cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    assert item.sources.get().quote == YUETAN[1].removeprefix("第二条 ")
    item.submit(by=cast.clerk)
    answer = services.question_ask(text=QUESTION, log=False)
    assert all(c.passage.kind != PassageKind.ENTRY for c in answer.candidates)
    item.approve(by=cast.head)
    answer = services.question_ask(text=QUESTION, log=False)
    assert not answer.refused
    assert answer.best.passage.entry == item


def test_an_entry_left_pending_after_withdrawal_of_its_passage_row_still_never_answers(cast):
    """The live-passage filter is a second lock: a stale entry passage does not answer."""
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    item.submit(by=cast.clerk)
    index.add_entry(item)  # a passage written without approval (a bug elsewhere, say)
    answer = services.question_ask(text=QUESTION, log=False)
    assert all(c.passage.kind != PassageKind.ENTRY for c in answer.candidates)


def test_withdrawing_a_source_document_withdraws_the_entries_citing_it(cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    item.submit(by=cast.clerk)
    item.approve(by=cast.head)
    document.withdraw(by=cast.press, reason="文件有误")
    item.refresh_from_db()
    assert item.status == EntryStatus.WITHDRAWN
    assert "已撤回或不再有效" in item.withdrawn_reason
    assert not Passage.objects.filter(entry=item, status=PassageStatus.LIVE).exists()
    assert AuditEntry.objects.filter(action="answer_entry.source_ended", target_id=str(item.pk))
    answer = services.question_ask(text=QUESTION, log=False)
    assert all(c.passage.kind != PassageKind.ENTRY for c in answer.candidates)


def test_a_repealed_document_never_answers_and_its_entries_are_withdrawn(cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    item.submit(by=cast.clerk)
    item.approve(by=cast.head)
    document.set_validity(by=cast.clerk, validity=Validity.REPEALED, note="废止")
    item.refresh_from_db()
    assert item.status == EntryStatus.WITHDRAWN
    assert not Passage.objects.filter(document=document, status=PassageStatus.LIVE).exists()
    answer = services.question_ask(text="企业负责人什么情况会被约谈", log=False)
    assert answer.candidates == [] or all(
        c.passage.document_id != document.pk for c in answer.candidates
    )


def test_a_document_past_its_end_date_answers_no_more_even_before_anyone_saves_it(cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    type(document).objects.filter(pk=document.pk).update(expires_on=dt.date(2022, 10, 1))
    answer = services.question_ask(text="企业负责人什么情况会被约谈", log=False)
    assert all(c.passage.document_id != document.pk for c in answer.candidates)


def test_only_a_head_of_the_entry_s_unit_who_did_not_submit_it_may_approve(cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    item.submit(by=cast.clerk)
    with pytest.raises(DomainError, match="法规处的处室负责人"):
        item.approve(by=cast.other_clerk)
    with pytest.raises(DomainError, match="法规处的处室负责人"):
        item.approve(by=cast.press_head)  # a head, of another unit
    with pytest.raises(DomainError, match="处室负责人"):
        item.approve(by=cast.clerk)
    item.refresh_from_db()
    assert item.status == EntryStatus.PENDING and item.approved_by is None
    item.approve(by=cast.head)
    assert Entry.objects.get(pk=item.pk).status == EntryStatus.PUBLISHED


def test_the_head_who_submitted_an_entry_cannot_approve_it(cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = services.entry_save(
        entry=Entry(question="约谈是什么", answer="见第二条。"),
        sources=[{"document": document, "article": "第二条"}],
        by=cast.head,
    )
    item.submit(by=cast.head)
    with pytest.raises(DomainError, match="不能审核自己"):
        item.approve(by=cast.head)
    assert Entry.objects.get(pk=item.pk).status == EntryStatus.PENDING


def test_an_entry_cannot_cite_an_article_its_document_does_not_have(cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    with pytest.raises(DomainError, match="没有第九条"):
        entry(cast, document, article="第九条")


def test_a_bulk_import_with_one_bad_line_imports_nothing_and_names_each_bad_line(cast):
    good = {"id": "p1", "title": "第一段", "text": "约谈应当制作约谈记录。", "source": "测试"}
    lines = [json.dumps(good, ensure_ascii=False), "{not json", json.dumps({"id": "p2"})]
    with pytest.raises(services.ImportErrors) as raised:
        services.import_jsonl("\n".join(lines).encode(), by=cast.press)
    assert raised.value.errors == [
        "第2行：不是有效的 JSON（检查引号、逗号和括号）",
        "第3行：缺少“title”",
        "第3行：缺少“text”",
    ]
    assert not Passage.objects.exists()


def test_re_importing_a_passage_id_replaces_it(cast):
    record = {"id": "p1", "title": "甲", "text": "约谈应当制作约谈记录。", "source": "测试"}
    services.import_jsonl(json.dumps(record, ensure_ascii=False).encode())
    record["text"] = "约谈记录应当明确整改时限。"
    services.import_jsonl(json.dumps(record, ensure_ascii=False).encode())
    assert list(Passage.objects.values_list("key", "text")) == [
        ("p1", "约谈记录应当明确整改时限。")
    ]


def test_the_portal_answers_a_question_and_logs_it_without_personal_data(cast, client):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    item.submit(by=cast.clerk)
    item.approve(by=cast.head)
    response = client.post(reverse("answers_public:ask"), {"q": QUESTION})
    assert response.status_code == 200
    assert (
        "第二条" in response.content.decode() and "主要负责人进行约谈" in response.content.decode()
    )
    asked = AskedQuestion.objects.get()
    assert (asked.text, asked.outcome, asked.best.entry) == (QUESTION, "answered", item)


def test_the_portal_refuses_an_off_topic_question_and_staff_see_it_unanswered(cast, client):
    published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    response = client.post(reverse("answers_public:ask"), {"q": "我的养老金什么时候发"})
    page = response.content.decode()
    assert "暂时无法答复" in page and "12345" in page and "人力资源和社会保障局" in page
    asked = AskedQuestion.objects.get()
    assert asked.outcome == "refused"
    client.force_login(cast.press)
    assert "我的养老金什么时候发" in client.get(reverse("answers:unanswered")).content.decode()


def test_the_portal_masks_personal_data_a_citizen_typed_into_a_question(cast, client):
    published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    client.post(reverse("answers_public:ask"), {"q": "我是13912345678，约谈记录能给我吗"})
    text = AskedQuestion.objects.get().text
    assert "13912345678" not in text and text.endswith("，约谈记录能给我吗")


def test_withdrawing_an_entry_takes_its_words_out_of_the_index(cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document, question="叫去谈话的老板要带什么材料")
    item.submit(by=cast.clerk)
    item.approve(by=cast.head)
    passage = Passage.objects.get(entry=item)
    assert [pk for pk, _ in index.bm25(["材料"])] == [passage.pk]
    item.withdraw(by=cast.head, reason="答复需要更新")
    assert index.bm25(["材料"]) == []
    assert Entry.objects.get(pk=item.pk).status == EntryStatus.WITHDRAWN


def test_the_portal_stops_a_network_that_asks_too_often(cast, client, settings):
    settings.QA_RATE_PER_HOUR = 2
    published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    for _ in range(3):
        response = client.post(reverse("answers_public:ask"), {"q": "约谈是什么"})
    assert "提问过于频繁" in response.content.decode()
    assert AskedQuestion.objects.count() == 2


def test_staff_write_an_entry_from_an_unanswered_question(cast, client):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    asked = AskedQuestion.objects.create(text="约谈以后要干什么", outcome="refused")
    client.force_login(cast.clerk)
    url = reverse("answers:entry_create") + f"?from={asked.pk}"
    form = {
        "question": "约谈以后企业要做什么？",
        "answer": "按约谈记录的整改措施和时限整改。",
        "checked_on": "2022-10-01",
        "source1": document.pk,
        "article1": "第三条",
    }
    response = client.post(url, form)
    item = Entry.objects.get()
    assert response.status_code == 302
    assert (item.status, item.unit, item.from_question) == ("draft", cast.units["法规处"], asked)
    assert item.sources.get().article == "第三条"
    asked.refresh_from_db()
    assert asked.entry == item
    assert not services.unanswered().exists()


def test_remind_sends_an_entry_not_checked_for_a_year_back_to_its_unit(cast):
    from gongkai.answers import reminders

    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    item.submit(by=cast.clerk)
    item.approve(by=cast.head)
    Entry.objects.filter(pk=item.pk).update(checked_on=dt.date(2021, 9, 30))
    lines = reminders.sweep(today=dt.date(2022, 10, 1), days=3)
    assert lines == [f"已超过一年未核对\t2021-09-30\t法规处\t{QUESTION}"]
    notified = set(cast.head.notifications.values_list("text", flat=True))
    assert notified == {
        f"政策问答“{QUESTION}”已超过一年未核对：请对照依据文件核对答复，并更新核对日期"
    }
    assert cast.other_clerk.notifications.count() == 0
    assert reminders.sweep(today=dt.date(2022, 9, 20), days=3) == []


def test_the_qa_command_imports_passages_and_answers_in_json_lines(db, tmp_path, capsys):
    from django.core.management import call_command

    from gongkai.answers import evaluation

    records = [r for r in evaluation.law_records() if r["id"].startswith("109:")]
    source = tmp_path / "passages.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    call_command("qa", "import", str(source))
    questions = tmp_path / "questions.txt"
    questions.write_text("复印两百多页材料怎么收费\n明天会下雨吗\n", "utf-8")
    capsys.readouterr()
    call_command("qa", "ask", "--file", str(questions), "--json")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(x["question"], x["refused"]) for x in lines] == [
        ("复印两百多页材料怎么收费", False),
        ("明天会下雨吗", True),
    ]
    assert lines[0]["sources"][0]["id"] == "109:第五条" and len(lines[0]["sources"]) >= 3
    assert "31—100页（含100页）的部分：10元/页" in lines[0]["answer"]


def test_the_head_sees_entries_waiting_for_approval_on_the_dashboard(cast, client):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    item.submit(by=cast.clerk)
    client.force_login(cast.head)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "待我审核的问答条目（1）" in page and QUESTION in page
    client.force_login(cast.other_clerk)
    assert QUESTION not in client.get(reverse("core:dashboard")).content.decode()


def test_a_vocabulary_phrase_with_an_ellipsis_matches_a_few_characters_in_between():
    from gongkai.answers.retrieval import _says

    assert _says("申请要写些什么", "写…什么")
    assert _says("申请写什么", "写…什么")
    assert not _says("写完了以后过了好几天才想起什么", "写…什么")
    assert _says("多久答复", "多久答复") and not _says("多久答", "多久答复")
