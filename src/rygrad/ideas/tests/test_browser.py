"""An idea's whole path in Debian's Chromium: a young person without an account sends it
from a 320 px phone with JavaScript turned off; it waits in the moderation queue, unseen
by the public; the secretariat approves it and turns it into an activity with an answer;
then it is on "you said — we did" with its trail. axe-core finds no WCAG 2.1 AA violation
on the form, the queue or the public pages. The form is also sent with the keyboard alone."""

import pytest
from django.urls import reverse

from rygrad.alliance.tests.factories import OrganisationFactory
from rygrad.core.browser import (
    axe_violations,
    describe_violations,
    description,
    form_fields,
    tab_until,
)
from rygrad.ideas.models import Idea, Moderation, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"viewport": {"width": 320, "height": 640}, "is_mobile": True,
         "java_script_enabled": False}


def _check(new_page, seen, found: dict, name: str) -> None:
    """axe-core and the width, on the page `seen` shows, opened again with the same
    cookies in a browser that runs scripts (axe is a script; the flow itself runs with
    JavaScript off)."""
    checker = new_page(viewport={"width": 320, "height": 640}, is_mobile=True)
    checker.context.add_cookies(seen.context.cookies())
    checker.goto(seen.url)
    if violations := axe_violations(checker):
        found[name] = describe_violations(violations)
    width, screen = checker.evaluate("() => [document.documentElement.scrollWidth, "
                                     "document.documentElement.clientWidth]")
    if width > screen:
        found[f"{name} (width)"] = f"{width} px wide on a {screen} px screen"
    checker.context.close()


def test_an_idea_from_a_phone_without_javascript_to_you_said_we_did(new_page, world, login):
    slug = {"slug": world.initiative.slug}
    OrganisationFactory(initiative=world.initiative, name="Sekretariatet", is_backbone=True)
    found = {}

    # A young person without an account, on a phone, JavaScript off.
    phone = new_page(**PHONE)
    phone.goto(reverse("ideas:submit", kwargs=slug))
    _check(new_page, phone, found, "form")
    phone.get_by_label("Din idé").fill("Et chill-rum på skolen <i>nu</i>")
    phone.get_by_label("Fortæl mere (du kan lade feltet være tomt)").fill(
        "Et sted hvor man kan være i fred i pauserne.")
    phone.get_by_label("Ung", exact=True).check()
    phone.get_by_label("Min alder (du kan lade feltet være tomt)").select_option("13-15")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Send idéen").click()
    idea = Idea.objects.get()
    assert idea.moderation == Moderation.PENDING
    assert f"nummer {idea.number}" in phone.content()
    _check(new_page, phone, found, "thanks")

    # Nobody else sees it yet.
    other = new_page(**PHONE)
    other.goto(reverse("ideas:public_list", kwargs=slug))
    assert "chill-rum" not in other.content()
    response = other.goto(reverse("ideas:public_detail", kwargs={**slug,
                                                                 "number": idea.number}))
    assert response.status == 404

    # The secretariat finds it in the queue, approves it and turns it into an activity.
    desk = new_page(viewport={"width": 1024, "height": 800}, java_script_enabled=False)
    login(desk, world.users["secretariat"])
    desk.goto(reverse("ideas:moderation", kwargs=slug))
    assert "Et chill-rum på skolen &lt;i&gt;nu&lt;/i&gt;" in desk.content()
    _check(new_page, desk, found, "moderation queue")
    with desk.expect_navigation():
        desk.get_by_role("button", name=f"Godkend: gør den offentlig ({idea.number})").click()
    desk.goto(reverse("ideas:to_activity", kwargs={**slug, "pk": idea.pk}))
    desk.get_by_label("Tovholder").select_option(label="Sekretariatet")
    desk.get_by_label("Offentligt svar").fill("Sekretariatet indretter rummet med eleverne.")
    with desk.expect_navigation():
        desk.get_by_role("button", name="Gem").click()
    idea.refresh_from_db()
    assert (idea.moderation, idea.status) == (Moderation.APPROVED, Status.ADOPTED)

    # Now the young person finds it on "you said — we did", with its trail.
    phone.goto(reverse("ideas:public_list", kwargs=slug))
    assert "Et chill-rum på skolen <i>nu</i>" in phone.locator("main").inner_text()
    assert "Sekretariatet indretter rummet med eleverne." in phone.content()
    _check(new_page, phone, found, "you said - we did")
    phone.goto(reverse("ideas:public_detail", kwargs={**slug, "number": idea.number}))
    trail = phone.locator("ol.trail").inner_text()
    for text in ("Sendt ind", "Vedtaget", "besluttet af: Sekretariat", "Sekretariatet",
                 "Sekretariatet indretter rummet med eleverne.", "Et chill-rum på skolen",
                 "fase i dag: Foreslået"):
        assert text in trail, text
    _check(new_page, phone, found, "idea page")
    assert not found, found


def test_a_young_person_sends_an_idea_with_the_keyboard_only(page, world):
    """Given the public idea form, when a young person uses only the keyboard, then Tab
    reaches every field and the send button with the focus visible at each stop (and
    never the robots' trap field); sending it empty (Enter on the button) marks the idea
    and the "I am" group as invalid and reads out each error with its field
    (aria-describedby); and once the idea is typed and a group chosen with Space, Enter
    sends it to the moderation queue."""
    page.goto(reverse("ideas:submit", kwargs={"slug": world.initiative.slug}))
    form = "main form[method=post]"
    stops = tab_until(page, f"{form} button[type=submit]")
    reached = {stop["name"] for stop in stops}
    missing = set(form_fields(page, form)) - reached
    assert not missing, f"Tab never reached {missing}"
    assert "website" not in reached

    page.keyboard.press("Enter")
    page.wait_for_selector(".errorlist")
    group = "fieldset:has(input[name=submitter_group])"
    assert page.get_attribute("#id_title", "aria-invalid") == "true"
    for field, error in (("#id_title", "#id_title_error"),
                         (group, "#id_submitter_group_error")):
        assert page.text_content(error).strip() in description(page, field), field
    assert not Idea.objects.exists()

    tab_until(page, "#id_title")
    page.keyboard.type("Brætspil i frikvarteret")
    tab_until(page, "input[name=submitter_group]")
    page.keyboard.press("Space")
    chosen = page.eval_on_selector("input[name=submitter_group]:checked", "el => el.value")
    tab_until(page, f"{form} button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    idea = Idea.objects.get()
    assert (idea.title, idea.submitter_group, idea.moderation) == (
        "Brætspil i frikvarteret", chosen, Moderation.PENDING)
