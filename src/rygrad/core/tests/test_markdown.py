"""Markdown to safe HTML (core.markdown) and old HTML back to Markdown
(core.markdown_from_html): what the knowledge base and the guide rely on."""

import re
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from rygrad.core.markdown import clean_html, heading_slug, render_markdown
from rygrad.core.markdown_from_html import markdown_from_html


@pytest.mark.parametrize(("heading", "slug"), [
    ("Warnings and thresholds", "warnings-and-thresholds"),
    ("Writing the agenda (secretariat)", "writing-the-agenda-secretariat"),
    ("Disclosure control: why some cells are hidden",
     "disclosure-control-why-some-cells-are-hidden"),
    ("Hvad gør vi i Ærø?", "hvad-gør-vi-i-ærø"),
    ("The `rygrad signals` command", "the-rygrad-signals-command"),
])
def test_a_heading_anchor_is_made_from_its_text_as_github_makes_it(heading, slug):
    """Given a heading, when its anchor is made, then it is GitHub's: lower case, spaces
    as hyphens, punctuation dropped, letters such as æ, ø and å kept."""
    assert heading_slug(heading) == slug


def test_headings_get_anchors_and_a_repeated_heading_a_numbered_one():
    """Given two headings with the same text, when rendered with anchors, then the second
    gets "-1" after the first's anchor, as on GitHub; inline code counts as text."""
    html = render_markdown("# Rygrad\n\n## The `signals`\n\n## The signals\n", breaks=False,
                           heading_ids=True)
    assert re.findall(r'id="([^"]+)"', html) == ["rygrad", "the-signals", "the-signals-1"]


def test_without_anchors_a_heading_has_no_id():
    """Given text people typed (the knowledge base), when rendered, then headings have no
    id that could clash with the page's own."""
    assert render_markdown("## main") == "<h2>main</h2>\n"


def test_links_are_rewritten_or_become_their_text():
    """Given links, when rendered with a rewriting function, then each link gets the
    address it returns, and one it returns None for becomes its text."""
    html = render_markdown("[a](a.md#x) and [b](../b.md) and [c](https://c.dk)",
                           rewrite_link=lambda href: None if href.startswith("..")
                           else href.replace("a.md", "/guide/a/"))
    assert '<a href="/guide/a/#x" rel="noopener noreferrer">a</a>' in html
    assert " and b and " in html
    assert '<a href="https://c.dk" rel="noopener noreferrer">c</a>' in html


def test_a_table_or_code_block_scrolls_in_its_own_labelled_region():
    """Given a table and a code block under a heading, when rendered, then each sits in a
    focusable region named by the heading (so a narrow screen scrolls the table, not the
    page), and the alignment given as inline style (blocked by the CSP) is dropped."""
    html = render_markdown("## Tal\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n```\nrygrad x\n```")
    region = '<div class="table-scroll" tabindex="0" role="region" aria-label="Tal">'
    assert html.count(region) == 2
    assert "style=" not in html


def test_an_image_becomes_a_link():
    """Given an image from another site (which the Content Security Policy would block and
    which would tell that site who reads the page), when rendered, then it is a link."""
    html = render_markdown("![Kort](https://maps.example/egelund.png)")
    assert "<img" not in html and 'href="https://maps.example/egelund.png"' in html


def test_old_html_is_sanitised_again_on_its_way_to_the_page():
    """Given HTML stored before Markdown, when shown, then scripts, event handlers, images
    and script links are gone and the text stays."""
    html = clean_html('<p onclick="x()">Tekst<script>alert(1)</script><img src="x">'
                      '<a href="javascript:alert(1)">link</a></p>')
    assert html == '<p>Tekst<a rel="noopener noreferrer">link</a></p>'


class _Reading(HTMLParser):
    """What a reader gets from HTML: its words and its structure, without layout."""

    STRUCTURE = {"h1", "h2", "h3", "ul", "ol", "li", "a", "strong", "em", "code", "s",
                 "blockquote", "pre", "hr", "table", "th", "td"}
    SAME = {"b": "strong", "i": "em"}

    def __init__(self, html):
        super().__init__()
        self.words, self.tags = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        tag = self.SAME.get(tag, tag)
        if tag in self.STRUCTURE:
            attrs = dict(attrs)
            self.tags.append((tag, unquote(attrs.get("href") or ""), attrs.get("start")))

    def handle_data(self, data):
        self.words += data.split()


OLD_HTML = [
    "<h2>Hvad ved vi?</h2><p>Omkring hvert tiende barn føler sig ensomt.</p><h2>Hvad ser "
    "partnerne?</h2><ul><li>Foreningerne ser børn.</li><li>Skolerne ser "
    "<strong>drillerier</strong>.</li></ul>",
    "<p>2017. var et år * med _stjerner_ og [klammer] &amp; &lt;script&gt; og &amp;copy;</p>"
    "<p>- ikke en liste<br>+ heller ikke<br># ingen overskrift</p>",
    '<ol start="3"><li><p>en</p><ul><li>a</li><li>b</li></ul></li><li><p>to</p></li></ol>'
    "<blockquote><p>citat<br>linje</p></blockquote><pre><code>kode *x*\n  linje</code></pre>"
    "<hr>",
    '<p>Se <a href="https://vive.dk/a b" title="VIVE">rapporten</a>, <em>fremhævet</em> og '
    "<code>x`y</code>.</p><table><thead><tr><th>a</th><th>b|c</th></tr></thead><tbody><tr>"
    "<td>1</td><td>2</td></tr></tbody></table>",
    "<p>Fed <b>og</b> <i>kursiv</i>, <s>streget</s> og <span>løs</span> tekst</p>",
]


@pytest.mark.parametrize("html", OLD_HTML)
def test_old_html_turned_into_markdown_reads_the_same(html):
    """Given HTML of a version written before Markdown, when it is turned into Markdown
    and rendered again, then the reader gets the same words in the same structure:
    headings, lists (and where one starts), links, emphasis, quotes, code and tables; and
    characters that mean something in Markdown stay plain text."""
    markdown = markdown_from_html(html)
    before, after = _Reading(clean_html(html)), _Reading(render_markdown(markdown))
    assert after.words == before.words, markdown
    assert after.tags == before.tags, markdown
