"""Refusals as JSON: a service's ValidationError (a rule of the domain, or the permission
chain refusing inside the service) is a 400 naming the field, never a server error."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def as_api_error(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        detail = {("non_field_errors" if name == "__all__" else name): messages
                  for name, messages in error.message_dict.items()}
    else:
        detail = {"non_field_errors": error.messages}
    return exceptions.ValidationError(detail)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = as_api_error(exc)
    return drf_exception_handler(exc, context)
