"""A question whose answer was withdrawn is refused, not answered with the next passage in line
(probe 7 N2: after its rule was withdrawn, "企业里谁对安全生产负总责？" got the 约谈 entry) —
an entry's, and a withdrawn, repealed or replaced document's that no entry cited."""

import numpy as np
from django.urls import reverse

from gongkai.answers import embed, index, retrieval, services
from gongkai.answers.models import (
    AskedQuestion,
    Entry,
    EntryStatus,
    Passage,
    PassageKind,
    PassageStatus,
)
from gongkai.answers.tests.helpers import YUETAN, published
from gongkai.publications.models import Validity

QUESTION = "企业里谁对安全生产负总责？"
ZEREN = [
    "第一条 为落实生产经营单位安全生产主体责任，制定本规定。",
    "第二条 生产经营单位的主要负责人是本单位安全生产第一责任人，对本单位的安全生产工作全面负责。",
]


def _approved(cast, document, question, phrasings, answer, article):
    item = services.entry_save(
        entry=Entry(question=question, phrasings=phrasings, answer=answer, topics="安全生产"),
        sources=[{"document": document, "article": article}],
        by=cast.clerk,
    )
    item.submit(by=cast.clerk)
    item.approve(by=cast.head)
    return item


def _library(cast):
    zeren = published(cast, "广州市生产经营单位安全生产主体责任规定", ZEREN)
    yuetan = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    responsible = _approved(
        cast,
        zeren,
        QUESTION,
        "工厂出了安全问题谁负责\n安全生产第一责任人是谁",
        "生产经营单位的主要负责人是本单位安全生产第一责任人，对安全生产工作全面负责。",
        "第二条",
    )
    talk = _approved(
        cast,
        yuetan,
        "哪些情况下企业负责人会被应急局约谈？",
        "老板为什么会被应急局叫去谈话",
        "发生生产安全事故或者存在重大事故隐患的企业，主要负责人会被约谈。",
        "第二条",
    )
    _approved(
        cast,
        yuetan,
        "约谈以后企业要做什么？",
        "企业安全生产责任没落实被约谈后怎么整改\n安全生产整改措施由谁负责落实",
        "约谈应当制作约谈记录，企业按记录明确的整改措施和时限整改。",
        "第三条",
    )
    return zeren, responsible, talk


def test_after_its_source_is_withdrawn_the_question_is_refused_not_answered_off_topic(cast, client):
    zeren, responsible, talk = _library(cast)
    assert services.question_ask(text=QUESTION, log=False).best.passage.entry == responsible
    zeren.withdraw(by=cast.press, reason="测试：规定已废止")
    assert Entry.objects.get(pk=responsible.pk).status == EntryStatus.WITHDRAWN

    page = client.post(reverse("answers_public:ask"), {"q": QUESTION}).content.decode()
    assert "暂时无法答复这个问题" in page and "原来的答复已撤下" in page
    assert "企业按记录明确的整改措施" not in page  # the next 约谈 entry is not given in its place
    asked = AskedQuestion.objects.get()
    assert (asked.outcome, asked.reason.endswith(retrieval.WITHDRAWN)) == ("refused", True)
    # A paraphrase of the withdrawn question too; the other entry's own question still answers.
    assert services.question_ask(text="谁是企业安全生产第一责任人", log=False).refused
    answer = services.question_ask(text="老板为什么会被应急局叫去谈话", log=False)
    assert answer.best.passage.entry == talk


def test_an_entry_its_head_withdrew_is_not_replaced_by_an_off_topic_answer(cast):
    _, responsible, _ = _library(cast)
    responsible.withdraw(by=cast.head, reason="答复措辞需修改")
    answer = services.question_ask(text=QUESTION, log=False)
    assert answer.refused and answer.reasons[-1] == retrieval.WITHDRAWN


def _stands_in(question, best):
    """retrieval.stands_in_for_withdrawn with `best` as the answer found, on the real vectors."""
    vectors = retrieval.passage_vectors()
    live = np.isin(vectors.ids, list(retrieval.live_passages().values_list("pk", flat=True)))
    closeness = retrieval.dense_scores(vectors, live, embed.query(question))[3]
    return retrieval.stands_in_for_withdrawn(vectors, closeness, live, ~live, best)


def test_the_withdrawn_entrys_own_rule_still_in_force_may_answer(cast):
    zeren, responsible, _ = _library(cast)
    responsible.withdraw(by=cast.head, reason="答复措辞需修改")
    article = Passage.objects.get(document=zeren, label="第二条")
    assert not _stands_in(QUESTION, article)
    # …and the same answer with another passage in its place is refused.
    other = Passage.objects.get(entry__question="约谈以后企业要做什么？")
    assert _stands_in(QUESTION, other)


# A document no entry cites: its articles answered on their own.
ZHIBAN = [
    "第一条 为规范应急值班值守工作，制定本规定。",
    "第二条 节假日期间，各单位实行二十四小时值班和领导带班制度，值班人员不得擅自离岗。",
    "第三条 值班人员接到突发事件信息后，应当在三十分钟内向市应急管理局电话报告。",
]
ASKED = "节假日期间单位要不要安排二十四小时值班？"


def test_a_question_only_a_repealed_document_answered_is_told_so_not_answered_off_topic(
    cast, client
):
    zhiban = published(cast, "广州市应急值班值守工作规定", ZHIBAN)
    published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    found = services.question_ask(text=ASKED, log=False)
    assert not found.refused and found.best.passage.document == zhiban

    zhiban.set_validity(by=cast.clerk, validity=Validity.REPEALED, note="废止")
    retired = Passage.objects.filter(document=zhiban)
    assert set(retired.values_list("status", flat=True)) == {PassageStatus.WITHDRAWN}
    assert index.bm25(["值班"]) == []  # out of the word index, vectors kept

    page = client.post(reverse("answers_public:ask"), {"q": ASKED}).content.decode()
    assert "暂时无法答复这个问题" in page and "原来的答复已撤下" in page
    for text in ZHIBAN + YUETAN:  # neither the repealed rule nor the next in line is shown
        assert text.split(" ", 1)[1] not in page
    asked = AskedQuestion.objects.get()
    assert (asked.outcome, asked.reason.endswith(retrieval.WITHDRAWN)) == ("refused", True)
    answer = services.question_ask(text=ASKED, log=False)
    assert all(c.passage.document_id != zhiban.pk for c in answer.candidates)
    # The other document still answers its own questions.
    other = services.question_ask(text="企业负责人什么情况会被约谈", log=False)
    assert not other.refused and other.best.passage.kind == PassageKind.ARTICLE


def test_a_replaced_documents_question_is_answered_by_the_version_that_replaced_it(cast):
    old = published(cast, "广州市应急值班值守工作规定", ZHIBAN)
    published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    new = published(
        cast,
        "广州市应急值班值守工作规定（2024年修订）",
        [ZHIBAN[0], ZHIBAN[1].replace("领导带班", "领导带班和视频点名"), ZHIBAN[2]],
    )
    old.set_validity(by=cast.clerk, validity=Validity.AMENDED, replaced_by=new, note="修订")
    answer = services.question_ask(text=ASKED, log=False)
    assert not answer.refused and answer.best.passage.document == new
    assert retrieval.WITHDRAWN not in answer.reasons


def test_a_repealed_document_back_in_force_answers_again(cast):
    zhiban = published(cast, "广州市应急值班值守工作规定", ZHIBAN)
    published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    zhiban.set_validity(by=cast.clerk, validity=Validity.REPEALED, note="废止")
    assert services.question_ask(text=ASKED, log=False).refused
    zhiban.set_validity(by=cast.clerk, validity=Validity.CURRENT, note="恢复")
    statuses = Passage.objects.filter(document=zhiban).values_list("status", flat=True)
    assert list(statuses) == [PassageStatus.LIVE] * 3  # the retired ones replaced, not doubled
    answer = services.question_ask(text=ASKED, log=False)
    assert not answer.refused and answer.best.passage.document == zhiban
