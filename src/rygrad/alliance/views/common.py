"""Small helpers shared by the alliance views."""

from __future__ import annotations

from django.http import HttpResponse

from rygrad.core.exports import Table, table_response

EXPORT_FORMATS = {"csv", "xlsx"}


def export_requested(request) -> str | None:
    """The export format asked for with ``?format=csv|xlsx``, or None for the page."""
    fmt = request.GET.get("format", "")
    return fmt if fmt in EXPORT_FORMATS else None


def export_or_none(request, build_table) -> HttpResponse | None:
    """Answer with the export of exactly the page's rows when one is asked for."""
    fmt = export_requested(request)
    if fmt is None:
        return None
    table: Table = build_table()
    return table_response(table, fmt)


def query_without_format(request) -> str:
    """The page's current filters, for export links that keep them."""
    params = request.GET.copy()
    params.pop("format", None)
    return params.urlencode()
