"""What deleting a record would take with it, asked of Django's own deletion collector —
the same one `delete()` runs — so the confirmation page lists exactly what goes, and a
record that others protect (`on_delete=PROTECT`) is offered for archiving instead.

The audit log's own entries are left out of the list: they stay, so the deletion itself
remains on record.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import router
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector

_NOT_LISTED = {"auditlog"}


@dataclass(frozen=True)
class DeletionPlan:
    """`removes`: (plural name, count) of every record deleting the object removes, the
    object's own kind first; `protected_by`: what keeps it from being deleted."""

    removes: list[tuple[str, int]]
    protected_by: list[tuple[str, int]]

    @property
    def can_delete(self) -> bool:
        return not self.protected_by


def _counted(objects) -> list[tuple[str, int]]:
    counts = Counter(str(obj._meta.verbose_name_plural) for obj in objects
                     if obj._meta.app_label not in _NOT_LISTED)
    return sorted(counts.items())


def deletion_plan(obj) -> DeletionPlan:
    """What `obj.delete()` would remove, or what protects it, without deleting anything."""
    collector = Collector(using=router.db_for_write(obj.__class__, instance=obj))
    try:
        collector.collect([obj])
    except (ProtectedError, RestrictedError) as error:
        blocking = getattr(error, "protected_objects", None) or error.restricted_objects
        return DeletionPlan(removes=[], protected_by=_counted(blocking))
    objects = [o for instances in collector.data.values() for o in instances]
    objects += [o for qs in collector.fast_deletes for o in qs]
    own = str(obj._meta.verbose_name_plural)
    removes = _counted(objects)
    removes.sort(key=lambda item: item[0] != own)
    return DeletionPlan(removes=removes, protected_by=[])
