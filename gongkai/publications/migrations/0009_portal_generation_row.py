"""The portal's one PortalGeneration row, made here so that no visitor's GET has to write it
(two first visitors at once both inserted id 1, and one got a 500 on PostgreSQL)."""

import uuid

from django.db import migrations


def create_row(apps, schema_editor):
    PortalGeneration = apps.get_model("publications", "PortalGeneration")
    PortalGeneration.objects.get_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


class Migration(migrations.Migration):
    dependencies = [("publications", "0008_document_pages")]

    operations = [migrations.RunPython(create_row, migrations.RunPython.noop)]
