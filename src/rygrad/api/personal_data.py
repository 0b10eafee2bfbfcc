"""A login's API tokens (only their names, starts and dates: the secrets are never kept).
They belong to the login, not to an initiative, so they are exported with the login and
deleted with it (core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.personal_data import Held, day, register_personal_data

from .models import ApiToken


def export(subject) -> Held:
    return Held(records={"api_tokens": [
        {"name": token.name, "starts_with": token.prefix, "created_at": day(token.created_at),
         "last_used_at": day(token.last_used_at), "revoked_at": day(token.revoked_at)}
        for token in ApiToken.objects.filter(user=subject.user)]})


def erase(subject) -> int:
    found = ApiToken.objects.filter(user=subject.user)
    count = found.count()
    found.delete()
    return count


register_personal_data("api", label=_("API tokens"), export=export, erase=erase, account=True)
