"""PostgreSQL: the application runs as a role that is not the tables' owner (docs/security.md, README).

Only an owner (or a superuser) may TRUNCATE, ALTER TABLE ... DISABLE TRIGGER or drop a table; the application's
role gets plain reads and writes on the business tables and only SELECT and INSERT on the audit tables, so the
process that serves users can neither rewrite nor empty the log, nor lift the triggers that guard it.
"""

import re

AUDIT_TABLES = ("audit_auditentry", "audit_auditseal", "audit_auditverification")


def app_role_sql(role: str, database: str) -> list[str]:
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", role):
        raise ValueError(f"数据库账户名“{role}”无效：只能用小写字母、数字和下划线")
    audit = ", ".join(AUDIT_TABLES)
    return [
        f'GRANT CONNECT ON DATABASE "{database}" TO {role}',
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {audit} FROM {role}",
        f"REVOKE TRUNCATE ON ALL TABLES IN SCHEMA public FROM {role}",
        # a partitioned table (payment lines, audit entries) is reached through its parent only: a partition of
        # the audit table written to directly must not be a way round the REVOKE above
        "DO $$ DECLARE part regclass; BEGIN"
        " FOR part IN SELECT i.inhrelid::regclass FROM pg_inherits i"
        " JOIN pg_partitioned_table p ON p.partrelid = i.inhparent LOOP"
        f" EXECUTE format('REVOKE ALL ON %s FROM {role}', part); END LOOP; END $$",
    ]
