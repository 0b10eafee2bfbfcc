"""The measurement services check the permission rule themselves (views only ask it), and
every management form shows a service's refusal on the form, beside the field it names."""

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rygrad.core.permissions import Actor
from rygrad.measurement import services
from rygrad.measurement.models import PopulationCount, Release, Response, Wave
from rygrad.measurement.permissions import installation_actor

from .factories import WaveFactory, import_data, instrument, random_data


def _actor(world, role: str, initiative=None) -> Actor:
    return Actor(user=world.users[role], initiative=initiative or world.initiative)


@pytest.mark.parametrize("role", ["member", "partner", "youth"])
def test_a_member_cannot_write_the_population_through_the_service(world, role):
    """Given a member (or less) of the initiative, when they call the population service
    directly, then it refuses and nothing is written; the secretariat's call writes it."""
    wave = WaveFactory(initiative=world.initiative)
    with pytest.raises(ValidationError, match="Only the secretariat"):
        services.population_replace(wave=wave, rows=[("A", 5, 20)], by=_actor(world, role))
    assert not PopulationCount.objects.exists()
    assert services.population_replace(wave=wave, rows=[("A", 5, 20)],
                                       by=_actor(world, "secretariat")) == 1


def test_another_initiatives_secretariat_is_refused(world):
    """Given the secretariat of another initiative, when it calls a service on this
    initiative's wave with its own initiative's actor, then the service refuses: the role
    counts only in the initiative written to."""
    wave = WaveFactory(initiative=world.initiative)
    theirs = Actor(user=world.users["stranger"], initiative=world.other_initiative)
    assert theirs.can("measurement.manage")
    with pytest.raises(ValidationError):
        services.wave_set_open(wave=wave, is_open=False, by=theirs)
    assert Wave.objects.get(pk=wave.pk).is_open


def test_publishing_from_a_page_records_who_and_from_the_cli_nobody(client_as, world):
    """Given a draft wave, when the secretariat publishes it on the review page, then the
    release names them; a release published with the installation's authority (CLI,
    demo) names nobody."""
    inst = instrument(world.initiative)
    data = random_data(np.random.default_rng(1), n=60, width=5)
    wave = import_data(world.initiative, inst, 2019, data, publish=False).wave
    response = client_as("secretariat").post(reverse(
        "measurement:wave_publish", kwargs={"slug": world.initiative.slug, "pk": wave.pk}))
    assert response.status_code == 302
    assert Release.objects.get(wave=wave).published_by == world.users["secretariat"]
    other = import_data(world.initiative, inst, 2020, data, publish=False).wave
    services.wave_publish(wave=other, by=installation_actor(world.initiative))
    assert Release.objects.get(wave=other).published_by is None


def test_a_replacing_import_is_refused_beside_the_replace_box(client_as, world):
    """Given a wave with answers, when the same year is imported again without ticking
    Replace, then the page names the existing answers on the Replace field, and nothing
    changes."""
    inst = instrument(world.initiative)
    client = client_as("secretariat")
    url = reverse("measurement:import", kwargs={"slug": world.initiative.slug})

    def send(**extra):
        upload = SimpleUploadedFile("s.csv", b"school,grade,gender,s1,s2,s3,a1,a2\n"
                                             b"A,5,girl,1,2,3,4,5\n")
        return client.post(url, {"instrument": inst.pk, "year": 2019, "file": upload,
                                 **extra})

    assert send().status_code == 302
    page = send()
    assert page.status_code == 200
    assert "already has 1 responses" in page.context["form"].errors["replace"][0]
    assert Response.objects.count() == 1


def test_a_population_file_with_problems_lists_them_all_and_saves_nothing(client_as, world):
    """Given a population file with a missing school and a grade of 14, when uploaded,
    then the page lists both problems by row and column and saves nothing."""
    wave = WaveFactory(initiative=world.initiative)
    page = client_as("secretariat").post(
        reverse("measurement:wave_population", kwargs={"slug": world.initiative.slug,
                                                       "pk": wave.pk}),
        {"file": SimpleUploadedFile("p.csv", b"school,grade,pupils\n,5,20\nB,14,20\n")})
    errors = page.context["form"].non_field_errors()
    assert list(errors) == ["Row 2, column “school”: the school is empty.",
                            "Row 3, column “grade”: “14” is not a whole number from 0 to 13."]
    assert "Nothing was saved:" in page.content.decode()
    assert not PopulationCount.objects.exists()


def test_creating_no_new_class_codes_still_goes_back_to_the_codes(client_as, world):
    """Given a wave whose population already has its codes, when codes are created again
    (none new), then the page still answers with a redirect and a message of 0 codes."""
    wave = WaveFactory(initiative=world.initiative)
    url = reverse("measurement:class_codes", kwargs={"slug": world.initiative.slug,
                                                     "pk": wave.pk})
    response = client_as("secretariat").post(url, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "Created 0 class codes." in response.content.decode()
