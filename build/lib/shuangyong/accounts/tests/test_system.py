"""The system actor: automation always acts as someone, and nobody can sign in as it or be given its role."""

from datetime import date

import pytest
from conftest import PASSWORD

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Cap, Role
from shuangyong.accounts.services import AccountError, reset_password, update_account
from shuangyong.accounts.system import system_user
from shuangyong.registry.models import Person

pytestmark = pytest.mark.django_db


def test_every_installation_has_the_system_account_and_it_cannot_sign_in(client):
    account = User.objects.get(username="system")  # made by the migration
    assert account == system_user()
    assert (account.role, account.is_active, account.has_usable_password()) == (Role.SYSTEM, False, False)
    assert account.can(Cap.EDIT_RECORDS) and account.can(Cap.APPROVE_PAYMENTS)
    assert not account.can(Cap.MANAGE_USERS) and not account.can(Cap.VIEW_AUDIT)
    assert not client.login(username="system", password="")
    assert not client.login(username="system", password=PASSWORD)


def test_the_system_account_reaches_every_record(users, county):
    from shuangyong.accounts.scope import visible

    Person.objects.create(
        id_number="350123195003150011", name="甲", sex="M", birth_date=date(1950, 3, 15), region=county["village_b1"]
    )
    assert visible(system_user(), Person.objects.all()).count() == 1
    assert visible(users["town_staff"], Person.objects.all()).count() == 0


def test_nobody_is_given_the_system_role_or_sets_its_password(users):
    secadmin = users["secadmin"]
    with pytest.raises(AccountError, match="系统账户"):
        update_account(users["leader"], actor=secadmin, role=Role.SYSTEM)
    with pytest.raises(AccountError, match="系统账户"):
        update_account(system_user(), actor=secadmin, is_active=True)
    with pytest.raises(AccountError, match="系统账户"):
        reset_password(system_user(), actor=secadmin, password="Another-pass-2026")
    assert User.objects.get(username="leader").role == Role.LEADER
    assert (system_user().is_active, system_user().has_usable_password()) == (False, False)
