"""An unusual number of online submissions (网上提交) in the last hour, for the press office's
dashboard: every citizen form together, so a flood spread over many addresses, which no
per-address limit stops, is seen by people (probe 10, finding 6). A signal, never a block:
a real surge (an accident in the news) must still get through."""

import datetime as dt

from django.conf import settings
from django.db.models import CharField, Count, Value
from django.utils import timezone

from gongkai.core.roles import Role


def submissions_since(since: dt.datetime) -> dict[str, int]:
    """Online submissions of each citizen form since `since`, by the form's name: one query
    (a UNION ALL of four counts) on every press-office dashboard load, not four."""
    from gongkai.consultations.models import Comment, CommentChannel
    from gongkai.disclosure_requests.models import Channel, DisclosureRequest
    from gongkai.mailbox.models import Channel as MessageChannel
    from gongkai.mailbox.models import Message
    from gongkai.meetings.models import SignUp

    online = {
        "政府信息公开申请": DisclosureRequest.objects.filter(
            channel=Channel.ONLINE, submitted_at__gte=since
        ),
        "领导信箱留言": Message.objects.filter(
            channel=MessageChannel.MAILBOX, submitted_at__gte=since
        ),
        "征求意见": Comment.objects.filter(channel=CommentChannel.ONLINE, created_at__gte=since),
        "列席报名": SignUp.objects.filter(submitted_at__gte=since),
    }
    first, *others = [
        rows.order_by()
        .annotate(form=Value(name, output_field=CharField()))
        .values("form")
        .annotate(n=Count("pk"))
        .values_list("form", "n")
        for name, rows in online.items()
    ]
    counted = dict(first.union(*others, all=True))  # a form with none has no row
    return {name: counted.get(name, 0) for name in online}


def dashboard(user):
    """For the press office: a notice when the last hour's submissions pass the setting."""
    if not user.has_role(Role.PRESS_OFFICE):
        return None
    counts = submissions_since(timezone.now() - dt.timedelta(hours=1))
    total = sum(counts.values())
    if total <= settings.SUBMISSION_ALERT_PER_HOUR:
        return None
    return {
        "template": "site/_volume.html",
        "total": total,
        "counts": {name: n for name, n in counts.items() if n},
        "threshold": settings.SUBMISSION_ALERT_PER_HOUR,
    }
