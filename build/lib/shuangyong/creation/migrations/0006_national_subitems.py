from django.db import migrations


def load_subitems(apps, schema_editor):
    from shuangyong.creation.rubrics import load_national_subitems

    load_national_subitems(apps.get_model("creation", "RubricItem"), apps.get_model("creation", "ItemScore"))


class Migration(migrations.Migration):
    dependencies = [("creation", "0005_place_required_subitem_order")]
    operations = [migrations.RunPython(load_subitems, migrations.RunPython.noop)]
