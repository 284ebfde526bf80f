"""The authentication backend of every sign-in path: the page, the API's token endpoint and the admin all call
`authenticate()`, so the lockout of accounts.signin is applied here once."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from shuangyong.accounts import signin
from shuangyong.audit.middleware import client_address


class GuardedModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        address = client_address(request) if request is not None else "命令行"
        reason = signin.refusal(username, address)
        if reason:
            signin.record_refused(username, address, reason)
            if request is not None:
                request.sign_in_refusal = reason  # the form shows it instead of "wrong password"
            raise PermissionDenied(reason)  # authenticate() stops here: no other backend is asked
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            signin.record_failure(username, address)
            reason = signin.refusal(username, address)
            if reason and request is not None:
                request.sign_in_refusal = reason
        else:
            signin.record_success(username)
        return user
