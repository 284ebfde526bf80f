"""Model fields for personal numbers encrypted at rest (fieldcrypt.py holds the cryptography).

`SealedField` stores ciphertext and gives Python code the plain value, so reading, writing, forms and
serializers need no change. Its exact and `in` lookups are answered by a sibling `BlindIndexField` (a keyed
HMAC), which also carries the unique constraints; `LastDigitsField` keeps the last four characters for search.
Lookups that would need the plain text in the database (contains, startswith, ordering by the number) are
refused: there is none.

Paths that bypass save() (QuerySet.update, bulk_update, raw SQL, COPY) must set the siblings themselves:
`sealed_values(model, values)` adds them to a dict of field values.
"""

import re

from django import forms
from django.core.exceptions import FieldError
from django.db import models
from django.db.models.expressions import Col

from shuangyong import fieldcrypt


def encrypt(value: str | None, kind: str) -> str | None:
    if value in (None, ""):
        return value
    return fieldcrypt.keys().encrypt(value, kind)


def decrypt(value: str | None, kind: str) -> str | None:
    if value in (None, ""):
        return value
    return fieldcrypt.keys().decrypt(value, kind)


def blind(value: str | None, keys: "fieldcrypt.Keys | None" = None) -> str:
    return (keys or fieldcrypt.keys()).blind(value) if value else ""


class SealedField(models.TextField):
    """kind: "id_number", "bank_account" or "phone" — the associated data of the ciphertext, so that a value can be
    copied between tables of the same kind (set-based SQL) but not moved into a field of another kind."""

    def __init__(self, *args, kind: str, index: str = "", **kwargs):
        self.kind, self.index = kind, index
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["kind"] = self.kind
        if self.index:
            kwargs["index"] = self.index
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return decrypt(value, self.kind)

    def get_prep_value(self, value):
        return encrypt(super().get_prep_value(value), self.kind)

    def formfield(self, **kwargs):
        # a one-line input, not the text area of a TextField
        return forms.CharField(max_length=self.max_length, required=not self.blank, label=self.verbose_name, **kwargs)


class _Sibling(models.CharField):
    """A column computed from a SealedField of the same model when the row is saved."""

    def __init__(self, *args, source: str, **kwargs):
        self.source = source
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key in ("editable", "blank", "default", "max_length"):
            kwargs.pop(key, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = self.compute(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


class BlindIndexField(_Sibling):
    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 32
        super().__init__(*args, **kwargs)

    @staticmethod
    def compute(value, keys=None):
        return blind(value, keys)


class LastDigitsField(_Sibling):
    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 4
        super().__init__(*args, **kwargs)

    @staticmethod
    def compute(value, keys=None):
        return (value or "")[-4:]


class ShapeField(_Sibling):
    """Whether the plain value has the expected shape ("ok"), another ("bad"), or is empty (""): checks over a
    million rows ask this column instead of decrypting every value."""

    def __init__(self, *args, pattern: str, **kwargs):
        self.pattern = re.compile(pattern)
        kwargs["max_length"] = 3
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["pattern"] = self.pattern.pattern
        return name, path, args, kwargs

    def compute(self, value, keys=None):
        if not value:
            return ""
        return "ok" if self.pattern.match(value) else "bad"


def sealed_values(model, values: dict) -> dict:
    """`values` (field name -> plain value, as for QuerySet.update) plus the siblings of each sealed field in it."""
    extra = {}
    for field in model._meta.concrete_fields:
        if isinstance(field, _Sibling) and field.source in values:
            extra[field.name] = field.compute(values[field.source])
    return {**values, **extra}


def _index_column(lookup, compiler):
    field = lookup.lhs.output_field
    if not field.index or not isinstance(lookup.lhs, Col):
        raise FieldError(f"“{field.verbose_name}”已加密存储，不能按它查找（{field.model.__name__}.{field.name}）")
    index = field.model._meta.get_field(field.index)
    return compiler.compile(Col(lookup.lhs.alias, index))


@SealedField.register_lookup
class SealedExact(models.Lookup):
    lookup_name = "exact"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        if self.rhs in (None, ""):
            lhs, params = compiler.compile(self.lhs)
            return f"{lhs} = %s", [*params, ""]
        sql, params = _index_column(self, compiler)
        return f"{sql} = %s", [*params, blind(self.rhs)]


@SealedField.register_lookup
class SealedIn(models.Lookup):
    lookup_name = "in"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        if not isinstance(self.rhs, list | tuple | set | frozenset):
            raise FieldError("加密字段的 in 查找只接受值的列表")
        values = [blind(v) for v in self.rhs if v]
        if not values:
            return "1 = 0", []
        sql, params = _index_column(self, compiler)
        return f"{sql} IN ({', '.join(['%s'] * len(values))})", [*params, *values]


def _refused(name):
    class Refused(models.Lookup):
        lookup_name = name

        def as_sql(self, compiler, connection):
            raise FieldError(
                f"“{self.lhs.output_field.verbose_name}”已加密存储，不能做“{name}”查找：请按完整号码或尾号查找"
            )

    return Refused


for _name in ("contains", "icontains", "startswith", "istartswith", "endswith", "iendswith", "regex", "iregex",
              "gt", "gte", "lt", "lte", "range", "iexact"):  # fmt: skip
    SealedField.register_lookup(_refused(_name))


def _recompute(model, siblings: list, also_written: list[str], batch_size: int) -> None:
    """Every row: each sibling computed from its sealed source, written back with `also_written` in batches."""
    sources = {f.source for f in siblings}
    written = [*also_written, *(f.name for f in siblings)]
    rows = []
    for row in model._base_manager.only("pk", *sources, *also_written).iterator(chunk_size=batch_size):
        for field in siblings:
            setattr(row, field.attname, field.compute(getattr(row, field.source)))
        rows.append(row)
        if len(rows) == batch_size:
            model._base_manager.bulk_update(rows, written)
            rows = []
    if rows:
        model._base_manager.bulk_update(rows, written)


def seal_existing(model, batch_size: int = 2000) -> None:
    """For data migrations: rewrite every row's sealed fields (read plain or sealed, written sealed) and siblings."""
    sealed = [f.name for f in model._meta.concrete_fields if isinstance(f, SealedField)]
    siblings = [f for f in model._meta.concrete_fields if isinstance(f, _Sibling)]
    _recompute(model, siblings, sealed, batch_size)


def fill_sibling(model, name: str, batch_size: int = 2000) -> None:
    """For data migrations adding a sibling: compute it for every existing row from its sealed source."""
    _recompute(model, [model._meta.get_field(name)], [], batch_size)
