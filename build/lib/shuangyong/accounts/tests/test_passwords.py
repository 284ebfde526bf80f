from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Role
from shuangyong.accounts.services import AccountError, create_account, reset_password

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("12345678", "至少 8 位"),
        ("password", "至少 8 位"),
        ("Ab1!", "至少 8 位"),
        ("abcdefgh1", "至少 8 位"),  # two kinds only
        ("Xtown_staff9", "不能包含用户名"),
    ],
)
def test_weak_passwords_are_refused_with_a_chinese_message(users, password, message):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, users["town_staff"])
    assert any(message in m for m in refused.value.messages)


def test_three_kinds_of_eight_characters_pass(users):
    validate_password("Fengshan-2026", users["town_staff"])
    validate_password("fengshan-2026", users["town_staff"])


def test_none_of_the_last_five_passwords_may_be_used_again(users):
    user = users["town_staff"]
    used = [f"Old-pass-{n}" for n in range(6)]
    for password in used:
        user.set_password(password)
        user.save()
    for password in used[1:]:  # the current one and the four before it
        with pytest.raises(ValidationError, match="最近 5 次"):
            validate_password(password, user)
    validate_password(used[0], user)  # six changes ago: allowed again


def test_the_security_administrator_cannot_set_a_weak_password_and_nothing_changes(users, county):
    for call in (
        lambda: create_account(
            actor=users["secadmin"], username="weak1", password="12345678", role=Role.LEADER, region=county["county"]
        ),
        lambda: reset_password(users["leader"], actor=users["secadmin"], password="password"),
    ):
        with pytest.raises(AccountError, match="至少 8 位"):
            call()
    assert not User.objects.filter(username="weak1").exists()
    users["leader"].refresh_from_db()
    assert users["leader"].check_password("test-pass-123")


def test_created_and_reset_accounts_must_change_their_password(users, county, client):
    made = create_account(
        actor=users["secadmin"], username="new1", password="Passw0rd!x", role=Role.LEADER, region=county["county"]
    )
    assert made.must_change_password
    client.force_login(made)
    response = client.get("/")
    assert (response.status_code, response["Location"]) == (302, "/password/")
    response = client.post(
        "/password/",
        {"old_password": "Passw0rd!x", "new_password1": "Fresh-pass-77", "new_password2": "Fresh-pass-77"},
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert not made.must_change_password
    assert client.get("/").status_code == 200
    reset_password(made, actor=users["secadmin"], password="Reset-pass-55")
    made.refresh_from_db()
    assert made.must_change_password


def test_an_expired_password_must_be_changed(users, client, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    user = users["leader"]
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=91))
    client.force_login(user)
    response = client.get("/registry/", follow=True)
    assert response.redirect_chain[-1][0] == "/password/"
    assert "超过 90 天" in response.content.decode()
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=89))
    assert client.get("/").status_code == 200
