"""One traditional → simplified table (lib/traditional.py) for the plan importer and the Q&A."""

from gongkai.lib.deadline_text import simplify
from gongkai.lib.search_text import simplified
from gongkai.plans.tests.plan_text import parse, read


def test_the_importers_reading_keeps_simplified_words_hanziconv_would_change():
    # hanziconv maps 糊 → 煳, 呼 → 唿, 著 → 着: each a character simplified Chinese uses itself.
    assert simplify("模糊 呼吁 显著 呼和浩特市") == "模糊 呼吁 显著 呼和浩特市"
    assert simplify("區編辦 長期堅持 ２０２３") == "区编办 长期坚持 2023"


def test_the_importer_and_the_qa_read_traditional_characters_alike():
    text = "模糊 呼吁 显著 區編辦 政務公開 徵求意見 範圍 氣象局 細則 備案 ２０２３"
    assert simplify(text) == simplified(text).replace("２０２３", "2023")


def test_a_unit_written_with_hu_is_kept_as_written_in_a_traditional_plan():
    plan = parse(
        "一、重點任務",
        "1.推進決策公開。（呼和浩特市政務服務局牽頭，各旗縣區負責落實）",
        year=2023,
    )
    assert read(plan, "lead_units", "support_units") == [(["呼和浩特市政务服务局"], ["各旗县区"])]


def test_real_traditional_characters_simplified_chinese_does_not_use_are_read_simplified():
    # 貧, 績, 樹, 豐 are in jieba's dictionary too; the frequency filter dropped them.
    assert simplify("扶貧辦 績效考核 植樹造林 豐富") == "扶贫办 绩效考核 植树造林 丰富"


def test_a_pair_whose_traditional_character_is_in_gb2312_is_not_taken():
    # 矽 (hanziconv: → 硅) and 糊/呼/著 are characters of the simplified set.
    assert simplify("矽谷 模糊 呼吁 显著") == "矽谷 模糊 呼吁 显著"
