"""Entries written before personal numbers were masked get masked now (before they are sealed into the chain),
and on PostgreSQL the chain's tables refuse UPDATE and DELETE like the entries' table does."""

from django.db import migrations

from shuangyong.audit.services import mask_values
from shuangyong.privacy import redact_text

PROTECT = """
CREATE TRIGGER audit_seal_no_update BEFORE UPDATE OR DELETE ON audit_auditseal
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_verification_no_update BEFORE UPDATE OR DELETE ON audit_auditverification
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
"""
UNPROTECT = """
DROP TRIGGER IF EXISTS audit_seal_no_update ON audit_auditseal;
DROP TRIGGER IF EXISTS audit_verification_no_update ON audit_auditverification;
"""


def mask_existing(apps, schema_editor):
    entry_model = apps.get_model("audit", "AuditEntry")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:  # the migration runs as the tables' owner, who alone may lift the trigger for this once
        schema_editor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_no_update")
    for entry in entry_model.objects.order_by("id").iterator(chunk_size=2000):
        masked = {
            "before": mask_values(entry.before),
            "after": mask_values(entry.after),
            "note": redact_text(entry.note),
            "object_repr": redact_text(entry.object_repr),
        }
        current = {"before": entry.before, "after": entry.after, "note": entry.note, "object_repr": entry.object_repr}
        if masked != current:
            entry_model.objects.filter(pk=entry.pk).update(**masked)
    if postgres:
        schema_editor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_no_update")
        schema_editor.execute(PROTECT)


def unprotect(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNPROTECT)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_hash_chain")]
    operations = [migrations.RunPython(mask_existing, unprotect)]
