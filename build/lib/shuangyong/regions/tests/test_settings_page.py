"""Local settings reachable by their users: effective-dated, inherited down the tree and shown so, audited,
importable; only a county administrator, only in their own scope."""

from datetime import date

import pytest
from conftest import verify_second_factor
from django.core.exceptions import PermissionDenied

from shuangyong.audit.models import AuditEntry
from shuangyong.regions.local_settings import SPECS, get_setting, parse_value
from shuangyong.regions.models import RegionSetting
from shuangyong.regions.setting_services import SettingError, save_setting, settings_for

pytestmark = pytest.mark.django_db


def test_values_are_typed_with_chinese_messages():
    assert parse_value(SPECS["payment_frequency"], "按季") == "quarterly"
    assert parse_value(SPECS["pay_death_month"], "否") is False
    assert parse_value(SPECS["confirmation_deadline"], "3月31日") == "03-31"
    assert parse_value(SPECS["backpay_lookback_months"], "12") == 12
    with pytest.raises(ValueError, match="“待遇发放周期”应为 按月、按季、按年 之一，不能是“每周”"):
        parse_value(SPECS["payment_frequency"], "每周")
    with pytest.raises(ValueError, match="应为 月-日"):
        parse_value(SPECS["confirmation_deadline"], "02-30")
    with pytest.raises(ValueError, match="应在 1 到 120 之间"):
        parse_value(SPECS["backpay_lookback_months"], "0")


def test_a_town_inherits_the_county_value_until_it_sets_its_own(county, users):
    admin = users["county_admin"]
    save_setting(
        county["county"], "payment_frequency", "按季", valid_from=date(2026, 1, 1), note="县政府通知", user=admin
    )
    assert get_setting("payment_frequency", county["village_a1"].code, date(2026, 3, 1)) == "quarterly"
    town = {line.key: line for line in settings_for(county["town_a"], date(2026, 3, 1))}
    assert (town["payment_frequency"].shown, town["payment_frequency"].origin) == (
        "按季",
        "沿用罗源县的设置（2026-01-01 起）",
    )
    assert town["pay_death_month"].origin == "系统默认"
    save_setting(county["town_a"], "payment_frequency", "按月", valid_from=date(2026, 2, 1), user=admin)
    town = {line.key: line for line in settings_for(county["town_a"], date(2026, 3, 1))}
    assert town["payment_frequency"].origin == "本级设置（2026-02-01 起）"
    entry = AuditEntry.objects.filter(model="regions.regionsetting").latest("id")
    assert entry.actor == admin


def test_only_a_county_administrator_in_scope_may_set(county, users, other_county):
    with pytest.raises(PermissionDenied, match="不能维护地方设置"):
        save_setting(county["town_a"], "pay_death_month", "否", valid_from=date(2026, 1, 1), user=users["town_staff"])
    with pytest.raises(PermissionDenied, match="不在您的管辖范围内"):
        save_setting(county["county"], "pay_death_month", "否", valid_from=date(2026, 1, 1), user=other_county["admin"])
    with pytest.raises(SettingError, match="应为 是 或 否"):
        save_setting(
            county["county"], "pay_death_month", "也许", valid_from=date(2026, 1, 1), user=users["county_admin"]
        )
    assert not RegionSetting.objects.exists()


def test_the_page_shows_and_saves(client, county, users):
    admin = users["county_admin"]
    client.force_login(admin)
    verify_second_factor(client, admin)
    page = client.get("/regions/settings/").content.decode()
    assert "待遇发放周期" in page and "系统默认" in page
    response = client.post(
        "/regions/settings/",
        {"key": "confirmation_deadline", "region": "350123000000", "value": "03-31", "valid_from": "2026-01-01"},
    )
    assert response.status_code == 302
    assert get_setting("confirmation_deadline", "350123100001", date(2026, 5, 1)) == "03-31"
    client.force_login(users["town_staff"])
    assert "设置新的取值" not in client.get("/regions/settings/").content.decode()
    denied = client.post(
        "/regions/settings/",
        {"key": "confirmation_deadline", "region": "350123100000", "value": "04-30", "valid_from": "2026-01-01"},
    )
    assert denied.status_code == 403
    assert RegionSetting.objects.count() == 1
