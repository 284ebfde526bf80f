from django.db import migrations


def load(apps, schema_editor):
    # 安置方式 (安置条例 §5) and the 30-day 办理时限, shipped as data/methods.csv and data/deadlines.csv
    from shuangyong.resettlement.reference import load_reference

    load_reference(apps.get_model("resettlement", "Method"), apps.get_model("resettlement", "Deadline"))


class Migration(migrations.Migration):
    dependencies = [("resettlement", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
