"""Money for people whose lives change (domain.md §3), each rule with exact amounts in 分: pauses and
resumption under a back-dated rise, funeral grants topped up by a rise covering the death month."""

from datetime import date

import pytest

from shuangyong.accounts.system import system_user
from shuangyong.benefits.choices import LineType
from shuangyong.benefits.models import Standard
from shuangyong.benefits.services.engine import compute_run
from shuangyong.benefits.services.standards import save_standard
from shuangyong.benefits.tests.test_engine import WAR5_MONTH, lines_of, pay
from shuangyong.registry.models import Pause
from shuangyong.registry.services.lifecycle import record_death, resume_entitlement, suspend_entitlement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("alone_and_among_many")]

RISEN_MONTH = 478_942  # 57,473 元/年 ÷ 12 = 4,789.42 元
DIFF = RISEN_MONTH - WAR5_MONTH  # 27,109 分


def rise(users, since: date) -> Standard:
    """因战五级 57,473 元/年 from `since`, entered today (a back-dated rise)."""
    row = Standard(
        kind_id="disability",
        category_id="11",
        disability_nature="war",
        disability_grade=5,
        amount_fen=5_747_300,
        valid_from=since,
    )
    return save_standard(row, user=users["county_admin"])


@pytest.fixture
def war5(standard):
    return standard("disability", 54220, category="11", nature="war", grade=5)


def test_a_back_dated_rise_after_resumption_pays_the_difference_except_for_the_suspended_months(
    county, war5, entitled, users
):
    """条例 §58: only the months of the suspension are not owed; the months around it get the rise."""
    ent = entitled("11")
    pay(county, date(2026, 1, 1), users)
    pay(county, date(2026, 2, 1), users)
    suspend_entitlement(ent, on=date(2026, 3, 5), reason="服刑", user=users["county_admin"])
    assert lines_of(pay(county, date(2026, 3, 1), users)) == []
    assert lines_of(pay(county, date(2026, 4, 1), users)) == []
    resume_entitlement(ent, on=date(2026, 5, 10), user=users["county_admin"])
    assert lines_of(pay(county, date(2026, 5, 1), users)) == [("2026-05", "disability", LineType.REGULAR, WAR5_MONTH)]
    pause = Pause.objects.get(entitlement=ent)
    assert (pause.first_month, pause.last_month) == (date(2026, 3, 1), date(2026, 4, 1))

    rise(users, date(2026, 1, 1))
    june = compute_run(county["county"], date(2026, 6, 1), user=system_user())
    assert lines_of(june) == [
        ("2026-01", "disability", LineType.BACKPAY, DIFF),
        ("2026-02", "disability", LineType.BACKPAY, DIFF),
        ("2026-05", "disability", LineType.BACKPAY, DIFF),
        ("2026-06", "disability", LineType.REGULAR, RISEN_MONTH),
    ]
    assert june.total_fen == 3 * DIFF + RISEN_MONTH


def test_a_resumption_in_the_month_of_suspension_leaves_no_month_unpaid(county, war5, entitled, users):
    ent = entitled("11")
    pay(county, date(2026, 1, 1), users)
    suspend_entitlement(ent, on=date(2026, 2, 3), reason="核查", user=users["county_admin"])
    resume_entitlement(ent, on=date(2026, 2, 20), user=users["county_admin"])
    assert not Pause.objects.filter(entitlement=ent).exists()
    ent.refresh_from_db()
    assert ent.first_pause is None
    assert lines_of(compute_run(county["county"], date(2026, 2, 1), user=system_user())) == [
        ("2026-02", "disability", LineType.REGULAR, WAR5_MONTH)
    ]


def test_a_second_pause_keeps_the_first_one_unpaid(county, war5, entitled, users):
    """Arrears never reach into an earlier pause: with no run for months, only the owed months are paid."""
    ent = entitled("11", paid_through=date(2025, 12, 1))
    suspend_entitlement(ent, on=date(2026, 2, 1), reason="服刑", user=users["county_admin"])
    resume_entitlement(ent, on=date(2026, 3, 1), user=users["county_admin"])
    suspend_entitlement(ent, on=date(2026, 5, 1), reason="核查", user=users["county_admin"])
    resume_entitlement(ent, on=date(2026, 6, 1), user=users["county_admin"])
    run = compute_run(county["county"], date(2026, 6, 1), user=system_user())
    assert [month for month, *_ in lines_of(run)] == ["2026-01", "2026-03", "2026-04", "2026-06"]
    assert run.total_fen == 4 * WAR5_MONTH


def test_a_funeral_grant_is_topped_up_once_by_a_rise_covering_the_death_month(county, war5, entitled, users):
    """条例 §32: 12 months of the 残疾抚恤金 the person received; a rise back-dated over the death month raises
    that standard, so the difference of the grant is paid — once."""
    ent = entitled("11")
    pay(county, date(2026, 1, 1), users)
    pay(county, date(2026, 2, 1), users)
    record_death(ent.person, on=date(2026, 2, 14), cause="因病", user=users["county_admin"])
    march = pay(county, date(2026, 3, 1), users)
    assert lines_of(march) == [("2026-02", "funeral", LineType.FUNERAL, 12 * WAR5_MONTH)]

    rise(users, date(2026, 1, 1))
    april = pay(county, date(2026, 4, 1), users)
    assert lines_of(april) == [
        ("2026-01", "disability", LineType.BACKPAY, DIFF),
        ("2026-02", "disability", LineType.BACKPAY, DIFF),
        ("2026-02", "funeral", LineType.BACKPAY, 12 * DIFF),
    ]
    top_up = april.lines.get(kind_id="funeral")
    assert (top_up.seq, top_up.due_fen, top_up.paid_before_fen) == (1, 12 * RISEN_MONTH, 12 * WAR5_MONTH)
    assert lines_of(compute_run(county["county"], date(2026, 5, 1), user=system_user())) == []


def test_a_rise_from_after_the_death_month_leaves_the_funeral_grant(county, war5, entitled, users):
    ent = entitled("11")
    pay(county, date(2026, 1, 1), users)
    record_death(ent.person, on=date(2026, 1, 20), cause="因病", user=users["county_admin"])
    pay(county, date(2026, 2, 1), users)
    rise(users, date(2026, 2, 1))
    assert lines_of(compute_run(county["county"], date(2026, 3, 1), user=system_user())) == []


def test_a_funeral_grant_returned_by_the_bank_is_paid_again(county, war5, entitled, users):
    ent = entitled("11")
    pay(county, date(2026, 1, 1), users)
    record_death(ent.person, on=date(2026, 1, 20), cause="因病", user=users["county_admin"])
    february = pay(county, date(2026, 2, 1), users)
    february.lines.update(failed=True)
    again = compute_run(county["county"], date(2026, 3, 1), user=system_user())
    assert lines_of(again) == [("2026-01", "funeral", LineType.CARRY, 12 * WAR5_MONTH)]


def test_a_changed_standard_recomputes_the_lines_its_old_keys_priced(county, standard, entitled, users):
    """A standard moved from one category to another: the months it priced under the old category are recomputed
    (here: recovered, no standard is left for them) — the change is recorded under both sets of keys."""
    from shuangyong.benefits.models import StandardChange

    row = standard("living", 600, category="42", basis="month")
    veteran = entitled("42", name="带病回乡")
    pay(county, date(2026, 1, 1), users)
    pay(county, date(2026, 2, 1), users)
    row.category_id = "51"
    save_standard(row, user=users["county_admin"])
    assert sorted(StandardChange.objects.values_list("category_id", flat=True)) == ["42", "51"]
    march = compute_run(county["county"], date(2026, 3, 1), user=system_user())
    assert lines_of(march) == [
        ("2026-01", "living", LineType.RECOVERY, -60_000),
        ("2026-02", "living", LineType.RECOVERY, -60_000),
    ]
    assert march.lines.filter(entitlement=veteran).count() == 2


def test_a_rise_for_one_category_leaves_the_other_categories_lines_alone(county, standard, entitled, users):
    from shuangyong.benefits.models import StandardChange

    standard("living", 600, category="42", basis="month")
    standard("living", 650, category="51", basis="month")
    entitled("42", name="带病回乡")
    entitled("51", name="参战")
    pay(county, date(2026, 1, 1), users)
    save_standard(
        Standard(kind_id="living", category_id="51", basis="month", amount_fen=69_200, valid_from=date(2026, 1, 1)),
        user=users["county_admin"],
    )
    change = StandardChange.objects.get()
    assert (change.kind_id, change.category_id, change.from_month) == ("living", "51", date(2026, 1, 1))
    february = compute_run(county["county"], date(2026, 2, 1), user=system_user())
    assert sorted(
        (line.month.month, line.category_id, line.line_type, line.amount_fen) for line in february.lines.all()
    ) == [
        (1, "51", LineType.BACKPAY, 4_200),
        (2, "42", LineType.REGULAR, 60_000),
        (2, "51", LineType.REGULAR, 69_200),
    ]


def test_an_overdue_confirmation_stops_payment_from_the_next_month_and_a_late_one_pays_the_arrears(
    county, war5, entitled, users
):
    """条例 §8: where the county says so, those not confirmed by the deadline (06-30) are not paid from July; a
    confirmation in September pays July and August as arrears."""
    from shuangyong.regions.models import RegionSetting
    from shuangyong.registry.services.lifecycle import confirm_year

    RegionSetting.objects.create(
        region=county["county"], key="unconfirmed_stop", value=True, valid_from=date(2020, 1, 1)
    )
    late = entitled("11", name="未确认", confirmed_year=2025)
    entitled("11", name="已确认", confirmed_year=2026)
    entitled("11", name="新认定", confirmed_year=None, approved=date(2026, 7, 10))
    assert sorted(p.name for p in pay(county, date(2026, 6, 1), users).payees.all()) == ["已确认", "未确认"]
    july = pay(county, date(2026, 7, 1), users)
    assert sorted(p.name for p in july.payees.all()) == ["已确认", "新认定"]
    assert not july.findings.filter(entitlement=late).exists()  # stopped, not 应发未发
    pay(county, date(2026, 8, 1), users)
    confirm_year(late.person, year=2026, on=date(2026, 9, 2), user=users["county_admin"])
    september = compute_run(county["county"], date(2026, 9, 1), user=system_user())
    assert lines_of(september) == sorted(
        [
            ("2026-07", "disability", LineType.ARREARS, WAR5_MONTH),
            ("2026-08", "disability", LineType.ARREARS, WAR5_MONTH),
            *[("2026-09", "disability", LineType.REGULAR, WAR5_MONTH)] * 3,
        ]
    )


def test_without_the_setting_an_overdue_confirmation_is_only_flagged(county, war5, entitled, users):
    from shuangyong.benefits.choices import FindingCode
    from shuangyong.benefits.services.approval import check_run

    late = entitled("11", name="未确认", confirmed_year=2025)
    entitled("11", name="新认定", confirmed_year=None, approved=date(2026, 7, 1))  # after the deadline: no finding
    july = check_run(compute_run(county["county"], date(2026, 7, 1), user=system_user()), user=system_user())
    assert lines_of(july) == [("2026-07", "disability", LineType.REGULAR, WAR5_MONTH)] * 2
    assert july.findings.get().code == FindingCode.UNCONFIRMED
    assert july.findings.get().entitlement_id == late.pk


def test_support_mode_is_a_key_of_the_standards_and_a_back_dated_change_pays_the_difference(
    county, standard, entitled, users
):
    """国家供养 (一至四级): 集中供养 and 分散供养 may have their own rows; a person moved from one to the other from a
    past month gets the difference for the months already paid."""
    from shuangyong.registry.services.lifecycle import change_support_mode

    standard("disability", 106670, category="11", nature="war", grade=1)
    standard("state_support", 24000, category="11", grade=1, support_mode="dispersed")
    standard("state_support", 36000, category="11", grade=1, support_mode="central")
    home = entitled("11", name="分散", disability_grade=1, support_mode="dispersed")
    entitled("11", name="集中", disability_grade=1, support_mode="central")
    january = pay(county, date(2026, 1, 1), users)
    support = sorted((line.support_mode, line.amount_fen) for line in january.lines.filter(kind_id="state_support"))
    assert support == [("central", 300_000), ("dispersed", 200_000)]
    pay(county, date(2026, 2, 1), users)
    change_support_mode(home, mode="central", on=date(2026, 2, 1), user=users["county_admin"])
    march = compute_run(county["county"], date(2026, 3, 1), user=system_user())
    mine = sorted(
        (line.month.month, line.line_type, line.amount_fen)
        for line in march.lines.filter(entitlement=home, kind_id="state_support")
    )
    assert mine == [(2, LineType.BACKPAY, 100_000), (3, LineType.REGULAR, 300_000)]


def test_a_back_dated_enrolment_pays_its_months_and_an_end_recovers_the_months_after(
    client, county, war5, standard, entitled, users
):
    """孤老增发 from the enrolment's page: enrolled from January in March, paid January to March in March's run;
    ended in February later, March recovered."""
    from conftest import verify_second_factor

    from shuangyong.benefits.models import Enrolment
    from shuangyong.registry.choices import EventKind

    standard("alone_elderly", 2400, basis="year")  # 200 元/月
    ent = entitled("11")
    pay(county, date(2026, 1, 1), users)
    pay(county, date(2026, 2, 1), users)
    admin = users["county_admin"]
    client.force_login(admin)
    verify_second_factor(client, admin)
    done = client.post(
        f"/benefits/entitlements/{ent.pk}/enrolments/",
        {"kind": "alone_elderly", "valid_from": "2026-01-01", "note": "孤老"},
    )
    assert done.status_code == 302
    march = pay(county, date(2026, 3, 1), users)
    assert [row for row in lines_of(march) if row[1] == "alone_elderly"] == [
        ("2026-01", "alone_elderly", LineType.ARREARS, 20_000),
        ("2026-02", "alone_elderly", LineType.ARREARS, 20_000),
        ("2026-03", "alone_elderly", LineType.REGULAR, 20_000),
    ]
    again = client.post(
        f"/benefits/entitlements/{ent.pk}/enrolments/", {"kind": "alone_elderly", "valid_from": "2026-03-01"}
    )
    assert "已登记孤老增发" in again.content.decode()
    row = Enrolment.objects.get()
    client.post(f"/benefits/enrolments/{row.pk}/end/", {"valid_to": "2026-02-20", "reason": "入住敬老院"})
    april = compute_run(county["county"], date(2026, 4, 1), user=system_user())
    assert [r for r in lines_of(april) if r[1] == "alone_elderly"] == [
        ("2026-03", "alone_elderly", LineType.RECOVERY, -20_000)
    ]
    kinds = list(ent.person.events.order_by("id").values_list("kind", flat=True))
    assert kinds[-2:] == [EventKind.ENROL, EventKind.END_ENROL]
