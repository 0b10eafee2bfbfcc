"""The anonymous questionnaire: a pupil types a class code or a one-time pupil code at /s/
and answers in one sitting.

No login, no name, no IP address and no time of day is stored; the school and grade come
from the code. The code is posted, never put in a URL: the questionnaire comes back as the
answer to that POST and carries the code in a signed hidden field (`ticket`), so web
server logs only ever see /s/ and no server state is kept between the two pages. If the
database is busy or gone when the answers are sent, the pupil is told in words that
nothing was saved and gets the form back, filled in, to send again.
"""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from rygrad.core.permissions import Actor
from rygrad.core.retry import retry_once_on_operational_error
from rygrad.measurement import selectors, services
from rygrad.measurement.forms import ClassCodeForm, QuestionnaireForm
from rygrad.measurement.models import ClassCode, PupilCode, localised, normalised_code
from rygrad.measurement.ratelimit import survey_answer_allowed, survey_answer_counted

TICKET_SALT = "rygrad.measurement.survey-ticket"
# Long enough for a lesson, short enough that a ticket left in a browser soon stops.
TICKET_MAX_AGE = 2 * 60 * 60
RETRY_AFTER_SECONDS = 30
Code = ClassCode | PupilCode


def _respondent(request) -> Actor:
    # The code, not the initiative, is the permission: no initiative in the chain.
    return Actor(user=request.user, initiative=None)


def _may_answer(request, found) -> bool:
    return _respondent(request).can("measurement.answer", found)


def _ticket_for(code: str) -> str:
    return signing.dumps({"code": normalised_code(code)}, salt=TICKET_SALT)


def _code_from_ticket(ticket: str) -> tuple[str, bool] | None:
    """The code a ticket vouches for and whether the ticket is too old; None if forged."""
    try:
        return signing.loads(ticket, salt=TICKET_SALT, max_age=TICKET_MAX_AGE)["code"], False
    except signing.SignatureExpired:
        return signing.loads(ticket, salt=TICKET_SALT)["code"], True
    except (signing.BadSignature, KeyError, TypeError):
        return None


def _refusal(request, found: Code | None) -> str | None:
    """Why this code cannot be answered with now (None when it can). Unknown codes, closed
    waves' codes and voided pupil codes get the very same words."""
    if found is None or not _may_answer(request, found):
        return str(services.CODE_DOES_NOT_WORK)
    if isinstance(found, PupilCode):
        return str(services.CODE_USED) if found.used else None
    if selectors.class_is_full(wave=found.wave, school=found.school, grade=found.grade):
        return str(services.CLASS_FULL)
    if not survey_answer_allowed(request):
        return _too_many()
    return None


def _too_many() -> str:
    return _("Many answers have come from your school's network in the last minutes. Wait "
             "a few minutes and send again.")


@never_cache
def start(request):
    """Type the code (GET shows the form, POST checks the code and shows the questionnaire);
    a POST that carries a ticket is a filled-in questionnaire being sent."""
    if request.method == "POST" and "ticket" in request.POST:
        return _answer(request)
    form = ClassCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = normalised_code(form.cleaned_data["code"])
        try:
            found = retry_once_on_operational_error(selectors.survey_code_find)(code=code)
            refusal = _refusal(request, found)
        except OperationalError:
            return _start_page(request, form, error=_busy(), status=503)
        if refusal is None:
            return _questionnaire(request, found=found, ticket=_ticket_for(code),
                                  form=QuestionnaireForm(instrument=found.wave.instrument))
        form.add_error("code", refusal)
    return _start_page(request, form)


def _start_page(request, form, *, error: str = "", status: int = 200):
    response = render(request, "measurement/survey_start.html",
                      {"form": form, "code_error": error}, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _busy() -> str:
    return _("The survey is very busy right now. Wait a minute and try again.")


def _answer(request):
    """Send the filled-in questionnaire with the code its ticket (or a newly typed code)
    names. Every refusal but an unusable ticket keeps the answers on the page."""
    vouched = _code_from_ticket(request.POST.get("ticket", ""))
    if vouched is None:
        return _start_page(request, ClassCodeForm(), error=str(services.CODE_DOES_NOT_WORK))
    ticket_code, expired = vouched
    typed = normalised_code(request.POST.get("code", ""))
    try:
        found = retry_once_on_operational_error(selectors.survey_code_find)(code=ticket_code)
        typed_found = selectors.survey_code_find(code=typed) if typed else None
        refusal = _refusal(request, typed_found) if typed else None
    except OperationalError:
        return _not_saved_blind(request)
    if found is None or not _may_answer(request, found):
        return _start_page(request, ClassCodeForm(), error=str(services.CODE_DOES_NOT_WORK))
    form = QuestionnaireForm(request.POST, instrument=found.wave.instrument)
    # A refused or expired page keeps its ticket as it was: only a working code renews it.
    old_ticket = request.POST["ticket"]
    if refusal:
        return _questionnaire(request, found=found, ticket=old_ticket, form=form,
                              ask_code=True, code_error=refusal)
    if typed:
        if typed_found.wave.instrument_id != found.wave.instrument_id:
            # Another questionnaire's code: its questions are other ones, start afresh.
            return _questionnaire(request, found=typed_found, ticket=_ticket_for(typed),
                                  form=QuestionnaireForm(instrument=typed_found.wave.instrument))
        found, code = typed_found, typed
    elif expired:
        return _questionnaire(request, found=found, ticket=old_ticket, form=form,
                              ask_code=True, code_error=_(
                                  "This page was open for more than two hours. Type your "
                                  "code again and send your answers."))
    else:
        code = ticket_code
    if not form.is_valid():
        return _questionnaire(request, found=found, ticket=_ticket_for(code), form=form)
    return _submit(request, found=found, code=code, form=form)


def _submit(request, *, found: Code, code: str, form: QuestionnaireForm):
    ticket = _ticket_for(code)
    is_class_code = isinstance(found, ClassCode)
    if is_class_code and not survey_answer_allowed(request):
        return _questionnaire(request, found=found, ticket=ticket, form=form,
                              code_error=_too_many(), status=429)
    answer = {"gender": form.gender_value(), "answers": form.answers(),
              "by": _respondent(request)}
    try:
        if is_class_code:
            retry_once_on_operational_error(services.response_submit)(class_code=found,
                                                                      **answer)
        else:
            retry_once_on_operational_error(services.pupil_code_redeem)(code=code, **answer)
    except OperationalError:
        return _questionnaire(request, found=found, ticket=ticket, form=form, not_saved=True,
                              status=503)
    except ValidationError as error:
        if error.code in ("code_does_not_work", "code_used", "class_full"):
            return _questionnaire(request, found=found, ticket=ticket, form=form,
                                  ask_code=True, code_error=error.messages[0])
        form.add_error(None, error)
        return _questionnaire(request, found=found, ticket=ticket, form=form)
    if is_class_code:
        survey_answer_counted(request)
    return redirect("survey:thanks")


def _questionnaire(request, *, found: Code, ticket: str, form: QuestionnaireForm,
                   ask_code: bool = False, code_error: str = "", not_saved: bool = False,
                   status: int = 200):
    """The whole questionnaire on one page, with the code in a signed hidden field (and a
    field for a new code when the old one cannot be used)."""
    instrument = found.wave.instrument
    response = render(request, "measurement/survey_answer.html", {
        "form": form, "title": localised(instrument.name), "ticket": ticket,
        "gender_field": form["gender"],
        "item_fields": [form[f"item_{c}"] for c in form.item_codes],
        "code_form": ClassCodeForm() if ask_code else None, "code_error": code_error,
        "not_saved": not_saved,
    }, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _not_saved_blind(request):
    """The database cannot even be read: the questions cannot be shown again, so the
    answers go back to the browser as hidden fields, to be sent again as they are."""
    kept = [(name, value) for name, values in request.POST.lists()
            if name != "csrfmiddlewaretoken" for value in values]
    response = render(request, "measurement/survey_not_saved.html", {"kept": kept},
                      status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def thanks(request):
    return render(request, "measurement/survey_thanks.html")
