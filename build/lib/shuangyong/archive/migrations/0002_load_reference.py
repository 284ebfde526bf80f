from django.db import migrations


def load(apps, schema_editor):
    from shuangyong.archive.reference import load_reference

    load_reference(apps.get_model("archive", "Category"), apps.get_model("archive", "FileType"))


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
