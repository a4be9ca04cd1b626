"""The question box works for every visitor, not only the first (its form carries a CSRF token)."""

import re

from django.test import Client
from django.urls import reverse

from gongkai.answers.models import AskedQuestion


def _ask_as_a_new_visitor(question: str):
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(reverse("answers_public:ask")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return visitor.post(
        reverse("answers_public:ask"), {"q": question, "csrfmiddlewaretoken": token}
    )


def test_two_visitors_one_after_the_other_can_both_ask(db):
    assert _ask_as_a_new_visitor("约谈是什么意思").status_code == 200
    second = _ask_as_a_new_visitor("养老金什么时候发")
    assert second.status_code == 200
    assert "页面已过期" not in second.content.decode()
    assert AskedQuestion.objects.count() == 2
