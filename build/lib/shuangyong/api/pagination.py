"""The API's page size: ?limit= and ?offset= checked, at most MAX_LIMIT rows a page. Its own module: DRF loads the
pagination class while api.base is still being imported."""

from rest_framework import exceptions
from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    """?limit= and ?offset= as whole numbers, at most MAX_LIMIT rows a page; anything else is a 400."""

    max_limit = 500

    def get_limit(self, request):
        raw = request.query_params.get(self.limit_query_param, "").strip()
        if raw and not (raw.isdigit() and 0 < int(raw) <= self.max_limit):
            raise exceptions.ParseError(f"参数 limit：“{raw}”无效，应为 1 至 {self.max_limit} 的整数")
        return super().get_limit(request)

    def get_offset(self, request):
        raw = request.query_params.get(self.offset_query_param, "").strip()
        if raw and not raw.isdigit():
            raise exceptions.ParseError(f"参数 offset：“{raw}”无效，应为不小于 0 的整数")
        return super().get_offset(request)
