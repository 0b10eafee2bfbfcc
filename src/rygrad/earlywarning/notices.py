"""Nudges: the daily check that finds signals that entered or left warning, the notices it
gives the secretariat and the alliance's chair, and the one email a day that sums them up.

`signals_check` compares each signal's standing today with what the previous check saw
(`SignalStanding`); a change is a `Crossing`, told once to each person (`Notification`,
unique per crossing and person) unless they muted the initiative's notices. The emails go
out through django-tasks (`digests_send_task`), so in production `rygrad db_worker` sends
them; a person gets at most one a day (`Digest`, unique per person and day) and none when
they asked for the list only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rygrad.core.signals import all_signals, computed_values, get_signal, warning_recipients
from rygrad.core.tenancy import Role, tenancy
from rygrad.initiatives.selectors import grants_of

from .models import Crossing, Digest, Notification, NotificationSetting, SignalStanding


def recipients(initiative) -> set[int]:
    """Who hears of the initiative's crossings: its secretariat (accounts in use) and
    whoever the registered providers name (the alliance app: the group's chair)."""
    secretariat = (grants_of(initiative=initiative)
                   .filter(role=Role.SECRETARIAT, pending=False, user__is_active=True)
                   .values_list("user_id", flat=True))
    return set(secretariat) | warning_recipients(initiative)


def _muted(initiative) -> set[int]:
    return set(NotificationSetting.objects.for_initiative(initiative).filter(muted=True)
               .values_list("user_id", flat=True))


@dataclass(frozen=True)
class Checked:
    """What one check of one initiative found."""

    initiative: object
    crossings: list[Crossing]
    notified: int


@transaction.atomic
def initiative_check(*, initiative, today: dt.date) -> Checked:
    """Compare each signal's warning today with the last check's; record and tell each
    crossing. The first check of a signal only notes where it stands."""
    values = computed_values(initiative=initiative, at=today)
    standings = {s.key: s for s in SignalStanding.objects.for_initiative(initiative)}
    found: list[Crossing] = []
    for signal in all_signals():
        judged = signal.judge(initiative, values.get(signal.key))
        known = standings.get(signal.key)
        if known is None:
            SignalStanding.objects.create(initiative=initiative, key=signal.key,
                                          warning=judged.warning, checked_on=today)
            continue
        if known.warning != judged.warning:
            crossing, created = Crossing.objects.get_or_create(
                initiative=initiative, key=signal.key, found_on=today,
                entered=judged.warning,
                defaults={"value": judged.value, "threshold": judged.threshold})
            if created:
                found.append(crossing)
        if known.warning != judged.warning or known.checked_on != today:
            known.warning, known.checked_on = judged.warning, today
            known.save(update_fields=["warning", "checked_on"])
    notified = 0
    if found:
        people = recipients(initiative) - _muted(initiative)
        notices = [Notification(initiative=initiative, crossing=crossing, user_id=user_id)
                   for crossing in found for user_id in sorted(people)]
        notified = len(Notification.objects.bulk_create(notices, ignore_conflicts=True))
    return Checked(initiative=initiative, crossings=found, notified=notified)


def signals_check(*, today: dt.date | None = None, base_url: str = "",
                  initiatives=None) -> list[Checked]:
    """The daily check of every initiative (or those given); then the email digests and
    the histories' refresh are handed to the background worker."""
    from .tasks import digests_send_task, history_refresh_task

    today = today or timezone.localdate()
    chosen = initiatives if initiatives is not None else tenancy().model.objects.order_by("pk")
    results = [initiative_check(initiative=initiative, today=today) for initiative in chosen]
    digests_send_task.enqueue(today.isoformat(), base_url)
    for checked in results:
        history_refresh_task.enqueue(checked.initiative.pk, True)
    return results


def _setting(initiative, user) -> NotificationSetting:
    found = NotificationSetting.objects.for_initiative(initiative).filter(user=user).first()
    return found or NotificationSetting(initiative=initiative, user=user)


def notice_setting_of(*, initiative, user) -> NotificationSetting:
    """A person's choice for an initiative (unsaved default: notices and email)."""
    return _setting(initiative, user)


@transaction.atomic
def notice_setting_set(*, initiative, by, muted: bool, email: bool) -> NotificationSetting:
    """Save the actor's own choice: no notices at all, or notices with or without the
    daily email."""
    if not by.is_authenticated or not by.can("earlywarning.notices"):
        raise ValidationError(_("Log in with a role in the initiative to choose your notices."))
    setting = _setting(initiative, by.user)
    setting.muted, setting.email = muted, email
    setting.full_clean(exclude=["initiative", "user"])
    setting.save()
    return setting


@transaction.atomic
def notices_mark_read(*, initiative, by) -> int:
    """Mark the actor's unread notices of the initiative read; how many there were."""
    if not by.is_authenticated:
        raise ValidationError(_("Log in to mark your notices read."))
    return (Notification.objects.for_initiative(initiative)
            .filter(user=by.user, read_at__isnull=True).update(read_at=timezone.now()))


def digests_send(*, today: dt.date | None = None, base_url: str = "") -> int:
    """Mail each person the notices not yet mailed, in one email — unless they had one
    today already or asked for none for that initiative (those stay in the list only).
    Returns the number of emails sent."""
    today = today or timezone.localdate()
    waiting = (Notification.objects.filter(emailed_at__isnull=True)
               .select_related("crossing", "initiative").order_by("user_id", "pk"))
    no_email = {(s.initiative_id, s.user_id) for s in
                NotificationSetting.objects.filter(email=False).only("initiative", "user")}
    by_user: dict[int, list[Notification]] = {}
    for notice in waiting:
        if (notice.initiative_id, notice.user_id) not in no_email:
            by_user.setdefault(notice.user_id, []).append(notice)
    users = get_user_model().objects.in_bulk(list(by_user))
    sent = 0
    for user_id, notices in by_user.items():
        user = users.get(user_id)
        if user is None or not user.is_active or not user.email:
            continue
        if _digest_send(user=user, notices=notices, today=today, base_url=base_url):
            sent += 1
    return sent


def _digest_send(*, user, notices: list[Notification], today: dt.date, base_url: str) -> bool:
    try:
        with transaction.atomic():
            Digest.objects.create(user=user, sent_on=today, notices=len(notices))
            with translation.override(settings.LANGUAGE_CODE):
                lines = [_notice_line(notice, base_url) for notice in notices]
                subject = ngettext("Rygrad: %(count)s signal crossed its threshold",
                                   "Rygrad: %(count)s signals crossed their thresholds",
                                   len(notices)) % {"count": len(notices)}
                send_mail(
                    subject=subject,
                    message=render_to_string("earlywarning/email/digest.txt", {
                        "user": user, "lines": lines, "base_url": base_url}),
                    from_email=None, recipient_list=[user.email])
            Notification.objects.filter(pk__in=[n.pk for n in notices]).update(
                emailed_at=timezone.now())
    except IntegrityError:  # a digest went out today already: these wait for tomorrow's
        return False
    return True


def notice_text(crossing: Crossing) -> str:
    """One crossing in words: which signal, which way, the value and threshold."""
    try:
        signal = get_signal(crossing.key)
    except KeyError:  # a signal no longer registered
        return crossing.key
    said = {"signal": signal.label, "value": signal.format(crossing.value),
            "threshold": signal.format(crossing.threshold)}
    if crossing.entered:
        return _("%(signal)s entered warning: %(value)s (threshold %(threshold)s)") % said
    return _("%(signal)s is back within its threshold: %(value)s (threshold %(threshold)s)"
             ) % said


def _notice_line(notice: Notification, base_url: str) -> str:
    crossing = notice.crossing
    url = reverse("earlywarning:signal", kwargs={"slug": notice.initiative.slug,
                                                 "key": crossing.key})
    return (f"{notice.initiative.name}: {notice_text(crossing)}\n"
            f"  {base_url.rstrip('/')}{url}")
