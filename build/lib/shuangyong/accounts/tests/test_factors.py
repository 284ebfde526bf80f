import pytest
from conftest import PASSWORD, totp_code
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from shuangyong.accounts.factors import reset_factor
from shuangyong.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_factor_role_without_a_device_enrols_at_first_sign_in(users, client):
    response = client.post("/login/", {"username": "county_admin", "password": PASSWORD})
    assert response["Location"] == "/login/factor/"
    response = client.get("/login/factor/")
    assert response["Location"] == "/login/enrol/"
    page = client.get("/login/enrol/").content.decode()
    assert "data:image/svg+xml" in page and "密钥" in page
    assert "_auth_user_id" not in client.session  # not signed in before the factor is bound
    device = TOTPDevice.objects.get(user=users["county_admin"], confirmed=False)
    assert client.post("/login/enrol/", {"code": "000000"}).status_code == 200
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)  # django-otp's delay
    from django_otp.oath import totp

    code = f"{totp(device.bin_key):06d}"
    response = client.post("/login/enrol/", {"code": code})
    assert "恢复码" in response.content.decode()
    assert int(client.session["_auth_user_id"]) == users["county_admin"].pk
    assert StaticToken.objects.filter(device__user=users["county_admin"]).count() == 10
    assert AuditEntry.objects.filter(action="factor", note__contains="绑定").count() == 1


def test_an_enrolled_user_gives_the_code_or_a_recovery_code(users, client):
    code = totp_code("county_admin")
    client.post("/login/", {"username": "county_admin", "password": PASSWORD})
    response = client.post("/login/factor/", {"code": "123456" if code != "123456" else "654321"})
    assert "动态验证码不正确" in response.content.decode() and "_auth_user_id" not in client.session
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)  # django-otp's delay
    response = client.post("/login/factor/", {"code": totp_code("county_admin")})
    assert response["Location"] == "/" and client.session["_auth_user_id"]
    client.post("/logout/")
    recovery = StaticToken.objects.create(device=_recovery_device(users["county_admin"]), token="abcd1234")
    client.post("/login/", {"username": "county_admin", "password": PASSWORD})
    assert client.post("/login/factor/", {"code": "abcd1234"})["Location"] == "/"
    assert not StaticToken.objects.filter(pk=recovery.pk).exists()  # spent


def _recovery_device(user):
    from django_otp.plugins.otp_static.models import StaticDevice

    return StaticDevice.objects.create(user=user, name="恢复码")


def test_others_sign_in_with_the_password_alone(users, client):
    response = client.post("/login/", {"username": "town_staff", "password": PASSWORD})
    assert response["Location"] == "/"


def test_the_security_administrator_resets_a_factor(users):
    totp_code("leader")
    with pytest.raises(Exception, match="安全管理员"):
        reset_factor(users["leader"], actor=users["county_admin"])
    assert TOTPDevice.objects.filter(user=users["leader"]).exists()
    reset_factor(users["leader"], actor=users["secadmin"])
    assert not TOTPDevice.objects.filter(user=users["leader"]).exists()
    assert AuditEntry.objects.filter(action="factor", note__contains="重置").count() == 1
