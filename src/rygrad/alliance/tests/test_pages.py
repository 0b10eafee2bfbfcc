"""The registry's pages and forms: who may change what, and that changes go through."""

import datetime as dt

import pytest
from django.urls import reverse

from rygrad.alliance.models import Membership, Organisation, Partnership, Person
from rygrad.core.permissions import Actor

from .factories import MembershipFactory, OrganisationFactory, PartnershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def url(world, name, **kwargs):
    return reverse(f"alliance:{name}", kwargs={"slug": world.initiative.slug, **kwargs})


def test_a_member_edits_their_own_organisation_but_not_another(world, client_as):
    """Given a member linked to Egelund Boldklub, when they save its page, then it is
    changed; when they try another organisation's page, then they are refused."""
    own = OrganisationFactory(initiative=world.initiative, name="Egelund Boldklub")
    other = OrganisationFactory(initiative=world.initiative, name="Egelund Skole")
    PersonFactory(initiative=world.initiative, organisation=own, user=world.users["member"])
    client = client_as("member")
    response = client.post(url(world, "organisation_edit", pk=own.pk), {
        "name": "Egelund Boldklub", "sector": "association", "description": "Fodbold for alle",
        "website": "boldklub.example"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.description == "Fodbold for alle"
    assert own.website == "https://boldklub.example"
    assert client.post(url(world, "organisation_edit", pk=other.pk),
                       {"name": "X", "sector": "school"}).status_code == 403
    assert Organisation.objects.get(pk=other.pk).name == "Egelund Skole"


def test_the_organisations_an_actor_represents_come_from_one_query(
        world, django_assert_num_queries):
    """Given a member linked to two organisations through registry people, when their
    organisations are asked for, then both are found with one query."""
    user = world.users["member"]
    first = PersonFactory(initiative=world.initiative, user=user).organisation
    second = PersonFactory(initiative=world.initiative, user=user).organisation
    PersonFactory(initiative=world.other_initiative, user=user)
    actor = Actor(user=user, initiative=world.initiative)
    with django_assert_num_queries(1):
        ids = actor.organisation_ids
    assert ids == {first.pk, second.pk}


def test_the_secretariat_creates_an_organisation_a_person_and_a_seat(world, client_as):
    """Given the secretariat, when they fill the forms for an organisation, a person and a
    membership, then the person holds a seat from the given date."""
    client = client_as("secretariat")
    response = client.post(url(world, "organisation_create"),
                           {"name": "Egelund Spejderne", "sector": "association"})
    organisation = Organisation.objects.get(name="Egelund Spejderne")
    assert response["Location"] == url(world, "organisation_detail", pk=organisation.pk)
    client.post(url(world, "person_create"), {"name": "Morten Juul", "title": "Korpsleder",
                                              "organisation": organisation.pk,
                                              "age_band": "adult"})
    person = Person.objects.get(name="Morten Juul")
    client.post(url(world, "membership_create", pk=person.pk), {
        "organisation": organisation.pk, "role": "member", "started_on": "2016-09-01"})
    seat = Membership.objects.get(person=person)
    assert (seat.started_on, seat.ended_on, seat.initiative) == (
        dt.date(2016, 9, 1), None, world.initiative)


def test_a_duplicate_organisation_name_is_refused_beside_the_name_field(world, client_as):
    """Given an organisation, when another is created with the same name in other case,
    then the form shows the problem on the name and nothing is added."""
    OrganisationFactory(initiative=world.initiative, name="Fjordskolen")
    response = client_as("secretariat").post(url(world, "organisation_create"),
                                             {"name": "fjordskolen", "sector": "school"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert Organisation.objects.for_initiative(world.initiative).count() == 1


def test_an_organisation_cannot_be_placed_under_its_own_unit(world, client_as):
    """Given a school with a pupils' council under it, when the school is placed under the
    council, then the form refuses it on the parent field."""
    school = OrganisationFactory(initiative=world.initiative, name="Skolen")
    council = OrganisationFactory(initiative=world.initiative, name="Elevrådet", parent=school)
    response = client_as("secretariat").post(url(world, "organisation_edit", pk=school.pk), {
        "name": "Skolen", "sector": "school", "parent": council.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["parent"]
    assert Organisation.objects.get(pk=school.pk).parent is None


def test_ending_a_membership_records_the_last_day_and_reason(world, client_as):
    """Given an open seat, when the secretariat ends it, then the last day and the reason
    are kept; an end before the start is refused on the date field."""
    seat = MembershipFactory(initiative=world.initiative, started_on=dt.date(2016, 1, 1))
    client = client_as("secretariat")
    refused = client.post(url(world, "membership_end", pk=seat.pk),
                          {"ended_on": "2015-12-31", "end_reason": ""})
    assert refused.context["form"].errors["ended_on"]
    client.post(url(world, "membership_end", pk=seat.pk),
                {"ended_on": "2019-06-30", "end_reason": "Gik på pension"})
    seat.refresh_from_db()
    assert (seat.ended_on, seat.end_reason) == (dt.date(2019, 6, 30), "Gik på pension")


def test_a_partnership_is_recorded_and_shown_on_both_organisations(world, client_as):
    """Given the library and a day-care, when the secretariat records a partnership, then
    both organisations' pages list the other as partner."""
    library = OrganisationFactory(initiative=world.initiative, name="Egelund Bibliotek")
    daycare = OrganisationFactory(initiative=world.initiative, name="Dagtilbud Nord")
    client = client_as("secretariat")
    client.post(url(world, "partnership_create"), {
        "organisation_a": library.pk, "organisation_b": daycare.pk,
        "started_on": "2017-03-01", "description": "Læseheste"})
    assert Partnership.objects.get().started_on == dt.date(2017, 3, 1)
    page = client_as("member").get(url(world, "organisation_detail", pk=daycare.pk))
    assert "Egelund Bibliotek" in page.content.decode()


def test_a_partnership_with_itself_is_refused(world, client_as):
    """Given one organisation, when a partnership with itself is submitted, then the form
    refuses it and nothing is recorded."""
    library = OrganisationFactory(initiative=world.initiative)
    response = client_as("secretariat").post(url(world, "partnership_create"), {
        "organisation_a": library.pk, "organisation_b": library.pk, "started_on": "2017-03-01"})
    assert response.context["form"].errors["organisation_b"]
    assert not Partnership.objects.exists()


def test_organisations_from_another_initiative_cannot_be_chosen(world, client_as):
    """Given an organisation of another initiative, when its id is posted in a partnership,
    then the form refuses the choice."""
    here = OrganisationFactory(initiative=world.initiative)
    there = OrganisationFactory(initiative=world.other_initiative)
    response = client_as("secretariat").post(url(world, "partnership_create"), {
        "organisation_a": here.pk, "organisation_b": there.pk, "started_on": "2017-03-01"})
    assert response.context["form"].errors["organisation_b"]
    assert client_as("secretariat").get(
        url(world, "organisation_detail", pk=there.pk)).status_code == 404


def test_members_see_people_without_email_and_the_secretariat_with(world, client_as):
    """Given a person with an email address, when a member lists people, then the address
    is not shown; the secretariat sees it, on the page and in the export."""
    PersonFactory(initiative=world.initiative, name="Gitte", email="gitte@example.org")
    people_url = url(world, "person_list")
    assert "gitte@example.org" not in client_as("member").get(people_url).content.decode()
    assert "gitte@example.org" in client_as("secretariat").get(people_url).content.decode()
    export = client_as("secretariat").get(people_url, {"format": "csv"})
    assert "gitte@example.org" in b"".join(export.streaming_content).decode("utf-8-sig")


def test_the_partner_and_young_people_see_nothing_of_the_registry(world, client_as):
    """Given a person in the registry, when a partner or a young person opens their page,
    then they are refused, and the navigation does not offer the alliance."""
    person = PersonFactory(initiative=world.initiative)
    for role in ("partner", "youth"):
        assert client_as(role).get(url(world, "person_detail", pk=person.pk)).status_code == 403
        dashboard = client_as(role).get(reverse("initiatives:dashboard",
                                                kwargs={"slug": world.initiative.slug}))
        assert url(world, "overview") not in dashboard.content.decode()
    member_dashboard = client_as("member").get(reverse("initiatives:dashboard",
                                                       kwargs={"slug": world.initiative.slug}))
    assert url(world, "overview") in member_dashboard.content.decode()


def test_a_partnership_list_on_an_organisation_page_has_partners_from_either_side(world):
    """Given two partnerships where the organisation is once first and once second, when
    its partnerships are read, then both partners are found."""
    from rygrad.alliance.selectors import partnerships_of

    hub = OrganisationFactory(initiative=world.initiative)
    first = PartnershipFactory(initiative=world.initiative, organisation_a=hub)
    second = PartnershipFactory(initiative=world.initiative, organisation_b=hub)
    assert set(partnerships_of(organisation=hub)) == {first, second}
