"""The shape every procedure in gongkai has (applications, messages, meetings).

A table of verbs, TRANSITIONS: verb → the states it starts from, the state it leads to, and who
may take it. The verb of the same name on the model is the only code that changes `status`,
and each verb begins the same way: re-read its row under a lock (of two stale copies, the
second sees the first's change and is refused instead of overwriting it), then check the state
and the actor. The model says who is who (`_is`) and writes its own timeline in `_move`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.errors import DomainError


def lock_row(instance) -> None:
    """Re-read the whole row under a lock, into `instance`: of two stale copies, the second
    sees the first's change instead of overwriting it."""
    fresh = type(instance).objects.select_for_update().get(pk=instance.pk)
    for field in instance._meta.concrete_fields:
        setattr(instance, field.attname, getattr(fresh, field.attname))


def required(text: str, what: str) -> str:
    """A verb's free text that must be there (a reason, a comment): stripped, or refused."""
    if not (text or "").strip():
        raise DomainError(f"请填写{what}")
    return text.strip()


def state_refusal(noun: str, status: str, label: str) -> str:
    """A step its record's state does not allow, whether the record has moved past it or has
    not reached it yet (延期 before 受理): one wording for both (probe 11 F1.3)."""
    return f"该{noun}当前为“{status}”，在此状态下不能{label}"


def step_not_taken(noun: str, status: str, label: str, *, why: str = "", shown: bool = True) -> str:
    """What a step sent from a page left open is told when its record's state no longer allows
    it (nothing done): the state refusal, then where to look. Every workflow says it alike.
    `why` tells instead what changed when the state still allows the step but the record has
    moved otherwise (an application 交办 meanwhile to another unit). `shown=False` when the
    record has left the user's sight (gone to another unit): no "以下是…" pointing at it."""
    told = f"{why or state_refusal(noun, status, label)}，您提交的“{label}”未办理。"
    return f"{told}以下是{noun}的最新情况，请核对后再操作。" if shown else told


# How long a step just taken explains a twin of it (Workflow.done_already).
DONE_RECENTLY = dt.timedelta(hours=1)

# The hidden field every review form carries: what its page showed of the record (ShownState).
SEEN = "seen"


class ShownState:
    """此页面显示的… — what a staff page showed of its record: a version (文件第N版), a stamp
    (the latest event) or a fingerprint (the text). A step sent from a page left open while the
    record changed (a tab from before a colleague's edit, return or report) would act on what
    its actor never read: refused, nothing written. The model says what its token is
    (`seen_token`), which steps carry it (SEEN_STEPS) and how the change is told
    (`seen_changed`); the check is here, after the verb has locked and re-read its row."""

    SEEN_STEPS: tuple[str, ...] = ()

    def seen_token(self) -> int | str:
        raise NotImplementedError

    def seen_changed(self, seen: str) -> str:
        """The refusal: what changed since the page showed `seen`."""
        return f"此页面显示的{self.NOUN}已被修改，请刷新后重新审核。"

    def changed_since(self, seen) -> str:
        """The refusal for a page that showed `seen`, or "" (it shows the record as it is, or
        the form sent none)."""
        if seen is None or str(seen) == str(self.seen_token()):
            return ""
        return self.seen_changed(str(seen))

    def check_seen(self, seen) -> None:
        if refusal := self.changed_since(seen):
            raise DomainError(refusal)


@dataclass(frozen=True)
class Transition:
    label: str
    sources: frozenset
    target: str | None  # None: the status stays
    who: tuple
    # A rule beyond the states, asked of the record: why the step cannot be taken now (a
    # sentence fit to show), or "" when it can. The buttons, the verb and the message for a
    # form left open in another tab all read it here.
    refusal: Callable[[object], str] | None = None


def transition(
    label: str,
    sources,
    target: str | None,
    who: tuple,
    refusal: Callable[[object], str] | None = None,
) -> Transition:
    return Transition(label, frozenset(sources), target, who, refusal)


class Workflow(ShownState):
    """For a model with `status`, a TRANSITIONS table and `_is(user, who)`. NOUN names the
    record in a refusal (“申请当前为…，不能…”); SEEN_STEPS, the steps whose forms carry what
    the page showed (ShownState)."""

    TRANSITIONS: dict[str, Transition] = {}
    NOUN = "记录"

    def _is(self, user, who: str) -> bool:
        raise NotImplementedError

    def _preconditions_met(self, verb: str) -> bool:
        """A verb's own conditions beyond its states, so that its button shows only when
        it can succeed (a rating once, a seed value before the draw…)."""
        return True

    def step_refusal(self, verb: str) -> str:
        """Why the table's rule for `verb` refuses it now, or "" (see Transition.refusal)."""
        rule = self.TRANSITIONS[verb].refusal
        return rule(self) if rule is not None else ""

    def may(self, user, verb: str) -> bool:
        step = self.TRANSITIONS[verb]
        return (
            self.status in step.sources
            and self._preconditions_met(verb)
            and not self.step_refusal(verb)
            and any(self._is(user, who) for who in step.who)
        )

    def actions_for(self, user) -> list[str]:
        """The steps this user may take now, in procedure order: the page shows these."""
        return [verb for verb in self.TRANSITIONS if self.may(user, verb)]

    def moved_on_message(self, user, verb: str, posted=None) -> str:
        """Why a step sent from a page left open (another tab, an earlier visit) was not taken:
        the record has since left the states the step starts from, while this user could take
        it there. Empty when that is not the reason (the step runs, or it is not theirs: 404).
        Nothing is written; core.steps.moved_on shows it. `posted` is the form as sent: for
        SEEN_STEPS, what the page showed, refused once the record has changed since."""
        step = self.TRANSITIONS.get(verb)
        if step is None or not any(self._is(user, who) for who in step.who):
            return ""
        if self.status not in step.sources:
            if done := self.done_already(verb):
                return f"{done}以下是{self.NOUN}的最新情况。"
            return step_not_taken(self.NOUN, self.get_status_display(), step.label)
        if refusal := self.step_refusal(verb):  # the table's rule for the step, as the verb says it
            return refusal
        seen = (posted or {}).get(SEEN) or None  # none sent: the form itself says so
        if verb in self.SEEN_STEPS and self.may(user, verb):
            return self.changed_since(seen)
        return ""

    def done_already(self, verb: str) -> str:
        """A step sent twice (a double click, two tabs) whose first send moved the record on:
        who took it and when, so the second is told the first worked. "" unless the record has
        left the step's states and its timeline (`events`) holds the step in the last hour."""
        step, events = self.TRANSITIONS.get(verb), getattr(self, "events", None)
        if step is None or events is None or self.status in step.sources:
            return ""
        last = events.filter(kind=verb).select_related("actor").order_by("-at", "-pk").first()
        if last is None or timezone.now() - last.at > DONE_RECENTLY:
            return ""
        at = timezone.localtime(last.at).strftime("%H:%M")
        who = f"由{last.actor}" if last.actor else ""
        return f"“{step.label}”已{who}于{at}办理完成，本次提交未重复办理。"

    def _lock(self) -> None:
        lock_row(self)

    _required = staticmethod(required)

    def _begin(self, verb: str, by) -> None:
        self._lock()
        step = self.TRANSITIONS[verb]
        if self.status not in step.sources:
            raise DomainError(state_refusal(self.NOUN, self.get_status_display(), step.label))
        if not any(self._is(by, who) for who in step.who):
            raise DomainError(f"您无权对此{self.NOUN}{step.label}")
        if refusal := self.step_refusal(verb):
            raise DomainError(refusal)
        self._status_before = self.status


class TimelineEvent(models.Model):
    """办理记录 — a procedure's append-only timeline, one row per verb taken. A subclass adds
    the foreign key to its record, `status_after` with its own states, and the audit prefix
    that names its verbs."""

    AUDIT_PREFIX = ""

    kind = models.CharField("事项", max_length=20)
    at = models.DateTimeField("时间", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField("说明", blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    @property
    def label(self) -> str:
        return audit.action_label(f"{self.AUDIT_PREFIX}.{self.kind}")
