"""A person who has left traces in every app, for the privacy tests: built the same way
for the subject, for another person of the same initiative and for a person of another
initiative, each with their own marks, so a test can tell whose data it finds."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from rygrad.activities.models import LearningNote, StageChange
from rygrad.activities.tests.factories import ActivityFactory
from rygrad.agenda.models import KnowledgeVersion
from rygrad.agenda.tests.factories import ActionItemFactory, KnowledgeDocumentFactory
from rygrad.alliance.tests.factories import MembershipFactory, OrganisationFactory, PersonFactory
from rygrad.communication.tests.factories import SubscriberFactory
from rygrad.core.tenancy import Role, tenancy
from rygrad.earlywarning.models import NotificationSetting
from rygrad.evaluation.report.models import ReportJob
from rygrad.ideas.tests.factories import IdeaFactory, SupportFactory
from rygrad.meetings.models import CalendarFeed, Group
from rygrad.meetings.tests.factories import ActionFactory, AttendanceFactory, MeetingFactory

# A file name that would climb out of the folder it is unpacked in, were it used as given.
EVIL_NAME = "../../../etc/passwd-{tag}.pdf"


def person_everywhere(initiative, *, name: str, email: str, tag: str, role=Role.MEMBER,
                      user=None):
    """A registry person with a login (a new one unless given) and records in every app,
    each carrying `tag`; returns the person."""
    if user is None:
        user = get_user_model().objects.create_user(email=email, password="pw",
                                                    display_name=name)
    tenancy().role_grant(initiative=initiative, user=user, role=role)
    organisation = OrganisationFactory(initiative=initiative, name=f"Skole {tag}")
    person = PersonFactory(initiative=initiative, name=name, email=email, title="Leder",
                           organisation=organisation, user=user)
    MembershipFactory(initiative=initiative, person=person, organisation=organisation,
                      started_on=dt.date(2016, 1, 1), ended_on=dt.date(2018, 12, 31),
                      end_reason=f"Sygdom {tag}")
    meeting = MeetingFactory(initiative=initiative, title=f"Møde {tag}",
                             minutes=f"{name} fremlagde planen {tag}. Skriv til {email}.")
    AttendanceFactory(initiative=initiative, meeting=meeting, person=person,
                      organisation=organisation, group=Group.PROFESSIONALS)
    ActionFactory(initiative=initiative, meeting=meeting, owner=person,
                  title=f"Opgave {tag}")
    CalendarFeed.objects.create(initiative=initiative, user=user, token_hash=f"hash-{tag}")
    idea = IdeaFactory(initiative=initiative, title=f"Idé {tag}", nickname=name.split()[0],
                       submitted_by=user)
    SupportFactory(initiative=initiative, idea=idea, user=user)
    activity = ActivityFactory(initiative=initiative, title=f"Aktivitet {tag}",
                               driver=organisation)
    LearningNote.objects.create(initiative=initiative, activity=activity, author=user,
                                tried=f"Prøvede {tag}", learned="Det virkede",
                                written_on=dt.date(2017, 5, 1))
    StageChange.objects.filter(activity=activity).update(decided_by=name, recorded_by=user)
    ActionItemFactory(track__initiative=initiative, who=name, what=f"Handling {tag}")
    document = KnowledgeDocumentFactory(initiative=initiative, title=f"Viden {tag}")
    version = KnowledgeVersion(initiative=initiative, document=document, number=1,
                               body=f"Notat {tag}", created_by=user,
                               file_name=EVIL_NAME.format(tag=tag))
    version.file.save(f"viden-{tag}.pdf", ContentFile(f"%PDF viden {tag}".encode()),
                      save=False)
    version.save()
    job = ReportJob(initiative=initiative, requested_by=user, format="html", language="da",
                    period_from=dt.date(2017, 1, 1), period_to=dt.date(2017, 12, 31),
                    status="done")
    job.file.save(f"rapport-{tag}.html", ContentFile(f"<p>Rapport {tag}</p>".encode()),
                  save=False)
    job.save()
    SubscriberFactory(initiative=initiative, email=email, name=name,
                      unsubscribed_at=timezone.now() - dt.timedelta(days=3))
    NotificationSetting.objects.create(initiative=initiative, user=user, email=False)
    return person
