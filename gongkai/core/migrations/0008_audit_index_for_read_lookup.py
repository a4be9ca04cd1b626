"""One index for audit.read_logged's question (who read which record, by action, since when),
whose (target_type, target_id) prefix also serves a record's history: it replaces that index,
built before the old one goes so the table is never without one."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_unconfirm_schedules_missing_a_statutory_holiday"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(
                fields=["target_type", "target_id", "action", "actor", "at"],
                name="audit_target_action_actor_at",
            ),
        ),
        migrations.RemoveIndex(
            model_name="auditentry",
            name="core_audite_target__f1cadb_idx",
        ),
    ]
