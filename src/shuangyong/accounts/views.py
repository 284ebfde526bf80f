from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from shuangyong.accounts import factors, signin
from shuangyong.accounts.forms import AccountForm, ResetPasswordForm
from shuangyong.accounts.models import SignInLock
from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import CAPABILITIES, Cap, Role
from shuangyong.accounts.services import create_account, managed_accounts, reset_password, update_account
from shuangyong.refusals import refusal


@page(Cap.MANAGE_USERS)
def user_list(request):
    users = list(managed_accounts(request.user).select_related("region", "unit").order_by("role", "username"))
    locked = {
        key.removeprefix("user:")
        for key in SignInLock.objects.filter(key__startswith="user:", until__gt=timezone.now()).values_list(
            "key", flat=True
        )
    }
    enrolled = set(factors.TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    for u in users:
        u.is_locked, u.has_factor = u.username.lower() in locked, u.pk in enrolled
    return render(request, "accounts/list.html", {"users": users})


@page(Cap.MANAGE_USERS)
def role_matrix(request):
    rows = [(Role(role).label, [cap in CAPABILITIES[role] for cap in Cap.values]) for role in Role.values]
    return render(request, "accounts/matrix.html", {"caps": Cap.labels, "rows": rows})


@page(Cap.MANAGE_USERS)
def user_edit(request, pk: int | None = None):
    account = get_object_or_404(managed_accounts(request.user), pk=pk) if pk else None
    form = AccountForm(request.POST or None, instance=account)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        with refusal(request, form) as refused:
            if account is None:
                account = create_account(
                    actor=request.user, username=data.pop("username"), password=data.pop("password"), **data
                )
            else:
                data.pop("username", None)
                update_account(account, actor=request.user, **data)
        if not refused:
            messages.success(request, f"已保存用户 {account.username}")
            return redirect("accounts:users")
    title = f"编辑用户：{account.username}" if account else "新建用户"
    return render(request, "web/form.html", {"form": form, "title": title, "account": account})


@page(Cap.MANAGE_USERS)
def user_reset_password(request, pk: int):
    account = get_object_or_404(managed_accounts(request.user), pk=pk)
    form = ResetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal(request, form) as refused:
            reset_password(account, actor=request.user, password=form.cleaned_data["password"])
        if not refused:
            messages.success(request, f"已重置 {account.username} 的密码，该用户下次登录须修改密码")
            return redirect("accounts:users")
    return render(request, "web/form.html", {"form": form, "title": f"重置密码：{account.username}"})


@page(Cap.MANAGE_USERS)
@require_POST
def user_unlock(request, pk: int):
    account = get_object_or_404(managed_accounts(request.user), pk=pk)
    signin.unlock_account(account, actor=request.user)
    messages.success(request, f"已解锁 {account.username}")
    return redirect("accounts:users")


@page(Cap.MANAGE_USERS)
@require_POST
def user_reset_factor(request, pk: int):
    account = get_object_or_404(managed_accounts(request.user), pk=pk)
    factors.reset_factor(account, actor=request.user)
    messages.success(request, f"已重置 {account.username} 的动态验证码，该用户下次登录时重新绑定")
    return redirect("accounts:users")
