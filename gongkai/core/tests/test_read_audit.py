"""查阅记录 (probe 8 A1): reading or downloading citizens' personal data leaves an audit entry —
once per user, record and file within audit.READ_WINDOW — and the auditors list them all."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests.models import CaseFile
from gongkai.mailbox.models import MessageFile
from gongkai.testing import a_case, a_pdf, written_message

PDF = b"%PDF-1.4\n%%EOF\n"


def _reads(**filters):
    return list(
        AuditEntry.objects.filter(action__in=audit.READ_ACTIONS, **filters)
        .order_by("pk")
        .values_list("actor__username", "action", "target_repr", "data")
    )


@pytest.mark.django_db
def test_opening_a_message_is_logged_once_per_half_hour_and_per_person(client, cast):
    message = written_message()
    detail = reverse("mailbox:detail", args=[message.pk])
    client.force_login(cast.press)
    assert client.get(detail).status_code == 200
    assert client.get(detail).status_code == 200  # a reload: no second entry
    assert _reads() == [(cast.press.username, "message.read", message.tracking_no, {"what": ""})]
    with time_machine.travel(timezone.now() + audit.READ_WINDOW + dt.timedelta(minutes=1)):
        client.get(detail)
    client.force_login(cast.leader)
    client.get(detail)
    assert [row[0] for row in _reads()] == [cast.press.username] * 2 + [cast.leader.username]


@pytest.mark.django_db
def test_a_refused_read_writes_nothing(client, cast):
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["法规处"])
    client.force_login(cast.other_clerk)
    assert client.get(reverse("mailbox:detail", args=[message.pk])).status_code == 404
    assert _reads() == []


@pytest.mark.django_db
def test_downloading_a_message_attachment_is_logged_with_its_name(client, cast):
    message = written_message()
    upload = SimpleUploadedFile("身份证.pdf", PDF, content_type="application/pdf")
    attachment = MessageFile.store(message, upload)
    client.force_login(cast.press)
    response = client.get(reverse("mailbox:file", args=[message.pk, attachment.pk]))
    assert response.status_code == 200
    assert _reads(action="message.download") == [
        (cast.press.username, "message.download", message.tracking_no, {"what": "身份证.pdf"})
    ]


@pytest.mark.django_db
def test_the_case_page_its_letter_and_its_files_are_logged(client, cast):
    case = a_case(cast, received=timezone.localdate())
    client.force_login(cast.press)
    assert client.get(reverse("disclosure_requests:detail", args=[case.pk])).status_code == 200
    # no reply yet: the letter is a 404 and nothing is logged as downloaded
    letter = reverse("disclosure_requests:letter", args=[case.pk, "docx"])
    assert client.get(letter).status_code == 404
    assert [row[1] for row in _reads()] == ["request.read"]
    notice = reverse("disclosure_requests:supplement_notice", args=[case.pk, "docx"])
    case.request_supplement(by=cast.press, items="请补充身份证明", on=case.received_on)
    assert client.get(notice).status_code == 200
    stored = CaseFile.store(case, a_pdf("身份证明.pdf"), purpose=CaseFile.Purpose.APPLICATION)
    client.get(reverse("disclosure_requests:attachment", args=[case.pk, stored.pk]))
    downloads = [row[3]["what"] for row in _reads(action="request.download")]
    assert downloads == [f"补正告知书-{case.tracking_no}.docx", "身份证明.pdf"]


@pytest.mark.django_db
def test_the_audit_export_is_logged_and_auditors_list_every_read(client, cast):
    message = written_message()
    client.force_login(cast.leader)
    client.get(reverse("mailbox:detail", args=[message.pk]))
    client.force_login(cast.admin)
    response = client.get(reverse("core:audit_export"), {"actor": "x"})
    b"".join(response.streaming_content)
    assert _reads(action="audit.export") == [
        (cast.admin.username, "audit.export", "", {"what": "actor=x"})
    ]
    page = client.get(reverse("core:audit_list"), {"action": audit.READS}).content.decode()
    assert "查阅留言（含留言人信息）" in page and message.tracking_no in page
    assert "导出审计日志" in page and "受理" not in page.split("<tbody>")[1]


@pytest.mark.django_db
def test_the_repeat_read_question_is_answered_from_one_index(cast):
    """Every view of a case page asks audit.read_logged; on 200,000 entries SQLite took the
    actor's index (~20 ms) before core 0008 (bench/bench_audit_reads.py)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case = a_case(cast, received=timezone.localdate())
    with CaptureQueriesContext(connection) as asked:
        audit.read_logged(cast.press, "request.read", case).exists()
    sql = asked.captured_queries[-1]["sql"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A tiny table makes every index equally cheap (the planner once took the actor's):
            # give it the log's shape — many reads by the same person of other records.
            AuditEntry.objects.bulk_create(
                AuditEntry(
                    actor=cast.press,
                    action="request.read",
                    target_type=case._meta.label_lower,
                    target_id=str(100_000 + n),
                )
                for n in range(2_000)
            )
            cursor.execute("ANALYZE core_auditentry")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
        plan = " ".join(str(cell) for row in cursor.fetchall() for cell in row)
    assert "audit_target_action_actor_at" in plan, plan
