"""Periodic audits: the commands that read history (diff, trend, review, list) and the
one that fills it from files saved before the tool was adopted (import).

They sit above `api` as the plan-of-action commands do: each resolves which store
and which runs it means, opens the history file, and hands plain data to a renderer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from auditor.api import Options, audit_tables, load_rules, metric_limits
from auditor.errors import AuditorError, Problem
from auditor.history.diff import compare
from auditor.history.limits import MetricLimit
from auditor.history.review import review
from auditor.history.store import History, RunInfo, open_history
from auditor.history.trend import known_metric, series
from auditor.ingest.assemble import read_inputs
from auditor.model.vocab import METRIC_ALIASES, metric_name
from auditor.translate import retell

if TYPE_CHECKING:
    from auditor.model.report import RunRef, SinceLast, Trend

#: Days a review looks back over.
PERIODS = {"week": 7, "month": 30}
#: The format `history import` accepts: what Amazon's seller performance report reads as.
SELLER_PERFORMANCE_FORMAT = "sp-api-seller-performance"


def _history_path(options: Options) -> Path:
    if options.history is None:
        raise AuditorError(
            "no history file: give --history PATH, or set `history:` in auditor.yaml"
        )
    if not options.history.exists():
        raise AuditorError(
            f"history {options.history} does not exist yet: audit with --history first"
        )
    return options.history


def choose_store(options: Options, given: bool) -> Options:
    """The options with the store a reading command means: the one given (`given`: by
    --store or `store:` in auditor.yaml), else the history's only store. A history of
    several stores, none given, is a usage error that lists them."""
    if given or options.history is None or not options.history.exists():
        return options
    with open_history(options.history) as history:
        stores = history.stores()
    if len(stores) > 1:
        raise AuditorError(
            f"{options.history} holds the runs of {len(stores)} stores ({', '.join(stores)}): "
            "name one with --store (or `store:` in auditor.yaml)"
        )
    return replace(options, store=stores[0]) if stores else options


def _limits(options: Options) -> dict[str, MetricLimit]:
    return metric_limits(load_rules(options)[1])


def _runs(history: History, store: str) -> list[RunInfo]:
    runs = history.runs(store)
    if not runs:
        stores = ", ".join(history.stores()) or "none"
        raise AuditorError(f"store {store!r} has no runs in {history.path} (stores: {stores})")
    return runs


def list_runs(options: Options, every_store: bool = False) -> list[RunRef]:
    """The recorded runs (of the options' store, or of every store), oldest first."""
    with open_history(_history_path(options)) as history:
        runs = history.runs(None if every_store else options.store)
        return [r.as_dict() for r in runs]


def diff_runs(
    options: Options, since: dt.date | None = None, refs: tuple[str, str] | None = None
) -> SinceLast:
    """What changed: between two named runs, since a date, or (neither) the store's
    latest run against the one before it."""
    limits = _limits(options)
    with open_history(_history_path(options)) as history:
        runs = _runs(history, options.store)
        before: RunInfo | None
        if refs:
            before, after = (history.find(options.store, ref) for ref in refs)
        else:
            after = runs[-1]
            if since is not None:
                before = history.latest_on_or_before(options.store, since) or runs[0]
            else:
                before = runs[-2] if len(runs) > 1 else None
        if before is not None and before.key == after.key:
            before = None
        found = compare(history.load(before) if before else None, history.load(after), limits)
    retell(found, options.language, options.rule_dirs)
    return found


def trend(
    options: Options, metric: str, marketplace: str | None = None, last: int | None = None
) -> list[Trend]:
    """Every series of `metric` (a name of the catalogue, or a short name such as odr)
    in the store, with its limit and projection."""
    if not known_metric(metric_name(metric)):
        raise AuditorError(
            f"unknown metric {metric!r}: use score, <area>_score, acos or an account metric "
            "such as order_defect_rate (auditor schema account_metrics lists them), or a "
            f"short name: {', '.join(METRIC_ALIASES)}"
        )
    metric = metric_name(metric)
    limits = _limits(options)
    with open_history(_history_path(options)) as history:
        _runs(history, options.store)
        found = series(history, options.store, metric, limits, marketplace=marketplace, last=last)
    if not found:
        where = f" in {marketplace}" if marketplace else ""
        raise AuditorError(f"no value of {metric}{where} in store {options.store!r}'s history")
    return found


def business_review(
    options: Options, period: Literal["week", "month"], as_of: dt.date | None = None
) -> dict[str, Any]:
    """The weekly (or monthly) business review of the store, from its history."""
    limits = _limits(options)
    with open_history(_history_path(options)) as history:
        _runs(history, options.store)
        found = review(history, options.store, PERIODS[period], limits, as_of=as_of)
    retell(found, options.language, options.rule_dirs)
    return found | {"period": period}


def import_reports(paths: list[Path], options: Options) -> list[dict[str, Any]]:
    """Record seller performance reports saved before auditor was adopted, each at its own
    report date (the end of its latest reporting window), as runs of source `import`.

    Each file is audited alone with the account-health rules that apply to it, so an
    imported run has the scores, findings and metric values that file supports, and
    nothing it cannot (its listings area stays not assessed).
    """
    if options.history is None:
        raise AuditorError(
            "no history file: give --history PATH, or set `history:` in auditor.yaml"
        )
    packs, rules = load_rules(options)
    recorded: list[dict[str, Any]] = []
    named = [(p, True) for p in paths if p.is_file()]
    found = [(f, False) for p in paths if p.is_dir() for f in sorted(p.rglob("*")) if f.is_file()]
    for path, explicit in named + found:
        tables, results = read_inputs([path], options.marketplace)
        result = results[0]
        if result.format != SELLER_PERFORMANCE_FORMAT:
            read_as = result.format or f"unrecognised: {result.skipped}"
            message = f"{path}: not a seller performance report (read as {read_as})"
            if explicit:
                raise AuditorError(message)
            recorded.append({"path": path.as_posix(), "skipped": message})
            continue
        table = tables.get("account_metrics")
        ends = table.frame["period_end"].dropna() if table is not None else []
        if len(ends) == 0:
            raise AuditorError(f"{path}: no reporting window gives the report's date")
        as_of = options.as_of or dt.date.fromisoformat(str(max(ends))[:10])
        run_options = replace(options, as_of=as_of)
        report = audit_tables(tables, results, packs, rules, run_options, source="import").report
        recorded.append(
            {"path": path.as_posix(), "as_of": as_of.isoformat(), "run_id": report["run"]["id"]}
        )
    if not any("run_id" in r for r in recorded):
        raise AuditorError(
            "no seller performance report to import",
            [Problem(r["path"], r["skipped"].split(": ", 1)[1]) for r in recorded],
        )
    return recorded
