"""Creating and changing units. Each call checks the actor's scope and is audited by the model."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.errors import RuleError
from shuangyong.units.models import Unit

EDITABLE_FIELDS = (
    "code",
    "name",
    "short_name",
    "kind",
    "region",
    "garrison_branch",
    "designation",
    "partner_kind",
    "contact_name",
    "contact_phone",
    "is_active",
)


class UnitError(RuleError):
    pass


def _message(field_name: str, errors: list[str]) -> str:
    text = "，".join(errors)
    if field_name == "__all__":
        return text
    return f"{getattr(Unit._meta.get_field(field_name), 'verbose_name', field_name)}：{text}"


def _validate(unit: Unit) -> None:
    try:
        unit.full_clean(validate_unique=False)
    except ValidationError as exc:
        raise UnitError("；".join(_message(k, v) for k, v in exc.message_dict.items())) from None


def create_unit(*, user, **fields) -> Unit:
    unit = Unit(**{k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    ensure_can_write(user, unit)
    _validate(unit)
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError:
        raise UnitError(f"单位代码 {unit.code} 已存在") from None
    return unit


def update_unit(unit: Unit, *, user, **fields) -> Unit:
    with transaction.atomic():
        original = Unit.objects.select_for_update().get(pk=unit.pk)
        for name, value in fields.items():
            if name in EDITABLE_FIELDS:
                setattr(original, name, value)
        ensure_can_write(user, original, original=Unit.objects.get(pk=unit.pk))
        _validate(original)
        try:
            with transaction.atomic():
                original.save()
        except IntegrityError:
            raise UnitError(f"单位代码 {original.code} 已存在") from None
    return original
