"""Probe 10, finding 6: many submissions in an hour, from however many addresses, are shown to
the press office on the dashboard; nothing is blocked by it."""

from django.urls import reverse

from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.testing import APPLICATION_FORM


def _apply(client, i):
    data = {**APPLICATION_FORM, "applicant_name": f"申请人{i}", "idempotency_key": f"k{i}"}
    client.post(reverse("disclosure_requests_public:apply"), data, REMOTE_ADDR=f"10.{i}.0.1")


def test_the_press_office_is_told_of_an_unusual_hour_and_nothing_is_blocked(client, cast, settings):
    settings.SUBMISSION_ALERT_PER_HOUR = 2
    for i in range(2):
        _apply(client, i)
    client.force_login(cast.press)
    assert 'id="unusual-volume"' not in client.get(reverse("core:dashboard")).content.decode()
    _apply(client, 2)
    assert DisclosureRequest.objects.count() == 3  # taken, not blocked
    client.force_login(cast.press)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert 'id="unusual-volume"' in page
    assert "过去一小时网上提交3件（政府信息公开申请3件），超过提醒线2件" in page
    client.force_login(cast.clerk)  # a unit's clerk has nothing to do about it
    assert 'id="unusual-volume"' not in client.get(reverse("core:dashboard")).content.decode()


def test_the_hour_s_figures_by_form_in_one_query(client, cast, django_assert_num_queries):
    """Online submissions only, within the hour only, each form apart: one query for all four."""
    import datetime as dt

    from django.utils import timezone

    from gongkai.consultations.models import Comment, CommentChannel
    from gongkai.core.tests.test_permission_matrix import _open_consultation
    from gongkai.mailbox.models import Channel, Message
    from gongkai.meetings.models import SignUp
    from gongkai.site.volume import submissions_since
    from gongkai.testing import a_case, published_meeting, signed_up, written_message

    two_hours_ago = timezone.now() - dt.timedelta(hours=2)
    for i in range(3):
        _apply(client, i)
    DisclosureRequest.objects.filter(applicant_name="申请人0").update(submitted_at=two_hours_ago)
    a_case(cast)  # entered by staff, not online
    written_message(), written_message(), written_message(channel=Channel.HOTLINE)
    Message.objects.filter(pk=written_message().pk).update(submitted_at=two_hours_ago)
    consultation = _open_consultation(cast)  # open today, as the permission matrix opens one
    for channel in [CommentChannel.ONLINE, CommentChannel.POST]:
        comment = Comment(
            consultation=consultation, text="意见", channel=channel, sent_on=timezone.localdate()
        )
        comment.save_numbered()
    meeting = published_meeting(cast, seats=5)
    SignUp.objects.filter(pk=signed_up(meeting, 3)[0].pk).update(submitted_at=two_hours_ago)

    since = timezone.now() - dt.timedelta(hours=1)
    with django_assert_num_queries(1):
        counts = submissions_since(since)
    assert counts == {"政府信息公开申请": 2, "领导信箱留言": 2, "征求意见": 1, "列席报名": 2}
    with django_assert_num_queries(1):
        nothing = submissions_since(timezone.now() + dt.timedelta(minutes=1))
    assert nothing == dict.fromkeys(counts, 0)
