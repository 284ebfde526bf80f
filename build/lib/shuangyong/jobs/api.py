from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from shuangyong.api.base import choice_param
from shuangyong.jobs.models import Job, JobStatus
from shuangyong.jobs.serializers import JobSerializer
from shuangyong.jobs.services import visible_jobs

TAGS = ["jobs 后台任务"]
FILTERS = [
    OpenApiParameter(
        "status", str, enum=JobStatus.values, description=" / ".join(f"{v} {label}" for v, label in JobStatus.choices)
    ),
    OpenApiParameter("kind", str, description="任务类型，如 import_persons"),
]


@extend_schema_view(list=extend_schema(tags=TAGS, parameters=FILTERS), retrieve=extend_schema(tags=TAGS))
class JobViewSet(viewsets.ReadOnlyModelViewSet):
    """后台任务: the caller's own jobs and those over their region (all for the administrators).

    Jobs are visible to their creator as well as by region, which accounts.scope alone does not express:
    jobs.services.visible_jobs combines the two.
    """

    serializer_class = JobSerializer
    queryset = Job.objects.none()  # for the schema; get_queryset is what runs

    def get_queryset(self):
        jobs = visible_jobs(self.request.user).select_related("created_by")
        if status := choice_param(self.request, "status", JobStatus.values):
            jobs = jobs.filter(status=status)
        if kind := self.request.query_params.get("kind", "").strip():
            jobs = jobs.filter(kind=kind)
        return jobs.order_by("-created_at", "-id")
