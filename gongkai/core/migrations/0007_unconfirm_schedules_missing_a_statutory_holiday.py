"""0006 confirmed a year registered earlier when its fixed-date holidays (元旦, 劳动节, 国庆节)
were entered; confirming now also needs days off named 春节, 清明节, 端午节 and 中秋节. A year
that would not pass today's rule goes back to provisional (暂定) until an administrator enters
what is missing and confirms it again. The rule is the one `HolidaySchedule.confirm` applies
(a pure function of the year and the days entered), so the two cannot drift apart."""

from django.db import migrations

from gongkai.lib.workdays import Override, missing_statutory_holidays


def unconfirm_incomplete_years(apps, schema_editor):
    HolidaySchedule = apps.get_model("core", "HolidaySchedule")
    HolidayOverride = apps.get_model("core", "HolidayOverride")
    for schedule in HolidaySchedule.objects.filter(confirmed_at__isnull=False):
        overrides = {
            o.date: Override(o.is_workday, o.name)
            for o in HolidayOverride.objects.filter(date__year=schedule.year)
        }
        if missing_statutory_holidays(schedule.year, overrides):
            schedule.confirmed_at, schedule.confirmed_by = None, None
            schedule.save(update_fields=["confirmed_at", "confirmed_by"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_holiday_schedule_confirmed_complete"),
    ]

    operations = [
        migrations.RunPython(unconfirm_incomplete_years, migrations.RunPython.noop),
    ]
