"""The secretariat gives people access: invitations by email, role changes, removal."""

import re

from django.core import mail
from django.urls import reverse

from rygrad.initiatives.models import Role, RoleGrant


def test_inviting_a_new_person_creates_the_account_and_emails_a_password_link(
    client_as, world, django_capture_on_commit_callbacks
):
    """Given the secretariat, when they invite a new head of school as member, then the
    account exists with that role and one email with a working set-password link is sent."""
    client = client_as("secretariat")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("initiatives:roles", kwargs={"slug": "egelund"}), {
            "email": "skoleleder@egelund.dk", "name": "Jens Skoleleder", "role": Role.MEMBER})
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user__email="skoleleder@egelund.dk")
    assert (grant.initiative, grant.role) == (world.initiative, Role.MEMBER)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["skoleleder@egelund.dk"]
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    client.logout()
    page = client.get(link.group(1), follow=True)
    assert page.status_code == 200
    assert b'name="password1"' in page.content


def test_the_last_secretariat_cannot_be_removed(client_as, world):
    client = client_as("secretariat")
    grant = world.users["secretariat"].role_grants.get()
    response = client.post(
        reverse("initiatives:role_update", kwargs={"slug": "egelund", "pk": grant.pk}),
        {"remove": "1"}, follow=True)
    assert RoleGrant.objects.filter(pk=grant.pk, role=Role.SECRETARIAT).exists()
    assert any("at least one secretariat" in str(m) or "mindst" in str(m)
               for m in response.context["messages"])


def test_the_invitation_message_names_the_person_and_their_role(client_as, world):
    """Given the secretariat, when they invite someone as partner, then the page says who
    now has which role (the message is made from the grant the service returned)."""
    client = client_as("secretariat")
    response = client.post(reverse("initiatives:roles", kwargs={"slug": "egelund"}), {
        "email": "ny@egelund.dk", "name": "Ny Partner", "role": Role.PARTNER}, follow=True)
    texts = [str(m) for m in response.context["messages"]]
    assert any("ny@egelund.dk" in text or "Ny Partner" in text for text in texts), texts
    assert any(str(Role.PARTNER.label) in text for text in texts), texts


def test_the_last_secretariat_cannot_be_changed_to_another_role(client_as, world):
    """Given the only secretariat account, when its role is changed to member, then it
    stays secretariat and the roles page says why."""
    client = client_as("secretariat")
    grant = world.users["secretariat"].role_grants.get()
    response = client.post(
        reverse("initiatives:role_update", kwargs={"slug": "egelund", "pk": grant.pk}),
        {"role": Role.MEMBER}, follow=True)
    grant.refresh_from_db()
    assert grant.role == Role.SECRETARIAT
    assert any("at least one secretariat" in str(m) or "mindst" in str(m)
               for m in response.context["messages"])


def test_a_role_that_does_not_exist_is_refused_with_a_message(client_as, world):
    """Given the secretariat, when a role change posts a value that is no role, then the
    grant is unchanged and the roles page says the choice was not valid."""
    client = client_as("secretariat")
    grant = world.users["member"].role_grants.get()
    response = client.post(
        reverse("initiatives:role_update", kwargs={"slug": "egelund", "pk": grant.pk}),
        {"role": "99"}, follow=True)
    grant.refresh_from_db()
    assert grant.role == Role.MEMBER
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_a_role_of_another_initiative_cannot_be_touched(client_as, world):
    """Given the Egelund secretariat, when they post to Andeby's grant id, then 404."""
    foreign = world.users["stranger"].role_grants.get()
    client = client_as("secretariat")
    response = client.post(
        reverse("initiatives:role_update", kwargs={"slug": "egelund", "pk": foreign.pk}),
        {"role": Role.YOUTH})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.role == Role.SECRETARIAT


def test_roles_page_query_count_does_not_grow_with_people(client_as, world,
                                                          django_assert_max_num_queries):
    from rygrad.core.models import User
    from rygrad.initiatives.services import role_grant

    client = client_as("secretariat")
    url = reverse("initiatives:roles", kwargs={"slug": "egelund"})
    for count in (10, 200):
        for i in range(count - RoleGrant.objects.filter(initiative=world.initiative).count()):
            user = User.objects.create_user(email=f"p{count}-{i}@example.org")
            role_grant(initiative=world.initiative, user=user, role=Role.PARTNER)
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
