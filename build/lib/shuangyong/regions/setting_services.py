"""Changing local rules (RegionSetting): by a user who may manage settings, for their region or a place below it,
effective from a date; one at a time from the settings page, or a whole sheet (all rows or none). Audited by the
model. A value in force is inherited down the region tree until a nearer place sets its own."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import ensure_can_write, in_subtree
from shuangyong.audit.context import actor_for
from shuangyong.errors import RuleError
from shuangyong.regions.local_settings import SPECS, SettingValueError, lineage, parse_value, setting_in_force
from shuangyong.regions.models import Region, RegionSetting


class SettingError(RuleError):
    pass


def _ensure_can_set(user, region: Region) -> None:
    if user is None or not user.can(Cap.MANAGE_SETTINGS):
        raise PermissionDenied("您的角色不能维护地方设置")
    if not user.region_id or not in_subtree(region.code, user.region_id):
        raise PermissionDenied(f"{region.name}不在您的管辖范围内：只能设置本辖区及以下的区划")
    ensure_can_write(user, RegionSetting(region=region))


@transaction.atomic
def save_setting(region: Region, key: str, raw_value, *, valid_from: date, note: str = "", user) -> RegionSetting:
    """A value for the place (and everything below it) from `valid_from` on; the same date again replaces it."""
    spec = SPECS.get(key)
    if spec is None:
        raise SettingError(f"没有设置项“{key}”")
    with actor_for(user):
        _ensure_can_set(user, region)
        try:
            value = parse_value(spec, raw_value)
        except SettingValueError as exc:
            raise SettingError(str(exc)) from None
        row = RegionSetting.objects.select_for_update().filter(region=region, key=key, valid_from=valid_from).first()
        if row is not None:
            if row.value == value and row.note == note:
                return row
            row.value, row.note = value, note[:200]
            row.save()
            return row
        try:
            with transaction.atomic():
                return RegionSetting.objects.create(
                    region=region, key=key, value=value, valid_from=valid_from, note=note[:200]
                )
        except IntegrityError as exc:
            raise SettingError("该区划该设置项在同一生效日期已有取值，请刷新后重试") from exc


@dataclass
class SettingLine:
    """What the settings page shows for one key at a place: the value in force and where it comes from."""

    key: str
    label: str
    help: str
    shown: str
    origin: str
    history: list = field(default_factory=list)


def settings_for(region: Region, on: date) -> list[SettingLine]:
    chain = lineage(region.code)
    history = RegionSetting.objects.filter(region_id__in=chain).select_related("region").order_by("key", "-valid_from")
    by_key: dict[str, list] = {}
    for row in history:
        by_key.setdefault(row.key, []).append(row)
    lines = []
    for spec in SPECS.values():
        row = setting_in_force(spec.key, region.code, on)
        if row is None:
            origin, value = "系统默认", spec.default
        elif row.region_id == region.code:
            origin, value = f"本级设置（{row.valid_from:%Y-%m-%d} 起）", row.value
        else:
            origin, value = f"沿用{row.region.name}的设置（{row.valid_from:%Y-%m-%d} 起）", row.value
        lines.append(SettingLine(spec.key, spec.label, spec.help, spec.shown(value), origin, by_key.get(spec.key, [])))
    return lines
