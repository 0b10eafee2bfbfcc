"""The activity page answers with a bounded number of queries, however long the activity's
history is: every commitment, stage change, driver, reach record and learning note is
shown, each naming its own organisation or author, without a query per row."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from rygrad.activities.models import (
    Commitment,
    CommitmentKind,
    CommitmentUnit,
    LearningNote,
    Reach,
    ReachGroup,
    Stage,
    StageChange,
)
from rygrad.alliance.models import Person

from .factories import ActivityFactory, OrganisationFactory, drivers

D = dt.date
# Queries of the page per role as measured with 2 of everything (the member and the partner
# also ask which organisations they represent and whether theirs takes part); 40 of
# everything must fit in the same budget. The secretariat also sees the change history (the
# audit entries, the user who made them, and one query per kind of record they name).
BUDGET = {"secretariat": 16, "member": 14, "partner": 15}


def long_history(world, size: int):
    """An activity with `size` stage changes, drivers, commitments, reach records and
    learning notes; each row has its own organisation or person, so a query per row would
    show. The partner and the member represent the organisation of the first commitment."""
    initiative = world.initiative
    start = D(2016, 1, 1)
    activity = ActivityFactory(initiative=initiative, title="Læseheste", starts_on=start)
    organisations = [OrganisationFactory(initiative=initiative, name=f"Partner {i}")
                     for i in range(size)]
    people = get_user_model().objects.bulk_create([
        get_user_model()(email=f"skribent{i}@example.org", username=f"skribent{i}@example.org",
                         display_name=f"Skribent {i}")
        for i in range(size)])
    for role in ("partner", "member"):
        Person.objects.create(initiative=initiative, name=role, user=world.users[role],
                              organisation=organisations[0])
    days = [start + dt.timedelta(days=30 * (i + 1)) for i in range(size)]
    first = activity.stage_changes.get()
    first.until = days[0]
    first.save(update_fields=["until"])
    stories = [Stage.TRIAL, Stage.RUNNING, Stage.ANCHORED]
    StageChange.objects.bulk_create([
        StageChange(initiative=initiative, activity=activity, stage=stories[i % 3],
                    changed_on=day, until=days[i + 1] if i + 1 < size else None,
                    note=f"Skridt {i}", decision=f"Beslutning {i}", decided_by="Udvalget",
                    anchored_in=organisations[i], recorded_by=people[i])
        for i, day in enumerate(days)])
    activity.stage = stories[(size - 1) % 3]
    activity.save(update_fields=["stage"])
    drivers(activity, *[(organisations[i], day) for i, day in enumerate(days)])
    Commitment.objects.bulk_create([
        Commitment(initiative=initiative, activity=activity, organisation=organisations[i],
                   kind=CommitmentKind.STAFF_HOURS, amount=Decimal(10 + i),
                   unit=CommitmentUnit.HOURS, starts_on=day, note=f"Aftale {i}")
        for i, day in enumerate(days)])
    groups = list(ReachGroup.values)
    Reach.objects.bulk_create([
        Reach(initiative=initiative, activity=activity, occurred_on=day,
              group=groups[i % len(groups)], participants=5 + i)
        for i, day in enumerate(days)])
    LearningNote.objects.bulk_create([
        LearningNote(initiative=initiative, activity=activity, written_on=day,
                     tried=f"Forsøg {i}", learned=f"Lærte {i}", author=people[i])
        for i, day in enumerate(days)])
    return activity


@pytest.mark.parametrize("size", [2, 40])
@pytest.mark.parametrize("role", ["secretariat", "member", "partner"])
def test_the_activity_page_stays_within_its_query_budget(world, client_as, size, role,
                                                         django_assert_max_num_queries):
    """Given an activity with 2 or 40 each of stage changes, drivers, commitments, reach
    records and learning notes, each naming its own organisation or author, when the
    secretariat, a member or a partner of a committing organisation opens its page, then
    the page shows every row and needs no more queries for 40 than the budget set with 2."""
    activity = long_history(world, size)
    client = client_as(role)
    page = reverse("activities:detail", kwargs={"slug": world.initiative.slug,
                                                "pk": activity.pk})
    with django_assert_max_num_queries(BUDGET[role]):
        response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    last = size - 1
    for shown in (f"Beslutning {last}", f"Aftale {last}", f"Lærte {last}",
                  f"Skribent {last}", f"Partner {last} fra"):
        assert shown in html, shown
    assert html.count("Beslutning ") == size
    assert html.count("Aftale ") == size
    assert html.count("Lærte ") == size
