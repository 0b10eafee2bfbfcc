"""HTML back to Markdown, for text written before the knowledge base took Markdown: the
edit form shows an old HTML version as the Markdown that renders to the same text, so a
new version of such a document is Markdown too. Covers what the old sanitiser let through
(headings, paragraphs, lists, links, emphasis, quotes, code, tables); any other element
keeps its text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_VOID = {"br", "hr", "img", "wbr", "col", "area", "input", "meta", "link", "source"}
_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
    "hr", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "section",
    "article", "aside", "header", "footer", "nav", "figure", "figcaption", "dl", "dt", "dd",
    "details", "summary", "hgroup", "center", "address", "main",
}
_EMPHASIS = {"strong": "**", "b": "**", "em": "*", "i": "*", "s": "~~", "del": "~~",
             "strike": "~~"}
_SPECIAL = re.compile(r"([\\`*_\[\]<>~|])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What would start a heading, a list or a rule at the start of a line is escaped there.
_MARKER = re.compile(r"^(\s*)([#+\-=])", re.MULTILINE)
_NUMBER = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


class _Node:
    def __init__(self, tag: str, attrs: dict[str, str | None]):
        self.tag, self.attrs, self.children = tag, attrs, []


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self._open = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, dict(attrs))
        self._open[-1].children.append(node)
        if tag not in _VOID:
            self._open.append(node)

    def handle_startendtag(self, tag, attrs):
        self._open[-1].children.append(_Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data):
        self._open[-1].children.append(data)


def markdown_from_html(html: str) -> str:
    """Markdown that renders (with `core.markdown.render_markdown`) to the text of `html`."""
    tree = _Tree()
    tree.feed(html or "")
    tree.close()
    return "\n\n".join(_blocks(tree.root))


def _text(node) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text(child) for child in node.children)


def _escape(text: str) -> str:
    return _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text)))


def _inline(node) -> str:
    if isinstance(node, str):
        return _escape(node)
    inner = "".join(_inline(child) for child in node.children)
    if node.tag == "br":
        return "\n"
    if node.tag == "img":
        return _escape(node.attrs.get("alt") or "")
    if node.tag == "code":
        code = re.sub(r"\s+", " ", _text(node))
        fence = "``" if "`" in code else "`"
        return f"{fence} {code} {fence}" if fence == "``" else f"`{code}`"
    if node.tag in _EMPHASIS and inner.strip():
        mark = _EMPHASIS[node.tag]
        core = inner.strip()
        return (inner[:len(inner) - len(inner.lstrip())] + mark + core + mark
                + inner[len(inner.rstrip()):])
    if node.tag == "a" and node.attrs.get("href") and inner.strip():
        href = node.attrs["href"]
        target = f"<{href}>" if re.search(r"[\s()<>]", href) else href
        title = node.attrs.get("title")
        if title:
            target += ' "' + title.replace('"', '\\"') + '"'
        return f"[{inner.strip()}]({target})"
    return inner


def _paragraph(parts: list[str]) -> str:
    lines = [line.strip() for line in "".join(parts).split("\n")]
    text = "\n".join(line for line in lines if line)
    return _NUMBER.sub(r"\1\\\2", _MARKER.sub(r"\1\\\2", text))


def _blocks(node: _Node) -> list[str]:
    """The Markdown blocks of a node's children: runs of inline content become paragraphs."""
    blocks, run = [], []
    for child in node.children:
        if isinstance(child, str) or child.tag not in _BLOCKS:
            run.append(_inline(child))
            continue
        if paragraph := _paragraph(run):
            blocks.append(paragraph)
        run = []
        blocks.extend(_block(child))
    if paragraph := _paragraph(run):
        blocks.append(paragraph)
    return blocks


def _block(node: _Node) -> list[str]:
    tag = node.tag
    if re.fullmatch(r"h[1-6]", tag):
        text = _paragraph([_inline(node)]).replace("\n", " ")
        return [f"{'#' * int(tag[1])} {text}"] if text else []
    if tag in {"ul", "ol"}:
        return _list(node)
    if tag == "blockquote":
        inner = "\n\n".join(_blocks(node))
        return ["\n".join(f"> {line}".rstrip() for line in inner.split("\n"))] if inner else []
    if tag == "pre":
        code = _text(node).strip("\n")
        fence = "~~~" if "```" in code else "```"
        return [f"{fence}\n{code}\n{fence}"]
    if tag == "hr":
        return ["---"]
    if tag == "table":
        return _table(node)
    return _blocks(node)


def _list(node: _Node) -> list[str]:
    start = int(node.attrs.get("start") or 1) if node.tag == "ol" else 0
    items, loose = [], False
    for number, item in enumerate(c for c in node.children
                                  if isinstance(c, _Node) and c.tag == "li"):
        marker = f"{start + number}. " if node.tag == "ol" else "- "
        has_paragraphs = any(isinstance(c, _Node) and c.tag == "p" for c in item.children)
        loose = loose or has_paragraphs
        body = ("\n\n" if has_paragraphs else "\n").join(_blocks(item))
        indent = " " * len(marker)
        lines = body.split("\n")
        items.append(marker + lines[0] + "".join(
            f"\n{indent}{line}" if line else "\n" for line in lines[1:]))
    return [("\n\n" if loose else "\n").join(items)] if items else []


def _rows(node: _Node):
    for child in node.children:
        if isinstance(child, _Node):
            if child.tag == "tr":
                yield [c for c in child.children if isinstance(c, _Node) and c.tag in {"th", "td"}]
            elif child.tag in {"thead", "tbody", "tfoot"}:
                yield from _rows(child)


def _table(node: _Node) -> list[str]:
    rows = [[_paragraph([_inline(cell)]).replace("\n", " ") for cell in row]
            for row in _rows(node)]
    rows = [row for row in rows if row]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + "---|" * width)
    return ["\n".join(lines)]
