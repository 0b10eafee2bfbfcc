"""Small helpers shared by the alliance views."""

from __future__ import annotations

from django.http import HttpResponse

from rygrad.core.exports import Table, requested_format, table_response


def export_or_none(request, build_table) -> HttpResponse | None:
    """Answer with the export of exactly the page's rows when one is asked for."""
    fmt = requested_format(request)
    if fmt is None:
        return None
    table: Table = build_table()
    return table_response(table, fmt)
