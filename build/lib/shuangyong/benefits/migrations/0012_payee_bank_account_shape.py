"""The shape of each stored bank account (well formed or not), so checks need not decrypt every account."""

import shuangyong.sealed
from django.db import migrations

from shuangyong.sealed import fill_sibling


def fill_shapes(apps, schema_editor):
    fill_sibling(apps.get_model("benefits", "Payee"), "bank_account_shape")


class Migration(migrations.Migration):
    dependencies = [
        ("benefits", "0011_support_mode_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="payee",
            name="bank_account_shape",
            field=shuangyong.sealed.ShapeField(
                pattern="^\\d{12,25}$", source="bank_account", verbose_name="银行账号格式"
            ),
        ),
        migrations.RunPython(fill_shapes, migrations.RunPython.noop),
    ]
