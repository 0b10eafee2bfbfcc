"""What the ideas hold about a login: the ideas it sent (with the nickname given), its
support for ideas, the answers it recorded and published. An idea and its answers are the
initiative's public record ("you said — we did") and counted by its signals, so erasure
keeps them and removes the nickname and who sent, supported or recorded them
(core.personal_data)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rygrad.core.personal_data import (
    Held,
    day,
    register_personal_data,
    register_retention_kind,
)

from .models import YOUTH_GROUPS, AnswerRelease, Idea, StatusChange, Support


def _ideas(subject):
    return subject.login_rows(Idea, "submitted_by")


def export(subject) -> Held:
    return Held(records={
        "ideas_sent": [
            {"number": idea.number, "title": idea.title, "description": idea.description,
             "nickname": idea.nickname, "age_band": idea.age_band,
             "submitted_on": day(idea.submitted_on), "status": idea.status}
            for idea in _ideas(subject).order_by("number")],
        "ideas_supported": [
            {"idea": support.idea.number, "title": support.idea.title,
             "supported_on": day(support.supported_on)}
            for support in subject.login_rows(Support, "user").select_related("idea")],
        "answers_recorded": [
            {"idea": change.idea.number, "status": change.status,
             "changed_on": day(change.changed_on), "answer": change.answer}
            for change in subject.login_rows(StatusChange, "recorded_by")
            .select_related("idea")],
        "answer_releases_published": [
            {"title": release.title, "published_on": day(release.published_on)}
            for release in subject.login_rows(AnswerRelease, "published_by")],
    })


def erase(subject) -> int:
    count = 0
    for idea in _ideas(subject):
        idea.nickname = ""
        idea.submitted_by = None
        idea.save(update_fields=["nickname", "submitted_by"])
        count += 1
    for model, field in ((Support, "user"), (StatusChange, "recorded_by"),
                         (AnswerRelease, "published_by")):
        for record in subject.login_rows(model, field):
            setattr(record, field, None)
            record.save(update_fields=[field])
            count += 1
    return count


register_personal_data("ideas", label=_("Ideas"), export=export, erase=erase)


# --- Retention: the nickname and login of ideas from children and young people ---------

def _youth_due(*, initiative, cutoff):
    return Idea.objects.for_initiative(initiative).filter(
        submitter_group__in=YOUTH_GROUPS, submitted_on__lt=cutoff).filter(
        ~Q(nickname="") | Q(submitted_by__isnull=False))


def _youth_rows(queryset):
    for row in queryset.order_by("number").values(
            "number", "title", "nickname", "age_band", "submitter_group", "submitted_on",
            "submitted_by__email").iterator(chunk_size=2000):
        row["submitted_on"] = day(row["submitted_on"])
        row["login"] = row.pop("submitted_by__email")
        yield row


def _youth_remove(queryset) -> int:
    """The ideas stay (they are counted and answered in public); who sent them goes."""
    return queryset.update(nickname="", submitted_by=None)


register_retention_kind(
    "ideas.youth_senders", label=_("Who sent ideas from children and young people"),
    explanation=_("Months after the idea was sent. The nickname and the login that sent "
                  "it are removed; the idea, its answers and every count stay."),
    default_months=36, due=_youth_due, since="submitted_on", rows=_youth_rows,
    remove=_youth_remove, anonymises=True)
