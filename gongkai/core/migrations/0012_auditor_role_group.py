"""The 审计查阅 (read-only auditor) role's group, so that a fresh database knows it (0002)."""

from django.db import migrations


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="审计查阅")


class Migration(migrations.Migration):
    dependencies = [("core", "0011_audit_unit_name")]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
