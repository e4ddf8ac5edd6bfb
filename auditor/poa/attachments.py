"""Evidence per ASIN: which of the documents a notice asks for the seller's register holds.

Amazon wants supporting evidence for every ASIN listed in the notice, within the time frame
it asks for (help page 201623610). For each ASIN and each requested document this says what
the documents register holds, what is missing, and what will not do: too old for the
notice's window, expired, or from a party the notice does not accept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from auditor.poa.documents import REQUESTABLE

if TYPE_CHECKING:
    from auditor.poa.notice import Notice, RequestedDocument

#: Why a document the register holds will not do.
PROBLEMS = ("too_old", "undated", "expired", "wrong_party", "issuer_unconfirmed")


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

    def wanting(self) -> tuple[str, ...]:
        """Requested kinds with no document that will do: missing, or held but unusable."""
        good = {d.kind for d in self.usable}
        held = [d.kind for d in self.held if d.kind not in good]
        return tuple(dict.fromkeys([*self.missing, *held]))


#: Sellers of goods to consumers: their receipts are not a supply chain (Amazon asks for
#: invoices from the manufacturer or a distributor, reference amazon-policies.md §4.2).
_RETAILERS = re.compile(
    r"\b(?:amazon|ebay|walmart|aliexpress|temu|shein|target|costco|best\s*buy|etsy|shopee"
    r"|lazada|taobao|tmall|pinduoduo|jd\.com|retail)\b",
    re.IGNORECASE,
)
_ACCREDITED = re.compile(r"17025|accredit|CNAS|A2LA|UKAS|DAkkS|ILAC", re.IGNORECASE)


def asin_evidence(
    documents: pd.DataFrame | None,
    listings: pd.DataFrame | None,
    notice: Notice,
    as_of: dt.date,
    seller_name: str | None = None,
) -> list[AsinEvidence]:
    """For each ASIN of the notice, the documents it asks for: what the register holds
    (usable or not, and why) and what it lacks.

    A register row covers an ASIN when its asin, its sku (one of the ASIN's listings) or its
    brand (the listing's) is the ASIN's, or when it names none of the three (account-wide);
    and when its marketplace is blank or the notice's. Ages count back from the notice's
    date (else the audit date): the time frame Amazon gives is the notice's.
    """
    if not notice.documents:
        return []
    rows = _register(documents)
    facts = _listing_facts(listings)
    since = notice.notice_date.date() if notice.notice_date else as_of
    result = []
    for asin in notice.asins:
        skus, brands = facts.get(asin, (set(), set()))
        mine = rows[
            (rows["asin"] == asin)
            | rows["sku"].isin(skus)
            | rows["brand"].str.casefold().isin({b.casefold() for b in brands})
            | (rows["asin"].isna() & rows["sku"].isna() & rows["brand"].isna())
        ]
        if notice.marketplace:
            mine = mine[mine["marketplace"].isna() | (mine["marketplace"] == notice.marketplace)]
        held: list[HeldDocument] = []
        missing: list[str] = []
        for wanted in notice.documents:
            kind = REQUESTABLE[wanted.kind]
            found = mine[mine["document_type"].isin(kind.document_types)]
            if found.empty:
                missing.append(wanted.kind)
                continue
            max_age = wanted.max_age_days or kind.max_age_days
            held += [
                _judged(wanted, row, since, as_of, max_age, brands, seller_name)
                for row in found.sort_values(
                    "issued_on", ascending=False, na_position="last"
                ).to_dict("records")
            ]
        result.append(
            AsinEvidence(asin, ", ".join(sorted(skus)) or None, tuple(held), tuple(missing))
        )
    return result


def _register(documents: pd.DataFrame | None) -> pd.DataFrame:
    columns = ["document_type", "identifier", "sku", "asin", "brand", "marketplace"]
    columns += ["issued_on", "expires_on", "issuer", "file", "notes"]
    frame = (documents if documents is not None else pd.DataFrame()).reindex(columns=columns)
    for name in ("issued_on", "expires_on"):
        frame[name] = pd.to_datetime(frame[name], errors="coerce").dt.date
    for name in ("asin", "sku", "brand", "marketplace"):
        text = frame[name].astype("string").str.strip()
        frame[name] = text.where(text != "")
    return frame


def _listing_facts(listings: pd.DataFrame | None) -> dict[str, tuple[set[str], set[str]]]:
    """ASIN -> (its SKUs, its brands) from the listings audited, grouped column-wise."""
    if listings is None or "asin" not in listings:
        return {}
    frame = listings.reindex(columns=["asin", "sku", "brand"]).dropna(subset=["asin"])
    frame = frame[frame["asin"].astype("string").str.len() > 0]
    grouped = frame.groupby("asin", sort=False).agg(_distinct_filled)
    return {
        str(asin): (set(map(str, row.sku)), set(map(str, row.brand)))
        for asin, row in grouped.iterrows()
    }


def _distinct_filled(values: pd.Series) -> set[Any]:
    return set(values.dropna()) - {""}


def _judged(
    wanted: RequestedDocument,
    row: dict[Any, Any],
    since: dt.date,
    as_of: dt.date,
    max_age: int | None,
    brands: set[str],
    seller_name: str | None,
) -> HeldDocument:
    issued, expires = _date(row["issued_on"]), _date(row["expires_on"])
    issuer = _text(row["issuer"])
    problem, detail = _problem(
        wanted,
        issued,
        expires,
        issuer,
        _text(row["notes"]),
        since,
        as_of,
        max_age,
        brands,
        seller_name,
    )
    return HeldDocument(
        kind=wanted.kind,
        document_type=str(row["document_type"]),
        file=_text(row["file"]),
        identifier=_text(row["identifier"]),
        issued_on=issued,
        expires_on=expires,
        issuer=issuer,
        problem=problem,
        detail=detail,
    )


def _problem(
    wanted: RequestedDocument,
    issued: dt.date | None,
    expires: dt.date | None,
    issuer: str | None,
    notes: str | None,
    since: dt.date,
    as_of: dt.date,
    max_age: int | None,
    brands: set[str],
    seller_name: str | None,
) -> tuple[str | None, str | None]:
    """Why a held document will not do, in plain English; (None, None) when it will."""
    if expires is not None and expires < as_of:
        return "expired", f"expired on {expires}"
    if max_age is not None:
        oldest = since - dt.timedelta(days=max_age)
        if issued is None:
            return "undated", f"no issue date in the register; the notice accepts {max_age} days"
        if issued < oldest:
            return "too_old", f"issued {issued}, before {oldest} ({max_age} days before {since})"
    said = " ".join(filter(None, (issuer, notes)))
    if wanted.kind == "invoice" and issuer:
        if _RETAILERS.search(issuer):
            return "wrong_party", f"issued by {issuer}, a retailer: Amazon asks for a supplier's"
        if seller_name and issuer.casefold() == seller_name.casefold():
            return "wrong_party", f"issued by {issuer}, the seller itself"
    if wanted.issuer and "17025" in wanted.issuer and not _ACCREDITED.search(said):
        return "issuer_unconfirmed", (
            f"the register does not say that {issuer or 'its issuer'} is ISO/IEC 17025 "
            "accredited (say so in its notes)"
        )
    if wanted.kind == "loa" and brands and not any(b.casefold() in said.casefold() for b in brands):
        return "issuer_unconfirmed", (
            f"issued by {issuer or 'an issuer not given'}; the register does not show it comes "
            f"from the owner of {', '.join(sorted(brands))}"
        )
    return None, None


def _date(value: Any) -> dt.date | None:
    """A register date, or None for a blank (NaT is a date to isinstance, not to compare)."""
    return value if isinstance(value, dt.date) and not pd.isna(value) else None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
