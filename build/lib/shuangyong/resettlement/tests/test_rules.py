"""The rules of resettlement with exact values: methods per kind, deadlines, late and overdue lists, placed."""

from datetime import date

import pytest

from shuangyong.accounts.scope import ScopeDenied
from shuangyong.accounts.system import system_user
from shuangyong.registry.models import Entitlement, Person
from shuangyong.resettlement.models import Arrival, Visit
from shuangyong.resettlement.services import steps
from shuangyong.resettlement.services.rules import ResettlementError, counted_months, service_years_of

TODAY = date(2026, 11, 25)


def test_methods_open_to_each_kind_as_the_regulation_says(methods):
    def names(kind):
        return [m.name for m in methods.values() if m.allows(kind)]

    assert names("nco") == ["自主就业", "安排工作", "逐月领取退役金", "退休", "供养"]
    assert names("conscript") == ["自主就业", "安排工作", "供养"]
    assert names("officer") == ["逐月领取退役金", "退休", "转业", "复员"]


def test_arrival_registers_the_person_with_a_veteran_entitlement(arrive, county):
    arrival = arrive("张伟", hukou="rural")
    person = Person.objects.get(pk=arrival.person_id)
    assert (person.name, person.region_id, person.hukou, person.birth_date) == (
        "张伟",
        county["village_a1"].code,
        "rural",
        date(2003, 5, 12),
    )
    entitlement = Entitlement.objects.get(person=person)
    assert (entitlement.category_id, entitlement.status, entitlement.approval_date) == (
        "81",
        "active",
        date(2025, 9, 10),
    )
    assert (entitlement.enlistment_date, entitlement.discharge_date, entitlement.service_years) == (
        date(2023, 9, 1),
        date(2025, 9, 1),
        2,
    )
    assert arrival.report_due == date(2025, 10, 10)  # 30 days after arrival
    assert arrival.service_years == 2


def test_a_method_not_open_to_the_kind_is_refused_and_nothing_is_written(arrive, methods):
    with pytest.raises(ResettlementError, match="义务兵不能以“退休”方式安置；义务兵可选：自主就业、安排工作、供养"):
        arrive("李强", kind="conscript", method=methods["retired"])
    assert not Person.objects.filter(name="李强").exists()
    arrival = arrive("王军", kind="officer")
    with pytest.raises(ResettlementError, match="军官不能以“自主就业”方式安置"):
        steps.choose_method(arrival, method=methods["self_employed"], on=date(2025, 9, 20), user=system_user())
    assert Arrival.objects.get(pk=arrival.pk).method_id is None


def test_late_reporting_list(arrive):
    on_time = arrive("甲", arrival=date(2025, 9, 10), reported_on=date(2025, 10, 10))
    reported_late = arrive("乙", arrival=date(2025, 9, 10), reported_on=date(2025, 10, 11))
    not_reported = arrive("丙", arrival=date(2026, 10, 20))
    not_yet_due = arrive("丁", arrival=date(2026, 11, 1))
    late = Arrival.objects.late_reporting(TODAY)
    assert sorted(a.person.name for a in late) == ["丙", "乙"]
    assert [a.report_late(TODAY) for a in (on_time, reported_late, not_reported, not_yet_due)] == [
        False,
        True,
        True,
        False,
    ]


def test_assignment_placement_and_overdue_list(arrive, methods, users, county):
    admin = users["county_admin"]
    a = arrive("甲", method=methods["assigned_job"], reported_on=date(2025, 9, 12))
    b = arrive("乙", method=methods["assigned_job"], reported_on=date(2025, 9, 12))
    c = arrive("丙", method=methods["assigned_job"], reported_on=date(2025, 9, 12))
    steps.assign_employer(a, employer=county["unit_bureau"], on=date(2025, 10, 1), user=admin)
    steps.assign_employer(b, employer_name="罗源县供电公司", on=date(2025, 10, 1), user=admin)
    steps.assign_employer(c, employer_name="罗源湾港务公司", on=date(2026, 11, 10), user=admin)
    a = steps.record_placement(a, on=date(2025, 10, 31), user=admin)  # the 30th day: on time
    assert a.placement_due == date(2025, 10, 31)
    assert Arrival.objects.placed().count() == 1
    assert [x.person.name for x in Arrival.objects.overdue_placement(TODAY)] == ["乙"]
    b = steps.record_placement(b, on=date(2025, 11, 3), user=admin)  # placed, but late
    assert b.placement_overdue(TODAY) and Arrival.objects.placed().count() == 2
    assert [x.person.name for x in Arrival.objects.overdue_placement(TODAY)] == ["乙"]
    assert Arrival.objects.get(pk=c.pk).employer_label == "罗源湾港务公司"


def test_assigning_needs_the_assigned_job_method(arrive, methods, users):
    arrival = arrive("甲", method=methods["self_employed"])
    with pytest.raises(ResettlementError, match="只有安置方式为“安排工作”的才能安排接收单位"):
        steps.assign_employer(arrival, employer_name="某公司", on=date(2025, 10, 1), user=users["county_admin"])
    with pytest.raises(ResettlementError, match="尚未安排接收单位，不能登记上岗"):
        steps.record_placement(arrival, on=date(2025, 10, 1), user=users["county_admin"])


def test_placed_means_reported_or_for_assigned_job_took_up_the_post(arrive, methods):
    arrive("甲", method=methods["self_employed"], reported_on=date(2025, 9, 20))
    arrive("乙", method=methods["self_employed"])
    arrive("丙", reported_on=date(2025, 9, 20))
    arrive("丁", method=methods["assigned_job"], reported_on=date(2025, 9, 20))
    assert [a.person.name for a in Arrival.objects.placed()] == ["甲"]


def test_report_date_before_arrival_is_refused(arrive, users):
    arrival = arrive("甲", arrival=date(2025, 9, 10))
    with pytest.raises(ResettlementError, match=r"报到日期（2025-09-01）不能早于到达安置地日期（2025-09-10）"):
        steps.record_report(arrival, on=date(2025, 9, 1), user=users["county_admin"])


def test_visits_set_the_employment_status_of_the_newest(arrive, users):
    arrival = arrive("甲")
    admin = users["county_admin"]
    steps.add_visit(arrival, visited_on=date(2026, 3, 1), visitor="陈建华", employment_status="employed", user=admin)
    steps.add_visit(arrival, visited_on=date(2025, 12, 1), visitor="陈建华", employment_status="unemployed", user=admin)
    assert Arrival.objects.get(pk=arrival.pk).employment_status == "employed"
    assert Visit.objects.filter(arrival=arrival).count() == 2


def test_town_staff_cannot_change_another_towns_arrival(arrive, users, county):
    arrival = arrive("甲", region=county["village_b1"])
    with pytest.raises(ScopeDenied):
        steps.record_report(arrival, on=date(2025, 9, 20), user=users["town_staff"])
    with pytest.raises(ScopeDenied):
        steps.record_report(arrival, on=date(2025, 9, 20), user=users["leader"])
    assert Arrival.objects.get(pk=arrival.pk).reported_on is None
    with pytest.raises(ScopeDenied):
        arrive("乙", region=county["village_b1"], user=users["town_staff"])
    assert not Person.objects.filter(name="乙").exists()


def test_counted_months_and_years():
    assert counted_months(date(2023, 9, 1), date(2025, 9, 1)) == 24
    assert counted_months(date(2023, 9, 1), date(2025, 12, 1)) == 30  # 3 months count as 6
    assert counted_months(date(2023, 9, 1), date(2026, 4, 1)) == 36  # 7 months count as 12
    assert service_years_of(date(2020, 3, 1), date(2025, 9, 1)) == 6
    assert service_years_of(date(2020, 3, 1), date(2025, 8, 31)) == 5
