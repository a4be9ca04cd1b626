import re
import unicodedata

from django.db import migrations, models


def mark_repeated_orders(apps, schema_editor):
    """Before the constraint: order numbers tidied as the form now tidies them, and an order
    registered more than once keeps its number as it is on the first message only; each later
    copy gets "（第2次登记）" etc. after it, so the office finds both and merges or closes one."""
    Message = apps.get_model("mailbox", "Message")
    seen = {}
    for message in (
        Message.objects.exclude(hotline_order_no="")
        .only("pk", "hotline_order_no")
        .order_by("pk")
        .iterator(chunk_size=500)
    ):
        tidy = re.sub(r"\s+", "", unicodedata.normalize("NFKC", message.hotline_order_no)).upper()
        seen[tidy] = seen.get(tidy, 0) + 1
        if seen[tidy] > 1:
            suffix = f"（第{seen[tidy]}次登记）"
            tidy = tidy[: 40 - len(suffix)] + suffix
        if tidy != message.hotline_order_no:
            Message.objects.filter(pk=message.pk).update(hotline_order_no=tidy)


class Migration(migrations.Migration):
    dependencies = [
        ("mailbox", "0004_message_phone_key"),
    ]

    operations = [
        migrations.RunPython(mark_repeated_orders, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="message",
            constraint=models.UniqueConstraint(
                condition=models.Q(("hotline_order_no", ""), _negated=True),
                fields=("hotline_order_no",),
                name="message_hotline_order_once",
                violation_error_message="该12345工单已登记。",
            ),
        ),
    ]
