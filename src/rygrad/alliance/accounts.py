"""The alliance registry as core's invitations see it: a login the secretariat invites by
an email that a registry person has is linked to that person, and so represents their
organisation (`permissions.organisations_represented`). Plugged in by `apps.py`."""

from rygrad.core.accounts import PersonRegistry, RegistryPerson, register_person_registry

from .models import Person
from .selectors import people_with_email
from .services import person_update


def _people(*, initiative, email: str) -> list[RegistryPerson]:
    return [
        RegistryPerson(key=str(person.pk), name=person.name,
                       organisation=person.organisation.name if person.organisation else "",
                       login_id=person.user_id,
                       login=person.user.email if person.user else "")
        for person in people_with_email(initiative=initiative, email=email)
    ]


def _link(*, initiative, key: str, user) -> None:
    person = Person.objects.for_initiative(initiative).get(pk=int(key))
    person_update(person=person, user=user)


def register() -> None:
    register_person_registry("alliance", PersonRegistry(people=_people, link=_link))
