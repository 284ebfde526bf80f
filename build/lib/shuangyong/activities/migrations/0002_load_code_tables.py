from django.db import migrations


def load(apps, schema_editor):
    from shuangyong.activities.services.codes import load_code_tables

    load_code_tables(lambda name: apps.get_model("activities", name))


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
