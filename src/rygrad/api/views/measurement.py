"""Survey results: the same disclosure-controlled tables as `rygrad indicators` and
`rygrad indicator_changes`, read from the published releases only (never a raw answer,
never a group under the initiative's smallest group size), for members and up."""

from __future__ import annotations

import math

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from rygrad.measurement import selectors
from rygrad.measurement.analytics import CHANGE_COLUMNS, GROUP_COLUMNS
from rygrad.measurement.analytics.groups import DIMENSIONS
from rygrad.measurement.models import Instrument

from ..serializers import ChangeTableSerializer, IndicatorTableSerializer, InstrumentSerializer

GROUPS = ("school", "grade", "gender")
COUNTS = {"n", "n_from", "n_to"}


def _by(value: str, allowed) -> list[str]:
    by = [part.strip() for part in value.split(",") if part.strip()]
    if any(part not in allowed for part in by) or len(set(by)) != len(by):
        raise ValidationError({"by": _("Distinct values of %(allowed)s, comma-separated.")
                               % {"allowed": ", ".join(allowed)}})
    return by


def _instrument(actor, slug: str) -> Instrument:
    instrument = Instrument.objects.for_initiative(actor.initiative).filter(slug=slug).first()
    if instrument is None:
        raise NotFound(_("No instrument “%(slug)s” in this initiative.") % {"slug": slug})
    return instrument


def _value(name, value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # a NumPy scalar
        value = value.item()
    if name in COUNTS or name in ("year", "grade"):
        return int(value)
    return value


def rows_of(table, columns: list[str], k: int) -> list[dict]:
    """The table's rows as plain values. A group under `k` is withheld by the release
    already; should one ever come through, its numbers are withheld here too."""
    rows = []
    for record in table[columns].to_dict("records"):
        row = {name: _value(name, value) for name, value in record.items()}
        if any(row.get(name) is not None and row[name] < k for name in COUNTS):
            row = {name: (None if name not in ("indicator", *DIMENSIONS, "suppressed")
                          else value) for name, value in row.items()}
            row["suppressed"] = True
        if "school" in row and row["school"] is not None:
            row["school"] = str(row["school"])
        if "gender" in row and row["gender"] is not None:
            row["gender"] = str(row["gender"])
        rows.append(row)
    return rows


class InstrumentsView(APIView):
    """The survey instruments and the years whose wave is published."""

    rules = {"get": "measurement.view"}

    @extend_schema(responses=InstrumentSerializer(many=True))
    def get(self, request, slug):
        initiative = request.actor.initiative
        return Response(InstrumentSerializer([{
            "slug": instrument.slug, "name": str(instrument),
            "published_years": selectors.years_with_answers(initiative=initiative,
                                                            instrument=instrument)}
            for instrument in Instrument.objects.for_initiative(initiative).order_by("slug")],
            many=True).data)


class IndicatorQuery(serializers.Serializer):
    instrument = serializers.SlugField()
    by = serializers.CharField(required=False, default="year",
                               help_text="Comma-separated: year and any of school, grade, "
                                         "gender (always with year).")


class IndicatorsView(APIView):
    """`rygrad indicators`: every indicator per group and year, from published releases."""

    rules = {"get": "measurement.view"}

    @extend_schema(parameters=[IndicatorQuery], responses=IndicatorTableSerializer)
    def get(self, request, slug):
        query = IndicatorQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        by = _by(query.validated_data["by"], DIMENSIONS)
        if "year" not in by:
            raise ValidationError({"by": _("Every table is by year: years are never added "
                                           "together.")})
        actor = request.actor
        instrument = _instrument(actor, query.validated_data["instrument"])
        k = selectors.min_group_size(actor.initiative)
        table = selectors.group_table(initiative=actor.initiative, instrument=instrument,
                                      by=by)
        return Response(IndicatorTableSerializer({
            "instrument": instrument.slug, "by": by, "min_group_size": k,
            "rows": rows_of(table, [*by, *GROUP_COLUMNS], k)}).data)


class ChangeQuery(serializers.Serializer):
    instrument = serializers.SlugField()
    year_from = serializers.IntegerField(min_value=1900, max_value=9999)
    year_to = serializers.IntegerField(min_value=1900, max_value=9999)
    by = serializers.CharField(required=False, default="", allow_blank=True,
                               help_text="Comma-separated: any of school, grade, gender.")


class IndicatorChangesView(APIView):
    """`rygrad indicator_changes`: each indicator's change between two published years."""

    rules = {"get": "measurement.view"}

    @extend_schema(parameters=[ChangeQuery], responses=ChangeTableSerializer)
    def get(self, request, slug):
        query = ChangeQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        by = _by(data["by"], GROUPS)
        if data["year_from"] >= data["year_to"]:
            raise ValidationError({"year_to": _("The later year must come after the earlier "
                                                "one.")})
        actor = request.actor
        instrument = _instrument(actor, data["instrument"])
        k = selectors.min_group_size(actor.initiative)
        table = selectors.change_table(initiative=actor.initiative, instrument=instrument,
                                       year_from=data["year_from"], year_to=data["year_to"],
                                       by=by)
        return Response(ChangeTableSerializer({
            "instrument": instrument.slug, "year_from": data["year_from"],
            "year_to": data["year_to"], "by": by, "min_group_size": k,
            "rows": rows_of(table, [*by, *CHANGE_COLUMNS], k)}).data)
