"""Creating meetings and sign-ups: numbers from a locked counter, sign-ups refused by the server
after the closing time, and a retried submission that never becomes a second sign-up."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core import audit, throttle
from gongkai.core.errors import DomainError
from gongkai.core.idempotent import create_from_form, create_once
from gongkai.core.numbering import take_next
from gongkai.meetings.models import (
    ALREADY_SIGNED_UP,
    Meeting,
    MeetingEvent,
    NumberCounter,
    SignUp,
)


@dataclass
class SignedUp:
    signup: SignUp
    query_code: str
    created: bool


def next_number(prefix: str, year: int, *, width: int) -> str:
    """HY2022-03, LX2022-00042: one counter row per prefix and year, locked while it is taken."""
    return f"{prefix}{year}-{take_next(NumberCounter, prefix=prefix, year=year):0{width}d}"


@transaction.atomic
def meeting_create(*, by, unit, **fields) -> Meeting:
    """A draft notice of the unit's meeting; nothing of it is public until it is approved."""
    meeting = Meeting(unit=unit, created_by=by, **fields)
    try:
        meeting.full_clean(exclude=["number"])
    except Exception as error:  # the form validated the same: only a caller bypassing it
        raise DomainError(str(error)) from None
    meeting.save()
    MeetingEvent.objects.create(
        meeting=meeting, kind="create", actor=by, status_after=meeting.status, at=meeting.created_at
    )
    audit.record(by, "meeting.create", meeting, unit=unit, after={"status": meeting.status})
    return meeting


def meeting_create_from(form, *, by, unit) -> tuple[Meeting, bool]:
    """起草 from the staff form: (meeting, created). The same form sent twice (a double click,
    Back and 保存 again) finds the first draft, never a second (core.idempotent)."""
    return create_from_form(
        Meeting,
        form,
        by,
        lambda key: meeting_create(by=by, unit=unit, idempotency_key=key, **form.cleaned_data),
    )


def may_submit(ip: str | None) -> bool:
    """One of the sign-ups a network may send per hour, taken atomically."""
    return throttle.take_for_client("signup", ip, limit=settings.MEETING_SIGNUP_RATE_PER_HOUR)


def is_retry(idempotency_key: str) -> bool:
    return SignUp.objects.filter(idempotency_key=idempotency_key).exists()


def signup_submit(
    *, meeting: Meeting, form, idempotency_key: str, ip: str | None, at=None
) -> SignedUp:
    """Stored durably before it is acknowledged. The meeting's row is locked and the clock read
    under the lock: a sign-up is accepted if and only if that moment is before the closing time,
    and the selection (which takes the same lock) sees every accepted one. A retry with the same
    key (bound to the same content) gets the first sign-up back."""

    def create_signup() -> SignUp:
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        now = at or timezone.now()  # `at`: the demo's past sign-ups
        state = locked.signup_state(now)
        if state != "open":
            raise DomainError(_closed_message(locked, state))
        signup = form.save(commit=False)
        signup.idempotency_key, signup.submitter_ip = idempotency_key, ip
        signup.set_query_code(SignUp.new_query_code(idempotency_key))
        return locked.add_signup(signup, at=now)  # one person, one entry

    code = SignUp.new_query_code(idempotency_key)
    try:
        signup, created = create_once(SignUp, idempotency_key, create_signup)
    except (IntegrityError, DomainError) as error:
        # This very form's twin (same key: a double click whose requests raced) got in first
        # while this one waited for the lock: its sign-up and code, not "该联系电话已报名"
        # (probe 12 D3).
        twin = SignUp.objects.filter(idempotency_key=idempotency_key).first()
        if twin is not None:
            return SignedUp(twin, code, created=False)
        if isinstance(error, IntegrityError):  # the same phone signed up by a concurrent request
            raise DomainError(ALREADY_SIGNED_UP, field="phone") from None
        raise
    return SignedUp(signup, code, created=created)


def _closed_message(meeting: Meeting, state: str) -> str:
    if state == "cancelled":
        return cancelled_message(meeting)
    if not meeting.uses_signup:
        return "本次会议采用邀请方式确定列席代表，不接受公开报名。"
    if state == "not_yet":
        return f"报名尚未开始，报名时间为{Meeting._when(meeting.signup_opens)}起。"
    return f"报名已于{Meeting._when(meeting.signup_closes)}截止，不再接受报名。"


def cancelled_message(meeting: Meeting) -> str:
    """已取消, not 已截止: a cancelled meeting takes no sign-up, and says why."""
    reason = meeting.cancel_reason.strip()
    return f"本次会议已取消{'：' + reason if reason else ''}，不接受报名。"
