"""The Atom feed of an initiative's published news (Django's syndication framework)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from rygrad.core.markdown import render_markdown

from . import selectors


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return request.initiative

    def title(self, initiative):
        return _("News from %(name)s") % {"name": initiative.name}

    def link(self, initiative):
        return reverse("communication:news_list", kwargs={"slug": initiative.slug})

    def subtitle(self, initiative):
        return self.title(initiative)

    def items(self, initiative):
        return selectors.published_news(initiative=initiative).order_by("-published_at")[:20]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return render_markdown(post.body)

    def item_link(self, post):
        return reverse("communication:news_detail",
                       kwargs={"slug": self.initiative_slug(post), "pk": post.pk})

    def initiative_slug(self, post):
        return post.initiative.slug

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return post.updated_at
