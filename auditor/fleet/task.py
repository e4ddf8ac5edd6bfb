"""What a Dask worker does for one store: fetch (when asked), audit, render.

Without a history, one task per store: `audit_store` audits and renders, and only the
rendered files (and the store's line of the portfolio) travel to the client, which
writes them. With a history, the report must wait for what the history adds to it
(since_last, trends), which the client alone writes and reads: `audit_store` keeps the
report in its worker's memory (`KEPT`) and returns the run's record; the client records
it and asks `render_kept`, on the same worker, to render the report where it is. A
worker runs one task at a time, so the client never waits on a worker for a result:
every result is a task's own. A store that cannot be audited returns a `Failed` naming
why, so one broken store never stops the others.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.api import (
    Options,
    audit_tables,
    history_record,
    load_rules,
    metric_limits,
    read,
)
from auditor.errors import AuditorError
from auditor.fleet.entry import store_entry
from auditor.fleet.plan import StorePlan

if TYPE_CHECKING:
    from auditor.api import HistoryParts
    from auditor.history.limits import MetricLimit
    from auditor.history.store import RunRecord
    from auditor.model.common import Language
    from auditor.model.portfolio import PortfolioStore
    from auditor.model.report import Report


@dataclass
class Failed:
    """A store that could not be audited, and why (as the user would read it)."""

    name: str
    error: str


@dataclass
class Audited:
    """A store's audit, kept on its worker until it is rendered."""

    name: str
    report: Report
    exit_code: int
    #: What the client records in the history, and what it needs to compare with the past.
    record: RunRecord
    limits: dict[str, MetricLimit]
    language: Language
    rule_dirs: list[Path]
    formats: tuple[str, ...]
    #: The folder a fetch wrote, and the reports of it that failed (the store is partial).
    fetched: Path | None = None
    fetch_failures: list[str] = field(default_factory=list)

    def for_history(self) -> tuple[RunRecord, dict[str, MetricLimit], Language, list[Path]]:
        """The parts the client records (the report itself stays here)."""
        return self.record, self.limits, self.language, self.rule_dirs


@dataclass
class Rendered:
    """A store's reports, rendered, and its line in the portfolio."""

    name: str
    entry: PortfolioStore
    files: dict[str, str | bytes]
    exit_code: int
    #: The report itself, only when the client's alerts need it.
    report: Report | None = None


#: Reports kept on this worker for `render_kept`, by the key their `Handover` names,
#: with when they were kept.
KEPT: dict[str, tuple[float, Audited]] = {}
#: A kept report whose render never came (its client died) is let go after this many
#: seconds, so a long-lived worker of a shared cluster does not hold it for ever.
KEPT_FOR_S = 3600.0


def audit_store(plan: StorePlan, keep: str | None = None) -> Rendered | Handover | Failed:
    """Fetch (a `fetch:` store), read and audit one store as `auditor audit` would; then
    render it, or (`keep`: a key) keep it here for the history's parts and hand over."""
    try:
        audited = _audit(plan)
    except AuditorError as error:
        return Failed(plan.name, str(error))
    except Exception as error:  # a reader's bug must not take the fleet down with it
        return Failed(plan.name, f"unexpected {describe(error)}")
    if keep is None:
        return render_audited(audited, None)
    from distributed import get_worker

    _let_go_of_stale(time.monotonic())
    KEPT[keep] = (time.monotonic(), audited)
    return Handover(plan.name, keep, get_worker().address, audited.for_history())


def _let_go_of_stale(now: float) -> None:
    for key, (since, _) in list(KEPT.items()):
        if now - since > KEPT_FOR_S:
            del KEPT[key]


def render_kept(key: str, history: HistoryParts | None, with_report: bool) -> Rendered | Failed:
    """Render the report `audit_store` kept here under `key`, with the history's parts;
    `with_report`: the report travels too (the client's alerts read it)."""
    kept = KEPT.pop(key, None)
    if kept is None:  # let go of, or the worker that audited it restarted
        return Failed(key, "the worker that audited the store no longer holds its report")
    audited = kept[1]
    rendered = render_audited(audited, history)
    if with_report:
        rendered.report = audited.report
    return rendered


def _audit(plan: StorePlan) -> Audited:
    options = Options.resolve(
        plan.config,
        search=False,
        marketplace=plan.marketplace,
        as_of=plan.as_of,
        language=plan.language,
        store=plan.name,
        no_history=True,
    )
    missing = [
        shown for path, shown in zip(plan.inputs, plan.written, strict=True) if not path.exists()
    ]
    if missing:
        raise AuditorError(f"no such file or folder: {', '.join(missing)}")
    inputs = list(plan.inputs)
    fetched, failures = None, []
    if plan.fetch is not None:
        from auditor.fetch.command import fetch_store

        done = fetch_store(options.config, plan.fetch, folder=plan.fetch_folder)
        fetched = done.folder
        failures = [f"{r.name} ({r.marketplace or '-'}): {r.error}" for r in done.failed]
        inputs.insert(0, done.folder)
    packs, rules = load_rules(options)
    tables, files = read(inputs, options)
    result = audit_tables(tables, files, packs, rules, options)
    return Audited(
        name=plan.name,
        report=result.report,
        exit_code=result.exit_code,
        record=history_record(result.report, result.tables, files, plan.name),
        limits=metric_limits(rules),
        language=options.language,
        rule_dirs=options.rule_dirs,
        formats=plan.formats,
        fetched=fetched,
        fetch_failures=failures,
    )


@dataclass
class Handover:
    """A store audited and kept on its worker (`worker`, under `key`) for the history."""

    name: str
    key: str
    worker: str
    record: tuple[RunRecord, dict[str, MetricLimit], Language, list[Path]]


def render_audited(audited: Audited, history: HistoryParts | None) -> Rendered:
    """The store's reports in its formats (with what the history added), and its entry."""
    from auditor.outputs.render import render

    report = audited.report
    if history is not None:
        report["since_last"], report["trends"] = history["since_last"], history["trends"]
    language = report["run"]["language"]
    files = {fmt: render(report, fmt, language) for fmt in audited.formats}
    error = "; ".join(audited.fetch_failures) or None
    entry = store_entry(
        audited.name,
        report,
        error=f"fetch failed for {error}" if error else None,
        fetched=audited.fetched,
    )
    exit_code = 3 if error else audited.exit_code
    return Rendered(audited.name, entry, files, exit_code)


def report_name(fmt: str) -> str:
    """The file a store's report in `fmt` is written to, in its folder."""
    from auditor.outputs.render import FORMATS

    return f"report.{FORMATS[fmt]}"


def describe(value: Any) -> str:
    """A failed task's exception as one line (a worker that died, a task cancelled)."""
    text = str(value).splitlines()[0][:200] if str(value) else ""
    return f"{type(value).__name__}{': ' + text if text else ''}"
