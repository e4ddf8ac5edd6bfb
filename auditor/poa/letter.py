"""A plan of action split into its paragraphs and Amazon's three parts.

Amazon's help page (201623610) asks every plan for three parts: root cause, corrective
actions and preventive measures. Sellers head those parts in many ways (Markdown,
numbered, bold, with a colon, "Preventative measures", "Steps to prevent recurrence",
Chinese headings), so this module finds them by their wording, not by one layout, and
the `poa` pack's rules then read plain columns. Line numbers are the original text's
(1-based), so a finding points where the seller will edit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

#: The line a draft writes after the letter; from it on, nothing is part of the letter.
NOTES_MARKER = "-- auditor notes: not part of the letter --"

#: The letter's three parts, in Amazon's order (also the poa_letters columns).
SECTIONS = ("root_cause", "corrective_actions", "preventive_measures")

#: What a placeholder left to fill in looks like: the draft's own `[[TO COMPLETE: ...]]`,
#: any `[[...]]` or `{{...}}`, a bracketed instruction (`[insert date]`, `[TBD]`,
#: `[Your name]`, `<insert order ID>`), bare TBD / TBC / TODO, runs of X (`XXX`,
#: `XXX-XXXXXXX`) and blanks to write on (`____`). `rules/poa.yaml` (POA-007) holds the
#: same pattern; a test keeps the two equal.
PLACEHOLDER_PATTERN = (
    r"\[\[[^\[\]\n]+\]\]"
    r"|\{\{[^{}\n]+\}\}"
    r"|\[\s*(?:insert|add|enter|fill|put|type|your|tbd|tbc|todo|to do|to complete|placeholder"
    r"|date|name|number|amount|order id|asin|x{2,}|\.{3}|…)(?![a-z])[^\[\]\n]{0,80}\]"
    r"|<\s*(?:insert|add|enter|fill|your|tbd|todo)(?![a-z])[^<>\n]{0,80}>"
    r"|\b(?:TBD|TBC|TODO)\b"
    r"|\bX{3,}(?:[-/]X+)*\b"
    r"|_{4,}"
)
PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN, re.IGNORECASE)


def placeholder(label: str) -> str:
    """A fact only the seller knows, marked for them to complete before sending."""
    return f"[[TO COMPLETE: {label}]]"


def find_placeholders(text: str) -> list[tuple[int, str]]:
    """Every placeholder of the letter (notes excluded), as (line, text) in order."""
    return [
        (number, match.group(0))
        for number, line in enumerate(letter_lines(text), start=1)
        for match in PLACEHOLDER.finditer(line)
    ]


# --- headings ------------------------------------------------------------------------------

#: The wording that opens a heading of each part, tried in this order (a preventive
#: heading such as "Actions taken to prevent recurrence" must not read as corrective).
_HEADINGS: tuple[tuple[str, str], ...] = (
    (
        "preventive_measures",
        r"(?:long[\s-]term\s+|ongoing\s+)?prevent(?:at)?ive\s+(?:measures?|actions?|steps?|plan)"
        r"|(?:steps?|measures?|actions?)(?:\s+(?:taken|we\s+(?:have\s+)?(?:taken|put\s+in\s+place)"
        r"|implemented|in\s+place))?\s+to\s+(?:prevent|avoid)\b"
        r"|prevention(?:\s+plan)?|preventing\s+(?:recurrence|future)"
        r"|预防(?:性)?措施|防范措施",
    ),
    (
        "root_cause",
        r"(?:the\s+|main\s+|primary\s+|identified\s+)?root[\s-]*causes?"
        r"|(?:what\s+)?caused\s+the\s+(?:issue|problem|violation|complaints?|defects?)"
        r"|causes?\s+of\s+the\s+(?:issue|problem|violation|complaints?|defects?)"
        r"|根本原因|原因分析",
    ),
    (
        "corrective_actions",
        r"(?:immediate\s+)?corrective\s+(?:actions?|measures?|steps?)"
        r"|(?:immediate\s+)?actions?\s+(?:(?:we\s+)?(?:have\s+)?(?:already\s+)?(?:taken|completed))"
        r"|what\s+we\s+have\s+done"
        r"|纠正措施|整改措施|已采取的措施",
    ),
)
_HEADING_START = [
    (section, re.compile(rf"(?:{words})", re.IGNORECASE)) for section, words in _HEADINGS
]

#: Decoration before a heading's words: Markdown `#`, bold, brackets, numbering
#: (`1.`, `2)`, `(3)`, `IV.`, `Part 1:`, `一、`).
_LEAD = re.compile(
    r"^(?:#{1,6}\s*|\*\*|__|[【\[]|(?:part|step|section)\s+\d+\s*[:.)\-–—]?\s*"
    r"|\(?(?:\d{1,2}|[ivx]{1,4})[.)]\s*|\(\d{1,2}\)\s*|[一二三四五六七八九十]+[、.．]\s*"
    r"|[（(][一二三四五六七八九十]+[）)]\s*)",
    re.IGNORECASE,
)
#: Decoration after them, and what may close the heading.
_TRAIL = " \t*_#:：】]"
#: Where a heading written on the same line as its text ends: a colon or a spaced dash.
_SEPARATOR = re.compile(r"[:：]|\s[-–—]\s")
#: A list item: `-`, `*`, `•`, `1.`, `1)`; group 1 is its text.
_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*•]\s")
_WORD = re.compile(r"\S+")
#: Words after a heading's wording ("of the issue", "(taken)", "#2", "analysis").
_MAX_TAIL_WORDS, _MAX_TAIL_CHARS = 5, 40


def _strip_lead(text: str) -> str:
    text = text.strip()
    while True:
        stripped = _LEAD.sub("", text, count=1).strip()
        if stripped == text:
            return text
        text = stripped


def heading_section(text: str) -> str | None:
    """The part a heading names, or None when `text` is not a heading of a part."""
    core = _strip_lead(text).strip(_TRAIL)
    if not core or core[-1] in ".!?。！？":
        return None
    for section, start in _HEADING_START:
        match = start.match(core)
        if match is None:
            continue
        tail = core[match.end() :]
        if tail and tail[0].isalnum() and not re.match(r"[\u4e00-\u9fff]", tail):
            continue  # "Root causes" is, "Rootcausey" is not
        if len(_WORD.findall(tail)) <= _MAX_TAIL_WORDS and len(tail) <= _MAX_TAIL_CHARS:
            return section
    return None


def _decorated(line: str) -> bool:
    """Whether a line is marked up as a heading: `#`, bold, brackets, numbered, or ending
    in a colon."""
    text = line.strip()
    return bool(_LEAD.match(text)) or text.rstrip("*_ ").endswith((":", "："))


def _split_heading(line: str, block_start: bool) -> tuple[str, str] | None:
    """(section, text after it) when `line` is a heading, alone or with its text after a
    colon or a spaced dash.

    Inside a paragraph (not `block_start`) only a marked-up heading or one closed by a
    colon counts, so a wrapped sentence whose line happens to begin "root cause of the
    delay" stays part of its paragraph.
    """
    if _BULLET.match(line):  # a bullet is an item of a part, never its heading
        return None
    for separator in _SEPARATOR.finditer(line):
        if not block_start and separator.group(0) not in ":：":
            continue
        section = heading_section(line[: separator.start()])
        if section:
            return section, line[separator.end() :].strip().lstrip("*_ ").strip()
    section = heading_section(line)
    if section and (block_start or _decorated(line)):
        return section, ""
    return None


# --- splitting -----------------------------------------------------------------------------


def letter_lines(text: str) -> list[str]:
    """The letter's lines, up to (not including) the notes marker."""
    lines = text.removeprefix("\ufeff").splitlines()
    for number, line in enumerate(lines):
        if line.strip().lower() == NOTES_MARKER:
            return lines[:number]
    return lines


@dataclass
class Paragraph:
    line: int
    section: str | None
    lines: list[str] = field(default_factory=list)
    #: Whether it is a list item (`-`, `1.`), not a block of prose.
    item: bool = False

    @property
    def text(self) -> str:
        return " ".join(part.strip() for part in self.lines if part.strip())


@dataclass
class Split:
    """A letter split into its paragraphs and its three parts."""

    paragraphs: list[Paragraph]
    #: Each part's lines, from its heading up to the next heading (heading words left out).
    parts: dict[str, list[str]]
    #: The part each line of the letter belongs to (None: before the first heading).
    line_sections: list[str | None]
    #: The line of each part's (first) heading.
    headings: dict[str, int] = field(default_factory=dict)


def split_paragraphs(lines: Sequence[str]) -> Split:
    """Paragraphs (blocks between blank lines, or list items) with their part, and each
    part's text (everything from its heading up to the next heading)."""
    paragraphs: list[Paragraph] = []
    parts: dict[str, list[str]] = {s: [] for s in SECTIONS}
    line_sections: list[str | None] = []
    headings: dict[str, int] = {}
    section: str | None = None
    current: Paragraph | None = None

    def close() -> None:
        nonlocal current
        if current is not None and current.text:
            paragraphs.append(current)
        current = None

    block_start = True
    for number, line in enumerate(lines, start=1):
        heading = _split_heading(line, block_start) if line.strip() else None
        if heading:
            close()
            section = heading[0]
            headings.setdefault(section, number)
        line_sections.append(section)
        if not line.strip():
            close()
            block_start = True
            if section:
                parts[section].append("")
            continue
        block_start = bool(heading and not heading[1])
        if heading:
            if heading[1]:
                current = Paragraph(number, section, [heading[1]])
                parts[heading[0]].append(heading[1])
            continue
        if section:
            parts[section].append(line.strip())
        item = _ITEM.match(line)
        if item:
            close()
            current = Paragraph(number, section, [item.group(1)], item=True)
        elif current is None:
            current = Paragraph(number, section, [line])
        else:
            current.lines.append(line)
    close()
    return Split(paragraphs, parts, line_sections, headings)
