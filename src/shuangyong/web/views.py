from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from shuangyong.web.context import DOMAIN_AREAS
from shuangyong.web.home import home_context


@login_required
def home(request):
    return render(request, "web/home.html", home_context(request.user))


@login_required
def coming_soon(request, area: str):
    labels = dict(DOMAIN_AREAS)
    if area not in labels:
        raise Http404
    return render(request, "web/coming_soon.html", {"label": labels[area]})


def permission_denied(request, exception=None):
    reason = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)
