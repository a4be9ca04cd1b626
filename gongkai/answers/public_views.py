"""政策问答 in the portal: a question box, the best answer with its sources quoted and linked,
two or three other candidates, or a refusal that says where to go instead. No login; only
published entries and documents in force answer. Asking is a POST (it is logged, with its
outcome and nothing about the person), throttled per network like the other public forms."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from gongkai.answers import services
from gongkai.answers.forms import AskForm
from gongkai.answers.models import Entry
from gongkai.answers.views_common import answer_text, refusal_text
from gongkai.core import throttle
from gongkai.core.middleware import client_ip
from gongkai.lib.uploads import CONTENT_TYPES


def ask_page(request):
    """The question box: not cached, its form carries the visitor's own CSRF token."""
    return render(request, "answers/portal/ask.html", {"form": AskForm(), "section": "qa"})


@never_cache
def ask(request):
    if request.method != "POST":
        return ask_page(request)
    form = AskForm(request.POST)
    context = {"form": form, "section": "qa"}
    if form.is_valid():
        key = f"qa:net:{throttle.network_of(client_ip(request))}"
        if not throttle.take(key, limit=settings.QA_RATE_PER_HOUR, seconds=3600):
            form.add_error(None, "同一网络提问过于频繁，请稍后再试，或拨打12345政务服务便民热线。")
        else:
            answer = services.question_ask(text=form.cleaned_data["q"])
            context |= {
                "answer": answer,
                "text": answer_text(answer),
                "refusal": refusal_text(answer),
                "others": answer.candidates[1:4] if not answer.refused else [],
            }
    return render(request, "answers/portal/ask.html", context)


def media(request, pk):
    """An entry's 图解, only while the entry is published."""
    entry = get_object_or_404(Entry.public, pk=pk)
    if not entry.media:
        raise Http404
    return FileResponse(
        entry.media.open("rb"),
        filename=entry.media.name.rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES.get(entry.media_kind, "application/octet-stream"),
    )
