"""What the early warning holds about a login: the notices it got and its choice of
notices. Both exist only for that login, so erasure deletes them (core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.personal_data import Held, day, register_personal_data

from .models import Digest, Notification, NotificationSetting


def export(subject) -> Held:
    return Held(records={
        "notices": [
            {"signal": notice.crossing.key, "entered_warning": notice.crossing.entered,
             "found_on": day(notice.crossing.found_on), "created_at": day(notice.created_at),
             "read_at": day(notice.read_at), "emailed_at": day(notice.emailed_at)}
            for notice in subject.login_rows(Notification, "user")
            .select_related("crossing")],
        "notice_settings": [{"muted": setting.muted, "email": setting.email}
                            for setting in subject.login_rows(NotificationSetting, "user")],
    })


def erase(subject) -> int:
    count = 0
    for model in (Notification, NotificationSetting):
        found = subject.login_rows(model, "user")
        count += found.count()
        found.delete()
    return count


register_personal_data("earlywarning", label=_("Early warning"), export=export, erase=erase)


def export_account(subject) -> Held:
    return Held(records={"daily_emails": [
        {"sent_on": day(digest.sent_on), "notices": digest.notices}
        for digest in Digest.objects.filter(user=subject.user).order_by("sent_on")]})


def erase_account(subject) -> int:
    found = Digest.objects.filter(user=subject.user)
    count = found.count()
    found.delete()
    return count


register_personal_data("earlywarning.account", label=_("Early warning emails"),
                       export=export_account, erase=erase_account, account=True)
