"""征兵 in headless Chromium on a phone: town staff register a candidate, record the examination, the political
review, the approval and the dispatch through the step forms, and find the recruit among the serving members."""

import pytest
from conftest import PASSWORD

from shuangyong.conscription.models import Candidate, ServiceMember
from shuangyong.conscription.reference import load_reference
from shuangyong.registry.services.categories import load_categories
from shuangyong.registry.tests.sheets import make_id
from tests.browser.conftest import PHONE, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_town_staff_take_a_candidate_through_to_dispatch(make_page, county, users):
    load_categories()
    load_reference()  # transactional tests flush the migration-loaded code tables
    watch = make_page(viewport=PHONE)
    page = watch.page
    login(watch, "town_staff", PASSWORD)

    watch.goto("/conscription/")
    page.click("text=登记报名")
    page.fill("#id_name", "林志强")
    page.fill("#id_id_number", make_id("20050612", 101))
    page.select_option("#id_region", "350123100001")
    page.select_option("#id_education", "senior")
    page.select_option("#id_political", "league")
    page.fill("#id_registered_on", "2026-06-01")
    page.click("button:has-text('保存')")
    page.wait_for_url(f"{watch.base_url}/conscription/candidates/*/")
    assert page.inner_text("#stage") == "已报名"
    watch.screenshot("conscription-candidate-registered")

    for form, date_value, extra, stage in (
        ("#form-exam", "2026-07-01", None, "体检合格"),
        ("#form-review", "2026-07-20", None, "政治考核合格"),
        ("#form-approve", "2026-08-25", None, "已批准入伍"),
        ("#form-dispatch", "2026-09-10", "陆军某部", "已输送"),
    ):
        page.fill(f"{form} input[name=on]", date_value)
        if extra:
            page.fill(f"{form} input[name=military_unit]", extra)
        page.click(f"{form} button[type=submit]")
        page.locator(f"#stage:text-is('{stage}')").wait_for()
    assert page.inner_text("#stage") == "已输送"
    assert "陆军某部" in page.inner_text("#steps")
    watch.screenshot("conscription-candidate-dispatched")

    candidate = Candidate.objects.get()
    assert (candidate.stage, str(candidate.dispatched_on)) == ("dispatched", "2026-09-10")
    member = ServiceMember.objects.get()
    page.click("text=现役军人 林志强")
    page.wait_for_url(f"{watch.base_url}/conscription/members/{member.pk}/")
    assert "义务兵" in page.inner_text("h1")
    watch.goto("/conscription/?year=2026")
    assert "凤山镇" in page.inner_text("#towns")
    watch.assert_clean()
