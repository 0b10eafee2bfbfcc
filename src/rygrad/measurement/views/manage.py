"""Management pages for the secretariat: instruments, waves, population, class codes and
imports. Each view parses a form and calls one service."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from rygrad.core.exports import Table, requested_format, table_response
from rygrad.core.tabular import SpreadsheetError, read_sheet
from rygrad.core.views import initiative_view
from rygrad.measurement import selectors, services
from rygrad.measurement.forms import ImportForm, InstrumentForm, UploadForm, WaveForm
from rygrad.measurement.models import Wave
from rygrad.measurement.survey_file import SurveyFileError, max_upload_bytes

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
    if request.method == "POST" and form.is_valid():
        definition = form.cleaned_data["parsed"]
        if instrument and definition.get("slug") != instrument.slug:
            form.add_error("definition", _("The slug must stay “%(slug)s”.")
                           % {"slug": instrument.slug})
        else:
            try:
                saved = services.instrument_load(initiative=request.initiative,
                                                 definition=definition)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved the instrument “%(name)s”.")
                                 % {"name": saved})
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
    if request.method == "POST" and form.is_valid():
        try:
            wave = services.wave_create(initiative=request.initiative, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Created the wave %(wave)s.") % {"wave": wave})
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
    if request.method == "POST":
        services.wave_set_open(wave=wave, is_open=not wave.is_open)
        messages.success(request, _("The wave is now open for answers.") if wave.is_open
                         else _("The wave is closed; class codes no longer work."))
        return redirect("measurement:wave", slug=slug, pk=wave.pk)
    return render(request, "measurement/wave_toggle.html", {"wave": wave})


@initiative_view("measurement.manage")
def wave_population(request, slug, pk):
    """Upload the pupils per school and grade (columns school, grade, pupils)."""
    wave = _wave_or_404(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            sheet = read_sheet(upload.read(), upload.name)
            rows = _population_rows(sheet, problems)
            if not problems:
                count = services.population_replace(wave=wave, rows=rows)
                messages.success(request, _("Saved the population: %(count)s schools and "
                                            "grades.") % {"count": count})
                return redirect("measurement:wave", slug=slug, pk=wave.pk)
        except SpreadsheetError as error:
            problems.append(str(error))
        except ValidationError as error:
            problems.extend(error.messages)
    return render(request, "measurement/upload.html", {
        "form": form, "problems": problems, "wave": wave,
        "title": _("Population of %(wave)s") % {"wave": wave},
        "help": _("A CSV or Excel file with the columns school, grade and pupils: how many "
                  "pupils each school has in each grade. It replaces the wave's population."),
    })


def _population_rows(sheet, problems: list[str]) -> list[tuple[str, int, int]]:
    from rygrad.core.tabular import Problem

    for column in ("school", "grade", "pupils"):
        if column not in sheet.header:
            problems.append(str(Problem(1, column, _("this column is missing."))))
    if problems:
        return []
    rows = []
    for number, values in sheet.rows:
        school = values["school"]
        if not school:
            problems.append(str(Problem(number, "school", _("the school is empty."))))
        numbers = []
        for column, top in (("grade", 13), ("pupils", 100_000)):
            text = values[column]
            if not text.isdigit() or int(text) > top:
                problems.append(str(Problem(number, column, _(
                    "“%(value)s” is not a whole number from 0 to %(top)s.")
                    % {"value": text, "top": top})))
                numbers.append(0)
            else:
                numbers.append(int(text))
        rows.append((school, numbers[0], numbers[1]))
    return rows


@initiative_view("measurement.manage")
def class_codes(request, slug, pk):
    """The wave's class codes, one per school and grade of the population, to hand out
    (each answers at most as often as its class has registered pupils)."""
    wave = _wave_or_404(request, pk)
    if request.method == "POST":
        created = services.class_codes_generate(wave=wave)
        messages.success(request, _("Created %(count)s class codes.") % {"count": created})
        return redirect("measurement:class_codes", slug=slug, pk=wave.pk)
    return render(request, "measurement/class_codes.html", {
        "wave": wave, "codes": selectors.class_codes_for(wave=wave),
        "answer_url": request.build_absolute_uri(reverse("survey:start")),
    })


@initiative_view("measurement.manage")
def survey_upload(request, slug):
    """Import a survey file; all or nothing, and asks before replacing a wave's answers."""
    form = ImportForm(request.POST or None, request.FILES or None, initiative=request.initiative)
    problems, total, existing = [], 0, None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > max_upload_bytes():
            problems = [_("The file is too large (%(size)s MB; at most %(max)s MB).") % {
                "size": upload.size // 1_000_000, "max": max_upload_bytes() // 1_000_000}]
        else:
            result, problems, total, existing = _import(request, form, upload)
            if result is not None:
                messages.success(request, _("Imported %(count)s responses into %(wave)s.")
                                 % {"count": result.created, "wave": result.wave})
                return redirect("measurement:wave", slug=slug, pk=result.wave.pk)
    return render(request, "measurement/import.html", {
        "form": form, "problems": problems, "more": max(0, total - len(problems)),
        "existing": existing,
    })


def _import(request, form, upload):
    """Import from the upload's file on disk (large uploads already are one; small ones,
    kept in memory by Django, are written to a temporary file first)."""
    if hasattr(upload, "temporary_file_path"):
        return _import_path(request, form, Path(upload.temporary_file_path()), upload.name)
    with tempfile.NamedTemporaryFile(suffix=Path(upload.name).suffix.lower()) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        return _import_path(request, form, Path(handle.name), upload.name)


def _import_path(request, form, path: Path, filename: str):
    try:
        result = services.survey_import(
            initiative=request.initiative, instrument=form.cleaned_data["instrument"],
            year=form.cleaned_data["year"], path=path, filename=filename,
            replace=form.cleaned_data["replace"])
    except SurveyFileError as error:
        return None, [str(p) for p in error.problems], error.total, None
    except services.WaveHasResponses as error:
        return None, [], 0, error
    return result, [], 0, None
