"""The person's timeline as shown on the person page: events, plus the import that created the record."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import FieldDoesNotExist

from shuangyong.registry.choices import EventKind
from shuangyong.registry.models import Entitlement, Person


@dataclass
class TimelineItem:
    day: date
    label: str
    detail: str
    by: str


def _detail(event) -> str:
    d = event.details or {}
    parts = []
    if event.entitlement_id:
        parts.append(str(event.entitlement.category))
    for key, label in (
        ("reason", "原因"),
        ("cause", "原因"),
        ("destination", "迁往"),
        ("origin", "迁自"),
        ("pay_until", "发放至"),
        ("pay_from", "起发"),
        ("paid_through", "原县已发放至"),
        ("region", "迁入地"),
        ("old_county_pays_until", "原县发放至"),
        ("benefit", "增发项目"),
        ("year", "年度"),
    ):
        if d.get(key):
            parts.append(f"{label}：{d[key]}")
    if "after" in d and isinstance(d["after"], dict) and "grade" in d["after"]:
        parts.append(f"等级 {d.get('before', {}).get('grade')} → {d['after']['grade']}")
    elif "after" in d and isinstance(d["after"], str):
        parts.append(f"{d.get('before', '')} → {d['after']}")
    if d.get("changed"):
        parts.append("变更：" + "、".join(_field_label(name) for name in d["changed"]))
    return "；".join(parts)


def _field_label(name: str) -> str:
    """A changed field by its Chinese name (联系电话, not phone)."""
    for model in (Person, Entitlement):
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            continue
    return name


def person_timeline(person) -> list[TimelineItem]:
    items = []
    if person.import_batch_id:
        batch = person.import_batch
        items.append(
            TimelineItem(
                batch.created_at.date(),
                EventKind.IMPORT_CREATE.label,
                f"文件：{batch.file_name}",
                str(batch.created_by or "系统"),
            )
        )
    for event in person.events.select_related("entitlement__category", "created_by").order_by("date", "id"):
        items.append(
            TimelineItem(event.date, event.get_kind_display(), _detail(event), str(event.created_by or "系统"))
        )
    return sorted(items, key=lambda item: item.day)
