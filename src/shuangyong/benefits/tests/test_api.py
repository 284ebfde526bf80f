"""/api/standards/, /api/payment-runs/, /api/payment-lines/, /api/findings/: shapes with exact values, scope,
masking, and refusals that change nothing."""

import json
from datetime import date

import pytest
from conftest import PASSWORD, refused
from rest_framework.test import APIClient

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Role
from shuangyong.accounts.system import system_user
from shuangyong.api.base import NOT_FOUND
from shuangyong.api.tests.clients import client_for, token_client
from shuangyong.audit.models import AuditEntry
from shuangyong.benefits.models import Finding, PaymentLine, PaymentRun, Standard, StandardChange
from shuangyong.benefits.services.approval import check_run
from shuangyong.benefits.services.engine import compute_run

pytestmark = pytest.mark.django_db

WAR5_MONTH = 451_833


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
    return check_run(compute_run(county["county"], date(2026, 3, 1), user=users["county_admin"]), user=system_user())


@pytest.fixture
def second_admin(county):
    return User.objects.create_user(
        username="county_admin2", password=PASSWORD, role=Role.COUNTY_ADMIN, region=county["county"], full_name="审批人"
    )


def everything() -> tuple:
    """What a refused call must leave as it was."""
    return (
        sorted(PaymentRun.objects.values_list("pk", "status", "approved_by_id", "total_fen")),
        sorted(Finding.objects.values_list("pk", "state", "resolution")),
        PaymentLine.objects.count(),
        sorted(Standard.objects.values_list("pk", "amount_fen", "valid_from")),
        StandardChange.objects.count(),
        AuditEntry.objects.count(),
    )


# -- standards ---------------------------------------------------------------------------------------------------

NEW = {
    "kind": "disability",
    "category": "11",
    "disability_nature": "war",
    "disability_grade": 5,
    "basis": "year",
    "amount_fen": 5_747_300,
    "valid_from": "2026-08-01",
    "note": "2026 年标准",
}


def test_standards_are_listed_for_every_role_with_records(users, standard):
    row = standard("nursing", basis="wage_share", category="11", nature="war", grade=1, share_bp=5000)
    response = client_for(users["village_staff"]).get("/api/standards/?kind=nursing&on=2026-03-01&region=national")
    assert response.status_code == 200
    assert response.json()["results"] == [
        {
            "id": row.pk,
            "kind": "nursing",
            "category": "11",
            "disability_nature": "war",
            "disability_grade": 1,
            "hukou": "",
            "enlistment_period": "",
            "support_mode": "",
            "region": None,
            "basis": "wage_share",
            "amount_fen": 0,
            "share_bp": 5000,
            "valid_from": "2021-08-01",
            "valid_to": None,
            "note": "",
            "source": "本地录入",
            "kind_name": "护理费",
            "category_name": "残疾军人",
            "region_name": "全国",
            "basis_label": "工资基数比例",
        }
    ]
    assert client_for(users["village_staff"]).get("/api/standards/?on=2021-07-31").json()["count"] == 0
    refused = client_for(users["sysadmin"]).get("/api/standards/")
    assert (refused.status_code, refused.json()) == (403, {"detail": "您的角色不能查看抚恤补助标准"})


def test_county_admin_creates_changes_and_deletes_a_standard_by_token(county, users, reference):
    api = token_client("county_admin")
    created = api.post("/api/standards/", {**NEW, "region": "350123"}, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["amount_fen"], body["region"], body["region_name"]) == (5_747_300, "350123000000", "罗源县")
    entry = AuditEntry.objects.get(model="benefits.standard", action="create")
    assert (entry.actor_id, entry.after["amount_fen"]) == (users["county_admin"].pk, 5_747_300)
    patched = api.patch(f"/api/standards/{body['id']}/", {"amount_fen": 5_800_000}, format="json")
    assert (patched.status_code, patched.json()["amount_fen"]) == (200, 5_800_000)
    assert Standard.objects.get().amount_fen == 5_800_000
    assert api.delete(f"/api/standards/{body['id']}/").status_code == 204
    assert not Standard.objects.exists()


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"disability_grade": 11}, {"disability_grade": ["伤残等级应为一级至十级"]}),
        ({"amount_fen": 0}, {"amount_fen": ["标准金额应大于零"]}),
        ({"region": "350123100"}, {"region": ["标准只能按全国、省、市或县（区）制定"]}),
        ({"basis": "wage_share"}, {"share_bp": ["按工资基数比例计发的标准须填写 1–10000 的万分比"]}),
    ],
)
def test_standard_problems_are_400_on_their_fields(county, users, reference, change, errors):
    before = everything()
    response = client_for(users["county_admin"]).post("/api/standards/", {**NEW, **change}, format="json")
    assert (response.status_code, response.json()) == (400, refused(errors))
    assert everything() == before


def test_duplicate_standard_is_400_with_the_services_message(users, standard):
    standard("disability", 57473, category="11", nature="war", grade=5, since=date(2026, 8, 1))
    before = everything()
    response = client_for(users["county_admin"]).post("/api/standards/", NEW, format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "同一项目、同一适用条件、同一生效日期的标准已存在"},
    )
    assert everything() == before


@pytest.mark.parametrize("role", ["town_staff", "leader"])
def test_only_who_manages_standards_writes_them(users, standard, role):
    row = standard("disability", 54220, category="11", nature="war", grade=5)
    api = client_for(users[role])
    before = everything()
    denied = {"detail": "您的角色不能维护抚恤补助标准"}
    for response in (
        api.post("/api/standards/", NEW, format="json"),
        api.patch(f"/api/standards/{row.pk}/", {"amount_fen": 1}, format="json"),
        api.delete(f"/api/standards/{row.pk}/"),
    ):
        assert (response.status_code, response.json()) == (403, denied)
    assert everything() == before


# -- payment runs ------------------------------------------------------------------------------------------------


def test_compute_a_run_returns_it(county, users, people):
    response = client_for(users["county_admin"]).post(
        "/api/payment-runs/", {"period": "2026-03", "region": "350123"}, format="json"
    )
    assert response.status_code == 201, response.content
    run = PaymentRun.objects.get()
    body = response.json()
    assert body["computed_at"] and body["computed_at"].startswith("20")
    body.pop("computed_at")
    assert body == {
        "id": run.pk,
        "region": "350123000000",
        "region_name": "罗源县",
        "period": "2026-03",
        "period_start": "2026-03-01",
        "period_end": "2026-03-01",
        "frequency": "monthly",
        "status": "draft",
        "status_label": "草稿",
        "computed_by": "县双拥办管理员",
        "checked_at": None,
        "approved_by": None,
        "approved_at": None,
        "exported_at": None,
        "reconciled_at": None,
        "person_count": 3,
        "line_count": 3,
        "total_fen": 3 * WAR5_MONTH,
        "backpay_fen": 0,
        "recovery_fen": 0,
        "one_time_fen": 0,
        "open_findings": 0,
    }


@pytest.mark.parametrize(
    ("role", "payload", "status", "detail"),
    [
        ("leader", {"period": "2026-03", "region": "350123"}, 403, "您的角色无权修改此类记录"),
        ("town_staff", {"period": "2026-03", "region": "350123"}, 403, "该记录不在您的管辖范围内"),
        ("town_staff", {"period": "2026-03", "region": "350123101"}, 403, "该记录不在您的管辖范围内"),
        ("auditadmin", {"period": "2026-03", "region": "350123"}, 403, "您的角色无权修改此类记录"),
    ],
)
def test_compute_outside_the_callers_rights_is_refused(users, people, role, payload, status, detail):
    before = everything()
    response = client_for(users[role]).post("/api/payment-runs/", payload, format="json")
    assert (response.status_code, response.json()) == (status, {"detail": detail})
    assert everything() == before


def test_compute_with_a_bad_period_names_the_field(users, people):
    response = client_for(users["county_admin"]).post(
        "/api/payment-runs/", {"period": "2026-13", "region": "350123"}, format="json"
    )
    assert (response.status_code, response.json()) == (400, refused({"period": ["期间无效：应为 YYYY-MM，如 2026-11"]}))
    assert not PaymentRun.objects.exists()


def test_town_staff_list_only_their_towns_runs(county, users, run):
    own = compute_run(county["town_a"], date(2026, 4, 1), user=users["town_staff"])
    compute_run(county["town_b"], date(2026, 4, 1), user=users["town_b_staff"])
    api = client_for(users["town_staff"])
    assert [r["id"] for r in api.get("/api/payment-runs/").json()["results"]] == [own.pk]
    missing = api.get(f"/api/payment-runs/{run.pk}/")
    assert (missing.status_code, missing.json()) == (404, {"detail": NOT_FOUND})
    county_api = client_for(users["county_admin"])
    listed = county_api.get("/api/payment-runs/?status=checked&year=2026&region=350123").json()["results"]
    assert [(r["id"], r["open_findings"]) for r in listed] == [(run.pk, 1)]
    bad = county_api.get("/api/payment-runs/?status=paid")
    assert bad.status_code == 400 and bad.json()["detail"].startswith("参数 status：“paid”无效")


def test_check_then_approval_by_the_maker_is_refused_and_by_another_admin_accepted(users, run, second_admin):
    maker = client_for(users["county_admin"])
    checked = maker.post(f"/api/payment-runs/{run.pk}/check/")
    assert (checked.status_code, checked.json()["status"], checked.json()["open_findings"]) == (200, "checked", 1)
    finding = Finding.objects.get(run=run)
    waived = maker.post(f"/api/findings/{finding.pk}/waive/", {"reason": "账号已补录"}, format="json")
    assert waived.status_code == 200
    before = everything()
    refused = maker.post(f"/api/payment-runs/{run.pk}/approve/")
    assert (refused.status_code, refused.json()) == (
        400,
        {"detail": "审批人不能是计算该批次的经办人（须由另一人审批）"},
    )
    assert everything() == before
    approved = client_for(second_admin).post(f"/api/payment-runs/{run.pk}/approve/")
    assert approved.status_code == 200
    assert (approved.json()["status"], approved.json()["approved_by"]) == ("approved", "审批人")


def test_approval_with_open_findings_is_refused(users, run, second_admin):
    before = everything()
    response = client_for(second_admin).post(f"/api/payment-runs/{run.pk}/approve/")
    assert response.json() == {"detail": "还有 1 个检查问题未处理（纠正、剔除或说明理由后豁免），不能审批"}
    assert everything() == before


def test_town_staff_cannot_approve_or_discard(county, users, run, people):
    api = client_for(users["town_staff"])
    own = check_run(compute_run(county["town_a"], date(2026, 4, 1), user=users["town_staff"]), user=system_user())
    before = everything()
    assert api.post(f"/api/payment-runs/{run.pk}/approve/").status_code == 404
    assert api.post(f"/api/payment-runs/{run.pk}/discard/").status_code == 404
    response = api.post(f"/api/payment-runs/{own.pk}/approve/")
    assert (response.status_code, response.json()) == (403, {"detail": "您的角色不能审批待遇发放"})
    assert everything() == before


def test_discard_an_open_run(users, run):
    response = client_for(users["county_admin"]).post(f"/api/payment-runs/{run.pk}/discard/")
    assert response.status_code == 204
    assert not PaymentRun.objects.exists() and not PaymentLine.objects.exists()


# -- lines and findings ------------------------------------------------------------------------------------------


def test_lines_with_their_why_masked_for_the_leader(users, run, people):
    person = people["a"].person
    response = client_for(users["leader"]).get(f"/api/payment-lines/?run={run.pk}&person={person.pk}&month=2026-03")
    line = PaymentLine.objects.get(person=person)
    assert response.json()["results"] == [
        {
            "id": line.pk,
            "run": run.pk,
            "person": person.pk,
            "person_name": "张三",
            "id_number": person.id_number[:4] + "**********" + person.id_number[-4:],
            "entitlement": people["a"].pk,
            "kind": "disability",
            "kind_name": "残疾抚恤金",
            "month": "2026-03-01",
            "seq": 0,
            "line_type": "regular",
            "line_type_label": "正常发放",
            "amount_fen": WAR5_MONTH,
            "due_fen": WAR5_MONTH,
            "paid_before_fen": 0,
            "rate_fen": WAR5_MONTH,
            "months": 1,
            "standard": line.standard_id,
            "category": "11",
            "region": "350123100001",
            "failed": False,
            "reason": "因战五级 标准 54,220.00 元/年 ÷ 12",
        }
    ]
    full = client_for(users["county_admin"]).get(f"/api/payment-lines/?person={person.pk}").json()["results"]
    assert full[0]["id_number"] == person.id_number
    assert client_for(users["county_admin"]).get("/api/payment-lines/?line_type=backpay").json()["count"] == 0
    assert client_for(users["village_staff"]).get("/api/payment-lines/").json()["count"] == 1  # 张三 only
    bad = client_for(users["county_admin"]).get("/api/payment-lines/?month=2026-3-1")
    assert (bad.status_code, bad.json()) == (400, {"detail": "参数 month：“2026-3-1”无效，应为 YYYY-MM"})


def test_findings_listed_by_run_and_waived_with_a_reason(users, run, people):
    api = client_for(users["county_admin"])
    finding = Finding.objects.get(run=run)
    listed = api.get(f"/api/findings/?run={run.pk}&state=open").json()["results"]
    assert listed == [
        {
            "id": finding.pk,
            "run": run.pk,
            "code": "bank_account",
            "code_label": "银行账号缺失或格式错误",
            "person": people["no_account"].person_id,
            "person_name": "王五",
            "entitlement": finding.entitlement_id,
            "message": finding.message,
            "state": "open",
            "state_label": "待处理",
            "resolution": "",
            "resolved_by": None,
            "resolved_at": None,
        }
    ]
    before = everything()
    empty = api.post(f"/api/findings/{finding.pk}/waive/", {"reason": " "}, format="json")
    assert (empty.status_code, empty.json()) == (400, {"detail": "豁免须写明理由"})
    assert everything() == before
    done = api.post(f"/api/findings/{finding.pk}/waive/", {"reason": "本人领取现金"}, format="json").json()
    assert (done["state"], done["resolution"], done["resolved_by"]) == ("waived", "本人领取现金", "县双拥办管理员")


# a town's staff resolve their own town's findings (test_checks.py); another town's are not found
@pytest.mark.parametrize(("role", "status"), [("leader", 403), ("town_b_staff", 404)])
def test_others_cannot_waive(users, run, role, status):
    finding = Finding.objects.get(run=run)
    before = everything()
    response = client_for(users[role]).post(f"/api/findings/{finding.pk}/waive/", {"reason": "理由"}, format="json")
    assert response.status_code == status
    assert everything() == before


def test_schema_documents_the_benefits_endpoints(users):
    """Every path and its methods: api/tests/test_schema.py (one table for all apps); here what is particular."""
    api = APIClient()
    api.force_authenticate(users["leader"])
    schema = json.loads(api.get("/api/openapi.json").content)
    create = schema["paths"]["/api/v1/payment-runs/"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ComputeRun"}
    assert set(create["responses"]) == {"201", "400", "401", "403", "404"}
    lines = {p["name"] for p in schema["paths"]["/api/v1/payment-lines/"]["get"]["parameters"]}
    assert lines == {"run", "person", "month", "line_type", "limit", "offset"}
    assert schema["paths"]["/api/v1/findings/"]["get"]["tags"] == ["benefits 待遇发放"]
