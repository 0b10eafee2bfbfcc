"""The inspiration catalogue: Danish search by word stems, filters, drafts hidden from
the public, and views counted without anything about the viewer."""

import datetime as dt

import pytest
from django.urls import reverse

from rygrad.communication import selectors, services
from rygrad.communication.models import ResourceKind, ResourceUse, Setting
from rygrad.communication.tests.factories import ResourceFactory
from rygrad.core.permissions import Actor

pytestmark = pytest.mark.django_db


def _save(world, title, description, **extra):
    by = Actor(user=world.users["secretariat"], initiative=world.initiative)
    fields = {"kind": ResourceKind.METHOD, "setting": Setting.SCHOOL, "age_band": "all",
              **extra}
    return services.resource_save(initiative=world.initiative, by=by, title=title,
                                  description=description, **fields)


def _titles(world, **filters):
    return [r.title for r in selectors.catalogue_search(initiative=world.initiative,
                                                        **filters)]


def test_search_handles_danish_word_forms(world):
    """Given entries about 'fællesskaber' and 'legende' learning, when the catalogue is
    searched for 'fællesskab' and for 'leg', then each finds the entry with the other
    form of the word, and a word in neither finds nothing."""
    _save(world, "Klassens fællesskaber", "Øvelser til trivsel i klassen")
    _save(world, "Legende læring", "Små børn lærer gennem bevægelse")
    assert _titles(world, query="fællesskab") == ["Klassens fællesskaber"]
    assert _titles(world, query="leg") == ["Legende læring"]
    assert _titles(world, query="Leg fællesskab") == []
    assert _titles(world, query="fodbold") == []


def test_filters_narrow_the_search(world):
    """Given a day-care entry and a school entry, when filtered by setting, then only
    that setting's entry is listed."""
    _save(world, "Højtlæsning", "Læseheste", setting=Setting.DAYCARE)
    _save(world, "Klassemøder", "Trivsel", setting=Setting.SCHOOL)
    assert _titles(world, setting=Setting.DAYCARE) == ["Højtlæsning"]


def test_the_public_finds_published_entries_only(client, world):
    """Given a published and a draft entry, when the public searches, then only the
    published one is listed, and the draft cannot be opened."""
    ResourceFactory(initiative=world.initiative, title="Legepladsvenner")
    draft = ResourceFactory(initiative=world.initiative, title="Legestue", is_published=False)
    url = reverse("communication:catalogue", kwargs={"slug": "egelund"})
    page = client.get(url, {"q": "leg"}).content.decode()
    assert "Legepladsvenner" in page and "Legestue" not in page
    assert client.get(reverse("communication:resource_detail", kwargs={
        "slug": "egelund", "pk": draft.pk})).status_code == 404


def test_views_are_counted_per_day_without_the_viewer(client, world):
    """Given an entry opened twice by the public, then the day's count is two, no cookie
    of the catalogue's is set, and the catalogue-use signal counts them for 30 days."""
    resource = ResourceFactory(initiative=world.initiative)
    url = reverse("communication:resource_detail", kwargs={"slug": "egelund",
                                                           "pk": resource.pk})
    for _ in range(2):
        response = client.get(url)
        # Only the language switcher's CSRF cookie, which every page with a form sets.
        assert set(response.cookies) <= {"csrftoken"}
    use = ResourceUse.objects.get()
    assert use.views == 2
    assert selectors.catalogue_use(initiative=world.initiative, at=use.on) == 2
    assert selectors.catalogue_use(initiative=world.initiative,
                                     at=use.on + dt.timedelta(days=30)) == 0


def test_postgresql_searches_with_its_danish_configuration(world):
    """Given PostgreSQL and an entry whose stems were never written, when it is searched
    for a form of its words, then it is found: the database's `danish` configuration
    reads the text itself."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's danish text-search configuration")
    ResourceFactory(initiative=world.initiative, title="Stærke fællesskaber",
                    description="Legende børn", search_stems="")
    assert _titles(world, query="fællesskab leg") == ["Stærke fællesskaber"]
