"""One name for one thing: the application is `case` on every model that belongs to it, and
its files are CaseFile (publications has an Attachment of its own). The two one-open-per-case
constraints name the field, so they are dropped before the rename and made again after it."""

from django.db import migrations, models

CONSTRAINTS = {
    "consultation": models.UniqueConstraint(
        condition=models.Q(("answered_on__isnull", True), ("lapsed", False)),
        fields=("case",),
        name="consultation_one_open_per_request",
        violation_error_message="已有尚未结束的征求意见",
    ),
    "feenotice": models.UniqueConstraint(
        condition=models.Q(("settled_on__isnull", True)),
        fields=("case",),
        name="fee_notice_one_unsettled_per_request",
        violation_error_message="已有尚未缴费的收费通知",
    ),
}
BELONGING = ("requestevent", "casefile", "consultation", "feenotice", "reply", "remedy")


class Migration(migrations.Migration):
    dependencies = [("disclosure_requests", "0004_procedure_held_to_the_law")]

    operations = [
        *[migrations.RemoveConstraint(model, c.name) for model, c in CONSTRAINTS.items()],
        migrations.RenameModel("Attachment", "CaseFile"),
        *[migrations.RenameField(model, "request", "case") for model in BELONGING],
        *[migrations.AddConstraint(model, c) for model, c in CONSTRAINTS.items()],
    ]
