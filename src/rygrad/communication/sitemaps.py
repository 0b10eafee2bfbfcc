"""The sitemap: every public page of every public initiative's site: its activities marked
public, its published news, its sent newsletters and its published catalogue entries."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from rygrad.activities.models import Activity
from rygrad.core.tenancy import tenancy

from .models import Newsletter, NewsPost, Resource

PUBLIC_PAGES = ["communication:site", "communication:activity_list", "communication:news_list",
                "communication:archive", "communication:catalogue", "communication:offers",
                "communication:subscribe"]


class SitePages(Sitemap):
    def items(self):
        initiatives = tenancy().model.objects.filter(is_public=True).order_by("slug")
        return [(name, initiative.slug) for initiative in initiatives for name in PUBLIC_PAGES]

    def location(self, item):
        name, slug = item
        return reverse(name, kwargs={"slug": slug})


class NewsPages(Sitemap):
    def items(self):
        return (NewsPost.objects.filter(published_at__isnull=False, initiative__is_public=True)
                .select_related("initiative").order_by("pk"))

    def location(self, post):
        return reverse("communication:news_detail",
                       kwargs={"slug": post.initiative.slug, "pk": post.pk})

    def lastmod(self, post):
        return post.updated_at


class ActivityPages(Sitemap):
    """The activities marked public: the only ones the public site shows."""

    def items(self):
        return (Activity.objects.filter(is_public=True, initiative__is_public=True)
                .select_related("initiative").only("pk", "initiative__slug").order_by("pk"))

    def location(self, activity):
        return reverse("communication:activity_detail",
                       kwargs={"slug": activity.initiative.slug, "pk": activity.pk})


class CataloguePages(Sitemap):
    def items(self):
        return (Resource.objects.filter(is_published=True, initiative__is_public=True)
                .select_related("initiative").order_by("pk"))

    def location(self, resource):
        return reverse("communication:resource_detail",
                       kwargs={"slug": resource.initiative.slug, "pk": resource.pk})

    def lastmod(self, resource):
        return resource.updated_at


class ArchivePages(Sitemap):
    def items(self):
        return (Newsletter.objects.filter(status=Newsletter.Status.SENT,
                                          initiative__is_public=True)
                .select_related("initiative").order_by("pk"))

    def location(self, newsletter):
        return reverse("communication:archive_detail",
                       kwargs={"slug": newsletter.initiative.slug, "pk": newsletter.pk})

    def lastmod(self, newsletter):
        return newsletter.sent_at


class Installation(Sitemap):
    def items(self):
        return ["core:accessibility"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"installation": Installation, "site": SitePages, "activities": ActivityPages,
            "news": NewsPages,
            "newsletters": ArchivePages, "catalogue": CataloguePages}
