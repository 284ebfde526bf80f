"""The figures of 优待服务与关爱, exact, for a region, a town and a unit; and what the summary says of them."""

from datetime import date

import pytest

from shuangyong.care import services
from shuangyong.care.models import FundPurpose
from shuangyong.care.tests.conftest import TODAY, data
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import Scope
from shuangyong.figures.examples import examples_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_of_care(county, users):
    admin = users["county_admin"]
    unit = county["unit_bureau"]
    site = services.save_site(None, region=county["county"], name="罗源县革命烈士陵园", user=admin)
    for record in [
        data("priority_medical", "350123100000", count=120),
        data("priority_medical", "350123101201", count=35),
        data("medical_aid", "350123100001", count=12, money_fen=2_345_600),
        data("medical_aid", "350123000000", count=3, money_fen=60_000, provider=unit),
        data("memorial_visit", "350123000000", count=860, site=site, provider=unit),
        data("spouse_job", "350123000000", beneficiary="陈丽娟", outcome="安置在县人民医院"),
        data("dibao", "350123100000", count=7, date=date(2025, 12, 31)),  # the year before
    ]:
        services.record_care(record, user=admin, today=TODAY)
    visits = FundPurpose.objects.get(code="visits")
    services.set_fund(region=county["county"], year=2026, purpose=visits, budget_fen=8_000_000, spent_fen=7_864_000,
                      user=admin)  # fmt: skip
    services.set_fund(region=county["town_a"], year=2026, purpose=visits, budget_fen=500_000, spent_fen=480_050,
                      user=admin)  # fmt: skip


def _values(scope, keys):
    return {key: catalogue.compute(key, scope) for key in keys}


KEYS = [
    "care.kind.priority_medical",
    "care.kind.medical_aid",
    "care.kind.medical_aid.money",
    "care.kind.memorial_visit",
    "care.memorial_visits",
    "care.memorial_sites",
    "care.kind.spouse_job",
    "care.kind.dibao",
    "care.funds.budget",
    "care.funds.spent",
    "care.funds.spent.visits",
]


def test_county_town_and_unit_figures(year_of_care):
    county = _values(Scope(2026, region="350123000000"), KEYS)
    assert [str(county[key]) for key in KEYS] == [
        "155", "15", "24056.00", "860", "1", "1", "1", "0", "85000.00", "83440.50", "83440.50",
    ]  # fmt: skip
    town = _values(Scope(2026, region="350123100000"), KEYS)
    assert [str(town[key]) for key in KEYS] == [
        "120", "12", "23456.00", "0", "0", "0", "0", "0", "5000.00", "4800.50", "4800.50",
    ]  # fmt: skip
    unit = _values(Scope(2026, unit="WGJ"), KEYS[:5])
    assert [str(unit[key]) for key in KEYS[:5]] == ["0", "3", "600.00", "860", "1"]
    assert catalogue.compute("care.funds.budget", Scope(2026, unit="WGJ")) is None  # a region's figure only
    assert catalogue.compute("care.kind.dibao", Scope(2025, region="350123000000")) == 7


def test_examples_name_the_place_and_withhold_personal_names(year_of_care):
    scope = Scope(2026, region="350123000000")
    assert [e.text for e in examples_for("publicity", scope)] == ["4月县文广局860人次到罗源县革命烈士陵园祭扫"]
    assert [e.text for e in examples_for("support", scope)] == [
        "随军家属陈某某安置在县人民医院",
        "凤山镇优先就医120人次",
    ]
    assert [e.text for e in examples_for("benefits", scope)] == ["北门居委会医疗补助12人次，金额2.35万元"]
