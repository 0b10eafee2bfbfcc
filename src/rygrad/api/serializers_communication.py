"""What the API shows of communication: the news, the inspiration catalogue and the sent
newsletters, with the fields their public pages show. Never a subscriber: their addresses
are on the secretariat's subscriber page only, and the API has no endpoint for them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from rygrad.communication.models import Newsletter, NewsPost, Resource, ResourceAttachment


def _slug(serializer) -> str:
    return serializer.context["request"].actor.initiative.slug


class NewsPostSerializer(serializers.ModelSerializer):
    """A news post (a draft, with `published_at` null, only for the secretariat)."""

    image = serializers.SerializerMethodField()

    class Meta:
        model = NewsPost
        fields = ["id", "title", "summary", "body", "image", "image_alt", "published_at"]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_image(self, post) -> str | None:
        if not post.image:
            return None
        return reverse("communication:news_image", kwargs={"slug": _slug(self), "pk": post.pk},
                       request=self.context["request"])


class AttachmentSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = ResourceAttachment
        fields = ["id", "name", "kind", "size", "download"]

    def get_download(self, attachment) -> str:
        return reverse("communication:attachment_download", kwargs={
            "slug": _slug(self), "pk": attachment.resource_id, "file_pk": attachment.pk},
            request=self.context["request"])


class ResourceSerializer(serializers.ModelSerializer):
    """A catalogue entry: a method, exercise, guide, film, offer or action guide; an
    offer with its provider, for whom it is and how to refer or join (the offers page)."""

    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Resource
        fields = ["id", "kind", "title", "description", "setting", "age_band", "themes",
                  "link", "contact", "provider", "provider_kind", "audience", "how_to_join",
                  "is_published", "updated_at", "attachments"]


class TitleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class NewsletterSerializer(serializers.ModelSerializer):
    """A sent issue as the archive shows it: its text, its news and the activities it
    tells about (their titles) — never to whom it went."""

    news = TitleSerializer(many=True, read_only=True)
    activities = serializers.SerializerMethodField()

    class Meta:
        model = Newsletter
        fields = ["id", "subject", "intro", "sent_at", "news", "activities"]

    def get_activities(self, newsletter) -> list[str]:
        return [activity.title for activity in newsletter.activities.order_by("title")]
