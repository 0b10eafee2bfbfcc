"""The public site in Debian's Chromium with JavaScript off: every public page of the
demo's communication renders, and axe-core finds no WCAG 2.1 AA violation, in Danish and
in English."""

import random

import pytest
from django.urls import reverse

from rygrad.activities.tests.factories import ActivityFactory
from rygrad.communication.demo import build
from rygrad.communication.models import Newsletter, NewsPost, ResourceAttachment, ResourceKind
from rygrad.core.browser import axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_pages_work_without_javascript_and_pass_axe_in_both_languages(
        new_page, world, settings, tmp_path):
    """Given the demo's news, newsletters, catalogue and offers and a public activity,
    when the public opens each public page with JavaScript off, in Danish and in English,
    then each shows its heading and axe-core reports no WCAG 2.1 A or AA violation."""
    settings.MEDIA_ROOT = tmp_path
    initiative = world.initiative
    build(initiative, random.Random(2015))
    slug = {"slug": initiative.slug}
    post = NewsPost.objects.filter(published_at__isnull=False).first()
    issue = Newsletter.objects.filter(status=Newsletter.Status.SENT).first()
    # An entry with a file (the demo's action guides carry a PDF), so the list of files
    # is checked too.
    resource = ResourceAttachment.objects.filter(
        resource__kind=ResourceKind.ACTION_GUIDE).first().resource
    activity = ActivityFactory(initiative=initiative, title="Læseheste", is_public=True,
                               public_story="Frivillige læser **højt**.\n\n- hver uge")
    pages = [reverse(f"communication:{name}", kwargs=slug)
             for name in ("site", "news_list", "archive", "catalogue", "subscribe",
                          "activity_list", "offers")]
    pages.append(reverse("communication:activity_detail", kwargs={**slug, "pk": activity.pk}))
    pages += [reverse("communication:news_detail", kwargs={**slug, "pk": post.pk}),
              reverse("communication:archive_detail", kwargs={**slug, "pk": issue.pk}),
              reverse("communication:resource_detail", kwargs={**slug, "pk": resource.pk}),
              reverse("communication:catalogue", kwargs=slug) + "?q=leg",
              reverse("communication:catalogue", kwargs=slug) + "?kind=offer",
              "/was/", "/accessibility/"]
    found = {}
    for language in ("da", "en"):
        page = new_page(java_script_enabled=False, locale=language,
                        extra_http_headers={"Accept-Language": language})
        for url in pages:
            page.goto(url)
            assert page.locator("h1").count() == 1, url
            assert page.locator("html").get_attribute("lang") == language, url
            # The initiative's public pages carry Open Graph tags.
            assert page.locator('meta[property="og:url"]').count() == (
                1 if "/i/" in url else 0), url
        page.close()
        checking = new_page(locale=language, extra_http_headers={"Accept-Language": language})
        for url in pages:
            checking.goto(url)
            if violations := axe_violations(checking):
                found[f"{language} {url}"] = describe_violations(violations)
        checking.close()
    assert not found, found
