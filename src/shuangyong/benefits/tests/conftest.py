from datetime import date

import pytest
from django.db import connection

from shuangyong.benefits.models import BankFileLayout, BenefitKind, DeathGrantRule, Standard
from shuangyong.benefits.services.engine import Engine
from shuangyong.benefits.services.reference import load_reference
from shuangyong.pinyin import initials
from shuangyong.registry.choices import Status
from shuangyong.registry.models import Category, Entitlement, Person
from shuangyong.registry.services.categories import load_categories
from shuangyong.registry.tests.sheets import make_id


@pytest.fixture(autouse=True)
def reference(db):
    load_categories()  # transactional tests flush the migration-loaded rows
    load_reference(BenefitKind, DeathGrantRule, BankFileLayout)
    return {c.code: c for c in Category.objects.all()}


@pytest.fixture(params=["alone", "among many"] if connection.vendor == "postgresql" else ["alone"])
def alone_and_among_many(request, monkeypatch):
    """On PostgreSQL the engine's exact-amount tests run twice: as a county alone (the statements read the
    entitlement table) and as a county of a province (its entitlements copied into run_ent first): the same
    lines to the 分 either way."""
    monkeypatch.setattr(Engine, "among_many", lambda self: request.param == "among many")
    return request.param


def yuan(amount) -> int:
    return round(amount * 100)


@pytest.fixture
def standard(reference):
    """make a national standard: standard("disability", 54220, category="11", nature="war", grade=5, ...)"""

    def make(kind, yearly_yuan=None, *, since=date(2021, 8, 1), basis="year", category=None, region=None, **keys):
        return Standard.objects.create(
            kind_id=kind,
            category_id=category,
            disability_nature=keys.pop("nature", ""),
            disability_grade=keys.pop("grade", None),
            hukou=keys.pop("hukou", ""),
            enlistment_period=keys.pop("period", ""),
            region=region,
            basis=basis,
            amount_fen=yuan(yearly_yuan or 0),
            share_bp=keys.pop("share_bp", None),
            valid_from=since,
            **keys,
        )

    return make


@pytest.fixture
def entitled(county, reference):
    """make an active entitlement: entitled("11", grade=5, nature="war", approved=date(...), paid_through=...)"""
    counter = iter(range(11, 999, 2))

    def make(
        category="11",
        *,
        name="张三",
        birth="19500315",
        region=None,
        hukou="rural",
        account=None,
        approved=date(2020, 5, 1),
        **fields,
    ):
        seq = next(counter)
        person = Person.objects.create(
            id_number=make_id(birth, seq),
            name=name,
            name_initials=initials(name),
            sex="M",
            birth_date=date(int(birth[:4]), int(birth[4:6]), int(birth[6:])),
            region=region or county["village_a1"],
            hukou=hukou,
            bank_name="农业银行",
            bank_holder=name,
            bank_account=f"62170000{seq:011d}" if account is None else account,
        )
        fields.setdefault("disability_grade", 5 if category == "11" else None)
        fields.setdefault("disability_nature", "war" if category == "11" else "")
        return Entitlement.objects.create(
            person=person,
            category_id=category,
            status=fields.pop("status", Status.ACTIVE),
            approval_date=approved,
            status_date=approved,
            confirmed_year=fields.pop("confirmed_year", 2026),
            **fields,
        )

    return make
