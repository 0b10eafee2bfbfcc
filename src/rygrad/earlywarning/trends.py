"""The dashboard's trend lines: registered with `core.signals.register_trend_provider` (in
apps.py), so the initiatives app shows them without importing this app."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rygrad.core.freshness import kept

from .history import history_stamp
from .periods import point_label
from .sparklines import sparkline
from .stories import Story, stories_at


def trend_title(story: Story) -> str:
    """The trend line's name for a screen reader: which signal, from when to when."""
    return _("%(signal)s from %(first)s to %(last)s") % {
        "signal": story.signal.label, "first": point_label(story.points[0].on),
        "last": point_label(story.latest.on)}


# How long the dashboard's trend lines are kept: their key changes with the data and the
# history anyway; a day bounds what an old one occupies.
TRENDS_TIMEOUT = 24 * 60 * 60


def dashboard_trends(*, actor, at: dt.date, values: dict) -> dict[str, str]:
    """Each signal's trend line, where it stands and its change in a year, as HTML
    (`values`: every signal's value on `at`, which the dashboard has computed).

    Drawing them is most of the dashboard's work, and they change only with the data,
    the history, the thresholds, the language or the day: they are kept in the shared
    cache under all of those, once every line is complete (a line waiting for the
    history is drawn again on the next visit), and each line under its own points."""
    if actor.initiative is None or not actor.can("earlywarning.view"):
        return {}
    initiative = actor.initiative
    today = _today()
    shape = [initiative.pk, str(getattr(initiative, "created_at", "")), at.isoformat(),
             at == today, get_language(), initiative.signal_thresholds,
             history_stamp(initiative)]
    trends, _complete = kept("trends", shape, lambda: _trends(initiative, at, values, today),
                             seconds=TRENDS_TIMEOUT, keep_if=lambda made: made[1])
    return trends


def _trends(initiative, at: dt.date, values: dict,
            today: dt.date) -> tuple[dict[str, str], bool]:
    """Each story's HTML, drawn only where its points are new: a change of data moves a
    few signals, and the other lines are taken as they were last drawn for the same
    initiative, date and language — one entry of the shared cache holding every line
    under a hash of everything it shows (one read and at most one write, also with the
    database as the cache)."""
    from django.core.cache import cache

    stories = stories_at(initiative=initiative, at=at, live=values)
    language = get_language()
    store = f"rygrad:trend-lines:{initiative.pk}:{at.isoformat()}:{language}"
    before = cache.get(store) or {}
    lines, trends = {}, {}
    for story in stories:
        url = reverse("earlywarning:signal", kwargs={"slug": initiative.slug,
                                                     "key": story.signal.key})
        url += f"?at={at.isoformat()}" if at != today else ""
        shape = repr((story.signal.key, url, story.complete, story.at, story.points))
        line = hashlib.sha256(shape.encode()).hexdigest()
        lines[line] = before.get(line) or render_to_string("earlywarning/_trend.html", {
            "story": story, "url": url,
            "svg": sparkline(story, title=trend_title(story)) if story.complete else "",
        })
        trends[story.signal.key] = lines[line]
    if lines.keys() != before.keys():
        cache.set(store, lines, TRENDS_TIMEOUT)
    return trends, all(story.complete for story in stories)


def _today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()
