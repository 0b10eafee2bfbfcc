"""What the secretariat records in a meeting: agenda items (with youth briefings),
attendance by name and by count, decisions and action items."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rygrad.core.forms import form_submit
from rygrad.core.views import initiative_view

from .. import selectors, services
from ..forms import (
    ActionForm,
    AgendaItemForm,
    CountsForm,
    DecisionForm,
    PersonAttendanceForm,
)
from ..models import AgendaItem, Attendance, Decision, Group, MeetingAction
from .common import confirm_delete, form_page, get_meeting, get_record, meeting_url

MANAGE = "meetings.manage"


@initiative_view(MANAGE)
def item_add(request, slug, pk):
    meeting = get_meeting(request, pk, MANAGE)
    form = AgendaItemForm(request.POST or None)
    if form_submit(request, form, lambda data: services.agenda_item_add(
            meeting=meeting, by=request.actor, **data), _("The agenda item is added.")):
        return redirect(meeting_url(meeting, "agenda"))
    return form_page(request, form, title=_("New agenda item"), meeting=meeting)


@initiative_view(MANAGE)
def item_edit(request, slug, pk):
    item = get_record(request, AgendaItem, pk)
    form = AgendaItemForm(request.POST or None, initial={
        name: getattr(item, name) for name in services.ITEM_FIELDS})
    if form_submit(request, form, lambda data: services.agenda_item_update(
            item=item, by=request.actor, **{**data, "position": data["position"]
                                            or item.position}),
            _("The agenda item is saved.")):
        return redirect(meeting_url(item.meeting, "agenda"))
    return form_page(request, form, title=item.title, meeting=item.meeting)


@initiative_view(MANAGE)
def item_delete(request, slug, pk):
    item = get_record(request, AgendaItem, pk)
    return confirm_delete(
        request, item, action=lambda: services.agenda_item_delete(item=item, by=request.actor),
        title=_("Remove “%(title)s” from the agenda?") % {"title": item.title},
        done=_("The agenda item is removed."), back=meeting_url(item.meeting, "agenda"))


@initiative_view(MANAGE)
def attendance(request, slug, pk):
    """Who came: add named people one by one; the numbers by group are set below."""
    meeting = get_meeting(request, pk, MANAGE)
    form = PersonAttendanceForm(request.POST or None, initiative=request.initiative)
    if form_submit(request, form, lambda data: services.attendance_add_person(
            meeting=meeting, by=request.actor, person=data["person"],
            organisation=data["organisation"], group=data["group"]),
            lambda row: _("%(name)s is recorded as present.") % {"name": row.person}):
        return redirect("meetings:attendance", slug=slug, pk=pk)
    record = selectors.meeting_record(meeting=meeting)
    counts = CountsForm(initial={row.group: row.count for row in record["counted"]})
    return render(request, "meetings/attendance.html", {
        "meeting": meeting, "form": form, "counts": counts, **record})


@initiative_view(MANAGE)
def attendance_counts(request, slug, pk):
    meeting = get_meeting(request, pk, MANAGE)
    current = {row.group: row.count for row in Attendance.objects.filter(
        meeting=meeting, person__isnull=True)}
    form = CountsForm(request.POST or None, initial=current)
    if form_submit(request, form, lambda data: services.attendance_set_counts(
            meeting=meeting, by=request.actor,
            counts={group: data.get(group) or 0 for group in Group.values}),
            _("The numbers are saved.")):
        return redirect("meetings:attendance", slug=slug, pk=pk)
    return form_page(request, form, title=_("Who came, by group"), meeting=meeting,
                     intro=_("People who came without being named, by group."))


@initiative_view(MANAGE)
def attendance_remove(request, slug, pk):
    row = get_record(request, Attendance, pk)
    return confirm_delete(
        request, row, action=lambda: services.attendance_remove(attendance=row,
                                                                by=request.actor),
        title=_("Remove %(who)s from the attendance?") % {"who": row},
        done=_("The attendance is changed."),
        back=reverse("meetings:attendance", kwargs={"slug": slug, "pk": row.meeting_id}))


@initiative_view(MANAGE)
def decision_add(request, slug, pk):
    meeting = get_meeting(request, pk, MANAGE)
    form = DecisionForm(request.POST or None, meeting=meeting, actor=request.actor)
    if form_submit(request, form, lambda data: services.decision_record(
            meeting=meeting, by=request.actor, **data), _("The decision is recorded.")):
        return redirect(meeting_url(meeting, "decisions"))
    return form_page(request, form, title=_("New decision"), meeting=meeting)


@initiative_view(MANAGE)
def decision_edit(request, slug, pk):
    decision = get_record(request, Decision, pk)
    form = DecisionForm(request.POST or None, meeting=decision.meeting, actor=request.actor,
                        initial={name: getattr(decision, name)
                                 for name in services.DECISION_FIELDS})
    if form_submit(request, form, lambda data: services.decision_update(
            decision=decision, by=request.actor, **data), _("The decision is saved.")):
        return redirect(meeting_url(decision.meeting, "decisions"))
    return form_page(request, form, title=_("Change the decision"), meeting=decision.meeting)


@initiative_view(MANAGE)
def decision_delete(request, slug, pk):
    decision = get_record(request, Decision, pk)
    return confirm_delete(
        request, decision,
        action=lambda: services.decision_delete(decision=decision, by=request.actor),
        title=_("Delete the decision “%(text)s”?") % {"text": decision},
        done=_("The decision is deleted."), back=meeting_url(decision.meeting, "decisions"))


@initiative_view(MANAGE)
def action_add(request, slug, pk):
    meeting = get_meeting(request, pk, MANAGE)
    form = ActionForm(request.POST or None, meeting=meeting, initial={
        "due_on": max(meeting.held_on, timezone.localdate())})
    if form_submit(request, form, lambda data: services.action_create(
            meeting=meeting, by=request.actor, **data), _("The action item is added.")):
        return redirect(meeting_url(meeting, "actions"))
    return form_page(request, form, title=_("New action item"), meeting=meeting)


@initiative_view(MANAGE)
def action_edit(request, slug, pk):
    action = get_record(request, MeetingAction, pk)
    form = ActionForm(request.POST or None, meeting=action.meeting, with_done=True,
                      initial={name: getattr(action, name) for name in services.ACTION_FIELDS})
    if form_submit(request, form, lambda data: services.action_update(
            action=action, by=request.actor, **data), _("The action item is saved.")):
        return redirect(meeting_url(action.meeting, "actions"))
    return form_page(request, form, title=action.title, meeting=action.meeting)


@initiative_view(MANAGE)
def action_delete(request, slug, pk):
    action = get_record(request, MeetingAction, pk)
    return confirm_delete(
        request, action,
        action=lambda: services.action_delete(action=action, by=request.actor),
        title=_("Delete the action item “%(title)s”?") % {"title": action.title},
        done=_("The action item is deleted."), back=meeting_url(action.meeting, "actions"))
