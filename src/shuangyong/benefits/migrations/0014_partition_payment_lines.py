"""PostgreSQL: payment lines partitioned by the year of the month owed (shuangyong.partitions.sql). SQLite keeps
one table. Going back leaves the table partitioned: it behaves the same."""

from django.db import migrations

from shuangyong.partitions.sql import partition_table


def forwards(apps, schema_editor):
    partition_table(schema_editor, "benefits_paymentline", "month")


class Migration(migrations.Migration):
    dependencies = [("benefits", "0013_finding_sent")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
