"""The `auditor poa` commands as library functions: the CLI only parses and prints."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.api import Options, audit, read_report
from auditor.errors import AuditorError
from auditor.model.common import Language, normalise_marketplace
from auditor.model.tables import CanonicalTable
from auditor.outputs.render import environment
from auditor.poa.attachments import asin_evidence
from auditor.poa.draft import Draft, draft
from auditor.poa.evidence import Evidence, gather
from auditor.poa.facts import load_facts
from auditor.poa.lint import LintResult, lint_letter
from auditor.poa.notice import Notice, read_notice
from auditor.poa.violations import VIOLATIONS, ViolationType

if TYPE_CHECKING:
    from auditor.model.report import Report


def draft_plan(
    paths: list[Path],
    *,
    violation: str | None = None,
    report_file: Path | None = None,
    marketplace: str | None = None,
    notice_file: Path | None = None,
    facts_file: Path | None = None,
    both_languages: bool = False,
    options: Options | None = None,
    name: str = "draft",
) -> Draft:
    """Draft a plan of action from inputs (audited as `auditor audit` would) or a JSON report."""
    if bool(paths) == bool(report_file):
        raise AuditorError(
            "give input files or folders to audit, or --report REPORT.json (not both)"
        )
    options = options or Options()
    notice = read_notice(notice_file) if notice_file else None
    kind = _violation(violation, notice)
    facts = load_facts(facts_file)
    if facts.violation and facts.violation != kind.name:
        raise AuditorError(
            f"the facts file is for {facts.violation}, the plan for {kind.name}: "
            "use the facts written for this violation"
        )
    markets = _marketplaces(marketplace, notice)
    report, tables = _report(paths, report_file, options, Language.en)
    evidence = gather(report, kind, markets, notice=notice)
    _attach(evidence, tables, notice, options)
    chinese = None
    if both_languages and paths:  # a saved report has its findings in one language only
        chinese = gather(
            _report(paths, None, options, Language.zh)[0], kind, markets, notice=notice
        )
        chinese.attachments, chinese.register_read = evidence.attachments, evidence.register_read
    return draft(
        evidence,
        facts,
        notice,
        both_languages=both_languages,
        evidence_zh=chinese,
        name=name,
        options=options,
    )


def _violation(name: str | None, notice: Notice | None) -> ViolationType:
    if name is None:
        if notice is None or notice.violation is None:
            raise AuditorError(
                "which violation? give --violation TYPE (the notice did not name one): "
                + ", ".join(VIOLATIONS)
            )
        name = notice.violation
    if name not in VIOLATIONS:
        raise AuditorError(f"unknown violation {name!r}; one of: {', '.join(VIOLATIONS)}")
    return VIOLATIONS[name]


def _marketplaces(marketplace: str | None, notice: Notice | None) -> list[str]:
    if marketplace:
        code = normalise_marketplace(marketplace)
        if code is None:
            raise AuditorError(
                f"unknown marketplace {marketplace!r}: use a code such as US, DE, UK"
            )
        return [code]
    return [notice.marketplace] if notice and notice.marketplace else []


def _report(
    paths: list[Path], report_file: Path | None, options: Options, language: Language
) -> tuple[Report, dict[str, CanonicalTable]]:
    """The audit's report and the tables it read (none for a saved report)."""
    if report_file is None:
        # A draft's audit is evidence for one letter, not a periodic run: history is left alone.
        result = audit(paths, replace(options, language=language, history=None))
        return result.report, result.tables
    return read_report(report_file), {}


def _attach(
    evidence: Evidence,
    tables: dict[str, CanonicalTable],
    notice: Notice | None,
    options: Options,
) -> None:
    """Per ASIN, the documents the notice asks for, from the documents register audited.

    A saved report does not carry the register, so then the draft says it was not read
    rather than listing every document as missing."""
    if notice is None or not notice.documents or not tables:
        return
    documents, listings = tables.get("documents"), tables.get("listings")
    evidence.register_read = documents is not None
    evidence.attachments = asin_evidence(
        documents.frame if documents is not None else None,
        listings.frame if listings is not None else None,
        notice,
        dt.date.fromisoformat(evidence.as_of),
        options.seller.legal_name if options.seller else None,
    )


def facts_template(violation: str) -> str:
    """A commented FACTS.yaml for `violation`: every section it uses, with examples to replace."""
    if violation not in VIOLATIONS:
        raise AuditorError(f"unknown violation {violation!r}; one of: {', '.join(VIOLATIONS)}")
    return environment().get_template("poa/facts.yaml.j2").render(v=VIOLATIONS[violation])


def lint_file(
    path: Path,
    *,
    notice_file: Path | None = None,
    violation: str | None = None,
    options: Options | None = None,
    as_of: dt.date | None = None,
    draft: bool = False,
) -> LintResult:
    """Lint a plan of action file against the notice (its ASINs and requested documents,
    figures and deadline); the part after the notes marker of a draft is not the letter
    and is ignored. `draft`: placeholders warn instead of failing."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise AuditorError(f"cannot read the plan {path}: {error}") from None
    notice = read_notice(notice_file) if notice_file else None
    if violation and notice and notice.violation and notice.violation != violation:
        raise AuditorError(
            f"the notice is about {notice.violation}, not {violation}: check --violation"
        )
    return lint_letter(
        text, path.as_posix(), notice=notice, options=options, as_of=as_of, draft=draft
    )
