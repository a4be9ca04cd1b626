"""Information the 条例 does not reach (vocabulary `beyond`): a holder that is no administrative
body — a court, a procuratorate, a party committee, a listed or private company, a bank — or a
matter with its own rules of disclosure. A question about it is refused and told where to go,
whatever words of ours it borrows (公开, 申请, 条例); asking an administrative body for such
information is still ours. A follow-up ("…我知道了。那…") is judged by what it asks."""

import json

import pytest

from gongkai.answers import retrieval, services
from gongkai.answers.views_common import refusal_text


@pytest.fixture
def laws(db):
    from gongkai.answers import evaluation

    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in evaluation.law_records())
    services.import_jsonl(data.encode())


VOCABULARY = (
    "domain\t公开 申请公开 条例\n"
    "elsewhere\t投标保证金\t公共资源交易中心\n"
    "elsewhere\t档案馆\t国家档案馆\n"
    "beyond\t检察院 起诉书\t人民检察院（12309）\n"
    "beyond\t上市公司 股东…会议\t证券交易所\n"
    "beyond\t病历…复印\t医疗机构\n"
    "organ\t向…局 向…政府\n"
    "followup\t。那\n"
)


@pytest.fixture
def vocabulary(tmp_path):
    path = tmp_path / "vocabulary.tsv"
    path.write_text(VOCABULARY, encoding="utf-8")
    return retrieval.vocabulary(path)


def test_a_holder_outside_the_administration_is_named_with_where_to_go(vocabulary):
    assert vocabulary.beyond_for("检察院的起诉书能依条例申请公开吗") == ["人民检察院（12309）"]
    assert vocabulary.beyond_for("股东大会会议的记录能要吗") == ["证券交易所"]  # 股东…会议: "…" ≤ 4
    assert vocabulary.beyond_for("住院的病历想复印一份") == ["医疗机构"]


def test_a_mention_that_is_not_the_holder_s_record_is_not_beyond(vocabulary):
    # 病历 inside another request held by the government (a neighbour asks the 街道 for it)
    assert vocabulary.beyond_for("邻居申请看我家的低保材料，里面有老伴的病历，街道会给吗") == []
    assert vocabulary.beyond_for("申请公开的答复期限是多少") == []


def test_asking_an_administrative_body_for_it_stays_ours(vocabulary):
    assert vocabulary.beyond_for("我向证监局申请公开一家上市公司的处罚决定，被拒了") == []
    assert vocabulary.beyond_for("向区政府申请公开检察院移送的材料") == []


def test_a_follow_up_is_judged_by_what_it_asks_and_a_short_one_borrows_its_verb(vocabulary):
    question = "政府采购要公开我知道了。那我去投标，投标保证金怎么交？"
    assert vocabulary.asked(question) == "我去投标，投标保证金怎么交？"
    assert vocabulary.is_ours(question) and not vocabulary.is_ours(vocabulary.asked(question))
    short = "主动公开的文件图书馆能看。那档案馆呢？"
    assert vocabulary.asked(short) == short  # "那X呢" asks the first sentence's question of X
    assert vocabulary.asked("申请公开要多久") == "申请公开要多久"


def test_the_shipped_vocabulary_refuses_these_and_says_where(laws):
    for question, where in (
        ("区委常委会的会议纪要能按信息公开申请要吗", "党的有关工作机关（党务公开）"),
        ("上市公司的半年报能申请政府信息公开吗", "证券交易所"),
        ("律师想去检察院复制案卷，依条例申请可以吗", "人民检察院（12309）"),
        ("孩子的期末考试成绩学校不公布，我能申请公开吗", "学校和教育部门"),
    ):
        answer = retrieval.ask(question)
        assert answer.refused, question
        assert retrieval.BEYOND in answer.reasons, question
        assert any(where in place for place in answer.elsewhere), (question, answer.elsewhere)
        text = refusal_text(answer)
        assert "不由行政机关依《政府信息公开条例》公开" in text and where in text


def test_the_shipped_vocabulary_still_answers_asking_a_government_body_for_them(laws):
    # the forbidden step's other side: how to apply to a government body, or why it refused
    for question, article in (
        (
            "我向市场监管局申请公开一家上市公司被处罚的决定书，他们说涉及商业秘密不给",
            "条例:第十五条",
        ),
        ("公立医院的收费项目不公示，能找谁", "条例:第五十五条"),
        ("可以去法院起诉不给我公开的部门吗", "条例:第五十一条"),
    ):
        answer = retrieval.ask(question)
        assert not answer.refused, (question, answer.reason)
        assert article in [c.passage.key.split("（")[0] for c in answer.candidates[:3]], question


def test_a_follow_up_about_another_agency_s_matter_is_sent_there(laws):
    answer = retrieval.ask("信息处理费我知道咋交了。那交通违章罚款在哪交？")
    assert answer.refused
    assert answer.elsewhere == ["公安机关交通管理部门"]
    answered = retrieval.ask("主动公开的文件图书馆能看。那档案馆呢？")
    assert not answered.refused
