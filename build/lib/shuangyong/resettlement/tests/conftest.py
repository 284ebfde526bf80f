from datetime import date

import pytest

from shuangyong.benefits.models import BankFileLayout, BenefitKind, DeathGrantRule
from shuangyong.benefits.services.reference import load_reference as load_benefits_reference
from shuangyong.registry.services.categories import load_categories
from shuangyong.registry.tests.sheets import make_id
from shuangyong.resettlement.models import Method
from shuangyong.resettlement.reference import load_reference
from shuangyong.resettlement.services.arrivals import register_arrival


@pytest.fixture(autouse=True)
def reference(db):
    load_categories()  # transactional tests flush the migration-loaded rows
    load_benefits_reference(BenefitKind, DeathGrantRule, BankFileLayout)
    load_reference()


@pytest.fixture
def methods(reference):
    return {m.code: m for m in Method.objects.all()}


@pytest.fixture
def arrive(county, users):
    """arrive("张伟", kind="conscript", arrival=date(...), **fields) as the county administrator."""
    counter = iter(range(1, 999))

    def make(name="张伟", *, kind="conscript", arrival=date(2025, 9, 10), region=None, user=None, **fields):
        fields.setdefault("enlisted_on", date(2023, 9, 1))
        fields.setdefault("discharged_on", date(2025, 9, 1))
        return register_arrival(
            user=user or users["county_admin"],
            id_number=make_id("20030512", next(counter)),
            name=name,
            region=region or county["village_a1"],
            soldier_kind=kind,
            arrival_date=arrival,
            **fields,
        )

    return make
