"""Numbers written before encryption are encrypted, and their blind indexes set."""

from django.db import migrations

from shuangyong.sealed import seal_existing


def seal_persons(apps, schema_editor):
    seal_existing(apps.get_model("registry", "Person"))


class Migration(migrations.Migration):
    dependencies = [("registry", "0006_seal_personal_numbers")]
    operations = [migrations.RunPython(seal_persons, migrations.RunPython.noop)]
