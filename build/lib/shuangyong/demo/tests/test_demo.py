from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from shuangyong.accounts.models import User
from shuangyong.audit.models import AuditEntry
from shuangyong.demo.county import DEMO_PASSWORD, USERS
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region
from shuangyong.registry.models import Entitlement, Person, PersonEvent
from shuangyong.todo.registry import todos_for
from shuangyong.units.models import Unit

pytestmark = pytest.mark.django_db


def test_demo_builds_the_county_and_is_idempotent(capsys):
    call_command("demo")
    out = capsys.readouterr().out
    county = Region.objects.get(code="350123000000")
    assert county.subtree().filter(level=Level.TOWN).count() == 12
    assert county.subtree().filter(level=Level.VILLAGE).count() == 203
    assert Unit.objects.filter(kind="member").count() == 18
    assert Unit.objects.filter(kind="garrison").count() == 6
    assert Unit.objects.filter(kind="partner").count() == 11
    assert User.objects.exclude(role="system").count() == len(USERS) == 10
    for username, *_ in USERS:
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
        assert f"  {username}" in out
    assert "演示县已就绪：罗源县（350123000000）" in out
    # 3000 imported + 12 registered by hand this year + 97 soldiers' parents (军人家属) + 80 returned soldiers
    assert Person.objects.count() == 3189
    assert Person.objects.filter(entitlements__category="91").count() == 97
    assert Entitlement.objects.filter(status="deceased").count() == 73
    assert PersonEvent.objects.filter(kind="change_grade").count() == 12

    # the demo's known open work on the to-do lists
    def todo(username: str) -> dict:
        return {t.kind: (t.count, t.due) for t in todos_for(User.objects.get(username=username)) if not t.calendar}

    today = timezone.localdate()
    assert todo("syb2")["benefits.approve"][0] == 1 and "benefits.approve" not in todo("syb")  # syb computed it
    assert todo("syb")["creation.overdue"][0] == 1  # 3.3, due two months ago, still 0 of 0.5
    assert todo("wenlv")["creation.helped"][0] == 1 and todo("songshan")["creation.helped"][0] == 1
    assert todo("fengshan")["registry.confirmation"][1] == date(today.year, 6, 30)

    counts = (Region.objects.count(), Unit.objects.count(), User.objects.count(), AuditEntry.objects.count())
    call_command("demo")
    assert (Region.objects.count(), Unit.objects.count(), User.objects.count(), AuditEntry.objects.count()) == counts


def test_every_role_has_a_demo_login():
    from shuangyong.accounts.roles import PERSON_ROLES

    assert {role for _, _, role, _, _ in USERS} == {r.value for r in PERSON_ROLES}
