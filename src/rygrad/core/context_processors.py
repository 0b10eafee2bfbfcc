"""Template context shared by every page: the initiative navigation when inside one, and
`can` for asking the permission chain in templates: ``{% if can.activities.view_signals %}``.
"""

from .navigation import nav_for


def initiative_navigation(request):
    actor = getattr(request, "actor", None)
    if actor is None or actor.initiative is None:
        return {}
    return {
        "initiative": actor.initiative,
        "actor": actor,
        "initiative_nav": nav_for(actor, current_path=request.path),
        "can": _Can(actor),
    }


class _Can:
    """``can.<app>.<verb>`` in a template is ``actor.can("<app>.<verb>")``."""

    def __init__(self, actor, prefix: str = ""):
        self._actor, self._prefix = actor, prefix

    def __getitem__(self, name: str):
        if not self._prefix:
            return _Can(self._actor, name)
        return self._actor.can(f"{self._prefix}.{name}")
