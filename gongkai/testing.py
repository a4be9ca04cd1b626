"""The shared test cast: one bureau, its units and one person per role (see core/bureau.py)."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from gongkai.core.bureau import PEOPLE, ensure_units
from gongkai.core.models import User

TEST_PASSWORD = "Cast-password-2022"


class Cast:
    """Attributes: units by name (`cast.units["法规处"]`) and people: admin, press (新闻处),
    press_head (新闻处负责人, who heads the disclosure office),
    clerk (法规处 经办人), head (法规处 负责人), other_clerk (审批处), subordinate_clerk (指挥中心),
    reviewer (保密审查员), leader (签发领导)."""

    def __init__(self):
        self.units = ensure_units()
        hashed = make_password(TEST_PASSWORD)  # hash once: Argon2 is slow on purpose
        people = {}
        for username, full_name, unit, roles in PEOPLE:
            user = User.objects.create(
                username=username, full_name=full_name, unit=self.units[unit], password=hashed
            )
            user.set_roles(roles)
            people[username] = user
        self.admin = people["admin"]
        self.press = people["xinwen"]
        self.press_head = people["xinwen_head"]  # 政府信息公开工作机构负责人
        self.clerk = people["fagui"]
        self.head = people["fagui_head"]
        self.other_clerk = people["shenpi"]
        self.subordinate_clerk = people["zhihui"]
        self.reviewer = people["baomi"]
        self.leader = people["lingdao"]


# The public application form as a citizen fills it in (政府信息公开申请表), valid as it stands.
APPLICATION_FORM = {
    "applicant_type": "natural_person",
    "applicant_name": "李四",
    "id_document": "11010519491231002X",  # GB 11643's worked example: a valid check digit
    "phone": "13912345678",
    "description": "本局2022年政府信息公开工作年度报告",
    "delivery_form": "electronic",
    "delivery_method": "email",
    "email": "lisi@example.com",
    "agree": "on",
}


# Beijing time, as the office works (Asia/Shanghai has had no daylight saving since 1991).
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def on_day(year: int, month: int, day: int, hour: int = 10):
    """Travel to that day in Shanghai (10:00 by default), the clock standing still: a step
    entered there is entered on its own day, not 补录."""
    import time_machine

    return time_machine.travel(dt.datetime(year, month, day, hour, tzinfo=SHANGHAI), tick=False)


def a_case(cast, received=None, **fields):
    """registered_case without its query code."""
    return registered_case(cast, received, **fields)[0]


def handling_case(cast, **fields):
    """An application received 2022-09-28 (registered_case) that the press office assigned
    to 法规处 on 2022-09-29, entered that day: 办理中, reply due 2022-10-31."""
    case = a_case(cast, **fields)
    with on_day(2022, 9, 29):
        case.assign(by=cast.press, unit=cast.units["法规处"], on=dt.date(2022, 9, 29))
    return case


def replied_case(cast, case=None, *, on=dt.date(2022, 10, 20), text="现提供计划全文。", **fields):
    """`case` (or a new registered_case of `fields`) answered by the press office on `on`:
    予以公开 (DISCLOSED) with `text` and one file provided, 检查计划.pdf."""
    from gongkai.disclosure_requests.taxonomy import Outcome

    case = case or a_case(cast, **fields)
    case.reply(
        by=cast.press, outcome=Outcome.DISCLOSED, text=text, on=on, files=[a_pdf("检查计划.pdf")]
    )
    return case


def served_case(cast, case=None, *, on=dt.date(2022, 10, 20), method="post", **fields):
    """replied_case, then served (送达) by `method` the same day."""
    case = replied_case(cast, case, on=on, **fields)
    case.serve(by=cast.press, method=method, on=on)
    return case


def follow_application(client, case, code: str) -> str:
    """The applicant opens their application by number and query code (this browser then
    follows it); returns its status page's address."""
    from django.urls import reverse

    client.post(
        reverse("disclosure_requests_public:lookup"),
        {"tracking_no": case.tracking_no, "code": code},
    )
    return reverse("disclosure_requests_public:status", args=[case.tracking_no])


def registered_case(cast, received=None, **fields):
    """An application handed in on paper on `received` (2022-09-28 by default: due 2022-10-31)
    and registered by the press office. Returns (case, query code)."""
    from django.db import transaction

    from gongkai.disclosure_requests.models import Channel, DisclosureRequest
    from gongkai.disclosure_requests.services import create_registered

    defaults = {
        "applicant_type": "natural_person", "applicant_name": "张三",
        "id_document": "11010519491231002X", "phone": "13800138000",
        "description": "2022年安全生产执法检查计划", "delivery_form": "electronic",
        "delivery_method": "email", "email": "zhang@example.com", "channel": Channel.IN_PERSON,
    }  # fmt: skip  # a table: one field a cell, as on the paper form
    case = DisclosureRequest(received_on=received or dt.date(2022, 9, 28), **{**defaults, **fields})
    with transaction.atomic():
        code = create_registered(case, [], actor=cast.press, note="当面提交")
    return case, code


# The public mailbox form as a citizen fills it in (领导信箱), valid as it stands.
MESSAGE_FORM = {
    "category": "consult",
    "subject": "加油站旁边小区的安全距离",
    "body": (
        "我家小区旁边新建了一座加油站，离住宅楼很近，请问安全距离有什么规定？我的电话13912345678。"
    ),
    "name": "王五",
    "phone": "13912345678",
    "email": "wangwu@example.com",
    "publish_consent": "on",
}


def written_message(**fields):
    """A message written to the mailbox online (consented to publication unless told)."""
    from django.db import transaction

    from gongkai.mailbox.models import Message
    from gongkai.mailbox.services import create

    values = {k: v for k, v in MESSAGE_FORM.items() if k != "publish_consent"}
    message = Message(**{**values, "publish_consent": True, **fields})
    with transaction.atomic():
        create(message, (), actor=None, note="网上留言")
    return message


def message_steps_logged(message) -> list[str]:
    """The audit actions that changed `message`, oldest first; reads of it are logged apart
    (audit.READ_ACTIONS: a page shown again with a refusal logs one)."""
    from gongkai.core import audit
    from gongkai.core.models import AuditEntry

    return list(
        AuditEntry.objects.filter(target_id=str(message.pk), action__startswith="message.")
        .exclude(action__in=audit.READ_ACTIONS)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def replied_message(cast, text: str = "答复", **fields):
    """A message the press office assigned to 法规处, its clerk answered with `text`, its head
    approved and the press office released (答复已发布 to the citizen)."""
    message = written_message(**fields)
    # a 检举 among them accuses no unit of the bureau (Message.assign asks)
    message.assign(by=cast.press, unit=cast.units["法规处"], no_named_unit=True)
    message.draft(by=cast.clerk, text=text)
    message.approve(by=cast.head)
    message.release(by=cast.press)
    return message


# The public sign-up form for a decision meeting as a citizen fills it in (列席报名), valid.
SIGNUP_FORM = {
    "name": "王小明",
    "phone": "13912345678",
    "email": "wxm@example.com",
    "district": "天河区",
    "occupation": "社区工作者",
    "statement": "我所在社区有多家危化品仓库，希望就安全距离听取意见并提出建议。",
    "conflicts": "无",
    "publish_consent": "on",
    "eligible": "on",
}


def published_meeting(cast, *, selection="lottery", seats=3, unit="法规处", **fields):
    """A meeting of 法规处 drafted by its clerk and published by its head: sign-up open from an
    hour ago for 5 days, the meeting 10 days from now, the seed's value known the day after
    sign-up closes."""
    import datetime as dt

    from django.utils import timezone

    from gongkai.meetings.services import meeting_create

    now = timezone.now()
    closes = now + dt.timedelta(days=5)
    values = {
        "title": "危险化学品仓储安全专项整治方案审议会",
        "topics": "审议《危险化学品仓储安全专项整治方案（征求意见稿）》",
        "starts_at": now + dt.timedelta(days=10),
        "place": "市应急管理局3楼会议室",
        "public_seats": seats,
        "selection": selection,
        "signup_opens": now - dt.timedelta(hours=1),
        "signup_closes": closes,
        "seed_source": "福彩3D开奖号码" if selection == "lottery" else "",
        "seed_date": timezone.localtime(closes).date() + dt.timedelta(days=1)
        if selection == "lottery"
        else None,
        **fields,
    }
    if selection == "invite":
        values["signup_opens"] = values["signup_closes"] = None
    clerk = cast.clerk if unit == "法规处" else cast.other_clerk
    head = cast.head if unit == "法规处" else cast.press
    meeting = meeting_create(by=clerk, unit=cast.units[unit], **values)
    meeting.submit(by=clerk)
    meeting.publish(by=head)
    return meeting


def held_meeting(cast):
    """A first-come meeting of 法规处 with one seat, its one sign-up selected an hour before it
    began and recorded present two hours after: (the meeting, the attendee)."""
    import datetime as dt

    import time_machine

    meeting = published_meeting(cast, selection="first_come", seats=1)
    (attendee,) = signed_up(meeting, 1)
    with time_machine.travel(meeting.starts_at - dt.timedelta(hours=1), tick=False):
        meeting.select(by=cast.clerk)
    with time_machine.travel(meeting.starts_at + dt.timedelta(hours=2), tick=False):
        meeting.record_attendance(by=cast.clerk, present=[attendee])
    return meeting, attendee


def signed_up(meeting, n: int, *, start: int = 0):
    """`n` sign-ups to `meeting`, as if sent through the public form (phones 13900000000+i)."""
    from gongkai.meetings.forms import SignUpForm
    from gongkai.meetings.services import signup_submit

    made = []
    for i in range(start, start + n):
        data = {
            **SIGNUP_FORM,
            "name": f"报名人{i:03d}",
            "phone": f"139{i:08d}",
            "email": f"baoming{i:03d}@example.com",  # one person, one e-mail
        }
        form = SignUpForm(data)
        if not form.is_valid():
            raise ValueError(form.errors)
        key = f"t-{meeting.pk}-{i}"
        made.append(signup_submit(meeting=meeting, form=form, idempotency_key=key, ip=None))
    return [done.signup for done in made]


def a_pdf(name: str = "提供的信息.pdf"):
    """A small PDF as a browser uploads it: what a reply that provides information attaches."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def found_again_in_two_queries(find, form_class, data: dict, upload, assert_num_queries):
    """What `find` (earlier_submission, earlier_message: core.idempotent.repeated_by) returns
    for `form_class` filled in with `data` and `upload` as its one attachment, read in two
    queries — the earlier submissions with the same words, then all their files together
    (prefetch_related), never one query per candidate. `assert_num_queries`: pytest-django's
    django_assert_num_queries fixture."""
    from django.utils.datastructures import MultiValueDict

    form = form_class(data, MultiValueDict({"attachments": [upload]}))
    if not form.is_valid():
        raise AssertionError(form.errors)
    with assert_num_queries(2):
        return find(form)


def meeting_form(**changes) -> dict:
    """The meeting notice create/edit form's fields, filled as a clerk would; `changes` override."""
    now = timezone.localtime()
    return {
        "title": "应急避护场所建设规划审议会",
        "topics": "审议《广州市应急避护场所建设规划（2022—2035年）》",
        "starts_at": (now + dt.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"),
        "place": "市应急管理局5楼会议室",
        "public_seats": "6",
        "selection": "lottery",
        "signup_opens": now.strftime("%Y-%m-%dT%H:%M"),
        "signup_closes": (now + dt.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
        "eligibility": "年满18周岁的本市居民",
        "seed_source": "福彩3D开奖号码",
        "seed_date": (now + dt.timedelta(days=12)).date().isoformat(),
        **changes,
    }


class _SeenInputs(HTMLParser):
    """The values of the hidden `seen` inputs on a page (a prefixed form's `x-seen` too)."""

    def __init__(self):
        super().__init__()
        self.values: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        name = found.get("name") or ""
        if tag == "input" and (name == "seen" or name.endswith("-seen")):
            self.values.append(found.get("value") or "")


def seen_in(page: str) -> str:
    """What a served page shows of its record (core.workflow.ShownState): the hidden `seen` its
    forms carry, as a browser would send it back. Every form on a page shows the same record
    (two values are a fault); a page without one, or with an empty one, fails the test."""
    parser = _SeenInputs()
    parser.feed(page)
    values = set(parser.values)
    if len(values) != 1 or "" in values:
        raise AssertionError(f"the page shows seen {sorted(values)}, not one value")
    return values.pop()


def seen_on_page(client, url: str) -> str:
    """seen_in of the page at `url`, opened by the client's user (a tab opened now)."""
    response = client.get(url)
    if response.status_code != 200:
        raise AssertionError(f"{url} answered {response.status_code}")
    return seen_in(response.content.decode())


def one_connection_only() -> bool:
    """The in-memory SQLite test database: one connection, so no two requests at once (a race
    test skips there; PostgreSQL runs it)."""
    from django.db import connection

    return connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    )


def at_once(*calls) -> list[str]:
    """Run the calls together (threads released by one Barrier), each on its own connection,
    as two requests racing. What each did, in finishing order: "done", or a refusal's text."""
    import threading

    from django.db import connection

    from gongkai.core.errors import DomainError

    barrier, outcomes = threading.Barrier(len(calls)), []

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("done")
        except DomainError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def a_draft(cast):
    """A draft notice of 法规处's clerk with a short 正文, ready for attachments."""
    from gongkai.publications.models import Category, Document, Kind

    return Document.create_draft(
        by=cast.clerk,
        title="通知",
        category=Category.REGULATIONS_NORMATIVE_DOCS,
        kind=Kind.GENERAL,
        body="<p>正文</p>",
        written_on=dt.date(2022, 9, 1),
    )
