"""One-time pupil codes for the secretariat: how many each class has left, and slips to
print. The codes in clear exist only in the page that prints them (only fingerprints are
stored), so the slips are shown once, as the answer to the POST that makes them."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from rygrad.core.forms import form_submit
from rygrad.core.views import initiative_view
from rygrad.measurement import selectors, services
from rygrad.measurement.forms import PupilSlipsForm

from .manage import _wave_or_404


@never_cache
@initiative_view("measurement.manage")
def pupil_codes(request, slug, pk):
    """Counts of unused and used pupil codes per class (GET); make and print slips (POST)."""
    wave = _wave_or_404(request, pk)
    counts = selectors.pupil_code_counts(wave=wave)
    form = PupilSlipsForm(request.POST or None, classes=[(c.school, c.grade) for c in counts])
    slips = form_submit(request, form, lambda data: services.pupil_codes_issue(
        wave=wave, classes=form.classes(), by=request.actor), _(
        "Print this page now (your browser's Print command, Ctrl+P): the codes are shown "
        "only this once. Cut along the dashed lines and give each pupil one slip."))
    if slips is not None:
        return render(request, "measurement/pupil_slips.html", {
            "wave": wave, "classes": slips,
            "answer_url": request.build_absolute_uri(reverse("survey:start")),
        })
    return render(request, "measurement/pupil_codes.html", {
        "wave": wave, "form": form, "counts": counts,
        "unused": sum(c.unused for c in counts), "used": sum(c.used for c in counts),
    })
