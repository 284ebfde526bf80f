from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from shuangyong.jobs.serializers import JobSerializer
from shuangyong.jobs.services import visible_jobs


@extend_schema_view(list=extend_schema(tags=["jobs 后台任务"]), retrieve=extend_schema(tags=["jobs 后台任务"]))
class JobViewSet(viewsets.ReadOnlyModelViewSet):
    """后台任务: the caller's own jobs and those over their region, with progress and result."""

    serializer_class = JobSerializer

    def get_queryset(self):
        return visible_jobs(self.request.user).order_by("-created_at", "-id")
