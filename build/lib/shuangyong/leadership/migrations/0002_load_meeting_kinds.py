from django.db import migrations


def load(apps, schema_editor):
    from shuangyong.leadership.kinds import load_kinds

    load_kinds(apps.get_model("leadership", "MeetingKind"))


class Migration(migrations.Migration):
    dependencies = [("leadership", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
