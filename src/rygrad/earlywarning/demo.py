"""The demo's early-warning history: every signal at every month end since the demo
began, computed once the other apps have built their parts (a dashboard would otherwise
compute it on its first visit)."""

from __future__ import annotations

from .history import history_refresh


def finish(initiative) -> None:
    history_refresh(initiative=initiative)
