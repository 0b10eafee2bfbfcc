"""Every URL of the project, as every role: allowed roles get the page, others are refused,
and a user of one initiative sees nothing internal of another."""

import importlib

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rygrad.core.testing import ROLES, AccessCase, ListingCase, response_text

OUT_OF_SCOPE_NAMESPACES = {"admin"}


def _matrices():
    cases, setups, listings = [], {}, []
    for app in settings.RYGRAD_APPS:
        try:
            module = importlib.import_module(f"{app}.tests.access")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.tests.access":
                raise
            continue
        setups[app] = getattr(module, "setup", lambda world: {})
        cases += [(app, case) for case in module.CASES]
        listings += [(app, case) for case in getattr(module, "LISTINGS", [])]
    return cases, setups, listings


CASES, SETUPS, LISTINGS = _matrices()


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in OUT_OF_SCOPE_NAMESPACES:
                continue
            yield from _url_names(entry, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name


def _is_rygrad_url(name: str) -> bool:
    return name.split(":")[0] in {app.split(".")[-1] for app in settings.RYGRAD_APPS}


def test_every_rygrad_url_is_in_a_permission_matrix():
    """Given the project's URL patterns, when the matrices are collected, then no page of a
    Rygrad app is left out of them."""
    covered = {case.url_name for _app, case in CASES}
    missing = sorted(n for n in set(_url_names()) if _is_rygrad_url(n) and n not in covered)
    assert not missing, f"URLs without an access matrix entry: {missing}"


def _expected_status(role: str, allowed: bool, method: str = "get", api: bool = False
                     ) -> set[int]:
    if allowed:
        return {200} if method == "get" else {200, 302}
    if api:
        return {401, 404} if role == "anonymous" else {403, 404}
    return {302} if role == "anonymous" else {403}


def _request(client, world, role, url, case: AccessCase, objects):
    client.logout()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    if case.method == "post":
        return client.post(url, case.data(world, objects) if case.data else {})
    return client.get(url)


@pytest.mark.parametrize(("app", "case"), CASES, ids=[str(c) for _a, c in CASES])
def test_page_answers_each_role_as_the_matrix_says(app, case: AccessCase, client, world):
    objects = SETUPS[app](world)
    kwargs = {"slug": world.initiative.slug} if case.in_initiative else {}
    if case.kwargs:
        kwargs.update(case.kwargs(world, objects))
    url = reverse(case.url_name, kwargs=kwargs) + (f"?{case.query}" if case.query else "")
    wrong = []
    for role in ROLES:
        allowed = role in case.allowed
        response = _request(client, world, role, url, case, objects)
        expected = _expected_status(role, allowed, case.method, case.api)
        if response.status_code not in expected:
            wrong.append(f"{role}: {response.status_code} (expected {sorted(expected)})")
        elif response.status_code == 302:
            to_login = "/accounts/login/" in response["Location"]
            if to_login == allowed:
                wrong.append(f"{role}: redirected to {response['Location']}")
    for role, kwargs_for, allowed in case.extra:
        extra_kwargs = {"slug": world.initiative.slug, **kwargs_for(world, objects)}
        extra_url = reverse(case.url_name, kwargs=extra_kwargs)
        response = _request(client, world, role, extra_url, case, objects)
        if response.status_code not in _expected_status(role, allowed, case.method, case.api):
            wrong.append(f"{role} on {extra_kwargs}: {response.status_code}")
    assert not wrong, f"{url}: " + "; ".join(wrong)


def test_a_secretariat_of_another_initiative_sees_nothing_internal_here(client, world):
    """Given the secretariat of Andeby, when they open Egelund's dashboard, then they see
    the public page only, with no signals."""
    client.force_login(world.users["stranger"])
    response = client.get(reverse("initiatives:dashboard", kwargs={"slug": "egelund"}))
    assert response.status_code == 200
    assert response.context["internal"] is False
    assert response.context["cards"] == []


@pytest.mark.parametrize(("app", "case"), LISTINGS, ids=[str(c) for _a, c in LISTINGS])
def test_a_listing_shows_a_role_exactly_what_it_may_see(app, case: ListingCase, client,
                                                       world):
    """Given objects a role may see only some of, when that role opens a page or export
    that lists them, then exactly the ones it may see are there — no title, driver row or
    count of another."""
    objects = SETUPS[app](world)
    kwargs = {"slug": world.initiative.slug}
    if case.kwargs:
        kwargs.update(case.kwargs(world, objects))
    url = reverse(case.url_name, kwargs=kwargs) + (f"?{case.query}" if case.query else "")
    client.force_login(world.users[case.role])
    response = client.get(url)
    assert response.status_code == 200, url
    text = response_text(response)
    marks = case.marks(world, objects)
    assert set(case.sees) <= set(marks), "sees names an object without a mark"
    assert {name for name, mark in marks.items() if mark in text} == set(case.sees), url
