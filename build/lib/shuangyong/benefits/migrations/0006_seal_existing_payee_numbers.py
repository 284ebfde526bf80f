"""Payees written before encryption: their numbers encrypted and indexed."""

from django.db import migrations

from shuangyong.sealed import seal_existing


def seal_payees(apps, schema_editor):
    seal_existing(apps.get_model("benefits", "Payee"))


class Migration(migrations.Migration):
    dependencies = [("benefits", "0005_seal_payee_numbers"), ("registry", "0007_seal_existing_numbers")]
    operations = [migrations.RunPython(seal_payees, migrations.RunPython.noop)]
