"""The 待遇发放 pages: who may open them, what they show, and the actions through them (nothing changes when
a user is refused)."""

from datetime import date

import pytest
from conftest import PASSWORD, verify_second_factor
from django.urls import reverse

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Role
from shuangyong.accounts.system import system_user
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
    return check_run(compute_run(county["county"], date(2026, 3, 1), user=users["county_admin"]), user=system_user())


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
    assert response.status_code == (403 if action == "run_approve" else 404)  # approving is no town role's page
    assert state(run) == before
    assert not Job.objects.exists()


def test_town_user_cannot_approve_their_own_towns_run(client, county, users, people):
    own = check_run(compute_run(county["town_a"], date(2026, 3, 1), user=users["town_staff"]), user=system_user())
    waive_open_findings(own, reason="已核实", user=users["town_staff"])
    before = state(own)
    response = login(client, "town_staff").post(reverse("benefits:run_approve", args=[own.pk]))
    assert response.status_code == 403
    assert "您的角色不能使用此页面" in response.content.decode()
    assert state(own) == before


@pytest.mark.parametrize("action", ["run_approve", "run_check", "run_discard", "run_waive"])
def test_leader_cannot_change_the_run(client, users, run, action):
    before = state(run)
    response = login(client, "leader").post(reverse(f"benefits:{action}", args=[run.pk]), {"reason": "理由"})
    assert response.status_code == 403
    assert state(run) == before


def test_check_and_discard_through_the_page(client, users, run, django_capture_on_commit_callbacks):
    login(client, "county_admin")
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(reverse("benefits:run_check", args=[run.pk]))
    checked = client.get(started.url)
    assert messages_of(checked) == ["已开始检查：完成后本页显示各项检查的结果和批次链接。"]
    assert run.findings.get().state == FindingState.OPEN
    page = checked.content.decode()  # the job page: each check with its count, and the run's link
    assert "银行账号：1 个问题" in page and "检查完成：1 个问题待处理" in page and "查看发放批次" in page
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


# a town's staff resolve their own town's findings (test_checks.py); another town's are not found
@pytest.mark.parametrize(("role", "status"), [("leader", 403), ("town_b_staff", 404), ("auditadmin", 403)])
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
    assert job.result == {
        "run": run.pk,
        "persons": 3,
        "lines": 3,
        "total_fen": 3 * WAR5_MONTH,
        "links": [{"label": "查看发放批次", "url": reverse("benefits:run", args=[run.pk])}],
    }
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
    assert rows[0] == ("张三", masked, "4,518.33", "因战五级 标准 54,220.00 元/年 ÷ 12")
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
    assert "因战五级 标准 54,220.00 元/年 ÷ 12" in html
    assert f'href="{reverse("benefits:run", args=[run.pk])}"' in html
    town = login(client, "village_staff").get(reverse("registry:detail", args=[person.pk])).content.decode()
    assert "因战五级 标准 54,220.00 元/年 ÷ 12" in town  # the line is theirs; the county's run is not a link
    assert f'href="{reverse("benefits:run", args=[run.pk])}"' not in town


# -- standards and wage bases ------------------------------------------------------------------------------------

RISE = {
    "kind": "disability",
    "category": "11",
    "disability_nature": "war",
    "disability_grade": "5",
    "hukou": "",
    "enlistment_period": "",
    "region": "",
    "basis": "year",
    "amount": "57,473",
    "share_bp": "",
    "valid_from": "2026-08-01",
    "valid_to": "",
    "note": "2026 年标准",
}


def standards_state():
    from shuangyong.benefits.models import Standard, StandardChange

    rows = sorted(Standard.objects.values_list("kind_id", "disability_grade", "amount_fen", "valid_from"))
    return rows, StandardChange.objects.count(), AuditEntry.objects.count()


def test_county_admin_enters_a_standard_in_yuan_kept_in_fen(client, users, reference):
    from shuangyong.benefits.models import Standard

    response = login(client, "county_admin").post(reverse("benefits:standard_create"), RISE)
    assert response.status_code == 302 and response.url == reverse("benefits:standards")
    saved = Standard.objects.get()
    assert (saved.amount_fen, saved.category_id, saved.disability_grade, saved.region_id) == (5_747_300, "11", 5, None)
    entry = AuditEntry.objects.get(model="benefits.standard", action="create")
    assert (entry.actor_id, entry.after["amount_fen"]) == (users["county_admin"].pk, 5_747_300)
    listing = client.get(reverse("benefits:standards") + "?on=2026-09-01&kind=disability").content.decode()
    assert "57,473.00 元/年" in listing
    before = client.get(reverse("benefits:standards") + "?on=2026-07-31")
    assert list(before.context["page"]) == []


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"disability_grade": "11"}, "disability_grade", "伤残等级应为一级至十级"),
        (
            {"disability_nature": "illness", "disability_grade": "8"},
            "disability_grade",
            "因病致残只有一级至六级享受抚恤（条例第二十五条）",
        ),
        ({"amount": "54220.125"}, "amount", "标准金额（元）最多两位小数（到分）"),
        ({"amount": ""}, "amount", "请填写标准金额"),
        ({"basis": "once"}, "basis", "残疾抚恤金是定期待遇，不能按一次性计发"),
        ({"valid_to": "2026-01-01"}, "valid_to", "失效日期不能早于生效日期"),
    ],
)
def test_standard_problems_are_shown_on_their_fields_and_nothing_is_saved(
    client, users, reference, change, field, message
):
    before = standards_state()
    response = login(client, "county_admin").post(reverse("benefits:standard_create"), {**RISE, **change})
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert standards_state() == before


def test_a_duplicate_standard_is_refused_with_a_message(client, users, standard):
    standard("disability", 57473, category="11", nature="war", grade=5, since=date(2026, 8, 1))
    before = standards_state()
    response = login(client, "county_admin").post(reverse("benefits:standard_create"), RISE)
    assert response.context["form"].non_field_errors() == ["同一项目、同一适用条件、同一生效日期的标准已存在"]
    assert standards_state() == before


def test_edit_and_delete_a_standard(client, users, standard):
    from shuangyong.benefits.models import Standard, StandardChange

    row = standard("disability", 54220, category="11", nature="war", grade=5)
    login(client, "county_admin")
    page = client.get(reverse("benefits:standard_edit", args=[row.pk]))
    assert 'name="amount" value="54220.00"' in page.content.decode()
    edited = client.post(reverse("benefits:standard_edit", args=[row.pk]), {**RISE, "valid_from": "2021-08-01"})
    assert edited.status_code == 302
    row.refresh_from_db()
    assert row.amount_fen == 5_747_300
    assert StandardChange.objects.get().from_month == date(2021, 8, 1)  # months already paid get the difference
    client.post(reverse("benefits:standard_delete", args=[row.pk]))
    assert not Standard.objects.exists()


@pytest.mark.parametrize("role", ["town_staff", "leader", "sysadmin"])
def test_only_the_county_admin_changes_standards(client, users, standard, role):
    row = standard("disability", 54220, category="11", nature="war", grade=5)
    before = standards_state()
    login(client, role)
    assert client.post(reverse("benefits:standard_create"), RISE).status_code == 403
    assert client.post(reverse("benefits:standard_edit", args=[row.pk]), RISE).status_code == 403
    assert client.post(reverse("benefits:standard_delete", args=[row.pk])).status_code == 403
    assert client.post(reverse("benefits:wage_create"), {}).status_code == 403
    assert standards_state() == before


def test_wage_base_in_yuan(client, county, users):
    from shuangyong.benefits.models import WageBase

    data = {
        "region": county["county"].pk,
        "year": "2025",
        "monthly": "8,123.45",
        "valid_from": "2026-07-01",
        "note": "",
    }
    response = login(client, "county_admin").post(reverse("benefits:wage_create"), data)
    assert response.status_code == 302
    wage = WageBase.objects.get()
    assert (wage.region_id, wage.year, wage.monthly_fen) == ("350123000000", 2025, 812_345)
    assert "8,123.45" in client.get(reverse("benefits:wages")).content.decode()
    again = client.post(reverse("benefits:wage_create"), data)
    assert again.status_code == 200 and again.context["form"].errors  # the same region and date twice
    assert WageBase.objects.count() == 1


STANDARDS_CSV = (
    "待遇项目,优抚类别,伤残性质,伤残等级,户籍性质,区划代码,入伍时期,计发方式,年标准(元),月标准(元),工资比例(%),生效日期,失效日期,说明\n"
    "残疾抚恤金,,因战,五级,,,,元/年,57473,,,2026-08-01,,2026年\n"
    "残疾抚恤金,,因战,六级,,,,元/年,45000,,,2026-08-01,,2026年\n"
)


def upload(name: str, text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def test_standards_import_previews_then_writes(client, users, reference):
    from shuangyong.benefits.models import Standard

    login(client, "county_admin")
    url = reverse("benefits:standard_import")
    preview = client.post(url, {"file": upload("标准.csv", STANDARDS_CSV), "dry_run": "on"})
    assert {k: preview.context["result"][k] for k in ("created", "updated", "unchanged", "errors", "dry_run")} == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
        "dry_run": True,
    }
    assert "预览（未写入）" in preview.content.decode()
    assert not Standard.objects.exists()
    written = client.post(url, {"file": upload("标准.csv", STANDARDS_CSV)})
    assert (written.context["result"]["created"], written.context["result"]["dry_run"]) == (2, False)
    assert sorted(Standard.objects.values_list("disability_grade", "amount_fen")) == [(5, 5_747_300), (6, 4_500_000)]
    again = client.post(url, {"file": upload("标准.csv", STANDARDS_CSV)})
    assert (again.context["result"]["created"], again.context["result"]["unchanged"]) == (0, 2)


def test_standards_import_shows_row_errors_and_writes_nothing(client, users, reference):
    from shuangyong.benefits.models import Standard

    bad = STANDARDS_CSV.replace("45000", "四万五")
    response = login(client, "county_admin").post(
        reverse("benefits:standard_import"), {"file": upload("标准.csv", bad)}
    )
    errors = response.context["result"]["errors"]
    assert errors[0] == {"row": 3, "column": "年标准(元)", "message": "金额“四万五”不是数字"}
    assert {e["row"] for e in errors} == {3}
    assert "未写入" in response.content.decode()
    assert not Standard.objects.exists()


# -- bank files ----------------------------------------------------------------------------------------------------


@pytest.fixture
def approved(run, users, second_admin):
    from shuangyong.benefits.services.approval import approve_run

    waive_open_findings(run, reason="账号已补录", user=users["county_admin"])
    return approve_run(run, user=second_admin)


def test_bank_file_export_and_return_through_the_page(client, users, approved, people):
    import io

    import openpyxl

    from shuangyong.benefits.models import BankFileLayout, Payee

    login(client, "county_admin")
    assert 'id="run-bank-file"' in client.get(reverse("benefits:run", args=[approved.pk])).content.decode()
    layout = BankFileLayout.objects.get(is_default=True)
    response = client.post(reverse("benefits:run_bank_file", args=[approved.pk]), {"layout": layout.pk})
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    approved.refresh_from_db()
    assert approved.status == RunStatus.EXPORTED

    payees = {p.name: p for p in Payee.objects.filter(run=approved)}
    book = openpyxl.Workbook()
    book.active.append(["业务编号", "账号", "户名", "金额", "处理结果", "失败原因"])
    book.active.append([payees["张三"].pk, "6217000011110000001", "张三", 4518.33, "成功", ""])
    book.active.append([payees["李四"].pk, "6217000011110000002", "李四", 4518.33, "失败", "账户已销户"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.name = "回盘.xlsx"
    buffer.seek(0)
    result = client.post(reverse("benefits:run_bank_return", args=[approved.pk]), {"file": buffer})
    assert result.status_code == 200
    answer = result.context["result"]
    assert (answer.paid, answer.failed, answer.pending) == (1, 1, 1)  # 王五 (no account) was not in the bank file
    html = result.content.decode()
    assert '本次记为已到账 <strong class="ok">1</strong> 人' in html
    assert sorted(Payee.objects.filter(run=approved).values_list("name", "bank_status")) == [
        ("张三", "paid"),
        ("李四", "failed"),
        ("王五", "pending"),
    ]


def test_bank_file_of_a_run_not_approved_is_refused_with_a_message(client, users, run):
    from shuangyong.benefits.models import BankFileLayout

    before = state(run)
    layout = BankFileLayout.objects.get(is_default=True)
    response = login(client, "county_admin").post(
        reverse("benefits:run_bank_file", args=[run.pk]), {"layout": layout.pk}, follow=True
    )
    assert messages_of(response) == [
        "发放批次当前为“已检查”，只有已批准、已导出银行文件的批次可以导出银行代发文件（请先审批）"
    ]
    assert state(run) == before


def test_leader_cannot_export_the_bank_file(client, users, approved):
    from shuangyong.benefits.models import BankFileLayout

    before = state(approved)
    layout = BankFileLayout.objects.get(is_default=True)
    login(client, "leader")
    assert "run-bank-file" not in client.get(reverse("benefits:run", args=[approved.pk])).content.decode()
    response = client.post(reverse("benefits:run_bank_file", args=[approved.pk]), {"layout": layout.pk})
    assert response.status_code == 403
    assert state(approved) == before


# -- admin --------------------------------------------------------------------------------------------------------


def test_admin_lists_every_benefits_model_and_saves_standards_through_the_service(client, county, run):
    from shuangyong.benefits.models import Standard, StandardChange

    # the admin calls the service, which asks for the capability: a superuser still needs the role
    admin_user = User.objects.create_superuser(
        username="root", password=PASSWORD, role=Role.COUNTY_ADMIN, region=county["county"], full_name="超级用户"
    )
    client.force_login(admin_user)
    verify_second_factor(client, admin_user)  # the admin admits only a session that passed the second factor
    for model in ("benefitkind", "standard", "wagebase", "enrolment", "deathgrantrule", "bankfilelayout"):
        assert client.get(f"/admin/benefits/{model}/").status_code == 200, model
    for model in ("standardchange", "paymentrun", "payee", "paymentline", "finding"):
        assert client.get(f"/admin/benefits/{model}/").status_code == 200, model
        assert client.get(f"/admin/benefits/{model}/add/").status_code == 403, model
    data = {**RISE, "amount_fen": "5747300", "share_bp": "", "valid_from": "2026-01-01", "source": "本地录入"}
    bad = client.post("/admin/benefits/standard/add/", {**data, "disability_grade": "11"})
    assert bad.status_code == 200 and "伤残等级应为一级至十级" in bad.content.decode()
    saved = client.post("/admin/benefits/standard/add/", data)
    assert saved.status_code == 302
    assert Standard.objects.filter(amount_fen=5_747_300).exists()
    assert StandardChange.objects.get().from_month == date(2026, 1, 1)  # a past date: the next run pays 补发
