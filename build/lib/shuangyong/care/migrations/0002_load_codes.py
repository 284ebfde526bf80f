from django.db import migrations


def load(apps, schema_editor):
    from shuangyong.care.kinds import load_codes

    load_codes(apps.get_model("care", "CareKind"), apps.get_model("care", "FundPurpose"))


class Migration(migrations.Migration):
    dependencies = [("care", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
