"""The named cases the yearly summary cites from the activity records (figures.examples), chosen by rule: the
largest visits, the army's biggest help, the closed case with its outcome, the newest pairs."""

from datetime import date

import pytest

from shuangyong.activities.tests.world import build_world
from shuangyong.figures.catalogue import Scope
from shuangyong.figures.examples import examples_for
from shuangyong.regions.models import RegionSetting

pytestmark = pytest.mark.django_db
COUNTY = "350123000000"


@pytest.fixture
def world(county, more_units, person):
    return build_world(county, more_units, person)


def texts(section: str, scope: Scope, limit: int = 9) -> list[str]:
    return [example.text for example in examples_for(section, scope, limit=limit)]


def test_each_section_names_its_largest_or_newest_cases(world):
    scope = Scope(2026, region=COUNTY)
    assert texts("support", scope) == [
        "春节期间走访慰问史某某、张某某，各送去慰问金800元",
        "“八一”期间走访慰问李某某，送去慰问金500元和大米一袋、食用油一桶",
        "慰问驻军某部队，送去慰问金3000元",
        "送电影进军营，走进某部队",
        "为李某某办理危房改造帮扶，新房竣工入住",
    ]
    assert texts("civil", scope) == ["6月武警中队协助抗洪抢险，武警某中队出动官兵120人次、车辆15台次"]
    assert texts("coconstruction", scope) == ["松山村委会与武警某中队结成共建对子", "凤山中学与某部队结成共建对子"]
    assert texts("publicity", scope) == ["9月开展全民国防教育日集中宣传，发放宣传材料1200份"]
    assert len(texts("support", scope, limit=3)) == 3  # a summary prints at most three a section


def test_names_are_written_in_full_only_where_the_region_says_so(world, county):
    scope = Scope(2026, region=COUNTY)
    assert all("某某" in text for text in texts("support", scope)[:2])
    RegionSetting.objects.create(
        region=county["county"], key="summary_full_names", value=True, valid_from=date(2020, 1, 1)
    )
    named = texts("support", Scope(2026, region=COUNTY))
    assert named[:2] == [
        "春节期间走访慰问史兴甫、张贻福，各送去慰问金800元",
        "“八一”期间走访慰问李守海，送去慰问金500元和大米一袋、食用油一桶",
    ]


def test_a_year_without_records_has_no_examples(world):
    assert texts("support", Scope(2019, region=COUNTY)) == []
    assert texts("civil", Scope(2019, region=COUNTY)) == []
