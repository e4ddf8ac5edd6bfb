"""`auditor fleet`: every store of FLEET.yaml audited on a Dask cluster, one roll-up.

The client plans (paths, date, formats), the workers fetch, audit and render (two tasks
per store, see task.py), and the client alone writes: each store's reports as they
arrive, its run in the history (one writer: SQLite is never written by two workers at
once), its alerts, and at the end the portfolio. A store that fails is a line of the
portfolio with its error; the others go on.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor import __version__
from auditor.api import record_in_history
from auditor.errors import AuditorError
from auditor.fleet.cluster import cluster
from auditor.fleet.entry import fleet_summary, store_entry
from auditor.fleet.plan import StorePlan, load_fleet, plan_stores, store_folder
from auditor.fleet.task import (
    Failed,
    Handover,
    Rendered,
    audit_store,
    describe,
    handover,
    render_store,
    report_name,
    report_of,
)
from auditor.model.fleet import Fleet
from auditor.model.notify import NotifyTarget
from auditor.model.portfolio import PORTFOLIO_VERSION
from auditor.packs.config import find_config, load_config
from auditor.writing import write_atomically

if TYPE_CHECKING:
    from auditor.model.config import Config
    from auditor.model.portfolio import Alert, Portfolio, PortfolioStore


@dataclass(frozen=True)
class Done:
    """One store finished, as the progress display is told."""

    name: str
    status: str
    score: float | None
    seconds: float
    error: str | None
    finished: int
    failed: int
    total: int
    #: What came of the store's alert targets (none without targets).
    alerts: tuple[Alert, ...] = ()


@dataclass
class FleetRun:
    portfolio: Portfolio
    folder: Path
    written: list[Path] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return self.portfolio["summary"]["exit_code"]


@dataclass(frozen=True)
class FleetOptions:
    """What `auditor fleet` was asked, resolved on the client."""

    fleet_file: Path
    output: Path
    formats: tuple[str, ...] = ("json", "html")
    config: Path | None = None
    scheduler: str | None = None
    workers: int | None = None
    as_of: dt.date | None = None
    history: Path | None = None
    language: str | None = None


def run_fleet(
    options: FleetOptions,
    progress: Callable[[Done], None] | None = None,
    now: Callable[[], dt.datetime] | None = None,
) -> FleetRun:
    """Audit every store of the fleet; write the reports, the history, the portfolio."""
    fleet = load_fleet(options.fleet_file)
    config_path = find_config(options.config)
    config = load_config(config_path)
    history = options.history or _configured_history(config, config_path)
    language = options.language or config.language.value
    as_of = options.as_of or dt.date.today()
    plans = plan_stores(
        fleet,
        options.fleet_file,
        default_config=config_path,
        as_of=as_of,
        formats=options.formats,
        output=options.output,
        language=options.language,
    )
    targets = _targets(fleet, plans, config)
    if any(targets.values()):
        if history is None:
            raise AuditorError(
                "alerts need a history (it remembers what was announced): give --history "
                "or set `history:` in the fleet's auditor.yaml"
            )
        from auditor.alerts import check_targets

        check_targets([t for ts in targets.values() for t in ts])
    if history is not None:  # a history that cannot be opened is said before any store runs
        from auditor.history.store import open_history

        with open_history(history):
            pass
    options.output.mkdir(parents=True, exist_ok=True)
    entries: dict[str, PortfolioStore] = {}
    run = FleetRun(portfolio={}, folder=options.output)  # type: ignore[typeddict-item]
    with cluster(options.scheduler, options.workers) as engine:
        finished = _Tally(len(plans), progress)
        _run(engine.client, plans, history, targets, run, entries, finished, now)
        scheduler, workers = engine.scheduler, engine.workers
    stores = [entries[p.name] for p in plans]
    run.portfolio = {
        "portfolio_version": PORTFOLIO_VERSION,
        "run": {
            "as_of": as_of.isoformat(),
            "tool_version": __version__,
            "language": language,
            "scheduler": scheduler,
            "workers": workers,
            "fleet": options.fleet_file.as_posix(),
            "history": history.as_posix() if history else None,
        },
        "summary": fleet_summary(stores),
        "areas": _areas(stores),
        "stores": stores,
    }
    _write_portfolio(run, options.formats, language)
    return run


def _configured_history(config: Config, path: Path | None) -> Path | None:
    if config.history is None:
        return None
    return (path.parent if path else Path.cwd()) / config.history


def _targets(fleet: Fleet, plans: list[StorePlan], config: Config) -> dict[str, list[NotifyTarget]]:
    """Each store's alert targets: its auditor.yaml's `notify:` (the fleet's when it has
    none of its own) and its own in FLEET.yaml, each URL once."""
    found: dict[str, list[NotifyTarget]] = {}
    for store, plan in zip(fleet.stores, plans, strict=True):
        own = config
        if store.config is not None and plan.config is not None:
            try:
                own = load_config(plan.config)
            except AuditorError:
                own = config  # the store fails on it when audited, naming the mistake
        listed = [*own.notify, *store.notify]
        found[store.name] = list({t.url: t for t in listed}.values())
    return found


class _Tally:
    """Stores finished and failed, told to the progress display."""

    def __init__(self, total: int, progress: Callable[[Done], None] | None) -> None:
        self.total, self.progress = total, progress
        self.finished = self.failed = 0
        self.started = time.monotonic()

    def done(self, entry: PortfolioStore) -> None:
        self.finished += 1
        self.failed += entry["status"] == "failed"
        if self.progress is not None:
            self.progress(
                Done(
                    entry["name"],
                    entry["status"],
                    entry["score"],
                    time.monotonic() - self.started,
                    entry["error"],
                    self.finished,
                    self.failed,
                    self.total,
                    tuple(entry.get("alerts", ())),
                )
            )


def _run(
    client: Any,
    plans: list[StorePlan],
    history: Path | None,
    targets: dict[str, list[NotifyTarget]],
    run: FleetRun,
    entries: dict[str, PortfolioStore],
    tally: _Tally,
    now: Callable[[], dt.datetime] | None,
) -> None:
    """Submit every store's audit; record, render and write each store as it completes."""
    from distributed import as_completed

    # A scheduler's task keys are shared by every client it serves: this run's own token
    # keeps two fleets of the same store names on one cluster apart.
    run_token = uuid.uuid4().hex[:12]
    audits = {
        client.submit(audit_store, plan, key=f"audit-{plan.name}-{run_token}", pure=False): plan
        for plan in plans
    }
    renders: dict[Any, tuple[StorePlan, Any]] = {}
    pending = as_completed(list(audits))
    for future in pending:
        if future in audits:
            plan = audits.pop(future)
            handed = _handed_over(client, future, plan, history is not None)
            if isinstance(handed, Failed):
                entry = store_entry(plan.name, None, error=handed.error)
                alerts = _alert_failure(history, plan, targets[plan.name], handed.error, now)
                _finish(run, entries, entry, {}, alerts, tally)
                continue
            parts = (
                record_in_history(history, *handed.record) if history and handed.record else None
            )
            rendered = client.submit(
                render_store, future, parts, key=f"render-{plan.name}-{run_token}", pure=False
            )
            renders[rendered] = (plan, future)
            pending.add(rendered)
            continue
        plan, audited = renders.pop(future)
        try:
            result: Rendered = future.result()
        except Exception as error:  # the worker died while rendering
            error_text = f"the reports were not rendered: {describe(error)}"
            entry = store_entry(plan.name, None, error=error_text)
            _finish(run, entries, entry, {}, [], tally)
            continue
        folder = store_folder(run.folder, plan.name)
        written = _write_store(folder, result.files)
        run.written += written
        entry = result.entry
        entry["reports"] = {
            fmt: (folder / report_name(fmt)).relative_to(run.folder).as_posix()
            for fmt in result.files
        }
        if plan.fetch_folder is not None and "fetched" in entry:
            entry["fetched"] = plan.fetch_folder.relative_to(run.folder.resolve()).as_posix()
        sent: list[Alert] = []
        if targets[plan.name] and history is not None:
            report = client.submit(report_of, audited, pure=False).result()
            shown = entry["reports"].get("html") or next(iter(entry["reports"].values()), None)
            sent = _alert_run(history, plan, targets[plan.name], report, shown, run.folder, now)
        del audited  # the report leaves the worker's memory
        _finish(run, entries, entry, result.files, sent, tally)


def _handed_over(client: Any, future: Any, plan: StorePlan, with_record: bool) -> Handover | Failed:
    """What the client needs of a finished audit, or Failed (also when its worker died)."""
    try:
        handed: Handover | Failed = client.submit(
            handover, future, with_record, pure=False
        ).result()
    except Exception as error:
        return Failed(plan.name, f"the audit did not finish: {describe(error)}")
    return handed


def _finish(
    run: FleetRun,
    entries: dict[str, PortfolioStore],
    entry: PortfolioStore,
    files: dict[str, str | bytes],
    alerts: list[Alert],
    tally: _Tally,
) -> None:
    if alerts:
        entry["alerts"] = alerts
    entries[entry["name"]] = entry
    tally.done(entry)


def _write_store(folder: Path, files: dict[str, str | bytes]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt, content in files.items():
        target = folder / report_name(fmt)
        write_atomically(target, content)
        written.append(target)
    return written


def _alert_run(
    history: Path,
    plan: StorePlan,
    targets: list[NotifyTarget],
    report: Any,
    shown: str | None,
    folder: Path,
    now: Callable[[], dt.datetime] | None,
) -> list[Alert]:
    from auditor.alerts import notify_run

    path = (folder / shown).as_posix() if shown else None
    return notify_run(history, plan.name, report, targets, path, now=now() if now else None)


def _alert_failure(
    history: Path | None,
    plan: StorePlan,
    targets: list[NotifyTarget],
    error: str,
    now: Callable[[], dt.datetime] | None,
) -> list[Alert]:
    if not targets or history is None:
        return []
    from auditor.alerts import notify_failure

    language = plan.language or "en"
    return notify_failure(history, plan.name, error, targets, language, now=now() if now else None)


def _areas(stores: list[PortfolioStore]) -> list[Any]:
    """The grid's columns: every area a store's report has, in the order they appear."""
    return list(dict.fromkeys(area for entry in stores for area in entry["areas"]))


def _write_portfolio(run: FleetRun, formats: tuple[str, ...], language: str) -> None:
    """portfolio.json always; its renderings in the formats asked for that have one."""
    from auditor.outputs.portfolio import FORMATS, render_portfolio

    for fmt in ["json", *(f for f in formats if f in FORMATS and f != "json")]:
        target = run.folder / f"portfolio.{FORMATS[fmt]}"
        write_atomically(target, render_portfolio(run.portfolio, fmt, language))
        run.written.append(target)
