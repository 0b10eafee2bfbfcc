"""Communication's rows of the permission matrix: the public site is for everyone (in a
public initiative), the news and newsletter desk for the secretariat."""

import io

from django.core.files.base import ContentFile
from PIL import Image

from rygrad.activities.tests.factories import ActivityFactory
from rygrad.communication.models import ResourceAttachment
from rygrad.communication.tests.factories import (
    NewsletterFactory,
    NewsPostFactory,
    ResourceFactory,
    SubscriberFactory,
    sent,
)
from rygrad.core.testing import EVERYONE, SECRETARIAT_UP, AccessCase


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(out, "PNG")
    return out.getvalue()


def setup(world):
    initiative = world.initiative
    resource = ResourceFactory(initiative=initiative)
    return {
        "activity": ActivityFactory(initiative=initiative, is_public=True,
                                    public_story="Vi læser højt."),
        "post": NewsPostFactory(initiative=initiative, image_alt="Et billede",
                                image=ContentFile(_png(), name="billede.png")),
        "draft": NewsPostFactory(initiative=initiative, published_at=None),
        "issue": sent(NewsletterFactory(initiative=initiative)),
        "draft_issue": NewsletterFactory(initiative=initiative),
        "subscriber": SubscriberFactory(initiative=initiative),
        "resource": resource,
        "attachment": ResourceAttachment.objects.create(
            initiative=initiative, resource=resource, name="plan.pdf", kind="pdf", size=9,
            file=ContentFile(b"%PDF-1.4\n", name="plan.pdf")),
    }


def _pk(name):
    return lambda world, objects: {"pk": objects[name].pk}


def _file(world, objects):
    attachment = objects["attachment"]
    return {"pk": attachment.resource_id, "file_pk": attachment.pk}


def _token(world, objects):
    return {"token": objects["subscriber"].token}


CASES = [
    AccessCase("communication:site", EVERYONE),
    AccessCase("communication:activity_list", EVERYONE),
    AccessCase("communication:activity_detail", EVERYONE, kwargs=_pk("activity")),
    AccessCase("communication:offers", EVERYONE),
    AccessCase("communication:news_list", EVERYONE),
    AccessCase("communication:feed", EVERYONE),
    AccessCase("communication:news_detail", EVERYONE, kwargs=_pk("post")),
    AccessCase("communication:news_image", EVERYONE, kwargs=_pk("post")),
    AccessCase("communication:archive", EVERYONE),
    AccessCase("communication:archive_detail", EVERYONE, kwargs=_pk("issue")),
    AccessCase("communication:subscribe", EVERYONE),
    AccessCase("communication:confirm", EVERYONE, kwargs=_token),
    AccessCase("communication:unsubscribe", EVERYONE, kwargs=_token),
    AccessCase("communication:catalogue", EVERYONE),
    AccessCase("communication:catalogue", EVERYONE, query="q=leg&setting=daycare"),
    AccessCase("communication:resource_detail", EVERYONE, kwargs=_pk("resource")),
    AccessCase("communication:attachment_download", EVERYONE, kwargs=_file),
    AccessCase("communication:attachment_remove", SECRETARIAT_UP, kwargs=_file),
    AccessCase("communication:resource_create", SECRETARIAT_UP),
    AccessCase("communication:resource_edit", SECRETARIAT_UP, kwargs=_pk("resource")),
    AccessCase("communication:manage", SECRETARIAT_UP),
    AccessCase("communication:news_create", SECRETARIAT_UP),
    AccessCase("communication:news_edit", SECRETARIAT_UP, kwargs=_pk("draft")),
    AccessCase("communication:news_publish", SECRETARIAT_UP, kwargs=_pk("draft")),
    AccessCase("communication:newsletter_create", SECRETARIAT_UP),
    AccessCase("communication:newsletter_preview", SECRETARIAT_UP, kwargs=_pk("draft_issue")),
    AccessCase("communication:newsletter_edit", SECRETARIAT_UP, kwargs=_pk("draft_issue")),
    AccessCase("communication:subscriber_list", SECRETARIAT_UP),
    AccessCase("communication:subscriber_erase", SECRETARIAT_UP, kwargs=_pk("subscriber")),
    AccessCase("communication:subscriber_list", SECRETARIAT_UP, query="format=csv"),
    AccessCase("communication:subscriber_list", SECRETARIAT_UP, query="format=xlsx"),
    AccessCase("communication_public:was", EVERYONE, in_initiative=False),
    AccessCase("communication_public:sitemap", EVERYONE, in_initiative=False),
]
