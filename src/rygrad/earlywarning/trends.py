"""The dashboard's trend lines: registered with `core.signals.register_trend_provider` (in
apps.py), so the initiatives app shows them without importing this app."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .periods import point_label
from .sparklines import sparkline
from .stories import Story, stories_at


def trend_title(story: Story) -> str:
    """The trend line's name for a screen reader: which signal, from when to when."""
    return _("%(signal)s from %(first)s to %(last)s") % {
        "signal": story.signal.label, "first": point_label(story.points[0].on),
        "last": point_label(story.latest.on)}


def dashboard_trends(*, actor, at: dt.date, values: dict) -> dict[str, str]:
    """Each signal's trend line, where it stands and its change in a year, as HTML
    (`values`: every signal's value on `at`, which the dashboard has computed)."""
    if actor.initiative is None or not actor.can("earlywarning.view"):
        return {}
    initiative = actor.initiative
    trends = {}
    for story in stories_at(initiative=initiative, at=at, live=values):
        url = reverse("earlywarning:signal", kwargs={"slug": initiative.slug,
                                                     "key": story.signal.key})
        if at != _today():
            url += f"?at={at.isoformat()}"
        trends[story.signal.key] = render_to_string("earlywarning/_trend.html", {
            "story": story, "url": url,
            "svg": sparkline(story, title=trend_title(story)) if story.complete else "",
        })
    return trends


def _today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()
