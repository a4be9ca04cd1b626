from django.db import migrations, models


def force_passwords_the_admin_set(apps, schema_editor):
    """Whoever's password was set by the administrator through the user page (an audit row
    新增用户 or 重置密码 for them) has a password the administrator knows: they choose their own
    at their next sign-in. The demo's logins were never set there and stay as they are."""
    AuditEntry = apps.get_model("core", "AuditEntry")
    User = apps.get_model("core", "User")
    ids = (
        AuditEntry.objects.filter(
            action__in=["user.create", "user.set_password"], target_type="core.user"
        )
        .values_list("target_id", flat=True)
        .distinct()
    )
    User.objects.filter(pk__in=[int(pk) for pk in ids if pk.isdigit()]).update(
        must_change_password=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_notification_mail_error"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="must_change_password",
            field=models.BooleanField(default=False, verbose_name="须修改密码"),
        ),
        migrations.RunPython(force_passwords_the_admin_set, migrations.RunPython.noop),
    ]
