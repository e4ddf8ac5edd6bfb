"""Fill a text's {placeholders}: rule messages, reason texts and the catalogue's labels.

One formatter for every text the tool words (str.format's syntax, so a rule pack's
`{value:.2%}` works), lenient because texts are data: a missing or mistyped placeholder
reads "—", never crashes a report, and a width or precision is capped.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from typing import Any


class _Lenient(string.Formatter):
    """Message templates are data: a missing or mistyped placeholder never crashes a report."""

    def get_value(self, key: int | str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        value = kwargs.get(str(key))
        return "—" if value is None else value

    def format_field(self, value: Any, format_spec: str) -> str:
        try:
            return super().format_field(value, _capped(format_spec))
        except (ValueError, TypeError):
            return str(value)


#: The widest field and the most decimals a message template may ask for: a user's pack
#: with `{value:>1000000000}` would otherwise write a gigabyte per finding.
MAX_FORMAT_WIDTH = 100
_WIDTHS = re.compile(r"(?<![.\d])(\d{3,})|\.(\d{3,})")


def _capped(spec: str) -> str:
    """`spec` with its width and precision capped at MAX_FORMAT_WIDTH."""
    if len(spec) < 4:  # no room for a number of three digits or more
        return spec

    def cap(match: re.Match[str]) -> str:
        number = int(match.group(1) or match.group(2))
        if number <= MAX_FORMAT_WIDTH:
            return match.group(0)
        return ("." if match.group(2) else "") + str(MAX_FORMAT_WIDTH)

    return _WIDTHS.sub(cap, spec)


_FORMATTER = _Lenient()


def render(template: str, values: Mapping[str, Any]) -> str:
    return _FORMATTER.vformat(template, (), values)


def compile_template(template: str) -> Callable[[Mapping[str, Any]], str]:
    """Parse a message template once; apply it to many findings."""
    parts = list(_FORMATTER.parse(template))

    def apply(values: Mapping[str, Any]) -> str:
        out = []
        for literal, name, spec, conversion in parts:
            out.append(literal)
            if name is not None:
                value = _FORMATTER.get_value(name, (), values)
                if conversion:
                    value = _FORMATTER.convert_field(value, conversion)
                out.append(_FORMATTER.format_field(value, spec or ""))
        return "".join(out)

    return apply


def placeholders(template: str) -> list[str]:
    """The names a template fills, each once, in order."""
    return list(dict.fromkeys(name for _, name, _, _ in _FORMATTER.parse(template) if name))
