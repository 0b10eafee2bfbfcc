"""Tags of the shared layout (base.html)."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name: str):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        text = mark_safe(self.nodelist.render(context).strip())  # rendered, so escaped
        context[self.name] = text
        return text


@register.tag
def capture(parser, token):
    """``{% capture name %}…{% endcapture %}`` writes what it holds and keeps it as
    ``name`` for the rest of the template: base.html shows the page's title (its `title`
    block, which every page fills) once more in the header of a printed page."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("usage: {% capture name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])


@register.filter(is_safe=True)
def page_title(document_title: str, initiative=None) -> str:
    """The page's own part of a document title "<page> – <initiative> – Rygrad", or ""
    when the title holds no more than the initiative and Rygrad."""
    title = str(document_title).removesuffix("Rygrad").removesuffix(" – ")
    name = getattr(initiative, "name", None)
    if name:
        title = title.removesuffix(name).removesuffix(" – ")
    return title


@register.simple_tag(takes_context=True)
def page_title_of(context, document_title: str) -> str:
    """`page_title` for the initiative of the page, if it has one: pages outside an
    initiative (the pupils' survey, the error pages) have no `initiative` to pass."""
    return page_title(document_title, context.get("initiative"))
