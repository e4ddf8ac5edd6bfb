"""The history file: one SQLite database, many stores, one row per run.

SQLite because a seller's history must need no server and no setup, and survive
being copied to another machine. WAL mode and a busy timeout let two audits (two
stores of an agency, or a cron job and a person) write at once: each run is written
in one `BEGIN IMMEDIATE` transaction, so the second waits for the first and both land
whole. A run is keyed by its store and by what it read on which date: re-auditing the
same inputs for the same as_of date replaces the run instead of counting it twice.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict

from auditor.errors import AuditorError
from auditor.history.migrations import NewerSchema, migrate
from auditor.writing import NO_ROOM, cannot_write, no_room

if TYPE_CHECKING:
    from auditor.model.common import Outcome, Severity
    from auditor.model.report import Finding, RunRef, SuppressionCause
    from auditor.model.rules import Area

    class RecordedFinding(Finding):
        """A report's finding as a run records it: suppressed ones are kept, flagged."""

        suppressed: NotRequired[bool]
        suppression: NotRequired[SuppressionCause]


#: What an alert announces: a failing finding, an expiring document, a failed audit.
AnnouncedKind = Literal["finding", "document", "error"]
#: Runs without `--store` (or `store:` in auditor.yaml) belong to this store.
DEFAULT_STORE = "default"
#: Listings kept per run, worst first: the review names the worst ten; a catalogue's
#: clean tail would only grow the file.
KEPT_LISTINGS = 100
#: Fingerprints looked up per query (SQLite allows 32,766 parameters).
LOOKUP_CHUNK = 500
#: How long a writer waits for another one to finish before giving up, in seconds.
BUSY_TIMEOUT_S = 60


@dataclass(frozen=True)
class RunInfo:
    """One recorded run, as `auditor history list` shows it."""

    key: int
    store: str
    run_id: str
    as_of: dt.date
    score: float | None
    status: str
    source: str
    tool_version: str

    def as_dict(self) -> RunRef:
        return {
            "store": self.store,
            "run_id": self.run_id,
            "as_of": self.as_of.isoformat(),
            "score": self.score,
            "status": self.status,
            "source": self.source,
        }


@dataclass
class RunRecord:
    """What a run leaves in history: built from a report by `history.record`."""

    store: str
    run_id: str
    as_of: dt.date
    tool_version: str
    score: float | None
    status: str
    source: str = "audit"
    inputs: list[dict[str, Any]] = field(default_factory=list)
    packs: list[dict[str, Any]] = field(default_factory=list)
    areas: dict[str, dict[str, Any]] = field(default_factory=dict)
    findings: list[RecordedFinding] = field(default_factory=list)
    #: The language of the findings' messages (their codes render them in any other).
    language: str = "en"
    metrics: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    listings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def inputs_key(self) -> str:
        """What was read: the inputs' paths and contents, whatever order they came in."""
        digest = hashlib.sha256()
        for item in sorted((i["path"], i.get("sha256") or "") for i in self.inputs):
            digest.update("\0".join(item).encode() + b"\n")
        return digest.hexdigest()[:16]


class FindingState(TypedDict):
    """A finding's state in one stored run: what a diff compares (not a report's finding)."""

    outcome: Outcome
    #: 1 when the run had it suppressed (as SQLite keeps it), else 0.
    suppressed: int
    rule_id: str
    severity: Severity
    area: Area


class StoredFinding(TypedDict):
    """A finding read back from history, whole enough to show: as its run had it, with the
    codes its message renders from (not a report's finding: no evidence, no rule name)."""

    fingerprint: str
    rule_id: str
    severity: Severity
    outcome: Outcome
    area: Area
    entity: dict[str, Any]
    detail: str | None
    message: str
    suppressed: bool
    #: What the message renders from; None: recorded before findings kept their codes.
    codes: dict[str, Any] | None
    #: The language `message` is in (None with `codes`).
    language: str | None


@dataclass
class StoredRun:
    """A run read back: the parts a diff, a trend and a review compare.

    `findings` holds each fingerprint's state in this run (outcome, suppressed, and the
    rule, severity and area it belongs to); `describe(fingerprints)` fetches the full
    findings (entity, detail, message) for the few a diff or review names.
    """

    info: RunInfo
    areas: dict[str, dict[str, Any]]
    findings: dict[str, FindingState]
    metrics: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    listings: list[dict[str, Any]]
    describe: Callable[[Iterable[str]], dict[str, StoredFinding]]


class History:
    """An open history file; use `open_history(path)` as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    # --- writing -------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: taken at once (IMMEDIATE), so writers queue, never deadlock.

        On a full disk SQLite may have rolled the transaction back itself: the rollback
        here is then skipped, and never hides the error that caused it.
        """
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
            self.connection.execute("COMMIT")
        except BaseException:
            if self.connection.in_transaction:
                with suppress(sqlite3.Error):
                    self.connection.execute("ROLLBACK")
            raise

    def record(self, run: RunRecord) -> RunInfo:
        """Write `run`, replacing an earlier record of the same inputs on the same date."""
        with self._transaction() as db:
            db.execute(
                "DELETE FROM runs WHERE store = ? AND (run_id = ? OR (as_of = ? AND inputs_key = ?))",
                (run.store, run.run_id, run.as_of.isoformat(), run.inputs_key),
            )
            key = db.execute(
                "INSERT INTO runs (store, run_id, as_of, tool_version, inputs_key, score, status,"
                " source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    run.store,
                    run.run_id,
                    run.as_of.isoformat(),
                    run.tool_version,
                    run.inputs_key,
                    run.score,
                    run.status,
                    run.source,
                ),
            ).lastrowid
            assert key is not None
            db.executemany(
                "INSERT INTO run_inputs VALUES (?, ?, ?, ?)",
                [(key, i["path"], i.get("format"), i.get("sha256")) for i in run.inputs],
            )
            db.executemany(
                "INSERT INTO run_packs VALUES (?, ?, ?, ?)",
                [(key, p["name"], p["version"], p["sha256"]) for p in run.packs],
            )
            db.executemany(
                "INSERT INTO area_scores VALUES (?, ?, ?, ?)",
                [(key, area, a.get("score"), a["status"]) for area, a in run.areas.items()],
            )
            db.executemany(
                "INSERT INTO finding_details VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (store, fingerprint) DO UPDATE SET rule_id = excluded.rule_id,"
                " severity = excluded.severity, area = excluded.area, entity = excluded.entity,"
                " detail = excluded.detail, message = excluded.message"
                # Most findings persist word for word from week to week: leave those rows be.
                " WHERE message IS NOT excluded.message OR entity IS NOT excluded.entity"
                " OR severity IS NOT excluded.severity",
                # In key order: B-tree inserts in order are several times faster than at random.
                sorted(_details_row(run.store, f) for f in run.findings),
            )
            texts = {f["fingerprint"]: _text_row(f, run.language) for f in run.findings}
            db.executemany(
                "INSERT OR IGNORE INTO finding_texts VALUES (?, ?, ?, ?)",
                sorted(set(texts.values())),
            )
            db.executemany(
                "INSERT OR REPLACE INTO run_findings VALUES (?, ?, ?, ?, ?)",
                sorted(
                    (
                        key,
                        f["fingerprint"],
                        f["outcome"],
                        1 if f.get("suppressed") else 0,
                        texts[f["fingerprint"]][0],
                    )
                    for f in run.findings
                ),
            )
            db.executemany(
                "INSERT INTO metrics (run, marketplace, metric, channel, window_days, value,"
                " subject, numerator, denominator) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        key,
                        m["marketplace"],
                        m["metric"],
                        m.get("channel") or "",
                        m.get("window_days"),
                        m.get("value"),
                        m.get("subject") or "",
                        m.get("numerator"),
                        m.get("denominator"),
                    )
                    for m in run.metrics
                ],
            )
            db.executemany(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        key,
                        d["document_type"],
                        d.get("identifier"),
                        d.get("sku"),
                        d.get("asin"),
                        d.get("brand"),
                        d.get("marketplace"),
                        d.get("expires_on"),
                    )
                    for d in run.documents
                ],
            )
            db.executemany(
                "INSERT INTO listing_scores VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        key,
                        s.get("sku"),
                        s.get("asin"),
                        s.get("marketplace"),
                        s.get("title"),
                        s["score"],
                        s["status"],
                        s.get("findings", 0),
                    )
                    for s in run.listings[:KEPT_LISTINGS]
                ],
            )
        row = self.connection.execute("SELECT * FROM runs WHERE id = ?", (key,)).fetchone()
        return _run_info(row)

    # --- reading -------------------------------------------------------------------

    def stores(self) -> list[str]:
        rows = self.connection.execute("SELECT DISTINCT store FROM runs ORDER BY store")
        return [r[0] for r in rows]

    def runs(self, store: str | None = None) -> list[RunInfo]:
        """Runs in the order they describe time: by as_of date, then by when they were recorded."""
        sql = "SELECT * FROM runs" + (" WHERE store = ?" if store is not None else "")
        rows = self.connection.execute(
            sql + " ORDER BY store, as_of, id", (store,) if store is not None else ()
        )
        return [_run_info(r) for r in rows]

    def find(self, store: str, ref: str) -> RunInfo:
        """A run named by its run id (or a unique prefix of it), or by its as_of date."""
        runs = self.runs(store)
        exact = [r for r in runs if r.run_id == ref]
        matches = exact or [r for r in runs if r.run_id.startswith(ref)]
        if not matches:
            matches = [r for r in runs if r.as_of.isoformat() == ref][-1:]
        if len(matches) == 1:
            return matches[0]
        known = ", ".join(f"{r.run_id[:8]} ({r.as_of})" for r in runs[-5:]) or "none"
        what = "matches several runs" if matches else "is not a run"
        raise AuditorError(f"{ref!r} {what} of store {store!r} in {self.path}; latest: {known}")

    def previous(self, info: RunInfo) -> RunInfo | None:
        """The run just before `info` in its store's time order, if any."""
        runs = self.runs(info.store)
        index = next(i for i, r in enumerate(runs) if r.key == info.key)
        return runs[index - 1] if index else None

    def latest_on_or_before(self, store: str, date: dt.date) -> RunInfo | None:
        earlier = [r for r in self.runs(store) if r.as_of <= date]
        return earlier[-1] if earlier else None

    def run(self, store: str, run_id: str) -> StoredRun | None:
        row = self.connection.execute(
            "SELECT * FROM runs WHERE store = ? AND run_id = ?", (store, run_id)
        ).fetchone()
        return self.load(_run_info(row)) if row else None

    def load(self, info: RunInfo) -> StoredRun:
        db, key = self.connection, (info.key,)
        areas = {
            r["area"]: {"score": r["score"], "status": r["status"]}
            for r in db.execute("SELECT * FROM area_scores WHERE run = ? ORDER BY area", key)
        }
        states = db.cursor()
        states.row_factory = None  # plain tuples: a catalogue's run has 100,000 of them
        findings: dict[str, FindingState] = {
            fingerprint: {
                "outcome": outcome,
                "suppressed": suppressed,
                "rule_id": rule_id,
                "severity": severity,
                "area": area,
            }
            for fingerprint, outcome, suppressed, rule_id, severity, area in states.execute(
                "SELECT f.fingerprint, f.outcome, f.suppressed, d.rule_id, d.severity, d.area"
                " FROM run_findings f JOIN finding_details d"
                " ON d.store = ? AND d.fingerprint = f.fingerprint WHERE f.run = ?",
                (info.store, info.key),
            )
        }
        metrics = [
            _plain(r)
            for r in db.execute(
                "SELECT * FROM metrics WHERE run = ? ORDER BY marketplace, metric, channel,"
                " subject, window_days",
                key,
            )
        ]
        documents = self.documents(info)
        listings = [
            _plain(r)
            for r in db.execute(
                "SELECT * FROM listing_scores WHERE run = ? ORDER BY score, marketplace, sku, asin",
                key,
            )
        ]
        return StoredRun(
            info,
            areas,
            findings,
            metrics,
            documents,
            listings,
            describe=lambda fingerprints: self.describe(info, fingerprints),
        )

    def describe(self, info: RunInfo, fingerprints: Iterable[str]) -> dict[str, StoredFinding]:
        """The findings of `info` named by `fingerprints`, whole: as its report had them
        (with their store's latest text), outcome and suppression as in that run."""
        wanted = sorted(set(fingerprints))
        found: dict[str, StoredFinding] = {}
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            chunk = wanted[start : start + LOOKUP_CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows = self.connection.execute(
                "SELECT d.*, f.outcome, f.suppressed, t.message AS text_message, t.codes,"
                " t.language FROM finding_details d"
                " JOIN run_findings f ON f.fingerprint = d.fingerprint AND f.run = ?"
                " LEFT JOIN finding_texts t ON t.digest = f.text"
                f" WHERE d.store = ? AND d.fingerprint IN ({marks})",
                (info.key, info.store, *chunk),
            )
            found.update((r["fingerprint"], _finding(r)) for r in rows)
        return found

    def area_score(self, info: RunInfo, area: str) -> float | None:
        row = self.connection.execute(
            "SELECT score FROM area_scores WHERE run = ? AND area = ?", (info.key, area)
        ).fetchone()
        return None if row is None else row[0]

    def metric_values(
        self, store: str, metric: str, marketplace: str | None = None
    ) -> list[dict[str, Any]]:
        """Every recorded value of `metric` in `store`, oldest run first."""
        sql = (
            "SELECT runs.as_of, runs.id AS run_key, metrics.* FROM metrics JOIN runs"
            " ON runs.id = metrics.run WHERE runs.store = ? AND metrics.metric = ?"
        )
        args: list[Any] = [store, metric]
        if marketplace is not None:
            sql += " AND metrics.marketplace = ?"
            args.append(marketplace)
        rows = self.connection.execute(sql + " ORDER BY runs.as_of, runs.id", args)
        return [_plain(r) for r in rows]

    def documents(self, info: RunInfo) -> list[dict[str, Any]]:
        """The document register `info` recorded, soonest expiry first."""
        rows = self.connection.execute(
            "SELECT * FROM documents WHERE run = ? ORDER BY expires_on, document_type,"
            " identifier, sku",
            (info.key,),
        )
        return [_plain(r) for r in rows]

    # --- announcements: what alerts told whom --------------------------------------

    def announced(self, store: str, target: str) -> dict[AnnouncedKind, set[str]]:
        """The keys announced to `target` (a short digest of its URL as written) for
        `store` that still hold, by kind. Call `forget_settled` first: a finding resolved
        since, or an error the store has audited past, no longer holds."""
        found: dict[AnnouncedKind, set[str]] = {"finding": set(), "document": set(), "error": set()}
        rows = self.connection.execute(
            "SELECT kind, key FROM announcements WHERE store = ? AND target = ?", (store, target)
        )
        for kind, key in rows:
            found[kind].add(key)
        return found

    def announce(
        self,
        store: str,
        target: str,
        items: Iterable[tuple[AnnouncedKind, str]],
        as_of: dt.date,
        run: RunInfo | None = None,
    ) -> None:
        """Remember that `items` ((kind, key) pairs) were announced to `target`, in `run`
        (None: a store whose audit failed, announced after every run recorded so far)."""
        with self._transaction() as db:
            if run is None:
                row = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'runs'").fetchone()
                key, run_id = (row[0] if row else 0), None
            else:
                key, run_id = run.key, run.run_id
            db.executemany(
                "INSERT OR REPLACE INTO announcements VALUES (?, ?, ?, ?, ?, ?, ?)",
                sorted(
                    (store, target, kind, item, key, run_id, as_of.isoformat())
                    for kind, item in items
                ),
            )

    def forget_settled(self, store: str) -> int:
        """Forget what no longer holds for `store`, for every target: a finding a later run
        (recorded after it was announced, for the same date or later) no longer has failing
        (resolved, or suppressed), and an error once the store has a run recorded after it.
        Either is announced again if it comes back. Returns the rows forgotten."""
        with self._transaction() as db:
            findings = db.execute(
                "DELETE FROM announcements WHERE store = ? AND kind = 'finding' AND EXISTS ("
                " SELECT 1 FROM runs r WHERE r.store = announcements.store"
                " AND r.id > announcements.run AND r.as_of >= announcements.as_of"
                " AND NOT EXISTS (SELECT 1 FROM run_findings f WHERE f.run = r.id"
                " AND f.fingerprint = announcements.key AND f.outcome = 'fail'"
                " AND f.suppressed = 0))",
                (store,),
            ).rowcount
            errors = db.execute(
                "DELETE FROM announcements WHERE store = ? AND kind = 'error' AND EXISTS ("
                " SELECT 1 FROM runs r WHERE r.store = announcements.store"
                " AND r.id > announcements.run)",
                (store,),
            ).rowcount
        return findings + errors


@contextmanager
def open_history(path: Path) -> Iterator[History]:
    """Open (creating or migrating) the history file at `path`."""
    path = Path(path)
    if path.is_dir():
        raise AuditorError(f"history {path} is a folder; give a file such as {path / 'history.db'}")
    if not path.parent.is_dir():
        raise AuditorError(f"history {path}: folder {path.parent} does not exist")
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as error:
        raise _no_room(path, error) or AuditorError(
            f"history {path} cannot be opened: {error}"
        ) from None
    connection.row_factory = sqlite3.Row
    try:
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA foreign_keys = ON")
            migrate(connection)
        except NewerSchema as newer:
            raise AuditorError(
                f"history {path} was written by a newer auditor (schema version "
                f"{newer.version}); upgrade auditor to read it"
            ) from None
        except sqlite3.DatabaseError as error:
            raise _no_room(path, error) or AuditorError(
                f"history {path} is not an auditor history database ({error})"
            ) from None
        try:
            yield History(connection, path)
        except sqlite3.DatabaseError as error:  # a damaged file, or one edited by hand
            raise _no_room(path, error) or AuditorError(
                f"history {path} cannot be used: {error}"
            ) from None
    finally:
        connection.close()


#: SQLite's primary result codes for a full disk and for a failed read or write.
SQLITE_FULL, SQLITE_IOERR = 13, 10


def _no_room(path: Path, error: sqlite3.Error) -> AuditorError | None:
    """`cannot write PATH: the disk is full` when `error` comes from a lack of room, else
    None. The transaction that failed was rolled back whole: the runs recorded before
    are all still there."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == SQLITE_FULL or "disk is full" in str(error):
        return cannot_write(path, no_room(path) or NO_ROOM[errno.ENOSPC])
    if primary == SQLITE_IOERR or "disk I/O error" in str(error):
        why = no_room(path)
        return cannot_write(path, why) if why else None
    return None


def _plain(row: sqlite3.Row) -> dict[str, Any]:
    """A row as a dict, without the run key it was selected by."""
    return {k: v for k, v in dict(row).items() if k != "run"}


def _run_info(row: sqlite3.Row) -> RunInfo:
    try:
        as_of = dt.date.fromisoformat(str(row["as_of"]))
    except ValueError:  # a row edited or damaged by hand: say which, not a traceback
        raise AuditorError(
            f"history run {row['id']} of store {row['store']!r} has an invalid date "
            f"{str(row['as_of'])[:40]!r}; delete the run or restore the file"
        ) from None
    return RunInfo(
        key=row["id"],
        store=row["store"],
        run_id=row["run_id"],
        as_of=as_of,
        score=row["score"],
        status=row["status"],
        source=row["source"],
        tool_version=row["tool_version"],
    )


#: One encoder for every entity (json.dumps with options builds a new one per call).
_ENTITY_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
#: A finding's codes may hold dates (an expiry's observed value): written as ISO text, as
#: the JSON report writes them.
_CODES_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str).encode


def _details_row(store: str, finding: RecordedFinding) -> tuple[Any, ...]:
    return (
        store,
        finding["fingerprint"],
        finding["rule_id"],
        finding["severity"],
        finding["area"],
        _ENTITY_JSON(finding["entity"]),
        finding["detail"],
        finding["message"],
    )


#: The parts of a finding its sentence is rendered from, besides entity and detail (the
#: evidence's source row is left out: no sentence names it, and it moves every week).
CODES = ("outcome", "observed", "limit", "evidence", "missing", "undecided", "headroom")


def _text_row(finding: RecordedFinding, language: str) -> tuple[str, str, str, str]:
    """(digest, message, codes, language) of a finding as this run had it: one row per
    distinct text, so a finding that persists word for word costs a run its digest only."""
    codes: dict[str, Any] = {k: v for k in CODES if (v := finding.get(k)) is not None}
    if "evidence" in codes:
        codes["evidence"] = {k: v for k, v in codes["evidence"].items() if k != "source"}
    encoded, message = _CODES_JSON(codes), finding["message"]
    digest = hashlib.sha256(f"{message}\0{encoded}\0{language}".encode()).hexdigest()[:16]
    return digest, message, encoded, language


def _finding(row: sqlite3.Row) -> StoredFinding:
    return {
        "fingerprint": row["fingerprint"],
        "rule_id": row["rule_id"],
        "severity": row["severity"],
        "outcome": row["outcome"],
        "area": row["area"],
        "entity": {k: v for k, v in json.loads(row["entity"]).items() if v is not None},
        "detail": row["detail"],
        # As this run had it (its own text), else the store's latest, for runs recorded
        # before runs kept their texts.
        "message": row["text_message"] or row["message"],
        "suppressed": bool(row["suppressed"]),
        # What the sentence is rendered from, and its language (None: recorded before
        # findings kept their codes; the text is then shown as recorded).
        "codes": json.loads(row["codes"]) if row["codes"] else None,
        "language": row["language"],
    }
