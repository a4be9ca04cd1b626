"""Probe 7 F8: withdrawing a policy takes its published 解读 down with it (谁起草、谁解读; the 解读
and its 原文 link both ways, participation.md §12.1), and the writers of Q&A entries withdrawn
because they cite it are told. A refused withdrawal leaves everything as it was."""

import pytest
from django.urls import reverse

from gongkai.answers.models import Entry, EntryStatus
from gongkai.answers.tests.helpers import YUETAN, entry, published
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry, Notification
from gongkai.publications.models import Document, DocumentStatus, Kind

pytestmark = pytest.mark.django_db


def _policy_with_interpretation(cast, make_draft, publish):
    policy = published(cast, "约谈办法", YUETAN)
    interpretation = publish(
        make_draft(kind=Kind.INTERPRETATION, title="一图读懂约谈办法", interprets=policy)
    )
    draft_entry = entry(cast, policy)
    return policy, interpretation, draft_entry


def test_a_withdrawn_policy_takes_its_interpretation_down_and_tells_the_entry_writer(
    client, cast, make_draft, publish
):
    policy, interpretation, cited = _policy_with_interpretation(cast, make_draft, publish)
    assert client.get(interpretation.get_absolute_url()).status_code == 200
    policy.withdraw(by=cast.press, reason="约谈办法已整合进新规定")
    interpretation.refresh_from_db()
    assert interpretation.status == DocumentStatus.WITHDRAWN
    assert "约谈办法" in interpretation.withdrawn_reason
    assert client.get(interpretation.get_absolute_url()).status_code == 404
    assert AuditEntry.objects.filter(
        action="document.withdraw", actor=cast.press, target_id=str(interpretation.pk)
    ).exists()
    assert Entry.objects.get(pk=cited.pk).status == EntryStatus.WITHDRAWN
    told = Notification.objects.get(user=cast.clerk, key__startswith="document.withdraw:")
    assert "约谈办法" in told.text and cited.question in told.text
    # The notification leads to the entry's staff page, which its writer can open.
    assert told.link == reverse("answers:entry_detail", args=[cited.pk])
    client.force_login(cast.clerk)
    assert cited.question in client.get(told.link).content.decode()


def test_a_refused_withdrawal_leaves_the_policy_its_interpretation_and_entries_alone(
    client, cast, make_draft, publish
):
    policy, interpretation, cited = _policy_with_interpretation(cast, make_draft, publish)
    with pytest.raises(DomainError, match="新闻处"):
        policy.withdraw(by=cast.head, reason="处室想撤")
    client.force_login(cast.head)
    client.post(
        reverse("publications:document_act", args=[policy.pk, "withdraw"]),
        {"reason": "处室想撤", "withdrawal": "hidden"},
    )
    statuses = set(
        Document.objects.filter(pk__in=[policy.pk, interpretation.pk]).values_list(
            "status", flat=True
        )
    )
    assert statuses == {DocumentStatus.PUBLISHED}
    assert Entry.objects.get(pk=cited.pk).status != EntryStatus.WITHDRAWN
    assert not AuditEntry.objects.filter(action="document.withdraw").exists()
    assert not Notification.objects.filter(key__startswith="document.withdraw:").exists()
