import pytest

from shuangyong.audit.models import AuditEntry
from shuangyong.units.models import Unit
from shuangyong.units.services import UnitError, create_unit, update_unit

pytestmark = pytest.mark.django_db


def test_missing_name_is_named_in_chinese_and_nothing_written(users, county):
    with pytest.raises(UnitError, match="名称：此字段不能为空。"):
        create_unit(user=users["county_admin"], code="X1", name="", kind="member", region=county["county"])
    assert not Unit.objects.filter(code="X1").exists()


def test_branch_only_for_garrison(users, county):
    with pytest.raises(UnitError, match="只有驻军单位可以填写军兵种"):
        create_unit(
            user=users["county_admin"],
            code="X2",
            name="某局",
            kind="member",
            garrison_branch="army",
            region=county["county"],
        )


def test_duplicate_code_is_refused(users, county):
    with pytest.raises(UnitError, match="单位代码 WGJ 已存在"):
        create_unit(user=users["county_admin"], code="WGJ", name="重复", kind="member", region=county["county"])


def test_unit_staff_edits_their_own_unit_only(users, county):
    staff = users["unit_staff"]
    updated = update_unit(county["unit_bureau"], user=staff, contact_name="李明", contact_phone="0591-26800000")
    assert (updated.contact_name, updated.contact_phone) == ("李明", "0591-26800000")
    entry = AuditEntry.objects.filter(model="units.unit", action="update").get()
    assert entry.after == {"contact_name": "李明", "contact_phone": "0591-26800000"}
    from shuangyong.accounts.scope import ScopeDenied

    with pytest.raises(ScopeDenied):
        update_unit(county["unit_garrison"], user=staff, contact_name="李明")
    county["unit_garrison"].refresh_from_db()
    assert county["unit_garrison"].contact_name == ""
