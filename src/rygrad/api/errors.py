"""Refusals as JSON: a service's ValidationError (a rule of the domain, or the permission
chain refusing inside the service) is a 400 naming the field, never a server error; a
database that is locked or gone is a 503 saying nothing was saved, with Retry-After (the
service's transaction has rolled back)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import OperationalError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def as_api_error(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        detail = {("non_field_errors" if name == "__all__" else name): messages
                  for name, messages in error.message_dict.items()}
    else:
        detail = {"non_field_errors": error.messages}
    return exceptions.ValidationError(detail)


BUSY_RETRY_SECONDS = 5


def exception_handler(exc, context):
    if isinstance(exc, OperationalError):
        return Response({"detail": _("The database is busy or unreachable; nothing was "
                                     "saved. Try again in a moment.")},
                        status=status.HTTP_503_SERVICE_UNAVAILABLE,
                        headers={"Retry-After": str(BUSY_RETRY_SECONDS)})
    if isinstance(exc, DjangoValidationError):
        exc = as_api_error(exc)
    return drf_exception_handler(exc, context)
