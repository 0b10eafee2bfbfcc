"""The secretariat's review of a draft wave, and publishing it as a release.

Until a wave is published its numbers appear nowhere else, so this page is the only place
the secretariat sees a draft's results: the numbers the public page would show, next to
what it shows now, and any group the release would give away.
"""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from rygrad.core.forms import form_submit
from rygrad.core.views import initiative_view
from rygrad.measurement import selectors, services
from rygrad.measurement.analytics import indicator_table
from rygrad.measurement.models import Wave
from rygrad.measurement.releases import WavePublication
from rygrad.measurement.stored import release_table

from .common import indicator_names


def _year_rows(table) -> dict[str, dict]:
    """A year's numbers for all pupils, per indicator (as on the public page)."""
    return {row["indicator"]: row for row in table.to_dict("records")}


def _draft_rows(cube, wave) -> dict[str, dict]:
    """The draft's numbers for all pupils, computed for this review only."""
    if cube is None or "suppressed" not in cube:
        return {}
    return _year_rows(indicator_table(cube=cube, definition=wave.instrument.definition,
                                      by=["year"]))


@initiative_view("measurement.manage")
def wave_publish(request, slug, pk):
    """GET: review the draft against the current release. POST: publish it."""
    wave = get_object_or_404(Wave.objects.for_initiative(request.initiative)
                             .select_related("instrument"), pk=pk)
    form = forms.Form(request.POST)
    if form_submit(request, form, lambda data: services.wave_publish(wave=wave, by=request.actor),
                   lambda release: _("Published release %(number)s of %(wave)s.")
                   % {"number": release.number, "wave": wave}) is not None:
        return redirect("measurement:wave", slug=slug, pk=wave.pk)
    publication = WavePublication(wave=wave, k=selectors.min_group_size(request.initiative))
    refusals = publication.check()
    after = _draft_rows(publication.cube, wave)
    before = _year_rows(release_table(wave.release_token, [])) if wave.release_token else {}
    names = indicator_names(wave.instrument)
    rows = [{"name": names[slug], "before": before.get(slug), "after": after.get(slug)}
            for slug in names]
    cube = publication.cube
    hidden = int(cube["suppressed"].sum()) if "suppressed" in cube else None
    return render(request, "measurement/wave_publish.html", {
        "wave": wave, "form": form, "rows": rows, "refusals": [str(r) for r in refusals],
        "previous": publication.previous, "groups": len(cube), "hidden": hidden,
        "responses": wave.response_count, "k": selectors.min_group_size(request.initiative),
    })
