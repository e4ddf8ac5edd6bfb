"""The command line: parses arguments, calls the library, picks the renderer, sets the exit code.

Exit codes: 0 no gating failure, 1 at least one, 2 usage error / invalid rules or
config / no readable input. A user's mistake prints a located message, never a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from auditor import __version__
from auditor.errors import AuditorError
from auditor.model.preview import DEFAULT_LIMIT as PREVIEW_LIMIT
from auditor.model.tables import TABLES
from auditor.model.vocab import METRIC_ALIASES
from auditor.poa.violations import VIOLATIONS
from auditor.writing import write_atomically

if TYPE_CHECKING:
    from auditor.fetch.command import FetchRun
    from auditor.model.report import Report

F = TypeVar("F", bound=Callable[..., Any])
SEVERITIES = ["critical", "high", "medium", "low", "info"]
SCHEMA_KINDS = ["rules", "report", "config", "facts", "suppressions", "fleet", "portfolio", *TABLES]
#: `--format` choices: the keys of auditor.outputs.render.FORMATS, listed here so that
#: `auditor --help` does not import the renderers.
FORMAT_CHOICES = [
    "table",
    "json",
    "md",
    "csv",
    "xlsx",
    "junit",
    # ---- html: the html format adds its choice on the next line: "html", ----
    "html",
]


def _split(values: tuple[str, ...]) -> list[str]:
    """`--select A,B --select C` -> [A, B, C]."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def user_errors(function: F) -> F:
    """Show an AuditorError as its located message and exit 2."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except AuditorError as error:
            from auditor.outputs.controls import visible

            label = _say("cli_error", kwargs.get("lang") or "en")
            # A problem names files from the audited folders: their names (and anything
            # else from the data) are shown with control characters made visible, one
            # line per problem, so a file name cannot write to the terminal.
            lines = [visible(error.summary), *(f"  {visible(str(p))}" for p in error.problems)]
            click.echo(f"{label}: " + "\n".join(lines), err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


def _say(key: str, language: str, **values: Any) -> str:
    """One of the command line's own messages, in the language asked for."""
    from auditor.outputs.i18n import translate_with

    return translate_with(key, language, **values)


class Progress:
    """A spinner with the stage and elapsed time on stderr, only when stderr is a terminal.

    It appears after `delay` seconds, so short audits print nothing, and it clears
    its line when done; stdout (the report) is never touched, so a pipe or a file
    gets exactly the report.
    """

    FRAMES = "|/-\\"

    def __init__(self, language: str, delay: float = 0.5) -> None:
        import threading

        self.language, self.delay = language, delay
        self.enabled = sys.stderr.isatty()
        self.stage = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._shown = False

    def __enter__(self) -> Progress:
        if self.enabled:
            self._thread.start()
        return self

    def step(self, key: str) -> None:
        self.stage = _say(key, self.language)

    def _run(self) -> None:
        import time

        start = time.monotonic()
        if self._stop.wait(self.delay):
            return
        frame = 0
        while not self._stop.is_set():
            elapsed = time.monotonic() - start
            sys.stderr.write(f"\r{self.FRAMES[frame % 4]} {self.stage} … {elapsed:.0f}s\x1b[K")
            sys.stderr.flush()
            self._shown, frame = True, frame + 1
            self._stop.wait(0.1)

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self._stop.set()
            self._thread.join()
            if self._shown:
                sys.stderr.write("\r\x1b[K")
                sys.stderr.flush()


def _colour(stream: Any) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("NO_COLOR")


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date as YYYY-MM-DD") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def main() -> None:
    """Audit Amazon seller accounts and listings against declarative rule packs."""


def run() -> None:
    """The `auditor` command: `main`, then an exit that skips the interpreter's teardown.

    Once the report is written nothing is left to do but free memory, and CPython's
    teardown of pandas, numpy and pydantic takes about 0.13 s whatever was audited:
    a tenth of auditing a 20,000-line listings report. Files and the history database
    are closed by then (every one is opened in a `with` block); the two output streams
    are flushed here. An error nobody foresaw ends with one line and exit 2, never 1
    (the gate's "findings" code) and never a traceback; AUDITOR_DEBUG=1 shows it.
    """
    try:
        main()
        code: int = 0
    except SystemExit as stop:  # click ends every command this way
        if stop.code is None or isinstance(stop.code, int):
            code = stop.code or 0
        else:  # sys.exit("message"): what Python would print, with the usage status
            print(stop.code, file=sys.stderr)
            code = 2
    except KeyboardInterrupt:
        code = 130
    except BaseException as error:  # also a panic in a Rust library (pyo3's PanicException)
        if os.environ.get("AUDITOR_DEBUG"):
            raise
        from auditor.outputs.controls import visible

        first = visible(str(error).splitlines()[0][:200]) if str(error) else ""
        print(
            f"error: unexpected {type(error).__name__}{': ' + first if first else ''} "
            "(please report it; AUDITOR_DEBUG=1 shows where)",
            file=sys.stderr,
        )
        code = 2
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`auditor ... | head`)
            stream.flush()
    os._exit(code)


config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    help="auditor.yaml to use (default: ./auditor.yaml).",
)


def rules_option(
    help: str = "Extra folder or file of rule packs (repeatable).",
) -> Callable[[F], F]:
    """`--rules DIR` (repeatable), with the help a command gives it: one option, said its way."""
    return click.option(
        "--rules",
        "rule_dirs",
        multiple=True,
        type=click.Path(exists=True, path_type=Path),
        help=help,
    )


def folder_option(help: str) -> Callable[[F], F]:
    """`-o FOLDER`: where a command that writes several files puts them, said its way."""
    return click.option(
        "-o", "--output", type=click.Path(file_okay=False, path_type=Path), help=help
    )


lang_option = click.option(
    "--lang", type=click.Choice(["en", "zh"]), help="Language of messages and reports."
)
history_option = click.option(
    "--history",
    type=click.Path(dir_okay=False, path_type=Path),
    help="SQLite history file (default: `history:` in auditor.yaml).",
)
store_option = click.option(
    "--store",
    help="The seller account in history (default: `store:` in auditor.yaml; reading a "
    "history that holds one store, that one; else default). A store profile's name "
    "(`stores:` in auditor.yaml) also applies that profile's `seller:` facts.",
)


#: The report formats and where they go: `audit` writes them, `render` writes them again.
report_formats_option = click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(FORMAT_CHOICES),
    help="Output format (repeatable; default table): table, json, md, csv, xlsx, junit (.xml).",
)
report_output_option = click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="File (one format) or folder (several)."
)


def history_source(function: F) -> F:
    """--history, --store and --config: which history file, and which store in it, a
    command reads (diff, trend, review, history list and import)."""
    return history_option(store_option(config_option(function)))


#: The options that shape an audit and its report, in the order `--help` lists them:
#: `audit` and `preview` both take them all (each adds its own `--store`).
AUDIT_OPTIONS = [
    config_option,
    rules_option(),
    click.option(
        "--select",
        multiple=True,
        help="Only these rule ids or prefixes (comma-separated, repeatable).",
    ),
    click.option("--ignore", multiple=True, help="Skip these rule ids or prefixes."),
    click.option(
        "--marketplace", help="Marketplace for inputs that do not name one (US, UK, DE, ...)."
    ),
    click.option("--sku", "skus", multiple=True, help="Audit only this SKU (repeatable)."),
    report_formats_option,
    report_output_option,
    lang_option,
    click.option("--as-of", callback=_date, help="Audit date YYYY-MM-DD (default: today)."),
    click.option(
        "--fail-on",
        type=click.Choice(SEVERITIES),
        help="Lowest severity whose failures exit 1 (default high).",
    ),
    click.option(
        "--strict/--no-strict", default=None, help="Let warn findings gate the exit code too."
    ),
    click.option(
        "--fail-on-unknown",
        type=click.Choice(SEVERITIES),
        help="Lowest severity whose unknown findings exit 1 like failures (default: never).",
    ),
    click.option(
        "--suppressions",
        type=click.Path(path_type=Path),
        help="Accepted findings (default: .auditor-suppressions.yaml beside the config; "
        "schema: auditor schema suppressions).",
    ),
    history_option,
    click.option(
        "--no-history", is_flag=True, help="Do not record this run, whatever auditor.yaml says."
    ),
    click.option(
        "-v", "--verbose", is_flag=True, help="Table: list every finding, metric and listing."
    ),
    click.option(
        "--follow-links",
        is_flag=True,
        help="Read links in a folder that lead out of it (to regular files only).",
    ),
]


def audit_options(function: F) -> F:
    """Every option of AUDIT_OPTIONS, for a command that audits and reports as `audit` does."""
    for option in reversed(AUDIT_OPTIONS):
        function = option(function)
    return function


def _audit_options(store: str | None, given: dict[str, Any]) -> Any:
    """The audit's Options from AUDIT_OPTIONS' values (`given`) and the store."""
    from auditor.api import Options

    options = Options.resolve(
        given["config_file"],
        rule_dirs=list(given["rule_dirs"]),
        select=_split(given["select"]),
        ignore=_split(given["ignore"]),
        marketplace=given["marketplace"],
        skus=list(given["skus"]),
        as_of=given["as_of"],
        language=given["lang"],
        fail_on=given["fail_on"],
        strict=given["strict"],
        fail_on_unknown=given["fail_on_unknown"],
        suppressions=given["suppressions"],
        history=given["history"],
        no_history=given["no_history"],
        store=store,
    )
    options.follow_links = given["follow_links"]
    return options


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@audit_options
@store_option
@click.option(
    "--notify",
    is_flag=True,
    help="Send what is new to auditor.yaml's `notify:` targets (needs a history, which "
    "remembers what was announced). Without it an audit sends nothing.",
)
@user_errors
def audit(paths: tuple[Path, ...], store: str | None, notify: bool, **given: Any) -> None:
    """Audit PATH... (files, or folders whose files are recognised by content)."""
    from auditor.ingest.workbooks import read_ahead

    # Before the heavy imports: a large workbook parses while the tool starts up.
    read_ahead(paths, given["follow_links"])
    from auditor.api import audit as audit_paths

    options = _audit_options(store, given)
    language = options.language.value
    output = given["output"]
    chosen, targets = _chosen_formats(given["formats"], output, language)
    alert_targets = _alert_targets(options, language, asked=True) if notify else []
    with Progress(language) as progress:
        result = audit_paths(
            [Path(p) for p in paths], options, progress=lambda stage: progress.step(f"cli_{stage}")
        )
        progress.step("cli_rendering")
        rendered = _rendered(result.report, chosen, language, output, given["verbose"])
    _emit_reports(rendered, targets, language)
    _send_alerts(options, result.report, alert_targets, targets, language)
    sys.exit(result.exit_code)


def _alert_targets(options: Any, language: str, asked: bool = False) -> list[Any]:
    """The `notify:` targets of the run, checked before any work (Apprise installed, every
    variable set, no secret in clear). Sending needs the history: it is what remembers
    what each target was told. `asked`: --notify, which needs targets to send to."""
    targets = list(options.config.notify)
    if not targets:
        if asked:
            raise AuditorError(_say("cli_notify_no_targets", language))
        return []
    if options.history is None:
        raise AuditorError(_say("cli_notify_needs_history", language))
    from auditor.alerts import check_targets

    check_targets(targets)
    return targets


def _send_alerts(
    options: Any, report: Report, alert_targets: list[Any], written: dict[str, Path], language: str
) -> None:
    """Send the run's news (after its reports are written, so the path named exists) and
    say what came of each target on stderr; a failed send never changes the exit code."""
    if not alert_targets:
        return
    from auditor.alerts import alert_line, notify_run
    from auditor.outputs.controls import visible

    path = written.get("html") or next(iter(written.values()), None)
    shown = path.as_posix() if path is not None else None
    for alert in notify_run(options.history, options.store, report, alert_targets, shown):
        click.echo(visible(alert_line(alert, language)), err=True)


def _rendered(
    report: Report, formats: list[str], language: str, output: Path | None, verbose: bool
) -> list[tuple[str, str | bytes]]:
    from auditor.outputs.render import render

    colour = output is None and _colour(sys.stdout.buffer)
    return [(f, render(report, f, language, color=colour, verbose=verbose)) for f in formats]


def _emit_reports(
    rendered: list[tuple[str, str | bytes]], targets: dict[str, Path], language: str
) -> None:
    """Each rendered format to its file (named on stderr), or to stdout without one."""
    for fmt, content in rendered:
        _emit(content, targets.get(fmt), language)


def _chosen_formats(
    formats: tuple[str, ...], output: Path | None, language: str
) -> tuple[list[str], dict[str, Path]]:
    """The formats asked for (default: the table) and the file of each, checked before any
    work: several formats need a folder, a binary one a file unless piped."""
    from auditor.outputs.render import BINARY

    chosen = list(dict.fromkeys(formats)) or ["table"]
    if len(chosen) > 1 and output is None:
        raise AuditorError(_say("cli_need_folder", language))
    # the binary side of stdout (CliRunner provides one too)
    if output is None and chosen[0] in BINARY and sys.stdout.buffer.isatty():
        raise AuditorError(_say("cli_binary_needs_file", language, fmt=chosen[0]))
    return chosen, _report_targets(output, chosen)


profile_option = click.option(
    "--store", required=True, help="The store profile to fetch (`stores:` in auditor.yaml)."
)


@main.command()
@profile_option
@config_option
@click.option(
    "--reports",
    multiple=True,
    help="Reports to fetch, comma-separated (default: all): performance, all-listings, "
    "listings-items, product-types, fba-inventory, fba-fees, sales-traffic, feedback, returns, "
    "account, search-terms.",
)
@click.option(
    "--marketplace", "marketplaces", multiple=True, help="Only this marketplace (repeatable)."
)
@click.option("--since", callback=_date, help="Window start YYYY-MM-DD (reports that take one).")
@click.option("--until", callback=_date, help="Window end YYYY-MM-DD (default: yesterday).")
@click.option(
    "--product-type",
    "product_types",
    multiple=True,
    help="A product type whose definition to fetch (product-types), comma-separated or "
    "repeated, beside those of the seller's listings, e.g. LUGGAGE.",
)
@click.option(
    "--locale",
    default="DEFAULT",
    show_default=True,
    help="Language of the product type definitions' titles and value names, e.g. zh_CN "
    "(DEFAULT: the marketplace's own).",
)
@folder_option("Folder to write to (default: auditor-data/<store>/<date>/).")
@lang_option
@user_errors
def fetch(
    store: str,
    config_file: Path | None,
    reports: tuple[str, ...],
    marketplaces: tuple[str, ...],
    since: dt.date | None,
    until: dt.date | None,
    product_types: tuple[str, ...],
    locale: str,
    output: Path | None,
    lang: str | None,
) -> None:
    """Fetch a store's reports through Amazon's APIs into a folder that `auditor audit`
    reads as it is (exit 3 when some report failed: the rest are written)."""
    done = _fetch(
        store, config_file, _split(reports), list(marketplaces), since, until, output, lang,
        _split(product_types), locale,
    )  # fmt: skip
    sys.exit(done.exit_code)


def _fetch(
    store: str,
    config_file: Path | None,
    reports: list[str],
    marketplaces: list[str],
    since: dt.date | None,
    until: dt.date | None,
    folder: Path | None,
    lang: str | None,
    product_types: list[str] | None = None,
    locale: str = "DEFAULT",
) -> FetchRun:
    """Fetch, then say on stderr what came of each report and where the manifest is."""
    from auditor.fetch.command import fetch_store
    from auditor.packs.config import find_config, load_config

    config = load_config(find_config(config_file))
    done = fetch_store(
        config,
        store,
        names=reports or None,
        marketplaces=marketplaces or None,
        since=since,
        until=until,
        folder=folder,
        product_types=product_types,
        locale=locale,
    )
    from auditor.outputs.controls import visible

    language = lang or config.language.value
    for record in done.records:
        why = "_why" if record.status == "cancelled" and record.error else ""
        line = _say(
            f"fetch_{record.status}{why}",
            language,
            name=record.name,
            marketplace=record.marketplace or "-",
            file=record.file,
            error=record.error,
        )
        click.echo(visible(line), err=True)
    click.echo(_say("cli_wrote", language, path=done.folder / "fetch.json"), err=True)
    return done


@main.command("run")
@profile_option
@config_option
@history_option
@folder_option(
    "Folder of the run (default: auditor-data/<store>/<date>/): the fetched "
    "documents in fetched/, the reports beside it."
)
@report_formats_option
@lang_option
@user_errors
def run_store(
    store: str,
    config_file: Path | None,
    history: Path | None,
    output: Path | None,
    formats: tuple[str, ...],
    lang: str | None,
) -> None:
    """Fetch a store's reports, audit them and record the run in the history: one
    command for a cron job or a scheduled CI job. What is new is sent to auditor.yaml's
    `notify:` targets. Exits as `audit` does, or 3 when the fetch was partial."""
    from auditor.api import Options
    from auditor.api import audit as audit_paths
    from auditor.fetch.command import EXIT_PARTIAL, default_folder

    folder = output or default_folder(store, dt.datetime.now(dt.UTC).date())
    options = Options.resolve(config_file, history=history, store=store, language=lang)
    language = options.language.value
    alert_targets = _alert_targets(options, language)  # before the fetch: no wasted calls
    done = _fetch(store, config_file, [], [], None, None, folder / "fetched", lang)
    chosen, targets = _chosen_formats(formats or ("json", "html"), folder, language)
    result = audit_paths([done.folder], options)
    _emit_reports(_rendered(result.report, chosen, language, folder, False), targets, language)
    _send_alerts(options, result.report, alert_targets, targets, language)
    sys.exit(EXIT_PARTIAL if done.exit_code == EXIT_PARTIAL else result.exit_code)


@main.command()
@click.argument("fleet_file", metavar="FLEET.yaml", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes of a local Dask cluster, one thread each (default: one per core).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on an existing Dask cluster (tcp://HOST:PORT) instead; its workers must see "
    "the stores' files at the same absolute paths.",
)
@folder_option(
    "Folder of the portfolio and of stores/<name>/ (default: auditor-data/fleet/<date>/)."
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice([f for f in FORMAT_CHOICES if f != "table"]),
    help="Formats of each store's report and of the portfolio (repeatable; default json and "
    "html; portfolio.json is always written).",
)
@click.option(
    "--as-of", callback=_date, help="Audit date YYYY-MM-DD for every store (default: today)."
)
@history_option
@config_option
@lang_option
@user_errors
def fleet(
    fleet_file: Path,
    workers: int | None,
    scheduler: str | None,
    output: Path | None,
    formats: tuple[str, ...],
    as_of: dt.date | None,
    history: Path | None,
    config_file: Path | None,
    lang: str | None,
) -> None:
    """Audit every store of FLEET.yaml on a Dask cluster, each as `auditor audit` would,
    into stores/<name>/ and one portfolio (portfolio.json, .html, ...). Exits 3 when a
    store failed (the rest are written), else 1 when a store's findings gate, else 0."""
    import time

    from auditor.fleet.progress import FleetProgress
    from auditor.fleet.run import FleetOptions, run_fleet

    if workers is not None and scheduler is not None:
        raise AuditorError(
            "--workers sizes a local cluster; with --scheduler the cluster's own workers run the stores"
        )
    if not fleet_file.is_file():
        raise AuditorError(f"fleet file not found: {fleet_file}")
    day = as_of or dt.date.today()
    options = FleetOptions(
        fleet_file=fleet_file,
        output=output or Path("auditor-data") / "fleet" / day.isoformat(),
        formats=tuple(dict.fromkeys(formats)) or ("json", "html"),
        config=config_file,
        scheduler=scheduler,
        workers=workers,
        as_of=day,
        history=history,
        language=lang,
    )
    from auditor.fleet.plan import load_fleet
    from auditor.packs.config import find_config, load_config

    language = lang or load_config(find_config(config_file)).language.value
    started = time.monotonic()
    with FleetProgress(len(load_fleet(fleet_file).stores), language) as progress:
        done = run_fleet(options, progress)
    summary, run = done.portfolio["summary"], done.portfolio["run"]
    counts = {k: summary[k] for k in ("stores", "audited", "partial", "failed", "gated")}
    line = _say(
        "fleet_done",
        language,
        **counts,
        scheduler=run["scheduler"],
        workers=run["workers"],
        seconds=f"{time.monotonic() - started:.0f}",
    )
    click.echo(line, err=True)
    click.echo(_say("cli_wrote", language, path=done.folder / "portfolio.json"), err=True)
    sys.exit(done.exit_code)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--store",
    required=True,
    help="The store profile whose access asks Amazon (`stores:` in auditor.yaml); also "
    "the store the run is recorded under in the history.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=PREVIEW_LIMIT,
    show_default=True,
    help="Send at most this many listings; the rest are reported as not previewed.",
)
@audit_options
@user_errors
def preview(paths: tuple[Path, ...], store: str, limit: int, **given: Any) -> None:
    """Ask Amazon to validate the listings of PATH... (putListingsItem in VALIDATION_PREVIEW
    mode: nothing is created) and audit them with its answers: the issues Amazon raises are
    LST-023 findings. Its answers go into -o's folder (preview/), by default
    auditor-data/<store>/<date>/preview/. Exits as `audit` does, or 3 when some listing
    got no answer from Amazon."""
    from auditor.fetch.preview_command import preview_store

    options = _audit_options(store, given)
    language = options.language.value
    output = given["output"]
    chosen, targets = _chosen_formats(given["formats"], output, language)
    folder = _preview_folder(output, targets)
    done = preview_store([Path(p) for p in paths], options, store, limit=limit, folder=folder)
    _tell_preview(done, limit, language)
    _emit_reports(
        _rendered(done.audit.report, chosen, language, output, given["verbose"]), targets, language
    )
    sys.exit(done.exit_code)


def _preview_folder(output: Path | None, targets: dict[str, Path]) -> Path | None:
    """Where Amazon's answers go: preview/ in -o's folder (-o itself when it is the folder
    of several reports, else the folder of its file); None: the default folder."""
    if output is None:
        return None
    folder = output if output not in targets.values() else output.parent
    return folder / "preview"


#: How many listings not previewed stderr names one by one (the report lists them all).
SHOWN_NOT_PREVIEWED = 20


def _tell_preview(done: Any, limit: int, language: str) -> None:
    """What came of the preview, on stderr: per marketplace, then each listing not previewed."""
    from collections import Counter

    from auditor.outputs.controls import visible

    by_marketplace: dict[str | None, list[Any]] = {}
    for outcome in done.preview.outcomes:
        by_marketplace.setdefault(outcome.prepared.marketplace, []).append(outcome)
    for marketplace, outcomes in by_marketplace.items():
        answered = [o for o in outcomes if o.status is not None]
        statuses = Counter(o.status for o in answered)
        line = _say(
            "preview_marketplace",
            language,
            marketplace=marketplace or "-",
            answered=len(answered),
            statuses=", ".join(f"{n} {s}" for s, n in sorted(statuses.items())) or "-",
            issues=sum(o.issues for o in answered),
            left=len(outcomes) - len(answered),
        )
        click.echo(visible(line), err=True)
    left = [o for o in done.preview.outcomes if o.status is None]
    for outcome in left[:SHOWN_NOT_PREVIEWED]:
        line = _say(
            "preview_not_previewed",
            language,
            sku=outcome.prepared.sku or "-",
            marketplace=outcome.prepared.marketplace or "-",
            why=outcome.why_not,
        )
        click.echo(visible(line), err=True)
    if len(left) > SHOWN_NOT_PREVIEWED:
        more = len(left) - SHOWN_NOT_PREVIEWED
        click.echo(_say("preview_more", language, n=more), err=True)
    if done.preview.over_limit:
        click.echo(
            _say("preview_over_limit", language, n=done.preview.over_limit, limit=limit), err=True
        )
    click.echo(_say("cli_wrote", language, path=done.folder / "fetch.json"), err=True)


@main.command("render")
@click.argument("report_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@report_formats_option
@report_output_option
@click.option("--lang", type=click.Choice(["en", "zh"]), help="Language (default: the report's).")
@rules_option("The run's own rule packs, to render its findings in another language.")
@click.option("-v", "--verbose", is_flag=True, help="Table: list every finding.")
@user_errors
def render_report(
    report_file: Path,
    formats: tuple[str, ...],
    output: Path | None,
    lang: str | None,
    rule_dirs: tuple[Path, ...],
    verbose: bool,
) -> None:
    """Render a saved JSON report (auditor audit --format json) in any format and language,
    as the audit would have written it; exit 0 once written (the gate is the audit's)."""
    from auditor.api import read_report
    from auditor.translate import translate

    report = read_report(report_file)
    language = lang or report["run"]["language"]
    chosen, targets = _chosen_formats(formats, output, language)
    report = translate(report, language, list(rule_dirs))
    _emit_reports(_rendered(report, chosen, language, output, verbose), targets, language)


def _report_targets(output: Path | None, formats: list[str]) -> dict[str, Path]:
    """Where each format goes: `-o FILE` for one format, `report.<ext>` inside `-o FOLDER`
    for several, or for one when the folder already exists. Decided before the audit, so
    a run is never recorded in the history and then fail to write its report."""
    from auditor.outputs.render import FORMATS

    if output is None:
        return {}
    if len(formats) > 1 or output.is_dir():
        return {fmt: output / f"report.{FORMATS[fmt]}" for fmt in formats}
    return {formats[0]: output}


@main.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--marketplace", help="Marketplace for files that do not name one.")
@user_errors
def inspect(files: tuple[Path, ...], marketplace: str | None) -> None:
    """Show what auditor sees in FILE: format, encoding, marketplace, columns, rows, rejections."""
    from auditor.api import inspect_files
    from auditor.outputs.render import render_inspection

    for item in inspect_files(list(files), marketplace):
        click.echo(render_inspection(item), nl=False)


@main.group()
def rules() -> None:
    """List, show, validate, test and document rule packs."""


def _rule_options(
    config_file: Path | None, rule_dirs: tuple[Path, ...], only: Path | None = None
) -> Any:
    from auditor.api import Options

    options = Options.resolve(config_file, rule_dirs=list(rule_dirs))
    if only is not None:  # `rules validate PATH`: just that file or folder
        options.config = options.config.model_copy(update={"bundled_rules": False})
        options.rule_dirs = [only]
    return options


@rules.command("list")
@config_option
@rules_option()
@user_errors
def rules_list(config_file: Path | None, rule_dirs: tuple[Path, ...]) -> None:
    """One line per rule: id, severity, area, name, table."""
    from auditor.api import load_rules

    _, selected = load_rules(_rule_options(config_file, rule_dirs), "all")
    for packed in selected:
        rule = packed.rule
        click.echo(
            f"{rule.id}  {rule.severity_label():<8}  {packed.area.value:<11}  {rule.name:<36}  {rule.applies_to}"
        )


@rules.command("show")
@click.argument("rule_id")
@config_option
@rules_option()
@lang_option
@user_errors
def rules_show(
    rule_id: str, config_file: Path | None, rule_dirs: tuple[Path, ...], lang: str | None
) -> None:
    """What RULE_ID checks, why, how to fix, its examples and source."""
    from auditor.api import load_rules
    from auditor.outputs.render import render_rule_page
    from auditor.packs.describe import rule_data

    options = _rule_options(config_file, rule_dirs)
    _, selected = load_rules(options, "all")
    match = [p for p in selected if p.rule.id == rule_id.upper()]
    if not match:
        raise AuditorError(_say("cli_no_rule", lang or options.language.value, rule=rule_id))
    click.echo(render_rule_page([rule_data(match[0])], lang or options.language.value), nl=False)


@rules.command("validate")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@config_option
@lang_option
@user_errors
def rules_validate(path: Path | None, config_file: Path | None, lang: str | None) -> None:
    """Validate PATH (default: the bundled and configured packs); exit 2 when invalid."""
    from auditor.api import load_rules

    options = _rule_options(config_file, (), path)
    packs, selected = load_rules(options, "all")
    language = lang or options.language.value
    click.echo(_say("cli_rules_valid", language, packs=len(packs), rules=len(selected)))


@rules.command("test")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@config_option
@click.option(
    "--as-of", callback=_date, help="Date the examples are evaluated on (default: today)."
)
@lang_option
@user_errors
def rules_test(
    path: Path | None, config_file: Path | None, as_of: dt.date | None, lang: str | None
) -> None:
    """Run every rule's pass/fail examples; exit 1 when any gives another outcome."""
    from auditor.api import test_rules

    options = _rule_options(config_file, (), path)
    language = lang or options.language.value
    count, failures = test_rules(options, as_of or dt.date.today())
    for failure in failures:
        click.echo(f"{_say('cli_example_failed', language)} {failure}", err=True)
    passed, failed = count - len(failures), len(failures)
    click.echo(_say("cli_examples_result", language, passed=passed, failed=failed))
    sys.exit(1 if failures else 0)


@rules.command("docs")
@config_option
@lang_option
@user_errors
def rules_docs(config_file: Path | None, lang: str | None) -> None:
    """Print the rule catalogue as Markdown."""
    from auditor.api import load_rules
    from auditor.outputs.render import render_rule_page
    from auditor.packs.describe import rule_data

    options = _rule_options(config_file, ())
    _, selected = load_rules(options, "all")
    click.echo(
        render_rule_page(
            [rule_data(p) for p in selected], lang or options.language.value, "catalogue.md.j2"
        ),
        nl=False,
    )


#: Violation types, from their module (a dataclass table: `--help` stays light).
VIOLATION_CHOICES = list(VIOLATIONS)
violation_option = click.option(
    "--violation", type=click.Choice(VIOLATION_CHOICES), help="The violation the plan answers."
)
notice_option = click.option(
    "--notice",
    "notice_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Text of Amazon's notification (email or Account Health message).",
)


@main.group()
def poa() -> None:
    """Plans of action: draft one from the audit's evidence, or lint one you wrote."""


@poa.command("draft")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@violation_option
@click.option(
    "--report",
    "report_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use this JSON report (auditor audit --format json) instead of auditing PATH.",
)
@click.option(
    "--marketplace",
    help="The store the plan is for (default: the notice's, else where the audit failed).",
)
@notice_option
@click.option(
    "--facts",
    "facts_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="FACTS.yaml: what you did (auditor poa facts-template).",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "both"]),
    default="en",
    show_default=True,
    help="both: add a Chinese companion copy, paragraph by paragraph (never sent).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the draft here."
)
@click.option("--as-of", callback=_date, help="Audit date YYYY-MM-DD (default: today).")
@config_option
@user_errors
def poa_draft(
    paths: tuple[Path, ...],
    violation: str | None,
    report_file: Path | None,
    marketplace: str | None,
    notice_file: Path | None,
    facts_file: Path | None,
    lang: str,
    output: Path | None,
    as_of: dt.date | None,
    config_file: Path | None,
) -> None:
    """Draft a plan of action from PATH... (audited) or --report; exit 1 if its lint fails
    on anything but the placeholders left for you to complete."""
    from auditor.api import Options
    from auditor.poa.commands import draft_plan

    options = Options.resolve(config_file, as_of=as_of, language="en")
    result = draft_plan(
        list(paths),
        violation=violation,
        report_file=report_file,
        marketplace=marketplace,
        notice_file=notice_file,
        facts_file=facts_file,
        both_languages=lang == "both",
        options=options,
        name=output.as_posix() if output else "draft",
    )
    text = result.text()
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomically(output, text)
        click.echo(f"wrote {output}", err=True)
    if result.lint is None:
        click.echo(
            "no plan of action: Amazon asks for none here; the notes say what to do", err=True
        )
        sys.exit(0)
    counts = result.lint.counts
    click.echo(
        f"lint: {counts.get('fail', 0)} failing, {counts.get('warn', 0)} warnings; "
        f"{len(result.placeholders)} placeholder(s) to complete before sending "
        "(they fail `auditor poa lint` until completed)",
        err=True,
    )
    if result.evidence.mismatches:
        click.echo(
            f"the audit's data disagrees with the notice ({len(result.evidence.mismatches)} "
            "point(s), listed in the notes): check which is right before sending",
            err=True,
        )
    sys.exit(1 if result.failed else 0)


@poa.command("lint")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@violation_option
@notice_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@lang_option
@rules_option("Extra poa packs.")
@click.option(
    "--draft",
    "is_draft",
    is_flag=True,
    help="The plan is a draft: placeholders left to complete warn instead of failing.",
)
@click.option(
    "--as-of", callback=_date, help="Judge the notice's deadline on this day (default: today)."
)
@config_option
@user_errors
def poa_lint(
    file: Path,
    violation: str | None,
    notice_file: Path | None,
    fmt: str,
    lang: str | None,
    rule_dirs: tuple[Path, ...],
    is_draft: bool,
    as_of: dt.date | None,
    config_file: Path | None,
) -> None:
    """Check a plan of action with the rules of rules/poa.yaml; exit 1 if any fails
    (a placeholder left to complete fails, unless --draft)."""
    from auditor.api import Options
    from auditor.poa.commands import lint_file
    from auditor.poa.lint import render_lint

    options = Options.resolve(config_file, rule_dirs=list(rule_dirs), language=lang, as_of=as_of)
    result = lint_file(
        file,
        notice_file=notice_file,
        violation=violation,
        options=options,
        as_of=as_of,
        draft=is_draft,
    )
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_lint(result, options.language.value), nl=False)
    sys.exit(1 if result.failed else 0)


@poa.command("facts-template")
@click.option("--violation", type=click.Choice(VIOLATION_CHOICES), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@user_errors
def poa_facts_template(violation: str, output: Path | None) -> None:
    """Write a commented FACTS.yaml for a violation (schema: auditor schema facts)."""
    from auditor.poa.commands import facts_template

    text = facts_template(violation)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomically(output, text)
        click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument(
    "kind",
    type=click.Choice(SCHEMA_KINDS),
)
def schema(kind: str) -> None:
    """Print the JSON Schema of rule packs, the report, the config, a plan of action's
    facts file, the suppressions file, FLEET.yaml, the fleet's portfolio.json, or a
    canonical table."""
    from auditor.packs.schema import schemas
    from auditor.packs.suppressions import suppressions_schema
    from auditor.poa.facts import facts_schema

    if kind == "facts":
        found = facts_schema()
    elif kind in ("fleet", "portfolio"):
        from auditor.model.fleet import fleet_schema
        from auditor.model.portfolio import portfolio_schema
        from auditor.packs.schema import published

        built = fleet_schema() if kind == "fleet" else portfolio_schema()
        found = published(built, "auditor FLEET.yaml" if kind == "fleet" else "auditor portfolio")
    elif kind == "suppressions":
        found = suppressions_schema()
    else:
        found = schemas()[kind]
    click.echo(json.dumps(found, ensure_ascii=False, indent=2))


@main.command()
@click.argument(
    "folder", required=False, default=".", type=click.Path(file_okay=False, path_type=Path)
)
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@lang_option
@user_errors
def init(folder: Path, force: bool, lang: str | None) -> None:
    """Write a commented auditor.yaml, header-only registers and registers.md (their
    columns, with example rows) into FOLDER; --lang zh: Chinese headers and notes."""
    from auditor.scaffold import write_scaffold

    language = lang or "en"
    try:
        written = write_scaffold(folder, force, language)
    except FileExistsError as error:
        raise AuditorError(_say("cli_not_overwriting", language, files=error)) from None
    for path in written:
        click.echo(_say("cli_wrote", language, path=path))


# --- history: diff, trend, review, history list / import -----------------------------


def _history_options(
    config_file: Path | None,
    history: Path | None,
    store: str | None,
    only_store: bool = False,
    **more: Any,
) -> Any:
    """The options of a history command; `only_store`: a command that reads the history
    takes its only store when neither --store nor `store:` names one."""
    from auditor.api import Options

    options = Options.resolve(config_file, history=history, store=store, **more)
    if not only_store:
        return options
    from auditor.periodic import choose_store

    return choose_store(options, given=store is not None or options.config.store is not None)


def _store_command(
    config_file: Path | None, history: Path | None, store: str | None, lang: str | None
) -> tuple[Any, str]:
    """(options, language) of a command that reads one store's history (diff, trend,
    review): its only store when neither --store nor `store:` names one."""
    options = _history_options(config_file, history, store, only_store=True, language=lang)
    return options, options.language.value


def _emit(content: str | bytes, output: Path | None, language: str) -> None:
    """`content` to stdout, or to OUTPUT (its folder made when missing)."""
    if output is None:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            click.echo(content, nl=False)
        return
    write_atomically(output, content)
    click.echo(_say("cli_wrote", language, path=output), err=True)


output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)


@main.command()
@click.argument("runs", nargs=-1)
@click.option("--since", callback=_date, help="Compare with the last run on or before this date.")
@history_source
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@output_option
@lang_option
@user_errors
def diff(
    runs: tuple[str, ...],
    since: dt.date | None,
    history: Path | None,
    store: str | None,
    config_file: Path | None,
    fmt: str,
    output: Path | None,
    lang: str | None,
) -> None:
    """What changed: [RUN RUN] (ids or dates), --since DATE, or the latest run against the one before."""
    from auditor.outputs.history import render_diff
    from auditor.periodic import diff_runs

    options, language = _store_command(config_file, history, store, lang)
    if runs and len(runs) != 2:
        raise AuditorError("give two runs (ids or as_of dates), or --since DATE, or neither")
    if runs and since:
        raise AuditorError("give two runs or --since, not both")
    change = diff_runs(options, since, (runs[0], runs[1]) if runs else None)
    _emit(render_diff(change, fmt, language), output, language)


@main.command(
    help="METRIC over time (order_defect_rate, account_health_rating, acos, score, "
    "health_score...) with its limit and when it crosses it at its recent rate.\n\n"
    "Short names: " + ", ".join(f"{short} ({name})" for short, name in METRIC_ALIASES.items()) + "."
)
@click.argument("metric")
@click.option("--marketplace", help="Only this marketplace (US, DE, ...).")
@click.option("--last", type=click.IntRange(min=2), help="Only the last N runs.")
@history_source
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "svg"]),
    default="text",
    show_default=True,
    help="svg: one chart per series (with -o FILE.svg, a file per series beside it).",
)
@output_option
@lang_option
@user_errors
def trend(
    metric: str,
    marketplace: str | None,
    last: int | None,
    history: Path | None,
    store: str | None,
    config_file: Path | None,
    fmt: str,
    output: Path | None,
    lang: str | None,
) -> None:
    """METRIC over time, with its limit (the help text is built above, with the short names)."""
    from auditor.model.common import normalise_marketplace
    from auditor.outputs.history import render_trend, svg_files
    from auditor.periodic import trend as trend_of

    market = normalise_marketplace(marketplace) if marketplace else None
    if marketplace and market is None:
        raise AuditorError(f"unknown marketplace {marketplace!r}")
    options, language = _store_command(config_file, history, store, lang)
    found = trend_of(options, metric, market, last)
    if fmt == "svg" and output is not None:
        for path, chart in svg_files(found, output, language):
            _emit(chart, path, language)
        return
    _emit(render_trend(found, fmt, language), output, language)


@main.command()
@click.option("--period", type=click.Choice(["week", "month"]), default="week", show_default=True)
@click.option("--as-of", callback=_date, help="Review up to this date (default: the latest run).")
@history_source
@click.option(
    "--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True
)
@output_option
@lang_option
@user_errors
def review(
    period: str,
    as_of: dt.date | None,
    history: Path | None,
    store: str | None,
    config_file: Path | None,
    fmt: str,
    output: Path | None,
    lang: str | None,
) -> None:
    """The store's weekly (or monthly) business review, from its history."""
    from auditor.outputs.history import render_review
    from auditor.periodic import business_review

    options, language = _store_command(config_file, history, store, lang)
    found = business_review(options, "month" if period == "month" else "week", as_of)
    _emit(render_review(found, fmt, language), output, language)


@main.group("history")
def history_group() -> None:
    """The runs recorded in a history file: list them, or import older reports."""


@history_group.command("list")
@history_source
@click.option("--all-stores", is_flag=True, help="Every store's runs, not only --store's.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@user_errors
def history_list(
    history: Path | None,
    store: str | None,
    all_stores: bool,
    config_file: Path | None,
    fmt: str,
) -> None:
    """Runs with store, run id, as_of date, score and status, oldest first."""
    from auditor.periodic import list_runs

    runs = list_runs(_history_options(config_file, history, store, not all_stores), all_stores)
    if fmt == "json":
        click.echo(json.dumps(runs, ensure_ascii=False, indent=2))
        return
    for run in runs:
        score = "—" if run["score"] is None else f"{run['score']:.1f}"
        click.echo(
            f"{run['store']:<16}  {run['run_id']}  {run['as_of']}  {score:>5}  "
            f"{run['status']:<12}  {run['source']}"
        )


@history_group.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@history_source
@click.option("--marketplace", help="Marketplace for reports that do not name one.")
@user_errors
def history_import(
    paths: tuple[Path, ...],
    history: Path | None,
    store: str | None,
    marketplace: str | None,
    config_file: Path | None,
) -> None:
    """Record seller performance reports saved before auditor was adopted, each at its report date."""
    from auditor.periodic import import_reports

    options = _history_options(config_file, history, store, marketplace=marketplace)
    for item in import_reports(list(paths), options):
        if "skipped" in item:
            click.echo(f"skipped {item['skipped']}", err=True)
        else:
            click.echo(f"imported {item['path']} as of {item['as_of']} (run {item['run_id']})")
