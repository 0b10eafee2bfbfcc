"""What the activities hold about a login: the stage and driver changes it recorded and its
learning notes. They are the activities' history, so erasure keeps them and removes only
who wrote them (core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.personal_data import Held, day, register_personal_data

from .models import DriverChange, LearningNote, StageChange


def _mine(model, field, subject):
    if subject.user is None:
        return model.objects.none()
    return model.objects.for_initiative(subject.initiative).filter(**{field: subject.user})


def export(subject) -> Held:
    return Held(records={
        "stage_changes_recorded": [
            {"activity": change.activity.title, "stage": change.stage,
             "changed_on": day(change.changed_on), "note": change.note}
            for change in _mine(StageChange, "recorded_by", subject).select_related("activity")],
        "driver_changes_recorded": [
            {"activity": change.activity.title, "organisation": change.organisation.name,
             "from": day(change.from_on),
             "note": change.note}
            for change in _mine(DriverChange, "recorded_by", subject).select_related(
                "activity", "organisation")],
        "learning_notes": [
            {"activity": note.activity.title, "tried": note.tried, "learned": note.learned,
             "written_on": day(note.written_on)}
            for note in _mine(LearningNote, "author", subject).select_related("activity")],
    })


def erase(subject) -> int:
    count = 0
    for model, field in ((StageChange, "recorded_by"), (DriverChange, "recorded_by"),
                         (LearningNote, "author")):
        for record in _mine(model, field, subject):
            setattr(record, field, None)
            record.save(update_fields=[field])
            count += 1
    return count


register_personal_data("activities", label=_("Activities"), export=export, erase=erase)
