"""The library entry point: `audit(paths, ...)` -> report, usable without the CLI.

It joins the stages (ingest -> engine -> score) and resolves options, where the
command-line flags win over auditor.yaml, which wins over the defaults.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypedDict, cast

import pandas as pd

from auditor import __version__
from auditor.engine.checks.measures import ThresholdParams
from auditor.engine.evaluate import RuleRun, evaluate, native_list
from auditor.engine.suppress import SuppressionResult, apply_suppressions
from auditor.errors import AuditorError, Problem
from auditor.history.limits import MetricLimit, Op
from auditor.history.store import DEFAULT_STORE
from auditor.ingest.account import account_context, account_tables, amazon_account
from auditor.ingest.assemble import read_inputs
from auditor.ingest.files import display_name, shown_names
from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult
from auditor.ingest.seller import with_seller_facts
from auditor.model.common import (
    ENTITY_LABEL_FIELDS,
    SCHEMA_VERSION,
    SEVERITY_RANK,
    SEVERITY_RANK_OF,
    Language,
    Severity,
    normalise_marketplace,
)
from auditor.model.config import Config, Seller
from auditor.model.rules import Area, LoadedPack, PackedRule
from auditor.model.tables import TABLES, CanonicalTable
from auditor.outputs.i18n import translate_with
from auditor.outputs.wording import not_applicable_text, word_findings, word_headroom
from auditor.packs.config import find_config, load_config
from auditor.packs.examples import ExampleFailure, run_examples
from auditor.packs.loader import load_packs
from auditor.packs.selection import select_rules
from auditor.packs.suppressions import find_suppressions, load_suppressions
from auditor.resources import rules_dir
from auditor.score import AT_RISK_BELOW, Tally, summarise

if TYPE_CHECKING:
    from auditor.history.store import RunRecord
    from auditor.model.report import (
        Finding,
        InputFile,
        Metric,
        Report,
        RuleInfo,
        SinceLast,
        Suppressions,
        Trend,
    )

    class HistoryParts(TypedDict):
        """What history adds to a report: the change since the store's last run, the trends."""

        since_last: SinceLast
        trends: list[Trend]


#: Exit codes, defined once and never repurposed.
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@dataclass
class Options:
    """Everything that shapes an audit; `resolve` merges flags over the config file."""

    config: Config = field(default_factory=Config)
    config_path: Path | None = None
    rule_dirs: list[Path] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    marketplace: str | None = None
    skus: list[str] = field(default_factory=list)
    as_of: dt.date | None = None
    language: Language = Language.en
    fail_on: Severity = Severity.high
    strict: bool = False
    #: Lowest severity whose unknown findings gate like failures (None: unknowns never gate).
    fail_on_unknown: Severity | None = None
    #: The history file runs are recorded in (None: no history), and the store they belong to.
    history: Path | None = None
    store: str = DEFAULT_STORE
    #: The suppressions file in use (--suppressions, else .auditor-suppressions.yaml
    #: beside the config when present); None: no suppressions, no report section.
    suppressions: Path | None = None
    #: Read links in an audited folder that lead out of it (to regular files only).
    follow_links: bool = False

    @classmethod
    def resolve(
        cls,
        config_file: Path | None = None,
        *,
        cwd: Path | None = None,
        rule_dirs: list[Path] | None = None,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        marketplace: str | None = None,
        skus: list[str] | None = None,
        as_of: dt.date | None = None,
        language: str | None = None,
        fail_on: str | None = None,
        strict: bool | None = None,
        fail_on_unknown: str | None = None,
        history: Path | None = None,
        no_history: bool = False,
        store: str | None = None,
        suppressions: Path | None = None,
        search: bool = True,
    ) -> Options:
        """The options of flags over `config_file` (default: ./auditor.yaml, or `cwd`'s).
        `search=False`: `config_file` is the whole answer, no folder is looked in for a
        config or suppressions file (a fleet's worker, whose folder is not the user's)."""
        path = find_config(config_file, cwd) if search else config_file
        config = load_config(path)
        base = path.parent if path else Path.cwd()
        market = marketplace or config.default_marketplace
        if market is not None:
            code = normalise_marketplace(market)
            if code is None:
                raise AuditorError(
                    f"unknown marketplace {market!r}: use an Amazon country code such as US, UK, DE, JP"
                )
            market = code
        return cls(
            config=config,
            config_path=path,
            rule_dirs=[base / d for d in config.rule_dirs] + list(rule_dirs or []),
            select=list(select or []) or list(config.select),
            ignore=[*config.disable, *(ignore or [])],
            marketplace=market,
            skus=list(skus or []),
            as_of=as_of,
            language=Language(language) if language else config.language,
            fail_on=Severity(fail_on) if fail_on else config.fail_on,
            strict=config.strict if strict is None else strict,
            fail_on_unknown=Severity(fail_on_unknown)
            if fail_on_unknown
            else config.fail_on_unknown,
            history=None
            if no_history
            else history or (base / config.history if config.history else None),
            store=store or config.store or DEFAULT_STORE,
            suppressions=find_suppressions(suppressions, path, cwd)
            if search or path is not None
            else suppressions,
        )

    @property
    def seller(self) -> Seller | None:
        """The seller facts of the store audited: its profile's `seller:` under `stores:`
        when it has one (--store NAME, or `store:`, naming the profile), else the
        top-level `seller:`."""
        return self.config.seller_for(self.store)

    def as_report_options(self) -> dict[str, Any]:
        return {
            "select": self.select,
            "ignore": self.ignore,
            "marketplace": self.marketplace,
            "marketplaces": self.config.marketplaces,
            "skus": self.skus,
            "fail_on": self.fail_on.value,
            "strict": self.strict,
            "fail_on_unknown": self.fail_on_unknown.value if self.fail_on_unknown else None,
            "overrides": sorted(self.config.overrides),
        }


@dataclass
class AuditResult:
    report: Report
    exit_code: int
    #: The canonical tables audited (a plan of action reads the documents register from them).
    tables: dict[str, CanonicalTable] = field(default_factory=dict, repr=False)


#: Which packs a command uses: an audit never runs the plan-of-action pack, the lint
#: runs only that, and the `rules` commands show and test every pack.
RuleScope = Literal["audit", "poa", "all"]


def load_rules(
    options: Options, scope: RuleScope = "audit"
) -> tuple[list[LoadedPack], list[PackedRule]]:
    """The packs and selected rules of `scope`; the options' ids are checked against every
    pack, so one auditor.yaml (`disable: [LST-002]`) serves both the audit and the lint."""
    dirs = ([rules_dir()] if options.config.bundled_rules else []) + options.rule_dirs
    every = load_packs(dirs)
    rules = select_rules(
        every,
        options.select,
        options.ignore,
        options.config.rule_overrides(),
        origin=str(options.config_path or "options"),
    )

    def in_scope(area: Area) -> bool:
        return scope == "all" or (area is Area.poa) == (scope == "poa")

    return [p for p in every if in_scope(p.pack.area)], [r for r in rules if in_scope(r.area)]


#: The stages of an audit, in order, as `audit` tells its `progress` callback.
STAGES = ("reading", "evaluating")


def audit(
    paths: list[Path] | list[str],
    options: Options | None = None,
    progress: Callable[[str], None] | None = None,
) -> AuditResult:
    """Audit the files and folders in `paths`; the report is the JSON contract as data.

    `progress` is told each stage as it starts (one of STAGES): the command line shows
    it beside a spinner, a library user may log it."""
    options = options or Options()
    tell = progress or (lambda stage: None)
    tell("reading")
    packs, rules = load_rules(options)
    tables, files = read(paths, options)
    tell("evaluating")
    return audit_tables(tables, files, packs, rules, options)


def read(
    paths: list[Path] | list[str], options: Options
) -> tuple[dict[str, CanonicalTable], list[FileResult]]:
    """The inputs of `paths` read into canonical tables as an audit reads them (a file
    named on the command line must be read, a `--sku` must name a listing), before any
    rule: the first half of `audit`, for a command that needs the tables themselves
    (`auditor preview` sends the listings to Amazon)."""
    tables, files = read_inputs([Path(p) for p in paths], options.marketplace, options.follow_links)
    check_named_files([Path(p) for p in paths], files)
    check_skus(tables, options)
    return tables, files


def check_skus(tables: dict[str, CanonicalTable], options: Options) -> None:
    """`--sku` naming a SKU no input has is the user's mistake (a typo), not an empty audit."""
    left = set(options.skus)
    for table in tables.values():
        if left and "sku" in table.frame:
            column = table.frame["sku"]
            left -= set(column[column.isin(list(left))])
    missing = [sku for sku in dict.fromkeys(options.skus) if sku in left]
    if missing:
        raise AuditorError(
            translate_with("cli_sku_not_found", options.language.value, skus=", ".join(missing))
        )


def word_runs(runs: list[RuleRun], language: Language) -> None:
    """Every finding of `runs` worded in `language`: its message, its headroom's sentence
    (the summary's headroom items share those of the findings, and are worded too)."""
    rules = {r.packed.rule.id: r.packed.rule for r in runs}
    word_findings([f for r in runs for f in r.findings], rules, language)
    for item in (h for r in runs for h in r.headroom):
        word_headroom(item, item["headroom"], language)


def read_report(path: Path) -> Report:
    """A JSON report saved by `auditor audit --format json`, checked to be one this version
    reads (a plan of action and `auditor render` start from it)."""
    try:
        report = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise AuditorError(f"cannot read the report {path}: {error}") from None
    if not isinstance(report, dict) or not {"run", "findings"} <= set(report):
        raise AuditorError(f"{path} is not an auditor JSON report (auditor audit --format json)")
    if report.get("schema_version") != SCHEMA_VERSION:
        raise AuditorError(
            f"{path} is a report of schema {report.get('schema_version')!r}; this version reads "
            f"schema {SCHEMA_VERSION!r}: audit the inputs again"
        )
    return cast("Report", report)


def check_named_files(paths: list[Path], files: list[FileResult]) -> None:
    """A file named on the command line must be read: one that yields nothing is the
    user's mistake (a typo, the wrong download), not a skip. Files found in a folder
    may be anything and are listed as skipped instead."""
    named = {
        display_name(Path(shown))
        for path, shown in zip(paths, shown_names(paths), strict=True)
        if not path.is_dir()
    }
    unread = [Problem(f.path, f.skipped) for f in files if f.path in named and f.skipped]
    if unread:
        raise AuditorError("a file named on the command line could not be read", unread)


def audit_tables(
    tables: dict[str, CanonicalTable],
    files: list[FileResult],
    packs: list[LoadedPack],
    rules: list[PackedRule],
    options: Options,
    source: str = "audit",
) -> AuditResult:
    """Audit tables already read (the second half of `audit`, timed apart by the benchmark)."""
    options.language = Language(options.language)
    as_of = options.as_of or dt.date.today()
    if not any(f.frame is not None for f in files):
        reasons = [Problem(f.path, f.skipped or "no usable rows") for f in files]
        raise AuditorError("no input could be read", reasons)
    tables = in_scope(tables, options)
    if "listings" in tables:
        tables["listings"] = with_seller_facts(tables["listings"], options.seller)
    # The account's own facts (auditor.yaml's seller:, the inventory's countries) as tables.
    amazon = amazon_account(tables.get("amazon_account"))
    tables.update(account_tables(options.config, options.store, tables.get("inventory"), amazon))
    runs = evaluate(rules, tables, as_of)
    # The findings in words, at the edge: the engine emits codes and values only.
    word_runs(runs, options.language)
    waived = None
    if options.suppressions is not None:  # before the tallies: suppressed findings never count
        loaded = load_suppressions(options.suppressions)
        mine = [e for e in loaded.entries if e.entry.store in (None, options.store)]
        waived = (loaded.path, apply_suppressions(runs, mine, as_of))
    findings = sorted((f for r in runs for f in r.findings), key=_finding_order)
    tallies = [
        Tally(
            r.packed.rule.id,
            r.packed.area.value,
            _tally_severity(r),
            r.counts,
            r.packed.consequence,
            sum(n["entities"] for n in r.not_checked),
        )
        for r in runs
        if not r.not_applicable
    ]
    not_applicable = [
        {
            "rule_id": r.packed.rule.id,
            "reason": not_applicable_text(r.not_applicable, as_of.isoformat(), options.language),
            **r.not_applicable,
        }
        for r in runs
        if r.not_applicable
    ]
    areas = list(dict.fromkeys(p.pack.area.value for p in packs))
    summary = summarise(
        tallies,
        not_applicable,
        findings,
        areas,
        options.fail_on,
        options.strict,
        fail_on_unknown=options.fail_on_unknown,
        weights=options.config.weights(),
        listings=_listing_count(tables),
        headroom=[h for r in runs for h in r.headroom],
        not_checked=[
            {
                "rule_id": r.packed.rule.id,
                "area": r.packed.area.value,
                "severity": r.packed.rule.base_severity.value,
                **note,
            }
            for r in runs
            for note in r.not_checked
        ],
    )
    report: Report = {
        "schema_version": SCHEMA_VERSION,
        "run": {
            "id": _run_id(files, packs, options, as_of),
            "as_of": as_of.isoformat(),
            "tool_version": __version__,
            "language": options.language.value,
            "options": options.as_report_options(),
            # Which settings shaped the run, and from where: a config or suppressions
            # file is never picked up from an audited folder unseen.
            "config": _shown_path(options.config_path),
            "suppressions_file": _shown_path(options.suppressions),
            "rule_packs": [
                {
                    "name": p.pack.name,
                    "version": p.pack.version,
                    "area": cast("Area", p.pack.area.value),  # the name, as JSON holds it
                    "path": _display(p.path),
                    "sha256": p.sha256,
                    "rules": len(p.pack.rules),
                }
                for p in packs
            ],
            "inputs": cast("list[InputFile]", [f.as_dict() for f in files]),
        },
        "summary": summary,
        # The engine's findings are plain dicts; from here on they are the contract's.
        "findings": cast("list[Finding]", findings),
        "metrics": account_metrics(tables),
        "rules": [_rule_info(r, options.language) for r in rules],
    }
    if waived is not None:  # only when a suppressions file is in use
        report["suppressions"] = _suppressions_section(*waived)
    if options.history is not None:
        remember(report, tables, files, rules, options, source)
    return AuditResult(report, EXIT_FINDINGS if summary["gate"]["failed"] else EXIT_OK, tables)


def remember(
    report: Report,
    tables: dict[str, CanonicalTable],
    files: list[FileResult],
    rules: list[PackedRule],
    options: Options,
    source: str = "audit",
) -> None:
    """Record the run in `options.history`, then add what changed since the store's
    previous run (`since_last`) and the key metrics' trends to the report."""
    assert options.history is not None
    record = history_record(report, tables, files, options.store, source)
    parts = record_in_history(
        options.history, record, metric_limits(rules), options.language, options.rule_dirs
    )
    report["since_last"], report["trends"] = parts["since_last"], parts["trends"]


def history_record(
    report: Report,
    tables: dict[str, CanonicalTable],
    files: list[FileResult],
    store: str,
    source: str = "audit",
) -> RunRecord:
    """What the run leaves in history: the report's parts, the documents register and the
    advertising metrics of its tables (plain data: a fleet's worker builds it, the one
    writer of the history records it)."""
    from auditor.history.record import run_record

    return run_record(
        report,
        store,
        inputs=[{"path": f.path, "format": f.format, "sha256": f.sha256} for f in files],
        documents=document_register(tables),
        extra_metrics=advertising_metrics(tables),
        source=source,
    )


def record_in_history(
    history: Path,
    record: RunRecord,
    limits: dict[str, MetricLimit],
    language: Language,
    rule_dirs: list[Path],
) -> HistoryParts:
    """Write `record` to `history`; what changed since the store's previous run and the key
    metrics' trends, in `language`, for its report."""
    # Imported here: an audit without history need not load the diff and the report models.
    from auditor.history.diff import compare
    from auditor.history.store import open_history
    from auditor.history.trend import key_trends
    from auditor.translate import retell

    with open_history(history) as opened:
        info = opened.record(record)
        previous = opened.previous(info)
        since_last = compare(opened.load(previous) if previous else None, opened.load(info), limits)
        trends = key_trends(opened, record.store, limits, until=info.as_of)
    # The previous runs' findings in this run's language (recorded in another, perhaps).
    retell(since_last, language, rule_dirs)
    return {"since_last": since_last, "trends": trends}


def metric_limits(rules: list[PackedRule]) -> dict[str, MetricLimit]:
    """Each account metric's limit, from the threshold rule that holds it (the first
    rule when several do; a rule naming several metrics holds each), and the overall
    score's at-risk band."""
    limits = {"score": MetricLimit("score", "score", "lt", AT_RISK_BELOW)}
    for packed in rules:
        check = packed.rule.check
        if not isinstance(check, ThresholdParams) or check.metric is None or check.fail is None:
            continue  # a warn-only rule advises: history draws no limit for it
        fail = check.fail[0] if isinstance(check.fail, list) else check.fail
        warn = check.warn[0] if isinstance(check.warn, list) else check.warn
        for metric in [check.metric] if isinstance(check.metric, str) else check.metric:
            limits.setdefault(
                metric,
                MetricLimit(
                    metric,
                    packed.rule.id,
                    cast(Op, fail.op),
                    fail.limit,
                    warn.limit if warn else None,
                ),
            )
    return limits


def document_register(tables: dict[str, CanonicalTable]) -> list[dict[str, Any]]:
    """The documents register as history keeps it: what each document is and when it expires."""
    table = tables.get("documents")
    if table is None or table.frame.empty:
        return []
    columns = ["document_type", "identifier", "sku", "asin", "brand", "marketplace", "expires_on"]
    frame = table.frame.reindex(columns=columns)
    data = {c: native_list(frame[c]) for c in columns}
    return [dict(zip(columns, row, strict=True)) for row in zip(*data.values(), strict=True)]


def advertising_metrics(tables: dict[str, CanonicalTable]) -> list[dict[str, Any]]:
    """Account-level ACoS per marketplace (spend / 7-day sales over the search-term report),
    a metric no Amazon report states but every seller tracks week by week."""
    table = tables.get("ad_search_terms")
    if table is None or table.frame.empty or not {"spend", "sales_7d"} <= set(table.provided):
        return []
    frame = table.frame[["marketplace", "spend", "sales_7d"]].copy()
    frame["marketplace"] = frame["marketplace"].astype("string").fillna("")
    totals = frame.groupby("marketplace", sort=True)[["spend", "sales_7d"]].sum()
    return [
        {
            "marketplace": str(market),
            "metric": "acos",
            "value": float(spend / sales),
            "numerator": float(spend),
            "denominator": float(sales),
        }
        for market, spend, sales in zip(
            totals.index, totals["spend"], totals["sales_7d"], strict=True
        )
        if market and sales > 0
    ]


def _suppressions_section(path: str, result: SuppressionResult) -> Suppressions:
    """The report's `suppressions`: waived findings in report order, expired and stale
    suppressions in file order."""
    return cast(
        "Suppressions",
        {
            "file": path,
            "suppressed": sorted(result.suppressed, key=_finding_order),
            "expired": result.expired,
            "stale": result.stale,
        },
    )


def account_metrics(tables: dict[str, CanonicalTable]) -> list[Metric]:
    """Every account metric read, passing or not, with its counts and source.

    Findings hold only the metrics a rule flagged; a plan of action needs the rest
    (an order defect rate's split into negative feedback, claims and chargebacks) and
    history keeps every value for trends.
    """
    table = tables.get("account_metrics")
    if table is None or table.frame.empty:
        return []
    frame = table.frame
    columns = [c for c in (*TABLES["account_metrics"].columns, "_file", "_row") if c in frame]
    data = {c: native_list(frame[c]) for c in columns}
    rows = []
    for values in zip(*data.values(), strict=True):
        record = dict(zip(columns, values, strict=True))
        source = {"file": record.pop("_file", None), "row": record.pop("_row", None)}
        rows.append({k: v for k, v in record.items() if v is not None} | {"source": source})
    return cast(
        "list[Metric]",
        sorted(
            rows,
            key=lambda r: (
                r["marketplace"],
                r["metric"],
                r.get("channel", ""),
                r.get("subject", ""),
                r.get("window_days", 0),
            ),
        ),
    )


def _tally_severity(run: RuleRun) -> Severity:
    """The severity a rule is weighed at in the scores. A rule whose severity varies by
    marketplace is weighed at the most severe of its findings (its default where it has
    none): the score never understates a failure in the store where it matters most."""
    rule = run.packed.rule
    if not isinstance(rule.severity, dict) or not run.findings:
        return rule.base_severity
    return max((Severity(f["severity"]) for f in run.findings), key=SEVERITY_RANK.__getitem__)


def _rule_info(packed: PackedRule, language: Language) -> RuleInfo:
    rule = packed.rule
    info: RuleInfo = {
        "rule_id": rule.id,
        "name": rule.name,
        "area": packed.area.value,
        "severity": rule.base_severity.value,
        "applies_to": rule.applies_to,
        "why": " ".join(rule.why.get(language).split()),
        "fix": " ".join(rule.fix.get(language).split()),
        "source_url": rule.source.url,
        "confidence": rule.source.confidence.value,
    }
    if rule.statement is not None:
        info["statement"] = " ".join(rule.statement.get(language).split())
    if isinstance(rule.severity, dict):
        info["severity_by_marketplace"] = {k: v.value for k, v in rule.severity.items()}
    return info


def inspect_files(paths: list[Path], marketplace: str | None = None) -> list[dict[str, Any]]:
    """What each file reads as, for `auditor inspect`: the input entry plus its table parts."""
    market = Options.resolve(marketplace=marketplace).marketplace
    items = []
    for path in paths:
        result = read_file(path, path.as_posix(), market)
        item = result.as_dict() | {
            "unmapped": result.unmapped,
            "default_marketplace": market,
            "marketplace_column": any("marketplace" in p.provided for p in result.parts),
        }
        item["parts"] = [
            {"table": p.table, "rows": len(p.frame), "mapped": sorted(p.provided)}
            for p in result.parts
        ]
        items.append(item)
    return items


def in_scope(tables: dict[str, CanonicalTable], options: Options) -> dict[str, CanonicalTable]:
    """The tables cut to what the options audit: `--sku`, and the configured marketplaces."""
    result = {}
    for name, table in tables.items():
        frame = table.frame
        # Tables of listings (listings, their issues, inventory, fees, traffic) and of the
        # account: the registers' blank sku/marketplace widen a row's scope, so they stay whole.
        kind = TABLES[name].entity_type if name in TABLES else None
        if options.skus and "sku" in frame and kind == "listing":
            frame = frame[frame["sku"].isin(options.skus)]
        if (
            options.config.marketplaces
            and "marketplace" in frame
            and kind in ("listing", "account")
        ):
            frame = frame[frame["marketplace"].isin(options.config.marketplaces)]
        result[name] = table.with_frame(frame)
    return result


def _listing_count(tables: dict[str, CanonicalTable]) -> int:
    """Distinct listings (sku, or asin without a sku, per marketplace) in the listing tables."""
    keys: set[tuple[str, str, str]] = set()
    for name, table in tables.items():
        frame = table.frame
        if name not in TABLES or TABLES[name].entity_type != "listing" or frame.empty:
            continue
        columns = [c for c in ("sku", "asin", "marketplace") if c in frame]
        if "sku" not in columns and "asin" not in columns:
            continue
        part = frame[columns].astype("string").fillna("").drop_duplicates()
        sku = part["sku"] if "sku" in part else pd.Series("", index=part.index)
        asin = part["asin"].where(sku == "", "") if "asin" in part else ""
        market = part.get("marketplace", "")
        keyed = pd.DataFrame({"sku": sku, "asin": asin, "marketplace": market})
        keyed = keyed[(keyed["sku"] != "") | (keyed["asin"] != "")]
        keys.update(keyed.itertuples(index=False, name=None))
    return len(keys)


def _finding_order(finding: dict[str, Any]) -> tuple[Any, ...]:
    get = finding["entity"].get
    return (
        -SEVERITY_RANK_OF[finding["severity"]],
        finding["rule_id"],
        *[str(v) if (v := get(k)) else "" for k in ENTITY_LABEL_FIELDS],
        finding["detail"] or "",
    )


def _shown_path(path: Path | None) -> str | None:
    """A settings file as a report names it: relative to the current directory where it
    lies below it, so reports do not depend on where a checkout sits."""
    if path is None:
        return None
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _display(path: str) -> str:
    """Bundled packs are named relative to the rules folder, so reports do not depend on the install path."""
    bundled = rules_dir().as_posix()
    return "bundled:" + path[len(bundled) + 1 :] if path.startswith(bundled + "/") else path


def _run_id(
    files: list[FileResult], packs: list[LoadedPack], options: Options, as_of: dt.date
) -> str:
    digest = hashlib.sha256()
    for f in files:
        digest.update(f"{f.path}\0{f.sha256}\0".encode())
    for p in packs:
        digest.update(f"{p.pack.name}\0{p.sha256}\0".encode())
    digest.update(json.dumps(options.as_report_options(), sort_keys=True).encode())
    # Where history is kept, under which store, in which language the report speaks and
    # where alerts go do not change what the run found (a report renders in any language:
    # auditor render).
    # The store profiles only matter through the seller facts they give the store audited
    # (a config without profiles keeps the identity it had before they existed).
    config = options.config.model_dump(
        mode="json", exclude={"history", "store", "language", "stores", "notify"}
    )
    seller = options.seller
    config["seller"] = seller.model_dump(mode="json") if seller is not None else None
    # ... and, with seller facts, through the account table: the store's name and seller
    # id, and which other stores share its facts (ACC-005).
    if seller is not None:
        config["account"] = account_context(options.config, options.store)
    digest.update(json.dumps(config, sort_keys=True).encode())
    if options.suppressions is not None and options.suppressions.is_file():
        # Which findings are waived changes the report, so it changes the run's identity.
        digest.update(hashlib.sha256(options.suppressions.read_bytes()).digest())
    digest.update(as_of.isoformat().encode())
    return digest.hexdigest()[:16]


def test_rules(options: Options, as_of: dt.date) -> tuple[int, list[ExampleFailure]]:
    """Run every selected rule's examples; returns how many ran and what failed."""
    _, rules = load_rules(options, "all")
    failures: list[ExampleFailure] = []
    count = 0
    for packed in rules:
        count += sum(len(v) for v in packed.rule.examples.by_outcome().values())
        failures.extend(run_examples(packed, as_of))
    return count, failures


__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "AuditResult", "Options", "audit"]
