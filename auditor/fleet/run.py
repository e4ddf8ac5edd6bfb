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
from auditor.api import Options, record_in_history
from auditor.errors import AuditorError
from auditor.fleet.cluster import cluster, require_dask
from auditor.fleet.entry import fleet_summary, store_entry
from auditor.fleet.plan import StorePlan, load_fleet, plan_stores, store_folder
from auditor.fleet.task import (
    Failed,
    Handover,
    Rendered,
    audit_store,
    describe,
    render_kept,
    report_name,
)
from auditor.model.fleet import Fleet
from auditor.model.notify import NotifyTarget
from auditor.model.portfolio import PORTFOLIO_VERSION
from auditor.packs.config import load_config
from auditor.writing import write_atomically

if TYPE_CHECKING:
    from auditor.model.config import Config
    from auditor.model.portfolio import Alert, Portfolio, PortfolioStore


#: Dask's priority of a render over the audits (default 0): higher runs first.
RENDER_FIRST = 10
#: How often, in seconds, a fleet with nothing finishing checks its pinned workers are alive.
WATCH_S = 5.0


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
    require_dask()
    fleet = load_fleet(options.fleet_file)
    # The fleet's own settings (history, language, alerts) as `auditor audit` reads them.
    settings = Options.resolve(options.config, history=options.history, language=options.language)
    config_path, config, history = settings.config_path, settings.config, settings.history
    language = settings.language.value
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
    """Submit every store's audit; record, render and write each store as it completes.

    The loop only ever takes results of finished tasks: a worker runs one task at a
    time, so a small question asked of a busy worker would stall every other store."""
    from distributed import wait

    # A scheduler's task keys are shared by every client it serves: this run's own token
    # keeps two fleets of the same store names on one cluster apart.
    token = uuid.uuid4().hex[:12]
    waiting: dict[Any, StorePlan] = {
        client.submit(
            audit_store,
            plan,
            f"{plan.name}-{token}" if history is not None else None,
            key=f"audit-{plan.name}-{token}",
            pure=False,
        ): plan
        for plan in plans
    }
    #: Renders bound to the worker that keeps their report, by that worker's address.
    pinned: dict[Any, str] = {}
    while waiting:
        try:
            done = wait(list(waiting), timeout=WATCH_S, return_when="FIRST_COMPLETED").done
        except TimeoutError:  # nothing finished for a while: is every pinned worker alive?
            _lost(client, waiting, pinned, entries, tally)
            continue
        for future in done:
            plan = waiting.pop(future)
            pinned.pop(future, None)
            try:
                outcome: Rendered | Handover | Failed = future.result()
            except Exception as error:  # the worker died, the task was cancelled
                outcome = Failed(plan.name, f"the audit did not finish: {describe(error)}")
            future.release()
            if isinstance(outcome, Handover):
                assert history is not None
                parts = record_in_history(history, *outcome.record)
                # Where the report is, and ahead of the audits still waiting there: each
                # worker renders (and lets go of) a store's report before its next store.
                rendered = client.submit(
                    render_kept,
                    outcome.key,
                    parts,
                    bool(targets[plan.name]),
                    key=f"render-{plan.name}-{token}",
                    pure=False,
                    workers=[outcome.worker],
                    allow_other_workers=False,
                    priority=RENDER_FIRST,
                )
                waiting[rendered] = plan
                pinned[rendered] = outcome.worker
            elif isinstance(outcome, Failed):
                entry = store_entry(plan.name, None, error=outcome.error)
                alerts = _alert_failure(history, plan, targets[plan.name], outcome.error, now)
                _finish(entries, entry, alerts, tally)
            else:
                _written(run, entries, plan, outcome, history, targets[plan.name], tally, now)


def _lost(
    client: Any,
    waiting: dict[Any, StorePlan],
    pinned: dict[Any, str],
    entries: dict[str, PortfolioStore],
    tally: _Tally,
) -> None:
    """Renders whose worker left the cluster (its report with it) fail, rather than wait
    for a worker that will never come back."""
    alive = set(client.scheduler_info().get("workers", {}))
    for future, worker in list(pinned.items()):
        if worker in alive:
            continue
        plan = waiting.pop(future)
        del pinned[future]
        future.cancel()
        error = "the worker that audited the store left the cluster before rendering it"
        _finish(entries, store_entry(plan.name, None, error=error), [], tally)


def _written(
    run: FleetRun,
    entries: dict[str, PortfolioStore],
    plan: StorePlan,
    rendered: Rendered,
    history: Path | None,
    targets: list[NotifyTarget],
    tally: _Tally,
    now: Callable[[], dt.datetime] | None,
) -> None:
    """A rendered store's reports written, its entry completed, its targets told."""
    folder = store_folder(run.folder, plan.name)
    run.written += _write_store(folder, rendered.files)
    entry = rendered.entry
    entry["reports"] = {
        fmt: (folder / report_name(fmt)).relative_to(run.folder).as_posix()
        for fmt in rendered.files
    }
    if plan.fetch_folder is not None and "fetched" in entry:
        entry["fetched"] = plan.fetch_folder.relative_to(run.folder.resolve()).as_posix()
    sent: list[Alert] = []
    if targets and history is not None and rendered.report is not None:
        shown = entry["reports"].get("html") or next(iter(entry["reports"].values()), None)
        sent = _alert_run(history, plan, targets, rendered.report, shown, run.folder, now)
    _finish(entries, entry, sent, tally)


def _finish(
    entries: dict[str, PortfolioStore],
    entry: PortfolioStore,
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
