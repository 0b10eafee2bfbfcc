"""How fresh cached numbers are: the installation's *data version*.

Every record a signal or page counts is registered with the audit log (django-auditlog),
which writes an entry in the same transaction as each save, delete or change of a
many-to-many link. The id of the latest entry therefore moves with every change of data,
is read with one indexed query, and a cache keyed by it can never serve numbers older than
the data — also inside a transaction that has not committed yet, and after a restart. It is
one version for the whole installation: a change in one initiative recomputes the others'
cached numbers too, which costs little at the scale of a municipality.

Writes that bypass the audit log (`bulk_create`, `QuerySet.update`) must not touch what
signals count: the survey's responses, codes and population counts are written in bulk,
but the survey's numbers come from releases, and publishing a release saves a `Release`
(which is logged). `core/tests/test_freshness.py` pins that the models the signals read are
registered.
"""

from __future__ import annotations

from django.db.models import Max


def data_version() -> int:
    """The id of the latest audit-log entry (0 before the first)."""
    from auditlog.models import LogEntry

    return LogEntry.objects.aggregate(latest=Max("id"))["latest"] or 0


def record_bulk_change(instance, *, field: str, before: str, after: str) -> None:
    """Write the audit entry a bulk write (which the audit log does not see) would have
    had, on the record the bulk rows belong to — e.g. a wave's population replaced from a
    spreadsheet — so the change is in the record's history and moves the data version."""
    from auditlog.models import LogEntry

    LogEntry.objects.log_create(instance, action=LogEntry.Action.UPDATE,
                                changes={field: [before, after]})


def kept(kind: str, shape, compute, *, seconds: int, keep_if=None):
    """What `compute()` returns, kept in the shared cache under a hash of `shape` — the
    JSON-able list of everything the result depends on (with `data_version()` in it for
    numbers of the data) — so any worker that asks again for the same shape gets it
    without computing. `keep_if(result)` may decline to keep a result that is not final
    yet; `seconds` bounds what an old result occupies."""
    import hashlib
    import json

    from django.core.cache import cache

    digest = hashlib.sha256(json.dumps(shape, sort_keys=True, default=str).encode())
    key = f"rygrad:{kind}:{digest.hexdigest()}"
    found = cache.get(key)
    if found is None:
        found = compute()
        if keep_if is None or keep_if(found):
            cache.set(key, found, seconds)
    return found
