"""Parity: every list and detail endpoint, asked as each role, shows exactly the records
the same role finds on the pages (through the pages' own selectors and scopes), and none
of the fields the pages hide from that role."""

import pytest
from django.urls import reverse

from rygrad.activities import selectors as activity_selectors
from rygrad.activities.models import Commitment
from rygrad.alliance.models import Membership, Organisation
from rygrad.core.permissions import Actor
from rygrad.core.testing import ROLES
from rygrad.ideas import selectors as idea_selectors
from rygrad.ideas.models import Moderation
from rygrad.ideas.tests.factories import IdeaFactory
from rygrad.meetings.models import Meeting

# Never in any answer: who sent an idea, people's email addresses and logins.
NEVER = {"email", "nickname", "age_band", "submitted_by", "user", "recorded_by"}


def _ids(client, url):
    """Every id a list endpoint gives, following its pages; None when refused."""
    ids, next_url = [], url
    while next_url:
        response = client.get(next_url, {"page_size": 10} if next_url == url else None)
        if response.status_code != 200:
            return None
        body = response.json()
        ids += [row["id"] for row in body["results"]]
        assert not _keys(body["results"]) & NEVER
        next_url = body["next"]
    return set(ids)


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | set().union(*(_keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value)) if value else set()
    return set()


def _page_ids(name, actor):
    """What the pages list for `actor` (None: the page refuses the role)."""
    initiative = actor.initiative
    if name == "activity":
        if not actor.can("activities.view_list"):
            return None
        return set(activity_selectors.visible_activities(
            activity_selectors.activity_list(initiative=initiative), actor=actor)
            .values_list("pk", flat=True))
    if name == "commitment":
        if not actor.can("activities.view_list"):
            return None
        # The commitments on the pages of the activities the actor may open.
        return {c.pk for c in Commitment.objects.for_initiative(initiative)
                if actor.can("activities.view", c.activity)}
    if name == "organisation":
        if not actor.can("alliance.view"):
            return None
        return set(Organisation.objects.for_initiative(initiative)
                   .filter(archived_on__isnull=True).values_list("pk", flat=True))
    if name == "membership":
        if not actor.can("alliance.view"):
            return None
        return set(Membership.objects.for_initiative(initiative).values_list("pk", flat=True))
    if name == "meeting":
        return {m.pk for m in Meeting.objects.for_initiative(initiative)
                if actor.can("meetings.view", m)}
    if name == "idea":
        shown = set(idea_selectors.published_ideas(initiative=initiative)
                    .values_list("pk", flat=True))
        if actor.can("ideas.view_list"):
            shown |= set(actor.visible(idea_selectors.idea_list(initiative=initiative))
                         .values_list("pk", flat=True))
        return shown
    raise AssertionError(name)


LISTS = ["activity", "commitment", "organisation", "membership", "meeting", "idea"]


@pytest.fixture
def waiting_idea(objects, world):
    """An idea sent without an account, waiting for moderation: only the secretariat
    sees it inside."""
    return IdeaFactory(initiative=world.initiative, moderation=Moderation.PENDING,
                       nickname="Mads", title="Skaterbane")


@pytest.mark.parametrize("role", ROLES)
def test_every_list_shows_a_role_what_its_pages_show(role, api_as, world, objects,
                                                     waiting_idea):
    """Given records a role may see only some of, when it asks each list endpoint, then
    the ids are exactly those its pages show — and a refusal where the page refuses."""
    client = api_as(role)
    actor = Actor(user=world.users[role] or Actor.anonymous(None).user,
                  initiative=world.initiative)
    wrong = {}
    for name in LISTS:
        url = reverse(f"api:{name}-list", kwargs={"slug": world.initiative.slug})
        got, expected = _ids(client, url), _page_ids(name, actor)
        if got != expected:
            wrong[name] = (got, expected)
        for pk in expected or ():  # every one of them opens, as on its page
            detail = client.get(reverse(f"api:{name}-detail", kwargs={
                "slug": world.initiative.slug, "pk": pk}))
            if detail.status_code != 200:
                wrong[f"{name} {pk}"] = detail.status_code
    assert not wrong, wrong


def test_the_lists_are_not_all_or_nothing(api_as, world, objects, waiting_idea):
    """The parity above is not vacuous: a partner sees one activity of two, a member both,
    the secretariat the waiting idea that a member does not see."""
    slug = world.initiative.slug
    partner = _ids(api_as("partner"), reverse("api:activity-list", kwargs={"slug": slug}))
    member = _ids(api_as("member"), reverse("api:activity-list", kwargs={"slug": slug}))
    assert partner == {objects["theirs"].pk}
    assert member == {objects["theirs"].pk, objects["activity"].pk}
    ideas_url = reverse("api:idea-list", kwargs={"slug": slug})
    assert waiting_idea.pk in _ids(api_as("secretariat"), ideas_url)
    assert waiting_idea.pk not in _ids(api_as("member"), ideas_url)
    assert waiting_idea.pk not in _ids(api_as("anonymous"), ideas_url)


def test_the_partner_sees_on_the_activity_page_what_the_api_lists(api_as, world, objects):
    """Given the activity overview page as the partner, then its titles are those of the
    activities the API lists to the partner."""
    client = api_as("partner")
    page = client.get(reverse("activities:list", kwargs={"slug": world.initiative.slug}))
    text = page.content.decode()
    listed = client.get(reverse("api:activity-list", kwargs={"slug": world.initiative.slug}))
    titles = {row["title"] for row in listed.json()["results"]}
    assert titles == {objects["theirs"].title}
    assert objects["theirs"].title in text and objects["activity"].title not in text


@pytest.mark.parametrize(("role", "sees_minutes"), [
    ("youth", False), ("partner", False), ("member", True), ("secretariat", True)])
def test_minutes_only_for_those_who_read_them_on_the_meeting_page(role, sees_minutes, api_as,
                                                                  world, objects):
    """Given a public event with minutes, when a role reads it through the API, then the
    minutes are there exactly for members and up (meetings.view_internal)."""
    event = objects["public_event"]
    event.minutes = "Referat: 40 deltog."
    event.save()
    body = api_as(role).get(reverse("api:meeting-detail", kwargs={
        "slug": world.initiative.slug, "pk": event.pk})).json()
    assert ("minutes" in body) is sees_minutes
    assert ("Referat" in str(body)) is sees_minutes


def test_idea_moderation_and_sender_only_as_the_pages_show_them(api_as, world, objects,
                                                                waiting_idea):
    """The secretariat sees an idea's moderation; nobody sees who sent it."""
    slug = world.initiative.slug
    url = reverse("api:idea-detail", kwargs={"slug": slug, "pk": waiting_idea.pk})
    body = api_as("secretariat").get(url).json()
    assert body["moderation"] == "pending" and "Mads" not in str(body)
    approved = reverse("api:idea-detail", kwargs={"slug": slug, "pk": objects["idea"].pk})
    assert "moderation" not in api_as("member").get(approved).json()
    assert api_as("member").get(url).status_code == 404


def test_another_initiatives_records_do_not_exist_here(api_as, world, objects):
    """Given an activity of Egelund, when the secretariat of Andeby asks for it under
    either initiative, then it is 404 or 403 — never shown."""
    activity = objects["activity"]
    client = api_as("stranger")
    here = client.get(reverse("api:activity-detail", kwargs={"slug": "egelund",
                                                             "pk": activity.pk}))
    there = client.get(reverse("api:activity-detail", kwargs={"slug": "andeby",
                                                              "pk": activity.pk}))
    assert here.status_code == 403
    assert there.status_code == 404
    assert client.get(reverse("api:activity-list", kwargs={"slug": "andeby"})).json()[
        "results"] == []


def test_a_private_initiative_does_not_exist_for_outsiders(api_as, world):
    """Given Andeby made private, then for Egelund's secretariat it is not listed and 404."""
    world.other_initiative.is_public = False
    world.other_initiative.save()
    client = api_as("secretariat")
    listed = {row["slug"] for row in client.get(reverse("api:initiative-list")).json()[
        "results"]}
    assert listed == {"egelund"}
    assert client.get(reverse("api:initiative-detail", kwargs={"slug": "andeby"})
                      ).status_code == 404
    assert client.get(reverse("api:meeting-list", kwargs={"slug": "andeby"})
                      ).status_code == 404
