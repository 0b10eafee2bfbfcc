"""The knowledge base takes Markdown: paragraphs, line breaks and lists stay as they were
typed, links lead only to web and mail addresses, raw HTML and script links never reach
the page, Preview shows the text without saving it, and versions written in HTML before
keep showing and are edited as Markdown."""

from html.parser import HTMLParser

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from rygrad.agenda import services
from rygrad.agenda.models import KnowledgeDocument, KnowledgeVersion
from rygrad.agenda.tests.factories import KnowledgeDocumentFactory
from rygrad.core.permissions import Actor


def url(world, name, **kwargs):
    return reverse(f"agenda:{name}", kwargs={"slug": world.initiative.slug, **kwargs})


def shown(world, client_as, body: str) -> str:
    """The document page's text part, for a document written with `body`."""
    document = services.knowledge_document_create(
        initiative=world.initiative, title="Notat", body=body,
        by=Actor(user=world.users["secretariat"], initiative=world.initiative))
    page = client_as("partner").get(url(world, "knowledge_detail", pk=document.pk))
    return page.content.decode().split('<div class="document-body">', 1)[1].split(
        "</div>\n", 1)[0]


class _Elements(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    """The elements of `html` as a browser reads them: (tag, attributes)."""
    return _Elements(html).found


def test_paragraphs_line_breaks_and_lists_stay_as_they_were_typed(world, client_as):
    """Given text typed with two paragraphs (the first over two lines), a heading and a
    bulleted and a numbered list, when the document is shown, then each is kept."""
    html = shown(world, client_as, "Hver tiende elev\nføler sig ensom.\n\nDet ved vi fra "
                 "2017.\n\n## Hvad gør vi?\n\n- Lektiecafé\n- Fritidsguide\n\n1. Først\n"
                 "2. Så")
    assert "<p>Hver tiende elev<br>\nføler sig ensom.</p>\n<p>Det ved vi fra 2017.</p>" in html
    assert "<h2>Hvad gør vi?</h2>" in html
    assert "<ul>\n<li>Lektiecafé</li>\n<li>Fritidsguide</li>\n</ul>" in html
    assert "<ol>\n<li>Først</li>\n<li>Så</li>\n</ol>" in html


def test_links_lead_only_to_web_and_mail_addresses_and_open_without_the_opener(
        world, client_as):
    """Given links to a web page, a mail address, an FTP server and a file on the reader's
    disk, when the document is shown, then the web and mail links are links with
    rel="noopener noreferrer", and the others lead nowhere (their text stays)."""
    html = shown(world, client_as, "[VIVE](https://www.vive.dk/rapport) · "
                 "[skriv](mailto:sekretariat@egelund.dk) · [ftp](ftp://egelund.dk/fil) · "
                 "[disk](file:///C:/hemmelig.txt)")
    assert ('<a href="https://www.vive.dk/rapport" rel="noopener noreferrer">VIVE</a>'
            in html)
    assert '<a href="mailto:sekretariat@egelund.dk" rel="noopener noreferrer">skriv</a>' in html
    assert "ftp://" not in html.split("ftp</a>")[0].rsplit("<a", 1)[-1]
    assert 'href="file:' not in html and "hemmelig" in html


@pytest.mark.parametrize("attack", [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert('x')>",
    "<a href=\"javascript:alert('x')\">klik</a>",
    "[klik](javascript:alert('x'))",
    "[klik](JaVaScRiPt:alert('x'))",
    "[klik](java\tscript:alert('x'))",
    "<javascript:alert('x')>",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgneCcpPC9zY3JpcHQ+)",
    "![billede](javascript:alert('x'))",
])
def test_a_script_or_a_script_link_in_the_text_never_reaches_the_page(world, client_as,
                                                                      attack):
    """Given text with raw HTML, a script, or a link that would run script, when the
    document is shown, then no element or link of it is on the page: raw HTML shows as
    text, and no address starts with javascript: or data:."""
    html = shown(world, client_as, f"Før {attack} efter")
    assert "Før" in html and "efter" in html
    found = elements(html)
    assert {tag for tag, _attrs in found} <= {"p", "a"}
    assert not [attrs for _tag, attrs in found if set(attrs) - {"href", "rel"}]
    hrefs = [attrs["href"].lower() for _tag, attrs in found if "href" in attrs]
    assert not [h for h in hrefs if "script" in h or h.startswith("data:")]
    if attack.startswith("<script"):
        assert "&lt;script&gt;alert(" in html  # shown as the text that was typed


def test_preview_shows_the_text_above_the_form_and_saves_nothing(world, client_as):
    """Given the new-document form filled in, when Preview is pressed, then the rendered
    text is shown above the form, the form keeps what was typed (with no errors), and
    nothing is saved or announced as saved."""
    client = client_as("secretariat")
    response = client.post(url(world, "knowledge_create"), {
        "title": "", "body": "## Resumé\n\n- en\n- to", "sources": "VIVE", "preview": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    preview, form = html.split('aria-labelledby="preview-heading">', 1)[1].split("<form", 1)
    assert "<h2>Resumé</h2>" in preview and "<li>en</li>" in preview
    assert "## Resumé\n\n- en\n- to</textarea>" in form
    assert "errorlist" not in form
    assert not KnowledgeDocument.objects.exists() and not KnowledgeVersion.objects.exists()
    assert not list(get_messages(response.wsgi_request))


def test_preview_of_an_edit_saves_no_version_and_keeps_the_title(world, client_as):
    """Given a document in one version, when an edit is previewed with a new title and
    text, then the preview shows the new text, and the document keeps its title and its
    one version."""
    document = services.knowledge_document_create(
        initiative=world.initiative, title="Notat", body="Første",
        by=Actor(user=world.users["secretariat"], initiative=world.initiative))
    response = client_as("secretariat").post(url(world, "knowledge_edit", pk=document.pk), {
        "title": "Nyt navn", "body": "**Anden**", "preview": "1"})
    assert "<strong>Anden</strong>" in response.content.decode()
    document.refresh_from_db()
    assert document.title == "Notat"
    assert list(document.versions.values_list("body", flat=True)) == ["Første"]


def test_saving_after_a_preview_keeps_the_markdown(world, client_as):
    """Given the form, when Save is pressed, then the version holds the Markdown as typed
    and the document page shows it rendered."""
    client = client_as("secretariat")
    response = client.post(url(world, "knowledge_create"), {
        "title": "Notat", "body": "Se *rapporten*.", "sources": ""})
    assert response.status_code == 302
    version = KnowledgeVersion.objects.get()
    assert (version.body, version.body_format) == ("Se *rapporten*.", "markdown")
    page = client.get(response["Location"]).content.decode()
    assert "<p>Se <em>rapporten</em>.</p>" in page


def test_a_version_written_in_html_keeps_showing_and_is_edited_as_markdown(world,
                                                                           client_as):
    """Given a version saved as HTML before the knowledge base took Markdown, when its page
    is opened, then the HTML shows as before (sanitised again); when it is edited, the form
    holds the same text as Markdown, and saving it makes a Markdown version that reads
    the same."""
    document = KnowledgeDocumentFactory(initiative=world.initiative)
    KnowledgeVersion.objects.create(
        initiative=world.initiative, document=document, number=1, body_format="html",
        body="<h2>Hvad ved vi?</h2><p>Hver <strong>tiende</strong> elev</p>"
             "<ul><li>Foreninger</li><li>Skoler</li></ul>")
    client = client_as("secretariat")
    page = client.get(url(world, "knowledge_detail", pk=document.pk)).content.decode()
    assert "<h2>Hvad ved vi?</h2><p>Hver <strong>tiende</strong> elev</p>" in page

    form = client.get(url(world, "knowledge_edit", pk=document.pk)).context["form"]
    markdown = form.initial["body"]
    assert markdown == "## Hvad ved vi?\n\nHver **tiende** elev\n\n- Foreninger\n- Skoler"
    client.post(url(world, "knowledge_edit", pk=document.pk),
                {"title": document.title, "body": markdown})
    latest = document.versions.get(number=2)
    assert latest.body_format == "markdown"
    assert "<li>Skoler</li>" in latest.body_html and "<strong>tiende</strong>" in latest.body_html


@pytest.mark.django_db(transaction=True)
def test_the_migration_marks_the_versions_written_before_as_html():
    """Given a version saved before the text format existed (sanitised HTML), when the
    migration runs, then that version is marked as HTML and shows as it did, and a
    version saved after is Markdown."""
    executor = MigrationExecutor(connection)
    before = [("agenda", "0002_private_knowledge_files")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    initiative = old.get_model("initiatives", "Initiative").objects.create(
        slug="egelund", name="Egelund")
    document = old.get_model("agenda", "KnowledgeDocument").objects.create(
        initiative_id=initiative.pk, title="Notat")
    old.get_model("agenda", "KnowledgeVersion").objects.create(
        initiative_id=initiative.pk, document_id=document.pk, number=1,
        body="<p>Hver <em>tiende</em> elev</p>")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    version = KnowledgeVersion.objects.get(document_id=document.pk)
    assert version.body_format == "html"
    assert version.body_html == "<p>Hver <em>tiende</em> elev</p>"
    later = KnowledgeVersion.objects.create(initiative_id=initiative.pk,
                                            document_id=document.pk, number=2, body="*ny*")
    assert later.body_format == "markdown" and later.body_html == "<p><em>ny</em></p>\n"
