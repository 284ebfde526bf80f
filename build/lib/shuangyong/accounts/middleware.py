"""Session rules for signed-in pages: the idle timeout, and a password that must be changed before anything else."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from shuangyong.accounts.passwords import must_change_password
from shuangyong.accounts.signin import record_sign_out

SEEN = "last_seen"
TOUCH_SECONDS = 60  # write the session at most once a minute, not on every request


def _redirect(request, url: str):
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


class SessionPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(("/api/", "/static/")):
            return self.get_response(request)
        now = time.time()
        seen = request.session.get(SEEN)
        if seen and now - seen > settings.IDLE_TIMEOUT_MINUTES * 60:
            record_sign_out(user, f"超过 {settings.IDLE_TIMEOUT_MINUTES} 分钟未操作，自动退出")
            logout(request)
            messages.info(request, f"超过 {settings.IDLE_TIMEOUT_MINUTES} 分钟未操作，已自动退出，请重新登录")
            return _redirect(request, f"{reverse('login')}?next={request.get_full_path()}")
        if not seen or now - seen > TOUCH_SECONDS:
            request.session[SEEN] = now
        reason = must_change_password(user)
        allowed = {reverse("password_change"), reverse("logout"), reverse("password_change_done")}
        if reason and request.path not in allowed:
            messages.warning(request, reason)
            return _redirect(request, reverse("password_change"))
        return self.get_response(request)
