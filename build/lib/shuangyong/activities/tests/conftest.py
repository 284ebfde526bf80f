from datetime import date

import pytest

from shuangyong.activities.services.codes import load_code_tables
from shuangyong.pinyin import initials
from shuangyong.registry.models import Person
from shuangyong.registry.tests.sheets import make_id
from shuangyong.units.models import Unit, UnitKind


@pytest.fixture(autouse=True)
def code_tables(db):
    load_code_tables()  # transactional tests flush the migration-loaded rows


@pytest.fixture
def more_units(county):
    """A second member unit, a second garrison and a village partner beside the shared county fixture."""
    return {
        "unit_edu": Unit.objects.create(code="JYJ", name="县教育局", kind=UnitKind.MEMBER, region=county["county"]),
        "garrison_2": Unit.objects.create(
            code="GAR2",
            name="武警某中队",
            kind=UnitKind.GARRISON,
            garrison_branch="armed_police",
            region=county["county"],
        ),
        "village_partner": Unit.objects.create(
            code="VIL-B1", name="松山村委会", kind=UnitKind.PARTNER, partner_kind="village", region=county["village_b1"]
        ),
    }


@pytest.fixture
def person(county):
    def make(name, region, seq=11, birth="19500315"):
        return Person.objects.create(
            id_number=make_id(birth, seq),
            name=name,
            name_initials=initials(name),
            sex="M" if seq % 2 else "F",
            birth_date=date(int(birth[:4]), int(birth[4:6]), int(birth[6:])),
            region=region,
            hukou="rural",
        )

    return make
