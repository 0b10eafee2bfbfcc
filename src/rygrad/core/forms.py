"""Form plumbing every app shares: a date input the browser understands, and running a
service from a valid form with its refusals shown on the form."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside the field it names, or above
    the form when that field is not on it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def form_submit(request, form: forms.Form, action, success_message: str):
    """Run `action(form.cleaned_data)` for a valid POSTed form and say `success_message`.

    Returns what the action returned (True when it returned nothing), or None when the
    form must be shown again: not posted, invalid, or refused by the service (the refusal
    is then on the form).
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    messages.success(request, success_message)
    return result if result is not None else True
