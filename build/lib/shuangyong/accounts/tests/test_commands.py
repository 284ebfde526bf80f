import pytest
from django.core.management import CommandError, call_command

from shuangyong.accounts.models import User
from shuangyong.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_create_admin_makes_the_first_accounts_of_an_empty_installation(tmp_path):
    secret = tmp_path / "pw"
    secret.write_text("Admin-pass-2026\n", encoding="utf-8")
    for role in ("secadmin", "sysadmin", "auditadmin"):
        call_command("create_admin", username=f"first_{role}", role=role, password_file=str(secret))
    made = User.objects.get(username="first_secadmin")
    assert made.role == "secadmin" and made.check_password("Admin-pass-2026") and not made.must_change_password
    assert AuditEntry.objects.filter(model="accounts.user", action="create").count() == 3


def test_create_admin_refuses_a_weak_password_and_a_taken_name(tmp_path, users):
    secret = tmp_path / "pw"
    secret.write_text("12345678", encoding="utf-8")
    with pytest.raises(CommandError, match="至少 8 位"):
        call_command("create_admin", username="x1", role="secadmin", password_file=str(secret))
    secret.write_text("Admin-pass-2026", encoding="utf-8")
    with pytest.raises(CommandError, match="已存在"):
        call_command("create_admin", username="secadmin", role="secadmin", password_file=str(secret))
    assert not User.objects.filter(username="x1").exists()


def test_createsuperuser_points_to_create_admin(db):
    with pytest.raises(CommandError, match="create-admin"):
        call_command("createsuperuser", username="root", interactive=False)
    assert not User.objects.filter(username="root").exists()
