"""The demo initiative's ideas, 2016 to today (see demo_data.py for the story).

Everything goes through the services, as the secretariat (and, for the school it leads,
the member Lars), so the demo's histories are exactly what the pages would record: the
hackathon's ideas come in through the spreadsheet import and are answered in one release;
near-duplicates are merged; the ideas are grouped into themes. Ideas are attached to the
meetings demo's meetings by title and date (the workshop, the Youth bus's visits, the
hackathon, youth and alliance meetings), and decisions to what those meetings decided;
without the meetings demo, the ideas simply have no meeting."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from rygrad.activities.models import Activity
from rygrad.agenda.demo import secretariat_actor
from rygrad.alliance.models import Organisation
from rygrad.core.permissions import Actor
from rygrad.meetings.models import Decision, Meeting

from . import answers, services, themes
from .demo_data import (
    ANSWER_TEMPLATES,
    BB,
    EARLY_IDEAS,
    GROUPS,
    HACKATHON,
    HACKATHON_ON,
    MERGES,
    RELEASE,
    RELEASE_DECISION,
    STORIES,
    THEME_NAMES,
    WEB_IDEAS,
    YOUTH_BUS,
    YOUTH_BUS_ON,
)
from .importing import ideas_import
from .models import Idea, Moderation, Source, Status

MEMBER_EMAIL = "medlem@demo.rygrad.dk"
YOUTH_EMAIL = "ung@demo.rygrad.dk"


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _find(ideas: list[Idea], start: str) -> Idea:
    """The idea whose title is `start`, or the only one that begins with it."""
    exact = [idea for idea in ideas if idea.title == start]
    found = exact or [idea for idea in ideas if idea.title.startswith(start)]
    if len(found) != 1:
        raise ValueError(f"{len(found)} demo ideas start with {start!r}")
    return found[0]


def _event(initiative, title: str, on: dt.date | None = None) -> Meeting | None:
    """The meetings demo's meeting of that title (on that day), if there is one."""
    found = Meeting.objects.for_initiative(initiative).filter(title=title)
    if on is not None:
        found = found.filter(held_on=on)
    return found.order_by("pk").first()


def _decision(initiative, found: tuple[str, str] | None) -> Decision | None:
    """What the meetings demo's meeting of that day decided, by the start of its text."""
    if found is None:
        return None
    on, start = found
    return (Decision.objects.for_initiative(initiative)
            .filter(meeting__held_on=_date(on), text__startswith=start).order_by("pk").first())


def _actor(email: str, initiative) -> Actor:
    user = get_user_model().objects.filter(email=email).first()
    return Actor(user=user or AnonymousUser(), initiative=initiative)


def build(initiative, rng) -> None:
    by = secretariat_actor(initiative)
    ideas = _early_ideas(initiative, by) + _youth_bus(initiative, by)
    hackathon = _hackathon(initiative, by)
    ideas += hackathon
    for template in ANSWER_TEMPLATES:
        name, status, text = template
        services.answer_template_save(initiative=initiative, by=by, name=name,
                                      status=status, text=text)
    organisations = {o.name: o for o in Organisation.objects.for_initiative(initiative)}
    organisations[BB] = Organisation.objects.for_initiative(initiative).get(is_backbone=True)
    activities = {a.title: a for a in Activity.objects.for_initiative(initiative)}
    member = _actor(MEMBER_EMAIL, initiative)
    merged = set()
    for kept, folded, on in MERGES:
        fold = _find(ideas, folded)
        services.idea_merge(idea=fold, into=_find(ideas, kept), by=by, on=_date(on))
        merged.add(fold.pk)
    release_on = _date(RELEASE[1])
    release = answers.release_create(initiative=initiative, by=by, title=RELEASE[0])
    release_decision = _decision(initiative, RELEASE_DECISION)
    later = []
    for start, steps, activity in STORIES:
        idea = _find(ideas, start)
        for status, on, answer, owner, *decided in steps:
            owner = organisations[owner] if owner else None
            if _date(on) == release_on and idea in hackathon:
                answers.bulk_answer(
                    initiative=initiative, by=by, ideas=[idea], to=status, answer=answer,
                    owner=owner, release=release,
                    decision=release_decision if status == Status.ADOPTED else None)
                continue
            later.append((_date(on), idea, status, answer, owner, activity,
                          _decision(initiative, decided[0] if decided else None)))
    _answer_the_rest(initiative, by, rng, hackathon, merged, release)
    answers.ReleasePublication(release=release, by=by, on=release_on).execute()
    for on, idea, status, answer, owner, activity, decision in sorted(later,
                                                                      key=lambda s: s[0]):
        # The school's own leader adopts and realises its ideas; the rest is the
        # secretariat's.
        actor = member if owner is not None and member.can("ideas.own", owner) else by
        services.idea_change_status(
            idea=idea, by=actor, to=status, answer=answer, owner=owner, on=on,
            decision=decision,
            activity=activities.get(activity) if status == Status.REALISED else None)
    _web_ideas(initiative)
    _supports(initiative, rng)
    made = themes.themes_group(initiative=initiative, by=by, ideas=[
        i for i in Idea.objects.for_initiative(initiative).filter(
            source=Source.HACKATHON, merged_into__isnull=True)])
    _name_themes(made, by)


def _name_themes(made, by) -> None:
    """The secretariat names the themes it recognises by their most telling word (the
    others keep their words as their name)."""
    used = set()
    for theme in made:
        name = THEME_NAMES.get(theme.top_words[0] if theme.top_words else "")
        if name and name not in used:
            themes.theme_rename(theme=theme, by=by, name=name)
            used.add(name)


def _record(initiative, by, title, group, source, on: dt.date, event=None) -> Idea:
    return services.idea_record(initiative=initiative, by=by, title=title,
                                submitter_group=GROUPS[group], source=source,
                                submitted_on=on, event=event)


def _early_ideas(initiative, by) -> list[Idea]:
    return [_record(initiative, by, title, group, source, _date(on),
                    _event(initiative, event, _date(on)))
            for event, on, title, group, source in EARLY_IDEAS]


def _youth_bus(initiative, by) -> list[Idea]:
    """The Youth bus's week: one school a day, from the Monday."""
    made = []
    for day, (school, rows) in enumerate(YOUTH_BUS.items()):
        on = _date(YOUTH_BUS_ON) + dt.timedelta(days=day)
        event = _event(initiative, f"Ungebussen på {school}", on)
        made += [_record(initiative, by, title, group, Source.YOUTH_BUS, on, event)
                 for title, group in rows]
    return made


def _hackathon(initiative, by) -> list[Idea]:
    """The hackathon's ideas, typed into a spreadsheet afterwards and imported."""
    rows = ["idé;indsendt af"] + [f"{title};{GROUPS[group]}" for title, group in HACKATHON]
    before = set(Idea.objects.for_initiative(initiative).values_list("pk", flat=True))
    result = ideas_import(initiative=initiative, by=by, data="\n".join(rows).encode(),
                          filename="hackathon.csv", source=Source.HACKATHON,
                          submitted_on=_date(HACKATHON_ON),
                          event=_event(initiative, "Hackathon på skolerne"))
    if not result.ok:
        raise ValueError(f"The demo hackathon did not import: {result.problems}")
    return list(Idea.objects.for_initiative(initiative).exclude(pk__in=before)
                .order_by("number"))


def _answer_the_rest(initiative, by, rng, hackathon, merged, release) -> None:
    """Most of the hackathon's other ideas get "under review" in the release; about one in
    three is never answered."""
    drafted = set(release.changes.values_list("idea_id", flat=True))
    rest = [idea for idea in hackathon if idea.pk not in merged and idea.pk not in drafted]
    chosen = [idea for idea in rest if rng.random() < 0.65]
    answers.bulk_answer(initiative=initiative, by=by, ideas=chosen, to=Status.UNDER_REVIEW,
                        answer=ANSWER_TEMPLATES[0][2], release=release)


def _web_ideas(initiative) -> None:
    today = timezone.localdate()
    for days, title, group, age_band, approved in WEB_IDEAS:
        services.idea_create(
            initiative=initiative, by=None, title=title, submitter_group=GROUPS[group],
            source=Source.WEB, submitted_on=today - dt.timedelta(days=days),
            age_band=age_band,
            moderation=Moderation.APPROVED if approved else Moderation.PENDING)


def _supports(initiative, rng) -> None:
    """Visitors without an account support a few ideas each; the demo's young person
    supports some too."""
    ideas = list(Idea.objects.for_initiative(initiative).filter(
        moderation=Moderation.APPROVED, merged_into__isnull=True).order_by("number"))
    visitor = Actor.anonymous(initiative)
    for idea in ideas:
        for _ in range(rng.choice((0, 0, 1, 2, 3, 5))):
            services.idea_support(idea=idea, by=visitor, session={})
    youth = _actor(YOUTH_EMAIL, initiative)
    if youth.is_authenticated:
        for idea in rng.sample(ideas, 8):
            services.idea_support(idea=idea, by=youth)
