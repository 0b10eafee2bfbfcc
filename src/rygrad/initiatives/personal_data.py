"""A login's role in the initiative is personal data too: exported, and taken away when the
person is erased (core.personal_data). The login itself is the privacy app's concern."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.personal_data import Held, day, register_personal_data

from .models import RoleGrant


def _grants(subject):
    if subject.user is None:
        return RoleGrant.objects.none()
    return RoleGrant.objects.filter(initiative=subject.initiative, user=subject.user)


def export(subject) -> Held:
    return Held(records={"roles": [
        {"initiative": grant.initiative.name, "role": grant.get_role_display(),
         "granted_at": day(grant.granted_at)}
        for grant in _grants(subject).select_related("initiative")]})


def erase(subject) -> int:
    count = 0
    for grant in _grants(subject):
        grant.delete()
        count += 1
    return count


register_personal_data("initiatives", label=_("Roles"), export=export, erase=erase)
