"""`GET /api/todo/`: the signed-in user's to-do list, the same as the home page's and `shuangyong todo --json`."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from shuangyong.todo.registry import todos_for

ITEMS = inline_serializer(
    "TodoItem",
    {
        "kind": serializers.CharField(),
        "label": serializers.CharField(),
        "count": serializers.IntegerField(),
        "due": serializers.DateField(allow_null=True),
        "url": serializers.CharField(),
    },
    many=True,
)


@extend_schema(tags=["todo 待办事项"], operation_id="todo_list", responses={200: ITEMS})
@api_view(["GET"])
def todo_list(request):
    """待办事项：数量、时限（无则为 null）、对应列表的链接；日历事项的数量为 0。"""
    return Response([item.as_json() for item in todos_for(request.user)])
