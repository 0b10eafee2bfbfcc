"""Text people write, shown as HTML that cannot harm the page: Markdown parsed by
markdown-it-py (CommonMark), then sanitised by nh3.

Raw HTML in the source is never rendered (markdown-it's `html` option is off, so `<script>`
shows as text), links keep only http, https, mailto and relative addresses, and nh3 then
removes anything outside a short list of tags — so a bug in one layer is caught by the
other. Used by the knowledge base (`agenda`) and the in-app guide (`core.guide`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from markdown_it.token import Token

LINK_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer"
TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
    "code", "em", "strong", "s", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
    "div",
}
# A wide table or code block scrolls inside its own focusable region, not the page (WCAG
# 1.4.10); the renderer makes that wrapper, and only that one survives sanitising.
_WRAPPER = {"div": {"tabindex": {"0"}, "role": {"region"}}}
_MARKDOWN_CLEANER = nh3.Cleaner(
    tags=TAGS, attributes={"a": {"href", "title"}, "ol": {"start"}, "div": {"aria-label"},
                           **{f"h{n}": {"id"} for n in range(1, 7)}},
    tag_attribute_values=_WRAPPER, allowed_classes={"div": {"table-scroll"}},
    url_schemes=LINK_SCHEMES, link_rel=LINK_REL)
# Knowledge base versions written before Markdown hold sanitised HTML; shown as they were
# (nh3's own list of tags, but no images), with links narrowed to the same schemes.
_HTML_CLEANER = nh3.Cleaner(tags=nh3.ALLOWED_TAGS - {"img", "map", "area"},
                            url_schemes=LINK_SCHEMES, link_rel=LINK_REL)


def _parser(*, breaks: bool) -> MarkdownIt:
    # No images: a picture from another site would be blocked by the Content Security
    # Policy (and tell that site who reads the page); `![x](url)` becomes a link.
    md = (MarkdownIt("commonmark", {"html": False, "breaks": breaks})
          .enable(["table", "strikethrough"]).disable("image"))
    md.add_render_rule("table_open", lambda self, tokens, idx, options, env: (
        _scroll_region(tokens[idx], _("Table")) + "<table>\n"))
    md.add_render_rule("table_close", lambda *args: "</table></div>\n")
    for code in ("fence", "code_block"):
        md.add_render_rule(code, _scrolling(md.renderer.rules[code]))
    return md


def _scroll_region(token: Token, fallback: str) -> str:
    label = token.meta.get("label") or fallback
    return f'<div class="table-scroll" tabindex="0" role="region" aria-label="{escape(label)}">'


def _scrolling(render_code):
    def render(self, tokens, idx, options, env) -> str:
        html = render_code(tokens, idx, options, env)
        return _scroll_region(tokens[idx], _("Code")) + html.rstrip("\n") + "</div>\n"
    return render


# Typed text keeps its line breaks (an Enter is a new line, as people expect); the guide's
# hard-wrapped Markdown files do not.
_TYPED = _parser(breaks=True)
_WRAPPED = _parser(breaks=False)


def plain_text(inline: Token) -> str:
    """The text of an inline token as a reader sees it (no Markdown syntax)."""
    return "".join(child.content for child in inline.children or ()
                   if child.type in {"text", "code_inline"})


def heading_slug(text: str) -> str:
    """The anchor of a heading, as GitHub makes it, so links between the Markdown files
    work the same on GitHub and in the app: "Warnings and thresholds" ->
    "warnings-and-thresholds"."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def _label_tables_and_headings(tokens: list[Token], *, heading_ids: bool) -> None:
    seen: dict[str, int] = {}
    heading = ""
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = plain_text(tokens[index + 1])
            if heading_ids:
                slug = heading_slug(heading)
                count = seen.get(slug, 0)
                seen[slug] = count + 1
                token.attrSet("id", f"{slug}-{count}" if count else slug)
        elif token.type in {"table_open", "fence", "code_block"}:
            token.meta["label"] = heading


def _rewrite_links(tokens: list[Token], rewrite: Callable[[str], str | None]) -> None:
    """Give each link the address `rewrite(href)` returns; a link it returns None for
    becomes its text."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        kept, dropped = [], []
        for child in token.children:
            if child.type == "link_open":
                target = rewrite(child.attrGet("href") or "")
                dropped.append(target is None)
                if target is None:
                    continue
                child.attrSet("href", target)
            elif child.type == "link_close" and dropped.pop():
                continue
            kept.append(child)
        token.children = kept


def render_markdown(source: str, *, breaks: bool = True, heading_ids: bool = False,
                    rewrite_link: Callable[[str], str | None] | None = None) -> SafeString:
    """`source` as sanitised HTML. `breaks`: a line break in the text is one on the page.
    `heading_ids`: headings get anchors from their text (`heading_slug`). `rewrite_link`:
    a function giving each link's address (None: the link becomes plain text)."""
    md = _TYPED if breaks else _WRAPPED
    env: dict = {}
    tokens = md.parse(source or "", env)
    _label_tables_and_headings(tokens, heading_ids=heading_ids)
    if rewrite_link is not None:
        _rewrite_links(tokens, rewrite_link)
    html = md.renderer.render(tokens, md.options, env)
    return mark_safe(_MARKDOWN_CLEANER.clean(html))  # sanitised just above


def clean_html(html: str) -> SafeString:
    """HTML stored before Markdown, sanitised again on its way to the page."""
    return mark_safe(_HTML_CLEANER.clean(html or ""))  # sanitised just above
