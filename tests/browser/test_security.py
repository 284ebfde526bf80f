"""Signing in as a person would: binding the authenticator at first sign-in, the code at the next one, recovery
codes, and a lockout after repeated wrong passwords that the security administrator lifts."""

import base64

import pytest
from conftest import PASSWORD, totp_code
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from shuangyong.accounts.models import SignInLock
from tests.browser.conftest import PHONE, login, logout

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_for_secret(grouped: str) -> str:
    secret = grouped.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


def test_an_approver_binds_the_authenticator_at_first_sign_in_then_gives_its_code(make_page, users):
    watch = make_page(PHONE)
    page = watch.page
    watch.goto("/login/")
    page.fill("#id_username", "county_admin")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{watch.base_url}/login/enrol/")
    assert page.locator("img.qr").get_attribute("src").startswith("data:image/svg+xml")
    watch.screenshot("security-enrol-phone")
    page.fill("#id_code", code_for_secret(page.inner_text("#secret")))
    page.click("button[type=submit]")
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    page.click("text=继续")
    page.wait_for_url(f"{watch.base_url}/")
    assert TOTPDevice.objects.get(user=users["county_admin"]).confirmed
    logout(watch)
    # the next sign-in asks for the code; a recovery code works once
    TOTPDevice.objects.update(last_t=-1)
    page.fill("#id_username", "county_admin")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{watch.base_url}/login/factor/")
    page.fill("#id_code", codes[0])
    page.click("button[type=submit]")
    page.wait_for_url(f"{watch.base_url}/")
    watch.assert_clean()


def test_wrong_passwords_lock_the_account_until_the_security_administrator_unlocks_it(make_page, users, settings):
    settings.SIGNIN_FAILURE_LIMIT = 5
    watch = make_page()
    page = watch.page
    for attempt in range(5):
        watch.goto("/login/")
        page.fill("#id_username", "town_staff")
        page.fill("#id_password", f"Wrong-pass-{attempt}")
        page.click("button[type=submit]")
        page.wait_for_selector("p.bad")
    watch.goto("/login/")
    page.fill("#id_username", "town_staff")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    assert "已被锁定" in page.inner_text("p.bad")
    watch.screenshot("security-locked")
    admin = make_page()
    totp_code("secadmin")
    login(admin, "secadmin", PASSWORD)
    admin.goto("/accounts/users/")
    admin.page.click("text=解锁")
    admin.page.wait_for_selector("text=已解锁 town_staff")
    assert not SignInLock.objects.filter(key="user:town_staff").exists()
    login(watch, "town_staff", PASSWORD)
    watch.assert_clean()
    admin.assert_clean()
