"""Evidence per ASIN: which of the documents a notice asks for the seller's register holds.

Amazon wants supporting evidence for every ASIN listed in the notice, within the time frame
it asks for (help page 201623610). For each ASIN and each requested document this says what
the documents register holds, what is missing, and what will not do: too old for the
notice's window, expired, or from a party the notice does not accept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: Why a document the register holds will not do.
PROBLEMS = ("too_old", "expired", "wrong_party", "issuer_unconfirmed")


@dataclass(frozen=True)
class HeldDocument:
    """One row of the documents register that answers a requested document for an ASIN."""

    #: The requested kind it answers (a key of `auditor.poa.documents.REQUESTABLE`).
    kind: str
    document_type: str
    file: str | None
    identifier: str | None
    issued_on: dt.date | None
    expires_on: dt.date | None
    issuer: str | None
    #: None when it will do; else one of PROBLEMS.
    problem: str | None = None
    #: The problem in plain English (dates and limits), for the draft's notes.
    detail: str | None = None


@dataclass(frozen=True)
class AsinEvidence:
    """The requested documents for one ASIN: held (good or not) and missing."""

    asin: str
    sku: str | None
    held: tuple[HeldDocument, ...]
    #: Requested kinds the register has no row for.
    missing: tuple[str, ...]

    @property
    def usable(self) -> tuple[HeldDocument, ...]:
        return tuple(d for d in self.held if d.problem is None)

    @property
    def complete(self) -> bool:
        """Whether every requested kind has a document that will do."""
        return not self.missing and all(
            any(d.kind == h.kind and d.problem is None for d in self.held) for h in self.held
        )
