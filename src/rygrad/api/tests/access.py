"""The API's rows of the permission matrix: every endpoint answers each role as the page
showing the same records does (`api=True`: a refused anonymous client gets 401, a refused
signed-in one 403 or 404). The world is the activities matrix's (the partner represents
the organisation committed to `theirs`), with a public event and an alliance meeting, an
approved idea, a seat in the alliance group and a survey instrument."""


from django.utils import timezone

from rygrad.activities.models import Activity
from rygrad.activities.services import TRANSITIONS
from rygrad.activities.tests import access as activities_access
from rygrad.alliance.tests.factories import MembershipFactory, PersonFactory
from rygrad.core.testing import (
    EVERYONE,
    MEMBER_UP,
    PARTNER_UP,
    SECRETARIAT_UP,
    YOUTH_UP,
    AccessCase,
)
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
    return objects


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
]

