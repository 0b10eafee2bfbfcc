"""Communication's signals: how long since the initiative last told anyone anything, and
how many people it can reach. In +DIG communication mattered most when it was frequent
and concrete, and the mid-term evaluation found too little of it."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.signals import Condition, SignalLink, Unit, register_signal

from . import selectors


@register_signal(
    "communication.days_since_news", label=_("Days since the last news"),
    condition=Condition.COMMUNICATION, unit=Unit.DAYS, threshold=30, warn_above=True,
    link=SignalLink("communication:manage", "communication.manage"),
    explanation=_("Days since news was last published on the initiative's site. Things do "
                  "not exist unless they are communicated: tell what an activity did, with "
                  "a picture people can recall."),
)
def days_since_news(initiative, at, **filters):
    return selectors.days_since_news(initiative=initiative, at=at)


@register_signal(
    "communication.days_since_newsletter", label=_("Days since the last newsletter"),
    condition=Condition.COMMUNICATION, unit=Unit.DAYS, threshold=90, warn_above=True,
    link=SignalLink("communication:manage", "communication.manage"),
    explanation=_("Days since a newsletter was last sent to the subscribers. Partners who "
                  "hear nothing for a season drift away; a short issue with the latest news "
                  "is enough."),
)
def days_since_newsletter(initiative, at, **filters):
    return selectors.days_since_newsletter(initiative=initiative, at=at)


@register_signal(
    "communication.subscribers", label=_("Newsletter subscribers"),
    condition=Condition.COMMUNICATION, unit=Unit.COUNT, warn_above=False, settable=True,
    link=SignalLink("communication:subscriber_list", "communication.manage"),
    explanation=_("Confirmed subscribers who have not unsubscribed (by segment over time "
                  "on the page of news and newsletters). Few subscribers means "
                  "the newsletter reaches few partners: ask every member to pass the "
                  "subscription page on."),
)
def subscribers(initiative, at, **filters):
    return selectors.subscribers_at(initiative=initiative, at=at)


@register_signal(
    "communication.catalogue_use", label=_("Catalogue views and downloads in 30 days"),
    condition=Condition.COMMUNICATION, unit=Unit.COUNT, warn_above=False, settable=True,
    link=SignalLink("communication:catalogue", "communication.view"),
    explanation=_("How often entries of the inspiration catalogue were opened, and their "
                  "files downloaded, in the last 30 days (counted without cookies or "
                  "personal data). A catalogue nobody opens "
                  "does not help staff: show it at staff meetings and link it from the "
                  "newsletter."),
)
def catalogue_use(initiative, at, **filters):
    return selectors.catalogue_use(initiative=initiative, at=at)
