"""Organisations and memberships of the alliance registry: members and up read them (the
rule `alliance.view`), the secretariat writes them, a member edits their own organisation
(`alliance.edit` on it) — the rules of the registry's pages, through its services."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers

from rygrad.alliance import selectors, services
from rygrad.alliance.models import Membership, MembershipRole, Sector

from ..serializers import MembershipSerializer, MembershipUpdateSerializer, OrganisationSerializer
from .base import InitiativeViewSet, id_filter, run_service


class OrganisationFilters(serializers.Serializer):
    sector = serializers.ChoiceField(Sector.choices, required=False)
    q = serializers.CharField(required=False, help_text="Part of the name.")
    archived = serializers.BooleanField(
        required=False, default=False,
        help_text="The archived organisations instead of those in use (as on the page).")


@extend_schema_view(list=extend_schema(parameters=[OrganisationFilters]))
class OrganisationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          mixins.CreateModelMixin, mixins.UpdateModelMixin, InitiativeViewSet):
    serializer_class = OrganisationSerializer
    filters_class = OrganisationFilters
    http_method_names = ["get", "post", "patch", "head", "options"]
    rules = {"list": "alliance.view", "retrieve": "alliance.view", "create": "alliance.edit",
             "partial_update": "alliance.view"}
    object_rules = {"partial_update": "alliance.edit"}
    ordering_fields = ["name", "sector", "id"]

    def records(self, actor):
        query = self.query()
        if self.action != "list":  # one organisation: archived ones too, as on the page
            return (OrganisationSerializer.Meta.model.objects
                    .for_initiative(actor.initiative).order_by("name"))
        return selectors.organisations_list(
            initiative=actor.initiative, sector=query.get("sector", ""),
            query=query.get("q", ""), at=timezone.localdate(),
            archived=query.get("archived", False))

    def perform_create(self, serializer):
        serializer.instance = run_service(lambda: services.organisation_create(
            initiative=self.actor.initiative, **serializer.validated_data))

    def perform_update(self, serializer):
        changes = serializer.validated_data
        # On the page only the secretariat sees the backbone box (a member edits the rest
        # of their own organisation's page).
        if "is_backbone" in changes and not self.actor.can("alliance.edit"):
            raise exceptions.PermissionDenied(
                _("Only the secretariat marks the backbone organisation (is_backbone)."))
        serializer.instance = run_service(lambda: services.organisation_update(
            organisation=serializer.instance, **changes))


class MembershipFilters(serializers.Serializer):
    at = serializers.DateField(required=False,
                               help_text="Only the seats held on this day (YYYY-MM-DD).")
    organisation = id_filter()
    person = id_filter()
    role = serializers.ChoiceField(MembershipRole.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[MembershipFilters]),
                    partial_update=extend_schema(request=MembershipUpdateSerializer))
class MembershipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        mixins.CreateModelMixin, mixins.UpdateModelMixin, InitiativeViewSet):
    """Seats in the alliance group over time (the people's names, never their email)."""

    serializer_class = MembershipSerializer
    filters_class = MembershipFilters
    http_method_names = ["get", "post", "patch", "head", "options"]
    rules = {"list": "alliance.view", "retrieve": "alliance.view", "create": "alliance.edit",
             "partial_update": "alliance.edit"}
    ordering_fields = ["started_on", "ended_on", "id"]

    def get_serializer_class(self):
        return MembershipUpdateSerializer if self.action == "partial_update" else \
            MembershipSerializer

    def records(self, actor):
        query = self.query()
        if query.get("at"):
            memberships = selectors.memberships_at(initiative=actor.initiative, at=query["at"])
        else:
            memberships = Membership.objects.for_initiative(actor.initiative)
        for name in ("organisation", "person", "role"):
            if query.get(name):
                memberships = memberships.filter(**{name: query[name]})
        return memberships.select_related("person", "organisation").order_by(
            "started_on", "pk")

    def perform_create(self, serializer):
        serializer.instance = run_service(lambda: services.membership_start(
            **serializer.validated_data))

    def perform_update(self, serializer):
        serializer.instance = run_service(lambda: services.membership_update(
            membership=serializer.instance, **serializer.validated_data))
