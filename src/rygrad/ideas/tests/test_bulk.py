"""Answering many ideas at once: a preview, then all of them or none; drafts held in a
release and published together, all at once or not at all; answer templates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from rygrad.alliance.tests.factories import OrganisationFactory
from rygrad.core.permissions import Actor
from rygrad.ideas import answers, services
from rygrad.ideas.models import AnswerRelease, AnswerTemplate, Status, StatusChange
from rygrad.ideas.tests.factories import IdeaFactory, answered


@pytest.fixture
def batch(world):
    i = world.initiative
    ideas = [IdeaFactory(initiative=i, submitted_on=dt.date(2017, 3, 1)) for _ in range(4)]
    return {"ideas": ideas, "by": Actor(user=world.users["secretariat"], initiative=i),
            "school": OrganisationFactory(initiative=i, name="Fjordskolen")}


def _snapshot(ideas):
    return [(i.status, i.owner_id, i.changes.count()) for i in
            [type(i).objects.get(pk=i.pk) for i in ideas]]


def test_a_bulk_answer_reaches_every_idea(batch, world):
    """Given four new ideas, when they are all parked with one answer, then each is parked
    with that answer, on the same day, decided by the secretariat."""
    changes = answers.BulkAnswer(initiative=world.initiative, by=batch["by"],
                                 ideas=batch["ideas"], to=Status.PARKED,
                                 answer="God idé, men ikke lige nu.").execute()
    assert len(changes) == 4
    assert {c.idea.status for c in changes} == {Status.PARKED}
    assert {(c.answer, c.changed_on) for c in changes} == {
        ("God idé, men ikke lige nu.", changes[0].changed_on)}


def test_one_failure_leaves_every_idea_unchanged(batch, world):
    """Given four ideas of which one is already realised, when all four are declined,
    then the check names the realised idea, and executing it changes none of them."""
    realised = answered(batch["ideas"][2],
                        (Status.ADOPTED, dt.date(2017, 4, 1), "Ja.", batch["school"]),
                        (Status.REALISED, dt.date(2017, 5, 1), "Gjort.", batch["school"]))
    before = _snapshot(batch["ideas"])
    bulk = answers.BulkAnswer(initiative=world.initiative, by=batch["by"],
                              ideas=batch["ideas"], to=Status.DECLINED, answer="Nej tak.")
    with translation.override("da"):
        problems = bulk.check()
    assert len(problems) == 1 and f"Idé {realised.number} " in problems[0]
    with pytest.raises(ValidationError):
        bulk.execute()
    assert _snapshot(batch["ideas"]) == before


def test_the_bulk_page_previews_then_applies_to_all(client_as, batch, world):
    """Given four ideas ticked in the list, when the secretariat previews a parking
    answer from a template, then the page shows each idea and changes nothing; when they
    apply it, all four are parked with the template's text."""
    template = AnswerTemplate.objects.create(initiative=world.initiative, name="Ikke nu",
                                             status=Status.PARKED, text="Vi gemmer den.")
    client = client_as("secretariat")
    url = reverse("ideas:bulk", kwargs={"slug": world.initiative.slug})
    ids = [i.pk for i in batch["ideas"]]
    data = {"ids": ids, "to": Status.PARKED, "template": template.pk, "release": ""}
    preview = client.post(url, {**data, "preview": "1"})
    assert len(preview.context["preview"]) == 4 and not preview.context["blocked"]
    assert StatusChange.objects.filter(status=Status.PARKED).count() == 0
    applied = client.post(url, {**data, "apply": "1"})
    assert applied.status_code == 302
    assert set(StatusChange.objects.filter(status=Status.PARKED)
               .values_list("answer", flat=True)) == {"Vi gemmer den."}


def test_the_bulk_page_shows_why_nothing_changed(client_as, batch, world):
    """Given one of the ideas already realised, when the secretariat applies a decline to
    all, then the page names that idea and no idea is declined."""
    answered(batch["ideas"][0],
             (Status.ADOPTED, dt.date(2017, 4, 1), "Ja.", batch["school"]),
             (Status.REALISED, dt.date(2017, 5, 1), "Gjort.", batch["school"]))
    response = client_as("secretariat").post(
        reverse("ideas:bulk", kwargs={"slug": world.initiative.slug}),
        {"ids": [i.pk for i in batch["ideas"]], "to": Status.DECLINED, "answer": "Nej.",
         "apply": "1"})
    assert response.status_code == 200
    assert f"Idé {batch['ideas'][0].number} " in response.content.decode()
    assert not StatusChange.objects.filter(status=Status.DECLINED).exists()


def test_held_answers_change_nothing_until_the_release_is_published(batch, world):
    """Given answers held as drafts in a new release, when nothing is published yet, then
    no idea has changed and no answer is public; when the release is published, every
    idea changes on the same day."""
    ideas, by = batch["ideas"], batch["by"]
    answers.bulk_answer(initiative=world.initiative, by=by, ideas=ideas[:3],
                        to=Status.UNDER_REVIEW, answer="Vi ser på den.",
                        new_release="Hackathon-svar")
    release = AnswerRelease.objects.get()
    assert {i.status for i in [type(i).objects.get(pk=i.pk) for i in ideas]} == {Status.NEW}
    assert release.changes.filter(changed_on__isnull=True).count() == 3
    answers.ReleasePublication(release=release, by=by, on=dt.date(2017, 5, 15)).execute()
    release.refresh_from_db()
    assert release.published_on == dt.date(2017, 5, 15)
    statuses = [type(i).objects.get(pk=i.pk).status for i in ideas]
    assert statuses == [Status.UNDER_REVIEW] * 3 + [Status.NEW]
    assert set(release.changes.values_list("changed_on", flat=True)) == {dt.date(2017, 5, 15)}


def test_a_release_whose_draft_can_no_longer_be_given_publishes_nothing(batch, world):
    """Given a release with three draft answers, when one of the ideas is declined
    directly before the release is published, then publishing is refused naming that
    idea, and the other two drafts stay drafts."""
    ideas, by = batch["ideas"], batch["by"]
    answers.bulk_answer(initiative=world.initiative, by=by, ideas=ideas[:3],
                        to=Status.ADOPTED, owner=batch["school"], answer="Skolen gør det.",
                        new_release="Maj")
    release = AnswerRelease.objects.get()
    services.idea_change_status(idea=ideas[1], by=by, to=Status.DECLINED, answer="Nej.")
    publication = answers.ReleasePublication(release=release, by=by)
    assert len(publication.check()) == 1
    with pytest.raises(ValidationError):
        publication.execute()
    release.refresh_from_db()
    assert release.published_on is None
    assert [type(i).objects.get(pk=i.pk).status for i in ideas[:3]] == [
        Status.NEW, Status.DECLINED, Status.NEW]
    assert release.changes.filter(changed_on__isnull=True).count() == 3


def test_an_idea_has_one_draft_at_a_time(batch, world):
    """Given an idea with a draft answer in one release, when another bulk answer holds a
    draft for it in a second release, then that is refused."""
    ideas, by = batch["ideas"], batch["by"]
    answers.bulk_answer(initiative=world.initiative, by=by, ideas=ideas[:1],
                        to=Status.UNDER_REVIEW, new_release="Første")
    with pytest.raises(ValidationError):
        answers.bulk_answer(initiative=world.initiative, by=by, ideas=ideas[:2],
                            to=Status.PARKED, answer="Senere.", new_release="Anden")
    assert AnswerRelease.objects.count() == 1


def test_the_release_page_publishes_all_at_once(client_as, batch, world):
    by = batch["by"]
    answers.bulk_answer(initiative=world.initiative, by=by, ideas=batch["ideas"],
                        to=Status.UNDER_REVIEW, answer="Vi ser på dem.", new_release="Maj")
    release = AnswerRelease.objects.get()
    client = client_as("secretariat")
    page = client.get(reverse("ideas:release", kwargs={"slug": world.initiative.slug,
                                                       "pk": release.pk}))
    assert len(page.context["plans"]) == 4
    client.post(reverse("ideas:release_publish", kwargs={"slug": world.initiative.slug,
                                                         "pk": release.pk}))
    assert not StatusChange.objects.filter(changed_on__isnull=True).exists()
    assert StatusChange.objects.filter(status=Status.UNDER_REVIEW).count() == 4
