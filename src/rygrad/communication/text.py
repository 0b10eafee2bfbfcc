"""Plain text of what people write in Markdown, for a page's description and a list's
excerpt: the rendered, sanitised HTML without its tags (so `**bold**` and `[a](b)` read
as words, never as Markdown), whitespace collapsed, shortened at a word."""

from html import unescape

from django.utils.html import strip_tags
from django.utils.text import Truncator

from rygrad.core.markdown import render_markdown


def plain_excerpt(source: str, *, length: int = 200) -> str:
    # strip_tags leaves the entities the renderer escaped (&amp;); the template escapes
    # again, so they are turned back into characters first.
    text = " ".join(unescape(strip_tags(render_markdown(source))).split())
    return Truncator(text).chars(length)
