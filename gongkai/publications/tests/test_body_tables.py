"""A body's tables: the annual report's national-format class survives cleaning (any other class
does not), and the page wraps each table in its own scrolling box."""

from gongkai.publications.text import clean_html, scrollable_tables


def test_cleaning_keeps_the_official_table_class_and_drops_any_other():
    cleaned = clean_html(
        '<table class="official evil"><tr><td class="x" onclick="a()">1.25</td></tr></table>'
        '<p class="official">段落</p>'
    )
    assert '<table class="official">' in cleaned
    assert "evil" not in cleaned and "onclick" not in cleaned and 'class="x"' not in cleaned
    assert "<p>段落</p>" in cleaned


def test_each_table_of_a_body_is_wrapped_in_its_own_box_on_the_page():
    body = '<p>一</p><table><tr><td>1</td></tr></table><table class="official"></table>'
    wrapped = scrollable_tables(body)
    assert wrapped.count('<div class="table-wrap"><table') == 2
    assert wrapped.count("</table></div>") == 2 and wrapped.startswith("<p>一</p>")
