import dataclasses

from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from shuangyong.api.base import (
    NOT_FOUND,
    WRITE_ERRORS,
    DomainError,
    ScopedViewSetMixin,
    int_param,
    region_param,
    year_param,
)
from shuangyong.archive import browse
from shuangyong.archive.models import Attachment
from shuangyong.archive.serializers import AttachmentSerializer, AttachmentUploadSerializer
from shuangyong.archive.services import attach_file, delete_attachment, open_attachment

TAGS = ["archive 双拥资料档案"]
FILTERS = [
    OpenApiParameter("year", int, description="年度"),
    OpenApiParameter("category", str, description="类别代码：photo 照片、minutes 会议纪要、document 文件 ..."),
    OpenApiParameter("unit", int, description="所属单位 id"),
    OpenApiParameter("region", str, description="区划代码（12 位或简码）：该区划及以下"),
    OpenApiParameter("q", str, description="标题、文件名或所属记录包含"),
    OpenApiParameter("record_type", str, description="只列某条记录的附件：记录类型 app_label.model"),
    OpenApiParameter("record_id", str, description="与 record_type 同用：记录主键"),
]


def _record(record_type: str, record_id: str):
    app_label, _, model = record_type.partition(".")
    content_type = ContentType.objects.filter(app_label=app_label, model=model.lower()).first()
    model_class = content_type.model_class() if content_type else None
    if model_class is None:
        raise DomainError(f"参数 record_type：没有记录类型“{record_type}”")
    try:
        return model_class._default_manager.get(pk=record_id)
    except (model_class.DoesNotExist, ValueError):
        raise NotFound(NOT_FOUND) from None


@extend_schema_view(
    list=extend_schema(tags=TAGS, parameters=FILTERS),
    retrieve=extend_schema(tags=TAGS),
    create=extend_schema(
        tags=TAGS,
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentSerializer, **WRITE_ERRORS},
    ),
    destroy=extend_schema(tags=TAGS, responses={204: None, **WRITE_ERRORS}),
)
class AttachmentViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """档案资料: files and photos on any record, within the caller's scope. Uploads are checked by content
    (type, size, duplicates on the same record); downloads and deletions are audited."""

    base_queryset = Attachment.objects.select_related("category", "file_type", "content_type", "uploaded_by")
    serializer_class = AttachmentSerializer
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        rows = super().get_queryset()
        params = self.request.query_params
        filters = browse.Filters.from_query(params)
        checked = {"year": year_param(self.request), "unit": int_param(self.request, "unit")}
        region = region_param(self.request, "region")
        rows = browse.filtered(rows, dataclasses.replace(filters, region=region or "", **checked))
        if params.get("record_type"):
            record_type = params["record_type"]
            app_label, _, model = record_type.partition(".")
            rows = rows.filter(
                content_type__app_label=app_label,
                content_type__model=model.lower(),
                object_id=params.get("record_id", ""),
            )
        return rows

    def create(self, request, *args, **kwargs):
        upload = AttachmentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        record = _record(data["record_type"], data["record_id"])
        attachment = attach_file(
            record,
            data["file"],
            user=request.user,
            category=data.get("category", ""),
            title=data.get("title", ""),
            year=data.get("year"),
        )
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        delete_attachment(instance, user=self.request.user)

    @extend_schema(
        tags=TAGS, responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, "文件内容")}
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The file itself, as uploaded; the download is written to the audit log."""
        attachment = self.get_object()
        try:
            handle = open_attachment(attachment, user=request.user)
        except FileNotFoundError:
            raise NotFound("文件已不在存储中") from None
        response = FileResponse(handle, as_attachment=True, filename=attachment.original_name)
        response["Content-Type"] = attachment.mime
        return response


def register(router) -> None:
    """Add this app's API endpoints to the project router (api_urls.py calls it for every domain app)."""
    router.register("attachments", AttachmentViewSet, basename="attachment")
