from io import StringIO

from django.core.management import call_command

from gongkai.core.bureau import PEOPLE
from gongkai.core.models import User
from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.mailbox.demo import HANDLERS
from gongkai.mailbox.models import Message
from gongkai.plans.models import Evidence, Plan, Progress

COUNTED = [User, Plan, Progress, Evidence, DisclosureRequest, Message]


def _counts():
    return [model.objects.count() for model in COUNTED]


def test_the_demo_loads_once_and_twice_changes_nothing(db):
    out = StringIO()
    call_command("demo", stdout=out)
    users, plans, progress, evidence, requests, messages = first = _counts()
    # The bureau's ten logins, and a clerk and a head for the units that answer messages.
    assert len(PEOPLE) == 10
    assert (
        users == len(PEOPLE) + len(HANDLERS)
        and plans == 1
        and progress > 100
        and evidence > 0
        and requests > 200
        and messages > 200
    )
    assert Plan.objects.get().tasks.count() == 38
    assert "Gongkai@2022" in out.getvalue()
    call_command("demo", stdout=StringIO())
    assert _counts() == first
