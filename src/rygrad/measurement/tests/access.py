"""The measurement app's rows of the permission matrix."""

import numpy as np

from rygrad.agenda.models import Track
from rygrad.core.testing import EVERYONE, MEMBER_UP, SECRETARIAT_UP, AccessCase
from rygrad.measurement.models import ClassCode
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.services import indicator_goal_create, population_replace, wave_set_open

from .factories import import_data, instrument, random_data


def setup(world):
    inst = instrument(world.initiative)
    rng = np.random.default_rng(4)
    wave = None
    for year in (2018, 2019):
        wave = import_data(world.initiative, inst, year,
                           random_data(rng, n=60, width=5)).wave
    population_replace(wave=wave, rows=[("A", 5, 20), ("A", 6, 20), ("B", 5, 20)],
                       by=installation_actor(wave.initiative))
    wave_set_open(wave=wave, is_open=True, by=installation_actor(wave.initiative))
    code = ClassCode.objects.create(initiative=world.initiative, wave=wave, school="A",
                                    grade=5)
    track = Track.objects.create(initiative=world.initiative, name="Fællesskab i skolen")
    goal = indicator_goal_create(initiative=world.initiative, track=track,
                                 indicator=inst.indicators.get(slug="social"), measure="mean",
                                 target=3.5, baseline_year=2018, by_year=2022,
                                 by=installation_actor(world.initiative))
    return {"instrument": inst, "wave": wave, "code": code, "goal": goal}


def _instrument(world, objects):
    return {"pk": objects["instrument"].pk}


def _wave(world, objects):
    return {"pk": objects["wave"].pk}


CASES = [
    AccessCase("measurement:overview", MEMBER_UP),
    AccessCase("measurement:public_results", EVERYONE),
    AccessCase("measurement:trends", MEMBER_UP, kwargs=_instrument),
    AccessCase("measurement:trends", MEMBER_UP, kwargs=_instrument, query="format=csv"),
    AccessCase("measurement:breakdown", MEMBER_UP, kwargs=_instrument),
    AccessCase("measurement:breakdown", MEMBER_UP, kwargs=_instrument,
               query="year=2019&by=school,grade&format=xlsx"),
    AccessCase("measurement:changes", MEMBER_UP, kwargs=_instrument),
    AccessCase("measurement:changes", MEMBER_UP, kwargs=_instrument,
               query="year_from=2018&year_to=2019&by=grade&format=csv"),
    AccessCase("measurement:instrument_json", MEMBER_UP, kwargs=_instrument),
    AccessCase("measurement:instrument_create", SECRETARIAT_UP),
    AccessCase("measurement:instrument_edit", SECRETARIAT_UP, kwargs=_instrument),
    AccessCase("measurement:wave_create", SECRETARIAT_UP),
    AccessCase("measurement:wave", MEMBER_UP, kwargs=_wave),
    AccessCase("measurement:wave", MEMBER_UP, kwargs=_wave, query="format=xlsx"),
    AccessCase("measurement:wave_toggle", SECRETARIAT_UP, kwargs=_wave),
    AccessCase("measurement:wave_publish", SECRETARIAT_UP, kwargs=_wave),
    AccessCase("measurement:wave_population", SECRETARIAT_UP, kwargs=_wave),
    AccessCase("measurement:class_codes", SECRETARIAT_UP, kwargs=_wave),
    AccessCase("measurement:pupil_codes", SECRETARIAT_UP, kwargs=_wave),
    # Making slips (POST) is the secretariat's too: the page answers with slips to print.
    AccessCase("measurement:pupil_codes", SECRETARIAT_UP, kwargs=_wave, method="post",
               data=lambda world, objects: {"target": "5:A"}),
    AccessCase("measurement:import", SECRETARIAT_UP),
    AccessCase("measurement:goals", MEMBER_UP),
    AccessCase("measurement:goal_create", SECRETARIAT_UP),
    AccessCase("measurement:goal_edit", SECRETARIAT_UP,
               kwargs=lambda world, objects: {"pk": objects["goal"].pk}),
    AccessCase("measurement:goal_delete", SECRETARIAT_UP,
               kwargs=lambda world, objects: {"pk": objects["goal"].pk}),
    # Answering needs no account: a class or pupil code of an open wave is the permission,
    # and it is posted to /s/ (never part of a URL).
    AccessCase("survey:start", EVERYONE, in_initiative=False),
    AccessCase("survey:start", EVERYONE, in_initiative=False, method="post",
               data=lambda world, objects: {"code": objects["code"].code}),
    AccessCase("survey:thanks", EVERYONE, in_initiative=False),
]
