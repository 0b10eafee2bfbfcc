"""The public site's activities: those their editors marked public, each with its public
story (Markdown, sanitised). The description, driver, partners and their people stay on
the activity's internal page; an activity not marked public is not found here."""

from django.shortcuts import get_object_or_404, render

from rygrad.core.markdown import render_markdown
from rygrad.core.views import initiative_view

from . import selectors
from .text import plain_excerpt


@initiative_view("communication.view")
def activity_list(request, slug):
    activities = selectors.published_activities(initiative=request.initiative)
    return render(request, "communication/activity_list.html", {
        "activities": [(activity, plain_excerpt(activity.public_story, length=240))
                       for activity in activities]})


@initiative_view("communication.view")
def activity_detail(request, slug, pk):
    activity = get_object_or_404(
        selectors.published_activities(initiative=request.initiative), pk=pk)
    return render(request, "communication/activity_detail.html", {
        "activity": activity, "story": render_markdown(activity.public_story),
        "description": plain_excerpt(activity.public_story),
        "tracks": [track.name for track in activity.tracks.all()]})
