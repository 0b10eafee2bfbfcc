"""Writes of the measurement app: instruments, waves, population, class codes, answers and
imports. Each is one atomic function; views, CLI commands and the demo all call these.

Every write takes the actor it acts for (`by`, keyword-only) and checks the permission
rule itself, with the same chain the views ask (`by.can(rule)`): the secretariat's writes
check "measurement.manage" in the initiative written to; a pupil's answer checks
"measurement.answer" on the code (the code, not an account, is the permission). A refusal
is a ValidationError, shown on the form like any other. CLI commands and the demo act with
the installation's authority — whoever runs `rygrad` holds its shell and database (see
core.permissions) — and pass an actor that holds it:
`measurement.permissions.installation_actor(initiative)`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rygrad.core.freshness import record_bulk_change
from rygrad.core.permissions import Actor
from rygrad.core.tabular import Problem, SpreadsheetError, read_sheet

from .instruments.schema import instrument_problems
from .models import (
    ClassCode,
    Indicator,
    Instrument,
    PopulationCount,
    PupilCode,
    Response,
    Source,
    Wave,
    new_pupil_code,
    pupil_code_fingerprint,
)
from .packing import pack
from .selectors import class_is_full
from .snapshots import snapshot_table, snapshot_write
from .survey_file import SurveyData, SurveyFileError, survey_file_read

INSERT_BATCH = 50_000


class WaveHasResponses(ValidationError):
    """Importing would replace existing answers; the caller must ask first. Named after
    the `replace` argument that allows it, so a form shows it beside that box."""

    def __init__(self, wave: Wave, count: int):
        self.wave, self.count = wave, count
        super().__init__({"replace": [ValidationError(_(
            "%(wave)s already has %(count)s responses, so nothing was imported. To replace "
            "them, tick this box and import the file again.") % {
                "wave": wave, "count": count}, code="wave_has_responses")]})


def _require(by: Actor, rule: str, initiative_id: int | None, message, *, obj=None,
             code: str = "not_allowed") -> None:
    """Refuse (ValidationError) unless `by` may do what `rule` covers, on `obj` when given,
    in the initiative written to: the same chain the views ask. An actor inside another
    initiative is refused whatever its role there."""
    other = by.initiative is not None and initiative_id is not None \
        and by.initiative.pk != initiative_id
    if other or not by.can(rule, obj):
        raise ValidationError(message, code=code)


def _require_manage(by: Actor, initiative_id: int) -> None:
    _require(by, "measurement.manage", initiative_id,
             _("Only the secretariat of this initiative may manage its survey."))


@transaction.atomic
def instrument_load(*, initiative, definition: dict, by: Actor,
                    instrument: Instrument | None = None) -> Instrument:
    """Create or update an instrument (and its indicators) from its JSON definition; when
    `instrument` is given, that one is updated and the definition must keep its slug.

    Once a wave holds answers, the item codes and the scale are fixed: the stored answers
    are positional, so changing them would silently change what old answers mean.
    """
    _require_manage(by, initiative.pk)
    if instrument is not None and definition.get("slug") != instrument.slug:
        raise ValidationError({"definition": _("The slug must stay “%(slug)s”.")
                               % {"slug": instrument.slug}})
    problems = instrument_problems(definition)
    if problems:
        raise ValidationError(problems)
    instrument = Instrument.objects.for_initiative(initiative).filter(
        slug=definition["slug"]).first()
    if instrument is not None and Response.objects.filter(wave__instrument=instrument).exists():
        old = instrument.definition
        new_codes = [item["code"] for item in definition["items"]]
        if old.get("scale", {}).get("min") != definition["scale"]["min"] or old.get(
                "scale", {}).get("max") != definition["scale"]["max"] \
                or instrument.item_codes != new_codes:
            raise ValidationError(_(
                "This instrument already has answers, so its items (codes and order) and "
                "its scale cannot change. Texts, indicators and thresholds can."))
    if instrument is None:
        instrument = Instrument(initiative=initiative, slug=definition["slug"])
    instrument.name = definition["name"]
    instrument.definition = definition
    instrument.full_clean()
    instrument.save()
    keep = []
    for position, spec in enumerate(definition["indicators"]):
        indicator = Indicator.objects.filter(instrument=instrument, slug=spec["slug"]).first() \
            or Indicator(initiative=initiative, instrument=instrument, slug=spec["slug"])
        indicator.name = spec["name"]
        indicator.item_codes = list(spec["items"])
        indicator.low_threshold = float(spec["low_threshold"])
        indicator.position = position
        indicator.full_clean()
        indicator.save()
        keep.append(indicator.pk)
    Indicator.objects.filter(instrument=instrument).exclude(pk__in=keep).delete()
    return instrument


@transaction.atomic
def wave_create(*, initiative, instrument: Instrument, year: int, by: Actor, period: str = "",
                is_open: bool = False) -> Wave:
    """Add a wave (an instrument in one year)."""
    _require_manage(by, initiative.pk)
    wave = Wave(initiative=initiative, instrument=instrument, year=year, period=period,
                is_open=is_open)
    wave.full_clean()
    wave.save()
    return wave


@transaction.atomic
def wave_set_open(*, wave: Wave, is_open: bool, by: Actor) -> Wave:
    """Open or close a wave; a closed wave takes no online answers and its codes stop."""
    _require_manage(by, wave.initiative_id)
    wave.is_open = is_open
    wave.save(update_fields=["is_open"])
    return wave


POPULATION_COLUMNS = ("school", "grade", "pupils")
POPULATION_TOPS = {"grade": 13, "pupils": 100_000}


def population_import(*, wave: Wave, data: bytes, filename: str, by: Actor) -> int:
    """Replace the wave's population from a spreadsheet with the columns school, grade and
    pupils (read with core.tabular). Every row is checked first; the refusal
    (ValidationError) lists every problem by row and column, and nothing is written."""
    _require_manage(by, wave.initiative_id)
    try:
        sheet = read_sheet(data, filename)
    except SpreadsheetError as error:
        raise ValidationError(str(error)) from None
    rows, problems = _population_rows(sheet)
    if problems:
        raise ValidationError([str(p) for p in problems])
    return population_replace(wave=wave, rows=rows, by=by)


def _population_rows(sheet) -> tuple[list[tuple[str, int, int]], list[Problem]]:
    problems = [Problem(1, column, _("this column is missing."))
                for column in POPULATION_COLUMNS if column not in sheet.header]
    if problems:
        return [], problems
    rows = []
    for number, values in sheet.rows:
        school = values["school"]
        if not school:
            problems.append(Problem(number, "school", _("the school is empty.")))
        numbers = []
        for column, top in POPULATION_TOPS.items():
            text = values[column]
            if not text.isdigit() or int(text) > top:
                problems.append(Problem(number, column, _(
                    "“%(value)s” is not a whole number from 0 to %(top)s.")
                    % {"value": text, "top": top}))
                numbers.append(0)
            else:
                numbers.append(int(text))
        rows.append((school, numbers[0], numbers[1]))
    return rows, problems


@transaction.atomic
def population_replace(*, wave: Wave, rows: list[tuple[str, int, int]], by: Actor) -> int:
    """Replace the wave's pupils per school and grade (the denominators of response rates)."""
    _require_manage(by, wave.initiative_id)
    seen: set[tuple[str, int]] = set()
    counts = []
    for school, grade, pupils in rows:
        if (school, grade) in seen:
            raise ValidationError(_("%(school)s, grade %(grade)s is listed twice.")
                                  % {"school": school, "grade": grade})
        seen.add((school, grade))
        count = PopulationCount(initiative=wave.initiative, wave=wave, school=school,
                                grade=grade, pupils=pupils)
        count.full_clean(exclude=["wave"])
        counts.append(count)
    before = PopulationCount.objects.filter(wave=wave).count()
    PopulationCount.objects.filter(wave=wave).delete()
    PopulationCount.objects.bulk_create(counts)
    # The response rate reads the population: the bulk write is recorded on the wave.
    record_bulk_change(wave, field="population",
                       before=_("%(count)s classes") % {"count": before},
                       after=_("%(count)s classes") % {"count": len(counts)})
    return len(counts)


@transaction.atomic
def class_codes_generate(*, wave: Wave, by: Actor) -> int:
    """Give every school and grade of the wave's population a class code (once)."""
    _require_manage(by, wave.initiative_id)
    have = set(ClassCode.objects.filter(wave=wave).values_list("school", "grade"))
    new = [
        ClassCode(initiative=wave.initiative, wave=wave, school=school, grade=grade)
        for school, grade in PopulationCount.objects.filter(wave=wave).values_list(
            "school", "grade")
        if (school, grade) not in have
    ]
    ClassCode.objects.bulk_create(new)
    return len(new)


# One message for an unknown code, a closed wave's code and a voided pupil code: whoever
# tries codes learns nothing about which ones exist.
CODE_DOES_NOT_WORK = gettext_lazy("This code does not work. Check it with your teacher.")
CODE_USED = gettext_lazy(
    "Answers have already been sent with this pupil code, and each pupil code works once. "
    "If you did not send them yourself, ask your teacher for a new code.")
CLASS_FULL = gettext_lazy(
    "Your class has already answered as many times as it has pupils. Ask your teacher for "
    "a pupil code of your own.")


@transaction.atomic
def response_submit(*, class_code: ClassCode, by: Actor, gender: str,
                    answers: dict[str, int | None], on: dt.date | None = None) -> Response:
    """Store one pupil's online answers given with the class code: only for an open wave,
    all in one sitting, and no more answers than the class has registered pupils.

    A class code is shared by the whole class, so the population is the only thing that
    stops one pupil answering for others; the count is taken under the wave's row lock so
    two pupils sending the last place at once cannot both get it. Without a registered
    population there is no limit (the wave page warns about that).
    """
    _require_answer(by, class_code)
    wave = _open_wave_locked(pk=class_code.wave_id)
    if class_is_full(wave=wave, school=class_code.school, grade=class_code.grade):
        raise ValidationError(CLASS_FULL, code="class_full")
    return _response_store(wave=wave, school=class_code.school, grade=class_code.grade,
                           gender=gender, answers=answers, on=on)


@transaction.atomic
def pupil_code_redeem(*, code: str, by: Actor, gender: str, answers: dict[str, int | None],
                      on: dt.date | None = None) -> Response:
    """Store one pupil's answers given with a one-time pupil code, consuming the code.

    The code is marked used by a conditional UPDATE (only while unused) in the same
    transaction as the answer is stored, so two submissions with one code store one
    answer; the stored response does not refer to the code.
    """
    pupil_code = PupilCode.objects.select_related("wave").filter(
        code_hash=pupil_code_fingerprint(code)).first()
    if pupil_code is None:
        raise ValidationError(CODE_DOES_NOT_WORK, code="code_does_not_work")
    _require_answer(by, pupil_code)
    wave = _open_wave_locked(pk=pupil_code.wave_id)
    if not PupilCode.objects.filter(pk=pupil_code.pk, used=False).update(used=True):
        raise ValidationError(CODE_USED, code="code_used")
    return _response_store(wave=wave, school=pupil_code.school, grade=pupil_code.grade,
                           gender=gender, answers=answers, on=on)


def _require_answer(by: Actor, code: ClassCode | PupilCode) -> None:
    """The code is the permission ("measurement.answer"), whoever holds it; a code that
    does not work gets the same words as an unknown one."""
    _require(by, "measurement.answer", None, CODE_DOES_NOT_WORK, obj=code,
             code="code_does_not_work")


def _open_wave_locked(*, pk: int) -> Wave:
    wave = Wave.objects.select_for_update().select_related("instrument").get(pk=pk)
    if not wave.is_open:
        raise ValidationError(CODE_DOES_NOT_WORK, code="code_does_not_work")
    return wave


def _response_store(*, wave: Wave, school: str, grade: int, gender: str,
                    answers: dict[str, int | None], on: dt.date | None) -> Response:
    """Check and store one response (inside the caller's transaction).

    Nothing identifying is kept: the school and grade come from the code, the gender from
    the pupil, and the day (not the time) from the server's calendar.
    """
    instrument = wave.instrument
    values = []
    for code in instrument.item_codes:
        value = answers.get(code)
        if value is not None and not instrument.scale_min <= value <= instrument.scale_max:
            raise ValidationError(_("Answer to %(code)s is outside the scale.") % {"code": code})
        values.append(-1 if value is None else value)
    if all(v == -1 for v in values):
        raise ValidationError(_("Answer at least one question."))
    response = Response(
        initiative=wave.initiative, wave=wave, school=school, grade=grade,
        gender=gender.strip()[:40], answers=pack(np.array([values]))[0],
        submitted_on=on or timezone.localdate(), source=Source.ONLINE,
    )
    response.full_clean(validate_unique=False)
    response.save(force_insert=True)
    Wave.objects.filter(pk=wave.pk).update(snapshot_token="",
                                           response_count=F("response_count") + 1,
                                           response_version=F("response_version") + 1)
    return response


@dataclass(frozen=True)
class ClassSlips:
    """The new pupil codes of one class, in clear: shown once, on the printed slips."""

    school: str
    grade: int
    codes: list[str]


@transaction.atomic
def pupil_codes_issue(*, wave: Wave, by: Actor, classes: list[tuple[str, int]] | None = None,
                      ) -> list[ClassSlips]:
    """Make one-time pupil codes for classes of the wave's population (all when `classes`
    is None): one per registered pupil who has not answered with a pupil code yet.

    The class's unused codes made before stop working, so a lost or reprinted set of slips
    never adds to the class's answers: pupil codes in circulation never exceed the pupils.
    Only fingerprints are stored; the codes in clear exist only in the returned value.
    """
    _require_manage(by, wave.initiative_id)
    population = dict(((school, grade), pupils) for school, grade, pupils in
                      PopulationCount.objects.filter(wave=wave).values_list(
                          "school", "grade", "pupils"))
    wanted = sorted(population) if classes is None else list(classes)
    missing = [key for key in wanted if key not in population]
    if missing:
        raise ValidationError(_("%(school)s, grade %(grade)s has no registered pupils: "
                                "upload the population first.")
                              % {"school": missing[0][0], "grade": missing[0][1]})
    used = {(r["school"], r["grade"]): r["n"] for r in PupilCode.objects.filter(
        wave=wave, used=True).values("school", "grade").annotate(n=Count("id"))}
    result, rows = [], []
    for school, grade in wanted:
        PupilCode.objects.filter(wave=wave, school=school, grade=grade, used=False).delete()
        codes = [new_pupil_code()
                 for _ in range(max(0, population[school, grade] - used.get((school, grade), 0)))]
        rows += [PupilCode(initiative=wave.initiative, wave=wave, school=school, grade=grade,
                           code_hash=pupil_code_fingerprint(code)) for code in codes]
        # Printed in another order than stored, so row ids cannot be matched to slips.
        secrets.SystemRandom().shuffle(codes)
        result.append(ClassSlips(school=school, grade=grade, codes=codes))
    PupilCode.objects.bulk_create(rows, batch_size=1000)
    return result


@dataclass(frozen=True)
class ImportResult:
    wave: Wave
    created: int
    replaced: int


def survey_import(*, initiative, instrument: Instrument, year: int, path: Path, filename: str,
                  by: Actor, replace: bool = False, period: str = "",
                  on: dt.date | None = None) -> ImportResult:
    """Import a survey file into the instrument's wave for `year`, all or nothing.

    The file is checked completely before anything is written (SurveyFileError lists every
    problem with its row and column). A wave that already has answers is only replaced
    when `replace` is true; otherwise WaveHasResponses lets the caller ask first.
    """
    _require_manage(by, initiative.pk)
    data = survey_file_read(path, filename=filename, item_codes=instrument.item_codes,
                            scale_min=instrument.scale_min, scale_max=instrument.scale_max)
    return survey_data_import(initiative=initiative, instrument=instrument, year=year,
                              data=data, by=by, replace=replace, period=period, on=on)


@transaction.atomic
def survey_data_import(*, initiative, instrument: Instrument, year: int, data: SurveyData,
                       by: Actor, replace: bool = False, period: str = "",
                       on: dt.date | None = None) -> ImportResult:
    """Write checked survey data with one bulk insert and a fresh Parquet snapshot."""
    _require_manage(by, initiative.pk)
    if not 1990 <= year <= 2200:
        raise SurveyFileError([Problem(None, "year", _("“%(year)s” is not a survey year.")
                                       % {"year": year})])
    wave = Wave.objects.for_initiative(initiative).select_for_update().filter(
        instrument=instrument, year=year).first()
    if wave is None:
        wave = wave_create(initiative=initiative, instrument=instrument, year=year,
                           period=period, by=by)
    existing = Response.objects.filter(wave=wave).count()
    if existing and not replace:
        raise WaveHasResponses(wave, existing)
    if existing:
        Response.objects.filter(wave=wave).delete()
    # The snapshot file is written while the database takes the rows (two cores at work
    # on a national year); a failed insert leaves only an unused file, which the sweep
    # removes.
    with ThreadPoolExecutor(max_workers=1) as pool:
        snapshot = pool.submit(lambda: snapshot_write(wave=wave, table=snapshot_table(
            year=year, school=data.school, grade=data.grade, gender=data.gender,
            values=data.values, codes=instrument.item_codes)))
        _bulk_insert(wave=wave, data=data, on=on or timezone.localdate())
        token = snapshot.result()
    wave.snapshot_token = token
    wave.response_count = len(data)
    wave.response_version = F("response_version") + 1
    wave.save(update_fields=["snapshot_token", "response_count", "response_version"])
    wave.refresh_from_db(fields=["response_version"])
    return ImportResult(wave=wave, created=len(data), replaced=existing)


def _bulk_insert(*, wave: Wave, data: SurveyData, on: dt.date) -> None:
    """Write the rows in bulk inside the caller's transaction: PostgreSQL's COPY, or on
    SQLite multi-row INSERTs in batches through the database cursor.

    The rows go in in a random order, each with the next of n sorted random ids: the
    index grows at its end (as fast as a counter), and neither the ids nor the order the
    rows are stored in keep the order of the file.
    """
    answers = pack(data.values)
    ids, order = _random_ids(len(answers))
    if connection.vendor == "postgresql":
        _copy_insert(wave=wave, data=data, on=on, answers=answers, ids=ids, order=order)
        return
    meta = Response._meta
    quote = connection.ops.quote_name
    # The values the same for every row (initiative, wave, day, source) are written into
    # the statement once (integers and an ISO date, nothing from the file), so each row
    # passes only its id, school, grade, gender and packed answers.
    constants = (f"{int(wave.initiative_id)}, {int(wave.pk)}, "
                 f"'{dt.date.fromisoformat(on.isoformat()).isoformat()}', '{Source.IMPORT}'")
    sql = (f"INSERT INTO {quote(meta.db_table)} ({_response_columns()}) "
           f"VALUES ({constants}, %s, %s, %s, %s, %s)")
    columns = [np.asarray(c, dtype=object)[order].tolist()
               for c in (data.school, data.grade.tolist(), data.gender, answers)]
    rows = zip(ids.tolist(), *columns, strict=True)
    with connection.cursor() as cursor:
        while batch := list(itertools.islice(rows, INSERT_BATCH)):
            cursor.executemany(sql, batch)


RESPONSE_COLUMNS = ("initiative", "wave", "submitted_on", "source", "id", "school", "grade",
                    "gender", "answers")
COPY_BATCH = 100_000


def _response_columns() -> str:
    quote = connection.ops.quote_name
    return ", ".join(quote(Response._meta.get_field(c).column) for c in RESPONSE_COLUMNS)


def _copy_insert(*, wave: Wave, data: SurveyData, on: dt.date, answers: list[str],
                 ids: np.ndarray, order: np.ndarray) -> None:
    """PostgreSQL: the rows through COPY (psycopg's copy support) on the transaction's
    own connection, as CSV that pyarrow writes (every value quoted, so an empty gender is
    an empty text, never NULL), in batches of `COPY_BATCH` rows."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    n = len(answers)
    take = pa.array(order)
    table = pa.table({
        "initiative": pa.array(np.full(n, wave.initiative_id, dtype=np.int64)),
        "wave": pa.array(np.full(n, wave.pk, dtype=np.int64)),
        "submitted_on": pa.array(np.full(n, np.datetime64(on.isoformat(), "D"))),
        "source": pa.array(np.full(n, Source.IMPORT.value)),
        "id": pa.array(ids),
        "school": pa.array(data.school, type=pa.string()).take(take),
        "grade": pa.array(np.asarray(data.grade, dtype=np.int16)).take(take),
        "gender": pa.array(data.gender, type=pa.string()).take(take),
        "answers": pa.array(answers, type=pa.string()).take(take),
    })
    options = pa_csv.WriteOptions(include_header=False, quoting_style="all_valid")
    sql = (f"COPY {connection.ops.quote_name(Response._meta.db_table)} "
           f"({_response_columns()}) FROM STDIN WITH (FORMAT csv)")
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for offset in range(0, n, COPY_BATCH):
            sink = pa.BufferOutputStream()
            pa_csv.write_csv(table.slice(offset, COPY_BATCH), sink, write_options=options)
            copy.write(sink.getvalue())


def _random_ids(n: int) -> tuple[np.ndarray, np.ndarray]:
    """n distinct random 63-bit response ids in ascending order (as Response.id's default
    gives one by one), and a random order of n rows to give them to."""
    rng = np.random.default_rng(secrets.randbits(128))
    while True:
        ids = np.sort(rng.integers(1, 2**63 - 1, size=n, dtype=np.int64))
        if not np.any(ids[1:] == ids[:-1]):
            return ids, rng.permutation(n)


def wave_publish(*, wave: Wave, by: Actor):
    """Publish the wave's current answers as its next release (see `releases`), recording
    who published it (nobody for the CLI and the demo, which act for the installation).

    Refused with a ValidationError naming the groups when the release would let anyone
    work out fewer than k respondents' answers by comparing it with the last one.
    """
    from .releases import WavePublication
    from .selectors import min_group_size

    _require_manage(by, wave.initiative_id)
    if wave.response_count and not Response.objects.filter(wave=wave).exists():
        # Its raw responses were deleted under the retention rules (personal_data.py):
        # a new release would replace the published figures with none.
        raise ValidationError(_("The raw responses of this wave were deleted under the "
                                "retention rules. Its published figures stay as they "
                                "are; it cannot be published again."))
    publication = WavePublication(wave=wave, k=min_group_size(wave.initiative))
    refusals = publication.check()
    if refusals:
        raise ValidationError([str(refusal) for refusal in refusals])
    return publication.execute(by=by.user if by.is_authenticated else None)


@transaction.atomic
def indicator_goal_create(*, initiative, track, indicator: Indicator, measure: str,
                          target: float, baseline_year: int, by_year: int, by: Actor):
    """Set a measurable goal for a track on an indicator (both of this initiative)."""
    from .models import IndicatorGoal

    _require_manage(by, initiative.pk)
    if indicator.initiative_id != initiative.pk:
        raise ValidationError(_("The indicator belongs to another initiative."))
    goal = IndicatorGoal(initiative=initiative, track=track, indicator=indicator,
                         measure=measure, target=target, baseline_year=baseline_year,
                         by_year=by_year)
    goal.full_clean()
    goal.save()
    return goal


GOAL_FIELDS = ["track", "indicator", "measure", "target", "baseline_year", "by_year"]


@transaction.atomic
def indicator_goal_update(*, goal, track, indicator: Indicator, measure: str, target: float,
                          baseline_year: int, by_year: int, by: Actor):
    """Change a goal in place (a target agreed anew, a deadline moved): checked as when it
    was set, so an edit can never store a goal that could not have been created, and saved
    with `update_fields` so the audit log shows exactly what changed."""
    _require_manage(by, goal.initiative_id)
    if indicator.initiative_id != goal.initiative_id:
        raise ValidationError(_("The indicator belongs to another initiative."))
    goal.track, goal.indicator, goal.measure = track, indicator, measure
    goal.target, goal.baseline_year, goal.by_year = target, baseline_year, by_year
    goal.full_clean()
    goal.save(update_fields=GOAL_FIELDS)
    return goal


@transaction.atomic
def indicator_goal_delete(*, goal, by: Actor) -> None:
    _require_manage(by, goal.initiative_id)
    goal.delete()
