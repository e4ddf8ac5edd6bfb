"""Write a plan of action from an audit's evidence, the notice and the seller's facts.

One template per violation (`reports/templates/poa/<violation>.md.j2`) is rendered once
per language from the same evidence, so the Chinese companion has the English letter's
paragraphs in the same order. Templates write both languages side by side with
`say(en, zh, **values)` and mark each fact only the seller knows with `todo(en, zh)`,
which becomes a `[[TO COMPLETE: ...]]` placeholder and a line of the checklist. The
letter is linted with the `poa` pack before it is returned.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from auditor.model.common import MARKETPLACE_DOMAINS
from auditor.model.vocab import METRICS, MetricKind
from auditor.outputs.render import environment
from auditor.poa.evidence import Evidence
from auditor.poa.facts import Facts
from auditor.poa.letter import NOTES_MARKER, placeholder
from auditor.poa.lint import LintResult, lint_letter
from auditor.poa.violations import ViolationType

if TYPE_CHECKING:
    from auditor.api import Options
    from auditor.poa.notice import Notice

#: Listings a letter names one by one; the rest are counted in the notes, not hidden.
MAX_LISTINGS = 10


class _Writer:
    """The template's view of one language: which text to say and which facts are missing."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.todos: list[str] = []

    def say(self, en: str, zh: str, **values: Any) -> str:
        text = zh if self.language == "zh" else en
        return text.format(**{k: _shown(v) for k, v in values.items()})

    def todo(self, en: str, zh: str, **values: Any) -> str:
        label = self.say(en, zh, **values)
        self.todos.append(label)
        return f"[[待填写：{label}]]" if self.language == "zh" else placeholder(label)


def _shown(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M" if isinstance(value, dt.datetime) else "%Y-%m-%d")
    return str(value)


def percent(value: Any) -> str:
    """A fraction as a percentage with at most two decimals: 0.0125 -> 1.25%, 0.04 -> 4%."""
    if value is None:
        return "—"
    text = f"{float(value) * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def capitalised(text: str) -> str:
    """First letter upper-case, the rest as written (A-to-z keeps its small z)."""
    return text[:1].upper() + text[1:]


def is_rate(metric: str) -> bool:
    return METRICS.get(metric) is MetricKind.rate


def store(code: str | None) -> str:
    return MARKETPLACE_DOMAINS.get(code or "", code or "")


@dataclass
class Draft:
    violation: ViolationType
    letter: str
    notes: str
    companion: str | None
    placeholders: list[str]
    #: None when Amazon asks for no plan (`ViolationType.plan_required`).
    lint: LintResult | None
    evidence: Evidence
    left_out: int = 0

    @property
    def failed(self) -> bool:
        """Whether the draft cannot be sent as it is for more than its placeholders: its lint
        fails, or the audit's data disagrees with the notice (said in the notes; the seller
        must find out which is right before answering)."""
        return bool(self.evidence.mismatches) or bool(self.lint and self.lint.failed)

    def text(self) -> str:
        """The file a seller edits: the letter, then the notes (never sent) after the marker;
        only the notes when Amazon asks for no plan."""
        if not self.letter:
            return self.notes.rstrip() + "\n"
        parts = [self.letter.rstrip(), "", NOTES_MARKER, "", self.notes.rstrip()]
        if self.companion:
            parts += ["", self.companion.rstrip()]
        return "\n".join(parts) + "\n"


def number_items(text: str) -> str:
    """Number the `- ` items of each section 1, 2, 3, restarting after every heading.

    Templates write items as `- ` because an item may come from a loop, a condition or
    a macro; the letter Amazon reads is numbered (plain text, not Markdown).
    """
    lines, n = [], 0
    for line in text.splitlines():
        if line.startswith("#"):
            n = 0
        elif line.startswith("- "):
            n += 1
            line = f"{n}. {line[2:]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def render_letter(
    evidence: Evidence, facts: Facts, notice: Notice | None, language: str
) -> tuple[str, list[str]]:
    writer = _Writer(language)
    env = environment()
    template = env.get_template(f"poa/{evidence.violation.name}.md.j2")
    listings = evidence.listing_causes[:MAX_LISTINGS]
    named = {c.asin for c in evidence.listing_causes}
    text = template.render(
        _context(writer, evidence),
        part="letter",
        uncovered_asins=[a for a in (notice.asins if notice else ()) if a not in named],
        facts=facts,
        notice=notice,
        listings=listings,
    )
    return number_items(_tidy(text)), writer.todos


def _context(writer: _Writer, evidence: Evidence) -> dict[str, Any]:
    """What every template sees: the evidence, the language's say/todo, and formatters."""
    return {
        "ev": evidence,
        "v": evidence.violation,
        "stores": ", ".join(store(m) for m in evidence.marketplaces),
        "say": writer.say,
        "todo": writer.todo,
        "zh": writer.language == "zh",
        "percent": percent,
        "store": store,
        "capitalised": capitalised,
        "is_rate": is_rate,
    }


def _tidy(text: str) -> str:
    """At most one blank line in a row, none at the ends (templates leave some)."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def companion(english: str, chinese: str) -> str:
    """The Chinese copy for the operations team, each paragraph under its English one."""
    en, zh = paragraphs(english), paragraphs(chinese)
    if len(en) != len(zh):  # a template bug, never a user's: the copies must align
        raise AssertionError(f"companion has {len(zh)} paragraphs for {len(en)}")
    blocks = [f"[{i}] {e}\n    {z}" for i, (e, z) in enumerate(zip(en, zh, strict=True), 1)]
    return (
        "中文对照（供运营团队核对，请勿提交）/ Chinese companion (for your team; do not send)\n\n"
        + "\n\n".join(blocks)
    )


def draft(
    evidence: Evidence,
    facts: Facts,
    notice: Notice | None = None,
    *,
    both_languages: bool = False,
    evidence_zh: Evidence | None = None,
    name: str = "draft",
    options: Options | None = None,
) -> Draft:
    """`evidence_zh`: the same evidence with the findings' messages in Chinese, if audited so.

    The draft is linted as a draft against the notice: its placeholders warn (they are the
    seller's to complete), everything else fails as it would in the letter sent. Where
    Amazon asks for no plan (an invoice defect rate), there is no letter: the notes say what
    to do instead."""
    if not evidence.violation.plan_required:
        notes = _notes(evidence, notice, [], None, 0, both_languages)
        return Draft(evidence.violation, "", notes, None, [], None, evidence)
    letter, todos = render_letter(evidence, facts, notice, "en")
    chinese = (
        render_letter(evidence_zh or evidence, facts, notice, "zh")[0] if both_languages else None
    )
    lint = lint_letter(
        letter,
        name,
        notice=notice,
        options=options,
        as_of=dt.date.fromisoformat(evidence.as_of),
        draft=True,
    )
    left_out = max(0, len(evidence.listing_causes) - MAX_LISTINGS)
    notes = _notes(evidence, notice, todos, lint, left_out, both_languages)
    return Draft(
        violation=evidence.violation,
        letter=letter,
        notes=notes,
        companion=companion(letter, chinese) if chinese else None,
        placeholders=todos,
        lint=lint,
        evidence=evidence,
        left_out=left_out,
    )


def _notes(
    evidence: Evidence,
    notice: Notice | None,
    todos: list[str],
    lint: LintResult | None,
    left_out: int,
    both_languages: bool,
) -> str:
    template = environment().get_template(f"poa/{evidence.violation.name}.md.j2")
    writers = [_Writer("en")] + ([_Writer("zh")] if both_languages else [])
    return "\n".join(
        _tidy(
            template.render(
                _context(w, evidence),
                part="notes",
                notice=notice,
                todos=todos,
                lint=lint,
                left_out=left_out,
                facts=Facts(),
                listings=[],
                uncovered_asins=[],
            )
        )
        for w in writers
    )
