from django.db import migrations


def load(apps, schema_editor):
    from shuangyong.registry.services.categories import load_categories

    load_categories(apps.get_model("registry", "Category"))


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
