"""Writes go through the services with the request's actor: a role the page refuses is
refused here too, an allowed one changes the same records the page would."""

import datetime as dt

import pytest
from django.urls import reverse

from rygrad.activities.models import Activity, Commitment, Stage
from rygrad.alliance.models import Membership, Organisation
from rygrad.alliance.tests.factories import PersonFactory


def _url(world, name, **kwargs):
    return reverse(f"api:{name}", kwargs={"slug": world.initiative.slug, **kwargs})


def _activity(objects):
    return {"title": "Lektiecafé", "driver": objects["organisation"].pk,
            "starts_on": "2026-01-05", "tracks": [objects["track"].pk],
            "age_groups": ["6-12"], "settings": ["school"]}


@pytest.mark.parametrize(("role", "status"), [
    ("anonymous", 401), ("youth", 403), ("partner", 403), ("stranger", 403),
    ("secretariat", 201), ("operator", 201)])
def test_proposing_an_activity_as_the_page_allows(role, status, api_as, world, objects):
    response = api_as(role).post(_url(world, "activity-list"), _activity(objects),
                                 content_type="application/json")
    assert response.status_code == status, response.content
    made = Activity.objects.filter(title="Lektiecafé")
    assert made.exists() is (status == 201)
    if status == 201:
        body = response.json()
        assert body["stage"] == "proposed" and body["stage_history"][0]["stage"] == "proposed"
        assert body["tracks"] == [objects["track"].pk]


def test_a_member_proposes_only_what_their_organisation_drives(api_as, world, objects):
    """The service's rule, as on the page: a 400 naming why, and nothing written."""
    response = api_as("member").post(_url(world, "activity-list"), _activity(objects),
                                     content_type="application/json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert not Activity.objects.filter(title="Lektiecafé").exists()


def test_the_stage_moves_with_its_history_and_bad_moves_are_400(api_as, world, objects):
    client = api_as("secretariat")
    activity = objects["activity"]
    url = _url(world, "activity-stage", pk=activity.pk)
    today = dt.date.today().isoformat()
    moved = client.post(url, {"to": "trial", "on": today}, content_type="application/json")
    assert moved.status_code == 200 and moved.json()["stage"] == "trial"
    assert [s["stage"] for s in moved.json()["stage_history"]] == ["proposed", "trial"]
    refused = client.post(url, {"to": "proposed", "on": today},
                          content_type="application/json")
    assert refused.status_code == 400
    activity.refresh_from_db()
    assert activity.stage == Stage.TRIAL
    assert client.post(url, {"to": "flying", "on": today},
                       content_type="application/json").json().keys() == {"to"}


def test_the_partner_commits_their_own_organisations_resources_only(api_as, world,
                                                                    objects):
    theirs = objects["their_commitment"]
    client = api_as("partner")
    data = {"activity": objects["theirs"].pk, "organisation": theirs.organisation_id,
            "kind": "staff_hours", "amount": "12.50", "unit": "hours",
            "starts_on": "2026-02-01"}
    assert client.post(_url(world, "commitment-list"), data,
                       content_type="application/json").status_code == 201
    other = {**data, "organisation": objects["commitment"].organisation_id}
    assert client.post(_url(world, "commitment-list"), other,
                       content_type="application/json").status_code == 400
    # Another organisation's commitment cannot be changed, nor one on an activity the
    # partner does not see.
    assert client.patch(_url(world, "commitment-detail", pk=objects["commitment"].pk),
                        {"amount": "1"}, content_type="application/json"
                        ).status_code in {403, 404}
    changed = client.patch(_url(world, "commitment-detail", pk=theirs.pk), {"amount": "3"},
                           content_type="application/json")
    assert changed.status_code == 200
    assert Commitment.objects.get(pk=theirs.pk).amount == 3


def test_organisations_and_memberships_as_the_registry_pages_allow(api_as, world, objects):
    """The secretariat adds an organisation and a seat; a member may not add either, and
    may edit their own organisation's page but not mark it the backbone."""
    organisation = objects["organisation"]
    person = PersonFactory(initiative=world.initiative, organisation=organisation,
                           user=world.users["member"])
    data = {"name": "Egelund Bibliotek", "sector": "municipality"}
    assert api_as("member").post(_url(world, "organisation-list"), data,
                                 content_type="application/json").status_code == 403
    made = api_as("secretariat").post(_url(world, "organisation-list"), data,
                                      content_type="application/json")
    assert made.status_code == 201
    duplicate = api_as("secretariat").post(_url(world, "organisation-list"), data,
                                           content_type="application/json")
    assert duplicate.status_code == 400
    seat = {"person": person.pk, "organisation": made.json()["id"],
            "started_on": "2026-01-01"}
    assert api_as("member").post(_url(world, "membership-list"), seat,
                                 content_type="application/json").status_code == 403
    assert api_as("secretariat").post(_url(world, "membership-list"), seat,
                                      content_type="application/json").status_code == 201
    assert Membership.objects.filter(person=person).count() == 1
    own = _url(world, "organisation-detail", pk=organisation.pk)
    member = api_as("member")
    assert member.patch(own, {"description": "Vi læser."},
                        content_type="application/json").status_code == 200
    assert member.patch(own, {"is_backbone": True},
                        content_type="application/json").status_code == 403
    assert Organisation.objects.get(pk=organisation.pk).is_backbone is False


def test_a_record_of_another_initiative_cannot_be_named(api_as, world, objects):
    """An organisation of Andeby as the driver is refused as an unknown choice."""
    foreign = Organisation.objects.create(initiative=world.other_initiative, name="Andeby IF",
                                          sector="association")
    response = api_as("secretariat").post(_url(world, "activity-list"),
                                          {**_activity(objects), "driver": foreign.pk},
                                          content_type="application/json")
    assert response.status_code == 400 and "driver" in response.json()


def test_a_write_while_the_database_is_gone_is_503_and_writes_nothing(api_as, world, objects):
    """Given the database failing every insert (locked, or PostgreSQL gone mid-request),
    when the secretariat proposes an activity, then the answer is a 503 with Retry-After
    saying nothing was saved, not a server error, and no activity exists afterwards."""
    from django.db import OperationalError, connection

    def failing(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT"):
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    client = api_as("secretariat")
    with connection.execute_wrapper(failing):
        response = client.post(_url(world, "activity-list"), _activity(objects),
                               content_type="application/json")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "intet blev gemt" in response.json()["detail"]  # nothing was saved (Danish first)
    assert not Activity.objects.filter(title="Lektiecafé").exists()
