from django.db import migrations


def load(apps, schema_editor):
    from shuangyong.reports.summary.wording import load_wording

    # the templates of 优待服务与关爱 and 双拥经费 (added since 0004; existing rows are left as staff keep them)
    load_wording(apps.get_model("reports", "SummaryTemplate"), apps.get_model("reports", "NamingCycle"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_wording_for_every_section")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
