"""Deleting an activity recorded by mistake: the secretariat confirms a page that lists
what goes with it (stage history, commitments), and the activity is gone from every
list; the deletion stays in the audit log."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rygrad.activities import services
from rygrad.activities.models import Activity, Commitment, StageChange
from rygrad.activities.tests.factories import ActivityFactory, CommitmentFactory
from rygrad.core.permissions import Actor


def _url(activity):
    return reverse("activities:delete", kwargs={"slug": activity.initiative.slug,
                                                "pk": activity.pk})


def test_the_secretariat_deletes_an_activity_with_its_history(client_as, world):
    """Given an activity with a commitment, when the secretariat opens Delete, then the
    page lists the activity, its stage change, its driver change and the commitment; on
    confirming they are all gone and the overview no longer lists it."""
    activity = ActivityFactory(initiative=world.initiative, title="Fejlindtastning")
    CommitmentFactory(activity=activity)
    client = client_as("secretariat")
    removes = dict(client.get(_url(activity)).context["plan"].removes)
    assert removes["aktiviteter"] == 1
    assert removes["tilsagn"] == 1
    assert client.post(_url(activity)).status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert not StageChange.objects.filter(activity_id=activity.pk).exists()
    assert not Commitment.objects.filter(activity_id=activity.pk).exists()
    listing = client.get(reverse("activities:list", kwargs={"slug": world.initiative.slug}))
    assert activity.pk not in {a.pk for a in listing.context["page"].object_list}


def test_the_deletion_is_kept_in_the_audit_log(world):
    """Given an activity, when the secretariat deletes it, then the audit log holds an
    entry saying it was deleted."""
    from auditlog.models import LogEntry

    activity = ActivityFactory(initiative=world.initiative)
    pk = activity.pk
    services.activity_delete(activity=activity, by=Actor(user=world.users["secretariat"],
                                                         initiative=world.initiative))
    assert LogEntry.objects.filter(object_pk=str(pk), action=LogEntry.Action.DELETE,
                                   content_type__model="activity").exists()


@pytest.mark.parametrize("role", ["member", "partner"])
def test_only_the_secretariat_deletes_activities(world, role):
    """Given a member (even of the driving organisation) or a partner, when they ask to
    delete, then it is refused and the activity stays."""
    activity = ActivityFactory(initiative=world.initiative)
    with pytest.raises(ValidationError):
        services.activity_delete(activity=activity, by=Actor(user=world.users[role],
                                                             initiative=world.initiative))
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_the_activity_page_shows_its_history_to_the_secretariat(client_as, world):
    """Given an activity whose title was changed, when the secretariat opens it, then the
    change history lists the old and new title; the member sees no history."""
    from auditlog.context import set_actor

    activity = ActivityFactory(initiative=world.initiative, title="Gammel titel")
    with set_actor(world.users["secretariat"]):
        services.activity_update(activity=activity, title="Ny titel",
                                 by=Actor(user=world.users["secretariat"],
                                          initiative=world.initiative))
    url = reverse("activities:detail", kwargs={"slug": world.initiative.slug,
                                               "pk": activity.pk})
    content = client_as("secretariat").get(url).content.decode()
    assert "Gammel titel → Ny titel" in content
    assert "history-heading" not in client_as("member").get(url).content.decode()
