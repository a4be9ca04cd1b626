from gongkai.lib.search_text import highlight, query_terms, segment


def test_it_splits_chinese_into_words_and_sub_words():
    words = segment("广州市应急管理局关于政务公开工作的通知").split(" ")
    for word in ("应急", "管理局", "应急管理局", "政务", "公开", "政务公开", "通知"):
        assert word in words


def test_it_keeps_the_bureaus_terms_whole():
    words = segment("依申请公开的政府信息公开申请；行政规范性文件和涉企政策的政策解读").split()
    for word in ("依申请公开", "政府信息公开", "信息公开", "行政规范性文件", "规范性文件"):
        assert word in words
    for word in ("涉企政策", "政策解读"):
        assert word in words or word in segment(word).split()


def test_it_gives_two_character_words_to_index_and_query_alike():
    indexed = set(segment("安全生产和危险化学品应急预案").split())
    for query in ("应急", "安全", "安全生产", "危险化学品", "化学品", "应急预案"):
        assert set(query_terms(query)) <= indexed, query


def test_it_finds_a_long_sub_word_of_an_indexed_word():
    """A query for 信息公开 must match a text that says 政府信息公开."""
    assert set(query_terms("信息公开")) <= set(segment("政府信息公开工作年度报告").split())


def test_it_lowers_latin_drops_punctuation_and_keeps_numbers():
    words = segment("GDP增长3.5%，《2022年报告》！E-mail").split(" ")
    assert "gdp" in words and "2022" in words and "3" in words and "5" in words
    assert "e" in words and "mail" in words
    assert not any(char in "".join(words) for char in "%，《》！.-")
    assert "" not in words


def test_it_dedupes_query_terms_in_order():
    assert query_terms("应急 应急！！") == ["应急"]
    assert query_terms("  ，。") == []
    assert query_terms("") == [] and segment("") == ""


def test_it_highlights_hits_and_escapes_the_rest():
    text = "<b>前言</b>" + "背景" * 100 + "广州市应急管理局<script>发布" + "尾" * 200
    snippet = highlight(text, query_terms("应急管理局"), width=60)
    assert "<mark>应急管理局</mark>" in snippet
    assert "&lt;script&gt;" in snippet and "<script>" not in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet.replace("<mark>", "").replace("</mark>", "")) < 90


def test_it_marks_latin_terms_regardless_of_case():
    assert highlight("Report on GDP", ["gdp"]) == "Report on <mark>GDP</mark>"


def test_it_shows_the_start_when_nothing_matches():
    assert highlight("甲<乙>" + "丙" * 300, ["无"], width=10) == "甲&lt;乙&gt;丙丙丙丙丙丙…"
    assert highlight("a&b", []) == "a&amp;b"


def test_it_marks_every_hit_of_a_whole_text_the_longest_term_first():
    from gongkai.lib.search_text import mark

    assert mark("应急管理局和应急办", ["应急", "应急管理局"]) == (
        "<mark>应急管理局</mark>和<mark>应急</mark>办"
    )
    assert mark("GDP or gdp", ["gdp"]) == "<mark>GDP</mark> or <mark>gdp</mark>"
    assert mark("台风<预警>&\"台风'", ["台风"]) == (
        "<mark>台风</mark>&lt;预警&gt;&amp;&quot;<mark>台风</mark>&#x27;"
    )
    assert mark("a<b>", []) == "a&lt;b&gt;" and mark("", ["台风"]) == ""


def test_a_snippet_marks_hits_inside_its_window_only_and_escapes_around_them():
    # the first hit at 52: the window is [52 - 20 // 3, 52 - 6 + 20) = [46, 66), six 甲 before it
    text = "台风" + "甲" * 50 + "预警<通知>预警" + "乙" * 5 + "预警" + "乙" * 100
    assert highlight(text, ["预警"], width=20) == (
        "…甲甲甲甲甲甲<mark>预警</mark>&lt;通知&gt;<mark>预警</mark>乙乙乙乙乙预…"
    )
