"""政策问答's part of `gongkai remind`: entries whose source document's 失效日期 has arrived are
withdrawn (来源文件失效, audited as 系统), and published entries not checked against their sources
for a year (a rule may have changed without the document being repealed) go back to their unit."""

from __future__ import annotations

import datetime as dt

from gongkai.answers.models import Entry
from gongkai.core.notifications import notify
from gongkai.core.selectors import units_staff

RECHECK_DAYS = 365


def withdraw_lapsed(*, today: dt.date, days: int) -> list[str]:
    """A document that stopped answering without being saved (its 失效日期 arrived overnight):
    its passages go and the entries citing it are withdrawn, as when it is repealed. The portal
    already ignores them (retrieval.live_passages); this makes the library say so."""
    from django.db.models import Q

    from gongkai.answers import index
    from gongkai.answers.passages import ended_documents

    documents = (
        ended_documents(today)
        .filter(
            Q(answer_passages__isnull=False)
            | Q(answer_sources__entry__status__in=index.OPEN_ENTRIES)
        )
        .distinct()
        .order_by("pk")
    )
    lines = []
    for document in documents:
        withdrawn = index.sync_document(document, today)
        lines += [
            f"来源文件失效，问答条目已撤下\t{document.title[:30]}\t{e.question[:30]}"
            for e in withdrawn
        ]
    return lines


def sweep(*, today: dt.date, days: int) -> list[str]:
    """Notify the unit's clerks and head once per entry and check date; one line per entry."""
    stale = list(
        Entry.public.select_related("unit").filter(
            checked_on__lte=today - dt.timedelta(days=RECHECK_DAYS - days)
        )
    )
    people: dict[int, list] = {}
    for user in units_staff({entry.unit_id for entry in stale}):
        people.setdefault(user.unit_id, []).append(user)
    lines = []
    for entry in stale:
        due = entry.checked_on + dt.timedelta(days=RECHECK_DAYS)
        when = "已超过一年未核对" if due <= today else "即将满一年未核对"
        for user in people.get(entry.unit_id, []):
            notify(
                user=user,
                key=f"answers.entry:{entry.pk}:recheck:{entry.checked_on}",
                text=f"政策问答“{entry.question}”{when}：请对照依据文件核对答复，并更新核对日期",
                link=entry.get_staff_url(),
            )
        lines.append(f"{when}\t{entry.checked_on}\t{entry.unit}\t{entry.question[:30]}")
    return lines
