"""Form plumbing every app shares: a date input the browser understands, running a
service from a valid form with its refusals shown on the form, and an upload field that
refuses a file by its size before it is read, and by its content."""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from . import media, uploads

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside the field it names, or above
    the form when that field is not on it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def form_submit(request, form: forms.Form, action: Callable[[dict], Any],
                success_message: str | Callable[[Any], str]):
    """The one way a view runs a service from a form: `action(form.cleaned_data)` for a
    valid POSTed form, then `success_message` (a string, or a function of what the action
    returned, for a message naming what was made).

    Returns what the action returned (True when it returned nothing), or None when the
    form must be shown again: not posted, invalid, or refused by the service (the refusal
    is then on the form, beside the field it names). A button without fields (Remove)
    passes a bare `forms.Form(request.POST)`, whose refusals are its non-field errors.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    messages.success(request, success_message(result) if callable(success_message)
                      else success_message)
    return result if result is not None else True


class UploadField(forms.FileField):
    """A file upload refused by its size before anything reads it, and by its content.

    Django has by then streamed a large upload to a temporary file (above
    FILE_UPLOAD_MAX_MEMORY_SIZE), never into memory; this check keeps a view from reading
    a 1 GB file into memory only to refuse it. The limit is a setting, read when the form
    is cleaned (so an operator's value, or a test's, applies).

    The content is then checked (core.uploads): with `kinds`, the file must be one of
    them by its bytes and be named as such; without, it must at least not be markup a
    browser would run (a page or an SVG), whatever it is called.
    """

    def __init__(self, *args, max_bytes_setting: str, kinds: Iterable[str] = (), **kwargs):
        self.max_bytes_setting = max_bytes_setting
        self.kinds = tuple(kinds)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial or not hasattr(upload, "size"):
            return upload
        limit = int(getattr(settings, self.max_bytes_setting))
        if upload.size > limit:
            raise ValidationError(
                _("The file is too large (%(size)s; at most %(max)s, the limit %(setting)s).")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(limit),
                   "setting": self.max_bytes_setting}, code="too_large")
        label = str(self.label or _("File"))
        if self.kinds:
            try:
                uploads.check_upload(upload, field="file", label=label, kinds=self.kinds,
                                     max_bytes=limit)
            except ValidationError as error:
                raise ValidationError(error.message_dict["file"], code="wrong_type") from None
        elif uploads.looks_like_markup(upload.read(uploads.TEXT_SNIFF_BYTES)):
            upload.seek(0)
            raise ValidationError(_(
                "%(field)s: “%(name)s” is a web page, an SVG or other markup by its content "
                "(the content was checked, not the name), which is never taken.") % {
                    "field": label, "name": media.clean_file_name(upload.name)},
                code="markup")
        upload.seek(0)
        return upload
