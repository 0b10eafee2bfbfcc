"""The bulk write of an import (COPY on PostgreSQL, batched INSERTs on SQLite): every row
stored exactly as read, inside the import's transaction."""

import datetime as dt

import numpy as np
import pytest
from django.db import connection, transaction

from rygrad.measurement.models import Response, Source, Wave
from rygrad.measurement.packing import unpack
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.services import COPY_BATCH, survey_data_import
from rygrad.measurement.survey_file import SurveyData

from .factories import InitiativeFactory, instrument

pytestmark = pytest.mark.django_db(transaction=True)

AWKWARD = ['Skole "Nord", afd. 2', "Ærø; Øst\\Vest", "Linje\nto", "\ttab", "=1+1", ""]


def test_every_row_is_stored_as_read_whatever_its_text():
    """Given rows whose school names hold quotes, commas, semicolons, a backslash, a line
    break, a tab, æøå and a formula, with empty and given genders and unanswered items,
    when the rows are imported, then each is stored exactly as read, with the day, the
    source, a distinct id and its wave's initiative."""
    initiative = InitiativeFactory()
    inst = instrument(initiative)
    rng = np.random.default_rng(3)
    n = 600
    schools = [AWKWARD[i % (len(AWKWARD) - 1)] for i in range(n)]
    genders = ["" if i % 3 else "pige" for i in range(n)]
    values = rng.integers(1, 6, size=(n, 5)).astype(np.int8)
    values[rng.random((n, 5)) < 0.2] = -1
    data = SurveyData(school=schools, grade=np.full(n, 7, dtype=np.int16), gender=genders,
                      values=values)
    survey_data_import(initiative=initiative, instrument=inst, year=2021, data=data,
                       on=dt.date(2021, 3, 4), by=installation_actor(initiative))
    stored = list(Response.objects.values_list("school", "grade", "gender", "answers",
                                               "submitted_on", "source", "id"))
    assert len({row[-1] for row in stored}) == n
    assert {row[4:6] for row in stored} == {(dt.date(2021, 3, 4), Source.IMPORT)}
    # Only the wave's key is checked by the database: the initiative must be the wave's.
    assert set(Response.objects.values_list("initiative_id", "wave__initiative_id")) == {
        (initiative.pk, initiative.pk)}
    expected = sorted(zip(schools, genders, map(tuple, values.tolist()), strict=True))
    got = sorted((school, gender, tuple(unpack([answers], 5)[0].tolist()))
                 for school, _grade, gender, answers, *_rest in stored)
    assert got == expected


def test_a_failed_import_leaves_nothing_behind():
    """Given an import inside a transaction that fails after the rows were written (more
    than one COPY batch on PostgreSQL), when it is rolled back, then no row of it stays:
    the bulk write belongs to the import's transaction."""
    initiative = InitiativeFactory()
    inst = instrument(initiative)
    n = COPY_BATCH + 10 if connection.vendor == "postgresql" else 1_000
    data = SurveyData(school=["A"] * n, grade=np.full(n, 5, dtype=np.int16),
                      gender=["pige"] * n, values=np.full((n, 5), 3, dtype=np.int8))
    with pytest.raises(RuntimeError), transaction.atomic():
        survey_data_import(initiative=initiative, instrument=inst, year=2021, data=data,
                           by=installation_actor(initiative))
        assert Response.objects.count() == n
        raise RuntimeError("fails after the rows were written")
    assert Response.objects.count() == 0 and not Wave.objects.exists()
