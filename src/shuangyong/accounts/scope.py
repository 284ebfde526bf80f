"""The one place that decides which records a user may see and change.

Every list, detail, API endpoint and service goes through `visible(...)` for reads and
`ensure_can_write(...)` for writes. A model takes part by declaring:

- `scope_region_field`: the Region foreign key that places a record (a code range filters its subtree);
- `scope_unit_field` (optional): the field holding the owning unit's id, for member-unit staff;
- `scope_read_ancestors` (optional): records placed at an ancestor of the user's region (county-wide
  bureaus, garrisons) are readable, not writable, by users below it.
"""

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models

from shuangyong.accounts.roles import REGION_ROLES, UNIT_ROLES, Cap, Role
from shuangyong.accounts.system import is_system
from shuangyong.regions.codes import PREFIX_LENGTH, Level, level_of, subtree_bounds
from shuangyong.regions.models import subtree_q

# a filtered queryset keeps its class, and with it the methods of a model's own QuerySet
QS = TypeVar("QS", bound=models.QuerySet)

NOTHING = models.Q(pk__in=[])
REFERENCE_MODELS = {"units.unit", "regions.region"}


class ScopeDenied(PermissionDenied):
    pass


def ancestor_codes(code: str) -> list[str]:
    level = level_of(code)
    return [code[: PREFIX_LENGTH[Level(lv)]].ljust(12, "0") for lv in range(Level.PROVINCE, level)]


def in_subtree(code: str | None, root: str) -> bool:
    if not code:
        return False
    low, high = subtree_bounds(root)
    return low <= code <= high


def _unit_region(user) -> str | None:
    return user.unit.region_id if user.unit_id else None


def scope_q(user, model, *, write: bool = False) -> models.Q:
    """The filter for the records of `model` that `user` may read (or, with write=True, change)."""
    if is_system(user):
        return models.Q()  # automation acts on the whole installation (it cannot sign in: accounts.system)
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    region_field = getattr(model, "scope_region_field", None)
    unit_field = getattr(model, "scope_unit_field", None)
    read_ancestors = getattr(model, "scope_read_ancestors", False) and not write

    if user.role in REGION_ROLES and user.region_id and region_field:
        q = subtree_q(region_field, user.region_id)
        if read_ancestors:
            q |= models.Q(**{f"{region_field}__in": ancestor_codes(user.region_id)})
        return q
    if user.role in UNIT_ROLES and user.unit_id:
        q = models.Q(**{unit_field: user.unit_id}) if unit_field else NOTHING
        if read_ancestors and region_field and _unit_region(user):
            region = _unit_region(user)
            q |= models.Q(**{f"{region_field}__in": [*ancestor_codes(region), region]})
        return q
    if user.role == Role.SYSADMIN and model._meta.label_lower in REFERENCE_MODELS:
        # the system administrator maintains reference data (regions, units) everywhere
        return models.Q()
    return NOTHING


def administered_q(admin, path: str = "") -> models.Q:
    """The accounts a security or audit administrator answers for: every account for one without a region (the
    installation's), else those placed in the administrator's subtree — by their region or their unit's. `path`
    prefixes the lookups (an audit entry's accounts are at "actor__")."""
    if not admin.region_id:
        return models.Q()
    return subtree_q(f"{path}region", admin.region_id) | subtree_q(f"{path}unit__region", admin.region_id)


def placed_within(account, admin) -> bool:
    """Whether an account (new, or as it would be after a change) lies within the administrator's region."""
    if not admin.region_id:
        return True
    place = account.region_id or (account.unit.region_id if account.unit_id else None)
    return in_subtree(place, admin.region_id)


def visible(user, queryset: QS) -> QS:
    return queryset.filter(scope_q(user, queryset.model))


def writable(user, queryset: models.QuerySet) -> models.QuerySet:
    return queryset.filter(scope_q(user, queryset.model, write=True))


def required_capability(model) -> str:
    return {"units.unit": Cap.MANAGE_UNITS, "regions.region": Cap.MANAGE_REGIONS}.get(
        model._meta.label_lower, Cap.EDIT_RECORDS
    )


def _value_at(obj, path: str):
    """The stored value at a lookup path such as "region" or "person__region" (the key, not the object)."""
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop)
        if obj is None:
            return None
    if last == "pk":
        return obj.pk
    return getattr(obj, type(obj)._meta.get_field(last).attname)


def _obj_in_write_scope(user, obj) -> bool:
    model = type(obj)
    if is_system(user):
        return True
    if user.role == Role.SYSADMIN:
        return model._meta.label_lower in REFERENCE_MODELS
    region_field = getattr(model, "scope_region_field", None)
    if user.role in REGION_ROLES and region_field:
        return in_subtree(_value_at(obj, region_field), user.region_id)
    unit_field = getattr(model, "scope_unit_field", None)
    if user.role in UNIT_ROLES and unit_field:
        unit_id = _value_at(obj, unit_field)
        return unit_id is not None and unit_id == user.unit_id
    return False


def ensure_can_write(user, obj, *, original=None) -> None:
    """Raise ScopeDenied unless `user` may write `obj` (and, for a change, the stored `original` too).

    Checking the original stops a user from moving a record out of another town into their own.
    """
    if user is None or not user.is_authenticated or not user.can(required_capability(type(obj))):
        raise ScopeDenied("您的角色无权修改此类记录")
    for candidate in (obj, original):
        if candidate is not None and not _obj_in_write_scope(user, candidate):
            raise ScopeDenied("该记录不在您的管辖范围内")


def ensure_can_read(user, obj) -> None:
    model = type(obj)
    if not visible(user, model._default_manager.filter(pk=obj.pk)).exists():
        raise ScopeDenied("该记录不在您的管辖范围内")
