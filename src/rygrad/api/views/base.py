"""What every API view of an initiative shares: the actor, the initiative's records only,
query parameters checked like a form (400 naming the parameter), services' refusals as 400."""

from __future__ import annotations

from abc import ABC, abstractmethod

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, viewsets

from ..errors import as_api_error

# Ids are 64-bit integers: a larger number is refused as invalid, never sent to the database.
MAX_ID = 2**63 - 1


def id_filter(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID, **kwargs)


class InitiativeViewSet(viewsets.GenericViewSet, ABC):
    """A viewset under /api/v1/initiatives/<slug>/. Subclasses set `rules` and
    `object_rules` (api.access), and `records(actor)`: the records the actor may list."""

    rules: dict[str, str] = {}
    object_rules: dict[str, str] = {}
    filters_class: type[serializers.Serializer] | None = None
    lookup_value_regex = "[0-9]+"

    @property
    def actor(self):
        return self.request.actor

    @abstractmethod
    def records(self, actor):
        """The records `actor` may see (the page's selector and `actor.visible`): a
        viewset without it cannot be made, so none lists more than its page."""

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema, without a request
            return self.serializer_class.Meta.model.objects.none()
        return self.records(self.actor)

    def rule_object(self, obj):
        """The object the rule is asked about (a commitment's rule may ask its activity)."""
        return obj

    def query(self) -> dict:
        """The list's filters from the query string, validated (400 naming the parameter)."""
        if self.filters_class is None or self.action != "list":
            return {}
        checked = self.filters_class(data=self.request.query_params)
        checked.is_valid(raise_exception=True)
        return checked.validated_data


def run_service(action):
    """Run a service; its ValidationError (a domain rule, or the permission chain inside
    the service) becomes a 400 naming the field."""
    try:
        return action()
    except DjangoValidationError as error:
        raise as_api_error(error) from None
