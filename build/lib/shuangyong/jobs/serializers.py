from rest_framework import serializers

from shuangyong.jobs.models import Job


class JobSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    created_by = serializers.CharField(source="created_by.username", read_only=True, allow_null=True, default=None)
    region = serializers.CharField(source="region_id", read_only=True, allow_null=True)

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "title",
            "status",
            "status_label",
            "percent",
            "done",
            "total",
            "messages",
            "result",
            "error",
            "created_by",
            "region",
            "created_at",
            "started_at",
            "finished_at",
        ]
