from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from shuangyong.accounts.scope import writable
from shuangyong.api.base import WRITE_ERRORS, ScopedViewSetMixin
from shuangyong.intake import services
from shuangyong.intake.models import SummaryDocument
from shuangyong.intake.serializers import DocumentSerializer, ExtractionSerializer, UploadSerializer
from shuangyong.units.models import Unit

TAGS = ["intake 总结识读"]


@extend_schema_view(list=extend_schema(tags=TAGS), retrieve=extend_schema(tags=TAGS))
class DocumentViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Uploaded summaries within the caller's scope; upload one and get what the reader found in it."""

    base_queryset = SummaryDocument.objects.select_related("unit")
    serializer_class = DocumentSerializer
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=TAGS,
        request=UploadSerializer,
        responses={201: ExtractionSerializer, **WRITE_ERRORS},
        operation_id="intake_upload",
    )
    def create(self, request):
        """Upload a .docx/.txt summary: it is read at once; the answer is the extraction (with the document id in
        the Location header and `X-Document-Id`)."""
        form = UploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        unit = None
        if form.validated_data.get("unit"):
            unit = get_object_or_404(writable(request.user, Unit.objects.all()), pk=form.validated_data["unit"])
        document = services.upload_document(
            form.validated_data["file"], user=request.user, unit=unit, year=form.validated_data.get("year")
        )
        location = f"{request.build_absolute_uri()}{document.pk}/extraction/"
        headers = {"Location": location, "X-Document-Id": str(document.pk)}
        return Response(document.extraction, status=status.HTTP_201_CREATED, headers=headers)

    @extend_schema(tags=TAGS, responses={200: ExtractionSerializer})
    @action(detail=True, methods=["get"])
    def extraction(self, request, pk=None):
        """The extraction: the same JSON as `shuangyong extract FILE --json`."""
        return Response(self.get_object().extraction)


def register(router) -> None:
    """Add this app's API endpoints to the project router (api_urls.py calls it for every domain app)."""
    router.register("intake/documents", DocumentViewSet, basename="intake-document")
