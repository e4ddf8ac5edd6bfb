"""What reading one file produced: rows for one or more canonical tables, and what was rejected."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass
class Rejected:
    row: int | None
    column: str | None
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class TablePart:
    """The rows one file contributed to one canonical table."""

    table: str
    frame: pd.DataFrame
    provided: frozenset[str]
    format: str = "canonical"


@dataclass
class FileResult:
    """One input file as read: its format, the table parts it filled, and its rejections."""

    path: str
    format: str | None = None
    encoding: str | None = None
    parts: list[TablePart] = field(default_factory=list)
    rows_read: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: str | None = None
    sha256: str = ""
    #: The marketplace the file itself names (a flat file's settings), if any.
    marketplace: str | None = None
    #: Source columns no canonical column takes (shown by `auditor inspect`).
    unmapped: list[str] = field(default_factory=list)

    @property
    def table(self) -> str | None:
        return self.parts[0].table if self.parts else None

    @property
    def frame(self) -> pd.DataFrame | None:
        return self.parts[0].frame if self.parts else None

    @property
    def provided(self) -> frozenset[str]:
        return self.parts[0].provided if self.parts else frozenset()

    @property
    def rows_used(self) -> int:
        """Source rows that gave at least one audited record.

        One source row can give several records (a performance-report entry gives a
        metric per row, an API item a listing per marketplace), so this counts rows,
        not records; a row with one bad value among good ones is both used and rejected.
        """
        used: set[int] = set()
        for part in self.parts:
            used.update(int(r) for r in part.frame["_row"])
        return len(used)

    @property
    def records(self) -> int:
        return sum(len(p.frame) for p in self.parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "table": self.table,
            "tables": [p.table for p in self.parts],
            "encoding": self.encoding,
            "marketplace": self.marketplace,
            "rows_read": self.rows_read,
            "rows_used": self.rows_used,
            "records": self.records,
            "rows_rejected": len({r.row for r in self.rejected if r.row is not None}),
            "skipped": self.skipped,
            "warnings": self.warnings,
            "rejected": [r.as_dict() for r in self.rejected],
        }
