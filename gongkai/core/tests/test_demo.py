from io import StringIO

from django.core.management import call_command

from gongkai.core.models import User
from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.plans.models import Evidence, Plan, Progress


def test_the_demo_loads_once_and_twice_changes_nothing(db):
    out = StringIO()
    call_command("demo", stdout=out)
    counts = (
        User.objects.count(),
        Plan.objects.count(),
        Progress.objects.count(),
        Evidence.objects.count(),
    )
    assert (
        counts[0] == 9 and counts[1] == 1 and counts[2] > 100 and counts[3] > 0 and counts[4] > 200
    )
    assert Plan.objects.get().tasks.count() == 38
    assert "Demo@2022" in out.getvalue()
    call_command("demo", stdout=StringIO())
    assert counts == (
        User.objects.count(),
        Plan.objects.count(),
        Progress.objects.count(),
        Evidence.objects.count(),
    )
