"""The knowledge base form in a real browser: Preview posts the form (no JavaScript
needed), shows the text rendered above it and saves nothing, and the page with the preview
passes axe-core."""

import pytest
from django.urls import reverse

from rygrad.agenda.models import KnowledgeDocument
from rygrad.core.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser
TEXT = "## Resumé\n\n- en\n- to <script>alert(1)</script>"


def _preview(page, world):
    page.goto(reverse("agenda:knowledge_create", kwargs={"slug": world.initiative.slug}))
    page.fill("#id_title", "Notat")
    page.fill("#id_body", TEXT)
    page.click("button[name=preview]")
    return page.locator("section[aria-labelledby=preview-heading]")


def test_preview_works_without_javascript_and_saves_nothing(new_page, login, world):
    """Given the new-document form in a browser with JavaScript off, when a title and
    Markdown are typed and Preview is pressed, then the heading and the list show rendered
    above the form (the script as the text typed), the text is still in the form, and
    nothing is saved."""
    page = new_page(java_script_enabled=False)
    login(page, world.users["secretariat"])
    preview = _preview(page, world)
    assert preview.locator("h2", has_text="Resumé").count() == 1
    assert preview.locator("li").all_inner_texts() == ["en", "to <script>alert(1)</script>"]
    assert page.input_value("#id_body") == TEXT
    assert not KnowledgeDocument.objects.exists()


def test_the_form_with_a_preview_is_accessible(new_page, login, world):
    """Given the form after Preview, when axe-core checks it, then it finds no WCAG 2.1 AA
    violation."""
    page = new_page()
    login(page, world.users["secretariat"])
    assert _preview(page, world).count() == 1
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
