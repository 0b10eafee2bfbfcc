"""Parity for communication, the evaluation and the early warning: every list endpoint,
asked as each role, gives exactly the ids the app's pages show that role (through the
pages' own selectors and rules), every one of them opens, and what the pages keep from
everyone (subscribers' addresses, who answered an assessment and what, who said a piece
of evidence) is in no answer."""

import datetime as dt

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from rygrad.communication import selectors as communication
from rygrad.communication.tests.factories import SubscriberFactory
from rygrad.core.permissions import Actor
from rygrad.core.signals import get_signal
from rygrad.core.testing import ROLES
from rygrad.earlywarning.history import history_read
from rygrad.earlywarning.stories import stories_at
from rygrad.evaluation import selectors as evaluation
from rygrad.evaluation.tests.factories import answers, closed_round, open_round

from .test_parity import _keys

LISTS = ["news", "resource", "newsletter", "evidence", "change", "round"]
# Never in any answer of these endpoints: a subscriber, an assessment's single answers or
# who gave them, a person behind a piece of evidence.
NEVER_KEYS = {"email", "subscriber", "subscribers", "token", "consent_text", "responses",
              "response", "ratings", "rating", "score", "participations", "user",
              "comments", "source_name", "name_of_source", "deliveries", "segments"}
SECRET_EMAIL = "hemmelig.abonnent@example.org"


def _ids(client, url):
    """Every id a list endpoint gives, following its pages; None when refused. (A
    catalogue entry's `age_band` is whom it is for, not a person's: test_parity's check
    of idea senders' fields does not apply.)"""
    ids, next_url = [], url
    while next_url:
        response = client.get(next_url, {"page_size": 2} if next_url == url else None)
        if response.status_code != 200:
            return None
        body = response.json()
        ids += [row["id"] for row in body["results"]]
        assert not _keys(body["results"]) & NEVER_KEYS
        assert SECRET_EMAIL not in str(body)
        next_url = body["next"]
    return set(ids)


def _page_ids(name, actor):
    """What the app's pages list for `actor` (None: the page refuses the role)."""
    initiative = actor.initiative
    if name in ("news", "resource", "newsletter"):
        if not actor.can("communication.view"):
            return None
        manage = actor.can("communication.manage")
        records = {
            "news": lambda: (communication.all_news if manage else communication.published_news)(
                initiative=initiative),
            "resource": lambda: communication.catalogue_search(
                initiative=initiative, published_only=not manage),
            "newsletter": lambda: communication.sent_newsletters(initiative=initiative),
        }[name]()
        return set(records.values_list("pk", flat=True))
    if not actor.can("evaluation.view"):
        return None
    records = {"evidence": evaluation.evidence_of, "change": evaluation.changes_of,
               "round": evaluation.rounds_of}[name](initiative=initiative)
    return set(records.values_list("pk", flat=True))


def _actor(world, role):
    return Actor(user=world.users[role] or Actor.anonymous(None).user,
                 initiative=world.initiative)


@pytest.fixture
def more(world, objects):
    """A confirmed subscriber, a round still open and one closed with too few answers,
    and one whose second sector would give its single answer away."""
    initiative = world.initiative
    SubscriberFactory(initiative=initiative, email=SECRET_EMAIL, name="Hemmelig Abonnent")
    open_ = open_round(initiative, name="Åben runde")
    answers(open_, "municipality", 4, 4, 4)
    few = closed_round(initiative, name="Få svar")
    answers(few, "municipality", 1, 2)
    mixed = closed_round(initiative, name="Blandet")
    answers(mixed, "municipality", 2, 3, 3, 4)
    answers(mixed, "school", 1)
    return {"open": open_, "few": few, "mixed": mixed}


@pytest.mark.parametrize("role", ROLES)
def test_every_list_shows_a_role_what_the_apps_pages_show(role, api_as, world, objects, more):
    """Given news, catalogue entries, issues, evidence, changes and rounds a role may see
    only some of, when it asks each list endpoint, then the ids are exactly those its pages
    show — a refusal where the page refuses — and every one of them opens."""
    client, actor = api_as(role), _actor(world, role)
    slug, wrong = world.initiative.slug, {}
    bodies = []
    for name in LISTS:
        url = reverse(f"api:{name}-list", kwargs={"slug": slug})
        got, expected = _ids(client, url), _page_ids(name, actor)
        if got != expected:
            wrong[name] = (got, expected)
        for pk in expected or ():
            detail = client.get(reverse(f"api:{name}-detail", kwargs={"slug": slug, "pk": pk}))
            if detail.status_code != 200:
                wrong[f"{name} {pk}"] = detail.status_code
            bodies.append(detail.json())
    assert not wrong, wrong
    assert not _keys(bodies) & NEVER_KEYS
    assert SECRET_EMAIL not in str(bodies) and "Hemmelig" not in str(bodies)


def test_the_lists_are_not_all_or_nothing(api_as, world, objects):
    """The parity above is not vacuous: drafts of news and the catalogue are the
    secretariat's only, a draft issue is no one's, the evaluation is members' and up."""
    slug = world.initiative.slug

    def ids(role, name):
        return _ids(api_as(role), reverse(f"api:{name}-list", kwargs={"slug": slug}))

    assert ids("anonymous", "news") == {objects["news"].pk}
    assert ids("secretariat", "news") == {objects["news"].pk, objects["draft_news"].pk}
    assert objects["draft_resource"].pk not in ids("member", "resource")
    assert objects["draft_resource"].pk in ids("secretariat", "resource")
    assert ids("secretariat", "newsletter") == {objects["newsletter"].pk}
    assert ids("partner", "evidence") is None
    assert ids("member", "evidence") == {objects["evidence"].pk}


def test_there_is_no_subscriber_endpoint(api_as, world, objects, more):
    """Given a subscriber, then the API has no address that lists subscribers — not even
    for the secretariat, who sees them on the subscriber page."""
    with pytest.raises(NoReverseMatch):
        reverse("api:subscriber-list", kwargs={"slug": world.initiative.slug})
    client = api_as("secretariat")
    for path in ("subscribers/", "newsletters/subscribers/"):
        response = client.get(f"/api/v1/initiatives/{world.initiative.slug}/{path}")
        assert response.status_code == 404
        assert SECRET_EMAIL not in response.content.decode()
    assert SECRET_EMAIL in client.get(reverse(  # the page shows it: the check can fail
        "communication:subscriber_list", kwargs={"slug": world.initiative.slug})
    ).content.decode()


def _round(client, world, round_):
    return client.get(reverse("api:round-detail", kwargs={
        "slug": world.initiative.slug, "pk": round_.pk})).json()


def test_round_results_are_the_round_pages_aggregates(api_as, world, objects, more):
    """Given a closed round of three answers (2, 3, 4 on every statement), when a member
    reads it, then it has the mean and spread the round's page shows — and no answer."""
    body = _round(api_as("member"), world, objects["round"])
    page = evaluation.round_results(round=objects["round"], today=timezone.localdate())
    assert body["state"] == "closed" and body["results"]["n"] == 3 == page.n
    agenda = next(c for c in body["results"]["conditions"] if c["condition"] == "agenda")
    assert agenda["total"]["mean"] == pytest.approx(3.0)
    assert agenda["total"]["sd"] == pytest.approx(page.condition("agenda").total.sd)
    assert [s["sector"] for s in agenda["by_sector"]] == ["municipality"]
    assert not _keys(body) & NEVER_KEYS


def test_no_results_from_an_open_round_or_one_with_too_few_answers(api_as, world, more):
    """Given an open round (three answers) and a closed one with two, then neither has
    results through the API, as their pages show none."""
    client = api_as("secretariat")
    open_, few = _round(client, world, more["open"]), _round(client, world, more["few"])
    assert (open_["state"], open_["results"]) == ("open", None)
    assert (few["state"], few["results"]) == ("closed", None)


def test_a_sector_is_shown_only_where_the_page_shows_it(api_as, world, more):
    """Given a closed round of four municipal answers and one from a school, then no
    sector is shown on its own (the school's answer would be the total minus the
    municipal ones), exactly as on the round's page."""
    body = _round(api_as("member"), world, more["mixed"])
    page = evaluation.round_results(round=more["mixed"], today=timezone.localdate())
    assert body["results"]["n"] == 5
    assert body["results"]["sectors"] == [] == page.sectors
    assert body["results"]["hidden_sectors"] is True
    assert all(c["by_sector"] == [] for c in body["results"]["conditions"])
    assert "school" not in str(body["results"])


def test_evidence_gives_the_role_of_its_source_only(api_as, world, objects):
    """Evidence has its source's role and what the evidence page shows — nothing else."""
    body = api_as("member").get(reverse("api:evidence-detail", kwargs={
        "slug": world.initiative.slug, "pk": objects["evidence"].pk})).json()
    assert body["source_role"] == "skoleleder"
    assert set(body) == {"id", "text", "source_role", "observed_on", "condition",
                         "direction", "tags", "activities", "meetings", "ideas"}


def test_network_metrics_are_the_network_pages(api_as, world, objects):
    """The network endpoint gives the network page's table: one row per year with the
    same numbers."""
    from rygrad.evaluation import network

    rows = api_as("member").get(reverse("api:network", kwargs={
        "slug": world.initiative.slug})).json()
    years = network.years_of(initiative=world.initiative, today=timezone.localdate())
    page = [m for m, _g in network.yearly_metrics(initiative=world.initiative, years=years)]
    assert [row["year"] for row in rows] == years
    assert [(row["organisations"], row["ties"]) for row in rows] == [
        (m.organisations, m.ties) for m in page]
    assert any(row["organisations"] for row in rows)  # the world has ties: not vacuous


@pytest.mark.parametrize("role", ROLES)
def test_a_signals_history_is_the_signal_pages(role, api_as, world, objects):
    """Given a signal, when each role asks for its history, then a role whose signal page
    opens gets the page's points (value, threshold, warning), and the others a refusal."""
    key, at = "network.organisations", dt.date(2019, 12, 31)
    client, actor = api_as(role), _actor(world, role)
    response = client.get(reverse("api:signal_history", kwargs={
        "slug": world.initiative.slug, "key": key}), {"at": at.isoformat()})
    page = client.get(reverse("earlywarning:signal", kwargs={
        "slug": world.initiative.slug, "key": key}), {"at": at.isoformat()})
    assert (response.status_code == 200) is (page.status_code == 200) is actor.can(
        "earlywarning.view")
    if response.status_code != 200:
        return
    story = stories_at(initiative=world.initiative, at=at, signals=[get_signal(key)],
                       history=history_read(initiative=world.initiative, at=at, keys=[key]))[0]
    body = response.json()
    assert body["complete"] is story.complete
    assert [(p["on"], p["value"], p["threshold"], p["warning"]) for p in body["points"]] == [
        (p.on.isoformat(), p.value, p.threshold, p.warning) for p in story.points]


def test_an_unknown_signal_has_no_history(api_as, world):
    response = api_as("secretariat").get(reverse("api:signal_history", kwargs={
        "slug": world.initiative.slug, "key": "no.such_signal"}))
    assert response.status_code == 404


def test_an_offer_has_what_the_offers_page_shows(api_as, world, objects):
    """Given a published offer, then anyone reads its provider, for whom it is and how to
    join, as on the offers page."""
    from rygrad.communication.tests.factories import ResourceFactory

    offer = ResourceFactory(initiative=world.initiative, kind="offer", title="Lektiecafé",
                            provider="Egelund Bibliotek", provider_kind="municipal",
                            audience="Børn 10-14 år", how_to_join="Mød op tirsdag")
    body = api_as("anonymous").get(reverse("api:resource-detail", kwargs={
        "slug": world.initiative.slug, "pk": offer.pk})).json()
    assert (body["provider"], body["provider_kind"], body["audience"], body["how_to_join"]) \
        == ("Egelund Bibliotek", "municipal", "Børn 10-14 år", "Mød op tirsdag")
