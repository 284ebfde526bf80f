"""The API's sign-in: a token for user name, password (and, where required, the second factor's code); the
owner's list of tokens, revocation of one, and sign-out (revocation of the token in use)."""

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from knox.models import AuthToken
from rest_framework import permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from shuangyong.accounts import factors
from shuangyong.accounts.passwords import must_change_password
from shuangyong.accounts.tokens import issue_token, revoke_token
from shuangyong.api.base import NOT_FOUND, ErrorSerializer

TAGS = ["auth 登录"]
WRONG = "无法使用提供的认证信息登录。"


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label="用户名")
    password = serializers.CharField(label="密码", style={"input_type": "password"}, trim_whitespace=False)
    code = serializers.CharField(label="动态验证码", required=False, allow_blank=True, help_text="须第二因子的用户必填")

    def validate(self, attrs):
        request = self.context["request"]
        user = authenticate(request=request, username=attrs["username"], password=attrs["password"])
        if user is None:
            raise serializers.ValidationError(getattr(request, "sign_in_refusal", "") or WRONG)
        if reason := must_change_password(user):
            raise serializers.ValidationError(f"{reason}：请先在网页上登录并修改密码，再申请令牌")
        if factors.required_or_enrolled(user):
            if not factors.has_device(user):
                raise serializers.ValidationError("您须先在网页上登录并绑定动态验证码（第二因子），再申请令牌")
            if not factors.verify_code(user, attrs.get("code", "")):
                raise serializers.ValidationError("动态验证码错误或缺失")
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    expiry = serializers.DateTimeField()


class TokenInfoSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="token_key", help_text="令牌的前 15 位，用于吊销")
    current = serializers.SerializerMethodField()

    class Meta:
        model = AuthToken
        fields = ["id", "created", "expiry", "current"]

    def get_current(self, token) -> bool:
        return token.pk == getattr(self.context["request"].auth, "pk", None)


class TokenView(APIView):
    """Exchange user name and password (and the second factor's code) for an API token that expires; send it as
    `Authorization: Token <token>`."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []

    @extend_schema(
        tags=TAGS,
        auth=[],  # the one endpoint reached without a token
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            400: ErrorSerializer,
        },
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, key = issue_token(serializer.validated_data["user"])
        return Response(TokenSerializer({"token": key, "expiry": token.expiry}).data)


class TokenListView(APIView):
    """The caller's own unexpired tokens."""

    @extend_schema(tags=TAGS, responses=TokenInfoSerializer(many=True))
    def get(self, request):
        tokens = AuthToken.objects.filter(user=request.user).order_by("-created")
        return Response(TokenInfoSerializer(tokens, many=True, context={"request": request}).data)


class TokenRevokeView(APIView):
    """Revoke one of the caller's tokens by its id (the first 15 characters)."""

    @extend_schema(tags=TAGS, responses={204: None, 404: ErrorSerializer})
    def delete(self, request, token_id: str):
        token = AuthToken.objects.filter(user=request.user, token_key=token_id).first()
        if token is None:
            return Response({"detail": NOT_FOUND}, status=status.HTTP_404_NOT_FOUND)
        revoke_token(token, reason="所有者吊销")
        return Response(status=status.HTTP_204_NO_CONTENT)


class SignOutView(APIView):
    """Revoke the token this request was made with."""

    @extend_schema(tags=TAGS, request=None, responses={204: None})
    def post(self, request):
        if isinstance(request.auth, AuthToken):
            revoke_token(request.auth, reason="退出登录")
        return Response(status=status.HTTP_204_NO_CONTENT)
