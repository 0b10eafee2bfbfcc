"""Management pages for the secretariat: instruments, waves, population, class codes and
imports. Each view runs one service from its form with core.forms.form_submit, so a
refusal shows on the form, beside the field it names; the services check the permission
rule and the data."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from rygrad.core.exports import Table, requested_format, table_response
from rygrad.core.forms import form_submit
from rygrad.core.views import initiative_view
from rygrad.measurement import selectors, services
from rygrad.measurement.forms import ImportForm, InstrumentForm, UploadForm, WaveForm
from rygrad.measurement.models import Wave

from .common import instrument_or_404, withheld_text


def _wave_or_404(request, pk) -> Wave:
    return get_object_or_404(Wave.objects.for_initiative(request.initiative)
                             .select_related("instrument"), pk=pk)


def _overview(request):
    return reverse("measurement:overview", kwargs={"slug": request.initiative.slug})


@initiative_view("measurement.manage")
def instrument_create(request, slug):
    """Add (or update, by slug) an instrument from a shared JSON file or pasted text."""
    return _instrument_form(request, instrument=None)


@initiative_view("measurement.manage")
def instrument_edit(request, slug, pk):
    """Edit an instrument's JSON: texts, indicators and thresholds (items are fixed once
    answers exist)."""
    return _instrument_form(request, instrument=instrument_or_404(request, pk))


def _instrument_form(request, *, instrument):
    initial = {"definition": json.dumps(instrument.definition, ensure_ascii=False, indent=2)} \
        if instrument else {}
    form = InstrumentForm(request.POST or None, request.FILES or None, initial=initial)
    done = form_submit(request, form, lambda data: services.instrument_load(
        initiative=request.initiative, definition=data["parsed"], instrument=instrument,
        by=request.actor),
        lambda saved: _("Saved the instrument “%(name)s”.") % {"name": saved})
    if done is not None:
        return redirect(_overview(request))
    return render(request, "measurement/instrument_form.html",
                  {"form": form, "instrument": instrument})


@initiative_view("measurement.view")
def instrument_download(request, slug, pk):
    """The instrument as the JSON file other initiatives can load."""
    instrument = instrument_or_404(request, pk)
    response = HttpResponse(json.dumps(instrument.definition, ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{instrument.slug}.json"'
    return response


@initiative_view("measurement.manage")
def wave_create(request, slug):
    form = WaveForm(request.POST or None, initiative=request.initiative)
    wave = form_submit(request, form, lambda data: services.wave_create(
        initiative=request.initiative, by=request.actor, **data),
        lambda wave: _("Created the wave %(wave)s.") % {"wave": wave})
    if wave is not None:
        return redirect("measurement:wave", slug=slug, pk=wave.pk)
    return render(request, "measurement/wave_form.html", {"form": form})


@initiative_view("measurement.view")
def wave_detail(request, slug, pk):
    """Response rates of a wave by school and grade (counts of who answered, not what)."""
    wave = _wave_or_404(request, pk)
    can_manage = request.actor.can("measurement.manage")
    rows = selectors.response_rates(wave=wave, released=not can_manage)
    fmt = requested_format(request)
    if fmt:
        table = Table(title=f"{wave.instrument.slug}-{wave.year}-response-rates",
                      columns=[_("School"), _("Grade"), _("Pupils"), _("Responses"),
                               _("Response rate")],
                      rows=[[r.school, r.grade, r.pupils,
                             r.responses if r.responses is not None
                             else withheld_text(r.withheld, request.initiative),
                             None if r.rate is None else round(r.rate, 3)] for r in rows])
        return table_response(table, fmt)
    schools = selectors.response_rates(wave=wave, by_grade=False, released=not can_manage)
    return render(request, "measurement/wave_detail.html", {
        "wave": wave, "rows": rows, "schools": schools,
        "rate": selectors.wave_response_rate(wave=wave, released=not can_manage),
        "response_count": wave.response_count if can_manage
        else selectors.released_response_count(wave=wave),
        "k": selectors.min_group_size(request.initiative),
        "releases": wave.releases.all() if can_manage else [],
        "can_manage": can_manage,
        # A rate above 100 % is never silent (an import can exceed a class's pupils), and
        # class codes without a population answer without a limit.
        "over_population": [r for r in rows if r.pupils is not None
                            and r.responses is not None and r.responses > r.pupils],
        "unlimited": selectors.class_codes_without_population(wave=wave),
    })


@initiative_view("measurement.manage")
def wave_toggle(request, slug, pk):
    """Open or close a wave (GET asks, POST does it)."""
    wave = _wave_or_404(request, pk)
    form = forms.Form(request.POST)
    done = form_submit(request, form, lambda data: services.wave_set_open(
        wave=wave, is_open=not wave.is_open, by=request.actor),
        lambda wave: _("The wave is now open for answers.") if wave.is_open
        else _("The wave is closed; class codes no longer work."))
    if done is not None:
        return redirect("measurement:wave", slug=slug, pk=wave.pk)
    return render(request, "measurement/wave_toggle.html", {"wave": wave, "form": form})


@initiative_view("measurement.manage")
def wave_population(request, slug, pk):
    """Upload the pupils per school and grade (columns school, grade, pupils)."""
    wave = _wave_or_404(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    done = form_submit(request, form, lambda data: services.population_import(
        wave=wave, data=data["file"].read(), filename=data["file"].name,
        by=request.actor),
        lambda count: _("Saved the population: %(count)s schools and grades.")
        % {"count": count})
    if done is not None:
        return redirect("measurement:wave", slug=slug, pk=wave.pk)
    return render(request, "measurement/upload.html", {
        "form": form, "wave": wave,
        "title": _("Population of %(wave)s") % {"wave": wave},
        "help": _("A CSV or Excel file with the columns school, grade and pupils: how many "
                  "pupils each school has in each grade. It replaces the wave's population."),
    })


@initiative_view("measurement.manage")
def class_codes(request, slug, pk):
    """The wave's class codes, one per school and grade of the population, to hand out
    (each answers at most as often as its class has registered pupils)."""
    wave = _wave_or_404(request, pk)
    form = forms.Form(request.POST)
    done = form_submit(request, form, lambda data: services.class_codes_generate(
        wave=wave, by=request.actor),
        lambda created: _("Created %(count)s class codes.") % {"count": created})
    if done is not None:
        return redirect("measurement:class_codes", slug=slug, pk=wave.pk)
    return render(request, "measurement/class_codes.html", {
        "wave": wave, "form": form, "codes": selectors.class_codes_for(wave=wave),
        "answer_url": request.build_absolute_uri(reverse("survey:start")),
    })


@initiative_view("measurement.manage")
def survey_upload(request, slug):
    """Import a survey file; all or nothing, and asks before replacing a wave's answers."""
    form = ImportForm(request.POST or None, request.FILES or None, initiative=request.initiative)
    result = form_submit(request, form, lambda data: _import(request, data),
                         lambda result: _("Imported %(count)s responses into %(wave)s.")
                         % {"count": result.created, "wave": result.wave})
    if result is not None:
        return redirect("measurement:wave", slug=slug, pk=result.wave.pk)
    return render(request, "measurement/import.html", {"form": form})


def _import(request, data) -> services.ImportResult:
    """Import from the upload's file on disk (large uploads already are one; small ones,
    kept in memory by Django, are written to a temporary file first)."""
    upload = data["file"]
    arguments = dict(initiative=request.initiative, instrument=data["instrument"],
                     year=data["year"], filename=upload.name, replace=data["replace"],
                     by=request.actor)
    if hasattr(upload, "temporary_file_path"):
        return services.survey_import(path=Path(upload.temporary_file_path()), **arguments)
    with tempfile.NamedTemporaryFile(suffix=Path(upload.name).suffix.lower()) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        return services.survey_import(path=Path(handle.name), **arguments)
