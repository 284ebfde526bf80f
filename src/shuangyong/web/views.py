from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def home(request):
    return HttpResponse("ok")


def permission_denied(request, exception=None):
    return HttpResponse("403", status=403)


def page_not_found(request, exception=None):
    return HttpResponse("404", status=404)
