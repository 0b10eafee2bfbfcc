"""Two-factor login is required of the secretariat (where its initiative says so) and of
staff and operators (where the installation says so, RYGRAD_REQUIRE_TWO_FACTOR: on in
production): whoever must and has no TOTP authenticator is sent to set one up, with a
message saying why, and reaches no other page until they have; every other role is
left alone."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from rygrad.core.testing import ROLES
from rygrad.initiatives.models import Initiative
from rygrad.initiatives.services import initiative_create

ACTIVATE = reverse("mfa_activate_totp")


def _dashboard(world, initiative=None) -> str:
    return reverse("initiatives:dashboard",
                   kwargs={"slug": (initiative or world.initiative).slug})


def _require(initiative) -> None:
    initiative.require_two_factor = True
    initiative.save(update_fields=["require_two_factor"])


def _sent_to_set_up(response) -> bool:
    return response.status_code == 302 and response["Location"] == ACTIVATE


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture(autouse=True)
def installation_off(settings):
    """The installation's own requirement is off unless a test turns it on."""
    settings.RYGRAD_REQUIRE_TWO_FACTOR = False
    settings.MFA_TOTP_TOLERANCE = 1  # a code made just before a 30 s boundary still counts


# --- The initiative's setting: its secretariat, and operators, who act as it ---------------


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_only_the_secretariat_and_operators_are_sent_to_set_up_a_second_factor(
        client_as, world, role):
    """Given an initiative that requires a second factor of its secretariat, when each role
    without one opens its dashboard, then the secretariat and the operator are sent to
    allauth's TOTP page, and youth, partner, member and the other initiative's secretariat
    see the page as before."""
    _require(world.initiative)
    response = client_as(role).get(_dashboard(world))
    if role in {"secretariat", "operator"}:
        assert _sent_to_set_up(response), response.status_code
    else:
        assert response.status_code == 200


def test_the_requirement_closes_every_page_not_only_the_initiatives(client_as, world):
    """Given a secretariat without a second factor in an initiative that requires one, when
    they try its settings, the people page, the front page and the API's token page (a
    token would let them in without a second factor), then each sends them to set one up."""
    _require(world.initiative)
    client = client_as("secretariat")
    slug = {"slug": world.initiative.slug}
    for url in [reverse("initiatives:settings", kwargs=slug),
                reverse("initiatives:roles", kwargs=slug), reverse("front_page"),
                reverse("api:tokens")]:
        assert _sent_to_set_up(client.get(url)), url
    assert _sent_to_set_up(client.post(reverse("api:tokens"), {"name": "bypass"}))


def test_the_message_says_why_in_the_persons_language(client_as, world):
    """Given a secretariat sent to set up a second factor, when the TOTP page opens (in
    Danish, the default, and in English), then it says that their role requires it."""
    _require(world.initiative)
    client = client_as("secretariat")
    danish = client.get(_dashboard(world), follow=True)
    assert danish.redirect_chain[0][0] == ACTIVATE
    assert "Totrinslogin er påkrævet for din rolle" in danish.content.decode()
    with translation.override("en"):
        english = client.get(_dashboard(world), follow=True,
                             HTTP_ACCEPT_LANGUAGE="en")
    assert "Two-factor login is required for your role" in english.content.decode()


def test_the_pages_to_set_it_up_log_out_and_choose_a_language_stay_open(client_as, world):
    """Given a secretariat who must set up a second factor, when they open allauth's pages
    (the two-factor overview and the password page), change the language or log out, then
    none of these sends them away."""
    _require(world.initiative)
    client = client_as("secretariat")
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("account_change_password")).status_code == 200
    language = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert language.status_code == 302 and language["Location"] == "/"
    logout = client.post(reverse("account_logout"))
    assert logout.status_code == 302 and "_auth_user_id" not in client.session


def test_with_totp_turned_on_the_secretariat_gets_in(client_as, world):
    """Given the same initiative and a secretariat with TOTP turned on, when they open the
    dashboard and the settings, then both answer 200."""
    _require(world.initiative)
    TOTP.activate(world.users["secretariat"], generate_totp_secret())
    client = client_as("secretariat")
    assert client.get(_dashboard(world)).status_code == 200
    assert client.get(reverse("initiatives:settings",
                              kwargs={"slug": world.initiative.slug})).status_code == 200


def test_a_requirement_turned_on_reaches_those_signed_in_within_a_minute(
        client_as, world, monkeypatch):
    """Given a secretariat signed in and working while the initiative requires nothing,
    when the requirement is turned on, then within a minute (the session keeps the answer
    that long, sparing a query per request) their next page sends them to set it up."""
    client = client_as("secretariat")
    assert client.get(_dashboard(world)).status_code == 200
    _require(world.initiative)
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 61)
    assert _sent_to_set_up(client.get(_dashboard(world)))


def test_an_initiative_without_the_requirement_asks_nothing_of_its_secretariat(
        client_as, world):
    """Given another initiative that requires a second factor, when this initiative's
    secretariat (who holds no role there) opens their dashboard, then it opens: the
    requirement is the one of the initiatives where they are the secretariat."""
    _require(world.other_initiative)
    assert client_as("secretariat").get(_dashboard(world)).status_code == 200
    assert _sent_to_set_up(client_as("stranger").get(_dashboard(world)))


def test_a_secretariat_who_logs_in_with_a_password_sets_up_totp_and_continues(client, world):
    """Given a secretariat without a second factor in an initiative that requires one, when
    they log in with their password, then they are sent to the TOTP page; when they enter
    the code of the secret it shows, then TOTP is on and the dashboard opens."""
    _require(world.initiative)
    login = client.post(reverse("account_login"),
                        {"login": "secretariat@example.org", "password": "pw"})
    assert login.status_code == 302
    assert _sent_to_set_up(client.get(login["Location"]))
    # allauth asks for the password again before a change to the second factor.
    assert client.get(ACTIVATE)["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": "pw"})
    assert client.get(ACTIVATE).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    activated = client.post(ACTIVATE, {"code": _code(secret)})
    assert activated.status_code == 302, activated.content.decode()[:2000]
    assert Authenticator.objects.filter(user=world.users["secretariat"],
                                        type=Authenticator.Type.TOTP).exists()
    assert client.get(_dashboard(world)).status_code == 200


def test_whoever_must_have_a_second_factor_cannot_turn_it_off(client, world):
    """Given a secretariat with TOTP in an initiative that requires it, signed in with
    password and code, when they ask to turn TOTP off, then it stays on (allauth's form is
    refused); without the requirement the same request turns it off."""
    secret = generate_totp_secret()
    TOTP.activate(world.users["secretariat"], secret)
    _require(world.initiative)
    client.post(reverse("account_login"), {"login": "secretariat@example.org", "password": "pw"})
    client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert client.get(_dashboard(world)).status_code == 200
    client.post(reverse("account_reauthenticate"), {"password": "pw"})
    refused = client.post(reverse("mfa_deactivate_totp"))
    assert refused.status_code == 200 and refused.context["form"].errors
    assert Authenticator.objects.filter(user=world.users["secretariat"]).exists()

    world.initiative.require_two_factor = False
    world.initiative.save(update_fields=["require_two_factor"])
    client.post(reverse("mfa_deactivate_totp"))
    assert not Authenticator.objects.filter(user=world.users["secretariat"],
                                            type=Authenticator.Type.TOTP).exists()


# --- The installation's setting: staff and operators -------------------------------------


def test_with_the_installation_setting_on_operators_must_set_it_up_for_the_admin(
        client_as, world, settings):
    """Given RYGRAD_REQUIRE_TWO_FACTOR on and no initiative requiring it, when the operator
    without TOTP opens /admin/, then they are sent to set it up; with TOTP it opens."""
    settings.RYGRAD_REQUIRE_TWO_FACTOR = True
    client = client_as("operator")
    assert _sent_to_set_up(client.get("/admin/"))
    TOTP.activate(world.users["operator"], generate_totp_secret())
    assert client.get("/admin/").status_code == 200


def test_staff_who_are_not_operators_are_held_to_it_too(client, world, settings):
    """Given RYGRAD_REQUIRE_TWO_FACTOR on and a staff account (the admin, without being an
    operator), when it opens /admin/ without TOTP, then it is sent to set it up; with the
    setting off it is not."""
    staff = get_user_model().objects.create_user(email="staff@example.org", password="pw",
                                                 is_staff=True)
    settings.RYGRAD_REQUIRE_TWO_FACTOR = True
    client.force_login(staff)
    assert _sent_to_set_up(client.get("/admin/"))
    settings.RYGRAD_REQUIRE_TWO_FACTOR = False
    assert not _sent_to_set_up(client.get("/admin/"))


@pytest.mark.parametrize("role", ["youth", "partner", "member", "secretariat", "stranger"])
def test_the_installation_setting_alone_asks_nothing_of_the_initiatives_roles(
        client_as, world, settings, role):
    """Given RYGRAD_REQUIRE_TWO_FACTOR on but this initiative's own setting off, when a role
    of the initiatives (who is neither staff nor operator) opens the dashboard, then it
    opens without a second factor."""
    settings.RYGRAD_REQUIRE_TWO_FACTOR = True
    assert Initiative.objects.filter(require_two_factor=True).count() == 0
    assert client_as(role).get(_dashboard(world)).status_code == 200


def test_with_both_settings_off_nobody_is_asked(client_as, world):
    """Given the installation's setting and every initiative's off (development, the demo,
    the tests), when the secretariat and the operator open pages and the admin, then all
    open without a second factor."""
    assert client_as("secretariat").get(_dashboard(world)).status_code == 200
    assert client_as("operator").get("/admin/").status_code == 200


@pytest.mark.parametrize("installation", [True, False])
def test_a_new_initiative_requires_it_where_the_installation_does(db, settings, installation):
    """Given RYGRAD_REQUIRE_TWO_FACTOR on (production) or off, when an initiative is
    created, then its own setting starts the same."""
    settings.RYGRAD_REQUIRE_TWO_FACTOR = installation
    initiative = initiative_create(slug="ny", name="Ny")
    assert Initiative.objects.get(pk=initiative.pk).require_two_factor is installation


def test_the_secretariat_turns_the_requirement_on_from_the_settings_page(client_as, world):
    """Given the secretariat (with TOTP) on the initiative's settings page, when they tick
    the two-factor box and save, then the initiative requires it; the member may not."""
    TOTP.activate(world.users["secretariat"], generate_totp_secret())
    url = reverse("initiatives:settings", kwargs={"slug": world.initiative.slug})
    data = {"name": world.initiative.name, "municipality": "", "problem_summary": "",
            "started_on": "", "is_public": "on", "min_group_size": 5,
            "require_two_factor": "on"}
    assert client_as("member").post(url, data).status_code == 403
    assert not Initiative.objects.get(pk=world.initiative.pk).require_two_factor
    response = client_as("secretariat").post(url, data)
    assert response.status_code == 302
    assert Initiative.objects.get(pk=world.initiative.pk).require_two_factor
