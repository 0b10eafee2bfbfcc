"""Template context shared by every page: the initiative navigation when inside one."""

from .navigation import nav_for


def initiative_navigation(request):
    actor = getattr(request, "actor", None)
    if actor is None or actor.initiative is None:
        return {}
    return {
        "initiative": actor.initiative,
        "actor": actor,
        "initiative_nav": nav_for(actor, current_path=request.path),
    }
