"""The early-warning pages: every signal's path, one signal's history with what drives it,
the path of change over the years, and each person's notices."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rygrad.core.exports import Table, query_without_format, requested_format, table_response
from rygrad.core.forms import form_submit
from rygrad.core.signals import Condition, Unit, all_signals, get_signal
from rygrad.core.views import initiative_view

from . import charts, sparklines
from .forms import EveryForm, NoticeSettingForm
from .history import history_read
from .judging import crossings, thresholds_of
from .models import Notification
from .notices import notice_setting_of, notice_setting_set, notice_text, notices_mark_read
from .path import path_of_change
from .periods import point_label
from .stories import stories_at

DRILLDOWN_ROWS = 50


def _as_of(request) -> tuple[dt.date, str | None]:
    """The `?at=YYYY-MM-DD` date the page looks back from (default: today)."""
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


def _every(request, default: str = "month") -> str:
    form = EveryForm(request.GET or None)
    return (form.cleaned_data.get("every") or default) if form.is_valid() else default


def _export_row(story, point) -> list:
    share = story.signal.unit == Unit.SHARE

    def number(value):
        if value is None:
            return None
        return round(value * 100, 1) if share else value

    return [str(story.signal.label), story.signal.key, "%" if share
            else str(story.signal.unit.label), point.on, number(point.value),
            number(point.threshold), point.warning]


def _export(stories, title: str, every: str) -> Table:
    columns = [_("Signal"), _("Key"), _("Unit"), _("Date"), _("Value"), _("Threshold"),
               _("In warning")]
    rows = [_export_row(story, point) for story in stories if story.complete
            for point in story.points
            if every == "month" or point is story.latest or point.on.month % 3 == 0]
    return Table(title=title, columns=columns, rows=rows)


@initiative_view("earlywarning.view")
def overview(request, slug):
    """Every signal's path up to the date, grouped by condition, warnings first."""
    initiative = request.initiative
    at, date_error = _as_of(request)
    history = history_read(initiative=initiative, at=at)
    stories = stories_at(initiative=initiative, at=at, history=history)
    every = _every(request)
    fmt = requested_format(request)
    if fmt:
        return table_response(_export(stories, _("Signal history"), every), fmt)
    groups = []
    for condition in Condition:
        mine = sorted((story for story in stories if story.signal.condition == condition),
                      key=lambda story: not story.latest.warning)
        if mine:
            groups.append((condition, [(story, sparklines.sparkline(
                story, title=_trend_title(story)) if story.complete else "")
                for story in mine]))
    unread = (Notification.objects.for_initiative(initiative)
              .filter(user=request.user, read_at__isnull=True).count())
    return render(request, "earlywarning/overview.html", {
        "groups": groups, "at": at, "date_error": date_error, "pending": history.pending,
        "unread": unread, "export_query": query_without_format(request),
        "warning_count": sum(1 for story in stories if story.latest.warning),
    })


def _trend_title(story) -> str:
    from .trends import trend_title

    return trend_title(story)


@initiative_view("earlywarning.view")
def signal_page(request, slug, key):
    """One signal: its history with the threshold, the threshold's own history, when it
    crossed, and the records behind its number today."""
    initiative = request.initiative
    try:
        signal = get_signal(key)
    except KeyError:
        raise Http404 from None
    at, date_error = _as_of(request)
    every = _every(request, default="quarter")  # 40 rows for ten years, not 120
    thresholds = thresholds_of(initiative)
    history = history_read(initiative=initiative, at=at, keys=[key])
    story = stories_at(initiative=initiative, at=at, history=history, thresholds=thresholds,
                       signals=[signal])[0]
    fmt = requested_format(request)
    if fmt:
        return table_response(_export([story], str(signal.label), every), fmt)
    drill_rows, drill_total = ([], 0)
    if signal.drilldown:
        drill_rows, drill_total = signal.drilldown.rows(request.actor, DRILLDOWN_ROWS)
    actor = request.actor
    threshold_changes = [
        {"on": on, "before": signal.format(before), "after": signal.format(after), "by": by}
        for on, before, after, by in thresholds.changes_of(signal)]
    _name_people(threshold_changes, show=actor.can("initiative.manage"))
    return render(request, "earlywarning/signal.html", {
        "signal": signal, "story": story, "at": at, "today": timezone.localdate(),
        "date_error": date_error,
        "every_form": EveryForm(initial={"every": every}, data={"every": every}),
        "every": every,
        "chart_svg": charts.history_svg(story) if story.complete else "",
        "chart_table": charts.history_table(story, every=every) if story.complete else None,
        "crossings": [{"on": point_label(c.on), "entered": c.entered,
                       "value": signal.format(c.value), "threshold": signal.format(c.threshold)}
                      for c in crossings(story.points)] if story.complete else [],
        "threshold_changes": threshold_changes,
        "show_who": actor.can("initiative.manage"),
        "drill_rows": drill_rows, "drill_total": drill_total, "link": signal.link_for(actor),
        "export_query": query_without_format(request), "pending": history.pending,
    })


def _name_people(rows: list[dict], *, show: bool) -> None:
    """Who changed a threshold, for those who manage the initiative (one query)."""
    from django.contrib.auth import get_user_model

    if not show:
        return
    people = get_user_model().objects.in_bulk({row["by"] for row in rows if row["by"]})
    for row in rows:
        row["by"] = str(people[row["by"]]) if row["by"] in people else ""


@initiative_view("earlywarning.view")
def path(request, slug):
    """The six conditions and three stages over the years: how many of their signals were
    in warning at each year's end. Printable."""
    initiative = request.initiative
    at, date_error = _as_of(request)
    history = history_read(initiative=initiative, at=at)
    years, rows = path_of_change(stories_at(initiative=initiative, at=at, history=history))
    return render(request, "earlywarning/path.html", {
        "years": years, "rows": rows, "at": at, "date_error": date_error,
        "pending": history.pending, "signals": len(all_signals())})


@initiative_view("earlywarning.notices")
def notices(request, slug):
    """The actor's notices of this initiative, newest first, and their choice of notices
    and email."""
    initiative = request.initiative
    setting = notice_setting_of(initiative=initiative, user=request.user)
    form = NoticeSettingForm(request.POST or None, initial={
        "muted": setting.muted, "email": setting.email})
    if form_submit(request, form, lambda data: notice_setting_set(
            initiative=initiative, by=request.actor, **data), _("Your choice was saved.")):
        return redirect("earlywarning:notices", slug=slug)
    mine = list(Notification.objects.for_initiative(initiative).filter(user=request.user)
                .select_related("crossing")[:200])
    return render(request, "earlywarning/notices.html", {
        "form": form, "notices": [(notice, notice_text(notice.crossing)) for notice in mine],
        "unread": sum(1 for notice in mine if notice.read_at is None),
    })


@initiative_view("earlywarning.notices")
@require_POST
def notices_read(request, slug):
    """Mark every notice read (a button on the notices page)."""
    form = forms.Form(request.POST)
    form_submit(request, form, lambda data: notices_mark_read(
        initiative=request.initiative, by=request.actor), _("Your notices are marked read."))
    return redirect("earlywarning:notices", slug=slug)
