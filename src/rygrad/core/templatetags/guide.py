"""``{% help_link %}``: the layout's link to the part of the guide that explains the page
being shown (core.guide.help_url)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from rygrad.core.guide import help_url

register = template.Library()


@register.simple_tag(takes_context=True)
def help_link(context) -> str:
    request = context.get("request")
    return format_html('<a href="{}">{}</a>', help_url(getattr(request, "resolver_match", None)),
                       _("Help"))
