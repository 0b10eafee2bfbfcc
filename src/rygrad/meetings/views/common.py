"""What the meetings views share: fetching a record of the initiative and checking it."""

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from rygrad.core.deletion import deletion_plan
from rygrad.core.forms import form_submit
from rygrad.core.views import check_object

from ..models import Meeting


def get_meeting(request, pk, rule: str = "meetings.view") -> Meeting:
    meeting = get_object_or_404(Meeting.objects.for_initiative(request.initiative), pk=pk)
    check_object(request, rule, meeting)
    return meeting


def get_record(request, model, pk):
    """A record inside one of the initiative's meetings (an id from another initiative is
    a 404)."""
    return get_object_or_404(model.objects.for_initiative(request.initiative)
                             .select_related("meeting"), pk=pk)


def meeting_url(meeting: Meeting, anchor: str = "") -> str:
    url = reverse("meetings:detail", kwargs={"slug": meeting.initiative.slug, "pk": meeting.pk})
    return f"{url}#{anchor}" if anchor else url


def confirm_delete(request, obj, *, action, title: str, done: str, back: str):
    """Ask (GET), then delete with `action` (POST) and go `back`."""
    if form_submit(request, forms.Form(request.POST), lambda data: action(), done):
        return redirect(back)
    return render(request, "core/confirm_delete.html", {
        "title": title, "plan": deletion_plan(obj), "back": back})


def form_page(request, form, *, title: str, meeting: Meeting | None, intro: str = "",
              back: str = ""):
    return render(request, "meetings/form.html", {
        "form": form, "title": title, "meeting": meeting, "intro": intro,
        "back": back or (meeting_url(meeting) if meeting else
                         reverse("meetings:list", kwargs={"slug": request.initiative.slug}))})

