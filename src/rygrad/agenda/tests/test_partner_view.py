"""A partner reads the common agenda, but of the activities on its tracks only those their
organisation takes part in — in the track's list and in the overview's counts alike."""

from django.urls import reverse

from rygrad.activities.tests.factories import ActivityFactory, CommitmentFactory
from rygrad.agenda.tests.factories import TrackFactory
from rygrad.alliance.models import Person


def test_the_overviews_activity_count_is_the_partners_own(client_as, world):
    """Given a track with three activities, one of which the partner's organisation
    commits to, when the partner and a member open the agenda, then the track counts 1
    activity for the partner and 3 for the member."""
    track = TrackFactory(initiative=world.initiative)
    activities = [ActivityFactory(initiative=world.initiative) for _ in range(3)]
    for activity in activities:
        activity.tracks.add(track)
    commitment = CommitmentFactory(activity=activities[0])
    CommitmentFactory(activity=activities[0], organisation=commitment.organisation)
    Person.objects.create(initiative=world.initiative, name="Hanne",
                          user=world.users["partner"], organisation=commitment.organisation)
    url = reverse("agenda:overview", kwargs={"slug": world.initiative.slug})
    counts = {}
    for role in ("partner", "member"):
        tracks = client_as(role).get(url).context["tracks"]
        counts[role] = next(t.activity_count for t in tracks if t.pk == track.pk)
    assert counts == {"partner": 1, "member": 3}
