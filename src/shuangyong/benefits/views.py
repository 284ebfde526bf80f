"""What the benefits pages share: who may open them, and a domain refusal turned into a message.

The pages themselves are in views_runs.py (发放批次, findings, lines, bank files) and views_standards.py
(抚恤补助标准, 工资基数, standards import)."""

from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import PermissionDenied

from shuangyong.accounts.roles import Cap
from shuangyong.benefits.services.engine import BenefitsError

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


class Refused:
    """Set when a service refused inside `reported`; the view then shows the form or page again."""

    def __init__(self):
        self.message = ""

    def __bool__(self) -> bool:
        return bool(self.message)


@contextmanager
def reported(request):
    """Run a service call; a rule's refusal (BenefitsError) becomes an error message on the next page.

    A scope or capability refusal (PermissionDenied) is not caught: it is a 403, as anywhere else."""
    refused = Refused()
    try:
        yield refused
    except BenefitsError as exc:
        refused.message = str(exc)
        messages.error(request, refused.message)
