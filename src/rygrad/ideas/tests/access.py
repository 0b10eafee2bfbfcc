"""The ideas' rows of the permission matrix. The public pages are everyone's; inside, the
partner's organisation owns one idea (the `extra` rows and the listings), the member
represents an organisation of their own (so they may adopt an idea nobody owns, but not
change one another organisation owns), and one idea sent without an account waits for
moderation: no list but the secretariat's shows it."""

import datetime as dt

from rygrad.alliance.models import Person
from rygrad.alliance.tests.factories import OrganisationFactory
from rygrad.core.testing import (
    EVERYONE,
    MEMBER_UP,
    PARTNER_UP,
    SECRETARIAT_UP,
    YOUTH_UP,
    AccessCase,
    ListingCase,
)
from rygrad.ideas.models import (
    AnswerRelease,
    AnswerTemplate,
    Moderation,
    Status,
    StatusChange,
    Theme,
)
from rygrad.ideas.tests.factories import IdeaFactory, answered


def setup(world):
    initiative = world.initiative
    theirs_org = OrganisationFactory(initiative=initiative, name="Egelund Boldklub")
    members_org = OrganisationFactory(initiative=initiative, name="Bakkely Skole")
    Person.objects.create(initiative=initiative, name="Hanne", user=world.users["partner"],
                          organisation=theirs_org)
    Person.objects.create(initiative=initiative, name="Lars", user=world.users["member"],
                          organisation=members_org)
    theme = Theme.objects.create(initiative=initiative, name="Frikvarter")
    idea = IdeaFactory(initiative=initiative, title="Venskabsbænk i skolegården",
                       theme=theme)
    theirs = answered(IdeaFactory(initiative=initiative, title="Gratis prøvetræning"),
                      (Status.ADOPTED, dt.date(2017, 4, 1), "Boldklubben tager den.",
                       theirs_org))
    members = answered(IdeaFactory(initiative=initiative, title="Makkerordning for nye"),
                       (Status.ADOPTED, dt.date(2017, 4, 1), "Skolen tager den.",
                        members_org))
    pending = IdeaFactory(initiative=initiative, title="Natbus i weekenden",
                          moderation=Moderation.PENDING)
    release = AnswerRelease.objects.create(initiative=initiative, title="Svar maj 2017")
    template = AnswerTemplate.objects.create(initiative=initiative, name="Tak",
                                             text="Tak for idéen.")
    published = StatusChange.objects.filter(idea=theirs, status=Status.ADOPTED).get()
    return {"idea": idea, "theirs": theirs, "members": members, "pending": pending,
            "release": release, "template": template, "theme": theme,
            "published": published}


def _pk(name):
    return lambda world, objects: {"pk": objects[name].pk}


def _number(name):
    return lambda world, objects: {"number": objects[name].number}


CASES = [
    # Public.
    AccessCase("ideas:public_list", EVERYONE),
    AccessCase("ideas:public_list", EVERYONE, query="format=csv"),
    AccessCase("ideas:public_list", EVERYONE, query="format=xlsx"),
    AccessCase("ideas:submit", EVERYONE),
    AccessCase("ideas:thanks", EVERYONE),
    AccessCase("ideas:public_detail", EVERYONE, kwargs=_number("idea")),
    AccessCase("ideas:support", EVERYONE, kwargs=_number("idea"), method="post"),
    # Inside.
    AccessCase("ideas:list", PARTNER_UP),
    AccessCase("ideas:list", PARTNER_UP, query="format=csv"),
    AccessCase("ideas:list", PARTNER_UP, query="format=xlsx"),
    AccessCase("ideas:create", YOUTH_UP),
    AccessCase("ideas:detail", MEMBER_UP, kwargs=_pk("idea"),
               extra=(("partner", _pk("theirs"), True),)),
    AccessCase("ideas:edit", SECRETARIAT_UP, kwargs=_pk("idea")),
    AccessCase("ideas:status", MEMBER_UP, kwargs=_pk("idea"),
               extra=(("member", _pk("theirs"), False), ("member", _pk("members"), True))),
    AccessCase("ideas:to_activity", MEMBER_UP, kwargs=_pk("idea"),
               extra=(("member", _pk("theirs"), False),)),
    AccessCase("ideas:moderation", SECRETARIAT_UP),
    # Without "approve" the button rejects; rejecting again changes nothing.
    AccessCase("ideas:moderate", SECRETARIAT_UP, kwargs=_pk("pending"), method="post"),
    AccessCase("ideas:delete", SECRETARIAT_UP, kwargs=_pk("idea")),
    AccessCase("ideas:merge", SECRETARIAT_UP, kwargs=_pk("idea")),
    AccessCase("ideas:move", SECRETARIAT_UP, kwargs=_pk("idea"), method="post"),
    AccessCase("ideas:import", SECRETARIAT_UP),
    AccessCase("ideas:import_template", SECRETARIAT_UP),
    AccessCase("ideas:signals", MEMBER_UP),
    AccessCase("ideas:settings", SECRETARIAT_UP),
    AccessCase("ideas:bulk", SECRETARIAT_UP,
               query="ids=1&ids=2"),
    AccessCase("ideas:releases", SECRETARIAT_UP),
    AccessCase("ideas:release", SECRETARIAT_UP, kwargs=_pk("release")),
    # An empty release cannot be published: refused with a message, every time.
    AccessCase("ideas:release_publish", SECRETARIAT_UP, kwargs=_pk("release"),
               method="post"),
    AccessCase("ideas:release_delete", SECRETARIAT_UP, kwargs=_pk("release")),
    # A published change is no draft: taking it out is refused, so it stays.
    AccessCase("ideas:draft_discard", SECRETARIAT_UP, kwargs=_pk("published"),
               method="post"),
    AccessCase("ideas:templates", SECRETARIAT_UP),
    AccessCase("ideas:template_edit", SECRETARIAT_UP, kwargs=_pk("template")),
    AccessCase("ideas:template_delete", SECRETARIAT_UP, kwargs=_pk("template")),
    AccessCase("ideas:themes", MEMBER_UP),
    AccessCase("ideas:themes_group", SECRETARIAT_UP, method="post"),
    AccessCase("ideas:theme", SECRETARIAT_UP, kwargs=_pk("theme")),
    AccessCase("ideas:theme_merge", SECRETARIAT_UP, kwargs=_pk("theme")),
]


def _titles(world, objects):
    return {name: objects[name].title for name in ("idea", "theirs", "members", "pending")}


# The internal list and its downloads narrow per role; the public list shows every
# approved idea to everybody, never one waiting for moderation.
_INSIDE = [("ideas:list", ""), ("ideas:list", "format=csv"), ("ideas:list", "format=xlsx")]
_PUBLIC = [("ideas:public_list", ""), ("ideas:public_list", "format=csv"),
           ("ideas:public_list", "format=xlsx")]
LISTINGS = [
    *[ListingCase(url_name, role, marks=_titles, sees=frozenset(sees), query=query)
      for url_name, query in _INSIDE
      for role, sees in (("partner", {"theirs"}),
                         ("member", {"idea", "theirs", "members"}),
                         ("secretariat", {"idea", "theirs", "members", "pending"}))],
    *[ListingCase(url_name, role, marks=_titles, sees=frozenset({"idea", "theirs", "members"}),
                  query=query)
      for url_name, query in _PUBLIC for role in ("youth", "secretariat")],
]
