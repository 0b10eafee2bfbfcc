"""Response ids are random, so no row tells which answer came in before which: online
answers, imported files and the rows stored before ids were random."""

import datetime as dt
import importlib
from types import SimpleNamespace

import numpy as np
import pytest
from django.apps import apps
from django.db import connection

from rygrad.measurement.models import Response
from rygrad.measurement.services import response_submit

from .factories import ClassCodeFactory, import_data, instrument, random_data, respondent


@pytest.fixture
def code(db):
    return ClassCodeFactory(school="Fjordskolen", grade=6)


def test_response_ids_say_nothing_about_the_order_of_answers(client, code):
    """Given twelve answers sent one after the other, when their ids are read in the order
    they were stored, then the ids are neither consecutive nor rising."""
    ids = [response_submit(class_code=code, gender="", answers={"s1": 3}, by=respondent()).pk
           for _ in range(12)]
    assert len(set(ids)) == 12
    assert ids != sorted(ids)
    assert max(ids) - min(ids) > 1_000_000


def test_imported_responses_get_random_ids_too(db):
    """Given a file of 2,000 rows imported in one go, when the ids are read, then they are
    all different and spread over the 63-bit range instead of counting up."""
    inst = instrument(ClassCodeFactory().initiative)
    import_data(inst.initiative, inst, 2019, random_data(np.random.default_rng(2), n=2000, width=5))
    ids = list(Response.objects.values_list("id", flat=True))
    assert len(set(ids)) == 2000
    assert max(ids) - min(ids) > 2**60 and min(ids) > 0


def test_the_migration_renumbers_existing_responses_at_random(code):
    """Given responses stored with the old counter ids 1-30, when the migration's step
    runs, then the same 30 responses are there with ids that are no longer 1-30 and do not
    keep their old order."""
    migration = importlib.import_module(
        "rygrad.measurement.migrations.0006_random_response_ids")
    for number in range(1, 31):
        Response.objects.create(id=number, initiative=code.initiative, wave=code.wave,
                                school=f"S{number:02}", grade=5, answers="3----",
                                submitted_on=dt.date(2020, 3, 1), source="online")
    # The step only uses the editor's connection (a real editor cannot open inside the
    # test's transaction on SQLite).
    migration.shuffle_response_ids(apps, SimpleNamespace(connection=connection))
    rows = sorted(Response.objects.values_list("id", "school"))
    assert sorted(s for _i, s in rows) == [f"S{n:02}" for n in range(1, 31)]
    assert min(i for i, _s in rows) > 30
    assert [s for _i, s in rows] != [f"S{n:02}" for n in range(1, 31)]
