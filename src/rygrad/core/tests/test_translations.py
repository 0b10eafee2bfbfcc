"""Standing checks on the translation catalogues: Danish is complete, nothing is fuzzy, the
compiled .mo files match their .po, and no string in the code is missing from a catalogue.

Each app keeps its catalogue in ``<app>/locale``; the shared templates and settings keep
theirs in ``src/rygrad/locale``. ``make messages`` refreshes them all.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from .pofile import expected_catalog, read_mo, read_po

PACKAGE = Path(__file__).resolve().parents[2]
APPS = sorted(path.parent.name for path in PACKAGE.glob("*/apps.py"))
CATALOGUES = sorted(PACKAGE.glob("**/locale/*/LC_MESSAGES/django.po"))
DANISH_PO = "locale/da/LC_MESSAGES/django.po"
DANISH = [path for path in CATALOGUES if path.parts[-3] == "da"]


def _name(path: Path) -> str:
    return str(path.relative_to(PACKAGE))


def test_every_app_and_the_shared_templates_have_a_danish_catalogue():
    """Given the apps of the project, when their catalogues are listed, then each one with
    translatable strings has a Danish catalogue (checked fully below), and so do the
    shared templates."""
    assert PACKAGE / "locale/da/LC_MESSAGES/django.po" in DANISH
    assert PACKAGE / "core/locale/da/LC_MESSAGES/django.po" in DANISH


@pytest.mark.parametrize("path", DANISH, ids=_name)
def test_danish_catalogue_has_no_untranslated_or_fuzzy_entries(path):
    """Given a Danish catalogue, when it is read, then every entry has a Danish text for
    every plural form and none is marked fuzzy (fuzzy entries are not used by Django)."""
    entries = read_po(path)
    fuzzy = [str(e) for e in entries if e.fuzzy]
    untranslated = [str(e) for e in entries if not e.is_header and not e.translated]
    assert not fuzzy, f"{_name(path)} has fuzzy entries: {fuzzy}"
    assert not untranslated, f"{_name(path)} has untranslated entries: {untranslated}"


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_compiled_catalogue_matches_its_source(path):
    """Given a .po catalogue, when its committed .mo is read, then it holds exactly the
    translations of the .po, so nobody forgot `compilemessages` after editing."""
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"{_name(mo)} is missing: run compilemessages"
    assert read_mo(mo) == expected_catalog(read_po(path)), (
        f"{_name(mo)} does not match {path.name}: run compilemessages")


def _keys(path: Path) -> dict:
    return {(e.msgctxt, e.msgid): e for e in read_po(path) if not e.is_header}


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """The Danish catalogues as `makemessages` would make them now from the code, made in
    a copy of the tree so the real catalogues are never touched."""
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        pytest.skip("GNU gettext is not installed: apt-get install gettext")
    root = tmp_path_factory.mktemp("messages") / "rygrad"
    shutil.copytree(PACKAGE, root, ignore=shutil.ignore_patterns(
        "__pycache__", "*.mo", "static", "migrations"))
    fresh = {}
    cwd = os.getcwd()
    try:
        for app in APPS:
            (root / app / "locale").mkdir(exist_ok=True)
            os.chdir(root / app)
            with override_settings(LOCALE_PATHS=[]):
                call_command("makemessages", locale=["da"], no_obsolete=True,
                             ignore_patterns=["tests/*"], verbosity=0)
            name = f"{app}/{DANISH_PO}"
            fresh[name] = root / name
        os.chdir(root)
        with override_settings(LOCALE_PATHS=[root / "locale"]):
            call_command("makemessages", locale=["da"], no_obsolete=True,
                         ignore_patterns=[f"{app}/*.*" for app in APPS], verbosity=0)
        fresh[DANISH_PO] = root / DANISH_PO
    finally:
        os.chdir(cwd)
    return {name: path for name, path in fresh.items() if path.exists()}


def test_every_string_in_the_code_is_in_its_danish_catalogue(fresh_catalogues):
    """Given the code and templates as they are, when their strings are extracted as
    `make messages` does, then every one is already in the committed Danish catalogue
    (otherwise it shows in English on a Danish page)."""
    missing = {}
    for name, fresh in fresh_catalogues.items():
        committed = PACKAGE / name
        have = _keys(committed) if committed.exists() else {}
        lacking = [str(entry) for key, entry in _keys(fresh).items() if key not in have]
        if lacking:
            missing[name] = f"{len(lacking)} missing, e.g. " + "; ".join(lacking[:3])
    assert not missing, "run `make messages` and translate:\n" + "\n".join(
        f"  {name}: {summary}" for name, summary in sorted(missing.items()))


@pytest.mark.parametrize(("language", "words"), [
    ("da", ["Log ind", "Adgangskode", "Glemt din adgangskode?"]),
    ("en", ["Sign In", "Password", "Forgot your password?"]),
])
def test_login_page_uses_allauths_own_translations(language, words, client, db):
    """Given the login page (allauth's template in our layout), when it is opened in
    Danish or English, then allauth's own texts appear in that language."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    content = client.get(reverse("account_login")).content.decode()
    missing = [word for word in words if word not in content]
    assert not missing, f"not on the {language} login page: {missing}"
