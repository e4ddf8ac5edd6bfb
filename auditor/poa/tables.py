"""A plan of action as tables the rule engine can check.

`poa_letters` is the letter whole with its three parts and the notice's deadline;
`poa_paragraphs` one row per paragraph or list item with what it says (its date, owner,
frequency, whether it only restates the metric, text in another language, figures against
the notice); `poa_parts` each part with what its points add up to (causes, and causes left
without a corrective action); `poa_asins` the notice's ASINs, where the plan names each and
which requested documents it names for it. The `poa` pack's rules read these columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from auditor.errors import AuditorError
from auditor.ingest.records import table_from_records
from auditor.model.tables import CanonicalTable
from auditor.poa import substance
from auditor.poa.consistency import contradiction
from auditor.poa.documents import REQUESTABLE
from auditor.poa.letter import SECTIONS, Paragraph, Split, letter_lines, split_paragraphs

if TYPE_CHECKING:
    from auditor.poa.notice import Notice


def split_letter(
    text: str,
    name: str,
    notice_asins: Sequence[str] = (),
    *,
    notice: Notice | None = None,
) -> dict[str, CanonicalTable]:
    """The poa_letters, poa_paragraphs, poa_parts and poa_asins tables of one letter.

    `name` is the file the letter came from (each finding's `letter`); `notice_asins` are
    the ASINs of Amazon's notice (default: the `notice`'s). An ASIN counts as addressed
    where one of the three parts names it: an introduction that restates the notice's list
    answers nothing (only a letter without any part is searched whole).
    """
    lines = letter_lines(text)
    letter_text = "\n".join(lines).strip()
    if not letter_text:
        raise AuditorError(f"{name}: the letter is empty (nothing before the notes marker)")
    split = split_paragraphs(lines)
    language = substance.letter_language(letter_text)
    points = _points(split)
    paragraphs = [
        _paragraph_row(name, p, i in points, language, notice)
        for i, p in enumerate(split.paragraphs)
    ]
    asins = notice_asins or (notice.asins if notice else ())
    letter: dict[str, object] = {
        "letter": name,
        "text": letter_text,
        "deadline": notice.deadline.date() if notice and notice.deadline else None,
    }
    letter.update(
        (section, "\n".join(split.parts[section]).strip() or None) for section in SECTIONS
    )
    tables: dict[str, list[dict[str, object]]] = {
        "poa_letters": [letter],
        "poa_paragraphs": paragraphs,
        "poa_parts": _part_rows(name, split, paragraphs),
        "poa_asins": _asin_rows(name, lines, split, asins, notice),
    }
    return {table: _table(table, records, name) for table, records in tables.items()}


def _points(split: Split) -> set[int]:
    """The points of each part (by index): its list items, or its paragraphs if it has none."""
    chosen: set[int] = set()
    for section in SECTIONS:
        mine = [(i, p) for i, p in enumerate(split.paragraphs) if p.section == section]
        items = [(i, p) for i, p in mine if p.item]
        chosen.update(i for i, p in (items or mine) if substance.is_point_text(p.text))
    return chosen


def _paragraph_row(
    name: str, paragraph: Paragraph, point: bool, language: str, notice: Notice | None
) -> dict[str, object]:
    text, section = paragraph.text, paragraph.section
    row: dict[str, object] = {
        "letter": name,
        "line": paragraph.line,
        "section": section,
        "text": text,
        "point": point,
        "other_language": substance.other_language(text, language),
        "contradiction": contradiction(text, notice),
    }
    if point and section == "corrective_actions":
        row["date"] = substance.date_of(text)
    if point and section == "preventive_measures":
        row["owner"] = substance.owner_of(text)
        row["frequency"] = substance.frequency_of(text)
    if point and section == "root_cause":
        row["restates"] = substance.restatement(text)
    return row


def _part_rows(
    name: str, split: Split, paragraphs: list[dict[str, object]]
) -> list[dict[str, object]]:
    """One row per part found, with its points; the root cause counts its causes and the
    corrective actions how many causes they leave unanswered (one action per cause)."""
    counts = {
        section: [p for p in paragraphs if p["section"] == section and p["point"]]
        for section in SECTIONS
    }
    causes = sum(1 for p in counts["root_cause"] if p.get("restates") is None)
    rows = []
    for section, line in split.headings.items():
        row: dict[str, object] = {
            "letter": name,
            "section": section,
            "line": line,
            "points": len(counts[section]),
        }
        if section == "root_cause":
            row["causes"] = causes
        if section == "corrective_actions":
            row["unanswered"] = max(0, causes - len(counts[section]))
        rows.append(row)
    return rows


def _asin_rows(
    name: str,
    lines: Sequence[str],
    split: Split,
    notice_asins: Sequence[str],
    notice: Notice | None,
) -> list[dict[str, object]]:
    any_part = any(split.line_sections)
    searched = [
        (number, line)
        for number, (line, section) in enumerate(
            zip(lines, split.line_sections, strict=True), start=1
        )
        if section or not any_part
    ]
    requested = list(dict.fromkeys(d.kind for d in notice.documents)) if notice else []
    rows = []
    for asin in dict.fromkeys(a.strip().upper() for a in notice_asins if a.strip()):
        row: dict[str, object] = {
            "letter": name,
            "asin": asin,
            "line": _first_line(searched, asin),
        }
        if requested:
            about = " ".join(
                p.text
                for p in split.paragraphs
                if (p.section or not any_part) and _names(p.text, asin)
            )
            unnamed = [k for k in requested if not _names_document(about, k)]
            row["requested"] = ", ".join(REQUESTABLE[k].label.en for k in requested)
            row["unevidenced"] = ", ".join(REQUESTABLE[k].label.en for k in unnamed) or None
        rows.append(row)
    return rows


def _names(text: str, word: str) -> bool:
    return _word(word).search(text) is not None


def _names_document(text: str, kind: str) -> bool:
    """Whether `text` names the requested document (or leaves a placeholder for it)."""
    if substance.has_placeholder(text):
        return True
    return re.search(REQUESTABLE[kind].words, text, re.IGNORECASE) is not None


def _word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", re.IGNORECASE)


def _first_line(lines: Sequence[tuple[int, str]], word: str) -> int | None:
    pattern = _word(word)
    return next((number for number, line in lines if pattern.search(line)), None)


def _table(name: str, records: list[dict[str, object]], source: str) -> CanonicalTable:
    table, rejected = table_from_records(name, records, source=source)
    if rejected:  # the records are ours: a rejection is a bug, said plainly
        reasons = "; ".join(f"row {r.row}: {r.reason}" for r in rejected)
        raise AuditorError(f"{source}: could not build the {name} table ({reasons})")
    return table
