"""Invitations meet the registry: an invited email that a registry person has links the
login to that person (and so to their organisation), or the form offers the choice; the
invitations not yet accepted are listed with Send again and Withdraw; choosing the
password through the link lands the person, logged in, on their initiative's dashboard."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from rygrad.alliance.models import Person
from rygrad.alliance.tests.factories import OrganisationFactory, PersonFactory
from rygrad.core.permissions import Actor
from rygrad.initiatives.models import Role, RoleGrant
from rygrad.initiatives.services import NO_REGISTRY_PERSON, person_invite

ROLES_URL = reverse("initiatives:roles", kwargs={"slug": "egelund"})
PASSWORD = "Lang-adgangskode-2026"


def _invite(client, email="lene@skole.dk", role=Role.PARTNER, **extra):
    return client.post(ROLES_URL, {"email": email, "name": "Lene", "role": role, **extra})


def _link(message) -> str:
    found = re.search(r"http://testserver(/\S+)", message.body)
    assert found, message.body
    return found.group(1)


def _choose_password(client, link):
    """Open an invitation's link and choose a password, as the person would."""
    form_page = client.get(link, follow=True)
    assert b'name="password1"' in form_page.content
    return client.post(form_page.redirect_chain[-1][0],
                       {"password1": PASSWORD, "password2": PASSWORD})


@pytest.fixture
def school(world):
    return OrganisationFactory(initiative=world.initiative, name="Egelund Skole")


def test_inviting_a_registry_persons_email_links_the_login_to_them_and_their_organisation(
        client_as, world, school):
    """Given Lene in the registry, of Egelund Skole, with the email lene@skole.dk and no
    login, when the secretariat invites that address (in other case) as partner, then her
    person record is linked to the new login, the login represents Egelund Skole at once,
    and the page says so."""
    lene = PersonFactory(initiative=world.initiative, name="Lene Lærer", organisation=school,
                         email="lene@skole.dk")
    client = client_as("secretariat")
    response = _invite(client, email="Lene@Skole.dk")
    assert response.status_code == 302
    lene.refresh_from_db()
    user = get_user_model().objects.get(email__iexact="lene@skole.dk")
    assert lene.user == user
    assert Actor(user=user, initiative=world.initiative).organisation_ids == {school.pk}
    texts = [str(m) for m in client.get(ROLES_URL).context["messages"]]
    assert any("Lene Lærer, Egelund Skole" in text for text in texts), texts


def test_an_email_nobody_in_the_registry_has_gives_a_login_linked_to_nobody(
        client_as, world, school):
    """Given a registry without the address, when it is invited, then the login exists with
    its role and no person record is linked to it."""
    PersonFactory(initiative=world.initiative, organisation=school, email="other@skole.dk")
    assert _invite(client_as("secretariat")).status_code == 302
    user = get_user_model().objects.get(email="lene@skole.dk")
    assert not Person.objects.filter(user=user).exists()
    assert RoleGrant.objects.filter(user=user, initiative=world.initiative).exists()


def test_a_person_of_another_initiatives_registry_is_never_linked(client_as, world):
    """Given Andeby's registry with lene@skole.dk, when Egelund invites that address, then
    Andeby's person stays unlinked (each initiative's registry is its own)."""
    foreign = PersonFactory(initiative=world.other_initiative, email="lene@skole.dk")
    assert _invite(client_as("secretariat")).status_code == 302
    foreign.refresh_from_db()
    assert foreign.user is None


def test_several_people_with_the_email_are_offered_and_the_chosen_one_is_linked(
        client_as, world, school):
    """Given two registry people with the same address (a head of school and the school's
    shared mailbox), when it is invited, then nothing is made and the form offers both and
    "nobody"; when the secretariat then chooses the second, that one is linked."""
    first = PersonFactory(initiative=world.initiative, name="Anne", organisation=school,
                          email="lene@skole.dk")
    second = PersonFactory(initiative=world.initiative, name="Bo", organisation=school,
                           email="lene@skole.dk")
    client = client_as("secretariat")
    response = _invite(client)
    assert response.status_code == 200
    form = response.context["form"]
    assert "person" in form.errors
    assert [key for key, _label in form.fields["person"].choices] == [
        f"alliance:{first.pk}", f"alliance:{second.pk}", NO_REGISTRY_PERSON]
    assert not get_user_model().objects.filter(email="lene@skole.dk").exists()
    assert 'type="radio"' in response.content.decode()

    assert _invite(client, person=f"alliance:{second.pk}").status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.user, second.user.email) == (None, "lene@skole.dk")


def test_a_person_linked_to_another_login_is_not_taken_without_asking(
        client_as, world, school):
    """Given Lene in the registry linked to her old login (another address), when her new
    address, which her record now holds, is invited, then the form asks; choosing
    "nobody" makes the login without touching her record, and choosing her moves the
    link to the new login."""
    old = get_user_model().objects.create_user(email="lene@gammel.dk", password="pw")
    lene = PersonFactory(initiative=world.initiative, name="Lene", organisation=school,
                         email="lene@skole.dk", user=old)
    client = client_as("secretariat")
    response = _invite(client)
    assert response.status_code == 200
    assert "lene@gammel.dk" in str(response.context["form"].errors["person"])

    assert _invite(client, person=NO_REGISTRY_PERSON).status_code == 302
    lene.refresh_from_db()
    assert lene.user == old

    assert _invite(client, person=f"alliance:{lene.pk}").status_code == 302
    lene.refresh_from_db()
    assert lene.user.email == "lene@skole.dk"


def test_a_choice_that_is_not_among_the_people_with_the_email_is_refused(
        client_as, world, school):
    """Given Lene in the registry, when the posted choice names another person's id, then
    the form refuses it and nothing is made."""
    lene = PersonFactory(initiative=world.initiative, organisation=school,
                         email="lene@skole.dk")
    stranger = PersonFactory(initiative=world.initiative, organisation=school,
                             email="bo@skole.dk")
    response = _invite(client_as("secretariat"), person=f"alliance:{stranger.pk}")
    assert response.status_code == 200
    assert "person" in response.context["form"].errors
    lene.refresh_from_db()
    stranger.refresh_from_db()
    assert (lene.user, stranger.user) == (None, None)
    assert not get_user_model().objects.filter(email="lene@skole.dk").exists()


def test_an_anonymised_person_is_never_linked(world, school):
    """Given a registry person whose data was erased but whose row keeps the old address
    (it cannot, but the selector must not rely on it), when the address is invited, then
    the erased record is left alone."""
    erased = PersonFactory(initiative=world.initiative, organisation=school,
                           email="lene@skole.dk")
    Person.objects.filter(pk=erased.pk).update(anonymised_at="2026-01-01T00:00Z")
    invitation = person_invite(initiative=world.initiative, email="lene@skole.dk",
                               name="Lene", role=Role.MEMBER, base_url="http://testserver/")
    erased.refresh_from_db()
    assert (invitation.person, erased.user) == (None, None)


def test_the_invitation_link_sets_the_password_logs_in_and_lands_on_the_dashboard(
        client_as, world, django_capture_on_commit_callbacks):
    """Given an invitation to a new person, when they open its link and choose a password,
    then they are logged in and taken to their initiative's dashboard."""
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client_as("secretariat"))
    client = client_as("anonymous")
    response = _choose_password(client, _link(mail.outbox[0]))
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:dashboard", kwargs={"slug": "egelund"})
    user = get_user_model().objects.get(email="lene@skole.dk")
    assert client.session.get("_auth_user_id") == str(user.pk)


def test_someone_with_a_login_is_invited_to_log_in_and_lands_in_the_new_initiative(
        world, django_capture_on_commit_callbacks):
    """Given Andeby's secretariat, who has a password, when Egelund invites them, then the
    email has no password link but the login page with Egelund's dashboard as `next`."""
    with django_capture_on_commit_callbacks(execute=True):
        person_invite(initiative=world.initiative, email="stranger@example.org",
                      name="Andeby", role=Role.MEMBER, base_url="http://testserver/")
    assert _link(mail.outbox[0]) == "/accounts/login/?next=%2Fi%2Fegelund%2F"


def _pending_invitation(world, django_capture_on_commit_callbacks, email="lene@skole.dk"):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = person_invite(initiative=world.initiative, email=email, name="Lene",
                                   role=Role.PARTNER, base_url="http://testserver/")
    return invitation.grant


def test_the_roles_page_lists_invitations_not_yet_accepted_apart(
        client_as, world, django_capture_on_commit_callbacks):
    """Given one invitation not yet accepted and the world's people, who all have
    passwords, when the roles page is opened, then the invitation is listed under the
    pending invitations with Send again and Withdraw, and the others among the people
    with a role."""
    grant = _pending_invitation(world, django_capture_on_commit_callbacks)
    response = client_as("secretariat").get(ROLES_URL)
    assert [g.pk for g in response.context["pending"]] == [grant.pk]
    assert grant.pk not in {g.pk for g in response.context["grants"]}
    assert len(response.context["grants"]) == 4
    content = response.content.decode()
    assert reverse("initiatives:invitation_resend",
                   kwargs={"slug": "egelund", "pk": grant.pk}) in content
    assert reverse("initiatives:invitation_withdraw",
                   kwargs={"slug": "egelund", "pk": grant.pk}) in content


def test_an_invitation_is_accepted_once_the_password_is_chosen(
        client_as, world, django_capture_on_commit_callbacks):
    """Given an invitation, when its link is used, then it is no longer pending on the
    roles page."""
    _pending_invitation(world, django_capture_on_commit_callbacks)
    _choose_password(client_as("anonymous"), _link(mail.outbox[0]))
    response = client_as("secretariat").get(ROLES_URL)
    assert response.context["pending"] == []


def test_sending_again_mails_a_new_link_and_the_old_one_stops_working(
        client_as, world, django_capture_on_commit_callbacks):
    """Given a pending invitation whose first email went out, when the secretariat sends it
    again, then a second email goes out, the first link is refused and the new one works."""
    grant = _pending_invitation(world, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("secretariat").post(reverse(
            "initiatives:invitation_resend", kwargs={"slug": "egelund", "pk": grant.pk}))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["lene@skole.dk"], ["lene@skole.dk"]]
    old, new = _link(mail.outbox[0]), _link(mail.outbox[1])
    assert old != new
    client = client_as("anonymous")
    assert b'name="password1"' not in client.get(old, follow=True).content
    assert _choose_password(client, new).status_code == 302


def test_an_accepted_invitation_is_not_sent_again(client_as, world):
    """Given the member, who has a password, when their invitation is sent again, then the
    page says they log in with it and no email goes out."""
    grant = world.users["member"].role_grants.get()
    response = client_as("secretariat").post(reverse(
        "initiatives:invitation_resend", kwargs={"slug": "egelund", "pk": grant.pk}),
        follow=True)
    assert mail.outbox == []
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_withdrawing_removes_the_role_and_the_unused_account(
        client_as, world, school, django_capture_on_commit_callbacks):
    """Given a pending invitation linked to Lene in the registry, when it is withdrawn,
    then the role and the never-used account are gone and her record stays, unlinked."""
    lene = PersonFactory(initiative=world.initiative, organisation=school,
                         email="lene@skole.dk")
    grant = _pending_invitation(world, django_capture_on_commit_callbacks)
    lene.refresh_from_db()
    assert lene.user is not None
    response = client_as("secretariat").post(reverse(
        "initiatives:invitation_withdraw", kwargs={"slug": "egelund", "pk": grant.pk}))
    assert response.status_code == 302
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    assert not get_user_model().objects.filter(email="lene@skole.dk").exists()
    lene.refresh_from_db()
    assert lene.user is None


def test_withdrawing_keeps_an_account_that_has_a_role_elsewhere(
        client_as, world, django_capture_on_commit_callbacks):
    """Given a person invited to both initiatives and in neither yet, when Egelund
    withdraws its invitation, then Egelund's role goes and the account stays for
    Andeby."""
    grant = _pending_invitation(world, django_capture_on_commit_callbacks)
    person_invite(initiative=world.other_initiative, email="lene@skole.dk", name="Lene",
                  role=Role.YOUTH, base_url="http://testserver/")
    client_as("secretariat").post(reverse(
        "initiatives:invitation_withdraw", kwargs={"slug": "egelund", "pk": grant.pk}))
    user = get_user_model().objects.get(email="lene@skole.dk")
    assert list(user.role_grants.values_list("initiative__slug", flat=True)) == ["andeby"]


def test_an_accepted_invitation_cannot_be_withdrawn(client_as, world):
    """Given the member, who has logged in with a password, when their invitation is
    withdrawn, then the page refuses (remove the role instead) and nothing changes."""
    grant = world.users["member"].role_grants.get()
    response = client_as("secretariat").post(reverse(
        "initiatives:invitation_withdraw", kwargs={"slug": "egelund", "pk": grant.pk}),
        follow=True)
    assert RoleGrant.objects.filter(pk=grant.pk).exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_another_initiatives_invitation_cannot_be_touched(
        client_as, world, django_capture_on_commit_callbacks):
    """Given a pending invitation to Andeby, when Egelund's secretariat withdraws or resends
    it by its id, then 404 and it stays."""
    with django_capture_on_commit_callbacks(execute=True):
        foreign = person_invite(initiative=world.other_initiative, email="lene@skole.dk",
                                name="Lene", role=Role.YOUTH,
                                base_url="http://testserver/").grant
    client = client_as("secretariat")
    for name in ("initiatives:invitation_withdraw", "initiatives:invitation_resend"):
        url = reverse(name, kwargs={"slug": "egelund", "pk": foreign.pk})
        assert client.post(url).status_code == 404
    assert RoleGrant.objects.filter(pk=foreign.pk).exists()
    assert len(mail.outbox) == 1


def test_a_mail_server_that_refuses_the_invitation_leaves_nothing_saved(client_as, world,
                                                                         settings):
    """Given a mail server that cannot be reached (SMTP to a closed port on this machine),
    when the secretariat invites someone, then the form says the email could not be sent,
    and neither the account nor the role was saved."""
    from django.contrib.auth import get_user_model

    from rygrad.initiatives.models import RoleGrant

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    response = client_as("secretariat").post(
        reverse("initiatives:roles", kwargs={"slug": world.initiative.slug}),
        {"email": "ny@example.org", "name": "Ny", "role": 30})
    assert response.status_code == 200
    assert "kunne ikke sendes" in response.content.decode()
    assert not get_user_model().objects.filter(email="ny@example.org").exists()
    assert not RoleGrant.objects.filter(user__email="ny@example.org").exists()
