"""What the benefits pages share: who may open them, and a domain refusal turned into a message.

The pages themselves are in views_runs.py (发放批次, findings, lines, bank files) and views_standards.py
(抚恤补助标准, 工资基数, standards import)."""

from django.core.exceptions import PermissionDenied

from shuangyong.accounts.roles import Cap

PAGE_SIZE = 50


def require_records(user) -> None:
    if not user.can(Cap.VIEW_RECORDS):
        raise PermissionDenied("您的角色不能查看待遇发放")


def require_editor(user) -> None:
    if not user.can(Cap.EDIT_RECORDS):
        raise PermissionDenied("您的角色不能办理待遇发放")


def require_standards_manager(user) -> None:
    if not user.can(Cap.MANAGE_STANDARDS):
        raise PermissionDenied("您的角色不能维护抚恤补助标准")
