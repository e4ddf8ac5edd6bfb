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

from jinja2 import pass_context
from pydantic import BaseModel

from auditor.model.common import MARKETPLACE_DOMAINS
from auditor.model.vocab import METRICS, MetricKind
from auditor.outputs.render import environment
from auditor.poa.attachments import HeldDocument
from auditor.poa.documents import REQUESTABLE
from auditor.poa.evidence import Breach, Evidence
from auditor.poa.facts import PATHS, Facts
from auditor.poa.figures import percent
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
        #: The seller's facts shown as written (in English) in the Chinese copy.
        self.untranslated: list[str] = []

    def say(self, en: str, zh: str, **values: Any) -> str:
        text = zh if self.language == "zh" else en
        return text.format(**{k: _shown(v) for k, v in values.items()})

    def todo(self, en: str, zh: str, **values: Any) -> str:
        # A bracket inside would end the placeholder early for the lint: none is kept.
        label = self.say(en, zh, **values).replace("[", "(").replace("]", ")")
        self.todos.append(label)
        return f"[[待填写：{label}]]" if self.language == "zh" else placeholder(label)

    def fact(self, text: Any) -> str:
        """A fact as the seller wrote it. The Chinese copy is for a team that may not read
        English, so a fact written in English is flagged there (never machine-translated:
        the letter states what the seller wrote, and the copy must say the same)."""
        shown = _shown(text)
        if self.language == "zh" and is_untranslated(shown):
            if shown not in self.untranslated:
                self.untranslated.append(shown)
            return UNTRANSLATED + shown
        return shown


#: The mark of a seller's fact left in English in the Chinese copy.
UNTRANSLATED = "【未翻译】"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def is_untranslated(text: str) -> bool:
    """Whether a fact is written in words but none of them Chinese (a date, a file name or
    an id is not text to translate)."""
    return bool(_LATIN_WORD.search(text)) and " " in text.strip() and not _CJK.search(text)


def untranslated_facts(facts: Facts) -> list[str]:
    """The seller's sentences in `facts` that have no Chinese: the Chinese notes list them,
    so the team knows which parts of the copy they cannot read yet. Names, addresses, ids
    and file names are left out: they are the same in both languages."""
    found: list[str] = []
    for value in _sentences(facts):
        if is_untranslated(value) and value not in found:
            found.append(value)
    return found


#: The facts' fields that hold the seller's own sentences (the rest are names, dates, ids).
_SENTENCE_FIELDS = frozenset(
    {"cause", "what", "owner", "frequency", "role", "responsibility", "note", "recall_check",
     "business_reason", "authorization", "authority"}
)  # fmt: skip


def _sentences(model: Any) -> list[str]:
    """The seller's sentences in a facts model, in the file's order."""
    if isinstance(model, list | tuple):
        return [s for item in model for s in _sentences(item)]
    if not isinstance(model, BaseModel):
        return []
    found: list[str] = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, str):
            found += [value] if name in _SENTENCE_FIELDS else []
        elif name == "root_causes":  # plain sentences or {cause: ...}
            found += [c if isinstance(c, str) else c.cause for c in value]
        else:
            found += _sentences(value)
    return found


def _shown(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M" if isinstance(value, dt.datetime) else "%Y-%m-%d")
    return str(value)


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
    """What every template sees: the evidence, the language's say/todo/fact, and formatters."""
    violation = evidence.violation
    return {
        "ev": evidence,
        "v": violation,
        "stores": ", ".join(store(m) for m in evidence.marketplaces),
        "say": writer.say,
        "todo": writer.todo,
        "fact": writer.fact,
        "lang": writer.language,
        "zh": writer.language == "zh",
        "percent": percent,
        "store": store,
        "capitalised": capitalised,
        "is_rate": is_rate,
        "own_breaches": pass_context(lambda ctx: stated_breaches(evidence, ctx.get("notice"))),
        "paths": PATHS.get(violation.name, {}),
        "document_label": lambda kind: _document_label(kind, writer.language),
        "asin_documents": lambda notice: asin_documents(evidence, notice),
        "deadline_passed": lambda notice: deadline_passed(evidence, notice),
        "untranslated": untranslated_facts,
        "short": short,
    }


def stated_breaches(evidence: Evidence, notice: Notice | None) -> list[Breach]:
    """The violation's own findings, else what the notice states of it.

    HLT-012 watches product safety and food safety: each plan answers its own metric.
    Where the audit has no finding for the violation (its data predates the notice, or no
    rule measures it), a rate the notice states is the context the letter gives instead:
    the draft works from the notice, never from nothing.
    """
    violation = evidence.violation
    own = [b for b in evidence.breaches if not violation.metric or b.metric == violation.metric]
    metric = violation.metric or violation.name.replace("-", "_")
    if own or notice is None or notice.rate is None or not is_rate(metric):
        return own
    return [
        Breach(
            marketplace=notice.marketplace,
            channel=notice.channel,
            metric=metric,
            outcome="fail",
            value=notice.rate,
            limit=notice.target,
            window_days=notice.window_days,
            numerator=notice.defects,
            denominator=notice.orders,
            period_start=_shown(notice.period_start) if notice.period_start else None,
            period_end=_shown(notice.period_end) if notice.period_end else None,
        )
    ]


def _document_label(kind: str, language: str) -> str:
    known = REQUESTABLE.get(kind)
    return known.label.get(language) if known else kind.replace("_", " ")


@dataclass(frozen=True)
class AsinDocuments:
    """For one ASIN of the notice (None: the account), the requested documents the register
    holds that will do, and the requested kinds that have none that will."""

    asin: str | None
    sku: str | None
    usable: tuple[HeldDocument, ...]
    wanted: tuple[str, ...]


def asin_documents(evidence: Evidence, notice: Notice | None) -> list[AsinDocuments]:
    """Per ASIN of the notice, when the notice asks for documents: what the letter can say
    is attached, and what it must ask the seller for. Without the register's answer
    (`evidence.attachments`), every requested document is asked for."""
    kinds = list(dict.fromkeys(d.kind for d in notice.documents)) if notice else []
    if not kinds or notice is None:
        return []
    found = [
        AsinDocuments(
            a.asin,
            a.sku,
            tuple(d for d in a.usable if d.kind in kinds),
            tuple(k for k in kinds if not any(d.kind == k for d in a.usable)),
        )
        for a in evidence.attachments
    ]
    answered = {a.asin for a in evidence.attachments}
    asked: list[str | None] = [a for a in notice.asins if a not in answered]
    if not notice.asins and not found:
        asked = [None]  # the notice names no ASIN: the documents are the account's
    return found + [AsinDocuments(asin, None, (), tuple(kinds)) for asin in asked]


def deadline_passed(evidence: Evidence, notice: Notice | None) -> bool:
    """Whether the notice's deadline was before the day of the audit's evidence."""
    if notice is None or notice.deadline is None:
        return False
    return notice.deadline.date() < dt.date.fromisoformat(evidence.as_of)


def short(text: str, words: int = 8) -> str:
    """The first words of a sentence, to name it in a placeholder."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


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
        notes = _notes(evidence, facts, notice, [], None, 0, both_languages)
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
    notes = _notes(evidence, facts, notice, todos, lint, left_out, both_languages)
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
    facts: Facts,
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
                facts=facts,
                listings=[],
                uncovered_asins=[],
            )
        )
        for w in writers
    )
