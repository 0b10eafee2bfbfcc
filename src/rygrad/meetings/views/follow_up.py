"""Following up the meetings: the action items (open, overdue, done) with their exports,
ticking one off, and the youth briefings of the coming alliance meetings."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from rygrad.core.exports import query_without_format, requested_format, table_response
from rygrad.core.forms import form_submit
from rygrad.core.views import check_object, initiative_view

from .. import selectors, services
from ..forms import ActionDoneForm, ActionFilterForm
from ..models import MeetingAction
from ..selectors import ActionFilter
from ..tables import actions_table
from .common import form_page, get_record, meeting_url

PAGE_SIZE = 50


@initiative_view("meetings.view_actions")
def action_list(request, slug):
    """Every meeting's action items; `?status=overdue` is the overdue list the dashboard's
    signal links to."""
    today = timezone.localdate()
    form = ActionFilterForm(request.GET or None, initiative=request.initiative)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = ActionFilter(status=data.get("status") or "",
                           organisation=data["organisation"].pk if data.get("organisation")
                           else None)
    actions = selectors.actions_filtered(initiative=request.initiative, filters=filters,
                                         today=today)
    export = requested_format(request)
    if export:
        return table_response(actions_table(actions, today=today), export)
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    actor = request.actor
    return render(request, "meetings/actions.html", {
        "form": form, "page": page, "query": query_without_format(request), "today": today,
        "completable": {a.pk for a in page.object_list
                        if a.done_on is None and actor.can("meetings.complete_action", a)},
    })


@initiative_view("meetings.complete_action")
def action_done(request, slug, pk):
    """Tick off an action item, on today's date or an earlier one."""
    action = get_record(request, MeetingAction, pk)
    check_object(request, "meetings.complete_action", action)
    form = ActionDoneForm(request.POST or None, initial={"on": timezone.localdate()})
    if form_submit(request, form, lambda data: services.action_complete(
            action=action, by=request.actor, on=data["on"]),
            _("“%(title)s” is marked as done.") % {"title": action.title}):
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
            return redirect(back)
        return redirect(meeting_url(action.meeting, "actions"))
    return form_page(request, form, meeting=action.meeting,
                     title=_("Mark “%(title)s” as done") % {"title": action.title},
                     intro=_("Owner: %(owner)s. Due %(due)s.") % {
                         "owner": action.owner, "due": action.due_on})


@initiative_view("meetings.view_briefings")
def briefings(request, slug):
    """The coming alliance meetings' agendas with their youth briefings: what a young
    member reads before the meeting. No minutes, no names."""
    meetings = selectors.upcoming_briefings(initiative=request.initiative,
                                            today=timezone.localdate())
    return render(request, "meetings/briefings.html", {"meetings": meetings})
