"""依申请公开办理期限 — the statutory clock of an information-disclosure application.

Pure functions over a working-day calendar (`gongkai.lib.workdays.WorkdayCalendar`, or
anything with `day()`, `is_workday()`, `add_workdays()` and `workdays_between()`). A year
the calendar does not know raises `UnknownHolidayYear`; it is never caught here, because a
statutory deadline must not be computed on guessed holidays.

Rules (rules.md §1.3, §1.5; 《政府信息公开条例》2019):
- 第三十一条: the receipt date depends on the channel (`receipt_date`).
- 第三十三条第二款: reply within 20 working days of receipt; an approved extension of at
  most 20 working days.
- 第三十三条第三款: time spent consulting third parties (第三十二条) and other agencies
  (第三十四条) is not counted.
- 第三十条: the 补正 notice goes out within 7 working days of receipt; the reply period is
  counted afresh (a full 20 working days) from receipt of the supplemented application.
- 第三十五条: a reasonable delayed deadline set by a person (`override_due`).
- 国办函〔2020〕109号: whether the fee period is excluded is [UNVERIFIED]; callers that do
  not want it excluded simply pass no "fee" pause.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.lib.cndate import cn_date

BASE_WORKDAYS = 20  # 第三十三条第二款
MAX_EXTENSION_WORKDAYS = 20  # 第三十三条第二款
SUPPLEMENT_NOTICE_WORKDAYS = 7  # 第三十条
CONSULTATION_WORKDAYS = 15  # 第三十二条, 第三十四条
FEE_PAYMENT_WORKDAYS = 20  # 国办函〔2020〕109号 (rules.md §2.4)
# 国务院令第711号: the revised 条例 is in force from this day; the procedure gongkai keeps is
# the revised one, so no application it holds can have been received earlier.
REVISED_REGULATION_IN_FORCE = dt.date(2019, 5, 15)

PAUSE_KINDS = {
    # kind: (what the pause is, what ends it, basis)
    "third_party": ("征求第三方意见", "收到第三方意见", "第三十二条、第三十三条第三款"),
    "other_agency": ("征求其他机关意见", "收到其他机关意见", "第三十四条、第三十三条第三款"),
    "fee": (
        "信息处理费缴纳期间",
        "缴费或缴费期满",
        "国办函〔2020〕109号；是否不计入答复期限待核实",
    ),
}

# What silence means once a consultation's 15 working days have run out.
SILENCE = {
    "third_party": "第三方逾期未提出意见的，由本机关依照条例规定决定是否公开（第三十二条）",
    "other_agency": "其他机关逾期未提出意见的，视为同意公开（第三十四条）",
    "fee": "申请人逾期未缴纳的，视为放弃申请（109号）",
}

CHANNELS = {
    # channel: (the ClockInput-side keyword that gives the date, its name, basis)
    "in_person": ("handed_in_on", "提交之日", "当面提交", "第三十一条第一项"),
    "registered_mail": ("signed_on", "签收之日", "需签收的邮寄", "第三十一条第二项"),
    "ordinary_mail": ("confirmed_on", "与申请人确认之日", "平常信函", "第三十一条第二项"),
    "online": ("confirmed_on", "双方确认之日", "互联网渠道", "第三十一条第三项"),
    "email": ("confirmed_on", "双方确认之日", "电子邮件", "第三十一条第三项"),
    "fax": ("confirmed_on", "双方确认之日", "传真", "第三十一条第三项"),
}

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Pause:
    """A period not counted (条例第三十三条第三款; fee period per 109号 [UNVERIFIED]).

    The clock stops from the day after `start` and runs again from the day after the pause
    ends: a working day d is not counted when start < d <= end. `limit` is the latest day the
    law lets the pause last (a consultation: 15 WD, 第三十二条/第三十四条; a fee notice: 20 WD to
    pay): a later answer, or none, excludes no day after it. A pause with neither end nor
    limit stops the clock until it ends.
    """

    kind: str  # "third_party" | "other_agency" | "fee"
    start: dt.date  # request/notice sent
    end: dt.date | None  # reply received / payment made; None = not (yet) answered
    label: str = ""
    limit: dt.date | None = None  # the answer (payment) period's last day

    @property
    def until(self) -> dt.date | None:
        """The last day excluded: the answer day, capped by the limit; None while unbounded."""
        if self.end is not None and self.limit is not None:
            return min(self.end, self.limit)
        return self.end if self.end is not None else self.limit

    @property
    def is_open(self) -> bool:
        return self.until is None

    def covers(self, day: dt.date) -> bool:
        return self.start < day and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class ClockInput:
    received_on: dt.date  # 收到申请之日 (§1.3)
    supplement_requested_on: dt.date | None = None  # 补正告知 sent
    supplement_received_on: dt.date | None = None  # 补正后收到之日 (第三十条)
    pauses: tuple[Pause, ...] = ()
    extension_workdays: int = 0  # approved extension, ≤ 20 (第三十三条第二款)
    override_due: dt.date | None = None  # 第三十五条 reasonable delayed deadline
    count_start_day: bool = False  # [UNVERIFIED] convention; default: start day not counted


@dataclass(frozen=True)
class Deadline:
    due: dt.date | None  # None while paused or while waiting for 补正
    state: str  # "running" | "paused" | "awaiting_supplement" | "overridden"
    clock_start: dt.date  # received_on or supplement_received_on
    workdays_allowed: int  # 20 + extension
    workdays_used: int  # counted working days up to `today` (paused days not counted)
    workdays_left: int | None  # negative when overdue; None when due is None
    supplement_notice_due: dt.date  # received_on + 7 WD (第三十条)
    paused_workdays: int  # working days excluded by pauses so far
    workings: tuple[str, ...]  # Chinese lines explaining the computation
    # True when a year the count touches has no holiday schedule yet: the dates are 暂定,
    # counted on weekends and the fixed-date holidays only, and change when it is entered.
    provisional: bool = False


def reply_due_for_third_party(request_received_on: dt.date, calendar) -> dt.date:
    """第三十二条: the third party answers within 15 WD of receiving the request for comments."""
    return calendar.add_workdays(request_received_on, CONSULTATION_WORKDAYS).due


def reply_due_for_other_agency(request_received_on: dt.date, calendar) -> dt.date:
    """第三十四条: the other agency answers within 15 WD; silence means consent."""
    return calendar.add_workdays(request_received_on, CONSULTATION_WORKDAYS).due


def fee_payment_due(notice_received_on: dt.date, calendar) -> dt.date:
    """109号 (rules.md §2.4): pay within 20 WD counted from the day after receiving the notice."""
    return calendar.add_workdays(notice_received_on, FEE_PAYMENT_WORKDAYS).due


def supplement_notice_due(received_on: dt.date, calendar) -> dt.date:
    """第三十条: the 补正 notice goes out within 7 WD of receipt."""
    return calendar.add_workdays(received_on, SUPPLEMENT_NOTICE_WORKDAYS).due


def receipt_date(
    channel: str,
    *,
    handed_in_on: dt.date | None = None,
    signed_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
) -> dt.date:
    """收到申请之日 by channel (第三十一条)."""
    if channel not in CHANNELS:
        raise ValueError(f"未知的申请渠道：{channel!r}")
    field_name, date_name, channel_name, basis = CHANNELS[channel]
    given = {"handed_in_on": handed_in_on, "signed_on": signed_on, "confirmed_on": confirmed_on}
    value = given[field_name]
    if value is None:
        raise ValueError(
            f"{channel_name}的申请以{date_name}为收到申请之日（{basis}），请填写{date_name}"
        )
    return value


def compute_deadline(inp: ClockInput, calendar, *, today: dt.date) -> Deadline:
    """The reply deadline of one application as of `today`, with its workings in Chinese."""
    _validate(inp)
    allowed = BASE_WORKDAYS + inp.extension_workdays
    notice_due = _add(calendar, inp.received_on, SUPPLEMENT_NOTICE_WORKDAYS, inp.count_start_day)
    awaiting = inp.supplement_requested_on is not None and inp.supplement_received_on is None
    clock_start = inp.supplement_received_on or inp.received_on
    first = clock_start if inp.count_start_day else clock_start + ONE_DAY
    pauses = inp.pauses
    if awaiting:
        # The 补正 wait works like an open pause; the applicant's supplement restarts the clock.
        pauses = (*pauses, Pause("supplement", inp.supplement_requested_on, None))

    walk = _walk_to_due(calendar, first, allowed, pauses)
    used, paused = _count_until(calendar, first, today, pauses, inp.pauses)
    computed_due = walk.due

    if inp.override_due is not None:
        state, due = "overridden", inp.override_due
        if today <= due:
            left = calendar.workdays_between(today, due)
        else:
            left = -calendar.workdays_between(due, today)
    elif awaiting:
        state, due, left = "awaiting_supplement", None, None
    elif computed_due is None:
        state, due, left = "paused", None, allowed - used
    elif any(p.end is None and p.start <= today <= (p.limit or today) for p in inp.pauses):
        # Waiting for an answer (or a payment) within its period: the due date shown is the
        # latest one, reached if the period runs out; an earlier answer brings it forward.
        state, due, left = "paused", computed_due, allowed - used
    else:
        state, due, left = "running", computed_due, allowed - used
    # 暂定 only when the reckoning of a date crossed a year not yet entered: an overdue case's
    # due date in a known year stays firm however far today has run (probe 11 F1.4); today
    # counts only while there is no due date to reckon to.
    reckoned = [d for d in (notice_due, walk.due, inp.override_due) if d is not None]
    last = max([*reckoned, today] if due is None else reckoned)
    provisional = not all(
        getattr(calendar, "knows_year", lambda year: True)(year)
        for year in range(inp.received_on.year, last.year + 1)
    )

    workings = _workings(
        inp,
        calendar,
        provisional=provisional,
        last=last,
        today=today,
        allowed=allowed,
        notice_due=notice_due,
        first=first,
        walk=walk,
        state=state,
        used=used,
        left=left,
    )
    return Deadline(
        due=due,
        state=state,
        clock_start=clock_start,
        workdays_allowed=allowed,
        workdays_used=used,
        workdays_left=left,
        supplement_notice_due=notice_due,
        paused_workdays=paused,
        workings=tuple(workings),
        provisional=provisional,
    )


def _validate(inp: ClockInput) -> None:
    if not 0 <= inp.extension_workdays <= MAX_EXTENSION_WORKDAYS:
        raise ValueError(
            f"延长答复期限须在0至{MAX_EXTENSION_WORKDAYS}个工作日之间（第三十三条第二款），"
            f"当前为{inp.extension_workdays}个工作日"
        )
    if inp.supplement_requested_on and inp.supplement_requested_on < inp.received_on:
        raise ValueError("补正告知日期不能早于收到申请之日")
    if inp.supplement_received_on and inp.supplement_received_on < inp.received_on:
        raise ValueError("收到补正申请之日不能早于收到申请之日")
    if (
        inp.supplement_requested_on
        and inp.supplement_received_on
        and inp.supplement_received_on < inp.supplement_requested_on
    ):
        raise ValueError("收到补正申请之日不能早于补正告知日期")
    for pause in inp.pauses:
        if pause.kind not in PAUSE_KINDS:
            raise ValueError(f"未知的暂停计算事由：{pause.kind!r}")
        if pause.end is not None and pause.end < pause.start:
            raise ValueError(f"{_pause_name(pause)}的结束日期不能早于开始日期")
        if pause.limit is not None and pause.limit < pause.start:
            raise ValueError(f"{_pause_name(pause)}的期限不能早于开始日期")


def _add(calendar, start: dt.date, days: int, count_start_day: bool) -> dt.date:
    return calendar.add_workdays(start, days, count_start_day=count_start_day).due


@dataclass(frozen=True)
class _Walk:
    due: dt.date | None  # None when an open pause stops the clock first
    holidays: tuple  # workdays.Day of non-working days passed (weekends left out)
    adjusted: tuple  # workdays.Day of weekend 调休 days counted
    excluded: dict  # Pause -> number of working days it excluded before `due`


def _walk_to_due(calendar, first: dt.date, allowed: int, pauses) -> _Walk:
    counted, holidays, adjusted, excluded = 0, [], [], {}
    day = first
    while True:
        pause = _pause_on(day, pauses)
        if pause is not None and pause.is_open:
            return _Walk(None, tuple(holidays), tuple(adjusted), excluded)
        info = calendar.day(day)
        if not info.is_workday:
            if day.weekday() < 5 or info.reason != "周末":
                holidays.append(info)
        elif pause is not None:
            excluded[pause] = excluded.get(pause, 0) + 1
        else:
            counted += 1
            if day.weekday() >= 5:
                adjusted.append(info)
            if counted == allowed:
                return _Walk(day, tuple(holidays), tuple(adjusted), excluded)
        day += ONE_DAY


def _count_until(calendar, first: dt.date, today: dt.date, pauses, real_pauses) -> tuple[int, int]:
    """(counted, excluded-by-real-pauses) working days from `first` to `today` inclusive."""
    used = paused = 0
    day = first
    while day <= today:
        pause = _pause_on(day, pauses)
        if calendar.is_workday(day):
            if pause is None:
                used += 1
            elif pause in real_pauses:
                paused += 1
        day += ONE_DAY
    return used, paused


def _pause_on(day: dt.date, pauses) -> Pause | None:
    # An open pause wins: a day inside it is never counted, whatever else covers it.
    covering = [p for p in pauses if p.covers(day)]
    open_ = [p for p in covering if p.is_open]
    return (open_ or covering or [None])[0]


def _pause_name(pause: Pause) -> str:
    name = PAUSE_KINDS.get(pause.kind, (pause.kind,))[0]
    return f"{name}（{pause.label}）" if pause.label else name


def _workings(
    inp, calendar, *, provisional, last, today, allowed, notice_due, first, walk, state, used, left
):
    start_word = "当日" if inp.count_start_day else "次日"
    lines = []
    received = f"{cn_date(inp.received_on)}收到申请（第三十一条）"
    if inp.supplement_requested_on is None and inp.supplement_received_on is None:
        received += f"，{start_word}起算{BASE_WORKDAYS}个工作日（第三十三条第二款）"
    lines.append(received)
    lines.append(
        f"补正告知应于{cn_date(notice_due)}前发出（第三十条：自收到申请之日起"
        f"{SUPPLEMENT_NOTICE_WORKDAYS}个工作日内一次性告知）"
    )
    if inp.supplement_requested_on is not None:
        line = f"{cn_date(inp.supplement_requested_on)}发出补正告知（第三十条）"
        if inp.supplement_received_on is None:
            line += "，等待申请人补正；答复期限自收到补正的申请之日起计算，补正前不确定答复期限"
        lines.append(line)
    if inp.supplement_received_on is not None:
        lines.append(
            f"{cn_date(inp.supplement_received_on)}收到补正的申请，答复期限自该日起重新计算"
            f"（第三十条），{start_word}起算{BASE_WORKDAYS}个工作日（第三十三条第二款），"
            "补正前已经过的工作日不再扣减"
        )
    if inp.extension_workdays:
        lines.append(
            f"经政府信息公开工作机构负责人同意并告知申请人，延长{inp.extension_workdays}个工作日"
            f"（第三十三条第二款），合计{allowed}个工作日"
        )
    for pause in inp.pauses:
        lines.append(_pause_line(pause, walk.excluded.get(pause, 0), today))
    if walk.holidays:
        lines.append(f"期间节假日不计：{_describe_days(walk.holidays)}")
    if walk.adjusted:
        lines.append(f"调休上班日计入：{_describe_days(walk.adjusted, reasons=False)}")

    awaiting = inp.supplement_requested_on is not None and inp.supplement_received_on is None
    if awaiting:
        pass
    elif walk.due is None:
        lines.append(f"期限暂停中，恢复计算后尚有{left}个工作日，答复期限待定（第三十三条第三款）")
    else:
        lines.append(f"按第三十三条计算的答复期限：{cn_date(walk.due)}（{allowed}个工作日）")
    if state == "overridden":
        computed = cn_date(walk.due) if walk.due else "待定"
        lines.append(
            f"依第三十五条确定延迟答复的合理期限：{cn_date(inp.override_due)}"
            f"（按第三十三条计算为{computed}）"
        )

    if provisional:
        years = "、".join(
            f"{year}年"
            for year in range(inp.received_on.year, last.year + 1)
            if not calendar.knows_year(year)
        )
        lines.append(
            f"{years}节假日安排尚未录入：暂按周末和元旦（1月1日）、劳动节（5月1日、2日）、"
            "国庆节（10月1日至3日）不计算，以上日期为暂定，录入后自动重新计算"
        )

    status = f"截至{cn_date(today)}，已计{used}个工作日"
    due = inp.override_due if state == "overridden" else walk.due
    if state == "awaiting_supplement":
        status = f"截至{cn_date(today)}，补正告知发出前已计{used}个工作日，补正后重新计算"
    elif due is not None and today > due:
        status += f"，已超过答复期限{-left}个工作日" if left else "，已超过答复期限"
    elif due is not None and today == due:
        status += "，今日为答复期限最后一日"
    elif left is not None:
        status += f"，尚余{left}个工作日"
    lines.append(status)
    return lines


def _pause_line(pause: Pause, excluded: int, today: dt.date) -> str:
    _, ended, basis = PAUSE_KINDS[pause.kind]
    name, sent = _pause_name(pause), f"{cn_date(pause.start)}发出"
    limit = f"（期限至{cn_date(pause.limit)}）" if pause.limit else ""
    if pause.end is not None and (pause.limit is None or pause.end <= pause.limit):
        return (
            f"{name}：{sent}，{cn_date(pause.end)}{ended}，其间{excluded}个工作日不计入答复期限"
            f"（{basis}）"
        )
    if pause.end is not None:
        return (
            f"{name}：{sent}，{cn_date(pause.end)}{ended}，已超过期限{limit}，"
            f"只有期限内的{excluded}个工作日不计入答复期限（{basis}）"
        )
    if pause.limit is None:
        return f"{name}：{sent}，尚未{ended}，自次日起暂停计算（{basis}）"
    if today <= pause.limit:
        return (
            f"{name}：{sent}，尚未{ended}{limit}；答复期限暂按期满计算，"
            f"提前{ended}的相应提前（{basis}）"
        )
    return (
        f"{name}：{sent}，期满未{ended}{limit}，期限内{excluded}个工作日不计入答复期限（{basis}）；"
        f"{SILENCE[pause.kind]}"
    )


def _describe_days(days, *, reasons: bool = True) -> str:
    """2022年10月1日至10月7日（国庆节）；… runs of consecutive days with the same reason."""
    groups: list[tuple[str, list[dt.date]]] = []
    for info in days:
        if groups and groups[-1][0] == info.reason and groups[-1][1][-1] + ONE_DAY == info.date:
            groups[-1][1].append(info.date)
        else:
            groups.append((info.reason, [info.date]))
    parts = []
    for reason, dates in groups:
        span = cn_date(dates[0])
        if len(dates) > 1:
            end = dates[-1]
            same_year = end.year == dates[0].year
            span += "至" + (f"{end.month}月{end.day}日" if same_year else cn_date(end))
        parts.append(f"{span}（{reason}）" if reasons else span)
    return "；".join(parts)
