"""The history database's schema as numbered steps, and the code that applies them.

A history file outlives the tool that wrote it: a seller upgrades auditor and points
it at last year's file. `PRAGMA user_version` holds the number of steps applied;
opening a file applies the missing ones in one transaction, so a file is always at
one version or the next, never half way. A file from a newer auditor is refused
rather than guessed at.
"""

from __future__ import annotations

import sqlite3

#: Version 1: runs with their inputs and packs, findings by fingerprint, metric values.
V1 = (
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        store TEXT NOT NULL,
        run_id TEXT NOT NULL,
        as_of TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        inputs_key TEXT NOT NULL,
        score REAL,
        status TEXT NOT NULL,
        UNIQUE (store, run_id)
    )""",
    "CREATE INDEX runs_by_store_date ON runs (store, as_of, id)",
    """CREATE TABLE run_inputs (
        run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        format TEXT,
        sha256 TEXT
    )""",
    """CREATE TABLE run_packs (
        run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        sha256 TEXT NOT NULL
    )""",
    """CREATE TABLE findings (
        run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        severity TEXT NOT NULL,
        outcome TEXT NOT NULL,
        area TEXT NOT NULL,
        marketplace TEXT,
        sku TEXT,
        asin TEXT,
        detail TEXT,
        message TEXT NOT NULL,
        PRIMARY KEY (run, fingerprint)
    )""",
    """CREATE TABLE metrics (
        run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        marketplace TEXT NOT NULL,
        metric TEXT NOT NULL,
        channel TEXT NOT NULL DEFAULT '',
        window_days INTEGER,
        value REAL
    )""",
    "CREATE INDEX metrics_by_name ON metrics (metric, marketplace)",
)

#: Version 2: what the diff and the weekly review need, in a file that stays small.
#: Version 1 repeated every finding's text in every run (about 900 bytes a finding: a
#: 100,000-listing catalogue added 100 MB a week). Now a finding is described once per
#: store (`finding_details`, its latest text) and a run keeps only which fingerprints it
#: had, with their outcome and whether they were suppressed. Also new: the counts behind
#: a rate, area scores, the worst listings, the document register (what expires before
#: the next audit) and where a run came from (an audit or an import).
V2 = (
    "ALTER TABLE runs ADD COLUMN source TEXT NOT NULL DEFAULT 'audit'",
    """CREATE TABLE finding_details (
        store TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        severity TEXT NOT NULL,
        area TEXT NOT NULL,
        entity TEXT NOT NULL,
        detail TEXT,
        message TEXT NOT NULL,
        PRIMARY KEY (store, fingerprint)
    )""",
    """CREATE TABLE run_findings (
        run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        outcome TEXT NOT NULL,
        suppressed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run, fingerprint)
    ) WITHOUT ROWID""",
    # Version 1's findings: described by their latest run (three entity fields were all
    # it kept), then listed per run.
    """INSERT INTO finding_details
        SELECT runs.store, findings.fingerprint, findings.rule_id, findings.severity,
               findings.area,
               json_object('marketplace', findings.marketplace, 'sku', findings.sku,
                           'asin', findings.asin),
               findings.detail, findings.message
        FROM findings JOIN runs ON runs.id = findings.run
        WHERE runs.id = (
            SELECT max(r.id) FROM findings f JOIN runs r ON r.id = f.run
            WHERE r.store = runs.store AND f.fingerprint = findings.fingerprint
        )""",
    "INSERT INTO run_findings (run, fingerprint, outcome) SELECT run, fingerprint, outcome FROM findings",
    "DROP TABLE findings",
    "ALTER TABLE metrics ADD COLUMN subject TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE metrics ADD COLUMN numerator REAL",
    "ALTER TABLE metrics ADD COLUMN denominator REAL",
    """CREATE TABLE area_scores (
        run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        area TEXT NOT NULL,
        score REAL,
        status TEXT NOT NULL,
        PRIMARY KEY (run, area)
    )""",
    """CREATE TABLE listing_scores (
        run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        sku TEXT,
        asin TEXT,
        marketplace TEXT,
        title TEXT,
        score REAL NOT NULL,
        status TEXT NOT NULL,
        findings INTEGER NOT NULL
    )""",
    """CREATE TABLE documents (
        run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        document_type TEXT NOT NULL,
        identifier TEXT,
        sku TEXT,
        asin TEXT,
        brand TEXT,
        marketplace TEXT,
        expires_on TEXT
    )""",
)

#: Version 3: each run's findings as of that run, in any language. A finding's sentence
#: and the codes it is rendered from (its values, evidence, what an unknown one lacks) are
#: kept once per distinct text in `finding_texts`, and a run names the text each of its
#: findings had by digest: a diff of two old runs shows their own values, not the latest,
#: and a review in another language renders them again. A run recorded before keeps the
#: store's latest text (`finding_details.message`), marked as recorded.
V3 = (
    """CREATE TABLE finding_texts (
        digest TEXT PRIMARY KEY,
        message TEXT NOT NULL,
        codes TEXT NOT NULL,
        language TEXT NOT NULL
    ) WITHOUT ROWID""",
    "ALTER TABLE run_findings ADD COLUMN text TEXT",
)

#: Version 4: what alerts announced, so a finding is told once, not every run. One row
#: per store, target, kind and key: a `finding` by its fingerprint, a `document` by its
#: register row and expiry date, an `error` for a store whose audit failed. `target` is a
#: short sha256 of the target's URL as written (its ${ENV} references unresolved): no
#: secret ever reaches this file. `run` is the id the runs table had reached when it was
#: announced, and not a foreign key: re-auditing the same inputs replaces the run, not
#: what was said about it; a later run (a higher id) that no longer has the finding
#: failing, or any later run after an error, lets it be announced again.
V4 = (
    """CREATE TABLE announcements (
        store TEXT NOT NULL,
        target TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('finding', 'document', 'error')),
        key TEXT NOT NULL,
        run INTEGER NOT NULL,
        run_id TEXT,
        as_of TEXT NOT NULL,
        PRIMARY KEY (store, target, kind, key)
    ) WITHOUT ROWID""",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (V1, V2, V3, V4)
#: The version this auditor writes.
SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchema(Exception):
    """The file was written by a newer auditor: its schema version is beyond ours."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply the steps the file lacks, up to `target`; returns the version it had.

    The version is read again inside the write lock: two processes opening an old
    file at once migrate it once. The connection must be in autocommit mode
    (isolation_level=None) so that BEGIN and COMMIT here are the only ones.
    """
    found = schema_version(connection)
    if found > SCHEMA_VERSION:
        raise NewerSchema(found)
    if found >= target:
        return found
    connection.execute("BEGIN IMMEDIATE")
    try:
        found = schema_version(connection)
        for step in MIGRATIONS[found:target]:
            for statement in step:
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {int(target)}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return found
