from django.db import migrations


def load(apps, schema_editor):
    # creates the templates added to the shipped file since 0002 (existing ones, maybe edited, are kept)
    from shuangyong.reports.summary.wording import load_wording

    load_wording(apps.get_model("reports", "SummaryTemplate"), apps.get_model("reports", "NamingCycle"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_load_wording")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
