"""The meeting list (with its exports) and one meeting's page; planning, changing and
deleting a meeting."""

from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rygrad.core.exports import query_without_format, requested_format, table_response
from rygrad.core.forms import form_submit
from rygrad.core.views import initiative_view

from .. import selectors, services
from ..forms import FilterForm, MeetingForm
from ..selectors import MeetingFilter
from ..tables import meetings_table
from .common import confirm_delete, form_page, get_meeting, meeting_url

PAGE_SIZE = 50


def _filters(request) -> tuple[FilterForm, MeetingFilter]:
    """The GET filters; a value that is not valid is shown on the form and not applied."""
    years = selectors.meeting_years(initiative=request.initiative)
    form = FilterForm(request.GET or None, actor=request.actor, years=years)
    if not form.is_bound:
        return form, MeetingFilter()
    form.is_valid()
    data = form.cleaned_data
    return form, MeetingFilter(kind=data.get("kind") or "", year=data.get("year"),
                               period=data.get("period") or "",
                               q=(data.get("q") or "").strip())


@initiative_view("meetings.view_list")
def meeting_list(request, slug):
    """The meetings the actor may see, filtered, paged and exported."""
    form, filters = _filters(request)
    meetings = request.actor.visible(selectors.meeting_list(
        initiative=request.initiative, filters=filters, today=timezone.localdate()))
    export = requested_format(request)
    if export and form.errors:
        return HttpResponseBadRequest(
            _("The filter is not valid; nothing was exported."),
            content_type="text/plain; charset=utf-8")
    if export:
        return table_response(meetings_table(meetings), export)
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "meetings/list.html", {
        "form": form, "page": page, "query": query_without_format(request),
        "today": timezone.localdate()})


@initiative_view("meetings.view")
def meeting_detail(request, slug, pk):
    """One meeting. Members and up see everything recorded; the others (a youth meeting,
    a public event) see what it is, its agenda with the briefings, its decisions and how
    many came by group — no names, minutes or action items."""
    meeting = get_meeting(request, pk)
    actor = request.actor
    record = selectors.meeting_record(meeting=meeting)
    internal = actor.can("meetings.view_internal")
    if not internal:
        record.update(named=[], counted=[], actions=[])
    return render(request, "meetings/detail.html", {
        "meeting": meeting, **record, "internal": internal,
        "can_manage": actor.can("meetings.manage"),
        # The evaluation's quick entry: a quote or observation from this meeting.
        "can_add_evidence": actor.can("evaluation.manage"),
        "completable": {a.pk for a in record["actions"]
                        if a.done_on is None and actor.can("meetings.complete_action", a)},
        "today": timezone.localdate(),
    })


@initiative_view("meetings.manage")
def meeting_create(request, slug):
    form = MeetingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    meeting = form_submit(request, form, lambda data: services.meeting_create(
        initiative=request.initiative, by=request.actor, **data),
        lambda made: _("%(title)s is saved.") % {"title": made.title})
    if meeting:
        return redirect(meeting_url(meeting))
    return form_page(request, form, title=_("New meeting"), meeting=None)


@initiative_view("meetings.manage")
def meeting_edit(request, slug, pk):
    meeting = get_meeting(request, pk, "meetings.manage")
    form = MeetingForm(request.POST or None, initial={
        name: getattr(meeting, name) for name in services.MEETING_FIELDS})
    if form_submit(request, form, lambda data: services.meeting_update(
            meeting=meeting, by=request.actor, **data), _("The meeting is saved.")):
        return redirect(meeting_url(meeting))
    return form_page(request, form, title=_("Change %(title)s") % {"title": meeting.title},
                     meeting=meeting)


@initiative_view("meetings.manage")
def meeting_delete(request, slug, pk):
    meeting = get_meeting(request, pk, "meetings.manage")
    return confirm_delete(
        request, meeting, action=lambda: services.meeting_delete(meeting=meeting,
                                                                 by=request.actor),
        title=_("Delete %(title)s?") % {"title": meeting.title},
        done=_("%(title)s was deleted.") % {"title": meeting.title},
        back=reverse("meetings:list", kwargs={"slug": slug}))
