from django.db import migrations


def load(apps, schema_editor):
    from shuangyong.benefits.services.reference import load_reference

    load_reference(
        apps.get_model("benefits", "BenefitKind"),
        apps.get_model("benefits", "DeathGrantRule"),
        apps.get_model("benefits", "BankFileLayout"),
    )


class Migration(migrations.Migration):
    dependencies = [("benefits", "0001_initial"), ("registry", "0002_load_categories")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
