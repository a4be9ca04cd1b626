"""The public side: the consultations, a draft with its articles, and commenting while open."""

from __future__ import annotations

import uuid

from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from gongkai.consultations import forms, selectors, services
from gongkai.core.errors import DomainError
from gongkai.core.idempotent import content_key
from gongkai.core.middleware import client_ip


def consultation_list(request):
    return render(
        request,
        "consultations/public/list.html",
        {"consultations": selectors.public_consultations()},
    )


@never_cache
def consultation_page(request, pk):
    """The notice, the draft by article, the comment form while open (the server decides),
    and once concluded the feedback and the comments that may be published."""
    consultation = get_object_or_404(selectors.public_consultations(), pk=pk)
    form = forms.CommentForm(request.POST or None, consultation=consultation)
    key = request.POST.get("idempotency_key") or uuid.uuid4().hex
    received, repeated = None, False
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        bound_key = content_key(key[:64], {**form.cleaned_data, "consultation": pk})
        earlier = services.earlier_comment(consultation, form, ip)
        if earlier is not None:  # sent again (Back, a reload): the first comment's receipt
            received, repeated = earlier, earlier.idempotency_key != bound_key
        else:
            try:
                if not services.is_retry(bound_key) and not services.may_comment(ip):
                    raise DomainError(
                        "同一网络提交意见过于频繁，请稍后再试，或通过信函、电子邮件提交。"
                    )
                received, _ = services.submit_comment(
                    consultation, form=form, idempotency_key=bound_key, ip=ip
                )
            except DomainError as error:
                form.add_error(None, str(error))
    context = {
        "c": consultation,
        "form": form if consultation.is_open else None,
        "refused": form if form.non_field_errors() else None,
        "key": key,
        "received": received,
        "repeated": repeated,  # the first comment's receipt, shown again
        "published_comments": selectors.published_comments(consultation),
    }
    return render(request, "consultations/public/page.html", context)
