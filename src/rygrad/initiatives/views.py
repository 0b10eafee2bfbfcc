"""The front page (initiatives on this installation) and an initiative's dashboard."""

import datetime as dt

from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from rygrad.core.signals import signals_by_condition
from rygrad.core.views import initiative_view

from .selectors import initiatives_visible_to


def front_page(request):
    initiatives = initiatives_visible_to(user=request.user).distinct()
    return render(request, "initiatives/front_page.html", {"initiatives": initiatives})


def as_of_date(request) -> tuple[dt.date, str | None]:
    """The `?at=YYYY-MM-DD` date of a page that can look back in time (default: today)."""
    today = timezone.localdate()
    raw = request.GET.get("at", "").strip()
    if not raw:
        return today, None
    try:
        parsed = parse_date(raw)
    except ValueError:
        parsed = None
    if parsed is None:
        return today, _("“%(value)s” is not a date (use YYYY-MM-DD); showing today.") % {
            "value": raw}
    return parsed, None


@initiative_view("initiative.view")
def dashboard(request, slug):
    """The initiative's home: the six conditions and the stages of change as cards, each
    with its headline signals, warnings first. The public sees the public summary only."""
    at, date_error = as_of_date(request)
    internal = request.actor.can("initiative.view_internal")
    groups = signals_by_condition(initiative=request.initiative, at=at) if internal else []
    warnings = sum(1 for _c, values in groups for v in values if v.warning)
    return render(request, "initiatives/dashboard.html", {
        "groups": groups, "at": at, "date_error": date_error, "internal": internal,
        "warning_count": warnings,
    })
