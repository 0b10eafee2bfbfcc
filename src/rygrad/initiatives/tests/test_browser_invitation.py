"""The invitation from end to end in Debian's Chromium: the secretariat invites an address
that a person in the registry has; the new user follows the emailed link, chooses a
password, lands in the initiative and sees their organisation's activities (and only
those: they are a partner)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from rygrad.activities.tests.factories import ActivityFactory
from rygrad.alliance.tests.factories import OrganisationFactory, PersonFactory
from rygrad.core.browser import axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Lang-adgangskode-2026"


def _registry(world):
    school = OrganisationFactory(initiative=world.initiative, name="Egelund Skole")
    club = OrganisationFactory(initiative=world.initiative, name="Egelund IF")
    PersonFactory(initiative=world.initiative, name="Lene Lærer", organisation=school,
                  email="lene@skole.dk")
    ActivityFactory(initiative=world.initiative, driver=school, title="Lektiecafé")
    ActivityFactory(initiative=world.initiative, driver=club, title="Sommerfodbold")


def test_an_invited_registry_person_sets_a_password_and_sees_their_organisations_activities(
        new_page, world, login):
    """Given Lene of Egelund Skole in the registry and two activities, one driven by her
    school and one by the club, when the secretariat invites lene@skole.dk as partner and
    Lene follows the emailed link and chooses a password, then she is logged in on
    Egelund's dashboard, and the activities list shows her school's activity and not the
    club's."""
    _registry(world)
    secretariat = new_page()
    login(secretariat, world.users["secretariat"])
    secretariat.goto(reverse("initiatives:roles", kwargs={"slug": "egelund"}))
    secretariat.get_by_label("E-mail").fill("lene@skole.dk")
    secretariat.get_by_label("Navn").fill("Lene")
    secretariat.locator("#id_role").select_option(label="Partner")
    with secretariat.expect_navigation():
        secretariat.get_by_role("button", name="Inviter").click()
    assert "repræsenterer Lene Lærer, Egelund Skole" in secretariat.locator(
        ".messages").inner_text()
    assert "lene@skole.dk" in secretariat.locator("#pending-invitations + p + div").inner_text()

    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    lene = new_page()
    lene.goto(link)
    assert lene.get_by_role("heading", level=1).inner_text() == "Vælg din adgangskode"
    lene.locator("input[name=password1]").fill(PASSWORD)
    lene.locator("input[name=password2]").fill(PASSWORD)
    with lene.expect_navigation():
        lene.get_by_role("button", name="Gem adgangskode").click()
    assert lene.url.endswith(reverse("initiatives:dashboard", kwargs={"slug": "egelund"}))
    assert "Du er logget ind som" in lene.locator(".messages").inner_text()

    lene.get_by_role("navigation", name="Initiativ").get_by_role(
        "link", name="Aktiviteter").click()
    lene.wait_for_load_state()
    activities = lene.locator("main").inner_text()
    assert "Lektiecafé" in activities
    assert "Sommerfodbold" not in activities


def test_the_roles_page_with_a_choice_and_the_password_page_have_no_wcag21_aa_violations(
        new_page, world, login):
    """Given an invitation that waits for a choice between two registry people, and the
    page behind an invitation's link, when axe-core checks them, then it reports no WCAG
    2.1 A or AA violation."""
    _registry(world)
    PersonFactory(initiative=world.initiative, name="Lene Anden", email="lene@skole.dk")
    secretariat = new_page()
    login(secretariat, world.users["secretariat"])
    secretariat.goto(reverse("initiatives:roles", kwargs={"slug": "egelund"}))
    secretariat.get_by_label("E-mail").fill("lene@skole.dk")
    secretariat.get_by_label("Navn").fill("Lene")
    with secretariat.expect_navigation():
        secretariat.get_by_role("button", name="Inviter").click()
    assert secretariat.get_by_role("radio").count() == 3
    found = {"roles": axe_violations(secretariat)}
    secretariat.get_by_role("radio").first.check()
    with secretariat.expect_navigation():
        secretariat.get_by_role("button", name="Inviter").click()
    found["roles with a pending invitation"] = axe_violations(secretariat)
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    lene = new_page()
    lene.goto(link)
    found["choose your password"] = axe_violations(lene)
    lene.goto("/accounts/password/reset/key/1-no-such-key/")
    found["a link that does not work"] = axe_violations(lene)
    assert {name: describe_violations(v) for name, v in found.items() if v} == {}
