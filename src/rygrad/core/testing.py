"""Test helpers shared by every app: the world of roles and the permission matrix.

Each app describes who may open each of its pages in ``<app>/tests/access.py``:

    def setup(world):            # create the objects the URLs need; return anything
        return {"org": OrganisationFactory(initiative=world.initiative)}

    CASES = [
        AccessCase("alliance:organisation_detail", MEMBER_UP,
                   kwargs=lambda world, objs: {"pk": objs["org"].pk}),
    ]

`core/tests/test_access_matrix.py` visits every case as every role and fails when a URL of
the project is missing from all matrices. Pages that list objects a role may see only some
of add ``LISTINGS``: for one role, exactly which of the set-up objects the page (or
export) shows —

    LISTINGS = [
        ListingCase("agenda:track_detail", "partner", marks=_titles, sees={"theirs"},
                    kwargs=lambda world, objs: {"pk": objs["track"].pk}),
    ]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from .tenancy import Role, Tenant, tenancy

ROLES = ["anonymous", "youth", "partner", "member", "secretariat", "operator", "stranger"]
EVERYONE = frozenset(ROLES)
YOUTH_UP = frozenset({"youth", "partner", "member", "secretariat", "operator"})
PARTNER_UP = frozenset({"partner", "member", "secretariat", "operator"})
MEMBER_UP = frozenset({"member", "secretariat", "operator"})
SECRETARIAT_UP = frozenset({"secretariat", "operator"})


@dataclass
class World:
    """Two initiatives and one user per role in the first; `stranger` is the secretariat
    of the *other* initiative, and so only a member of the public here."""

    initiative: Tenant
    other_initiative: Tenant
    users: dict[str, object]
    objects: dict[str, object] = field(default_factory=dict)


def build_world() -> World:
    User = get_user_model()
    tenant = tenancy()
    initiative = tenant.model.objects.create(slug="egelund", name="Egelund for alle børn")
    other = tenant.model.objects.create(slug="andeby", name="Andeby Trivsel")
    users: dict[str, object] = {"anonymous": None}
    for name, role in [("youth", Role.YOUTH), ("partner", Role.PARTNER),
                       ("member", Role.MEMBER), ("secretariat", Role.SECRETARIAT)]:
        user = User.objects.create_user(email=f"{name}@example.org", password="pw")
        tenant.role_grant(initiative=initiative, user=user, role=role)
        users[name] = user
    users["operator"] = User.objects.create_superuser(email="operator@example.org", password="pw")
    stranger = User.objects.create_user(email="stranger@example.org", password="pw")
    tenant.role_grant(initiative=other, user=stranger, role=Role.SECRETARIAT)
    users["stranger"] = stranger
    return World(initiative=initiative, other_initiative=other, users=users)


@dataclass(frozen=True)
class AccessCase:
    """Who may GET one URL: `allowed` roles get 200, anonymous others are sent to log in
    (302), signed-in others get 403."""

    url_name: str
    allowed: frozenset[str]
    kwargs: Callable[[World, dict], dict] | None = None
    query: str = ""
    # False for URLs outside an initiative (no slug in the URL).
    in_initiative: bool = True
    # POST-only URLs: allowed roles get 200 or a redirect that is not the login page.
    method: str = "get"
    data: Callable[[World, dict], dict] | None = None
    # Roles whose answer depends on the object (e.g. a partner's own activity); each
    # entry is a (role, kwargs-callable, allowed?) triple checked in addition.
    extra: tuple = ()
    # An API endpoint (rygrad.api): refused clients get 401 (anonymous: no login page to
    # send them to) or 403 (signed in), or 404 for a record they may not know exists.
    api: bool = False

    def __str__(self) -> str:
        return self.url_name + (f"?{self.query}" if self.query else "")


@dataclass(frozen=True)
class ListingCase:
    """What one role finds on a page or export that lists objects of one kind: of the
    objects `marks` names (object name -> a text that only that object's row shows),
    exactly those in `sees` and none of the others."""

    url_name: str
    role: str
    marks: Callable[[World, dict], dict[str, str]]
    sees: frozenset[str]
    kwargs: Callable[[World, dict], dict] | None = None
    query: str = ""

    def __str__(self) -> str:
        return f"{self.url_name}{f'?{self.query}' if self.query else ''} as {self.role}"


def response_text(response) -> str:
    """All the text a person could read in a response: the HTML or CSV as it is, the
    cells of an Excel file and the paragraphs and table cells of a Word file."""
    import io

    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(str(value) for sheet in book.worksheets
                         for row in sheet.iter_rows(values_only=True)
                         for value in row if value is not None)
    if "wordprocessingml" in content_type:
        from docx import Document

        document = Document(io.BytesIO(body))
        texts = [paragraph.text for paragraph in document.paragraphs]
        texts += [cell.text for table in document.tables for row in table.rows
                  for cell in row.cells]
        return "\n".join(texts)
    return body.decode(response.charset or "utf-8")
