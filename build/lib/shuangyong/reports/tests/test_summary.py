"""The generated summary: structure, wording choice, figures as printed, examples, roll-up, naming cycle."""

import zlib
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Count

from shuangyong.figures import catalogue
from shuangyong.figures import examples as examples_hook
from shuangyong.figures.catalogue import Figure, Scope
from shuangyong.figures.examples import Example, anonymise, from_records
from shuangyong.registry.models import Person
from shuangyong.reports.models import NamingCycle, SummaryTemplate
from shuangyong.reports.summary.generate import generate_summary, ordinal
from shuangyong.reports.summary.printing import printed
from shuangyong.reports.summary.wording import load_wording, read_shipped
from shuangyong.units.models import Unit, UnitKind

COUNTY, TOWN_A, TOWN_B = "350123000000", "350123100000", "350123101000"


def persons(scope):
    return Person.objects.filter(scope.in_region("region_id"))


def money(scope):
    # 12,345.67 元 per person: an aggregate, never a loop over rows
    return catalogue.yuan(persons(scope).aggregate(n=Count("id"))["n"] * 1234567)


TEST_FIGURES = [
    Figure("t.persons", "测试对象人数", "人", "support", lambda s: persons(s).count(), "测试：人员", persons),
    Figure("t.money", "测试慰问金额", "元", "support", money, "测试：人员 × 12345.67 元", persons),
    Figure("t.zero", "测试零值", "次", "support", lambda s: 0, "测试：恒为零", persons),
    Figure("t.other", "测试其他数量", "份", "publicity", lambda s: persons(s).count() * 2, "测试：人员 × 2", persons),
    Figure(
        "t.unit_meetings",
        "测试单位会议",
        "次",
        "leadership",
        lambda s: 4,
        "测试：每单位 4 次",
        None,
        frozenset({"unit"}),
    ),
]


@pytest.fixture
def figures():
    for figure in TEST_FIGURES:
        catalogue.register(figure)
    yield {f.key: f for f in TEST_FIGURES}
    for figure in TEST_FIGURES:
        catalogue._FIGURES.pop(figure.key, None)  # tests only: the catalogue has no unregister


@pytest.fixture
def people(county):
    """Two persons in 凤山镇's villages, one in 松山镇's."""
    rows = [("李守海", county["village_a1"]), ("刘俊", county["village_a2"]), ("张贻福", county["village_b1"])]
    return [
        Person.objects.create(
            id_number=f"35012319500101{i:03d}X", name=name, sex="M", birth_date=date(1950, 1, 1), region=region
        )
        for i, (name, region) in enumerate(rows, 1)
    ]


def only_templates(*rows):
    """Replace the shipped wording by the given templates (key, kind, section, text[, heading, order, scope])."""
    SummaryTemplate.objects.all().delete()
    NamingCycle.objects.all().delete()
    for row in rows:
        key, kind, section, text, *rest = row
        heading, order, scope = (list(rest) + ["", 0, "any"][len(rest) :])[:3]
        SummaryTemplate.objects.create(
            key=key, kind=kind, section=section, text=text, heading=heading, order=order, scope=scope
        )


MINIMAL = [
    ("title.plan", "title", "", "{year}年{name}双拥工作总结及{next_year}年工作计划"),
    ("title.summary", "title", "", "{year}年{name}双拥工作总结"),
    ("addressee.unit", "title", "", "县双拥办：", "", 0, "unit"),
    ("opening.lead", "opening", "", "{year}年，{we}扎实开展双拥工作。", "", 10),
    ("opening.size", "opening", "", "{all}辖乡镇{frame.towns}、村（社区）{frame.villages}。", "", 20, "county"),
    ("opening.close", "opening", "", "现将{year}年{report}汇报如下：", "", 90),
    ("section.support", "section", "support", "{we}积极开展拥军优属。", "深入开展拥军优属"),
    ("point.support.persons", "point", "support", "走访慰问对象{t.persons}，发放慰问金{t.money}", "", 10),
    ("point.support.zero", "point", "support", "开展活动{t.zero}", "", 20),
    ("point.support.missing", "point", "support", "没有的指标{t.nowhere}", "", 30),
    ("section.leadership", "section", "leadership", "加强领导。", "加强组织领导"),
    ("point.others", "point", "", "据统计，{others}"),
    ("examples", "examples", "", "如{examples}。"),
    ("closing", "closing", "", "一年来，{we}双拥工作取得新成效。"),
    ("section.problems", "section", "problems", "还存在不足：", "存在的问题"),
    ("problem.one", "problem", "", "宣传覆盖面不够广", "", 10),
    ("section.plan", "section", "plan", "{next_year}年重点抓好：", "{next_year}年工作计划"),
    ("plan.naming", "plan", "", "以迎接{naming}命名为牵引抓好创建。", "争创双拥模范", 10),
    ("plan.persons", "plan", "", "为{t.persons}做好年度确认。", "落实优抚政策", 20),
]


def texts(summary):
    return [(p.kind, p.text) for p in summary.paragraphs]


def test_county_summary_is_written_from_the_templates_and_the_figures(figures, people):
    only_templates(*MINIMAL)
    NamingCycle.objects.create(name="全国双拥模范城（县）", last_year=2025, every_years=4)
    summary = generate_summary(Scope(2026, region=COUNTY))
    assert texts(summary) == [
        ("title", "2026年罗源县双拥工作总结及2027年工作计划"),
        (
            "body",
            "2026年，我县扎实开展双拥工作。全县辖乡镇2个、村（社区）4个。现将2026年工作总结和2027年工作计划汇报如下：",
        ),
        ("heading1", "一、宣传教育"),
        ("body", "据统计，测试其他数量6份。"),
        ("heading1", "二、深入开展拥军优属"),
        ("body", "我县积极开展拥军优属。走访慰问对象3人，发放慰问金3.7万元。"),
        ("body", "一年来，我县双拥工作取得新成效。"),
        ("heading1", "三、存在的问题"),
        ("body", "还存在不足：宣传覆盖面不够广。"),
        ("heading1", "四、2027年工作计划"),
        ("body", "2027年重点抓好："),
        ("heading2", "（一）争创双拥模范"),
        ("body", "以迎接2029年全国双拥模范城（县）命名为牵引抓好创建。"),
        ("heading2", "（二）落实优抚政策"),
        ("body", "为3人做好年度确认。"),
    ]
    # 加强组织领导 has nothing for a region (its only figure is for units): left out; zero and missing points too
    assert [(p.key, p.number, p.unit) for p in summary.cited()] == [
        ("frame.towns", 2, "个"),
        ("frame.villages", 4, "个"),
        ("t.other", 6, "份"),
        ("t.persons", 3, "人"),
        ("t.money", Decimal("3.7"), "万元"),
    ]
    assert summary.paragraphs[5].figures == ["t.persons", "t.money"]


def test_town_summary_counts_its_villages_only_and_without_plan(figures, people):
    only_templates(*MINIMAL)
    summary = generate_summary(Scope(2026, region=TOWN_A), with_plan=False)
    assert texts(summary)[:6] == [
        ("title", "2026年凤山镇双拥工作总结"),
        ("body", "2026年，我镇扎实开展双拥工作。现将2026年工作总结汇报如下："),
        ("heading1", "一、宣传教育"),
        ("body", "据统计，测试其他数量4份。"),
        ("heading1", "二、深入开展拥军优属"),
        ("body", "我镇积极开展拥军优属。走访慰问对象2人，发放慰问金2.47万元。"),
    ]
    assert not [p for p in summary.paragraphs if p.section == "plan"]


def test_member_unit_summary_has_the_addressee_and_only_unit_figures(figures, people, county):
    only_templates(*MINIMAL)
    summary = generate_summary(Scope(2026, unit="WGJ"), with_plan=False)
    assert texts(summary)[:5] == [
        ("title", "2026年县文广局双拥工作总结"),
        ("addressee", "县双拥办："),
        ("body", "2026年，我单位扎实开展双拥工作。现将2026年工作总结汇报如下："),
        ("heading1", "一、加强组织领导"),
        ("body", "加强领导。据统计，测试单位会议4次。"),
    ]
    assert list(summary.figures) == ["t.unit_meetings"]


def test_phrasings_are_chosen_by_scope_and_year_and_a_zero_falls_through(figures, people):
    variants = ["甲{t.persons}", "乙{t.zero}", "丙{t.persons}"]
    only_templates(
        ("section.support", "section", "support", "框架。", "拥军优属"),
        ("point.support.v", "point", "support", "\n".join(variants)),
    )
    seen = {}
    for year in range(2020, 2027):
        body = [p.text for p in generate_summary(Scope(year, region=COUNTY)).paragraphs if p.section == "support"][1]
        start = zlib.crc32(f"point.support.v|{COUNTY}|{year}".encode()) % 3
        expected = {0: "甲3人", 1: "丙3人", 2: "丙3人"}[start]  # 乙 is zero: the next phrasing is used
        assert body == f"框架。{expected}。"
        seen[year] = body
    assert generate_summary(Scope(2024, region=COUNTY)).paragraphs[2].text == seen[2024]  # stable


def test_points_are_numbered_and_breakdowns_stay_out_of_the_others(figures, people):
    breakdown = Figure("t.other.kind", "测试细分", "份", "publicity", lambda s: 9, "测试", persons)
    catalogue.register(breakdown)
    try:
        only_templates(
            ("section.support", "section", "support", "框架。", "拥军优属"),
            ("p1", "point", "support", "第一{t.persons}", "", 1),
            ("p2", "point", "support", "第二{t.money}", "", 2),
            ("point.others", "point", "", "{others}"),
        )
        summary = generate_summary(Scope(2026, region=COUNTY), with_plan=False)
    finally:
        catalogue._FIGURES.pop("t.other.kind")
    assert [p.text for p in summary.paragraphs if p.kind == "body"] == [
        "测试其他数量6份。",
        "框架。一是第一3人；二是第二3.7万元。",
    ]
    assert [ordinal(n) for n in (1, 9, 10, 11, 20, 23)] == ["一", "九", "十", "十一", "二十", "二十三"]


def test_examples_come_from_the_hook_anonymised(figures, people):
    only_templates(
        ("section.support", "section", "support", "框架。", "拥军优属"),
        ("examples", "examples", "", "如{examples}。"),
    )
    provider = from_records(
        "t.persons", order_by=["name"], describe=lambda p: f"走访慰问老兵{anonymise(p.name)}", limit=2
    )
    examples_hook.register_examples("support", "test.visits", provider)
    examples_hook.register_examples("support", "test.more", lambda s: [Example("为1户危房改造", "")])
    try:
        body = generate_summary(Scope(2026, region=TOWN_A), with_plan=False).paragraphs[-1].text
        town_b = generate_summary(Scope(2026, region=TOWN_B), with_plan=False).paragraphs[-1].text
    finally:
        examples_hook.unregister_examples("support", "test.visits")
        examples_hook.unregister_examples("support", "test.more")
    # providers in key order ("test.more" < "test.visits"), rows in the provider's order; a section with only
    # examples is kept
    assert body == "框架。如为1户危房改造；走访慰问老兵刘某；走访慰问老兵李某某。"
    assert town_b == "框架。如为1户危房改造；走访慰问老兵张某某。"
    assert [anonymise(n) for n in ("李守海", "刘俊", "欧阳明月", "")] == ["李某某", "刘某", "欧某某", "某某"]


def test_money_is_printed_in_wan_from_ten_thousand_and_shares_keep_their_place():
    figure = Figure("t.m", "金额", "元", "support", len, "")
    share = Figure("t.s", "率", "%", "support", len, "")
    count = Figure("t.c", "数", "人", "support", len, "")
    cases = [
        (figure, Decimal("9999.50"), "9999.5元"),
        (figure, Decimal("500.00"), "500元"),
        (figure, Decimal("10000.00"), "1万元"),
        (figure, Decimal("981875.00"), "98.19万元"),
        (figure, Decimal("63495512.34"), "6349.55万元"),
        (share, Decimal("95.0"), "95%"),
        (share, Decimal("66.7"), "66.7%"),
        (count, 0, "0人"),
        (count, 1234567, "1234567人"),
    ]
    assert [printed(f, v).text for f, v, _ in cases] == [text for *_, text in cases]
    assert printed(figure, Decimal("981875.00")).as_json() == {
        "key": "t.m",
        "label": "金额",
        "value": 98.19,
        "unit": "万元",
        "source": "",
    }


@pytest.mark.django_db
def test_the_shipped_wording_is_loaded_once_and_names_known_sections():
    shipped = read_shipped()
    assert SummaryTemplate.objects.count() == len(shipped["template"])
    assert load_wording(SummaryTemplate, NamingCycle) == 0  # loading again changes nothing
    sections = {t.section for t in SummaryTemplate.objects.all()}
    assert sections <= {"", *catalogue.SECTIONS, "problems", "plan"}
    cycle = NamingCycle.objects.get()
    assert (cycle.name, cycle.last_year, cycle.every_years) == ("全国双拥模范城（县）", 2025, 4)
    assert [cycle.next_after(y) for y in (2024, 2025, 2026, 2028, 2029)] == [2025, 2029, 2029, 2029, 2033]
    row = SummaryTemplate.objects.get(key="title.plan")
    row.text = "改过的标题"
    row.save()
    assert load_wording(SummaryTemplate, NamingCycle) == 0  # staff edits survive a reload
    assert load_wording(SummaryTemplate, NamingCycle, overwrite=True) == 1
    assert SummaryTemplate.objects.get(key="title.plan").text == "{year}年{name}双拥工作总结及{next_year}年工作计划"


def test_the_shipped_wording_writes_a_county_summary(figures, people, county):
    Unit.objects.create(code="G2", name="武警中队", kind=UnitKind.GARRISON, region=county["town_a"])
    summary = generate_summary(Scope(2026, region=COUNTY))
    text = "\n".join(p.text for p in summary.paragraphs)
    assert summary.title == "2026年罗源县双拥工作总结及2027年工作计划"
    assert "乡镇（街道）2个、村（社区）4个" in text
    assert "驻军单位2个" in text or "部队单位2个" in text
    assert "测试对象3人" in text and "测试慰问3.7万元" in text  # unnamed figures reported by the others point
    assert "2029年全国双拥模范城（县）" in text
    headings = [p.text for p in summary.paragraphs if p.kind == "heading1"]
    assert headings[-2:] == [f"{ordinal(len(headings) - 1)}、存在的问题", f"{ordinal(len(headings))}、2027年工作计划"]
    for key, shown in summary.figures.items():
        assert shown.text in text, key


def test_additive_figures_of_the_towns_add_up_to_the_county(figures, people, county):
    """Roll-up: every figure whose records for the county are exactly the towns' records together adds up."""
    towns = [TOWN_A, TOWN_B]
    checked = []
    for figure in catalogue.figures():
        if figure.unit == "%" or figure.records is None or not figure.applies_to(Scope(2026, region=COUNTY)):
            continue
        whole = figure.records(Scope(2026, region=COUNTY))
        parts = [figure.records(Scope(2026, region=t)) for t in towns]
        if whole.count() != sum(p.count() for p in parts):
            continue  # rows at the county itself (county-wide units): not a partition of the towns
        county_value = figure.value(Scope(2026, region=COUNTY))
        town_values = [figure.value(Scope(2026, region=t)) for t in towns]
        if county_value is None:
            continue
        assert county_value == sum(town_values), figure.key
        checked.append(figure.key)
    assert {"t.persons", "t.money", "t.other"} <= set(checked)
