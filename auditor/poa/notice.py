"""Amazon's notice, read: which violation, which ASINs, which store, when it was sent and when
the plan of action is due.

A notice is short and written from a handful of Amazon templates, and every value read from
it ends up in a letter the seller sends back to Amazon. So each thing is found by a named
pattern (a fixed vocabulary for violations, the ASIN shape, labelled SKUs, email header lines,
a few date shapes), and every thing read or not understood becomes one plain line in
`Notice.understood` or `Notice.problems`: nothing is guessed silently.

The response deadline follows Amazon's wording (Amazon help page 201623610, "Create a plan of
action to reinstate selling privileges", and the notices sellers quote on the Seller Central
forums; see `tests/data/poa/notices/README.md`): a date the notice states wins; else "within
N hours/days" counted from the notice date; else the 72 hours most "at risk" notices give.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

# python-dateutil (already a pandas dependency) knows month names and their abbreviations,
# AM/PM and which dates do not exist (31/02). It is only ever given one token our patterns
# found, never the whole text, so its fuzzy guessing never decides what is a date.
from dateutil import parser as dateparser  # type: ignore[import-untyped]

from auditor.errors import AuditorError
from auditor.ingest.decode import decode, utf16_without_bom
from auditor.model.common import normalise_marketplace
from auditor.poa.html_text import html_to_text, looks_like_html
from auditor.poa.violations import VIOLATIONS

#: Amazon's usual response window for a plan of action (reference §4.1, `poa_response_hours`).
USUAL_WINDOW_HOURS = 72

NO_DEADLINE = "none: the notice gives no date to count from"


@dataclass(frozen=True)
class RequestedDocument:
    """A document the notice asks for, e.g. "a Certificate of Analysis (COA) from an
    ISO/IEC 17025 accredited laboratory, issued within the last 12 months"."""

    #: A key of `auditor.poa.documents.REQUESTABLE` (invoice, coa, label_images...).
    kind: str
    #: The notice's words for it, as written.
    written: str
    #: The oldest the document may be, in days, when the notice says ("last 365 days").
    max_age_days: int | None = None
    #: Who must have issued it, when the notice says ("ISO/IEC 17025 accredited laboratory").
    issuer: str | None = None


@dataclass(frozen=True)
class Notice:
    """What was read from one notice, with one plain-English line per thing read or not."""

    #: A key of `auditor.poa.violations.VIOLATIONS`: the one named in the subject, else first.
    violation: str | None = None
    #: The other violation types the wording names, in order.
    other_violations: tuple[str, ...] = ()
    #: Distinct ASINs in order of appearance.
    asins: tuple[str, ...] = ()
    #: SKUs the notice labels as such ("SKU: ..." or a SKU column), distinct, in order.
    skus: tuple[str, ...] = ()
    #: Amazon's country code of the store the notice names, else of the one passed in.
    marketplace: str | None = None
    notice_date: dt.datetime | None = None
    #: Whether the notice date carries its time of day (else it is the start of that day).
    time_known: bool = False
    deadline: dt.datetime | None = None
    #: Where the deadline comes from, in plain English.
    deadline_basis: str = NO_DEADLINE
    #: Whether the deadline carries a time of day ("by December 1, 2026" does not).
    deadline_time_known: bool = False
    #: The other dates found, distinct, in order of appearance.
    dates: tuple[dt.date, ...] = ()
    #: The subject line of Amazon's message, when the text has one.
    subject: str | None = None
    #: The rights owner an IP complaint names ("Rights owner: ...").
    rights_owner: str | None = None
    #: The complaint ids the notice gives ("Complaint ID: ..."), in order.
    complaint_ids: tuple[str, ...] = ()
    #: The fulfilment channel the notice is about: "mfn" (seller-fulfilled) or "afn" (FBA).
    channel: str | None = None
    #: The violation's rate the notice states, as a fraction (1.25% -> 0.0125).
    rate: float | None = None
    #: Amazon's target the notice states, as a fraction ("under 1%" -> 0.01).
    target: float | None = None
    #: The count of bad events the notice states (defective orders, late shipments).
    defects: int | None = None
    #: The count they are out of (orders in the window).
    orders: int | None = None
    #: The window the notice measures over, in days ("the last 60 days").
    window_days: int | None = None
    #: The window's dates, when the notice states them.
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    #: The documents the notice asks for, in order.
    documents: tuple[RequestedDocument, ...] = ()
    understood: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


def read_notice(path: Path) -> Notice:
    """Read the notice saved in `path` and parse it.

    UTF-8 with or without BOM; a forwarded email saved by a Chinese or Windows mail client
    (GB18030, cp1252) is decoded the way the data readers decode such files.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AuditorError(f"{path}: no such notice file") from None
    except IsADirectoryError:
        raise AuditorError(f"{path}: is a folder; give the notice's text file") from None
    except OSError as error:
        raise AuditorError(f"{path}: cannot read the notice ({error.strerror})") from None
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(data)
    if b"\x00" in data and not utf16:
        raise AuditorError(
            f"{path}: not a text file; save Amazon's email or Account Health message as text"
        )
    try:
        text, _encoding = decode(data)
    except UnicodeDecodeError:
        raise AuditorError(
            f"{path}: not UTF-8 text nor in an encoding we recognise; save the notice as UTF-8"
        ) from None
    return parse_notice(text)


def parse_notice(text: str, *, marketplace: str | None = None) -> Notice:
    """Read Amazon's notice from its text.

    `marketplace` (a code such as DE, or amazon.de) is used when the notice names no store, and
    to read a date such as 03/04/2026 month first (US, CA, MX) or day first (elsewhere).
    An email saved as HTML is read as its text (`auditor.poa.html_text`), and says so.
    """
    html = looks_like_html(text)
    if html:
        text = html_to_text(text)
    # NFKC turns full-width colons and digits (Chinese mail clients) and no-break spaces into
    # their plain forms, so one set of patterns reads both.
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    given = _store_code(marketplace) if marketplace else None
    if not text.strip():
        return Notice(
            marketplace=given, problems=("The notice is empty: there is nothing to read.",)
        )
    reader = _Reader(text)
    if html:
        reader.understood.append(
            "The notice is an email saved as HTML: its text was read, without tags, links, "
            "images or scripts."
        )
    if marketplace and given is None:
        reader.problems.append(f"The marketplace '{marketplace}' given is not one Amazon has.")
    return reader.read(given)


# --- vocabulary --------------------------------------------------------------------------------

#: The wording that names each violation type, matched case-insensitively.
_VIOLATION_WORDS: dict[str, tuple[str, ...]] = {
    "order-defect-rate": (r"\border defect rate", r"\bODR\b"),
    "late-shipment-rate": (r"\blate[- ]shipments?(?: rate)?",),
    "pre-fulfillment-cancel-rate": (
        r"\bpre-?\s?fulfil?lment cancel(?:lation)? rate",
        r"\bcancel(?:lation)? rate",
    ),
    "valid-tracking-rate": (r"\bvalid tracking rate", r"\bVTR\b"),
    "on-time-delivery-rate": (r"\bon[- ]time delivery(?: rate)?", r"\bOTDR\b"),
    "ip-complaints": (
        r"\bintellectual property",
        r"\btrademarks?\b",
        r"\bcopyrights?\b",
        r"\bpatents?\b",
    ),
    "authenticity-complaints": (r"\binauthentic\b", r"\bcounterfeit\w*", r"\bauthenticity\b"),
    "restricted-product-violations": (r"\brestricted products?\b",),
    "listing-policy-violations": (
        r"\blisting polic(?:y|ies)\b",
        r"\bpolicy violations? on your listings?\b",
    ),
    "product-safety-complaints": (r"\bproduct safety\b",),
    "review-policy-violations": (
        r"\bcustomer product reviews? polic(?:y|ies)\b",
        r"\breview manipulation\b",
        r"\bmanipulat\w* (?:of )?(?:customer |product )*reviews\b",
    ),
    "open-document-requests": (
        r"\bdocuments? requested\b",
        r"\bdocument requests?\b",
        r"\brequested documents?\b",
    ),
    "related-accounts": (r"\brelated accounts?\b", r"\bmultiple (?:selling )?accounts\b"),
    "product-condition-complaints": (r"\bproduct condition\b", r"\bcondition complaints?\b"),
    "food-safety-violations": (r"\bfood safety\b",),
    "variation-policy-violations": (r"\bvariation polic(?:y|ies)\b", r"\bvariation abuse\b"),
    "fair-pricing-violations": (r"\bfair pricing\b",),
    "buyer-messaging-violations": (
        r"\bbuyer[- ]seller messag\w*",
        r"\bcommunication guidelines\b",
    ),
    "drop-shipping-violations": (r"\bdrop[- ]?shipp?(?:ing|ed|er)?\b",),
    "invoice-defect-rate": (r"\binvoice defect rate\b", r"\bIDR\b"),
}
_VIOLATION_RES = {
    name: [re.compile(p, re.IGNORECASE) for p in patterns]
    for name, patterns in _VIOLATION_WORDS.items()
}
if set(_VIOLATION_WORDS) != set(VIOLATIONS):  # pragma: no cover - caught by any test run
    raise RuntimeError("every violation type in VIOLATIONS needs its wording here")

#: An ASIN outside books: B0 and 8 capitals or digits, not part of a longer code (B0...-NEW).
_ASIN = re.compile(r"(?<![\w-])B0[0-9A-Z]{8}(?![\w-])")
#: A book's ASIN is its ISBN-10: counted only where labelled "ASIN".
_ISBN_ASIN = re.compile(r"\d{9}[\dX]")
_ASIN_LABEL = re.compile(r"\bASINs?\b\s*[:#]?", re.IGNORECASE)
_SKU_LABEL = re.compile(r"\b(?:seller[ -]|merchant[ -])?SKUs?\s*[:#]", re.IGNORECASE)
_SPLIT_CELLS = re.compile(r"\t|\s{2,}|\s*\|\s*")
_RIGHTS_OWNER = re.compile(
    r"^[ \t>*]*rights?[ -]owner(?:'s)?(?:[ \t]+name)?[ \t]*:[ \t]*(?P<value>\S[^\n]*?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_COMPLAINT_ID = re.compile(
    r"\bcomplaint[ \t]*(?:id|number|no\.?|#)[ \t]*(?:[:#][ \t]*)?(?P<value>\d{5,15})\b",
    re.IGNORECASE,
)

#: Amazon's store domains, longest first so that amazon.com.mx is not read as amazon.com.
_STORE_DOMAINS = {
    "com.mx": "MX", "com.br": "BR", "com.au": "AU", "com.tr": "TR", "com.be": "BE",
    "co.uk": "UK", "co.jp": "JP", "co.za": "ZA", "com": "US", "ca": "CA", "de": "DE",
    "fr": "FR", "it": "IT", "es": "ES", "nl": "NL", "se": "SE", "pl": "PL", "ae": "AE",
    "sa": "SA", "eg": "EG", "in": "IN", "sg": "SG", "ie": "IE",
}  # fmt: skip
# Only a store named in prose or in a product link counts: an email address's domain
# (seller-performance@amazon.com writes to sellers everywhere) and Seller Central's hosts
# (sellercentral.amazon.com serves North America) name no store.
_STORE = re.compile(
    r"(?<![\w@.-])(?:www\.)?amazon\.(?P<tld>"
    + "|".join(re.escape(d) for d in _STORE_DOMAINS)
    + r")(?![\w-]|\.[a-z])",
    re.IGNORECASE,
)
_MARKETPLACE_LABEL = re.compile(r"\bmarketplace[ \t]*:[ \t]*(?P<value>[A-Za-z0-9]{2,14})\b", re.I)
#: Stores whose dates are written month first (03/04/2026 is March 4).
_MONTH_FIRST_STORES = frozenset({"US", "CA", "MX"})

#: Email header lines (English and Chinese mail clients), possibly quoted ("> ") or in bold.
_HEADER = re.compile(
    r"^[ \t>]*\**(?P<key>from|sent|date|to|cc|subject|发件人|发送时间|收件人|抄送|主题|日期|时间)"
    r"\**[ \t]*:[ \t]*\**[ \t]*(?P<value>[^\n]*?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_SENDER_KEYS = ("from", "发件人")
_DATE_KEYS = ("date", "sent", "发送时间", "日期", "时间")
_SUBJECT_KEYS = ("subject", "主题")

# --- dates -------------------------------------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = (
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?,?\s+)?"
)
_ZH_WEEKDAY = r"(?:\(?(?:星期|周)[一二三四五六日天]\)?)"
#: Time-zone abbreviations whose offset is not in doubt (in minutes). CST, IST and AST are in
#: doubt (China or US Central; India or Ireland; Arabia or Atlantic): reported, not guessed.
_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 60, "WEST": 60, "CET": 60, "CEST": 120,
    "EET": 120, "EEST": 180, "GST": 240, "HKT": 480, "SGT": 480, "JST": 540, "AEST": 600,
    "AEDT": 660, "EST": -300, "EDT": -240, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
}  # fmt: skip
_DATE = re.compile(
    r"(?<![\w.\-/])" + _WEEKDAY + r"(?:"
    r"(?P<ymd>(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2}))(?![\d/])"
    r"|(?P<zh>(?P<y2>\d{4})\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日)"
    r"|(?P<named>" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?" + _MONTH + r",?\s+\d{4})(?!\d)"
    r"|(?P<num>(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y3>\d{4}))(?![\d.]\d)"
    r")"
    # an optional time: "at 9:14 AM", "T09:14:00Z", "(星期六) 上午10:02", "09:14:03 +0000"
    # (each run of blanks is one quantifier's: adjacent ones backtrack cubically on long runs)
    r"(?:(?:[ \t]*(?:" + _ZH_WEEKDAY + r"[ \t]*)?(?:,[ \t]*)?(?:at[ \t]+)?|T)"
    r"(?:(?P<zhampm>上午|下午|晚上|凌晨|中午)[ \t]*)?"
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:[ \t]*[ap]\.?[ \t]?m\b\.?)?"
    r"|\d{1,2}[ \t]*[ap]\.?m\b\.?)"
    r"(?:[ \t]*\(?(?P<tz>(?-i:(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}"
    r"|UTC|GMT|Z|[A-Z]{1,3}[SD]?T))(?![\w+-])\)?)?"
    r")?",
    re.IGNORECASE,
)
#: The words before a date that make it the date to answer by.
_BY = re.compile(
    r"(?:\bby|\bbefore|\bno later than|\bnot later than|\bon or before|\bdeadline(?: is)?"
    r"|\bdue(?: date)?(?: is)?(?: on| by)?)\s*(?:[:\-–]\s*)?(?:the\s+)?$",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10,
    "fourteen": 14, "fifteen": 15, "seventeen": 17, "thirty": 30, "forty-eight": 48,
    "seventy-two": 72,
}  # fmt: skip
_WINDOW = re.compile(
    r"\b(?:within|in the next)\s+(?:the\s+next\s+)?(?P<n>\d{1,3}|[a-z]+(?:-[a-z]+)?)"
    r"(?:\s*\(\d{1,3}\))?\s+(?P<kind>business\s+|working\s+|calendar\s+)?(?P<unit>hours?|days?)\b"
    r"(?!\s+(?:prior|before|ago|of\s+(?:the\s+)?(?:order|purchase|sale|invoice|delivery)))",
    re.IGNORECASE,
)
#: A window is the response window only in a sentence about answering Amazon.
_RESPONSE_WORDS = re.compile(
    r"plan of action|\bplan\b|\bPOA\b|appeal|respond|response|\breply|submit|send us"
    r"|provide|reinstat|reactivat|quiz",
    re.IGNORECASE,
)
_SENTENCE_ENDS = (". ", "! ", "? ", ".\n", "\n\n")


@dataclass(frozen=True)
class _Date:
    """One date found in the text: where, as written, and as read."""

    start: int
    end: int
    written: str
    value: dt.datetime
    has_time: bool


@dataclass(frozen=True)
class _Header:
    """One block of email header lines (From, Date, Subject...)."""

    sender: str | None
    date_key: str | None
    date_value: str | None
    #: Where the date header's value starts and its line ends.
    date_span: tuple[int, int] | None
    subject: str | None
    subject_span: tuple[int, int] | None

    @property
    def from_amazon(self) -> bool:
        return bool(self.sender and "amazon" in self.sender.lower())


class _Reader:
    """One pass over one notice, collecting what it reads and what it could not."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.understood: list[str] = []
        self.problems: list[str] = []

    def read(self, given: str | None) -> Notice:
        headers = self._headers()
        violation, others = self._violations(headers)
        marketplace = self._marketplace(given)
        dates = self._dates(marketplace, headers)
        notice = self._notice_date(headers, dates)
        in_headers = [d for h in headers if (d := self._date_in(h, dates)) is not None]
        deadline, basis, deadline_time_known, deadline_found = self._deadline(
            [d for d in dates if d not in in_headers], notice
        )
        asins = self._asins()
        skus = self._skus()
        if asins:
            self.understood.append("ASINs: " + ", ".join(asins))
        elif violation and VIOLATIONS[violation].about_listings:
            self.problems.append(
                f"The notice names no ASIN, though {violation} is about listings; list the "
                "ASINs concerned (Account Health shows them) so the plan addresses each."
            )
        if skus:
            self.understood.append("SKUs: " + ", ".join(skus))
        rights_owner = self._rights_owner()
        complaint_ids = _distinct(m["value"] for m in _COMPLAINT_ID.finditer(self.text))
        if complaint_ids:
            self.understood.append("Complaint IDs: " + ", ".join(complaint_ids))
        used = {found for found in (notice, deadline_found) if found is not None}
        known = {found.value.date() for found in used}
        others_dates = _distinct(
            d.value.date() for d in dates if d not in used and d.value.date() not in known
        )
        if others_dates:
            self.understood.append(
                "Other dates: " + ", ".join(day.isoformat() for day in others_dates)
            )
        if not (violation or dates or asins or marketplace):
            self.problems.append(
                "Nothing in the text was recognised as part of an Amazon notice (no violation, "
                "date, ASIN or store); check that the right file was given."
            )
        # Amazon's own subject line; else the innermost one (the original of a forward)
        subjects = [h.subject for h in headers if h.subject and h.from_amazon][:1]
        subjects = subjects or [h.subject for h in headers if h.subject][-1:]
        return Notice(
            violation=violation,
            other_violations=others,
            asins=asins,
            skus=skus,
            marketplace=marketplace,
            notice_date=notice.value if notice else None,
            time_known=bool(notice and notice.has_time),
            deadline=deadline,
            deadline_basis=basis,
            deadline_time_known=deadline_time_known,
            dates=others_dates,
            subject=subjects[0] if subjects else None,
            rights_owner=rights_owner,
            complaint_ids=complaint_ids,
            understood=tuple(self.understood),
            problems=tuple(self.problems),
        )

    # --- email headers ---

    def _headers(self) -> list[_Header]:
        """Header blocks: runs of header lines on consecutive lines."""
        blocks: list[list[re.Match[str]]] = []
        for match in _HEADER.finditer(self.text):
            if not match["value"]:
                continue
            between = self.text[blocks[-1][-1].end() : match.start()] if blocks else "x"
            if between.strip() == "" and between.count("\n") <= 1:
                blocks[-1].append(match)
            else:
                blocks.append([match])
        headers = []
        for block in blocks:
            fields: dict[str, re.Match[str]] = {}
            for match in block:
                fields.setdefault(match["key"].lower(), match)
            sender = next((fields[k] for k in _SENDER_KEYS if k in fields), None)
            dated = next((fields[k] for k in _DATE_KEYS if k in fields), None)
            subject = next((fields[k] for k in _SUBJECT_KEYS if k in fields), None)
            if not (sender or dated or subject):
                continue  # a lone "To:" line is not a message's header
            headers.append(
                _Header(
                    sender=sender["value"] if sender else None,
                    date_key=dated["key"] if dated else None,
                    date_value=dated["value"] if dated else None,
                    date_span=(dated.start("value"), dated.end("value")) if dated else None,
                    subject=subject["value"] if subject else None,
                    subject_span=subject.span("value") if subject else None,
                )
            )
        return headers

    # --- violation ---

    def _violations(self, headers: list[_Header]) -> tuple[str | None, tuple[str, ...]]:
        subjects = [h.subject_span for h in headers if h.subject_span]
        found: list[tuple[int, int, str, str]] = []  # (0 if in a subject, position, type, words)
        for name, patterns in _VIOLATION_RES.items():
            for pattern in patterns:
                for match in pattern.finditer(self.text):
                    in_subject = any(a <= match.start() < b for a, b in subjects)
                    found.append((0 if in_subject else 1, match.start(), name, match[0]))
        if not found:
            self.problems.append(
                "No violation type recognised in the notice's wording (such as 'Order Defect "
                "Rate', 'restricted product' or 'intellectual property'); name it with "
                "--violation."
            )
            return None, ()
        found.sort()
        rank, _, violation, words = found[0]
        where = "in the subject" if rank == 0 else "named first in the text"
        self.understood.append(f"Violation: {violation} ('{words}', {where})")
        others: list[str] = []
        for _, _, name, words in found:
            if name != violation and name not in others:
                others.append(name)
                self.understood.append(f"The notice also names {name} ('{words}')")
        return violation, tuple(others)

    # --- store ---

    def _marketplace(self, given: str | None) -> str | None:
        named: dict[str, str] = {}  # code -> as written
        for match in _STORE.finditer(self.text):
            named.setdefault(_STORE_DOMAINS[match["tld"].lower()], match[0])
        for match in _MARKETPLACE_LABEL.finditer(self.text):
            code = normalise_marketplace(match["value"])
            if code:
                named.setdefault(code, match[0])
        if not named:
            if given:
                self.understood.append(f"Store: {given} (given; the notice names none)")
            return given
        codes = list(named)
        chosen = given if given in named else codes[0]
        line = f"Store: {chosen} (named as '{named[chosen]}')"
        if given in named and len(codes) > 1:
            line += ", as given; the notice also names " + ", ".join(
                f"'{named[code]}'" for code in codes if code != given
            )
        self.understood.append(line)
        if given and given not in named:
            self.problems.append(
                f"The notice is about {named[chosen]} ({chosen}) but the marketplace given is "
                f"{given}; using {chosen}, from the notice."
            )
        elif len(codes) > 1 and given is None:
            written = ", ".join(f"'{named[code]}'" for code in codes)
            self.problems.append(
                f"The notice names several stores ({written}); using {chosen}, named first. "
                "Give the marketplace to choose another."
            )
        return chosen

    # --- dates ---

    def _dates(self, marketplace: str | None, headers: list[_Header]) -> list[_Date]:
        dates: list[_Date] = []
        unreadable: list[int] = []
        for match in _DATE.finditer(self.text):
            found = self._read_date(match, marketplace)
            if found is None:
                unreadable.append(match.start())
            else:
                dates.append(found)
        for header in headers:
            if header.date_span is None or self._date_in(header, dates) is not None:
                continue
            start, end = header.date_span
            if not any(start <= at < end for at in unreadable):  # else reported already
                self.problems.append(
                    f"The '{header.date_key}:' header '{header.date_value}' holds no date that "
                    "could be read."
                )
        return dates

    def _read_date(self, match: re.Match[str], marketplace: str | None) -> _Date | None:
        written = match[0].strip()
        dayfirst = False
        if match["ymd"]:
            token = f"{match['y1']}-{match['m1']}-{match['d1']}"
        elif match["zh"]:
            token = f"{match['y2']}-{match['m2']}-{match['d2']}"
        elif match["named"]:
            token = match["named"]
        else:
            token = match["num"]
            dayfirst = self._day_first(match, marketplace)
        time = match["time"]
        if time:
            token = f"{token} {_clock(time, match['zhampm'])}"
        try:
            # Year-first tokens are read year-month-day: dateutil's dayfirst would swap them.
            value = dateparser.parse(
                token,
                dayfirst=dayfirst,
                yearfirst=bool(match["ymd"] or match["zh"]),
                default=dt.datetime(1900, 1, 1),  # never today's date: output stays the same
            )
        except (ValueError, OverflowError):
            self.problems.append(f"'{written}' looks like a date but is not one; ignored.")
            return None
        if time and match["tz"]:
            zone = _zone(match["tz"])
            if zone is None:
                self.problems.append(
                    f"The time zone '{match['tz']}' in '{written}' is ambiguous or unknown; "
                    "the time is read as written, without a zone."
                )
            else:
                value = value.replace(tzinfo=zone)
        return _Date(match.start(), match.end(), written, value, bool(time))

    def _day_first(self, match: re.Match[str], marketplace: str | None) -> bool:
        """How to read 11/20/2026, 20.11.2026 and the ambiguous 03/04/2026."""
        first, second, year = int(match["a"]), int(match["b"]), int(match["y3"])
        if match["sep"] == ".":
            return True  # dotted dates are written day first
        if first > 12 or second > 12 or first == second:
            return first > 12
        dayfirst = marketplace not in _MONTH_FIRST_STORES
        if marketplace is None:
            why = "day first, as no store is named (give the marketplace to choose)"
        else:
            why = f"{'day' if dayfirst else 'month'} first, as the store is {marketplace}"
        try:
            month_first, day_first = dt.date(year, first, second), dt.date(year, second, first)
        except ValueError:
            return dayfirst  # not a date either way; reported when read
        chosen = day_first if dayfirst else month_first
        self.problems.append(
            f"The date '{match['num']}' could be {month_first.day} {month_first:%B} (month "
            f"first) or {day_first.day} {day_first:%B} (day first); read {why}: {chosen}."
        )
        return dayfirst

    def _date_in(self, header: _Header, dates: list[_Date]) -> _Date | None:
        if header.date_span is None:
            return None
        start, end = header.date_span
        return next((d for d in dates if start <= d.start < end), None)

    def _by_words(self, found: _Date) -> str | None:
        """'by', 'no later than'...: the words that make `found` a date to answer by."""
        match = _BY.search(self.text[max(0, found.start - 40) : found.start])
        return " ".join(match[0].split()) if match else None

    def _notice_date(self, headers: list[_Header], dates: list[_Date]) -> _Date | None:
        """The date of Amazon's message: its own header; else the innermost header (the
        original message of a forward); else the first date in the text not to answer by."""
        readable = [(h, d) for h in headers if (d := self._date_in(h, dates)) is not None]
        amazon = [(h, d) for h, d in readable if h.from_amazon]
        if amazon or readable:
            header, found = amazon[0] if amazon else readable[-1]
            how = f"from the '{header.date_key}:' header"
            if amazon:
                how += " of the message from Amazon"
            elif len(readable) > 1:
                how += " of the innermost (forwarded) message"
        else:
            first = next((d for d in dates if self._by_words(d) is None), None)
            if first is None:
                return None
            found = first
            how = f"the first date in the text, '{first.written}' (no Date: or Sent: header)"
        self.understood.append(f"Notice date: {_show(found.value, found.has_time)}, {how}")
        return found

    # --- deadline ---

    def _deadline(
        self, dates: list[_Date], notice: _Date | None
    ) -> tuple[dt.datetime | None, str, bool, _Date | None]:
        """(deadline, basis, whether it has a time, the date found that states it), from the
        dates of the body (not of header lines)."""
        explicit = [d for d in dates if self._by_words(d) is not None]
        windows = self._windows()
        if explicit:
            first = min(explicit, key=lambda d: d.value.replace(tzinfo=None))
            if len({d.value for d in explicit}) > 1:
                listed = ", ".join(f"'{d.written}'" for d in explicit)
                self.problems.append(
                    f"The notice gives several dates to answer by ({listed}); using the "
                    f"earliest, '{first.written}'."
                )
            line = (
                f"Deadline: {_show(first.value, first.has_time)}, stated in the notice "
                f"('{self._by_words(first)} {first.written}')"
            )
            if not first.has_time:
                line += "; no time is given, so the start of that day"
            self.understood.append(line)
            if windows:
                self.understood.append(
                    f"The notice also says '{windows[0][2]}'; the date it states wins."
                )
            return first.value, "stated in the notice", first.has_time, first
        if windows:
            amount, unit, words = min(windows, key=lambda w: _hours(w[0], w[1]))
            if len({(a, u) for a, u, _ in windows}) > 1:
                listed = ", ".join(f"'{w}'" for _, _, w in windows)
                self.problems.append(
                    f"The notice gives several times to answer within ({listed}); counted the "
                    f"shortest, '{words}'."
                )
            basis = f"{_amount(amount, unit)} after the notice date (stated in the notice)"
        else:
            amount, unit = USUAL_WINDOW_HOURS, "hours"
            basis = (
                f"{_amount(amount, unit)} after the notice date "
                "(Amazon's usual window; the notice states none)"
            )
        if notice is None:
            said = f"gives {_amount(amount, unit)} to answer but" if windows else "gives"
            self.problems.append(
                f"The notice {said} no date to count from, so no deadline can be worked out; "
                "look up the notice's date in Seller Central (Performance > Account Health)."
            )
            return None, NO_DEADLINE, False, None
        deadline = _add(notice.value, amount, unit)
        line = f"Deadline: {_show(deadline, True)}, {basis}"
        if not notice.has_time:
            line += "; the notice gives no time, so counted from the start of its day"
        if "business" in unit:
            line += "; business days counted Monday to Friday, public holidays not known"
        self.understood.append(line)
        return deadline, basis, notice.has_time, None

    def _windows(self) -> list[tuple[int, str, str]]:
        """(amount, unit, as written) of each "within N hours/days" about answering Amazon."""
        windows = []
        for match in _WINDOW.finditer(self.text):
            raw = match["n"].lower()
            amount = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 0)
            if not amount or not _RESPONSE_WORDS.search(self._sentence(match)):
                continue
            if match["kind"] and match["kind"].strip().lower() in ("business", "working"):
                unit = "business days"
            else:
                unit = "hours" if match["unit"].lower().startswith("hour") else "days"
            windows.append((amount, unit, " ".join(match[0].split())))
        return windows

    def _sentence(self, match: re.Match[str]) -> str:
        left = max(self.text.rfind(end, 0, match.start()) for end in _SENTENCE_ENDS)
        rights = [self.text.find(end, match.end()) for end in _SENTENCE_ENDS]
        right = min((i for i in rights if i >= 0), default=len(self.text))
        return self.text[max(left, 0) : right]

    # --- ASINs, SKUs, rights owner ---

    def _asins(self) -> tuple[str, ...]:
        found = [(m.start(), m[0]) for m in _ASIN.finditer(self.text)]
        for label in _ASIN_LABEL.finditer(self.text):
            # "ASINs: 0306406152, 0553293354": the words after the label while they are ASINs
            position = label.end()
            for word in re.finditer(r"[^\s,;|]+", self._rest_of_line(position)):
                value = word[0].strip(".()")
                if not (_ISBN_ASIN.fullmatch(value) or _ASIN.fullmatch(value)):
                    break
                found.append((position + word.start(), value))
        found += [(at, v) for at, v in self._column("asin") if _ISBN_ASIN.fullmatch(v)]
        return _distinct(value for _, value in sorted(found))

    def _skus(self) -> tuple[str, ...]:
        found = self._column(r"(?:seller |merchant )?sku")
        for label in _SKU_LABEL.finditer(self.text):
            # "SKU: A-1, B-2  Title: ..." gives A-1 and B-2: a list until the next label
            position = label.end()
            rest = self._rest_of_line(position)
            for piece in re.finditer(r"[^,;|]+", rest):
                words = piece[0].split()
                if not words or ":" in words[0]:
                    break
                found.append((position + piece.start() + piece[0].find(words[0]), words[0]))
                if ":" in piece[0]:
                    break
        return _distinct(value for _, value in sorted(found))

    def _rest_of_line(self, position: int) -> str:
        end = self.text.find("\n", position)
        return self.text[position : len(self.text) if end < 0 else end]

    def _column(self, header: str) -> list[tuple[int, str]]:
        """Values in the column named `header` of a table the notice lists items in
        (cells apart by a tab, two spaces or a bar; rows with as many cells as the header)."""
        cell = re.compile(header, re.IGNORECASE)
        values = []
        lines = self.text.split("\n")
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        row_cells = [[c for c in _SPLIT_CELLS.split(line.strip()) if c] for line in lines]
        index = 0
        while index < len(lines):
            cells = row_cells[index]
            column = next((i for i, c in enumerate(cells) if cell.fullmatch(c)), None)
            index += 1
            if column is None or len(cells) < 2:
                continue
            while index < len(lines) and len(row_cells[index]) == len(cells):
                value = row_cells[index][column]
                values.append((starts[index] + lines[index].find(value), value))
                index += 1
        return values

    def _rights_owner(self) -> str | None:
        match = _RIGHTS_OWNER.search(self.text)
        if match is None:
            return None
        self.understood.append(f"Rights owner: {match['value']}")
        return match["value"]


def _store_code(value: str) -> str | None:
    """DE, GB, a marketplace id, or a store's domain (amazon.de) as Amazon's country code."""
    store = _STORE.fullmatch(value.strip())
    if store:
        return _STORE_DOMAINS[store["tld"].lower()]
    return normalise_marketplace(value)


def _clock(time: str, zh_ampm: str | None) -> str:
    """A Chinese 上午/下午 (morning/afternoon) written before the time, as AM/PM after it."""
    hour = int(re.split(r"[:\s]", time)[0])
    if not zh_ampm or hour > 12:
        return time
    afternoon = zh_ampm in ("下午", "晚上") or (zh_ampm == "中午" and hour < 11)
    return f"{time} {'PM' if afternoon else 'AM'}"


def _zone(name: str) -> dt.timezone | None:
    """The fixed offset a written time zone stands for; None when it is in doubt."""
    compact = name.replace(" ", "").upper()
    if compact in _ZONES:
        return dt.timezone(dt.timedelta(minutes=_ZONES[compact]), compact)
    offset = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?", compact)
    if offset is None:
        return None
    minutes = int(offset[2]) * 60 + int(offset[3] or 0)
    if minutes >= 24 * 60:
        return None
    return dt.timezone(dt.timedelta(minutes=-minutes if offset[1] == "-" else minutes))


def _add(start: dt.datetime, amount: int, unit: str) -> dt.datetime:
    if unit == "hours":
        return start + dt.timedelta(hours=amount)
    if unit == "days":
        return start + dt.timedelta(days=amount)
    day = start  # business days: Monday to Friday
    while amount:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            amount -= 1
    return day


def _hours(amount: int, unit: str) -> float:
    """A window's length, to compare windows ("72 hours" against "5 business days")."""
    return amount * {"hours": 1.0, "days": 24.0, "business days": 24 * 7 / 5}[unit]


def _amount(amount: int, unit: str) -> str:
    return f"{amount} {unit[:-1] if amount == 1 else unit}"


def _show(value: dt.datetime, with_time: bool) -> str:
    shown = value.strftime("%Y-%m-%d %H:%M") if with_time else value.date().isoformat()
    if with_time and value.tzinfo is not None:
        shown += f" {value.tzname()}"
    return shown


_T = TypeVar("_T", bound=Hashable)


def _distinct(values: Iterable[_T]) -> tuple[_T, ...]:
    """The values without repeats, in the order first seen."""
    return tuple(dict.fromkeys(values))
