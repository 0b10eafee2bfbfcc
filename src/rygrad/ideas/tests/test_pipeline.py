"""The pipeline: each change of status is kept with its date, the role of who decided and
a public answer; the rules of parking, declining, adopting and realising; members acting
for their own organisation; and turning an idea into an activity in one step."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from rygrad.activities.models import Stage
from rygrad.activities.tests.factories import ActivityFactory
from rygrad.alliance.models import Person
from rygrad.alliance.tests.factories import OrganisationFactory
from rygrad.core.permissions import Actor
from rygrad.ideas import services
from rygrad.ideas.models import Status
from rygrad.ideas.tests.factories import IdeaFactory
from rygrad.initiatives.models import Role


@pytest.fixture
def setting(world):
    i = world.initiative
    backbone = OrganisationFactory(initiative=i, name="Sekretariatet", is_backbone=True)
    school = OrganisationFactory(initiative=i, name="Bakkely Skole")
    Person.objects.create(initiative=i, name="Lars", user=world.users["member"],
                          organisation=school)
    return {
        "idea": IdeaFactory(initiative=i, title="Venskabsbænk", submitted_on=dt.date(2017, 3, 1)),
        "backbone": backbone, "school": school,
        "secretariat": Actor(user=world.users["secretariat"], initiative=i),
        "member": Actor(user=world.users["member"], initiative=i),
    }


def test_every_change_is_kept_with_its_date_role_and_answer(setting):
    """Given a new idea, when the secretariat puts it under review and then adopts it for
    the secretariat, then both changes are kept in order with their dates, the role
    *Secretariat* and the answers, and the idea is adopted, owned by the secretariat."""
    idea, by = setting["idea"], setting["secretariat"]
    services.idea_change_status(idea=idea, by=by, to=Status.UNDER_REVIEW,
                                answer="Vi kigger på den.", on=dt.date(2017, 3, 10))
    services.idea_change_status(idea=idea, by=by, to=Status.ADOPTED, answer="Vi gør det.",
                                owner=setting["backbone"], on=dt.date(2017, 4, 1))
    idea.refresh_from_db()
    changes = [(c.status, c.changed_on, c.decided_role, c.answer)
               for c in idea.changes.order_by("changed_on", "pk")]
    assert changes == [
        (Status.NEW, dt.date(2017, 3, 1), Role.PUBLIC, ""),
        (Status.UNDER_REVIEW, dt.date(2017, 3, 10), Role.SECRETARIAT, "Vi kigger på den."),
        (Status.ADOPTED, dt.date(2017, 4, 1), Role.SECRETARIAT, "Vi gør det."),
    ]
    assert (idea.status, idea.owner) == (Status.ADOPTED, setting["backbone"])
    assert idea.changes.get(status=Status.ADOPTED).owner.is_backbone


@pytest.mark.parametrize("to", [Status.PARKED, Status.DECLINED])
def test_parking_and_declining_need_a_public_answer(setting, to):
    """Given an idea, when it is parked or declined without an answer, then it is refused
    beside the answer and nothing changes."""
    with pytest.raises(ValidationError) as refused:
        services.idea_change_status(idea=setting["idea"], by=setting["secretariat"], to=to,
                                    answer="  ")
    assert "answer" in refused.value.message_dict
    assert setting["idea"].changes.count() == 1


def test_adopting_needs_an_owner(setting):
    with pytest.raises(ValidationError) as refused:
        services.idea_change_status(idea=setting["idea"], by=setting["secretariat"],
                                    to=Status.ADOPTED)
    assert "owner" in refused.value.message_dict


def test_realising_needs_the_activity_that_carries_it_out(setting, world):
    """Given an adopted idea, when it is realised without an activity, then it is refused;
    with one, the idea is realised and linked to it, and keeps its owner."""
    idea, by = setting["idea"], setting["secretariat"]
    services.idea_change_status(idea=idea, by=by, to=Status.ADOPTED,
                                owner=setting["school"], on=dt.date(2017, 4, 1))
    with pytest.raises(ValidationError) as refused:
        services.idea_change_status(idea=idea, by=by, to=Status.REALISED)
    assert "activity" in refused.value.message_dict
    activity = ActivityFactory(initiative=world.initiative)
    services.idea_change_status(idea=idea, by=by, to=Status.REALISED, activity=activity,
                                answer="Det kører.")
    idea.refresh_from_db()
    assert (idea.status, idea.activity, idea.owner) == (Status.REALISED, activity,
                                                         setting["school"])
    assert list(activity.ideas.all()) == [idea]


def test_only_allowed_moves_are_taken(setting):
    """Given a declined idea, when it is adopted directly, then it is refused naming what
    it may go to (under review)."""
    idea, by = setting["idea"], setting["secretariat"]
    services.idea_change_status(idea=idea, by=by, to=Status.DECLINED, answer="Nej.")
    with pytest.raises(ValidationError) as refused:
        services.idea_change_status(idea=idea, by=by, to=Status.ADOPTED,
                                    owner=setting["backbone"])
    assert "Bliver vurderet" in str(refused.value.message_dict["to"])


def test_a_change_cannot_be_dated_before_the_last_nor_after_today(setting):
    idea, by = setting["idea"], setting["secretariat"]
    for on in (dt.date(2017, 2, 1), timezone.localdate() + dt.timedelta(days=1)):
        with pytest.raises(ValidationError) as refused:
            services.idea_change_status(idea=idea, by=by, to=Status.UNDER_REVIEW, on=on)
        assert "on" in refused.value.message_dict


def test_a_member_adopts_for_their_own_organisation_only(setting):
    """Given a member of the school, when they adopt an idea for the secretariat, then it
    is refused; for the school it is adopted, decided by an alliance member."""
    idea, member = setting["idea"], setting["member"]
    with pytest.raises(ValidationError):
        services.idea_change_status(idea=idea, by=member, to=Status.ADOPTED,
                                    owner=setting["backbone"])
    change = services.idea_change_status(idea=idea, by=member, to=Status.ADOPTED,
                                         owner=setting["school"], answer="Skolen gør det.")
    assert change.decided_role == Role.MEMBER


def test_a_member_cannot_move_an_idea_another_organisation_owns(setting):
    idea = setting["idea"]
    services.idea_change_status(idea=idea, by=setting["secretariat"], to=Status.ADOPTED,
                                owner=setting["backbone"])
    with pytest.raises(ValidationError):
        services.idea_change_status(idea=idea, by=setting["member"], to=Status.PARKED,
                                    answer="Ikke nu.")


def test_the_public_page_shows_the_role_and_never_the_name(client_as, setting, world):
    """Given an idea adopted by the member Lars for the school, when anyone opens its
    public page, then it shows *Alliance member*, the school and the answer — and neither
    the member's name nor their email."""
    services.idea_change_status(idea=setting["idea"], by=setting["member"],
                                to=Status.ADOPTED, owner=setting["school"],
                                answer="Skolen sætter bænken op.")
    client = client_as("anonymous")
    text = client.get(reverse("ideas:public_detail", kwargs={
        "slug": world.initiative.slug, "number": setting["idea"].number})).content.decode()
    assert "Alliancemedlem" in text or "Alliance member" in text
    assert "Bakkely Skole" in text and "Skolen sætter bænken op." in text
    assert "Lars" not in text and "member@example.org" not in text


def test_turning_an_idea_into_an_activity_in_one_step(setting, client_as, world):
    """Given a new idea, when the secretariat turns it into an activity driven by the
    school, then the activity is proposed with the idea's title and a link to its public
    page, the idea is linked to it and adopted by the school — and the form came filled
    in from the idea."""
    idea = setting["idea"]
    client = client_as("secretariat")
    url = reverse("ideas:to_activity", kwargs={"slug": world.initiative.slug, "pk": idea.pk})
    form = client.get(url).context["form"]
    assert form.initial["title"] == "Venskabsbænk"
    assert f"/ideas/{idea.number}/" in form.initial["description"]
    response = client.post(url, {"title": "Venskabsbænke på skolerne",
                                 "description": form.initial["description"],
                                 "driver": setting["school"].pk, "starts_on": "2017-05-01",
                                 "answer": "Skolen sætter bænke op."})
    assert response.status_code == 302
    idea.refresh_from_db()
    activity = idea.activity
    assert (activity.title, activity.stage, activity.driver) == (
        "Venskabsbænke på skolerne", Stage.PROPOSED, setting["school"])
    assert (idea.status, idea.owner) == (Status.ADOPTED, setting["school"])
    assert list(activity.ideas.all()) == [idea]


def test_an_idea_linked_to_an_activity_is_not_turned_into_another(setting, world):
    idea = setting["idea"]
    idea.activity = ActivityFactory(initiative=world.initiative)
    idea.save()
    with pytest.raises(ValidationError):
        services.idea_to_activity(idea=idea, by=setting["secretariat"], title="Igen",
                                  driver=setting["school"], starts_on=dt.date(2017, 5, 1))


def test_the_trail_leads_to_the_activity_and_its_stage_today(client_as, setting, world):
    """Given an idea realised by an activity now running, when anyone opens its public
    page, then the trail ends with the activity and its stage today."""
    from rygrad.activities.tests.factories import history

    activity = history(ActivityFactory(initiative=world.initiative, title="Bænke i gården"),
                       (Stage.TRIAL, dt.date(2017, 5, 1)), (Stage.RUNNING, dt.date(2017, 9, 1)))
    idea, by = setting["idea"], setting["secretariat"]
    services.idea_change_status(idea=idea, by=by, to=Status.ADOPTED, owner=setting["school"],
                                on=dt.date(2017, 4, 1))
    services.idea_change_status(idea=idea, by=by, to=Status.REALISED, activity=activity,
                                on=dt.date(2017, 5, 1), answer="Bænkene står der nu.")
    text = client_as("anonymous").get(reverse("ideas:public_detail", kwargs={
        "slug": world.initiative.slug, "number": idea.number})).content.decode()
    assert "Bænke i gården" in text and "fase i dag: I drift" in text


def test_a_meeting_decision_leads_the_trail_to_its_activity(setting, client_as, world):
    """Given an alliance meeting that decided to try the activity that carries the idea
    out, when the idea is adopted and then realised naming that decision (and no
    activity), then the idea is linked to the decision's activity, and both the public
    page and "you said — we did" show the decision, the meeting and its date."""
    from rygrad.meetings.models import Decision, Meeting

    i = world.initiative
    activity = ActivityFactory(initiative=i, title="Venskabsbænke på skolerne")
    meeting = Meeting.objects.create(initiative=i, title="Alliancemøde",
                                     held_on=dt.date(2017, 3, 9))
    decision = Decision.objects.create(initiative=i, meeting=meeting, activity=activity,
                                       text="Skolerne sætter venskabsbænke op.")
    idea, by = setting["idea"], setting["secretariat"]
    services.idea_change_status(idea=idea, by=by, to=Status.ADOPTED, owner=setting["school"],
                                on=dt.date(2017, 3, 10))
    services.idea_change_status(idea=idea, by=by, to=Status.REALISED, decision=decision,
                                on=dt.date(2017, 4, 1), answer="Bænkene står der.")
    idea.refresh_from_db()
    assert idea.activity == activity
    client = client_as("anonymous")
    slug = {"slug": i.slug}
    for url in (reverse("ideas:public_detail", kwargs={**slug, "number": idea.number}),
                reverse("ideas:public_list", kwargs=slug)):
        text = client.get(url).content.decode()
        assert "Besluttet på Alliancemøde" in text, url
        assert "Skolerne sætter venskabsbænke op." in text, url
        assert "Venskabsbænke på skolerne" in text, url


def test_a_decision_of_another_initiative_is_refused(setting, world):
    from rygrad.meetings.models import Decision, Meeting

    other = Meeting.objects.create(initiative=world.other_initiative, title="Møde",
                                   held_on=dt.date(2017, 3, 9))
    decision = Decision.objects.create(initiative=world.other_initiative, meeting=other,
                                       text="Noget andet.")
    with pytest.raises(ValidationError) as refused:
        services.idea_change_status(idea=setting["idea"], by=setting["secretariat"],
                                    to=Status.UNDER_REVIEW, decision=decision)
    assert "decision" in refused.value.message_dict
