from datetime import date

import pytest

from shuangyong.accounts.system import system_user
from shuangyong.benefits.models import BankFileLayout, BenefitKind, DeathGrantRule, Standard
from shuangyong.benefits.services.reference import load_reference as load_benefit_reference
from shuangyong.conscription.models import AwardKind, Education, ReturnReason
from shuangyong.conscription.reference import load_reference
from shuangyong.conscription.services.candidates import register_candidate
from shuangyong.conscription.services.members import add_family_member, register_member
from shuangyong.registry.services.categories import load_categories
from shuangyong.registry.tests.sheets import make_id


@pytest.fixture(autouse=True)
def reference(db):
    load_categories()  # transactional tests flush the migration-loaded rows
    load_benefit_reference(BenefitKind, DeathGrantRule, BankFileLayout)
    load_reference()
    return {
        "education": {e.name: e for e in Education.objects.all()},
        "reasons": {r.name: r for r in ReturnReason.objects.all()},
        "awards": {a.name: a for a in AwardKind.objects.all()},
    }


@pytest.fixture
def allowance_standard(county):
    """罗源县 2025: 城镇 8,300 / 农村 5,500 元; 2026: one figure 14,000 元."""

    def make(amount_yuan, since, hukou="", until=None):
        return Standard.objects.create(
            kind_id="conscript_family",
            region=county["county"],
            hukou=hukou,
            basis="once",
            amount_fen=amount_yuan * 100,
            valid_from=since,
            valid_to=until,
        )

    # a split row wins over a one-figure row (more keys filled), so the split ends when the one figure begins
    make(8300, date(2025, 1, 1), "urban", date(2025, 12, 31))
    make(5500, date(2025, 1, 1), "rural", date(2025, 12, 31))
    make(14000, date(2026, 1, 1))


@pytest.fixture
def candidate_of(county, reference):
    seq = iter(range(101, 999, 3))

    def make(name="林志强", *, education="高中", political="league", student="", year=2026, **fields):
        return register_candidate(
            year=year,
            season=fields.pop("season", "autumn"),
            id_number=make_id(fields.pop("birth", "20050612"), next(seq)),
            name=name,
            region=fields.pop("region", county["village_a1"]),
            hukou=fields.pop("hukou", "rural"),
            education=reference["education"][education],
            student_status=student,
            political=political,
            registered_on=fields.pop("registered_on", date(year, 6, 1)),
            user=fields.pop("user", None) or system_user(),
            **fields,
        )

    return make


@pytest.fixture
def member(county, users):
    """陈伟, 义务兵 enlisted 2025-09-10 by 罗源县, rural; his mother 陈秀兰 is the payee."""
    soldier = register_member(
        id_number=make_id("20060301", 51),
        name="陈伟",
        region=county["village_a1"],
        enlistment_date=date(2025, 9, 10),
        hukou="rural",
        military_unit="陆军某部",
        user=users["county_admin"],
    )
    add_family_member(
        soldier,
        id_number=make_id("19780506", 62),
        name="陈秀兰",
        relation="母子",
        on=date(2025, 9, 20),
        payee=True,
        bank_name="农业银行",
        bank_account="6228480012345678",
        user=users["county_admin"],
    )
    soldier.refresh_from_db()
    return soldier
