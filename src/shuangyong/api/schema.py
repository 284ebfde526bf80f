"""The OpenAPI schema as the API answers: /api/v1/ is the documented path (the unversioned /api/ paths of 0.1 are
kept as aliases of the same views and left out, so each operation is listed once), and every operation documents
its refusals in the one shape the exception handler gives them, {"detail": "..."} (api.base.ErrorSerializer)."""

from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import AllowAny

from shuangyong.api.base import ErrorSerializer

VERSIONED = "/api/v1/"

ERRORS = {
    "400": "请求无效：参数或数据有误（detail 指明哪个参数或字段）",
    "401": "未登录或令牌无效、已过期",
    "403": "无权进行该操作",
    "404": "未找到该记录（不存在，或不在您的管辖范围内）",
}


def versioned_only(endpoints, **kwargs):
    """PREPROCESSING_HOOKS: the schema lists the /api/v1/ paths only."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(VERSIONED)]


class Schema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["400"]
        if not all(permission is AllowAny for permission in self.view.permission_classes):
            codes += ["401", "403"]
        if "{" in self.path:
            codes.append("404")
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code, direction=direction)
            responses[code]["description"] = responses[code].get("description") or ERRORS[code]
        return responses
