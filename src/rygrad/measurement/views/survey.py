"""The anonymous questionnaire: a pupil types the class code and answers in one sitting.

No login, no name, no IP address and no time of day is stored; the school and grade come
from the class code. The pages live under the short path /s/ so a class can type it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from rygrad.core.permissions import Actor
from rygrad.measurement import selectors, services
from rygrad.measurement.forms import ClassCodeForm, QuestionnaireForm
from rygrad.measurement.models import localised


def _may_answer(request, class_code) -> bool:
    # The class code, not the initiative, is the permission: no initiative in the chain.
    return Actor(user=request.user, initiative=None).can("measurement.answer", class_code)


@never_cache
def start(request):
    """Type the class code."""
    form = ClassCodeForm(request.GET or None)
    if request.GET and form.is_valid():
        class_code = selectors.class_code_find(code=form.cleaned_data["code"])
        if class_code is None:
            form.add_error("code", _("We do not know this class code. Check it with your "
                                     "teacher."))
        elif not _may_answer(request, class_code):
            form.add_error("code", _("This survey is closed."))
        else:
            return redirect("survey:answer", code=class_code.code)
    return render(request, "measurement/survey_start.html", {"form": form})


@never_cache
def answer(request, code):
    """The whole questionnaire on one page."""
    class_code = selectors.class_code_find(code=code)
    if class_code is None or not _may_answer(request, class_code):
        form = ClassCodeForm(initial={"code": code})
        return render(request, "measurement/survey_start.html", {
            "form": form, "code_error": _("This class code does not work (unknown, or the "
                                          "survey is closed). Check it with your teacher."),
        }, status=404 if class_code is None else 410)
    instrument = class_code.wave.instrument
    form = QuestionnaireForm(request.POST or None, instrument=instrument)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(class_code=class_code,
                                     gender=form.gender_value(),
                                     answers=form.answers())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("survey:thanks")
    return render(request, "measurement/survey_answer.html", {
        "form": form, "class_code": class_code, "title": localised(instrument.name),
        "gender_field": form["gender"],
        "item_fields": [form[f"item_{c}"] for c in form.item_codes],
    })


def thanks(request):
    return render(request, "measurement/survey_thanks.html")
