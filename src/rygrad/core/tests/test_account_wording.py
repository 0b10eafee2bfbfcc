"""The account pages (allauth's, in our layout) in natural Danish: the project's catalogue
rewrites allauth's Danish where it reads badly ("Bekæftet", "Password ændret med
success", "password" beside "adgangskode"), the invitation's password page says "choose",
and too many tries get a page in the visitor's language instead of allauth's bare English
one."""

import re
from pathlib import Path

import allauth
import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from .pofile import read_po

PACKAGE = Path(__file__).resolve().parents[2]
WORDING = "templates/allauth/wording.txt"
ALLAUTH_DANISH = Path(allauth.__file__).parent / "locale/da/LC_MESSAGES/django.po"
# Words that must not stand on a Danish account page: English ones and allauth's slips.
NOT_DANISH = re.compile(r"\b(?:password|succes\w*|success|Bekæftet|email\w*|token)\b",
                        re.IGNORECASE)


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _danish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    return client


def test_every_rewritten_text_is_still_one_of_allauths():
    """Given the texts the project translates for allauth (templates/allauth/wording.txt),
    when they are compared with allauth's own Danish catalogue, then each is still a text
    allauth uses (an upgrade that rewords one would otherwise quietly undo our Danish)."""
    catalogue = PACKAGE / "locale/da/LC_MESSAGES/django.po"
    lines = catalogue.read_text(encoding="utf-8").splitlines()

    def references(entry) -> str:  # the "#:" lines above the entry's msgid
        above = []
        for line in reversed(lines[:entry.line - 1]):
            if not line.startswith("#"):
                break
            above.append(line)
        return " ".join(line for line in above if line.startswith("#:"))

    ours = [e for e in read_po(catalogue) if WORDING in references(e)]
    allauths = {(e.msgctxt, e.msgid) for e in read_po(ALLAUTH_DANISH)}
    assert len(ours) > 50
    assert [e.msgid for e in ours if (e.msgctxt, e.msgid) not in allauths] == []


@pytest.mark.parametrize(("msgid", "danish"), [
    ("Verified", "Bekræftet"),
    ("Password successfully changed.", "Din adgangskode er ændret."),
    ("Password successfully set.", "Din adgangskode er gemt."),
    ("Successfully signed in as %(name)s.", "Du er logget ind som %(name)s."),
])
def test_the_texts_the_secretariat_reported_read_as_danish(msgid, danish, settings):
    """Given allauth's texts named in the issue, when they are translated into Danish, then
    the project's wording wins over allauth's ("Bekæftet", "med success")."""
    from django.utils import translation

    with translation.override("da"):
        assert translation.gettext(msgid) == danish


@pytest.mark.parametrize("page", [
    "account_login", "account_reset_password", "account_reset_password_done",
    "account_change_password", "account_email", "mfa_index", "account_logout",
    "account_reauthenticate", "bad_link",
])
def test_account_pages_in_danish_use_no_english_or_misspelt_words(client, world, page):
    """Given an account page opened in Danish (signed in where it needs it, with a verified
    address so the email page shows "Bekræftet"), when its visible text is read, then it
    has no English "password"/"email"/"token" and none of allauth's slips, and its title
    names the page."""
    from allauth.account.models import EmailAddress

    client = _danish(client)
    user = world.users["secretariat"]
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if page not in ("account_login", "account_reset_password", "account_reset_password_done",
                    "bad_link"):
        client.force_login(user)
    url = ("/accounts/password/reset/key/1-no-such-key/" if page == "bad_link"
           else reverse(page))
    html = client.get(url, follow=True).content.decode()
    text = _visible_text(html)
    assert NOT_DANISH.findall(text) == [], text
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert re.sub(r"\s+", " ", title).strip() != "Rygrad", "the title names the page"
    if page == "account_email":
        assert "Bekræftet" in text


def test_a_changed_password_is_said_in_danish(client, world):
    """Given a signed-in member on the Danish password page, when they change their
    password, then the message says so in plain Danish."""
    client = _danish(client)
    client.force_login(world.users["member"])
    response = client.post(reverse("account_change_password"), {
        "oldpassword": "pw", "password1": "Lang-adgangskode-2026",
        "password2": "Lang-adgangskode-2026"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Din adgangskode er ændret."]


def test_an_invitation_link_that_no_longer_works_says_what_to_do(client, db):
    """Given a set-password link that is used or too old, when it is opened in Danish, then
    the page says the link does not work and to ask the secretariat for the invitation
    again (or for a new link)."""
    text = _visible_text(_danish(client).get(
        "/accounts/password/reset/key/1-no-such-key/", follow=True).content.decode())
    assert "Linket virker ikke" in text
    assert "bed sekretariatet om at sende invitationen igen" in text


@pytest.mark.parametrize(("language", "heading"), [
    ("da", "For mange forsøg"), ("en", "Too many tries")])
def test_too_many_tries_get_a_page_in_the_visitors_language(client, db, language, heading):
    """Given someone asking for password links for one address again and again, when
    allauth's limit stops them, then the answer is our page in their language (status
    429), not allauth's bare English one."""
    cache.clear()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for _attempt in range(30):
        response = client.post(reverse("account_reset_password"),
                               {"email": "someone@example.org"})
        if response.status_code == 429:
            break
    cache.clear()
    assert response.status_code == 429
    assert f"<h1>{heading}</h1>" in response.content.decode()
