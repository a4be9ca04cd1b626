"""Create one group per staff role, so that a fresh database already knows every role."""

from django.db import migrations

ROLES = ["政务公开管理员", "处室经办人", "处室负责人", "保密审查员", "签发领导", "系统管理员"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
