"""Shared measurement and personal data.

The survey's responses carry no name, login or address (models.Response), so they are no
one's personal data to export or erase; what a login did here — publishing a wave's
numbers — is. Erasure keeps the release and removes who published it.

Raw responses are kept apart from the aggregates: a published wave's figures are computed
once, when it is published, and stored beside its release (`stored`, `snapshots`); every
page, signal, export and command reads those. So when a closed, published wave's raw
responses run out of retention they are archived and deleted — the rows and the release's
frozen copy of them — and every published figure stays as it was. A wave whose raw
responses were deleted cannot be published again (`services.wave_publish` refuses), and a
wave never published keeps its responses (deleting them would lose its only numbers).
(core.personal_data)
"""

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext_lazy as _

from rygrad.core.freshness import record_bulk_change
from rygrad.core.personal_data import (
    Held,
    day,
    register_personal_data,
    register_retention_kind,
)

from .models import Release, Response, Wave


def _releases(subject):
    if subject.user is None:
        return Release.objects.none()
    return Release.objects.for_initiative(subject.initiative).filter(published_by=subject.user)


def export(subject) -> Held:
    return Held(records={"survey_releases_published": [
        {"wave": str(release.wave), "release": release.number,
         "published_at": day(release.published_at)}
        for release in _releases(subject).select_related("wave__instrument")]})


def erase(subject) -> int:
    count = 0
    for release in _releases(subject):
        release.published_by = None
        release.save(update_fields=["published_by"])
        count += 1
    return count


register_personal_data("measurement", label=_("Shared measurement"), export=export,
                       erase=erase)


def _due_waves(*, initiative, cutoff):
    return (Wave.objects.for_initiative(initiative).filter(is_open=False)
            .exclude(release_token="").annotate(last_answer=Max("responses__submitted_on"))
            .filter(last_answer__lt=cutoff).values("pk"))


def _responses_due(*, initiative, cutoff):
    return Response.objects.for_initiative(initiative).filter(
        wave__in=_due_waves(initiative=initiative, cutoff=cutoff))


def _response_rows(queryset):
    for row in queryset.order_by("wave_id", "school", "grade", "id").values(
            "wave__instrument__slug", "wave__year", "school", "grade", "gender", "answers",
            "submitted_on", "source").iterator(chunk_size=5000):
        yield {"instrument": row["wave__instrument__slug"], "year": row["wave__year"],
               "school": row["school"], "grade": row["grade"], "gender": row["gender"],
               "answers": row["answers"], "submitted_on": day(row["submitted_on"]),
               "source": row["source"]}


def responses_remove(queryset) -> int:
    """Delete the raw responses and their frozen copies in the releases; the releases,
    their cubes and stored results stay. The wave keeps how many answered
    (`response_count`); its draft snapshot is dropped (and swept later)."""
    from .snapshots import release_paths  # pandas and pyarrow: not at start-up

    wave_ids = list(queryset.values_list("wave_id", flat=True).distinct())
    count, _by_model = queryset.delete()
    frozen = []
    for wave in Wave.objects.filter(pk__in=wave_ids):
        Wave.objects.filter(pk=wave.pk).update(
            snapshot_token="", response_version=F("response_version") + 1)
        record_bulk_change(wave, field="raw responses", before="kept",
                           after="deleted under the retention rules")
        frozen += [release_paths(token)[0] for token in
                   Release.objects.filter(wave=wave).values_list("token", flat=True)]
    transaction.on_commit(lambda: [path.unlink(missing_ok=True) for path in frozen])
    return count


register_retention_kind(
    "measurement.raw_responses", label=_("Raw survey responses"),
    explanation=_("Months after a closed, published wave's last answer. The responses are "
                  "deleted; the published figures are stored apart from them and stay. A "
                  "wave never published keeps its responses."),
    default_months=24, due=_responses_due, since="submitted_on", rows=_response_rows,
    remove=responses_remove)
