"""The API's rows of the permission matrix: every endpoint answers each role as the page
showing the same records does (`api=True`: a refused anonymous client gets 401, a refused
signed-in one 403 or 404). The world is the activities matrix's (the partner represents
the organisation committed to `theirs`), with a public event and an alliance meeting, an
approved idea, a seat in the alliance group and a survey instrument; a published and a
draft news post and catalogue entry, a sent newsletter, evidence, a change and an
assessment round closed with three answers."""


from django.utils import timezone

from rygrad.activities.models import Activity
from rygrad.activities.services import TRANSITIONS
from rygrad.activities.tests import access as activities_access
from rygrad.alliance.tests.factories import MembershipFactory, PersonFactory
from rygrad.communication.tests.factories import (
    NewsletterFactory,
    NewsPostFactory,
    ResourceFactory,
    sent,
)
from rygrad.core.testing import (
    EVERYONE,
    MEMBER_UP,
    PARTNER_UP,
    SECRETARIAT_UP,
    YOUTH_UP,
    AccessCase,
)
from rygrad.evaluation.models import Change, Evidence
from rygrad.evaluation.tests.factories import answers, closed_round, statements
from rygrad.ideas.tests.factories import IdeaFactory
from rygrad.measurement.tests.factories import instrument
from rygrad.meetings.models import Kind
from rygrad.meetings.tests.factories import MeetingFactory

SIGNED_IN = YOUTH_UP | {"stranger"}


def setup(world):
    objects = activities_access.setup(world)
    organisation = objects["commitment"].organisation
    person = PersonFactory(initiative=world.initiative, organisation=organisation)
    objects.update(
        organisation=organisation,
        membership=MembershipFactory(initiative=world.initiative, person=person,
                                     organisation=organisation),
        public_event=MeetingFactory(initiative=world.initiative, kind=Kind.PUBLIC,
                                    title="Sommerfest"),
        alliance_meeting=MeetingFactory(initiative=world.initiative, kind=Kind.ALLIANCE),
        idea=IdeaFactory(initiative=world.initiative),
        instrument=instrument(world.initiative),
    )
    objects.update(_communication(world), **_evaluation(world))
    return objects


def _communication(world):
    initiative = world.initiative
    return {
        "news": NewsPostFactory(initiative=initiative, title="Læsefest"),
        "draft_news": NewsPostFactory(initiative=initiative, title="Kladde",
                                      published_at=None),
        "resource": ResourceFactory(initiative=initiative, title="Legeguide"),
        "draft_resource": ResourceFactory(initiative=initiative, title="Udkast",
                                          is_published=False),
        "newsletter": sent(NewsletterFactory(initiative=initiative)),
        "draft_newsletter": NewsletterFactory(initiative=initiative),
    }


def _evaluation(world):
    initiative = world.initiative
    statements(initiative, per_condition=1)
    round_ = closed_round(initiative)
    answers(round_, "municipality", 2, 3, 4)
    return {
        "evidence": Evidence.objects.create(
            initiative=initiative, text="Vi mødes nu på tværs", source_role="skoleleder",
            observed_on=timezone.localdate(), condition="agenda", direction="promoted"),
        "change": Change.objects.create(
            initiative=initiative, stage="systems", kind="practice", title="Fælles sprog",
            occurred_on=timezone.localdate(), contribution_claim="Workshoppen",
            rival_explanations="Ny lov", strength="moderate", strength_reason="To kilder"),
        "round": round_,
    }


def _pk(name):
    return lambda world, objects: {"pk": objects[name].pk}


def _next_stage(world, objects):
    """A move the activity can make from where it is now (each allowed role moves it)."""
    activity = Activity.objects.get(pk=objects["activity"].pk)
    to = "proposed" if activity.stage == "stopped" else "stopped"
    assert to in TRANSITIONS[activity.stage]
    return {"to": to, "on": timezone.localdate().isoformat(), "note": "Genåbnet",
            "reason": "Ingen lokaler"}


def _api(url_name, allowed, **kwargs):
    return AccessCase(url_name, allowed, api=True, **kwargs)


_instrument = "instrument=test"
CASES = [
    AccessCase("api:root", EVERYONE, in_initiative=False),
    AccessCase("api:schema", EVERYONE, in_initiative=False),
    AccessCase("api:docs", EVERYONE, in_initiative=False),
    AccessCase("api:tokens", SIGNED_IN, in_initiative=False),
    AccessCase("api:token_revoke", SIGNED_IN, in_initiative=False, method="post",
               data=lambda world, objects: {"token": "0"}),
    AccessCase("api:initiative-list", EVERYONE, in_initiative=False),
    _api("api:initiative-detail", EVERYONE),
    _api("api:organisation-list", MEMBER_UP),
    _api("api:organisation-detail", MEMBER_UP, kwargs=_pk("organisation")),
    _api("api:membership-list", MEMBER_UP),
    _api("api:membership-detail", MEMBER_UP, kwargs=_pk("membership")),
    _api("api:track-list", PARTNER_UP),
    _api("api:track-detail", PARTNER_UP, kwargs=_pk("track")),
    _api("api:activity-list", PARTNER_UP),
    _api("api:activity-detail", MEMBER_UP, kwargs=_pk("activity"),
         extra=(("partner", _pk("theirs"), True),)),
    _api("api:activity-stage", SECRETARIAT_UP, kwargs=_pk("activity"), method="post",
         data=_next_stage),
    _api("api:commitment-list", PARTNER_UP),
    _api("api:commitment-detail", MEMBER_UP, kwargs=_pk("commitment"),
         extra=(("partner", _pk("their_commitment"), True),)),
    _api("api:meeting-list", EVERYONE),
    _api("api:meeting-detail", EVERYONE, kwargs=_pk("public_event")),
    _api("api:meeting-detail", MEMBER_UP, kwargs=_pk("alliance_meeting")),
    _api("api:idea-list", EVERYONE),
    _api("api:idea-detail", EVERYONE, kwargs=_pk("idea")),
    _api("api:signals", PARTNER_UP),
    _api("api:signals", PARTNER_UP, query="at=2019-12-31"),
    _api("api:instruments", MEMBER_UP),
    _api("api:indicators", MEMBER_UP, query=_instrument + "&by=year,school"),
    _api("api:indicator_changes", MEMBER_UP,
         query=_instrument + "&year_from=2018&year_to=2019"),
    _api("api:news-list", EVERYONE),
    _api("api:news-list", EVERYONE, query="published=false"),
    _api("api:news-detail", EVERYONE, kwargs=_pk("news")),
    _api("api:news-detail", SECRETARIAT_UP, kwargs=_pk("draft_news")),
    _api("api:resource-list", EVERYONE),
    _api("api:resource-list", EVERYONE, query="q=leg&kind=method&setting=daycare"),
    _api("api:resource-detail", EVERYONE, kwargs=_pk("resource")),
    _api("api:resource-detail", SECRETARIAT_UP, kwargs=_pk("draft_resource")),
    _api("api:newsletter-list", EVERYONE),
    _api("api:newsletter-detail", EVERYONE, kwargs=_pk("newsletter")),
    _api("api:newsletter-detail", frozenset(), kwargs=_pk("draft_newsletter")),
    _api("api:evidence-list", MEMBER_UP),
    _api("api:evidence-list", MEMBER_UP, query="condition=agenda&direction=promoted"),
    _api("api:evidence-detail", MEMBER_UP, kwargs=_pk("evidence")),
    _api("api:change-list", MEMBER_UP),
    _api("api:change-list", MEMBER_UP, query="stage=systems"),
    _api("api:change-detail", MEMBER_UP, kwargs=_pk("change")),
    _api("api:round-list", MEMBER_UP),
    _api("api:round-detail", MEMBER_UP, kwargs=_pk("round")),
    _api("api:network", MEMBER_UP),
    _api("api:signal_history", PARTNER_UP,
         kwargs=lambda world, objects: {"key": "network.organisations"}),
    _api("api:signal_history", PARTNER_UP, query="at=2019-12-31",
         kwargs=lambda world, objects: {"key": "network.organisations"}),
]

