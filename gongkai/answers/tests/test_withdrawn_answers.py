"""A question whose answer was withdrawn is refused, not answered with the next passage in line
(probe 7 N2: after its rule was withdrawn, "企业里谁对安全生产负总责？" got the 约谈 entry)."""

from django.urls import reverse

from gongkai.answers import retrieval, services, withdrawn
from gongkai.answers.models import AskedQuestion, Entry, EntryStatus, Passage
from gongkai.answers.tests.helpers import YUETAN, published

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
    assert (asked.outcome, asked.reason.endswith("问答条目已撤下")) == ("refused", True)
    # A paraphrase of the withdrawn question too; the other entry's own question still answers.
    assert services.question_ask(text="谁是企业安全生产第一责任人", log=False).refused
    answer = services.question_ask(text="老板为什么会被应急局叫去谈话", log=False)
    assert answer.best.passage.entry == talk


def test_an_entry_its_head_withdrew_is_not_replaced_by_an_off_topic_answer(cast):
    _, responsible, _ = _library(cast)
    responsible.withdraw(by=cast.head, reason="答复措辞需修改")
    answer = services.question_ask(text=QUESTION, log=False)
    assert answer.refused and answer.reasons[-1] == withdrawn.REASON


def test_the_withdrawn_entrys_own_rule_still_in_force_may_answer(cast):
    zeren, responsible, _ = _library(cast)
    responsible.withdraw(by=cast.head, reason="答复措辞需修改")
    article = Passage.objects.get(document=zeren, label="第二条")
    found = retrieval.Answer(question=QUESTION, refused=False)
    found.candidates = [retrieval.Candidate(article, 1.0, 0, 0, 0.9)]
    assert not withdrawn.refuse_if_withdrawn(found).refused
    # …and the same answer with another passage in its place is refused.
    other = Passage.objects.get(entry__question="约谈以后企业要做什么？")
    found.candidates = [retrieval.Candidate(other, 1.0, 0, 0, 0.9)]
    assert withdrawn.refuse_if_withdrawn(found).refused
