"""Each capability registers its entry in the initiative's navigation, with the permission
rule that decides who sees it; the base layout shows only the entries the actor may use."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavEntry:
    """One link in the initiative's navigation, shown to those who may `permission`."""

    label: str
    url_name: str
    permission: str
    order: int


_ENTRIES: list[NavEntry] = []


def register_nav(*, label, url_name: str, permission: str, order: int) -> None:
    """Add the link to `url_name` (taking the initiative's slug) at position `order`.

    Like the rule and signal registries, a URL registered twice is an error, never a
    silent second link or a silently ignored one."""
    if any(entry.url_name == url_name for entry in _ENTRIES):
        raise ValueError(f"Navigation entry {url_name!r} is registered twice.")
    _ENTRIES.append(NavEntry(label=label, url_name=url_name, permission=permission, order=order))
    _ENTRIES.sort(key=lambda entry: entry.order)


def nav_for(actor, *, current_path: str = "") -> list[dict]:
    """The navigation entries `actor` may use in their initiative, the current one marked."""
    slug = actor.initiative.slug
    items = []
    for entry in _ENTRIES:
        if not actor.can(entry.permission):
            continue
        url = reverse(entry.url_name, kwargs={"slug": slug})
        home = url.rstrip("/").count("/") <= 2
        current = current_path == url if home else current_path.startswith(url)
        items.append({"label": entry.label, "url": url, "current": current})
    return items
