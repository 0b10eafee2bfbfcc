"""The overview of offers across municipal units and associations: its own public page,
by provider, with what, for whom, how to refer or join and whom to contact, and the
action guides for staff findable from it."""

import pytest
from django.urls import reverse

from rygrad.communication.models import Resource, ResourceKind
from rygrad.communication.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def _url(name, **kwargs):
    return reverse(f"communication:{name}", kwargs={"slug": "egelund", **kwargs})


def _offer(initiative, **fields):
    return ResourceFactory(initiative=initiative, kind=ResourceKind.OFFER, **fields)


def test_the_offers_page_lists_published_offers_by_provider_with_how_to_join(client, world):
    """Given offers of a municipal unit and an association, an unpublished offer, a method
    and another initiative's offer, when the public opens the offers page, then the
    published offers are under their kind of provider and provider (municipal units
    first), each with what, for whom, how to refer or join and contact, and nothing
    else is listed."""
    initiative = world.initiative
    _offer(initiative, title="Lektiecafé", provider="Biblioteket", provider_kind="municipal",
           description="Hjælp med **lektier**.", audience="Elever i 3.-7. klasse",
           how_to_join="Mød bare op tirsdag.", contact="Biblioteket, tlf. 46 00 00 02")
    _offer(initiative, title="Gratis prøvetimer", provider="Gymnastikforeningen",
           provider_kind="association", audience="Børn på 6-12 år",
           how_to_join="Mød op i hallen.", contact="gymnastik@example.org")
    _offer(initiative, title="Kladdetilbud", provider="Biblioteket",
           provider_kind="municipal", is_published=False)
    ResourceFactory(initiative=initiative, kind=ResourceKind.METHOD, title="Venskabsbænken")
    _offer(world.other_initiative, title="Andebys tilbud", provider="Andeby Bibliotek",
           provider_kind="municipal")
    page = client.get(_url("offers"), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    for text in ("Biblioteket", "Lektiecafé", "Hjælp med <strong>lektier</strong>.",
                 "Elever i 3.-7. klasse", "Mød bare op tirsdag.",
                 "Biblioteket, tlf. 46 00 00 02", "Gymnastikforeningen", "Mød op i hallen."):
        assert text in page, text
    assert page.index("Kommunale enheder") < page.index("Biblioteket") \
        < page.index("Foreninger") < page.index("Gymnastikforeningen")
    for absent in ("Kladdetilbud", "Venskabsbænken", "Andebys tilbud"):
        assert absent not in page, absent


def test_the_action_guides_are_found_from_the_offers_page_and_it_is_in_nav_and_sitemap(
        client, world):
    """Given a published action guide, then the offers page links it and the catalogue's
    action guides; the site's navigation and the sitemap lead to the offers page."""
    guide = ResourceFactory(initiative=world.initiative, kind=ResourceKind.ACTION_GUIDE,
                            title="Når en elev er alene i frikvarteret")
    page = client.get(_url("offers")).content.decode()
    assert _url("resource_detail", pk=guide.pk) in page
    assert "Når en elev er alene i frikvarteret" in page
    assert f'{_url("catalogue")}?kind=action_guide' in page
    assert f'href="{_url("offers")}"' in client.get(_url("site")).content.decode()
    assert _url("offers") in client.get("/sitemap.xml").content.decode()


def test_an_offer_without_its_provider_is_refused_beside_the_field(client, world):
    """Given the catalogue form, when the secretariat saves an offer without a provider,
    then the form comes back with the refusal beside the provider and nothing is saved;
    with provider and kind of provider it is saved with how to join."""
    client.force_login(world.users["secretariat"])
    data = {"kind": "offer", "title": "Forældregrupper", "description": "Grupper.",
            "setting": "home", "age_band": "all", "audience": "Forældre",
            "how_to_join": "Meld dig selv.", "contact": "Familiehuset",
            "is_published": "on"}
    response = client.post(_url("resource_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["provider"]
    assert not Resource.objects.filter(title="Forældregrupper").exists()
    response = client.post(_url("resource_create"), {
        **data, "provider": "Familiehuset", "provider_kind": "municipal"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Meld dig selv." in page and "Forældre" in page
