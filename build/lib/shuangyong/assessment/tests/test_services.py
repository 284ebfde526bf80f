"""Targets: progress computed from the records, bulk assignment, and refusals that leave nothing changed."""

from datetime import date
from decimal import Decimal

import pytest

from shuangyong.accounts.scope import ScopeDenied
from shuangyong.assessment import services
from shuangyong.assessment.models import Target
from shuangyong.assessment.progress import progress_of
from shuangyong.assessment.services import AssessmentError
from shuangyong.leadership import services as leadership
from shuangyong.leadership.models import MeetingKind

pytestmark = pytest.mark.django_db


def _assign(users, **fields):
    defaults = {"year": 2026, "measure": "leadership.decisions_done", "threshold": 2, "user": users["county_admin"]}
    return services.assign_target(**{**defaults, **fields})


def test_progress_follows_the_records(county, users, done_decision):
    bureau = county["unit_bureau"]
    _assign(users, units=[bureau])
    target = Target.objects.get()
    assert (target.issuer_id, target.region_id, target.threshold) == ("350123000000", "350123000000", Decimal("2.00"))
    first = progress_of(target)
    assert (first.value, first.share, first.met, first.bar) == (0, Decimal("0.0"), False, 0)
    done_decision(bureau)
    half = progress_of(target)
    assert (half.value, half.share, half.met, half.bar) == (1, Decimal("50.0"), False, 50)
    done_decision(bureau, text="另一项")
    done_decision(bureau, text="第三项")
    full = progress_of(target)
    assert (full.value, full.share, full.met, full.bar) == (3, Decimal("150.0"), True, 100)


def test_a_towns_target_counts_the_towns_records(county, users):
    _assign(users, measure="leadership.meetings", threshold=2, regions=[county["town_a"]])
    kind = MeetingKind.objects.get(code="office")
    for day in (date(2026, 1, 10), date(2026, 4, 10), date(2025, 12, 1)):
        leadership.record_meeting(
            region=county["town_a"], kind=kind, date=day, title="季度例会", user=users["county_admin"]
        )
    leadership.record_meeting(
        region=county["town_b"], kind=kind, date=date(2026, 1, 1), title="x", user=users["county_admin"]
    )
    progress = progress_of(Target.objects.get())
    assert (progress.value, progress.share, progress.met) == (2, Decimal("100.0"), True)


def test_at_most_and_exactly(county, users, done_decision):
    bureau = county["unit_bureau"]
    _assign(users, units=[bureau], comparator="le", threshold=1)
    _assign(users, units=[bureau], measure="test.unit_active", comparator="eq", threshold=1)
    done_decision(bureau)
    done_decision(bureau, text="二")
    at_most, exactly = Target.objects.order_by("measure")
    assert (progress_of(at_most).value, progress_of(at_most).met) == (2, False)
    assert (progress_of(exactly).value, progress_of(exactly).met) == (1, True)


def test_bulk_assignment_is_idempotent_and_updates(county, users, second_unit):
    assignees = {"units": [county["unit_bureau"], second_unit], "regions": [county["town_a"], county["town_b"]]}
    assert _assign(users, **assignees).as_dict() == {"created": 4, "updated": 0, "unchanged": 0}
    assert _assign(users, **assignees).as_dict() == {"created": 0, "updated": 0, "unchanged": 4}
    assert _assign(users, units=[second_unit], threshold=5).as_dict() == {"created": 0, "updated": 1, "unchanged": 0}
    assert sorted(Target.objects.values_list("threshold", flat=True)) == [2, 2, 2, 5]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"measure": "test.partner_units"}, "指标“共建单位数”不能按单位统计，不能作为县文广局的考核目标"),
        ({"measure": "no.such"}, "没有名为 no.such 的统计指标"),
        ({"measure": "assessment.targets_met"}, "考核目标不能以目标完成情况本身为指标"),
        ({"threshold": "-1"}, "目标值须为不小于 0 的数字"),
        ({"threshold": "abc"}, "目标值“abc”不是数字"),
        ({"units": []}, "请至少选择一个责任单位或乡镇"),
    ],
)
def test_refused_targets_write_nothing(county, users, second_unit, fields, message):
    with pytest.raises(AssessmentError, match=message):
        _assign(users, **{"units": [county["unit_bureau"]], **fields})
    assert Target.objects.count() == 0


def test_one_refused_assignee_refuses_the_whole_batch(county, users, second_unit):
    with pytest.raises(AssessmentError, match="罗源县不是罗源县的下级区划，不能向其下达目标"):
        _assign(users, units=[county["unit_bureau"], second_unit], regions=[county["town_a"], county["county"]])
    with pytest.raises(AssessmentError, match="指标“单位有效”不能按区划统计，不能作为凤山镇的考核目标"):
        _assign(users, measure="test.unit_active", units=[county["unit_bureau"]], regions=[county["town_a"]])
    assert Target.objects.count() == 0


def test_only_the_issuing_region_sets_and_changes_targets(county, users):
    for role in ("unit_staff", "leader", "sysadmin"):
        with pytest.raises(ScopeDenied):
            _assign(users, units=[county["unit_bureau"]], user=users[role])
    # a town's staff set targets in their own town only
    with pytest.raises(AssessmentError, match="县文广局不在凤山镇范围内，不能向其下达目标"):
        _assign(users, units=[county["unit_bureau"]], user=users["town_staff"])
    assert Target.objects.count() == 0
    _assign(users, regions=[county["town_a"]])
    target = Target.objects.get()
    with pytest.raises(ScopeDenied, match="该目标由罗源县下达，您不能修改"):
        services.update_target(target, threshold=0, user=users["town_staff"])
    with pytest.raises(ScopeDenied):
        services.withdraw_target(target, user=users["town_staff"])
    target.refresh_from_db()
    assert target.threshold == 2
    services.update_target(target, threshold="3.5", user=users["county_admin"])
    target.refresh_from_db()
    assert target.threshold == Decimal("3.50")
    services.withdraw_target(target, user=users["county_admin"])
    assert Target.objects.count() == 0
