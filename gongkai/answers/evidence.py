"""The Q&A library as evidence for ledger tasks about 政策问答 / 政策咨询 (the seed's items 16–18):
the year's library and the questions it answered, without anyone uploading them."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from gongkai.answers.models import AskedQuestion, Entry, Outcome

KIND = "政策问答"  # plans.evidence_kinds


def for_task(task) -> list[dict]:
    if KIND not in task.kinds_of_evidence():
        return []
    year = task.plan.year
    entries = Entry.public.filter(approved_at__year=year).count()
    asked = AskedQuestion.objects.filter(asked_at__year=year).aggregate(
        total=Count("pk"), answered=Count("pk", filter=Q(outcome=Outcome.ANSWERED))
    )
    return [
        {
            "title": f"{year}年政策问答库新增条目{entries}条；群众提问{asked['total']}次，"
            f"答复{asked['answered']}次",
            "url": reverse("answers_public:ask"),
            "date": None,
            "kind": KIND,
        }
    ]
