"""The one way a page shows a service's refusal (the API's is api.base.exception_handler).

A rule's refusal (errors.RuleError, each app's own error derives from it) is the user's to mend: on a form it
becomes the error of the field it names (or of the whole form), elsewhere a message on the next page. A refusal
of scope or rights (django's PermissionDenied, accounts.scope.ScopeDenied) is never caught here: it is the 403
page on every page and a 403 in the API.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib import messages

from shuangyong.errors import RuleError


class Refusal:
    """Truthy once a refusal was caught; `message` holds its Chinese text."""

    def __init__(self) -> None:
        self.message = ""

    def __bool__(self) -> bool:
        return bool(self.message)


@contextmanager
def refusal(request, form=None) -> Iterator[Refusal]:
    refused = Refusal()
    try:
        yield refused
    except RuleError as exc:
        refused.message = str(exc) or "操作未完成"
        if form is None:
            messages.error(request, refused.message)
        else:
            field = exc.field if exc.field in form.fields else None
            form.add_error(field, refused.message)
