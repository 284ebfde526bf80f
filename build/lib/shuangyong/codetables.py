"""Code tables shipped as data (each app's data/*.csv): 优抚类别, 待遇项目, 安置方式, 会议类型 ...

One reader and one loader for all of them. The loader creates the shipped rows that are missing and never
changes a row that exists: staff may have edited it (a name, an alias, a rule), and their edit stays. Every code
table is an AuditedModel, so a staff edit is in the audit log like any record's. Called from data migrations with
historical models, and by the demo and tests.
"""

import csv
from collections.abc import Iterable
from pathlib import Path

from django.db import models

from shuangyong.audit.mixins import AuditedModel


def read_rows(
    path: Path,
    *,
    flags: Iterable[str] = (),
    numbers: Iterable[str] = (),
    nullable: Iterable[str] = (),
) -> list[dict]:
    """The CSV's rows as field values: `flags` "1" → True, `numbers` as int (empty → None), `nullable` "" → None."""
    flags, numbers, nullable = set(flags), set(numbers), set(nullable)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = []
        for row in csv.DictReader(handle):
            for key in flags & row.keys():
                row[key] = row[key] == "1"
            for key in numbers & row.keys():
                row[key] = int(row[key]) if row[key] else None
            for key in nullable & row.keys():
                row[key] = row[key] or None
            rows.append(row)
        return rows


def load_shipped(model, rows: Iterable[dict], *, key: tuple[str, ...] = ("code",)) -> int:
    """Create each row whose `key` fields match no existing row; leave existing rows as they are. Returns how
    many were created."""
    existing = set(model._base_manager.values_list(*key))
    created = 0
    for row in rows:
        if tuple(row[k] for k in key) in existing:
            continue
        model._base_manager.create(**row)
        created += 1
    return created


class CodeTable(AuditedModel):
    """The fields most code tables share; a table adds its own."""

    code = models.SlugField("代码", max_length=32, primary_key=True)
    name = models.CharField("名称", max_length=40, unique=True)
    aliases = models.CharField("别名（用 | 分隔）", max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("有效", default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name

    def names(self) -> list[str]:
        """The name and every alias: what a sheet or a summary may call it."""
        return [self.name, *(a.strip() for a in self.aliases.split("|") if a.strip())]
