"""PostgreSQL: audit entries partitioned by the (local) year of their time (shuangyong.partitions.sql); the
append-only triggers move to the partitioned table and so hold on every partition. SQLite keeps one table. Going
back leaves the table partitioned: it behaves the same."""

from django.db import migrations

from shuangyong.partitions.sql import partition_table


def forwards(apps, schema_editor):
    partition_table(schema_editor, "audit_auditentry", "at")


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_backup_actions")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
