"""An entry the unit's only head wrote: a 签发领导 approves it instead (core.review).

法规处 has one head (core.bureau). His own entry used to wait for "本单位另一位负责人", who does
not exist. Nobody approves their own entry; a leader stands in for the head's own entry only."""

import pytest
from django.urls import reverse

from gongkai.answers import services
from gongkai.answers.models import Entry, EntryStatus
from gongkai.answers.tests.helpers import YUETAN, entry, published
from gongkai.core.models import AuditEntry, Notification
from gongkai.core.tests.review_helpers import leader_told_instead_of_head
from gongkai.testing import seen_on_page

pytestmark = pytest.mark.django_db


def _act(client, user, item, verb, *, page_of=None):
    """`user` sends `verb` with what the entry page shows (to `page_of`, when `user`'s own page
    has no form for it: a request made by hand)."""
    client.force_login(page_of or user)
    seen = seen_on_page(client, item.get_staff_url())
    client.force_login(user)
    url = reverse("answers:entry_act", args=[item.pk, verb])
    data = {"comment": "依据核对无误", "seen": seen}
    return client.post(url, data, follow=True).content.decode()


def _heads_entry(cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    return services.entry_save(
        entry=Entry(question="约谈针对哪些企业？", answer="见第二条。"),
        sources=[{"document": document, "article": "第二条"}],
        by=cast.head,
    )


def test_it_lets_a_leader_approve_the_only_heads_own_entry(client, cast):
    item = _heads_entry(cast)
    _act(client, cast.head, item, "submit")
    assert Entry.objects.get(pk=item.pk).status == EntryStatus.PENDING

    page = _act(client, cast.head, item, "approve")
    assert "不能审核自己的问答条目" in page
    assert Entry.objects.get(pk=item.pk).status == EntryStatus.PENDING
    note = leader_told_instead_of_head(cast, page)
    assert "约谈针对哪些企业？" in note.text
    assert note.link == reverse("answers:entry_detail", args=[item.pk])

    client.force_login(cast.leader)
    assert "约谈针对哪些企业？" in client.get(reverse("core:dashboard")).content.decode()
    detail = client.get(reverse("answers:entry_detail", args=[item.pk])).content.decode()
    assert "审核通过并发布" in detail
    _act(client, cast.leader, item, "approve")
    item.refresh_from_db()
    assert item.status == EntryStatus.PUBLISHED and item.approved_by == cast.leader
    assert AuditEntry.objects.filter(action="answer_entry.approve", actor=cast.leader).exists()


def test_a_head_who_wrote_an_entry_a_clerk_submitted_does_not_approve_it(client, cast):
    item = _heads_entry(cast)
    _act(client, cast.clerk, item, "submit")
    page = _act(client, cast.head, item, "approve")
    assert "不能审核自己的问答条目" in page
    item.refresh_from_db()
    assert item.status == EntryStatus.PENDING and item.approved_by is None
    _act(client, cast.leader, item, "approve")
    assert Entry.objects.get(pk=item.pk).approved_by == cast.leader


def test_a_leader_does_not_approve_a_clerks_entry(client, cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    _act(client, cast.clerk, item, "submit")
    page = _act(client, cast.leader, item, "approve", page_of=cast.head)
    assert "只有法规处的处室负责人可以审核通过并发布" in page
    item.refresh_from_db()
    assert item.status == EntryStatus.PENDING and item.approved_by is None
    assert not Notification.objects.filter(user=cast.leader).exists()
    client.force_login(cast.leader)
    assert item.question not in client.get(reverse("core:dashboard")).content.decode()


def test_the_heads_waiting_list_reads_the_audit_log_once_however_many_entries_wait(client, cast):
    """Review item 5: the 政策问答 dashboard list asked the audit log who wrote each pending
    entry, one query per entry. With 1 and with 50 waiting, the list and the page read the
    same number of times."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.answers import dashboard

    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    client.force_login(cast.head)

    def queries_with(count):
        while Entry.objects.filter(status=EntryStatus.PENDING).count() < count:
            n = Entry.objects.count()
            item = entry(cast, document, question=f"约谈问题{n}？")
            item.submit(by=cast.clerk)
        with CaptureQueriesContext(connection) as listed:
            waiting = dashboard.my_entries(cast.head)["waiting"]
        with CaptureQueriesContext(connection) as page:
            html = client.get(reverse("core:dashboard")).content.decode()
        return len(waiting), len(listed.captured_queries), len(page.captured_queries), html

    one, list_one, page_one, _ = queries_with(1)
    many, list_many, page_many, html = queries_with(50)
    assert (one, many) == (1, 20)  # the dashboard shows the first 20
    assert html.count("约谈问题") == 20
    assert list_many == list_one == 4
    assert page_many == page_one
