"""Every shipped phrasing, filled with a value for every figure it names, reads as an office would write it."""

from decimal import Decimal

import pytest

from shuangyong.figures.catalogue import Scope
from shuangyong.reports.models import SummaryTemplate
from shuangyong.reports.summary import generate
from shuangyong.reports.summary.generate import Writer, frame_words
from shuangyong.reports.summary.style import repeated, violations

pytestmark = pytest.mark.django_db
COUNTY = "350123000000"


def value_of(self, key: str):
    """A value for every figure: money and shares with decimals, counts as whole numbers."""
    figure = self.figure(key)
    if figure is None:
        return None
    if figure.unit in ("元", "元/年"):
        return Decimal("123456.78")
    if figure.unit == "%":
        return Decimal("95.5")
    return 7


@pytest.mark.parametrize("scope", [Scope(2026, region=COUNTY), Scope(2026, unit="WGJ")], ids=["county", "unit"])
def test_every_phrasing_of_the_shipped_wording_breaks_no_rule(county, monkeypatch, scope):
    monkeypatch.setattr(Writer, "value", value_of)
    writer = Writer(scope, frame_words(scope, "罗源县" if scope.is_region else "县文广局"))
    writer.context.update(others="宣传活动7次", examples="走访慰问老兵李某某", naming="2029年全国双拥模范城（县）")
    checked, broken = 0, []
    for template in SummaryTemplate.objects.all():
        for variant in template.variants:
            text, _ = writer.fill_text(variant)
            checked += 1
            if found := violations(text):
                broken.append((template.key, text, found))
    assert broken == []
    assert checked >= 120  # every phrasing of every template


def test_a_summary_with_every_figure_says_nothing_three_times(county, monkeypatch):
    monkeypatch.setattr(Writer, "value", value_of)
    summary = generate.generate_summary(Scope(2026, region=COUNTY))
    for section in summary.sections():
        text = "".join(section["paragraphs"])
        assert violations(text) == [], section["key"]
        assert repeated(text) == [], section["key"]


def test_the_rules_catch_what_was_found():
    found = [
        "六是据统计，本年担任领导小组组长1人",
        "全年档案资料31份，照片张数23张",
        "为立功受奖的8人现役军人家庭送喜报5次",
        "八是全年本年去世45人",
        "标准5500.0元",
        "开展活动{t.zero}",
    ]
    assert [bool(violations(text)) for text in found] == [True] * len(found)
    assert violations("全年走访慰问235户，发放慰问金45.19万元，占95.5%") == []


def test_a_new_shipped_text_replaces_an_unedited_template_and_never_a_staff_edit():
    import importlib

    from shuangyong.reports.summary.wording import read_shipped, refresh_unedited

    previous = importlib.import_module("shuangyong.reports.migrations.0004_wording_for_every_section").PREVIOUS
    shipped = {row["key"]: row["text"] for row in read_shipped()["template"]}
    SummaryTemplate.objects.filter(key="point.others").update(text=previous["point.others"])
    SummaryTemplate.objects.filter(key="point.support.merit").update(text="本单位自己写的措辞{support.merit_awards}")
    assert refresh_unedited(SummaryTemplate, previous) == 1
    assert SummaryTemplate.objects.get(key="point.others").text == shipped["point.others"]
    assert SummaryTemplate.objects.get(key="point.support.merit").text == "本单位自己写的措辞{support.merit_awards}"
    assert refresh_unedited(SummaryTemplate, previous) == 0
