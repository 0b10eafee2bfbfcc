"""A class code answers at most as often as the class has registered pupils, a client
address sends a bounded number of class-code answers, and the wave page never lets a
class over its population (or without one) pass silently."""

import numpy as np
import pytest
from django.core.cache import cache
from django.urls import reverse

from rygrad.measurement.models import Response
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.services import population_replace

from .factories import ClassCodeFactory, import_data, random_data
from .test_survey import ANSWERS, answer, checked, start

FULL = "Your class has already answered as many times as it has pupils."


@pytest.fixture(autouse=True)
def fresh_rate_counts(db):
    cache.clear()


@pytest.fixture
def code(world):
    code = ClassCodeFactory(wave__initiative=world.initiative, school="Fjordskolen", grade=6)
    population_replace(wave=code.wave, rows=[("Fjordskolen", 6, 2)],
                       by=installation_actor(code.wave.initiative))
    return code


def test_a_class_code_stops_at_the_class_population(client, code):
    """Given a class of two registered pupils, when a third answer is typed with the class
    code, then the pupil is told the class is full (and to ask for a pupil code) and only
    two responses are stored."""
    for _ in range(2):
        assert answer(client, code.code).status_code == 302
    refused = start(client, code.code)
    assert refused.status_code == 200 and "ticket" not in refused.context
    assert refused.context["form"].errors["code"][0].startswith(FULL)
    assert Response.objects.count() == 2


def test_the_last_place_of_a_class_is_taken_once(client, code):
    """Given two pupils of a class of two on the questionnaire after one classmate has
    answered, when both send, then the first is stored and the second is told the class is
    full with the answers kept."""
    assert answer(client, code.code).status_code == 302
    tickets = [start(client, code.code).context["ticket"] for _ in range(2)]
    sent = [client.post(reverse("survey:start"), {"ticket": t, **ANSWERS}) for t in tickets]
    assert [s.status_code for s in sent] == [302, 200]
    assert FULL in sent[1].content.decode()
    assert checked(sent[1].content.decode(), "item_s1") == "4"
    assert Response.objects.count() == 2


def test_without_a_population_the_class_is_not_limited_and_the_wave_page_warns(
        client, client_as, world):
    """Given a class code for a class that is not in the population, when it answers three
    times, then all three are stored, and the wave page names the class as unlimited."""
    code = ClassCodeFactory(wave__initiative=world.initiative, school="Nordskolen", grade=9)
    for _ in range(3):
        assert answer(client, code.code).status_code == 302
    page = client_as("member").get(reverse("measurement:wave", kwargs={
        "slug": world.initiative.slug, "pk": code.wave.pk}))
    assert [(c.school, c.grade) for c in page.context["unlimited"]] == [("Nordskolen", 9)]
    assert "has no registered population" in page.content.decode()


def test_the_wave_page_warns_about_a_class_over_its_population(client_as, world):
    """Given an imported wave whose school A grade 5 has more responses than the 3 pupils
    registered, when the wave page is opened, then it names that class with its counts."""
    from .factories import instrument

    inst = instrument(world.initiative)
    data = random_data(np.random.default_rng(1), n=40, width=5, schools=("A",), grades=(5,))
    wave = import_data(world.initiative, inst, 2019, data).wave
    population_replace(wave=wave, rows=[("A", 5, 3)], by=installation_actor(wave.initiative))
    page = client_as("member").get(reverse("measurement:wave", kwargs={
        "slug": world.initiative.slug, "pk": wave.pk}))
    assert [(r.school, r.grade, r.responses, r.pupils) for r in page.context[
        "over_population"]] == [("A", 5, 40, 3)]
    assert "A, grade 5: 40 responses, 3 pupils" in page.content.decode()


def test_class_code_answers_are_limited_per_client_address(client, world, settings):
    """Given a limit of two class-code answers per ten minutes per address, when a third
    answer comes from the same address, then it is refused with 429, the answers kept
    and nothing more stored, while another address may still answer."""
    settings.RYGRAD_SURVEY_RATE_LIMIT = (2, 600)
    code = ClassCodeFactory(wave__initiative=world.initiative)
    for _ in range(2):
        assert answer(client, code.code, REMOTE_ADDR="10.0.0.7").status_code == 302
    ticket = start(client, ClassCodeFactory(wave=code.wave, initiative=world.initiative,
                                            grade=6).code).context["ticket"]
    refused = client.post(reverse("survey:start"), {"ticket": ticket, **ANSWERS},
                          REMOTE_ADDR="10.0.0.7")
    assert refused.status_code == 429 and "Wait a few minutes" in refused.content.decode()
    assert refused.context["form"].data["item_s1"] == "4"
    assert Response.objects.count() == 2
    assert answer(client, code.code, REMOTE_ADDR="10.0.0.8").status_code == 302
    assert Response.objects.count() == 3
