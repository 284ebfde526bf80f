"""工作计划: items kept per region and year, proposals from last year's open problems, the import, the page, and the
summary's plan section naming the items."""

from datetime import date

import pytest
from conftest import PASSWORD
from django.test import Client

from shuangyong.accounts.scope import ScopeDenied
from shuangyong.assessment import plans, services
from shuangyong.assessment.models import PlanItem
from shuangyong.assessment.plan_import import import_plan
from shuangyong.assessment.scores import unit_scores
from shuangyong.assessment.services import AssessmentError
from shuangyong.audit.models import AuditEntry
from shuangyong.figures.catalogue import Scope
from shuangyong.figures.examples import PLAN, examples_for
from shuangyong.registry.tests.sheets import write_sheet

pytestmark = pytest.mark.django_db


def _add(users, county, title="建成退役军人服务中心", **fields):
    return plans.add_plan_item(region=county["county"], year=2027, title=title, user=users["county_admin"], **fields)


def test_an_item_is_kept_once_per_region_year_and_title(county, users):
    item = _add(users, county, section="benefits", lead_unit=county["unit_bureau"], due=date(2027, 6, 18))
    assert (item.section, item.lead_unit, item.due) == ("benefits", county["unit_bureau"], date(2027, 6, 1))
    with pytest.raises(AssessmentError, match="已有“建成退役军人服务中心”"):
        _add(users, county, title=" 建成退役军人服务中心 ")
    with pytest.raises(AssessmentError, match="工作领域“nonsense”无效"):
        _add(users, county, title="另一项", section="nonsense")
    with pytest.raises(AssessmentError, match="没有名为 no.such 的统计指标"):
        _add(users, county, title="另一项", measure="no.such")
    assert PlanItem.objects.count() == 1


def test_town_staff_keep_their_own_towns_plan_only(county, users):
    before = AuditEntry.objects.count()
    with pytest.raises(ScopeDenied):
        plans.add_plan_item(region=county["county"], year=2027, title="县的计划", user=users["town_staff"])
    item = _add(users, county)
    with pytest.raises(ScopeDenied):
        plans.remove_plan_item(item, user=users["town_staff"])
    assert PlanItem.objects.count() == 1 and AuditEntry.objects.count() == before + 1
    own = plans.add_plan_item(region=county["town_a"], year=2027, title="镇的计划", user=users["town_staff"])
    assert own.region == county["town_a"]


def test_proposals_come_from_last_years_unmet_targets_once(county, users, done_decision):
    services.assign_target(year=2026, measure="leadership.decisions_done", threshold=2, units=[county["unit_bureau"]],
                           issuer=county["county"], user=users["county_admin"])  # fmt: skip
    done_decision(county["unit_bureau"])  # one of two: not met
    found = plans.proposals(county["county"], 2027)
    assert [(p.title, p.lead_unit, p.source) for p in found] == [
        (
            "督促县文广局完成“议定事项已落实”目标",
            county["unit_bureau"],
            "proposal:target:2026:leadership.decisions_done",
        )
    ]
    item = plans.take_proposal(county["county"], 2027, found[0].source, user=users["county_admin"])
    assert (item.due, item.measure, item.target.year) == (date(2027, 6, 1), "leadership.decisions_done", 2026)
    assert plans.proposals(county["county"], 2027) == []
    with pytest.raises(AssessmentError, match="已列入计划"):
        plans.take_proposal(county["county"], 2027, found[0].source, user=users["county_admin"])


def test_the_import_writes_all_rows_or_none_and_twice_changes_nothing(county, users, tmp_path):
    good = tmp_path / "plan.xlsx"
    write_sheet(good, ["计划事项", "工作领域", "牵头单位", "完成时限"], [
        ["建成退役军人服务中心", "优抚保障", "县文广局", "2027年6月"],
        ["开展八一走访慰问", "拥军优属", "", "2027.08"],
    ], title="罗源县2027年双拥工作计划", filler=False)  # fmt: skip
    counts = import_plan(good, region=county["county"], year=2027, user=users["county_admin"])
    assert (counts.created, counts.errors) == (2, [])
    assert list(PlanItem.objects.values_list("title", "section", "due")) == [
        ("建成退役军人服务中心", "benefits", date(2027, 6, 1)),
        ("开展八一走访慰问", "support", date(2027, 8, 1)),
    ]
    again = import_plan(good, region=county["county"], year=2027, user=users["county_admin"])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    bad = tmp_path / "bad.xlsx"
    write_sheet(bad, ["计划事项", "工作领域", "牵头单位"], [
        ["新事项", "拥军优属", "不存在的局"],
        ["另一项", "随便", ""],
    ], title=None, filler=False)  # fmt: skip
    refused = import_plan(bad, region=county["county"], year=2027, user=users["county_admin"])
    assert [(p.row, p.column) for p in refused.errors] == [(2, "牵头单位"), (3, "工作领域")]
    assert "牵头单位“不存在的局”无法识别，应为成员单位的名称或简称" in refused.errors[0].message
    assert PlanItem.objects.count() == 2


def test_the_summary_of_a_year_names_the_next_years_items(county, users):
    _add(users, county, title="开展八一走访慰问", due=date(2027, 8, 1))
    _add(users, county, lead_unit=county["unit_bureau"], due=date(2027, 6, 1))
    plans.add_plan_item(region=county["county"], year=2027, title="办结帮扶事项", source="proposal:x",
                        due=date(2027, 3, 1), user=users["county_admin"])  # fmt: skip
    texts = [e.text for e in examples_for(PLAN, Scope(2026, region="350123000000"), limit=6)]
    assert texts == [
        "建成退役军人服务中心（县文广局牵头，6月底前）",
        "开展八一走访慰问（8月底前）",
        "办结帮扶事项（3月底前）",
    ]
    assert examples_for(PLAN, Scope(2026, region="350123100000"), limit=6) == []  # the town has no plan of its own


def test_the_page_adds_takes_and_removes(county, users, done_decision):
    client = Client()
    assert client.login(username="county_admin", password=PASSWORD)
    response = client.post("/assessment/plan/?year=2027", {"title": "建成退役军人服务中心", "section": "benefits"})
    assert response.status_code == 302
    item = PlanItem.objects.get()
    assert "建成退役军人服务中心" in client.get("/assessment/plan/?year=2027").content.decode()
    assert client.post(f"/assessment/plan/{item.pk}/remove/").status_code == 302
    assert PlanItem.objects.count() == 0
    town = Client()
    assert town.login(username="town_staff", password=PASSWORD)
    assert town.post(f"/assessment/plan/{item.pk}/remove/").status_code == 404
    unit = Client()
    assert unit.login(username="unit_staff", password=PASSWORD)
    assert unit.get("/assessment/plan/").status_code == 403


def test_member_units_are_scored_by_the_points_of_targets_met_and_ranked(county, users, done_decision, second_unit):
    bureau, admin = county["unit_bureau"], users["county_admin"]
    for measure, threshold, points, unit in (
        ("leadership.decisions_done", 1, 3, bureau),  # met below
        ("leadership.decisions_done", 1, 2, second_unit),
        ("leadership.decisions", 5, 1, bureau),
    ):
        services.assign_target(year=2026, measure=measure, threshold=threshold, points=points, units=[unit],
                               issuer=county["county"], user=admin)  # fmt: skip
    done_decision(bureau)
    rows = [(r.unit.code, r.score, r.most, r.met, r.targets, r.rank) for r in unit_scores(county["county"], 2026)]
    assert rows == [("WGJ", 3, 4, 1, 2, 1), ("MZJ", 0, 2, 0, 1, 2)]
    client = Client()
    assert client.login(username="county_admin", password=PASSWORD)
    page = client.get("/assessment/scores/?year=2026").content.decode()
    assert "县文广局" in page and "1 / 2" in page
