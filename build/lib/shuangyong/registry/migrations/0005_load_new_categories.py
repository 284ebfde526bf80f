from django.db import migrations


def load(apps, schema_editor):
    # adds 91 军人家属 (the family of a serving soldier, who receives 义务兵家庭优待金); never overwrites edits
    from shuangyong.registry.services.categories import load_categories

    load_categories(apps.get_model("registry", "Category"))


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_import_without_db_fks")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
