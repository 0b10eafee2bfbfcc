"""What the alliance registry holds about a person, and how it is erased: the person is
anonymised ("Former member no. 12, Egelund Skole"), their seats stay, so the alliance's
history and every count over time are unchanged (core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.personal_data import Held, day, register_personal_data

from .models import Membership, Person
from .services import person_anonymise


def _people(subject):
    """The subject's registry persons: those named, and any linked to their login here."""
    people = Person.objects.for_initiative(subject.initiative).select_related("organisation")
    found = {person.pk: person for person in people.filter(pk__in=subject.person_ids)}
    if subject.user is not None:
        found.update({person.pk: person for person in people.filter(user=subject.user)})
    return sorted(found.values(), key=lambda person: person.pk)


def export(subject) -> Held:
    people = _people(subject)
    memberships = Membership.objects.filter(person__in=people).select_related(
        "organisation").order_by("started_on", "pk")
    return Held(records={
        "people": [{
            "id": person.pk, "name": person.name, "title": person.title,
            "email": person.email, "age_band": person.age_band,
            "organisation": person.organisation.name if person.organisation else None,
            "has_login": person.user_id is not None,
            "anonymised_at": day(person.anonymised_at),
        } for person in people],
        "memberships": [{
            "person": membership.person_id, "organisation": membership.organisation.name,
            "role": membership.role, "from": day(membership.started_on),
            "to": day(membership.ended_on), "reason_for_leaving": membership.end_reason,
        } for membership in memberships],
    })


def erase(subject) -> int:
    """Anonymise the persons; a seat's reason for leaving may name private matters
    ("illness"), so it goes too — the seat and its dates stay."""
    people = _people(subject)
    for person in people:
        person_anonymise(person=person)
    for membership in Membership.objects.filter(person__in=people).exclude(end_reason=""):
        membership.end_reason = ""
        membership.save(update_fields=["end_reason"])
    return len(people)


register_personal_data("alliance", label=_("Alliance registry"), export=export, erase=erase)
