from django.shortcuts import render

from shuangyong.accounts.pages import page
from shuangyong.web.home import home_context


@page()
def home(request):
    return render(request, "web/home.html", home_context(request.user))


def permission_denied(request, exception=None):
    reason = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    from django.conf import settings
    from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent

    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        reason = f"提交的内容过大（表单文字超过 {limit} MB），未保存。请缩短后再提交；大文件请用上传功能。"
    elif isinstance(exception, TooManyFieldsSent):
        reason = "提交的字段过多，未保存。请分批提交。"
    else:
        reason = "请求无效，未保存任何修改。请返回上一页重试。"
    return render(request, "400.html", {"reason": reason}, status=400)


def server_error(request):
    # rendered without the request's context: the error may lie in what base.html needs (database, navigation)
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())
