"""先审后发 — who checks a unit's draft, one rule for the mailbox reply, a document's 一审 and a
policy Q&A entry.

The unit's head (处室负责人) checks its draft, and nobody checks a draft they wrote. A 处室 has one
head as built (core.bureau), so a draft a head of the unit wrote goes up to a 签发领导 (局领导), as
a head's own paper goes to the 分管局领导 (common practice; no text read sets it, participation.md
§9). A leader takes the head's place only then: a clerk's draft stays the head's to check.

`writer_ids` are the pks of whoever wrote the draft now under check (its author, submitter and
editors, as each app counts them).
"""

from __future__ import annotations

from collections.abc import Iterable

from gongkai.core.models import User
from gongkai.core.roles import Role
from gongkai.core.selectors import leaders

# What follows an app's own first sentence when a head would check his own draft.
STAND_IN = (
    "请由本单位其他负责人审核；本单位没有其他负责人的，由局领导（签发领导）审核，系统已通知局领导"
)


def head_ids(unit_ids: Iterable[int]) -> dict[int, set[int]]:
    """unit pk → the pks of its active heads, in one query."""
    heads: dict[int, set[int]] = {}
    rows = User.objects.filter(
        is_active=True, unit_id__in=list(unit_ids), groups__name=Role.UNIT_HEAD
    ).values_list("unit_id", "pk")
    for unit_id, pk in rows:
        heads.setdefault(unit_id, set()).add(pk)
    return heads


def written_by_head(unit_id: int, writer_ids, heads: dict[int, set[int]] | None = None) -> bool:
    """A head of the unit is among the draft's writers (`heads` from head_ids, for a list)."""
    heads = head_ids([unit_id]) if heads is None else heads
    return bool(set(writer_ids) & heads.get(unit_id, set()))


def leader_stands_in(user, unit_id: int, writer_ids, heads=None) -> bool:
    """A 签发领导 who did not write it, for a draft a head of the unit wrote."""
    return (
        user.pk not in set(writer_ids)
        and user.has_role(Role.LEADER)
        and written_by_head(unit_id, writer_ids, heads)
    )


def may_check(user, unit_id: int, writer_ids, heads=None) -> bool:
    """The unit's head, or a 签发领导 standing in for a head's own draft; never a writer."""
    if user is None or not user.is_authenticated or user.pk in set(writer_ids):
        return False
    if user.unit_id == unit_id and user.has_role(Role.UNIT_HEAD):
        return True
    return leader_stands_in(user, unit_id, writer_ids, heads)


def checkers(unit_id: int, writer_ids) -> list[User]:
    """Who is told a draft waits: the unit's heads who did not write it, and the 签发领导 when a
    head wrote it."""
    writer_ids = set(writer_ids)
    heads = head_ids([unit_id])
    people = [
        u for u in User.objects.filter(pk__in=heads.get(unit_id, set()) - writer_ids).order_by("pk")
    ]
    if written_by_head(unit_id, writer_ids, heads):
        people += [u for u in leaders().order_by("pk") if u.pk not in writer_ids]
    return people
