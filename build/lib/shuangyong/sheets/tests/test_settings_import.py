"""The local settings sheet, through the sheet package: whole or not at all, the same sheet again changes nothing."""

import pytest
from conftest import PASSWORD, verify_second_factor
from django.core.files.uploadedfile import SimpleUploadedFile

from shuangyong.regions.models import RegionSetting
from shuangyong.sheets.settings import import_settings_text

pytestmark = pytest.mark.django_db

GOOD = (
    "区划代码,设置项,取值,生效日期,说明\n"
    "350123,待遇发放周期,按季,2026-01-01,县通知\n"
    "350123100,去世当月照发,否,2026-01-01,\n"
)


def test_a_sheet_is_imported_whole_or_not_at_all(county, users):
    result = import_settings_text(GOOD, user=users["county_admin"])
    assert (result.created, result.updated, result.unchanged, result.errors) == (2, 0, 0, [])
    again = import_settings_text(GOOD, user=users["county_admin"])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    bad = GOOD + "350123,补发、追缴最多追溯的月数,abc,2026-01-01,\n350124,待遇发放周期,按月,2026-01-01,\n"
    result = import_settings_text(bad, user=users["county_admin"])
    assert [(p.row, p.column, p.message) for p in result.errors] == [
        (4, "取值", "“补发、追缴最多追溯的月数”应为整数，不能是“abc”"),
        (5, "区划代码", "区划代码 350124 不存在，请先导入该区划"),
    ]
    assert RegionSetting.objects.count() == 2


def test_a_town_cannot_set_the_county_by_sheet_and_nothing_is_saved(county, users):
    sheet = "设置项,区划代码,取值,生效日期\n去世当月照发,350123100,否,2026-01-01\n待遇发放周期,350123,按季,2026-01-01\n"
    result = import_settings_text(sheet, user=users["town_staff"])
    assert [(p.row, p.column) for p in result.errors] == [(2, "区划代码"), (3, "区划代码")]
    assert not RegionSetting.objects.exists()


def test_the_settings_page_posts_the_sheet(client, county, users):
    admin = users["county_admin"]
    client.login(username="county_admin", password=PASSWORD)
    verify_second_factor(client, admin)
    upload = SimpleUploadedFile("设置.csv", GOOD.encode("gbk"), content_type="text/csv")
    response = client.post("/sheets/settings/", {"file": upload}, follow=True)
    assert response.redirect_chain[-1][0] == "/regions/settings/"
    assert "已导入：新增 2 条，修改 0 条，未变 0 条" in response.content.decode()
    assert client.get("/sheets/settings/").status_code == 405
