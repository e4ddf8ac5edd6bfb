"""What reading one file produced: rows for a canonical table, and what was rejected."""

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
class FileResult:
    """One input file as read: its table (if recognised), its rows and its rejections."""

    path: str
    format: str | None = None
    table: str | None = None
    encoding: str | None = None
    frame: pd.DataFrame | None = None
    provided: frozenset[str] = frozenset()
    rows_read: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: str | None = None
    sha256: str = ""

    @property
    def rows_used(self) -> int:
        return 0 if self.frame is None else len(self.frame)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "table": self.table,
            "encoding": self.encoding,
            "rows_read": self.rows_read,
            "rows_used": self.rows_used,
            "rows_rejected": len({r.row for r in self.rejected if r.row is not None}),
            "skipped": self.skipped,
            "warnings": self.warnings,
            "rejected": [r.as_dict() for r in self.rejected],
        }
