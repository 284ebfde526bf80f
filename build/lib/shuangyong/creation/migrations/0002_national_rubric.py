from django.db import migrations


def load(apps, schema_editor):
    from shuangyong.creation.rubrics import load_national

    get = apps.get_model
    load_national(get("creation", "Rubric"), get("creation", "RubricSection"), get("creation", "RubricItem"),
                  get("creation", "ItemRule"))  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("creation", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
