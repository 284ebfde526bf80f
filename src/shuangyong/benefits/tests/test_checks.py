"""不错不漏: each check finds its classic error; approval waits for every finding and for a second user."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from shuangyong.accounts.system import system_user
from shuangyong.audit.models import AuditEntry
from shuangyong.benefits.choices import FindingCode, FindingState, RunStatus
from shuangyong.benefits.models import Finding, PaymentRun
from shuangyong.benefits.services.approval import (
    approve_run,
    check_run,
    exclude_person,
    waive_finding,
    waive_open_findings,
)
from shuangyong.benefits.services.engine import BenefitsError, compute_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def war5(standard):
    return standard("disability", 54220, category="11", nature="war", grade=5)


def findings(run):
    return sorted((f.code, f.message) for f in Finding.objects.filter(run=run))


def test_a_clean_run_has_no_findings(county, war5, entitled):
    entitled("11", name="甲")
    run = check_run(compute_run(county["county"], date(2026, 11, 1), user=system_user()), user=system_user())
    assert (run.status, findings(run)) == (RunStatus.CHECKED, [])


def test_bank_accounts_missing_or_malformed(county, war5, entitled):
    entitled("11", name="甲", account="")
    entitled("11", name="乙", account="6217-0000")
    run = check_run(compute_run(county["county"], date(2026, 11, 1), user=system_user()), user=system_user())
    assert findings(run) == [
        (FindingCode.BANK_ACCOUNT, "乙：银行账号格式错误（应为 12–25 位数字）"),
        (FindingCode.BANK_ACCOUNT, "甲：没有银行账号，无法社会化发放"),
    ]


def test_one_account_for_two_persons_and_a_likely_duplicate_person(county, war5, entitled):
    entitled("11", name="甲", account="6217000011112222333")
    entitled("11", name="乙", account="6217000011112222333", birth="19600101")
    entitled("11", name="丙", birth="19410101", account="6217000011112222444")
    entitled("11", name="丙", birth="19410101", account="6217000011112222555")
    run = check_run(compute_run(county["county"], date(2026, 11, 1), user=system_user()), user=system_user())
    assert findings(run) == [
        (FindingCode.DUPLICATE, "丙：同名且同出生日期（1941-01-01）的对象有 2 人，请核实是否重复建档"),
        (FindingCode.DUPLICATE, "丙：同名且同出生日期（1941-01-01）的对象有 2 人，请核实是否重复建档"),
        (FindingCode.DUPLICATE, "乙：银行账号与 乙、甲 相同（同一账号多人领取）"),
        (FindingCode.DUPLICATE, "甲：银行账号与 乙、甲 相同（同一账号多人领取）"),
    ]


@pytest.mark.django_db(transaction=True)
def test_a_check_outside_any_transaction_finds_the_same_on_a_second_connection(county, war5, entitled, caplog):
    """A job or the API checks with nothing of theirs uncommitted: SQLite then looks for duplicates on a second
    connection beside the other checks (run_checks). It finds what the checks in turn find."""
    import logging

    from django.db import connection

    entitled("11", name="甲", account="6217000011112222333")
    entitled("11", name="乙", account="6217000011112222333", birth="19600101")
    entitled("11", name="丙", account="")
    run = compute_run(county["county"], date(2026, 11, 1), user=system_user())
    with caplog.at_level(logging.DEBUG, logger="shuangyong.benefits.services.checks"):
        run = check_run(run, user=system_user())
    assert ("(two connections)" in caplog.text) == (connection.vendor == "sqlite")
    assert findings(run) == [
        (FindingCode.BANK_ACCOUNT, "丙：没有银行账号，无法社会化发放"),
        (FindingCode.DUPLICATE, "乙：银行账号与 乙、甲 相同（同一账号多人领取）"),
        (FindingCode.DUPLICATE, "甲：银行账号与 乙、甲 相同（同一账号多人领取）"),
    ]


def test_a_run_computed_again_while_it_is_checked_gets_no_findings(county, war5, entitled, monkeypatch):
    """The checks read before the run is locked: a run computed again meanwhile keeps no findings of the lines
    it no longer has, and stays as it was."""
    from shuangyong.benefits.services import approval

    entitled("11", name="甲", account="")
    run = compute_run(county["county"], date(2026, 11, 1), user=system_user())
    checks = approval.run_checks

    def recomputed_meanwhile(run, progress=None):
        found = checks(run, progress)
        compute_run(county["county"], date(2026, 11, 1), user=system_user())
        return found

    monkeypatch.setattr(approval, "run_checks", recomputed_meanwhile)
    with pytest.raises(BenefitsError, match="检查期间该发放批次已重新计算"):
        check_run(run, user=system_user())
    assert (PaymentRun.objects.get(pk=run.pk).status, findings(run)) == (RunStatus.DRAFT, [])


def test_death_recorded_after_computing_is_caught(county, war5, entitled, users):
    from shuangyong.registry.services.lifecycle import record_death

    ent = entitled("11", name="甲")
    run = compute_run(county["county"], date(2026, 11, 1), user=system_user())
    record_death(ent.person, on=date(2026, 10, 2), user=users["county_admin"])
    run = check_run(run, user=system_user())
    assert findings(run) == [(FindingCode.DECEASED_OR_MOVED, "甲：已于 2026-10-02 去世，本批仍发放 2026-11")]


def test_a_death_date_without_a_stopped_entitlement_is_caught(county, war5, entitled):
    """A death date written in the registry by any other way than 登记去世 (the entitlement still active)."""
    from shuangyong.registry.models import Person

    ent = entitled("11", name="甲")
    entitled("11", name="乙")
    run = compute_run(county["county"], date(2026, 11, 1), user=system_user())
    Person.objects.filter(pk=ent.person_id).update(death_date=date(2026, 10, 2))
    run = check_run(run, user=system_user())
    assert findings(run) == [(FindingCode.DECEASED_OR_MOVED, "甲：已于 2026-10-02 去世，本批仍发放 2026-11")]


def test_amount_differing_from_the_standard_after_a_change(county, war5, entitled):
    entitled("11", name="甲")
    run = compute_run(county["county"], date(2026, 11, 1), user=system_user())
    war5.amount_fen = 5_747_300
    war5.save()
    run = check_run(run, user=system_user())
    assert findings(run) == [
        (
            FindingCode.AMOUNT,
            "甲：2026-11 残疾抚恤金 发放 4,518.33 元，按现行标准应为 4,789.42 元（标准已变更，请重新计算）",
        )
    ]


def test_entitled_but_absent_when_no_standard_applies(county, war5, entitled):
    entitled("11", name="甲")
    entitled("42", name="乙")  # no standard for 带病回乡退伍军人 entered
    run = check_run(compute_run(county["county"], date(2026, 11, 1), user=system_user()), user=system_user())
    assert findings(run) == [
        (FindingCode.ABSENT, "乙：带病回乡退伍军人享受待遇，但本期没有发放（可能缺少适用的标准或资料不全）")
    ]


def test_martyrs_child_under_sixty_and_unconfirmed(county, standard, entitled):
    standard("living", 490, category="71", basis="month")
    entitled("71", name="甲", birth="19700101", relation="子", soldier_name="李烈士")
    entitled("71", name="乙", birth="19500101", relation="女", soldier_name="王烈士", confirmed_year=2025)
    run = check_run(compute_run(county["county"], date(2026, 11, 1), user=system_user()), user=system_user())
    assert findings(run) == [
        (FindingCode.AGE_CATEGORY, "甲：烈士子女须年满 60 周岁，现年 56 岁"),
        (FindingCode.UNCONFIRMED, "乙：未完成 2026 年度确认（最近确认 2025 年）"),
    ]


def test_approval_needs_a_second_user_and_closed_findings(county, war5, entitled, users):
    entitled("11", name="甲", account="")
    maker, checker, second = users["county_admin"], users["leader"], _second_admin(county)
    run = check_run(compute_run(county["county"], date(2026, 11, 1), user=maker), user=maker)
    before = AuditEntry.objects.count()
    with pytest.raises(BenefitsError, match="还有 1 个检查问题未处理"):
        approve_run(run, user=second)
    with pytest.raises(BenefitsError, match="审批人不能是计算该批次的经办人"):
        approve_run(run, user=maker)
    with pytest.raises(PermissionDenied):
        approve_run(run, user=checker)  # a leader reads, does not approve
    run.refresh_from_db()
    assert (run.status, run.approved_by, AuditEntry.objects.count()) == (RunStatus.CHECKED, None, before)
    with pytest.raises(BenefitsError, match="豁免须写明理由"):
        waive_finding(run.findings.get(), reason=" ", user=maker)
    waive_finding(run.findings.get(), reason="本人领取现金，镇民政所代发", user=maker)
    approved = approve_run(run, user=second)
    assert (approved.status, approved.approved_by.username) == (RunStatus.APPROVED, "syb2")
    waived = AuditEntry.objects.get(model="benefits.finding", action="update")
    assert (waived.actor_id, waived.after["state"], waived.after["resolution"]) == (
        maker.pk,
        "waived",
        "本人领取现金，镇民政所代发",
    )


def test_exclude_takes_the_person_out_and_their_month_comes_back_as_arrears(county, war5, entitled, users):
    entitled("11", name="甲")
    entitled("11", name="乙", account="")
    admin = users["county_admin"]
    run = check_run(compute_run(county["county"], date(2026, 10, 1), user=system_user()), user=system_user())
    exclude_person(run.findings.get(), reason="账号待补", user=admin)
    run.refresh_from_db()
    assert (run.person_count, run.findings.get().state) == (1, FindingState.EXCLUDED)
    approve_run(run, user=admin)
    november = compute_run(county["county"], date(2026, 11, 1), user=system_user())
    assert sorted((line.person.name, f"{line.month:%m}", line.line_type) for line in november.lines.all()) == [
        ("乙", "10", "arrears"),
        ("乙", "11", "regular"),
        ("甲", "11", "regular"),
    ]


def test_town_staff_cannot_check_or_waive_another_towns_run(county, war5, entitled, users):
    entitled("11", name="甲", region=county["village_b1"], account="")
    run = check_run(compute_run(county["town_b"], date(2026, 11, 1), user=system_user()), user=system_user())
    finding = run.findings.get()
    with pytest.raises(PermissionDenied):
        waive_finding(finding, reason="理由充分", user=users["town_staff"])
    finding.refresh_from_db()
    assert finding.state == FindingState.OPEN


def test_automation_waives_and_approves_as_the_system_user(county, war5, entitled):
    from shuangyong.benefits.services.approval import approve_unattended

    entitled("11", name="甲", account="")
    run, waived = approve_unattended(
        compute_run(county["county"], date(2026, 11, 1), user=system_user()), reason="自动化"
    )
    finding = run.findings.get()
    assert (waived, run.status, run.approved_by.username, PaymentRun.objects.get().status) == (
        1,
        RunStatus.APPROVED,
        "system",
        RunStatus.APPROVED,
    )
    assert (finding.state, finding.resolution, finding.resolved_by.username) == (
        FindingState.WAIVED,
        "自动化",
        "system",
    )


def test_automation_never_approves_paying_the_dead(county, war5, entitled, users):
    from shuangyong.benefits.services.approval import approve_unattended
    from shuangyong.registry.services.lifecycle import record_death

    ent = entitled("11", name="甲")
    run = compute_run(county["county"], date(2026, 3, 1), user=system_user())
    record_death(ent.person, on=date(2026, 1, 10), cause="病故", user=users["county_admin"])
    with pytest.raises(BenefitsError, match="还有 1 个检查问题未处理"):
        approve_unattended(run, reason="自动化")
    run.refresh_from_db()
    assert (run.status, run.findings.count()) == (RunStatus.DRAFT, 0)  # the refusal rolled everything back


def _second_admin(county):
    from shuangyong.accounts.models import User
    from shuangyong.accounts.roles import Role

    return User.objects.get_or_create(
        username="syb2", defaults={"role": Role.COUNTY_ADMIN, "region": county["county"], "full_name": "审批人"}
    )[0]


def test_paying_the_dead_is_never_waived_only_corrected_or_excluded(county, standard, entitled, users):
    from shuangyong.benefits.choices import FindingCode, FindingState
    from shuangyong.benefits.services.approval import (
        BenefitsError,
        check_run,
        exclude_person,
        waive_finding,
    )
    from shuangyong.benefits.services.engine import compute_run
    from shuangyong.registry.services.lifecycle import record_death

    standard("disability", 54220, category="11", nature="war", grade=5)
    ent = entitled("11")
    run = compute_run(county["county"], date(2026, 3, 1), user=system_user())
    record_death(ent.person, on=date(2026, 1, 10), cause="病故", user=users["county_admin"])
    run = check_run(run, user=system_user())
    finding = run.findings.get(code=FindingCode.DECEASED_OR_MOVED)
    with pytest.raises(BenefitsError, match="不能豁免"):
        waive_finding(finding, reason="已核实", user=users["county_admin"])
    with pytest.raises(BenefitsError, match="不能豁免"):
        waive_open_findings(run, reason="已核实", code=FindingCode.DECEASED_OR_MOVED, user=users["county_admin"])
    waive_open_findings(run, reason="已核实", user=users["county_admin"])  # the others; this one stays open
    finding.refresh_from_db()
    assert finding.state == FindingState.OPEN
    exclude_person(finding, reason="已去世，剔除", user=users["county_admin"])
    finding.refresh_from_db()
    assert finding.state == FindingState.EXCLUDED
    assert not run.lines.filter(person=ent.person).exists()


def test_findings_go_to_the_town_that_must_act(client, county, standard, entitled, users):
    """A county run's findings are placed at the payee's village: the town's staff see and resolve their own, not
    another town's; the list downloads as .xlsx."""
    from conftest import PASSWORD

    from shuangyong.benefits.services.approval import check_run, waive_finding
    from shuangyong.benefits.services.engine import compute_run

    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11", name="凤山甲", account="")
    entitled("11", name="松山乙", account="", region=county["village_b1"])
    run = check_run(compute_run(county["county"], date(2026, 3, 1), user=system_user()), user=system_user())
    a, b = (run.findings.get(person__name=name) for name in ("凤山甲", "松山乙"))
    assert (a.region_id, b.region_id) == ("350123100001", "350123101201")

    client.login(username="town_staff", password=PASSWORD)
    page = client.get("/benefits/findings/").content.decode()
    assert "凤山甲" in page and "松山乙" not in page and "凤山镇（1）" in page
    with pytest.raises(PermissionDenied):
        waive_finding(b, reason="已核实", user=users["town_staff"])
    response = client.post(f"/benefits/findings/{a.pk}/waive/", {"reason": "本人已补报账号"})
    assert response.status_code == 302 and response.url == "/benefits/findings/"
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.state, b.state) == (FindingState.WAIVED, FindingState.OPEN)

    sheet = client.get("/benefits/findings/?state=waived&format=xlsx")
    assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")
    import io

    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[1][:4] == ("凤山镇", "北门居委会", "凤山甲", "银行账号缺失或格式错误")
    assert len(rows) == 2


def test_the_county_sends_a_towns_findings_to_its_to_do_list_with_a_date(client, county, standard, entitled, users):
    from datetime import timedelta

    from conftest import PASSWORD
    from django.utils import timezone

    from shuangyong.audit.models import AuditEntry
    from shuangyong.benefits.services.approval import check_run
    from shuangyong.benefits.services.engine import compute_run
    from shuangyong.todo.registry import todos_for

    standard("disability", 54220, category="11", nature="war", grade=5)
    entitled("11", name="凤山甲", account="")
    entitled("11", name="松山乙", account="", region=county["village_b1"])
    run = check_run(compute_run(county["county"], date(2026, 3, 1), user=system_user()), user=system_user())
    due = timezone.localdate() + timedelta(days=10)

    def sent(user):
        return {t.kind: (t.count, t.due) for t in todos_for(users[user])}.get("benefits.findings_sent", (0, None))

    assert sent("town_staff") == (0, None)
    client.login(username="town_staff", password=PASSWORD)
    before = list(run.findings.values_list("pk", "sent_on", "due"))
    refused = client.post("/benefits/findings/send/", {"due": due.isoformat(), "town": "350123100000"}, follow=True)
    assert "只有县级（及以上）双拥办可以下发检查问题" in refused.content.decode()
    assert list(run.findings.values_list("pk", "sent_on", "due")) == before  # a town does not send

    client.login(username="county_admin", password=PASSWORD)
    from conftest import verify_second_factor

    verify_second_factor(client, users["county_admin"])
    page = client.get("/benefits/findings/").content.decode()
    assert "下发凤山镇核实" in page and "下发松山镇核实" in page
    late = {"due": (timezone.localdate() - timedelta(days=1)).isoformat(), "town": "350123100000"}
    client.post("/benefits/findings/send/", late)
    assert list(run.findings.values_list("pk", "sent_on", "due")) == before  # a date gone by is refused
    client.post("/benefits/findings/send/", {"due": due.isoformat(), "town": "350123100000"})
    a, b = (run.findings.get(person__name=name) for name in ("凤山甲", "松山乙"))
    assert (a.sent_on, a.due, b.sent_on) == (timezone.localdate(), due, None)
    assert sent("town_staff") == (1, due) and sent("town_b_staff") == (0, None)
    entries = AuditEntry.objects.count()
    client.post("/benefits/findings/send/", {"due": due.isoformat(), "town": "350123100000"})
    assert AuditEntry.objects.count() == entries  # sent twice: nothing changes
    client.login(username="town_staff", password=PASSWORD)
    assert f"{due.month}月{due.day}日前核实" in client.get("/benefits/findings/").content.decode()


def test_back_pay_for_the_months_before_a_suspension_is_no_finding(county, standard, entitled, users):
    """条例 §58: the months before a suspension stay owed; only months inside it are flagged."""
    from shuangyong.benefits.models import Standard
    from shuangyong.benefits.services.approval import approve_run, check_run
    from shuangyong.benefits.services.standards import save_standard
    from shuangyong.registry.services.lifecycle import suspend_entitlement

    standard("disability", 54220, category="11", nature="war", grade=5)
    ent = entitled("11")
    for month in (1, 2):
        run = check_run(compute_run(county["county"], date(2026, month, 1), user=system_user()), user=system_user())
        waive_open_findings(run, reason="已核实", user=users["county_admin"])
        approve_run(run, user=users["county_admin"])
    suspend_entitlement(ent, on=date(2026, 3, 5), reason="服刑", user=users["county_admin"])
    rise = Standard(
        kind_id="disability",
        category_id="11",
        disability_nature="war",
        disability_grade=5,
        amount_fen=5_747_300,
        valid_from=date(2026, 1, 1),
    )
    save_standard(rise, user=users["county_admin"])
    april = check_run(compute_run(county["county"], date(2026, 4, 1), user=system_user()), user=system_user())
    assert sorted(april.lines.values_list("month__month", "line_type")) == [(1, "backpay"), (2, "backpay")]
    assert not april.findings.filter(code=FindingCode.DECEASED_OR_MOVED).exists()
