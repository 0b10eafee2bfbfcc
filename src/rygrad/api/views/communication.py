"""Communication's records as its pages show them: the news (drafts too for those who
manage communication, as the news page does), the inspiration catalogue (published
entries; every entry for those who manage it) and the newsletter archive (sent issues).
Everyone who sees the public site reads them (`communication.view`). There is no
subscriber endpoint: subscribers' addresses stay on the secretariat's page."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers

from rygrad.communication import selectors
from rygrad.communication.models import AgeBand, NewsPost, ResourceKind, Setting

from ..serializers_communication import (
    NewsletterSerializer,
    NewsPostSerializer,
    ResourceSerializer,
)
from .base import InitiativeViewSet

READ = {"list": "communication.view", "retrieve": "communication.view"}


class NewsFilters(serializers.Serializer):
    published = serializers.BooleanField(
        required=False, allow_null=True, default=None,
        help_text="Only published news (true) or only drafts (false); drafts are there "
                  "only for those who manage communication.")


@extend_schema_view(list=extend_schema(parameters=[NewsFilters]))
class NewsViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeViewSet):
    """The news: published posts, newest first; drafts too for the secretariat
    (`communication.manage`), as on the news page."""

    serializer_class = NewsPostSerializer
    filters_class = NewsFilters
    rules = READ
    ordering_fields = ["published_at", "title", "id"]

    def records(self, actor):
        initiative = actor.initiative
        news = (selectors.all_news(initiative=initiative)
                if actor.can("communication.manage")
                else selectors.published_news(initiative=initiative))
        published = self.query().get("published")
        if published is not None:
            news = news.filter(published_at__isnull=not published)
        return news.order_by("-published_at", "-created_at", "-pk")


class ResourceFilters(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, default="",
                              help_text="Words to search for (any Danish form).")
    kind = serializers.ChoiceField(ResourceKind.choices, required=False, default="")
    setting = serializers.ChoiceField(Setting.choices, required=False, default="")
    age_band = serializers.ChoiceField(AgeBand.choices, required=False, default="")


@extend_schema_view(list=extend_schema(parameters=[ResourceFilters]))
class ResourceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeViewSet):
    """The inspiration catalogue — methods, exercises, guides, films, offers and action
    guides: the published entries; every entry for the secretariat, as on the catalogue
    page. Opening one here is not counted as a use (the page counts people's visits)."""

    serializer_class = ResourceSerializer
    filters_class = ResourceFilters
    rules = READ
    ordering_fields = ["title", "kind", "updated_at", "id"]

    def records(self, actor):
        query = self.query()
        return selectors.catalogue_search(
            initiative=actor.initiative, query=query.get("q", ""),
            kind=query.get("kind", ""), setting=query.get("setting", ""),
            age_band=query.get("age_band", ""),
            published_only=not actor.can("communication.manage"),
        ).prefetch_related("attachments").order_by("title", "pk")


class NewsletterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeViewSet):
    """The newsletter archive: the issues sent, newest first."""

    serializer_class = NewsletterSerializer
    rules = READ
    ordering_fields = ["sent_at", "subject", "id"]

    def records(self, actor):
        return (selectors.sent_newsletters(initiative=actor.initiative)
                .prefetch_related(Prefetch("news", queryset=NewsPost.objects.order_by(
                    "-published_at", "pk")))
                .order_by("-sent_at", "-pk"))
