"""What the meetings hold about a person: the meetings they attended, the action items
they own, their calendar address. Attendance and action items are the meetings' history
and counted by signals, so they stay, pointing at the anonymised person; the calendar
address is deleted (core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.personal_data import Held, day, register_personal_data

from .models import Attendance, CalendarFeed, MeetingAction


def _feeds(subject):
    if subject.user is None:
        return CalendarFeed.objects.none()
    return CalendarFeed.objects.for_initiative(subject.initiative).filter(user=subject.user)


def export(subject) -> Held:
    attended = Attendance.objects.for_initiative(subject.initiative).filter(
        person_id__in=subject.person_ids).select_related("meeting", "organisation")
    actions = MeetingAction.objects.for_initiative(subject.initiative).filter(
        owner_id__in=subject.person_ids).select_related("meeting")
    return Held(records={
        "meetings_attended": [
            {"meeting": row.meeting.title, "on": day(row.meeting.held_on),
             "organisation": row.organisation.name if row.organisation else None,
             "group": row.group} for row in attended],
        "action_items_owned": [
            {"meeting": action.meeting.title, "action": action.title,
             "due": day(action.due_on), "done": day(action.done_on)} for action in actions],
        "calendar_addresses": [{"created_at": day(feed.created_at)}
                               for feed in _feeds(subject)],
    })


def erase(subject) -> int:
    count = 0
    for feed in _feeds(subject):
        feed.delete()
        count += 1
    return count


register_personal_data("meetings", label=_("Meetings"), export=export, erase=erase)
