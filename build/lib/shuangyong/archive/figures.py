"""The archive's figures for the yearly summary (section 档案资料), for a region subtree or a unit.

A file counts in the year it is filed under (Attachment.year, chosen at upload), placed by its region (region
scope: the subtree) or its owning unit (unit scope). One figure per shipped category (data/categories.csv)
other than 照片, which is archive.photos.
"""

import re

from django.db.models import Count, Q

from shuangyong.archive.models import Attachment
from shuangyong.archive.reference import shipped_rows
from shuangyong.figures.catalogue import Figure, Scope, register
from shuangyong.figures.examples import Example, register_examples

BOTH = frozenset({"region", "unit"})
PHOTO = "photo"


def attachments(scope: Scope, category: str | None = None):
    where = scope.in_region("region") if scope.is_region else Q(unit__code=scope.unit)
    rows = Attachment.objects.filter(where, year=scope.year)
    return rows.filter(category__code=category) if category else rows


register(
    Figure(
        key="archive.attachments",
        label="档案资料份数",
        unit="份",
        section="archive",
        value=lambda scope: attachments(scope).count(),
        records=attachments,
        source="双拥资料档案：归入本年度的照片和文件（按所属区划或单位）",
        scopes=BOTH,
    )
)
register(
    Figure(
        key="archive.photos",
        label="照片张数",
        unit="张",
        section="archive",
        value=lambda scope: attachments(scope, PHOTO).count(),
        records=lambda scope: attachments(scope, PHOTO),
        source="双拥资料档案：本年度类别为“照片”的资料",
        scopes=BOTH,
    )
)


def _register_category(code: str, name: str) -> None:
    register(
        Figure(
            key=f"archive.category.{code}",
            label=f"档案资料：{name}",
            unit="份",
            section="archive",
            value=lambda scope: attachments(scope, code).count(),
            records=lambda scope: attachments(scope, code),
            source=f"双拥资料档案：本年度类别为“{name}”的资料",
            scopes=BOTH,
        )
    )


for row in shipped_rows("categories.csv"):
    if row["code"] != PHOTO:  # photos are archive.photos
        _register_category(row["code"], row["name"])


DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}\s*")
PLACES = ("regions", "units")  # files kept on a region or unit itself are its general files, not a piece of work


def _archive_examples(scope: Scope) -> list[Example]:
    """The record best kept on file: the most photos and files attached to one record of the year."""
    rows = (
        attachments(scope)
        .exclude(record_repr="")
        .exclude(content_type__app_label__in=PLACES)
        .values("record_repr")
        .annotate(n=Count("id"), photos=Count("id", filter=Q(category__code=PHOTO)))
        .order_by("-n", "record_repr")[:1]
    )
    examples = []
    for row in rows:
        title = DATE_PREFIX.sub("", row["record_repr"])
        kept = f"照片{row['photos']}张" if row["photos"] == row["n"] else f"照片和文件{row['n']}份"
        examples.append(Example(f"“{title}”整理归档{kept}", "archive.attachments"))
    return examples


register_examples("archive", "archive.attachments", _archive_examples)
