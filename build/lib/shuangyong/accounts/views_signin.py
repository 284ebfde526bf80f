"""Signing in on the web: password, then (where required or enrolled) the second factor or its enrolment."""

import time

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from shuangyong.accounts import factors, signin
from shuangyong.accounts.pages import page
from shuangyong.audit.middleware import client_address

PENDING = "signin_pending"  # session key: the user who gave the right password and still owes the second factor
PENDING_SECONDS = 300


class SignInForm(AuthenticationForm):
    def get_invalid_login_error(self):
        refusal = getattr(self.request, "sign_in_refusal", "")
        if refusal:
            return ValidationError(refusal, code="locked")
        return ValidationError("用户名或密码不正确，请重试。", code="invalid_login")


class SignInView(LoginView):
    authentication_form = SignInForm

    def form_valid(self, form):
        user = form.get_user()
        if not factors.required_or_enrolled(user):
            response = super().form_valid(form)
            signin.record_sign_in(user, "密码")
            return response
        self.request.session[PENDING] = {"user": user.pk, "at": time.time(), "next": self.get_redirect_url()}
        return redirect("login_factor")


class SignOutView(LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            signin.record_sign_out(request.user)
        return super().post(request, *args, **kwargs)


def _pending_user(request):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None, ""
    return get_user_model().objects.filter(pk=pending["user"], is_active=True).first(), pending.get("next") or ""


def _finish(request, user, device, next_url: str):
    request.session.pop(PENDING, None)
    user.otp_device = device  # django-otp marks the session verified on login
    auth_login(request, user, backend="shuangyong.accounts.backends.GuardedModelBackend")
    signin.record_sign_in(user, "密码与动态验证码")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return redirect(next_url)
    return redirect("home")


def factor(request):
    """Second step of signing in: the code from the authenticator app, or a recovery code."""
    user, next_url = _pending_user(request)
    if user is None:
        messages.error(request, "登录已超时，请重新输入用户名和密码")
        return redirect("login")
    if not factors.has_device(user):
        return redirect("login_enrol")
    error = ""
    if request.method == "POST":
        device = factors.verify_code(user, request.POST.get("code", ""))
        if device is not None:
            return _finish(request, user, device, next_url)
        signin.record_failure(user.username, client_address(request))
        error = signin.refusal(user.username, client_address(request)) or "动态验证码不正确，请重试"
        if signin.is_locked(user):
            request.session.pop(PENDING, None)
    return render(request, "accounts/factor.html", {"error": error, "account": user})


def enrol(request):
    """Binding an authenticator app: at first sign-in for those who must, or later from the account page."""
    user, next_url = _pending_user(request)
    signed_in = user is None and request.user.is_authenticated
    if signed_in:
        user, next_url = request.user, "/"
    if user is None:
        return redirect("login")
    device = factors.TOTPDevice.objects.filter(
        user=user, confirmed=False, pk=request.session.get("enrol_device")
    ).first()
    error = ""
    if request.method == "POST" and device is not None:
        codes = factors.confirm_enrolment(user, device, request.POST.get("code", ""))
        if codes is not None:
            request.session.pop("enrol_device", None)
            response = _finish(request, user, device, next_url) if not signed_in else None
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": response["Location"] if response else "/"},
            )
        error = "验证码不正确，请确认手机时间准确后重试"
    if device is None:
        device = factors.start_enrolment(user)
        request.session["enrol_device"] = device.pk
    context = {"qr": factors.qr_data_uri(device), "secret": _grouped(device), "error": error, "account": user}
    return render(request, "accounts/enrol.html", context)


def _grouped(device) -> str:
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@page()
def my_security(request):
    """The signed-in user's own page: second factor and API tokens."""
    from knox.models import AuthToken

    if request.method == "POST" and request.POST.get("revoke"):
        from shuangyong.accounts.tokens import revoke_token

        token = AuthToken.objects.filter(user=request.user, token_key=request.POST["revoke"]).first()
        if token is not None:
            revoke_token(token, reason="所有者吊销")
            messages.success(request, "已吊销该令牌")
        return redirect("my_security")
    tokens = AuthToken.objects.filter(user=request.user).order_by("-created")
    context = {
        "has_device": factors.has_device(request.user),
        "required": factors.required(request.user),
        "tokens": tokens,
    }
    return render(request, "accounts/my_security.html", context)
