"""A long file name keeps its extension (probe 10, finding 4): a 304-character "….pdf" was
stored and served as 200 characters with no ".pdf", which Windows will not open."""

from urllib.parse import unquote

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.lib.uploads import short_name
from gongkai.testing import APPLICATION_FORM, MESSAGE_FORM, a_draft

LONG = "材料" * 150 + ".pdf"  # 304 characters
PDF = b"%PDF-1.7 long name"


def test_short_name_cuts_the_stem_and_keeps_the_suffix():
    assert len(LONG) == 304
    assert short_name(LONG) == "材料" * 98 + ".pdf" and len(short_name(LONG)) == 200
    assert short_name("短名.pdf") == "短名.pdf"
    assert short_name("无扩展名" * 60) == ("无扩展名" * 60)[:200]
    assert short_name("a." + "x" * 300) == ("a." + "x" * 300)[:200]  # no real extension


def _served_name(response) -> str:
    return unquote(response["Content-Disposition"].split("filename*=utf-8''")[1])


def test_a_mailbox_attachment_is_stored_and_downloaded_with_its_extension(cast, client):
    from gongkai.mailbox.models import MessageFile

    client.post("/hudong/", {**MESSAGE_FORM, "attachments": [SimpleUploadedFile(LONG, PDF)]})
    stored = MessageFile.objects.get()
    assert stored.original_name.endswith(".pdf") and len(stored.original_name) == 200
    client.force_login(cast.press)
    response = client.get(reverse("mailbox:file", args=[stored.message_id, stored.pk]))
    assert _served_name(response) == stored.original_name


def test_an_application_attachment_keeps_its_extension(client, db):
    from gongkai.disclosure_requests.models import CaseFile

    data = {**APPLICATION_FORM, "attachments": [SimpleUploadedFile(LONG, PDF)]}
    client.post(reverse("disclosure_requests_public:apply"), data)
    name = CaseFile.objects.get().original_name
    assert name.endswith(".pdf") and len(name) == 200


def test_a_publication_attachment_is_stored_and_served_with_its_extension(cast, client):
    doc = a_draft(cast)
    long = "关于危险化学品安全管理的通知" * 14 + "附件一.pdf"
    attachment = doc.add_attachment(by=cast.clerk, upload=SimpleUploadedFile(long, PDF))
    assert attachment.original_name.endswith("通知.pdf") and len(attachment.original_name) == 200
    client.force_login(cast.clerk)
    response = client.get(reverse("publications:attachment_download", args=[attachment.pk]))
    assert _served_name(response) == attachment.original_name


def test_plan_evidence_keeps_its_extension(cast):
    from pathlib import Path

    from gongkai.plans import services
    from gongkai.plans.models import Evidence, ProgressStatus

    seed = Path(services.__file__).parent / "seed" / "guangzhou-yjj-2022.txt"
    plan = services.plan_import(
        by=cast.press, data=seed.read_bytes(), filename="seed.txt", year=2022
    ).plan
    share = plan.tasks.get(number=12).assignments.get(unit=cast.units["法规处"])
    share.report_progress(
        by=cast.clerk,
        text="已整理佐证材料",
        status=ProgressStatus.IN_PROGRESS,
        files=[SimpleUploadedFile(LONG, PDF)],
    )
    name = Evidence.objects.get().original_name
    assert name.endswith(".pdf") and len(name) == 200
