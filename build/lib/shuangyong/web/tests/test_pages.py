"""Pages as their users meet them (the role × page matrix itself is generated: test_page_matrix.py)."""

from datetime import date

import pytest
from conftest import PASSWORD
from django.urls import reverse

from shuangyong.audit.models import AuditEntry
from shuangyong.jobs.models import Job
from shuangyong.registry.models import Person
from shuangyong.registry.services import lifecycle as life
from shuangyong.registry.services.categories import load_categories

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(county, users):
    load_categories()
    from shuangyong.registry.models import Category
    from shuangyong.registry.tests.sheets import make_id

    p = Person.objects.create(
        id_number=make_id("19500315", 11),
        name="张三",
        name_initials="zs",
        sex="M",
        birth_date=date(1950, 3, 15),
        region=county["village_a1"],
        hukou="rural",
        bank_account="6228480402564890018",
    )
    ent = life.register_entitlement(
        p, category=Category.objects.get(code="41"), on=date(2025, 1, 2), user=users["county_admin"]
    )
    life.approve_entitlement(ent, on=date(2025, 1, 2), user=users["county_admin"])
    return p


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("registry:list"))
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_login_page_and_home_show_the_user(client, users):
    page = client.get("/login/")
    assert "登录" in page.content.decode()
    response = client.post("/login/", {"username": "town_staff", "password": PASSWORD}, follow=True)
    html = response.content.decode()
    assert "乡镇工作人员" in html and "罗源县凤山镇" in html


def test_404_is_chinese(client, users):
    client.login(username="county_admin", password=PASSWORD)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_town_user_cannot_see_or_change_another_towns_unit(client, users, county):
    school_b = county["school_b"]
    client.login(username="town_staff", password=PASSWORD)
    assert "松山小学" not in client.get(reverse("units:list")).content.decode()
    assert client.get(reverse("units:detail", args=[school_b.pk])).status_code == 404
    entries = AuditEntry.objects.count()
    response = client.post(
        reverse("units:edit", args=[school_b.pk]),
        {
            "code": "SCH-B",
            "name": "改名",
            "kind": "partner",
            "region": "350123101000",
            "partner_kind": "school",
            "is_active": "on",
        },
    )
    assert response.status_code == 404
    school_b.refresh_from_db()
    assert school_b.name == "松山小学"
    assert AuditEntry.objects.count() == entries


def test_town_user_edits_own_unit_with_audit(client, users, county):
    school_a = county["school_a"]
    client.login(username="town_staff", password=PASSWORD)
    response = client.post(
        reverse("units:edit", args=[school_a.pk]),
        {
            "code": "SCH-A",
            "name": "凤山中学",
            "kind": "partner",
            "region": "350123100000",
            "partner_kind": "school",
            "contact_name": "陈老师",
            "is_active": "on",
        },
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(model="units.unit", action="update").get()
    assert (entry.actor_id, entry.source, entry.after) == (
        users["town_staff"].pk,
        "10.1.2.3",
        {"contact_name": "陈老师"},
    )


def test_town_user_cannot_place_a_unit_in_another_town(client, users, county):
    client.login(username="town_staff", password=PASSWORD)
    response = client.post(
        reverse("units:create"),
        {
            "code": "SCH-X",
            "name": "松山幼儿园",
            "kind": "partner",
            "region": "350123101000",
            "partner_kind": "school",
            "is_active": "on",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert "选择一个有效的选项" in response.content.decode()
    from shuangyong.units.models import Unit

    assert not Unit.objects.filter(code="SCH-X").exists()


def test_person_pages_mask_by_role(client, users, person):
    client.login(username="town_staff", password=PASSWORD)
    html = client.get(reverse("registry:detail", args=[person.pk])).content.decode()
    assert "3501**********" in html and person.id_number not in html
    assert "6228***********0018" in html
    client.login(username="county_admin", password=PASSWORD)
    assert person.id_number in client.get(reverse("registry:detail", args=[person.pk])).content.decode()
    client.login(username="town_b_staff", password=PASSWORD)
    assert client.get(reverse("registry:detail", args=[person.pk])).status_code == 404


def test_life_event_from_the_person_page(client, users, person):
    client.login(username="town_b_staff", password=PASSWORD)
    response = client.post(reverse("registry:event", args=[person.pk, "death"]), {"on": "2026-01-20", "reason": "病故"})
    assert response.status_code == 404
    person.refresh_from_db()
    assert person.death_date is None
    client.login(username="town_staff", password=PASSWORD)
    response = client.post(
        reverse("registry:event", args=[person.pk, "death"]), {"on": "2026-01-20", "reason": "病故"}, follow=True
    )
    assert "已登记" in response.content.decode()
    person.refresh_from_db()
    assert person.death_date == date(2026, 1, 20)


def test_audit_pages_and_export(client, users, county):
    client.login(username="sysadmin", password=PASSWORD)
    assert client.get(reverse("audit:list")).status_code == 403
    assert client.get(reverse("audit:export")).status_code == 403
    client.login(username="auditadmin", password=PASSWORD)
    assert client.get(reverse("audit:list") + "?model=units.unit").status_code == 200
    response = client.get(reverse("audit:export") + "?model=units.unit")
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("时间", "操作人", "来源", "操作")
    assert len(rows) - 1 == AuditEntry.objects.filter(model="units.unit").count() == 4
    export = AuditEntry.objects.get(action="export")
    assert (export.actor_id, export.after) == (users["auditadmin"].pk, {"count": 4})


def test_job_page_shows_progress(client, users, county):
    job = Job.objects.create(
        kind="test", title="测试任务", created_by=users["town_staff"], done=3, total=4, status="running"
    )
    client.login(username="town_staff", password=PASSWORD)
    html = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "75%" in html and 'hx-trigger="every 1s"' in html
    client.login(username="town_b_staff", password=PASSWORD)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404


def test_the_home_counts_by_the_reports_definition(client, users, person, county):
    """在册优抚对象 and 享受待遇人次 on the home page are the catalogue's figures: a person registered but not yet
    approved is in neither."""
    from django.utils import timezone

    from shuangyong.figures import catalogue
    from shuangyong.figures.catalogue import Scope
    from shuangyong.registry.models import Category
    from shuangyong.registry.tests.sheets import make_id

    born, where = date(1952, 1, 1), county["village_a1"]
    waiting = Person.objects.create(id_number=make_id("19520101", 13), name="李四", name_initials="ls", sex="M",
                                    birth_date=born, region=where, hukou="rural")  # fmt: skip
    life.register_entitlement(waiting, category=Category.objects.get(code="41"), on=date(2026, 1, 2),
                              user=users["county_admin"])  # fmt: skip
    client.login(username="town_staff", password=PASSWORD)
    home = client.get("/").content.decode()
    figure = catalogue.compute("registry.all_persons", Scope(timezone.localdate().year, region="350123100000"))
    assert figure == 1 and '<div class="value">1</div><div class="label">在册优抚对象</div>' in home
    times = catalogue.compute("registry.entitlements", Scope(timezone.localdate().year, region="350123100000"))
    assert times == 1 and '<div class="value">1</div><div class="label">享受待遇人次</div>' in home


def test_the_system_administrator_sees_the_worker_on_the_home_page(client, users):
    from conftest import verify_second_factor
    from django.utils import timezone

    from shuangyong.jobs.models import WorkerHeartbeat

    client.login(username="sysadmin", password=PASSWORD)
    verify_second_factor(client, users["sysadmin"])
    assert '后台进程：<span class="bad">未运行</span>' in client.get("/").content.decode()
    WorkerHeartbeat.objects.create(worker="w1", host="h", pid=1, seen_at=timezone.now())
    assert '后台进程：<span class="ok">运行中</span>' in client.get("/").content.decode()
    client.login(username="town_staff", password=PASSWORD)
    assert "后台进程" not in client.get("/").content.decode()
