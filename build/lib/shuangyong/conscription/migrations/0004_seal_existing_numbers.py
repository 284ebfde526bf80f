"""Numbers written before encryption are encrypted, and their blind indexes set."""

from django.db import migrations

from shuangyong.sealed import seal_existing


def seal(apps, schema_editor):
    seal_existing(apps.get_model("conscription", "Candidate"))
    seal_existing(apps.get_model("conscription", "ServiceMember"))


class Migration(migrations.Migration):
    dependencies = [("conscription", "0003_seal_personal_numbers")]
    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
