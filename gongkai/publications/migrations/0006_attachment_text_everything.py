"""Re-read attachments' text with the scan that reads everything a file publishes (headers,
footers, comments, properties, Excel comments, PDF metadata), so documents already under
review are scanned for what they publish too. Files missing from storage are left alone."""

from django.db import migrations


def reread(apps, schema_editor):
    from gongkai.publications.text import attachment_text

    Attachment = apps.get_model("publications", "Attachment")
    for attachment in Attachment.objects.filter(kind__in=["pdf", "docx", "xlsx"]).iterator():
        try:
            with attachment.file.open("rb") as stored:
                data = stored.read()
        except (OSError, ValueError):
            continue
        text = attachment_text(data, attachment.original_name, attachment.kind)
        if text and text != attachment.text:
            Attachment.objects.filter(pk=attachment.pk).update(text=text)


class Migration(migrations.Migration):
    dependencies = [("publications", "0005_portal_pages")]

    operations = [migrations.RunPython(reread, migrations.RunPython.noop)]
