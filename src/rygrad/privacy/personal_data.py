"""The login itself as personal data: its address, name and dates, its verified addresses
and second factors (their kinds, never their secrets), and what the change history
records it doing. Erased by deleting the login (privacy.services.person_erase), which
takes its addresses, second factors and sessions' owner with it."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.personal_data import Held, day, register_personal_data


def export(subject) -> Held:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from auditlog.models import LogEntry

    user = subject.user
    return Held(records={
        "login": [{"email": user.email, "name": user.display_name,
                   "joined": day(user.date_joined), "last_login": day(user.last_login),
                   "active": user.is_active, "operator": user.is_superuser}],
        "email_addresses": [{"email": address.email, "verified": address.verified,
                             "primary": address.primary}
                            for address in EmailAddress.objects.filter(user=user)],
        "second_factors": [{"kind": factor.type, "created_at": day(factor.created_at),
                            "last_used_at": day(factor.last_used_at)}
                           for factor in Authenticator.objects.filter(user=user)],
        "changes_made": [{"at": day(entry.timestamp), "action": entry.get_action_display(),
                          "record": f"{entry.content_type.app_label}."
                                    f"{entry.content_type.model}",
                          "address": entry.remote_addr}
                         for entry in LogEntry.objects.filter(actor=user)
                         .select_related("content_type").order_by("timestamp")],
    })


def erase(subject) -> int:
    """The change history keeps what the login did, not from which address or under
    which email; the login itself is deleted after every app has erased its part."""
    from auditlog.models import LogEntry

    return LogEntry.objects.filter(actor=subject.user).update(remote_addr=None,
                                                              remote_port=None,
                                                              actor_email="")


register_personal_data("account", label=_("Your login"), export=export, erase=erase,
                       account=True)
