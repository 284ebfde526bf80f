"""The 待遇发放 pages: who may open them, what they show, and the actions through them (nothing changes when
a user is refused)."""

from datetime import date

import pytest
from conftest import PASSWORD
from django.urls import reverse

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Role
from shuangyong.audit.models import AuditEntry
from shuangyong.benefits.choices import FindingState, RunStatus
from shuangyong.benefits.models import Finding, PaymentLine, PaymentRun
from shuangyong.benefits.services.approval import check_run, waive_open_findings
from shuangyong.benefits.services.engine import compute_run
from shuangyong.jobs.models import Job

pytestmark = pytest.mark.django_db

ROLES = ["county_admin", "town_staff", "village_staff", "unit_staff", "leader", "sysadmin", "secadmin", "auditadmin"]
RECORDS = {"county_admin", "town_staff", "village_staff", "unit_staff", "leader"}
WAR5_MONTH = 451_833  # 54,220 元/年 ÷ 12


@pytest.fixture
def people(county, standard, entitled):
    standard("disability", 54220, category="11", nature="war", grade=5)
    return {
        "a": entitled("11", name="张三", region=county["village_a1"], account="6217000011110000001"),
        "b": entitled("11", name="李四", region=county["village_b1"], account="6217000011110000002"),
        "no_account": entitled("11", name="王五", region=county["village_a2"], account=""),
    }


@pytest.fixture
def run(county, users, people):
    """The county's March run, computed and checked by the county administrator: one open finding (王五 has
    no bank account)."""
    return check_run(compute_run(county["county"], date(2026, 3, 1), user=users["county_admin"]))


@pytest.fixture
def second_admin(county):
    return User.objects.create_user(
        username="county_admin2", password=PASSWORD, role=Role.COUNTY_ADMIN, region=county["county"], full_name="审批人"
    )


def login(client, username):
    assert client.login(username=username, password=PASSWORD)
    return client


def state(run) -> tuple:
    run = PaymentRun.objects.get(pk=run.pk)
    findings = sorted(Finding.objects.filter(run=run).values_list("state", flat=True))
    return run.status, run.approved_by_id, run.line_count, run.total_fen, findings, AuditEntry.objects.count()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# -- who may open which page ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_page_matrix(client, users, run, role):
    login(client, role)
    pages = {
        "runs": reverse("benefits:runs"),
        "run": reverse("benefits:run", args=[run.pk]),
        "lines": reverse("benefits:run_lines", args=[run.pk]),
        "standards": reverse("benefits:standards"),
        "wages": reverse("benefits:wages"),
        "standard_create": reverse("benefits:standard_create"),
        "standard_import": reverse("benefits:standard_import"),
        "wage_create": reverse("benefits:wage_create"),
    }
    got = {name: client.get(url).status_code for name, url in pages.items()}
    records = role in RECORDS
    county_run = role in {"county_admin", "leader"}  # the run is the county's: below it, it is not found
    expected = {
        "runs": 200 if records else 403,
        "run": 200 if county_run else 404 if records else 403,
        "lines": 200 if county_run else 404 if records else 403,
        "standards": 200 if records else 403,
        "wages": 200 if records else 403,
        "standard_create": 200 if role == "county_admin" else 403,
        "standard_import": 200 if role == "county_admin" else 403,
        "wage_create": 200 if role == "county_admin" else 403,
    }
    assert got == expected


def test_navigation_leads_to_the_runs(client, users):
    page = login(client, "village_staff").get("/").content.decode()
    assert f'href="{reverse("benefits:runs")}">待遇发放</a>' in page
    assert "/soon/benefits/" not in page


def test_town_user_lists_only_runs_of_their_town(client, county, users, run):
    own = compute_run(county["town_a"], date(2026, 4, 1), user=users["town_staff"])
    other = compute_run(county["town_b"], date(2026, 4, 1), user=users["town_b_staff"])
    page = login(client, "town_staff").get(reverse("benefits:runs"))
    assert [r.pk for r in page.context["page"]] == [own.pk]
    assert client.get(reverse("benefits:run", args=[other.pk])).status_code == 404
    assert client.get(reverse("benefits:run", args=[run.pk])).status_code == 404
    admin = login(client, "county_admin").get(reverse("benefits:runs") + "?status=draft&year=2026")
    assert sorted(r.pk for r in admin.context["page"]) == sorted([own.pk, other.pk])


# -- the run page ------------------------------------------------------------------------------------------------


def test_run_page_shows_totals_lifecycle_and_findings(client, users, run):
    response = login(client, "county_admin").get(reverse("benefits:run", args=[run.pk]))
    html = response.content.decode()
    assert [(s.label, s.state) for s in response.context["steps"]][:2] == [("草稿", "done"), ("已检查", "current")]
    assert (run.person_count, run.total_fen) == (3, 3 * WAR5_MONTH)
    assert "13,554.99" in html  # 3 × 4,518.33
    by_town = [(t["label"], t["persons"], t["amount_yuan"]) for t in response.context["totals"]["tables"][0][1]]
    assert by_town == [("凤山镇", 2, "9,036.66"), ("松山镇", 1, "4,518.33")]
    groups = response.context["groups"]
    assert [(g["label"], g["open"], g["total"]) for g in groups] == [("银行账号缺失或格式错误", 1, 1)]
    assert "王五" in html and "本项全部豁免" in html
    assert "本批次由您计算：须由另一位有审批权限的人员审批。" in html


def test_leader_reads_the_run_without_actions(client, users, run):
    html = login(client, "leader").get(reverse("benefits:run", args=[run.pk])).content.decode()
    assert "运行检查" not in html and "豁免理由" not in html
    assert "审批须由有审批权限的人员（县双拥办管理员）进行。" in html


def test_approval_by_the_maker_is_refused_with_the_services_message(client, users, run):
    waive_open_findings(run, reason="已核实，另行发放", user=users["county_admin"])
    before = state(run)
    response = login(client, "county_admin").post(reverse("benefits:run_approve", args=[run.pk]), follow=True)
    assert messages_of(response) == ["审批人不能是计算该批次的经办人（须由另一人审批）"]
    assert state(run) == before


def test_approval_with_open_findings_is_refused_then_succeeds_once_they_are_waived(client, users, run, second_admin):
    before = state(run)
    response = login(client, "county_admin2").post(reverse("benefits:run_approve", args=[run.pk]), follow=True)
    assert messages_of(response) == ["还有 1 个检查问题未处理（纠正、剔除或说明理由后豁免），不能审批"]
    assert state(run) == before
    waive = client.post(
        reverse("benefits:run_waive", args=[run.pk]), {"code": "bank_account", "reason": "账号已补录"}, follow=True
    )
    assert messages_of(waive) == ["已豁免 1 个问题"]
    response = client.post(reverse("benefits:run_approve", args=[run.pk]), follow=True)
    assert messages_of(response) == ["已审批：可以导出银行代发文件"]
    run.refresh_from_db()
    assert (run.status, run.approved_by_id) == (RunStatus.APPROVED, second_admin.pk)


@pytest.mark.parametrize("action", ["run_approve", "run_check", "run_discard", "run_waive", "run_recompute"])
def test_town_user_cannot_act_on_the_countys_run(client, users, run, action):
    before = state(run)
    response = login(client, "town_staff").post(reverse(f"benefits:{action}", args=[run.pk]), {"reason": "理由"})
    assert response.status_code == 404
    assert state(run) == before
    assert not Job.objects.exists()


def test_town_user_cannot_approve_their_own_towns_run(client, county, users, people):
    own = check_run(compute_run(county["town_a"], date(2026, 3, 1), user=users["town_staff"]))
    waive_open_findings(own, reason="已核实", user=users["town_staff"])
    before = state(own)
    response = login(client, "town_staff").post(reverse("benefits:run_approve", args=[own.pk]))
    assert response.status_code == 403
    assert "您的角色不能审批待遇发放" in response.content.decode()
    assert state(own) == before


@pytest.mark.parametrize("action", ["run_approve", "run_check", "run_discard", "run_waive"])
def test_leader_cannot_change_the_run(client, users, run, action):
    before = state(run)
    response = login(client, "leader").post(reverse(f"benefits:{action}", args=[run.pk]), {"reason": "理由"})
    assert response.status_code == 403
    assert state(run) == before


def test_check_and_discard_through_the_page(client, users, run):
    login(client, "county_admin")
    checked = client.post(reverse("benefits:run_check", args=[run.pk]), follow=True)
    assert messages_of(checked) == ["检查完成：1 个问题待处理"]
    gone = client.post(reverse("benefits:run_discard", args=[run.pk]), follow=True)
    assert messages_of(gone) == ["已作废：罗源县 2026-03 发放批次"]
    assert not PaymentRun.objects.filter(pk=run.pk).exists()
    assert PaymentLine.objects.count() == 0


# -- findings: waive and exclude (htmx) --------------------------------------------------------------------------


def test_waive_a_finding_through_htmx_returns_its_row(client, users, run):
    finding = run.findings.get()
    url = reverse("benefits:finding_waive", args=[finding.pk])
    login(client, "county_admin")
    refused = client.post(url, {"reason": ""}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 200
    assert "豁免须写明理由" in refused.content.decode()
    finding.refresh_from_db()
    assert finding.state == FindingState.OPEN
    done = client.post(url, {"reason": "本人领取现金，已核实"}, HTTP_HX_REQUEST="true")
    html = done.content.decode()
    assert html.startswith(f'<tr id="finding-{finding.pk}">')
    assert "已说明（豁免）" in html and "本人领取现金，已核实" in html
    finding.refresh_from_db()
    assert (finding.state, finding.resolution, finding.resolved_by_id) == (
        FindingState.WAIVED,
        "本人领取现金，已核实",
        users["county_admin"].pk,
    )
    entry = AuditEntry.objects.filter(model="benefits.finding", object_id=str(finding.pk)).latest("id")
    assert entry.after["state"] == "waived"


def test_exclude_a_person_takes_their_lines_out_of_the_run(client, users, run, people):
    finding = run.findings.get()
    response = login(client, "county_admin").post(
        reverse("benefits:finding_exclude", args=[finding.pk]), HTTP_HX_REQUEST="true"
    )
    assert response["HX-Refresh"] == "true"
    finding.refresh_from_db()
    run.refresh_from_db()
    assert finding.state == FindingState.EXCLUDED
    assert (run.person_count, run.line_count, run.total_fen) == (2, 2, 2 * WAR5_MONTH)
    assert not run.lines.filter(person=people["no_account"].person).exists()


def test_waive_without_htmx_goes_back_to_the_run(client, users, run):
    finding = run.findings.get()
    response = login(client, "county_admin").post(
        reverse("benefits:finding_waive", args=[finding.pk]), {"reason": "已核实"}
    )
    assert response.status_code == 302 and response.url == reverse("benefits:run", args=[run.pk])


@pytest.mark.parametrize(("role", "status"), [("leader", 403), ("town_staff", 404), ("auditadmin", 403)])
def test_others_cannot_waive_or_exclude(client, users, run, role, status):
    finding = run.findings.get()
    before = state(run)
    login(client, role)
    waive = client.post(reverse("benefits:finding_waive", args=[finding.pk]), {"reason": "理由充分"})
    exclude = client.post(reverse("benefits:finding_exclude", args=[finding.pk]), {"reason": "理由充分"})
    assert (waive.status_code, exclude.status_code) == (status, status)
    assert state(run) == before


# -- computing as a job ------------------------------------------------------------------------------------------


def test_compute_runs_as_a_job_that_leads_to_the_run(client, county, users, people, django_capture_on_commit_callbacks):
    login(client, "county_admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("benefits:run_compute"), {"month": "2026-05", "region": county["county"].pk})
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    job.refresh_from_db()
    run = PaymentRun.objects.get()
    assert (job.kind, job.status, job.title) == ("compute_run", "succeeded", "计算发放批次：罗源县 2026-05")
    assert job.result == {"run": run.pk, "persons": 3, "lines": 3, "total_fen": 3 * WAR5_MONTH}
    assert (run.period_start, run.computed_by_id, run.status) == (date(2026, 5, 1), users["county_admin"].pk, "draft")
    assert job.messages[-1] == f"发放批次 {run.pk}（2026-05）：3 人，3 行，合计 13,554.99 元"


def test_compute_form_refuses_a_bad_month_and_another_towns_region(client, county, users, people):
    login(client, "town_staff")
    bad = client.post(reverse("benefits:run_compute"), {"month": "2026-13", "region": county["town_a"].pk}, follow=True)
    assert messages_of(bad) == ["未开始计算。发放月份：月份“2026-13”无效：应为 YYYY-MM，如 2026-11"]
    other = client.post(
        reverse("benefits:run_compute"), {"month": "2026-05", "region": county["town_b"].pk}, follow=True
    )
    assert messages_of(other)[0].startswith("未开始计算。发放范围：")
    assert not Job.objects.exists() and not PaymentRun.objects.exists()


def test_leader_cannot_compute(client, county, users, people):
    response = login(client, "leader").post(
        reverse("benefits:run_compute"), {"month": "2026-05", "region": county["county"].pk}
    )
    assert response.status_code == 403
    assert not Job.objects.exists()
    assert "计算发放批次" not in client.get(reverse("benefits:runs")).content.decode()


# -- lines --------------------------------------------------------------------------------------------------------


def test_lines_are_masked_for_the_leader_and_filtered(client, county, users, run, people):
    person = people["a"].person
    leader = login(client, "leader").get(reverse("benefits:run_lines", args=[run.pk]) + f"?town={county['town_a'].pk}")
    rows = [(line.person.name, line.shown_id, line.amount_yuan, line.reason) for line in leader.context["page"]]
    masked = person.id_number[:4] + "**********" + person.id_number[-4:]
    assert rows[0] == ("张三", masked, "4,518.33", "因战五级 标准 54,220 元/年 ÷ 12")
    assert sorted(r[0] for r in rows) == ["张三", "王五"]
    assert person.id_number not in leader.content.decode()
    admin = login(client, "county_admin").get(reverse("benefits:run_lines", args=[run.pk]) + "?q=张")
    assert [(line.person.name, line.shown_id) for line in admin.context["page"]] == [("张三", person.id_number)]


# -- roster ------------------------------------------------------------------------------------------------------


def test_roster_download_is_an_xlsx_and_recorded(client, county, users, run):
    response = login(client, "county_admin").get(
        reverse("benefits:run_roster", args=[run.pk]) + f"?town={county['town_b'].pk}"
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"
    assert "filename*=utf-8''" in response["Content-Disposition"]
    entry = AuditEntry.objects.filter(action="export").latest("id")
    assert (entry.actor_id, entry.after) == (users["county_admin"].pk, {"count": 1})


def test_roster_of_a_town_outside_the_run_is_refused_with_a_message(client, county, users, people):
    own = compute_run(county["town_a"], date(2026, 3, 1), user=users["town_staff"])
    response = login(client, "town_staff").get(
        reverse("benefits:run_roster", args=[own.pk]) + f"?town={county['town_b'].pk}", follow=True
    )
    assert messages_of(response) == ["“350123101000”不是本发放批次范围内的乡镇"]
    assert not AuditEntry.objects.filter(action="export").exists()


# -- the person page --------------------------------------------------------------------------------------------


def test_person_page_lists_the_payment_history_with_its_why(client, users, run, people):
    person = people["a"].person
    html = login(client, "county_admin").get(reverse("registry:detail", args=[person.pk])).content.decode()
    assert "发放记录" in html
    assert "因战五级 标准 54,220 元/年 ÷ 12" in html
    assert f'href="{reverse("benefits:run", args=[run.pk])}"' in html
    town = login(client, "village_staff").get(reverse("registry:detail", args=[person.pk])).content.decode()
    assert "因战五级 标准 54,220 元/年 ÷ 12" in town  # the line is theirs; the county's run is not a link
    assert f'href="{reverse("benefits:run", args=[run.pk])}"' not in town
