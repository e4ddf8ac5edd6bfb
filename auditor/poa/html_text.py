"""A notice saved from an email as HTML, turned into the text a mail client shows.

Sellers save Amazon's notices from their mail client, and "Save as" often writes the
message's HTML. The notice reader reads text, and what it quotes from the notice (the
words that named the violation, a date as written, a rights owner) ends up in the
draft's notes: HTML left in would show as tags, break the header lines the reader
looks for (`<b>Sent:</b>`), and could run as markup where the draft is viewed. So
HTML is turned into its text first, with the standard library's parser: the head,
scripts and styles are dropped, block elements and `<br>` end lines, table cells are
apart by a tab (the notice reader's table columns), character references are
unescaped (`&amp;` is `&`), and link targets and images are left out (a link's text
stays).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: Elements whose content is never text the seller reads.
HIDDEN = {"head", "script", "style", "noscript", "template", "title"}
#: Elements that start a new line: a table's rows follow one another line by line.
LINES = {"br", "dd", "dt", "li", "tr"}
#: Elements that start and end a line of their own, as paragraphs are.
BLOCKS = {
    "address",
    "article",
    "blockquote",
    "div",
    "dl",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
}
CELLS = {"td", "th"}

#: What makes a file HTML rather than text that mentions a tag: a document's own
#: opening, or several tags of the kinds mail clients write.
_DOCUMENT = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE)
_TAG = re.compile(r"</?(?:p|div|br|table|tr|td|span|a|b|font)(?:\s[^<>]*)?/?>", re.IGNORECASE)
#: How many such tags in the first part of a file make it HTML.
TAGS_FOR_HTML = 3
SNIFFED_CHARS = 4096


def looks_like_html(text: str) -> bool:
    """Whether `text` is an HTML document (or a fragment of one), not plain text: a plain
    notice's `<seller-performance@amazon.com>` or a quoted `<script>` does not make it so."""
    head = text[:SNIFFED_CHARS]
    return bool(_DOCUMENT.search(head)) or len(_TAG.findall(head)) >= TAGS_FOR_HTML


def html_to_text(html: str) -> str:
    """The text of `html`, one line per block, without tags, scripts, styles or links."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return parser.text()


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":  # a head left open ends where the body starts
            self.hidden = 0
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS or tag in LINES:
            self.parts.append("\n")
        elif tag in CELLS:
            self.parts.append("\t")
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS or tag in LINES:  # <br/>, <hr/>
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")
        if tag == "pre":
            self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))

    def text(self) -> str:
        lines = []
        for line in "".join(self.parts).split("\n"):
            cells = [" ".join(cell.split()) for cell in line.split("\t")]
            lines.append("\t".join(c for c in cells if c))
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
