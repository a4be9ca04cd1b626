"""Third parties' answers recorded before the objection field existed (0007) say 不同意 in
their text but are not marked as objections, so a 予以公开 reply over them was not asked for
the public-interest reason and the written notice (第三十二条). Mark them, conservatively:
only clear 不同意/反对 wording, and never text that also says the opposite (不反对, 无异议,
同意公开) — those stay for the office to read."""

import re

from django.db import migrations

OBJECTS = re.compile(r"不同意|反对")
# Wording that negates an objection or agrees to part of it: left unmarked.
NOT_CLEARLY = re.compile(
    r"不反对|[无没未]有?(?:任何|提出)?(?:反对|异议)|不持异议|无异议|(?<!不)同意(?:公开|披露|提供)"
)


def is_clear_objection(text: str) -> bool:
    return bool(OBJECTS.search(text)) and not NOT_CLEARLY.search(text)


def mark_objections(apps, schema_editor):
    Consultation = apps.get_model("disclosure_requests", "Consultation")
    answered = Consultation.objects.filter(
        kind="third_party", objected=False, answered_on__isnull=False, lapsed=False
    )
    marked = [c.pk for c in answered.only("pk", "result") if is_clear_objection(c.result)]
    Consultation.objects.filter(pk__in=marked).update(objected=True)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure_requests", "0008_fee_notice_received_on"),
    ]

    operations = [
        migrations.RunPython(mark_objections, migrations.RunPython.noop),
    ]
