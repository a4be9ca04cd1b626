"""An entry whose source document's 失效日期 arrives (probe 3, finding 5): it stops answering
that day, whether or not anyone saves anything, and the daily sweep withdraws it as 来源文件失效
(participation.md §12.3: answers cite a current policy, 同源发布)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.answers import reminders, services
from gongkai.answers.models import Entry, EntryStatus, Passage, PassageKind, PassageStatus
from gongkai.answers.tests.helpers import YUETAN, entry, published
from gongkai.core.models import AuditEntry
from gongkai.publications.models import Document

pytestmark = pytest.mark.django_db

QUESTION = "老板为什么会被应急局叫去谈话？"


def _answering(cast):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    item = entry(cast, document)
    item.submit(by=cast.clerk)
    item.approve(by=cast.head)
    return document, item


def _entries_answering():
    answer = services.question_ask(text=QUESTION, log=False)
    return [c.passage.entry_id for c in answer.candidates if c.passage.kind == PassageKind.ENTRY]


def test_an_entry_stops_answering_the_day_its_source_document_expires_without_any_save(cast):
    document, item = _answering(cast)
    today = timezone.localdate()
    Document.objects.filter(pk=document.pk).update(expires_on=today + dt.timedelta(days=1))
    assert _entries_answering() == [item.pk]  # the day before, it still answers

    Document.objects.filter(pk=document.pk).update(expires_on=today)  # the date arrives
    assert _entries_answering() == []
    # decided at answer time: nothing was saved or withdrawn to get there
    assert Entry.objects.get(pk=item.pk).status == EntryStatus.PUBLISHED
    assert not AuditEntry.objects.filter(action="answer_entry.source_ended").exists()


def test_the_daily_sweep_withdraws_entries_citing_an_expired_document_as_the_system(cast):
    document, item = _answering(cast)
    draft = entry(cast, document, question="约谈要做记录吗？", article="第三条")
    other = published(cast, "广州市应急管理局行政执法公示办法", ["第一条 公示。", "第二条 公开。"])
    kept = entry(cast, other, question="执法要公示吗？", article="第二条")
    Document.objects.filter(pk=document.pk).update(expires_on=timezone.localdate())

    out = io.StringIO()
    call_command("remind", stdout=out)

    item.refresh_from_db()
    assert item.status == EntryStatus.WITHDRAWN
    assert item.withdrawn_reason == "依据《广州市应急管理局安全生产约谈办法》已撤回或不再有效"
    assert Entry.objects.get(pk=draft.pk).status == EntryStatus.WITHDRAWN
    assert Entry.objects.get(pk=kept.pk).status == EntryStatus.DRAFT
    assert not Passage.objects.filter(entry=item, status=PassageStatus.LIVE).exists()
    assert not Passage.objects.filter(document=document, status=PassageStatus.LIVE).exists()
    assert Passage.objects.filter(document=other).exists()
    logged = AuditEntry.objects.filter(action="answer_entry.source_ended")
    assert {(a.target_id, a.actor, a.actor_name) for a in logged} == {
        (str(item.pk), None, "系统"),
        (str(draft.pk), None, "系统"),
    }
    said = "来源文件失效，问答条目已撤下\t广州市应急管理局安全生产约谈办法"
    assert out.getvalue().count(said) == 2
    assert reminders.withdraw_lapsed(today=timezone.localdate(), days=7) == []  # once only
    assert AuditEntry.objects.filter(action="answer_entry.source_ended").count() == 2


def test_the_sweep_for_a_given_day_withdraws_by_that_day_and_lists_only_what_it_withdrew(cast):
    """The sweep run for tomorrow (its `today`), the document expiring tomorrow: the entry is
    withdrawn by the same rule as on a save, and the line says so only because it was."""
    document, item = _answering(cast)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    Document.objects.filter(pk=document.pk).update(expires_on=tomorrow)

    lines = reminders.withdraw_lapsed(today=tomorrow, days=7)

    item.refresh_from_db()
    assert item.status == EntryStatus.WITHDRAWN
    assert lines == [
        "来源文件失效，问答条目已撤下\t广州市应急管理局安全生产约谈办法\t" + item.question[:30]
    ]
    logged = AuditEntry.objects.filter(action="answer_entry.source_ended")
    assert [(a.target_id, a.actor_name) for a in logged] == [(str(item.pk), "系统")]
