"""What the ideas pages share: finding an idea in the initiative, and reading filters."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from rygrad.core.views import check_object

from ..models import Idea
from ..selectors import IdeaFilter


def idea_or_404(request, pk, rule: str = "ideas.view") -> Idea:
    idea = get_object_or_404(
        Idea.objects.for_initiative(request.initiative).select_related(
            "owner", "activity", "theme", "merged_into", "event"), pk=pk)
    check_object(request, rule, idea)
    return idea


def filters_from(form) -> IdeaFilter:
    """The filters of a bound GET form; a value that is not valid is shown on the form
    and not applied, the others still are."""
    if not form.is_bound:
        return IdeaFilter()
    form.is_valid()
    data = form.cleaned_data
    return IdeaFilter(
        source=data.get("source") or "", status=data.get("status") or "",
        group=data.get("group") or "",
        track=data["track"].pk if data.get("track") else None,
        theme=data["theme"].pk if data.get("theme") else None,
        event=data["event"].pk if data.get("event") else None,
        moderation=data.get("moderation") or "", backbone=bool(data.get("backbone")),
        waiting=bool(data.get("waiting")), q=(data.get("q") or "").strip())
