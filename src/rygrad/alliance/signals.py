"""The alliance's signals, each computed as of a date.

Where they are filed: the backbone convenes the alliance group and keeps it supplied with
members, so the group's size and its newcomers are backbone signals; a common agenda needs
the whole system at the table, so the number of sectors represented is an agenda signal;
young people at the table are the alliance's share of user involvement.
"""

from django.utils.translation import gettext_lazy as _

from rygrad.core.signals import Condition, SignalLink, Unit, register_signal

from . import selectors


@register_signal(
    "alliance.members", label=_("Members of the alliance group"),
    condition=Condition.BACKBONE, unit=Unit.COUNT, warn_above=False, settable=True,
    link=SignalLink("alliance:overview", "alliance.view"),
    explanation=_("People holding a seat in the alliance group on the date. The backbone "
                  "keeps the group together; a group that shrinks needs new members."),
)
def members(initiative, at, **filters):
    return selectors.members_at(initiative=initiative, at=at).count()


@register_signal(
    "alliance.sectors_represented", label=_("Sectors represented in the alliance"),
    condition=Condition.AGENDA, unit=Unit.COUNT, threshold=5, warn_above=False,
    link=SignalLink("alliance:organisation_list", "alliance.view"),
    explanation=_("How many sectors (municipality, schools, day-care, associations, "
                  "businesses, young people...) have a seat on the date. An agenda shared "
                  "by fewer than five sectors is not yet the whole community's agenda."),
)
def sectors_represented(initiative, at, **filters):
    return len(selectors.sectors_represented_at(initiative=initiative, at=at))


@register_signal(
    "alliance.youth_members", label=_("Young people in the alliance group"),
    condition=Condition.INVOLVEMENT, unit=Unit.COUNT, threshold=2, warn_above=False,
    link=SignalLink("alliance:overview", "alliance.view"),
    explanation=_("Members who are young or hold a youth seat on the date. With fewer than "
                  "two, a young member sits alone among adults and the young are not "
                  "really at the table."),
)
def youth_members(initiative, at, **filters):
    return selectors.youth_members_at(initiative=initiative, at=at).count()


@register_signal(
    "alliance.joined_last_year", label=_("New members in the past year"),
    condition=Condition.BACKBONE, unit=Unit.COUNT, warn_above=False, settable=True,
    link=SignalLink("alliance:over_time", "alliance.view"),
    explanation=_("People whose first seat in the alliance group started in the 365 days "
                  "up to the date. A self-supplementing alliance keeps bringing in new "
                  "people as others leave."),
)
def joined_last_year(initiative, at, **filters):
    return selectors.joined_in_year_before(initiative=initiative, at=at).count()
