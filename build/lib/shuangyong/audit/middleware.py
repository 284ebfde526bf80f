from shuangyong.audit.context import acting_as


def client_address(request) -> str:
    # Behind a reverse proxy set the real address there; REMOTE_ADDR is what we trust by default.
    return request.META.get("REMOTE_ADDR", "") or "未知"


class AuditActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read request.user at write time: DRF's token authentication replaces it inside the view.
        with acting_as(source=client_address(request), get_user=lambda: getattr(request, "user", None)):
            return self.get_response(request)
