"""Writes on ideas: capture, moderation, the pipeline of status changes, supports, merges,
answer templates and the answer promise. Every change goes through one of these functions:
atomic, validated and permission-checked, so a page, an import, the CLI and the demo all
follow the same rules. Many answers at once go through `answers.py`; themes through
`themes.py`; spreadsheets through `importing.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, MutableMapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rygrad.activities import services as activities
from rygrad.activities.models import Activity
from rygrad.alliance.models import Organisation
from rygrad.core.permissions import Actor
from rygrad.initiatives.models import Initiative, Role

from .models import (
    AnswerTemplate,
    Idea,
    IdeasSettings,
    Moderation,
    Source,
    Status,
    StatusChange,
    Support,
)

# The moves an idea may make; everything else is refused. An adopted idea may be adopted
# again: handed over to another owner.
TRANSITIONS: dict[str, set[str]] = {
    Status.NEW: {Status.UNDER_REVIEW, Status.ADOPTED, Status.PARKED, Status.DECLINED},
    Status.UNDER_REVIEW: {Status.ADOPTED, Status.PARKED, Status.DECLINED},
    Status.ADOPTED: {Status.ADOPTED, Status.REALISED, Status.PARKED, Status.DECLINED},
    Status.PARKED: {Status.UNDER_REVIEW, Status.ADOPTED, Status.DECLINED},
    Status.DECLINED: {Status.UNDER_REVIEW},
    Status.REALISED: set(),
}
# The statuses with an owner: the organisation that carries the idea out.
OWNED = frozenset({Status.ADOPTED, Status.REALISED})
NEEDS_ANSWER = frozenset({Status.PARKED, Status.DECLINED})
IDEA_FIELDS = ("title", "description", "source", "submitter_group", "submitted_on",
               "nickname", "age_band", "theme")
# A visitor without an account may support this many ideas per browser session.
ANONYMOUS_SUPPORTS_PER_SESSION = 10
SESSION_SUPPORTED = "ideas_supported"

ALREADY_SUPPORTED = gettext_lazy("You already support this idea.")


def _require(actor: Actor, rule: str, obj, message: str) -> None:
    if not actor.can(rule, obj):
        raise ValidationError(message)


def _user(by: Actor):
    return by.user if by.is_authenticated else None


def _next_number(initiative) -> int:
    """The next public number, under a lock on the initiative so two ideas sent at the
    same moment never get the same one."""
    list(Initiative.objects.select_for_update().filter(pk=initiative.pk).values_list("pk"))
    highest = Idea.objects.for_initiative(initiative).aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


def _refuse_future(on: dt.date, field: str = "on") -> None:
    today = timezone.localdate()
    if on > today:
        raise ValidationError({field: _(
            "The date cannot be after today (%(today)s): a change is recorded once it has "
            "happened.") % {"today": today.isoformat()}})


def _check_tracks(initiative, tracks) -> None:
    if any(track.initiative_id != initiative.pk for track in tracks):
        raise ValidationError(_("A track belongs to another initiative."))


def idea_create(*, initiative, by: Actor | None, title: str, submitter_group: str,
                source: str, submitted_on: dt.date, moderation: str, description: str = "",
                tracks: Iterable = (), nickname: str = "", age_band: str = "",
                number: int | None = None, event=None) -> Idea:
    """Store one idea with its first status (*new*, on the day it came in) and the meeting
    or event it came from. Called inside the capture services below and the import, which
    have checked the permission."""
    if event is not None and event.initiative_id != initiative.pk:
        raise ValidationError({"event": _("The meeting belongs to another initiative.")})
    idea = Idea(initiative=initiative, number=number or _next_number(initiative), event=event,
                title=title.strip(), description=description.strip(), source=source,
                submitter_group=submitter_group, submitted_on=submitted_on,
                nickname=nickname.strip(), age_band=age_band, moderation=moderation,
                submitted_by=_user(by) if by is not None else None, status=Status.NEW)
    idea.full_clean()
    idea.save()
    tracks = list(tracks)
    if tracks:
        _check_tracks(initiative, tracks)
        idea.tracks.set(tracks)
    StatusChange.objects.create(initiative=initiative, idea=idea, status=Status.NEW,
                                changed_on=submitted_on, decided_role=Role.PUBLIC,
                                recorded_by=idea.submitted_by)
    return idea


@transaction.atomic
def idea_submit(*, initiative, by: Actor, title: str, submitter_group: str,
                description: str = "", age_band: str = "", nickname: str = "",
                tracks: Iterable = ()) -> Idea:
    """An idea sent on the public form. Without an account (or a role here) it waits for
    the secretariat's moderation before anyone else sees it; nothing is kept about who
    sent it but the optional nickname and age band they typed."""
    _require(by, "ideas.submit", None, _("Ideas cannot be sent here."))
    trusted = by.role > Role.PUBLIC
    return idea_create(
        initiative=initiative, by=by if trusted else None, title=title,
        submitter_group=submitter_group, source=Source.WEB,
        submitted_on=timezone.localdate(), description=description, tracks=tracks,
        nickname=nickname, age_band=age_band,
        moderation=Moderation.APPROVED if trusted else Moderation.PENDING)


@transaction.atomic
def idea_record(*, initiative, by: Actor, title: str, submitter_group: str, source: str,
                submitted_on: dt.date | None = None, description: str = "",
                tracks: Iterable = (), nickname: str = "", age_band: str = "",
                event=None) -> Idea:
    """An idea recorded by a signed-in person: from a meeting, a workshop, the Youth bus.
    It needs no moderation."""
    _require(by, "ideas.record", None, _("You may not record ideas."))
    on = submitted_on or timezone.localdate()
    _refuse_future(on, "submitted_on")
    return idea_create(initiative=initiative, by=by, title=title,
                       submitter_group=submitter_group, source=source, submitted_on=on,
                       description=description, tracks=tracks, nickname=nickname,
                       age_band=age_band, moderation=Moderation.APPROVED, event=event)


def _set_event(idea: Idea, event) -> None:
    if event is not None and event.initiative_id != idea.initiative_id:
        raise ValidationError({"event": _("The meeting belongs to another initiative.")})
    idea.event = event
    idea.save(update_fields=["event"])


@transaction.atomic
def idea_update(*, idea: Idea, by: Actor, tracks=None, event=..., **fields) -> Idea:
    """Correct what an idea is (not its status, which keeps a history)."""
    _require(by, "ideas.manage", idea, _("Only the secretariat edits ideas."))
    unknown = set(fields) - set(IDEA_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    if "submitted_on" in fields:
        _refuse_future(fields["submitted_on"], "submitted_on")
    theme = fields.get("theme")
    if theme is not None and theme.initiative_id != idea.initiative_id:
        raise ValidationError({"theme": _("The theme belongs to another initiative.")})
    for name, value in fields.items():
        setattr(idea, name, value.strip() if isinstance(value, str) else value)
    idea.full_clean()
    idea.save(update_fields=list(fields))
    if tracks is not None:
        tracks = list(tracks)
        _check_tracks(idea.initiative, tracks)
        idea.tracks.set(tracks)
    if event is not ...:
        _set_event(idea, event)
    return idea


@transaction.atomic
def idea_moderate(*, idea: Idea, by: Actor, approve: bool) -> Idea:
    """Approve an idea sent without an account (it becomes public), or reject it (it
    stays hidden from everyone but the secretariat, who may delete it)."""
    _require(by, "ideas.manage", idea, _("Only the secretariat moderates ideas."))
    idea.moderation = Moderation.APPROVED if approve else Moderation.REJECTED
    idea.save(update_fields=["moderation"])
    return idea


@transaction.atomic
def idea_delete(*, idea: Idea, by: Actor) -> None:
    """Delete an idea with its history and supports (spam, or recorded by mistake). An
    idea others were merged into is protected: it carries their history."""
    _require(by, "ideas.manage", idea, _("Only the secretariat deletes ideas."))
    idea.delete()


def current_change(idea: Idea) -> StatusChange:
    """The idea's latest published change of status."""
    return (idea.changes.filter(changed_on__isnull=False)
            .order_by("-changed_on", "-pk").first())


def change_problems(*, idea: Idea, by: Actor, to: str, answer: str = "",
                    owner: Organisation | None = None, activity: Activity | None = None,
                    on: dt.date | None = None, current: str | None = None,
                    decision=None) -> dict:
    """Why `idea` cannot go to status `to` now ({field: message}; empty when it can).
    `current` is the status to move from (the idea's, unless a bulk answer says)."""
    labels = dict(Status.choices)
    current = current or idea.status
    if not by.can("ideas.decide", idea):
        return {"to": _("You may not change the status of idea %(number)s.") % {
            "number": idea.number}}
    if idea.moderation != Moderation.APPROVED:
        return {"to": _("Idea %(number)s waits for moderation; approve it first.") % {
            "number": idea.number}}
    if idea.merged_into_id is not None:
        return {"to": _("Idea %(number)s was merged into another; answer that one.") % {
            "number": idea.number}}
    if to not in labels:
        return {"to": _("Unknown status “%(status)s”.") % {"status": to}}
    if to not in TRANSITIONS[current]:
        allowed = [str(labels[s]) for s in Status.values if s in TRANSITIONS[current]]
        return {"to": _(
            "Idea %(number)s cannot go from “%(from)s” to “%(to)s”; from there it can go "
            "to: %(allowed)s.") % {"number": idea.number, "from": labels[current],
                                   "to": labels[to],
                                   "allowed": ", ".join(allowed) or _("nothing")}}
    errors = {}
    if to in NEEDS_ANSWER and not answer.strip():
        errors["answer"] = _("Say in plain words why the idea is %(status)s: the answer is "
                             "public.") % {"status": str(labels[to]).lower()}
    if to == Status.ADOPTED:
        if owner is None:
            errors["owner"] = _("An adopted idea needs an owner: the organisation that "
                                "carries it out.")
        elif owner.initiative_id != idea.initiative_id:
            errors["owner"] = _("The organisation belongs to another initiative.")
        elif not by.can("ideas.own", owner):
            errors["owner"] = _("You may only adopt ideas for your own organisation.")
        elif current == Status.ADOPTED and owner.pk == idea.owner_id:
            errors["owner"] = _("%(org)s already owns idea %(number)s.") % {
                "org": owner.name, "number": idea.number}
    if decision is not None and decision.initiative_id != idea.initiative_id:
        errors["decision"] = _("The decision belongs to another initiative.")
    if to == Status.REALISED:
        chosen = activity or idea.activity or (decision.activity if decision else None)
        if chosen is None:
            errors["activity"] = _("A realised idea is linked to the activity that carries "
                                   "it out: choose it, or turn the idea into an activity.")
        elif chosen.initiative_id != idea.initiative_id:
            errors["activity"] = _("The activity belongs to another initiative.")
    if on is not None:
        today = timezone.localdate()
        last = current_change(idea)
        if on > today:
            errors["on"] = _("The date cannot be after today (%(today)s).") % {
                "today": today.isoformat()}
        elif last is not None and on < last.changed_on:
            errors["on"] = _("The date must be on or after the idea's last change "
                             "(%(date)s).") % {"date": last.changed_on.isoformat()}
    return errors


def change_apply(change: StatusChange, on: dt.date) -> None:
    """Make a checked change the idea's current status from `on` (publishing it)."""
    idea = change.idea
    if change.status == Status.REALISED and change.owner_id is None:
        change.owner_id = idea.owner_id
    change.changed_on = on
    change.full_clean()
    change.save()
    idea.status = change.status
    idea.owner_id = change.owner_id if change.status in OWNED else None
    fields = ["status", "owner"]
    if change.status == Status.REALISED and getattr(change, "_activity", None) is not None:
        idea.activity = change._activity
        fields.append("activity")
    idea.save(update_fields=fields)


def change_build(*, idea: Idea, by: Actor, to: str, answer: str = "",
                 owner: Organisation | None = None, activity: Activity | None = None,
                 release=None, decision=None) -> StatusChange:
    """An unsaved change of status (checked by the caller)."""
    change = StatusChange(
        initiative_id=idea.initiative_id, idea=idea, status=to, answer=answer.strip(),
        owner=owner if to in OWNED else None, decided_role=int(by.role), release=release,
        recorded_by=_user(by), decision=decision)
    if to == Status.REALISED and activity is None and decision is not None:
        activity = decision.activity
    change._activity = activity
    return change


@transaction.atomic
def idea_change_status(*, idea: Idea, by: Actor, to: str, answer: str = "",
                       owner: Organisation | None = None, activity: Activity | None = None,
                       on: dt.date | None = None, decision=None) -> StatusChange:
    """Move the idea to status `to` on `on` (default today) with a public answer, keeping
    the history; `decision` names what a meeting decided about it. Parking and declining
    need the answer; adopting needs the owning organisation (a member adopts only for
    their own); realising needs the activity that carries it out (the decision's, when it
    started one)."""
    Idea.objects.select_for_update().filter(pk=idea.pk).first()
    idea.refresh_from_db()
    on = on or timezone.localdate()
    errors = change_problems(idea=idea, by=by, to=to, answer=answer, owner=owner,
                             activity=activity, on=on, decision=decision)
    if errors:
        raise ValidationError(errors)
    change = change_build(idea=idea, by=by, to=to, answer=answer, owner=owner,
                          activity=activity, decision=decision)
    change_apply(change, on)
    return change


@transaction.atomic
def idea_to_activity(*, idea: Idea, by: Actor, title: str, driver: Organisation,
                     starts_on: dt.date, description: str = "", tracks: Iterable = (),
                     answer: str = "") -> Activity:
    """Turn the idea into a new activity in one step: the activity is proposed (driven by
    `driver`) and linked to the idea; an idea not yet adopted is adopted by the driver,
    with the answer given."""
    _require(by, "ideas.to_activity", idea,
             _("You may not turn this idea into an activity."))
    if idea.activity_id is not None:
        raise ValidationError(_("Idea %(number)s is already linked to an activity.") % {
            "number": idea.number})
    adopting = idea.status != Status.ADOPTED
    if adopting:
        errors = change_problems(idea=idea, by=by, to=Status.ADOPTED, answer=answer,
                                 owner=driver)
        if errors:
            raise ValidationError({"driver" if k == "owner" else k: v
                                   for k, v in errors.items()})
    activity = activities.activity_create(
        initiative=idea.initiative, by=by, title=title, driver=driver, starts_on=starts_on,
        description=description, tracks=list(tracks))
    idea.activity = activity
    idea.save(update_fields=["activity"])
    if adopting:
        change_apply(change_build(idea=idea, by=by, to=Status.ADOPTED, answer=answer,
                            owner=driver), timezone.localdate())
    return activity


@transaction.atomic
def idea_support(*, idea: Idea, by: Actor, session: MutableMapping | None = None) -> Support:
    """Support an approved idea: a signed-in person with a role once; a visitor without
    an account once per idea and at most ANONYMOUS_SUPPORTS_PER_SESSION ideas per browser
    session (`session`, the request's session: nothing about them is stored with the
    support)."""
    _require(by, "ideas.support", idea, _("You may not support ideas here."))
    if not idea.is_public:
        raise ValidationError(_("This idea cannot be supported yet."))
    if idea.merged_into_id is not None:
        raise ValidationError(_("This idea was merged into another; support that one."))
    known = by.is_authenticated and by.role > Role.PUBLIC
    if known:
        if Support.objects.filter(idea=idea, user=by.user).exists():
            raise ValidationError(ALREADY_SUPPORTED)
    else:
        if session is None:
            raise ValidationError(_("Supporting without an account needs cookies."))
        supported = list(session.get(SESSION_SUPPORTED, []))
        if idea.pk in supported:
            raise ValidationError(ALREADY_SUPPORTED)
        if len(supported) >= ANONYMOUS_SUPPORTS_PER_SESSION:
            raise ValidationError(_(
                "You have supported %(count)s ideas, as many as a visitor without an "
                "account can at one time. Thank you!") % {"count": len(supported)})
    support = Support.objects.create(initiative_id=idea.initiative_id, idea=idea,
                                     user=by.user if known else None,
                                     supported_on=timezone.localdate())
    if not known:
        session[SESSION_SUPPORTED] = [*supported, idea.pk]
    return support


@transaction.atomic
def idea_merge(*, idea: Idea, into: Idea, by: Actor, on: dt.date | None = None) -> Idea:
    """Merge `idea` into `into` (near-duplicates): `into` gets its supports (a person who
    supported both counts once), its tracks and every idea merged into it before; `idea`
    keeps its own source, submitter group and history and shows where it went. The
    merged idea counts every submitter group and source of those merged into it."""
    _require(by, "ideas.manage", idea, _("Only the secretariat merges ideas."))
    locked = {i.pk: i for i in Idea.objects.select_for_update().filter(
        pk__in=[idea.pk, into.pk])}
    idea, into = locked.get(idea.pk, idea), locked.get(into.pk, into)
    if idea.pk == into.pk:
        raise ValidationError({"into": _("An idea cannot be merged into itself.")})
    if into.initiative_id != idea.initiative_id:
        raise ValidationError({"into": _("The idea belongs to another initiative.")})
    for one in (idea, into):
        if one.merged_into_id is not None:
            raise ValidationError({"into": _("Idea %(number)s was already merged into "
                                             "another.") % {"number": one.number}})
        if one.moderation != Moderation.APPROVED:
            raise ValidationError({"into": _("Idea %(number)s waits for moderation.") % {
                "number": one.number}})
    if idea.status in OWNED:
        raise ValidationError({"into": _(
            "Idea %(number)s is %(status)s; merge the other idea into it instead.") % {
            "number": idea.number, "status": idea.get_status_display().lower()}})
    on = on or timezone.localdate()
    _refuse_future(on)
    supporters = set(into.supports.filter(user__isnull=False).values_list("user_id",
                                                                          flat=True))
    idea.supports.filter(user_id__in=supporters).delete()
    idea.supports.update(idea=into)
    Idea.objects.filter(merged_into=idea).update(merged_into=into)
    into.tracks.add(*idea.tracks.all())
    idea.merged_into = into
    idea.merged_on = on
    idea.save(update_fields=["merged_into", "merged_on"])
    return into


@transaction.atomic
def answer_template_save(*, initiative, by: Actor, name: str, text: str, status: str = "",
                         template: AnswerTemplate | None = None) -> AnswerTemplate:
    """Create a reusable answer, or change `template`."""
    _require(by, "ideas.manage", template, _("Only the secretariat keeps answer templates."))
    template = template or AnswerTemplate(initiative=initiative)
    template.name, template.text, template.status = name.strip(), text.strip(), status
    try:
        template.full_clean()
    except ValidationError as error:
        if "__all__" in getattr(error, "error_dict", {}):
            raise ValidationError({"name": _("A template with this name exists already.")}
                                  ) from None
        raise
    template.save()
    return template


@transaction.atomic
def answer_template_delete(*, template: AnswerTemplate, by: Actor) -> None:
    _require(by, "ideas.manage", template, _("Only the secretariat keeps answer templates."))
    template.delete()


def ideas_settings(initiative) -> IdeasSettings:
    """The initiative's settings for ideas (the defaults until the secretariat sets them)."""
    found = IdeasSettings.objects.for_initiative(initiative).first()
    return found or IdeasSettings(initiative=initiative)


@transaction.atomic
def ideas_settings_set(*, initiative, by: Actor, answer_within_days: int) -> IdeasSettings:
    _require(by, "ideas.manage", None, _("Only the secretariat changes these settings."))
    settings = ideas_settings(initiative)
    settings.answer_within_days = answer_within_days
    settings.full_clean()
    settings.save()
    return settings
