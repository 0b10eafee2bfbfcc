"""The privacy pages: a person's data (download, erase) for the secretariat, the retention
rules and the record of what was deleted, and a login's own data."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from rygrad.alliance.models import Person
from rygrad.core.forms import form_submit
from rygrad.core.views import initiative_view

from . import services
from .forms import EraseForm, RetentionForm
from .models import Erasure, RetentionDeletion


def _zip_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _person(request, pk) -> Person:
    return get_object_or_404(Person.objects.for_initiative(request.initiative)
                             .select_related("organisation", "user"), pk=pk)


@initiative_view("privacy.personal_data")
def person_export(request, slug, pk):
    """Everything every app holds about the person in this initiative, as one zip."""
    person = _person(request, pk)
    content = services.personal_data_zip(subjects=[services.person_subject(person=person)])
    return _zip_response(content, services.export_filename(initiative=request.initiative,
                                                           person=person))


@initiative_view("privacy.personal_data")
def person_erase(request, slug, pk):
    """Ask for confirmation (a page that works without JavaScript), then erase."""
    person = _person(request, pk)
    user = person.user
    elsewhere = user is not None and services.login_held_elsewhere(user, request.initiative)
    form = EraseForm(request.POST if request.method == "POST" else None,
                     offer_login=elsewhere and request.user.is_operator)

    def message(result):
        if result.login_kept:
            return _("The person was erased here. Their login has roles in other "
                     "initiatives and was kept; an operator can erase it.")
        if result.login_erased:
            return _("The person and their login were erased.")
        return _("The person was erased.")

    if not person.anonymised_at and form_submit(
            request, form, lambda data: services.person_erase(
                person=person, by=request.actor, erase_login=data.get("erase_login", False)),
            message):
        return redirect("alliance:person_detail", slug=slug, pk=pk)
    return render(request, "privacy/person_erase.html", {
        "person": person, "form": form, "login_elsewhere": elsewhere})


@initiative_view("privacy.retention")
def overview(request, slug):
    """The retention rules (months per kind, what is due now), the deletions made under
    them and the erasures."""
    initiative = request.initiative
    form = RetentionForm(request.POST or None,
                         months=services.retention_months(initiative=initiative))
    if form_submit(request, form, lambda data: services.retention_set(
            initiative=initiative, months=form.months(), by=request.actor),
            _("The retention rules were saved.")):
        return redirect("privacy:overview", slug=slug)
    due = {row.kind.key: row for row in services.retention_due(initiative=initiative)}
    rows = [{"field": form[services.field_name(key)], "due": row} for key, row in due.items()]
    labels = {key: row.kind.label for key, row in due.items()}
    deletions = list(RetentionDeletion.objects.for_initiative(initiative)
                     .select_related("by")[:100])
    for deletion in deletions:
        deletion.label = labels.get(deletion.kind, deletion.kind)
    return render(request, "privacy/overview.html", {
        "form": form, "rows": rows, "deletions": deletions,
        "erasures": Erasure.objects.for_initiative(initiative).select_related("by")[:100],
    })


@login_required
def my_data(request):
    """A login's own page: what Rygrad holds about it, to download."""
    subjects = services.account_subjects(user=request.user)
    return render(request, "privacy/my_data.html", {
        "initiatives": [subject.initiative for subject in subjects]})


@login_required
def my_data_download(request):
    content = services.personal_data_zip(subjects=services.account_subjects(user=request.user),
                                         account=request.user)
    return _zip_response(content, services.export_filename(user=request.user))
