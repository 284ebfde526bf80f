"""AuditedModel: domain models inherit it and every save, delete and queryset write is audited.

Saves and deletes record in the same transaction as the write, so a rolled-back write leaves no entry
and an entry never describes a write that did not happen.
"""

from django.db import models, router, transaction

from shuangyong.audit import services
from shuangyong.audit.models import AuditAction


class AuditedQuerySet(models.QuerySet):
    def update(self, **kwargs):
        fields = [self.model._meta.get_field(name).attname for name in kwargs]
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            before = {row["pk"]: row for row in self.model._base_manager.filter(pk__in=pks).values("pk", *fields)}
            count = super().update(**kwargs)
            rows = []
            for obj in self.model._base_manager.filter(pk__in=pks):
                after = {f: services.to_json(getattr(obj, f)) for f in fields}
                old = {f: services.to_json(before[obj.pk][f]) for f in fields}
                if old != after:
                    rows.append((obj.pk, str(obj), *services.diff(old, after)))
            services.record_many(AuditAction.UPDATE, self.model, rows)
        return count

    update.alters_data = True

    def delete(self):
        with transaction.atomic(using=self.db):
            rows = [(obj.pk, str(obj), services.snapshot(obj), None) for obj in self]
            result = super().delete()
            services.record_many(AuditAction.DELETE, self.model, rows)
        return result

    delete.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            services.record_many(
                AuditAction.CREATE, self.model, [(o.pk, str(o), None, services.snapshot(o)) for o in created]
            )
        return created


class AuditedModel(models.Model):
    audit_exclude: tuple[str, ...] = ()  # fields never recorded
    audit_masked: tuple[str, ...] = ()  # secrets: recorded as a fingerprint, so a change shows but not the value

    objects = AuditedQuerySet.as_manager()

    class Meta:
        abstract = True

    def _audit_before(self) -> dict | None:
        if self._state.adding or self.pk is None:
            return None
        current = type(self)._base_manager.using(self._state.db).filter(pk=self.pk).first()
        return services.snapshot(current) if current is not None else None

    def save(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            before = self._audit_before()
            super().save(*args, **kwargs)
            after = services.snapshot(self)
            if before is None:
                services.record(AuditAction.CREATE, self, None, after)
            else:
                old, new = services.diff(before, after)
                if new:
                    services.record(AuditAction.UPDATE, self, old, new)

    save.alters_data = True

    def delete(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            before, pk = services.snapshot(self), self.pk
            result = super().delete(*args, **kwargs)
            services.record(AuditAction.DELETE, self, before, None, object_id=pk)
        return result

    delete.alters_data = True
