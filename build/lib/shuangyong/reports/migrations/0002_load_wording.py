from django.db import migrations


def load(apps, schema_editor):
    from shuangyong.reports.summary.wording import load_wording

    load_wording(apps.get_model("reports", "SummaryTemplate"), apps.get_model("reports", "NamingCycle"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
