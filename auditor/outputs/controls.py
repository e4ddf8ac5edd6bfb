"""Control characters from data made visible in every text output.

A SKU, title, file name or message is data from files a client sent: an escape
sequence in it would clear the terminal or set its title, a newline would add a fake
line (`[critical:fail] ...`) to the table or the Markdown, a NUL would stay in a CSV.
Every value a text format writes passes through `visible`: C0 controls become the
Unicode "control pictures" (ESC shows as ␛, NUL as ␀, a newline as ␊), DEL as ␡,
and C1 controls (0x80-0x9f, which some terminals also obey) as `\\x9b` text. The
format's own newlines, indentation and colours are written by its templates and
helpers, never taken from the data.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

#: Every C0 and C1 control and DEL, as something a reader sees and no terminal obeys.
_SHOWN = {c: chr(0x2400 + c) for c in range(0x20)} | {0x7F: "\u2421"}
_SHOWN |= {c: f"\\x{c:02x}" for c in range(0x80, 0xA0)}
#: Kept in a value that may run over lines (a paragraph): newlines and tabs.
LINES = "\n\t"
#: Kept in a spreadsheet cell, whose quoting holds line breaks of either kind.
CELL = "\n\t\r"


#: Templates whose values each stand on one line (or in one table cell): a newline in
#: a value would start a line of the report's own.
ONE_LINE_TEMPLATES = frozenset(
    {
        "table.txt.j2",
        "report.md.j2",
        "junit.xml.j2",
        "inspect.txt.j2",
        "history/trend.txt.j2",
        "portfolio.md.j2",
    }
)


def visible(value: str, keep: str = "") -> str:
    """`value` with its control characters shown (see the module), but for those in
    `keep` (LINES, CELL)."""
    return value.translate(_table(keep))


@cache
def _table(keep: str) -> dict[int, str]:
    return str.maketrans({c: s for c, s in _SHOWN.items() if chr(c) not in keep})


class Formatted(str):
    """Text a template helper built from values already made visible, with control codes
    of the format's own (a terminal's colours): a template writes it as it is."""


@jinja2.pass_context
def finalize(context: jinja2.runtime.Context, value: Any) -> Any:
    """The `finalize` of a Jinja environment: every `{{ value }}` of a template made
    visible, on one line in ONE_LINE_TEMPLATES, and keeping its lines elsewhere (a POA
    draft's paragraphs, a history diff's sections built by macros)."""
    if isinstance(value, Formatted) or value is None or isinstance(value, int | float):
        return value
    keep = "" if context.name in ONE_LINE_TEMPLATES else LINES
    if isinstance(value, Markup):  # already escaped (a macro in an autoescaped template)
        return Markup(visible(str(value), keep))
    return visible(str(value), keep)
