"""Citizens' phrasings stored beside a passage (data/asked.tsv), the domain test against other
agencies' everyday questions (data/elsewhere.tsv), one candidate per article, and the
vocabulary's longer phrase winning over another agency's shorter one inside it."""

import json

import numpy as np
import pytest

from gongkai.answers import passages, retrieval, services
from gongkai.answers.models import Passage, PassageKind
from gongkai.answers.tests.helpers import published

ARTICLES = [
    "第一条 为了规范本市应急避难场所的建设和管理，制定本办法。",
    "第二条 应急避难场所应当设置明显的标志，标明场所的名称、位置、容纳人数和疏散路线。",
    "第三条 区人民政府应当每年组织一次应急避难场所的演练，并向社会公布演练的时间。",
]


def test_the_phrasings_of_an_article_are_read_from_the_data_file_by_document_number():
    asked = passages.asked_for("国务院令第711号", "第三十三条")
    assert "申请交上去多久给答复" in asked
    assert passages.asked_for("国办函〔2020〕109号", "第八条")
    assert passages.asked_for("某某文号", "第三十三条") == []


@pytest.mark.django_db
def test_a_published_law_gets_its_citizens_phrasings_and_a_vector_for_each(cast):
    document = published(
        cast,
        "中华人民共和国政府信息公开条例",
        ["第三十二条 依申请公开的政府信息公开会损害第三方合法权益的……", *ARTICLES[1:]],
        doc_no="国务院令第711号",
    )
    first = Passage.objects.get(document=document, label="第三十二条")
    assert "第三方不同意公开怎么办" in first.asked.splitlines()
    assert len(bytes(first.asked_embedding)) == 4 * 384 * len(first.asked.splitlines())
    local = published(cast, "应急避难场所管理办法", ARTICLES, doc_no="穗应急规〔2026〕1号")
    other = Passage.objects.get(document=local, label="第二条")
    assert other.asked == "" and bytes(other.asked_embedding) == b""


def _import(records):
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    return services.import_jsonl(data.encode())


@pytest.mark.django_db
def test_a_question_in_words_the_article_never_uses_finds_it_through_a_phrasing():
    records = [
        {"id": f"避难:{text[:3]}", "title": "应急避难场所管理办法", "text": text[4:]}
        for text in ARTICLES
    ]
    without = retrieval.ask("要是发大水了，我们一家该往哪儿跑")
    assert without.refused  # nothing imported yet
    _import(records)
    before = retrieval.ask("要是发大水了，我们一家该往哪儿跑")
    records[1]["asked"] = ["发洪水了老百姓该往哪里躲", "附近的避难点在什么地方"]
    _import(records)
    after = retrieval.ask("要是发大水了，我们一家该往哪儿跑")
    assert (
        Passage.objects.get(key="避难:第二条").asked
        == "发洪水了老百姓该往哪里躲\n附近的避难点在什么地方"
    )
    assert before.candidates[0].passage.key != "避难:第二条"
    assert after.candidates[0].passage.key == "避难:第二条"


@pytest.mark.django_db
def test_an_import_line_with_phrasings_that_are_not_a_list_of_text_is_refused():
    with pytest.raises(services.ImportErrors) as error:
        _import([{"id": "x:1", "title": "标题", "text": "正文", "asked": "不是列表"}])
    assert error.value.errors == ["第1行：“asked”应为文字列表（群众的问法）"]
    assert not Passage.objects.exists()


@pytest.fixture
def laws(db):
    from gongkai.answers import evaluation

    _import(evaluation.law_records())


def test_an_everyday_question_for_another_agency_is_refused_and_sent_there(laws):
    answer = retrieval.ask("开一家饭店要去哪里办许可证")
    assert answer.refused
    assert "问题更像其他部门的事项" in answer.reason
    assert answer.elsewhere == ["市场监督管理部门"]


def test_a_question_about_disclosure_in_words_no_article_uses_is_answered(laws):
    answer = retrieval.ask("东西交上去二十多天了还没动静，他们最晚得什么时候回我")
    assert not answer.refused
    assert answer.candidates[0].passage.key == "条例:第三十三条"


def test_an_article_and_its_cases_count_as_one_candidate(laws):
    answer = retrieval.ask("我申请的信息你们说没有，是什么意思")
    groups = [retrieval.article_group(c.passage) for c in answer.candidates]
    assert groups[0] == "条例:第三十六条"
    assert len(groups) == len(set(groups)) == 4


def test_a_longer_phrase_of_ours_wins_over_another_agency_s_shorter_one_inside_it():
    vocabulary = retrieval.vocabulary()
    assert vocabulary.elsewhere_for("我寄的挂号信哪天算收到") == []
    assert vocabulary.elsewhere_for("去医院挂号要带什么") == ["市卫生健康委员会"]


def test_a_question_naming_another_agency_s_matter_is_ours_when_its_everyday_words_map_to_ours(
    tmp_path,
):
    path = tmp_path / "vocabulary.tsv"
    path.write_text(
        "expand\t要材料\t申请 政府信息\nhint\t多久\t期限 答复期限\n"
        "domain\t政府信息 答复期限\nelsewhere\t户口\t公安机关户籍窗口\n",
        encoding="utf-8",
    )
    vocabulary = retrieval.vocabulary(path)
    assert vocabulary.is_ours("我户口在外地，能向你们要材料吗")
    assert not vocabulary.is_ours("户口迁过来要多久")  # a hint's rule words are no evidence
    assert not vocabulary.is_ours("户口迁过来要带什么")


def test_it_takes_the_topics_out_of_a_question_and_keeps_what_the_citizen_wants_done(tmp_path):
    path = tmp_path / "vocabulary.tsv"
    path.write_text("topic\t征收 补偿 征收补偿\ntopic\t低保\n", encoding="utf-8")
    vocabulary = retrieval.vocabulary(path)
    assert vocabulary.topics == ("征收补偿", "征收", "补偿", "低保")  # longest first
    assert vocabulary.without_topics("征收补偿协议能给我看吗") == "协议能给我看吗"
    assert vocabulary.without_topics("申请多久答复") == "申请多久答复"


def test_a_rumour_about_a_topic_finds_the_article_on_clearing_rumours_not_the_topic_list(laws):
    answer = retrieval.ask("有人在群里说我们镇要征地，政府会发布准确消息澄清吗")
    assert not answer.refused
    assert answer.candidates[0].passage.key == "条例:第六条"


def test_the_passages_vectors_are_read_once_and_again_only_when_the_passages_change(laws):
    first = retrieval.passage_vectors()
    assert retrieval.passage_vectors() is first
    _import([{"id": "避难:第二条", "title": "应急避难场所管理办法", "text": ARTICLES[1][4:]}])
    added = Passage.objects.get(key="避难:第二条")
    second = retrieval.passage_vectors()
    assert second is not first
    assert added.pk in second.ids.tolist() and added.pk not in first.ids.tolist()
    assert len(second.ids) == len(first.ids) + 1 == Passage.objects.count()


def test_the_stored_vectors_of_other_agencies_questions_are_those_of_today_s_questions():
    questions = [question for question, _ in retrieval.elsewhere_rows()]
    stored = retrieval._stored_vectors(questions, retrieval.ELSEWHERE_VECTORS)
    assert stored is not None, "data/elsewhere.tsv 改过：请运行 gongkai qa elsewhere"
    assert stored.shape == (len(questions), 384)


def test_stored_vectors_are_used_while_they_match_and_recomputed_once_the_questions_change(
    tmp_path, monkeypatch
):
    path, stored = tmp_path / "elsewhere.tsv", tmp_path / "elsewhere.npz"
    path.write_text(
        "医保卡丢了怎么补办\t市医疗保障局\n驾照扣分了怎么处理\t交警\n", encoding="utf-8"
    )
    assert retrieval.store_elsewhere_vectors(path, stored) == 2

    def embedding_again(texts):
        raise AssertionError("stored vectors should have been used")

    with monkeypatch.context() as patch:
        patch.setattr(retrieval.embed, "questions", embedding_again)
        examples = retrieval.elsewhere_examples(path, stored)
    assert examples.vectors.shape == (2, 384) and examples.places == ("市医疗保障局", "交警")
    path.write_text(path.read_text(encoding="utf-8") + "护照怎么办\t出入境\n", encoding="utf-8")
    retrieval.elsewhere_examples.cache_clear()  # a new process
    changed = retrieval.elsewhere_examples(path, stored)
    assert changed.vectors.shape == (3, 384)
    assert np.allclose(changed.vectors[:2], examples.vectors)


def test_the_third_candidate_is_the_second_reading_s_best_article_not_already_shown():
    def article(pk, label, source="国务院令第711号"):
        return Passage(pk=pk, kind=PassageKind.IMPORTED, key=f"k{pk}", label=label, source=source)

    passages = {
        1: article(1, "第三十三条"),
        2: article(2, "第三十二条"),
        3: article(3, "第三十条"),
        4: article(4, "第五十一条"),
        5: article(5, "第三十三条（一）"),
    }
    fusion, second = [1, 2, 3, 4], [2, 1, 4, 3]
    assert retrieval.with_second_reading(fusion, second, passages) == [1, 2, 4, 3]
    # Already among the first two (here as one of its cases), it is not shown twice.
    passages[6] = article(6, "第三十三条（二）")
    assert retrieval.with_second_reading([1, 2, 3], [6, 2], passages) == [1, 2, 3]


def test_a_complaint_about_a_business_is_refused_and_sent_to_the_hotline(laws):
    # A complaint about how a business works is not a complaint about disclosure (第五十一条).
    answer = retrieval.ask("仓库违规装卸怎么投诉")
    assert answer.refused
    assert "12345" in answer.elsewhere[0]


def test_an_objection_to_a_cadre_on_public_notice_goes_to_the_organisation_department(laws):
    answer = retrieval.ask("县委组织部公示的拟提拔人选有作风问题，我该向谁举报")
    assert answer.refused
    assert answer.elsewhere == ["组织部门（12380举报）"]


def test_it_counts_no_disclosure_word_inside_the_other_agency_s_own_thing_it_names(tmp_path):
    path = tmp_path / "vocabulary.tsv"
    path.write_text(
        "domain\t公开 条例\nelsewhere\t公开招标\t公共资源交易中心\nelsewhere\t条例草案\t起草部门\n",
        encoding="utf-8",
    )
    vocabulary = retrieval.vocabulary(path)
    assert not vocabulary.is_ours("政府公开招标的工程我们想去投标，要准备什么")
    assert not vocabulary.is_ours("有个条例草案在征求意见，建议寄到哪里")
    assert vocabulary.is_ours("公开招标的中标结果政府要不要公开")  # 公开 outside their words


def test_fee_words_are_no_evidence_that_a_question_about_another_agency_is_ours():
    vocabulary = retrieval.vocabulary()
    assert vocabulary.elsewhere_for("户口迁移要交费吗") == ["公安机关户籍窗口"]
    assert not vocabulary.is_ours("户口迁移要交费吗")  # every agency charges for something
    assert not vocabulary.is_ours("档案馆里查旧资料要不要钱")
    assert vocabulary.elsewhere_for("档案馆里查旧资料要不要钱") == ["国家档案馆（档案查阅）"]
    question = "查别人房子的不动产登记信息，能走政府信息公开申请吗"
    assert vocabulary.elsewhere_for(question) == ["不动产登记机构"]
    assert vocabulary.is_ours(question)


def test_another_agency_s_own_procedure_asked_in_our_words_is_refused_and_sent_there(laws):
    answer = retrieval.ask("劳动仲裁要交费吗")
    assert answer.refused
    assert answer.elsewhere == ["劳动人事争议仲裁委员会"]
    answer = retrieval.ask("城建档案馆里老房子的图纸能复印吗，要收钱吗")
    assert answer.refused
    assert answer.elsewhere == ["国家档案馆（档案查阅）"]


def test_a_disclosure_request_for_another_agency_s_record_is_still_answered(laws):
    answer = retrieval.ask("我申请公开一套房子的不动产登记资料，他们让我按登记的规定去查，对吗")
    assert not answer.refused
    assert retrieval.article_group(answer.candidates[0].passage) == "条例:第三十六条"
    answer = retrieval.ask("档案馆里存的政府主动公开的文件能复印吗")
    assert not answer.refused
    assert answer.candidates[0].passage.key == "条例:第二十五条"


def test_the_fee_rules_do_not_answer_a_question_that_never_mentions_money(laws):
    answer = retrieval.ask("申请期限过了他们一直不吭声，我能告他们吗")
    assert not answer.refused
    assert not [c for c in answer.candidates if c.passage.source == "国办函〔2020〕109号"]
    answer = retrieval.ask("我一份申请问了三件事，他们说按三件收钱，对吗")
    assert answer.candidates[0].passage.key == "109:第四条"


def test_a_document_s_subject_words_are_read_from_the_vocabulary(tmp_path):
    path = tmp_path / "vocabulary.tsv"
    path.write_text("subject\t某办〔2020〕1号\t钱 费\n", encoding="utf-8")
    vocabulary = retrieval.vocabulary(path)
    assert vocabulary.subjects == (("某办〔2020〕1号", ("钱", "费")),)
    fee_rule = Passage(source="某办〔2020〕1号", text="收费标准")
    assert vocabulary.off_subject(fee_rule, "多久答复")
    assert not vocabulary.off_subject(fee_rule, "要交多少钱")
    assert not vocabulary.off_subject(Passage(source="国务院令第711号"), "多久答复")


def test_a_phrase_inside_a_longer_word_of_another_meaning_is_not_read_as_that_phrase(tmp_path):
    path = tmp_path / "vocabulary.tsv"
    path.write_text("hint\t告\t行政复议\nunlike\t告\t告诉 告知\n", encoding="utf-8")
    vocabulary = retrieval.vocabulary(path)
    assert vocabulary.expand("答复里也没告诉我该找谁") == []
    assert vocabulary.expand("过了期限不答复，我要告他们") == ["行政复议"]


def test_being_told_something_is_not_suing_and_an_application_form_is_not_a_book():
    vocabulary = retrieval.vocabulary()
    assert "行政复议" not in vocabulary.expand("答复里也没告诉我该找哪个机关")
    assert "行政复议" in vocabulary.expand("过了期限不答复，我能告他们吗")
    assert "书籍" not in vocabulary.expand("申请书要写哪些内容")
    assert "一事一申请" not in vocabulary.expand("拆迁的补偿方案要公开吗")


def test_handing_in_an_application_is_no_word_of_money_for_the_fee_rules():
    vocabulary = retrieval.vocabulary()
    fee_rule = Passage(source="国办函〔2020〕109号", text="按件计收")
    assert vocabulary.off_subject(fee_rule, "有人一周交了三十多份申请，政府能怎么办")
    assert vocabulary.off_subject(fee_rule, "收到答复说不归他们管")
    assert not vocabulary.off_subject(fee_rule, "一份申请拆成五件来收，合理吗")
    assert not vocabulary.off_subject(fee_rule, "超过的部分要收多少")


def test_many_applications_without_a_word_of_money_find_the_article_on_asking_for_reasons(laws):
    answer = retrieval.ask("有个人一个月里交了几十件申请，政府能让他说明理由吗")
    assert not answer.refused
    assert answer.candidates[0].passage.key == "条例:第三十五条"
    assert not [c for c in answer.candidates if c.passage.source == "国办函〔2020〕109号"]


def test_a_reply_that_never_says_where_to_go_finds_the_article_on_replies_not_on_appeals(laws):
    answer = retrieval.ask("答复只说这事不归他们公开，却没告诉我该去找哪个机关")
    assert not answer.refused
    assert answer.candidates[0].passage.key == "条例:第三十六条（五）"


def test_everyday_words_for_the_confused_articles_map_to_each_article_s_own_rule_words():
    vocabulary = retrieval.vocabulary()
    assert "区分处理" in vocabulary.expand("他们说要把签名遮掉再给我")  # 第三十七条
    assert "更正" in vocabulary.expand("网上挂的处罚早撤销了，能让他们改过来吗")  # 第四十一条
    assert "及时更新" in vocabulary.expand("目录好几年都没更新了")  # 第十二、五十三条
    assert "不作为政府信息公开申请处理" in vocabulary.expand("他们说这不算信息公开申请")
    assert "延迟答复" in vocabulary.expand("他们自己定了个延后的时间")  # 第三十五条


def test_a_school_asked_to_publish_its_admissions_list_is_article_55_not_another_agency(laws):
    answer = retrieval.ask("学校的招生计划和录取名单不公示，找谁反映")
    assert not answer.refused
    assert answer.candidates[0].passage.key == "条例:第五十五条"
    answer = retrieval.ask("热力公司不公开供暖收费依据，我能投诉到哪")
    assert answer.candidates[0].passage.key == "条例:第五十五条"


def test_a_utility_s_own_service_is_still_sent_to_it(laws):
    assert retrieval.ask("我家电费账单算错了怎么办").refused
    assert retrieval.ask("医院挂号怎么预约").refused
    assert retrieval.ask("暖气不热找谁").refused


def test_building_a_school_is_the_government_s_project_not_the_school_s_information():
    vocabulary = retrieval.vocabulary()
    assert vocabulary.asks_public_body("自来水公司不公布水质报告")
    assert vocabulary.asks_public_body("能不能要求燃气公司公开调价依据")
    assert not vocabulary.asks_public_body("新建学校的规划批复会公开吗")
    assert not vocabulary.asks_public_body("学校的公开课怎么报名")
    assert not vocabulary.asks_public_body("我家电费账单算错了")


def test_same_sound_slips_and_dialect_words_are_read_as_meant():
    vocabulary = retrieval.vocabulary()
    assert vocabulary.corrected("申清要多就才能答付") == "申请要多久才能答复"
    assert vocabulary.corrected("俺不晓得咋办") == "我不知道怎么办"
    assert vocabulary.corrected("差不多就行了") == "差不多就行了"


def test_a_question_typed_with_slips_finds_the_article_it_means(laws):
    answer = retrieval.ask("申清政府信息公开要多就才能答付")
    assert not answer.refused
    assert answer.candidates[0].passage.key == "条例:第三十三条"
    assert answer.question == "申清政府信息公开要多就才能答付"  # kept as the citizen typed it
