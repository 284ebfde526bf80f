from django.http import JsonResponse
from django.shortcuts import render

from shuangyong.accounts.pages import page
from shuangyong.web.home import home_context


@page()
def home(request):
    return render(request, "web/home.html", home_context(request.user))


def permission_denied(request, exception=None):
    reason = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"reason": reason}, status=403)


API_NOT_FOUND = "未找到该接口或记录"
API_SERVER_ERROR = "服务器内部错误，请稍后重试；如一再出现，请告知系统管理员"


def _api(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception=None):
    if _api(request):  # an API client reads JSON, whatever went wrong: {"detail": "..."}
        return JsonResponse({"detail": API_NOT_FOUND}, status=404)
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

    if _api(request):
        return JsonResponse({"detail": API_SERVER_ERROR}, status=500)
    return HttpResponseServerError(loader.get_template("500.html").render())
