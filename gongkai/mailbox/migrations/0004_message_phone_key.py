from django.db import migrations, models

from gongkai.lib.phones import phone_key


def fill_phone_keys(apps, schema_editor):
    Message = apps.get_model("mailbox", "Message")
    for message in Message.objects.only("pk", "phone").iterator(chunk_size=500):
        Message.objects.filter(pk=message.pk).update(phone_key=phone_key(message.phone))


class Migration(migrations.Migration):
    dependencies = [("mailbox", "0003_message_topics")]

    operations = [
        migrations.AddField(
            model_name="message",
            name="phone_key",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=30),
        ),
        migrations.RunPython(fill_phone_keys, migrations.RunPython.noop),
    ]
