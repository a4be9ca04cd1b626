"""The test helper that reads what a page showed (gongkai.testing.seen_in): as a browser sends
it back, and failing where a page carries none, an empty one or two that disagree."""

import pytest

from gongkai.testing import seen_in

TWO_FORMS = (
    '<form><input value="17" type="hidden" name="seen"></form>'
    '<form><input type="hidden" name="return-seen" value="17" id="id_return-seen"></form>'
)


def test_it_reads_the_value_whatever_the_attribute_order_or_prefix():
    assert seen_in(TWO_FORMS) == "17"


@pytest.mark.parametrize(
    "page",
    [
        "<p>没有表单</p>",
        '<input type="hidden" name="seen">',  # Django leaves out an empty value
        '<input name="seen" value="17"><input name="approve-seen" value="18">',
    ],
)
def test_it_fails_a_page_without_one_value(page):
    with pytest.raises(AssertionError):
        seen_in(page)
