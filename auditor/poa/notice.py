"""Amazon's notice, read: which violation, which ASINs, which store, when it was sent and when
the plan of action is due; and what it states, which the plan must follow: the fulfilment
channel, the rate, target and counts, the window they are measured over, and the documents it
asks for.

A notice is short and written from a handful of Amazon templates, and every value read from
it ends up in a letter the seller sends back to Amazon. So each thing is found by a named
pattern (a fixed vocabulary for violations, channels and documents, the ASIN shape, labelled
SKUs, email header lines, a few date shapes), and every thing read or not understood becomes
one plain line in `Notice.understood` or `Notice.problems`: nothing is guessed silently. A
figure counts only where it is tied to the violation's own sentence, so "a refund of 100%"
is never read as a rate, nor "invoices from the last 365 days" as the rate's window.

The response deadline follows Amazon's wording (Amazon help page 201623610, "Create a plan of
action to reinstate selling privileges", and the notices sellers quote on the Seller Central
forums; see `tests/data/poa/notices/README.md`): a date the notice states wins; else "within
N hours/days" counted from the notice date; else, unless the notice says no plan is needed
(an invoice defect rate warning), the 72 hours most "at risk" notices give.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

# python-dateutil (already a pandas dependency) knows month names and their abbreviations,
# AM/PM and which dates do not exist (31/02). It is only ever given one token our patterns
# found, never the whole text, so its fuzzy guessing never decides what is a date.
from dateutil import parser as dateparser  # type: ignore[import-untyped]

from auditor.errors import AuditorError
from auditor.ingest.decode import decode, utf16_without_bom
from auditor.model.common import MARKETPLACE_OF_DOMAIN, normalise_marketplace
from auditor.poa.documents import REQUESTABLE
from auditor.poa.html_text import html_to_text, looks_like_html
from auditor.poa.violations import VIOLATIONS

#: Amazon's usual response window for a plan of action (reference §4.1, `poa_response_hours`).
USUAL_WINDOW_HOURS = 72

NO_DEADLINE = "none: the notice gives no date to count from"
NO_PLAN = "none: the notice asks for no plan of action"


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

#: The wording that names each violation type, matched case-insensitively. Where Amazon's
#: notices name a type in several ways, each is listed with the notice it comes from (see
#: tests/data/poa/notices/README.md): the ASIN Creation policy for variations, the
#: Marketplace Fair Pricing Policy, "used sold as new" condition complaints, "proactive
#: messages" for messaging. Acronyms are matched in capitals only (IDR is also a currency).
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
    # "food and product safety" (Account Health's label for both) is read by _SHARED_LABELS
    "product-safety-complaints": (r"(?<!food and )\bproduct safety\b",),
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
    "product-condition-complaints": (
        r"\bproduct condition\b",
        r"\bcondition complaints?\b",
        r"\bused (?:items? |products? )?sold as new\b",
        r"\bcomplaints? (?:about|regarding) the condition of\b",
    ),
    "food-safety-violations": (
        r"\bfood safety\b",
        r"\bexpired (?:food|items?|products?|goods|units)\b",
        r"\b(?:past|beyond|after) (?:its|their|the) (?:expiration|expiry|best[- ]before) dates?\b",
    ),
    "variation-policy-violations": (
        r"\bvariation polic(?:y|ies)\b",
        r"\bvariation abuse\b",
        r"\bASIN creation polic(?:y|ies)\b",
        r"\b(?:invalid|incorrect|inappropriate) (?:child )?variations?\b",
        r"\bmisus\w* (?:of )?(?:ASIN )?variations?\b",
    ),
    "fair-pricing-violations": (r"\bfair pricing\b", r"\bprice gouging\b"),
    "buyer-messaging-violations": (
        r"\bbuyer[- ]seller messag\w*",
        r"\bcommunication guidelines\b",
        r"\bproactive messag\w*",
    ),
    "drop-shipping-violations": (r"\bdrop[- ]?shipp?(?:ing|ed|er)?\b",),
    "invoice-defect-rate": (
        r"\binvoice defect rate\b",
        r"(?-i:\bIDR\b)(?![ \t]?\d)",
        r"\bAmazon Business invoicing polic(?:y|ies)\b",
    ),
}
_VIOLATION_RES = {
    name: [re.compile(p, re.IGNORECASE) for p in patterns]
    for name, patterns in _VIOLATION_WORDS.items()
}
if set(_VIOLATION_WORDS) != set(VIOLATIONS):  # pragma: no cover - caught by any test run
    raise RuntimeError("every violation type in VIOLATIONS needs its wording here")


@dataclass(frozen=True)
class _SharedLabel:
    """Wording Amazon uses for two violation types at once, told apart by the rest of the
    text: Account Health's "Food and product safety issues" covers food (expired, spoiled,
    allergens) and any other product's safety complaints."""

    words: re.Pattern[str]
    #: The words elsewhere in the text that make it `if_cue` rather than `otherwise`.
    cue: re.Pattern[str]
    if_cue: str
    otherwise: str
    #: What the cue words are, for the line that says why.
    cue_examples: str


_SHARED_LABELS = (
    _SharedLabel(
        re.compile(r"\bfood and product safety\b", re.IGNORECASE),
        re.compile(
            r"\bexpir(?:ed|ation|y)\b|\bbest[- ]before\b|\bshelf[- ]life\b|\bspoil(?:ed|t)\b"
            r"|\bfood(?:borne| (?:safety|poisoning|items?|products?|contact))\b"
            r"|\ballerg(?:en|ens|ic|y|ies)\b|\bgrocery\b|\bperishable\b",
            re.IGNORECASE,
        ),
        "food-safety-violations",
        "product-safety-complaints",
        "'expired', 'expiration date' or 'food poisoning'",
    ),
)
#: "Complaint type: Used items sold as new", "Issue type: ...": Amazon's own statement of
#: the type, which outranks the template text around it ("a buyer complaint about the
#: condition of an item" opens inauthentic-item notices too).
_TYPE_LABEL = re.compile(
    r"^[ \t>*+-]*(?:complaint|issue|violation|infringement|policy|defect)[ \t]+type[ \t]*:"
    r"(?P<value>[^\n]*)$",
    re.IGNORECASE | re.MULTILINE,
)

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

_STORE_DOMAINS = MARKETPLACE_OF_DOMAIN
# Only a store named in prose or in a product link counts: an email address's domain
# (seller-performance@amazon.com writes to sellers everywhere) and Seller Central's hosts
# (sellercentral.amazon.com serves North America) name no store.
_STORE = re.compile(
    r"(?<![\w@.-])(?:www\.)?amazon\.(?P<tld>"
    # Longest first, so that amazon.com.mx is not read as amazon.com.
    + "|".join(re.escape(d) for d in sorted(_STORE_DOMAINS, key=len, reverse=True))
    + r")(?![\w-]|\.[a-z])",
    re.IGNORECASE,
)
_MARKETPLACE_LABEL = re.compile(r"\bmarketplace[ \t]*:[ \t]*(?P<value>[A-Za-z0-9]{2,14})\b", re.I)
#: Stores whose dates are written month first (03/04/2026 is March 4).
_MONTH_FIRST_STORES = frozenset({"US", "CA", "MX"})

#: Email header lines (English and Chinese mail clients), possibly quoted ("> ") or in bold.
_HEADER = re.compile(
    r"^[ \t>]*\**(?P<key>from|sent|date|to|cc|subject|发件人|发送时间|收件人|抄送|主题|日期|时间)"
    # (the value ends at its last non-blank: a lazy value before "[ \t]*$" rescans every
    # run of blanks inside it, quadratic on a subject padded in the middle)
    r"\**[ \t]*:[ \t]*\**[ \t]*(?P<value>(?:[^\n]*[^\s])?)[ \t]*$",
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
    r"(?!\s+(?:prior|before|ago|of\s+(?:the\s+)?(?:order|purchase|sale|invoice|delivery)"
    # "upload an invoice within one business day after shipment" is no time to answer in
    r"|after\s+(?:the\s+|order\s+)?(?:order|shipment|dispatch|delivery|shipping)))",
    re.IGNORECASE,
)
#: A notice that warns without asking for a plan (an invoice defect rate): no deadline.
_NO_PLAN = re.compile(
    r"\b(?:do|does|will)\s+not\s+need\s+to\s+(?:submit|send|provide)\s+(?:us\s+)?"
    r"(?:a|any)\s+plan\s+of\s+action\b"
    r"|\bno\s+plan\s+of\s+action\s+is\s+(?:needed|required|necessary)\b",
    re.IGNORECASE,
)
#: A window is the response window only in a sentence about answering Amazon.
_RESPONSE_WORDS = re.compile(
    r"plan of action|\bplan\b|\bPOA\b|appeal|respond|response|\breply|submit|send us"
    r"|provide|reinstat|reactivat|quiz",
    re.IGNORECASE,
)
_SENTENCE_ENDS = (". ", "! ", "? ", ".\n", "\n\n")
_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                        "Nov", "Dec")  # fmt: skip
#: Where a sentence ends: a full stop that ends no abbreviation ("e.g.", "Inc.", "Sept. 14",
#: "U.S."), or a blank line.
_SENTENCE_END = re.compile(
    r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\bNo)(?<!\bInc)(?<!\bLtd)(?<!\bCo)"
    + "".join(rf"(?<!\b{month})" for month in _MONTH_ABBREVIATIONS)
    + r"(?<!\b[A-Z])[.!?](?=[ \n])|\n(?=\n)"
)

# --- what the notice states: channel, rate, counts, window, documents ---------------------------

#: The fulfilment channels, by the words Amazon's notices and Seller Central use for them.
_CHANNELS = {
    "mfn": re.compile(
        r"\b(?:seller|self|merchant)[- ]fulfill?ed\b|\bfulfill?ed by (?:the )?(?:merchant|seller)\b"
        r"|(?-i:\b(?:FBM|MFN)\b)",
        re.IGNORECASE,
    ),
    "afn": re.compile(
        r"\bfulfill?(?:ed|ment) by amazon\b|\bamazon[- ]fulfill?ed\b|(?-i:\b(?:FBA|AFN)\b)",
        re.IGNORECASE,
    ),
}
_CHANNEL_NAMES = {"mfn": "seller-fulfilled (MFN)", "afn": "Fulfilled by Amazon (FBA, AFN)"}

#: A percentage: "1.25%", "1,25 %" (decimal comma), "5.4 percent".
_PERCENT = re.compile(
    r"(?<![\w.,])(?P<value>\d{1,3}(?:[.,]\d{1,3})?)[ \t]?(?:%|percent\b|per[ \t]cent\b)",
    re.IGNORECASE,
)
#: The words before a number, one token each ("is above our target of under").
_TOKEN = re.compile(r"[a-z]+|[:=(<>≤≥]", re.IGNORECASE)
#: Words that make the percentage after them a target ("under 1%", "at least 95%", "exceeds").
_TARGET_WORDS = frozenset({
    "target", "targets", "goal", "goals", "threshold", "thresholds", "limit", "limits",
    "requirement", "below", "under", "less", "lower", "fewer", "least", "above", "over", "more",
    "greater", "higher", "exceed", "exceeds", "exceeded", "exceeding", "beyond", "maximum",
    "minimum", "max", "min", "than", "<", ">", "≤", "≥",
})  # fmt: skip
#: Of those, the ones that name the target itself (the others only compare).
_TARGET_NOUNS = frozenset({"target", "targets", "goal", "goals", "threshold", "thresholds",
                           "requirement"})  # fmt: skip
#: Words skipped looking back for a target word ("above our target of 1%").
_FILLERS = frozenset({
    "of", "is", "at", "our", "the", "a", "an", "your", "set", "to", "be", "currently", "now",
    "still", "only", "approximately", "about", "around", "roughly", "just", "stays", "remains",
    "stay", "remain",
})  # fmt: skip
#: The words just before a percentage that state a value: "is 1.25%", "rate of 5.4%",
#: "currently 1.25%", "ODR: 1.25%".
_VALUE_WORDS = frozenset({
    "is", "was", "of", "at", "to", "reached", "stands", "currently", "now", ":", "=", "(", "rate",
})  # fmt: skip
_OF_RIGHT_AFTER = re.compile(r"\)?\s*of\s*")
_TARGET_AFTER = re.compile(
    r"[ \t]*(?:target|threshold|goal|limit|requirement|maximum|minimum)\b", re.IGNORECASE
)
#: "1.25% of your seller-fulfilled orders": a share of the orders, so the rate.
_SHARE_AFTER = re.compile(
    r"\s+of\s+(?:your|all|the)\s+(?:[\w-]+\s+){0,2}?(?:orders|shipments|packages)\b",
    re.IGNORECASE,
)

#: A count with its thousands separators ("1,840").
_COUNT = r"\d{1,3}(?:[,.]\d{3})+(?!\d|[,.]\d)|\d+"
#: "5 of 400 orders", "99 out of your 1,840 seller-fulfilled orders",
#: "5 orders with a defect out of 400".
_COUNTS = re.compile(
    rf"(?<![\d.,])(?P<d1>{_COUNT})\s+(?:out\s+)?of\s+(?:your\s+|the\s+|all\s+)?"
    rf"(?P<n1>{_COUNT})\s+(?:[a-z-]+\s+){{0,3}}?(?:orders|shipments|packages)\b"
    rf"|(?<![\d.,])(?P<d2>{_COUNT})\s+(?:[a-z-]+\s+){{0,3}}?(?:orders?|shipments?|packages?)\s+"
    rf"(?:[a-z-]+\s+){{0,4}}?out\s+of\s+(?:your\s+|the\s+|all\s+)?(?P<n2>{_COUNT})\b",
    re.IGNORECASE,
)
#: The window a rate is measured over: "in the last 60 days", "a 60-day period".
_METRIC_WINDOW = re.compile(
    r"\b(?:(?:in|over|during|for|within)\s+)?(?:the\s+)?"
    r"\b(?:last|past|previous|preceding|trailing)\s+(?P<n1>\d{1,3})\s+days\b"
    r"|\b(?P<n2>\d{1,3})[- ]day\s+(?:time\s+)?(?:period|window|timeframe|time\s+frame)\b",
    re.IGNORECASE,
)
#: A sentence about the metric: a window or period found there is the rate's.
_METRIC_SENTENCE = re.compile(
    r"\b(?:orders?|rates?|defects?|shipments?|packages?)\b", re.IGNORECASE
)
#: What joins the two dates of a period: "between A and B", "from A to B", "A - B".
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|through|thru|until|till|and)\s*", re.IGNORECASE)

#: The words that name each document a notice can ask for (keys of REQUESTABLE).
_DOCUMENT_WORDS: dict[str, tuple[str, ...]] = {
    "coa": (r"\bcertificates?\s+of\s+analysis\b", r"(?-i:\bCO[Aa]s?\b)"),
    "test_report": (
        r"\b(?:lab(?:oratory)?\s+)?test(?:ing)?\s+(?:reports?|results)\b",
        r"\blab(?:oratory)?\s+reports?\b",
    ),
    "label_images": (
        r"\b(?:images?|photos?|photographs?|pictures?)\s+(?:of|showing)\s+(?:the\s+|your\s+|all\s+)?"
        r"(?:product(?:'s)?\s+|item(?:'s)?\s+)?(?:labels?|label(?:l)?ing|packaging|packages?)\b",
        r"\b(?:product\s+)?(?:label|packaging)\s+(?:images?|photos?|photographs?|pictures?)\b",
    ),
    "invoice": (r"\binvoices?\b(?!\s+defect)", r"\breceipts?\b"),
    "loa": (
        r"\bletters?\s+of\s+authori[sz]ation\b",
        r"\bauthori[sz]ation\s+letters?\b",
        r"(?-i:\bLOAs?\b)",
        r"(?<!business )(?<!driver's )(?<!driving )\blicen[cs]es?\b",
    ),
    "trademark": (
        r"\btrade[- ]?mark\s+(?:registration|certificate)s?(?:\s+certificates?)?\b",
        r"\bregistration\s+certificates?\s+(?:of|for)\s+(?:the\s+|your\s+)?trade[- ]?marks?\b",
    ),
    "sds": (r"\b(?:material\s+)?safety\s+data\s+sheets?\b", r"(?-i:\bM?SDSs?\b)"),
    "cpc": (r"\bchildren'?s\s+product\s+certificates?\b", r"(?-i:\bCPCs?\b)"),
    "gcc": (r"\bgeneral\s+certificates?\s+of\s+conformity\b", r"(?-i:\bGCCs?\b)"),
    "declaration_of_conformity": (
        r"\b(?:(?:EU|UK|EC)\s+)?declarations?\s+of\s+conformity\b",
        r"(?-i:\bDoCs?\b)",
    ),
    "gmp_certificate": (
        r"(?:(?-i:\bc?GMP)|\bgood\s+manufacturing\s+practices?)\s+"
        r"(?:certificates?|certification|audit\s+(?:reports?|certificates?))\b",
    ),
    "ingredient_list": (
        r"\bingredients?\s+lists?\b",
        r"\blists?\s+of\s+(?:all\s+)?(?:the\s+)?ingredients\b",
        r"\bingredient\s+statements?\b",
    ),
    "un38_3": (r"(?-i:\bUN)\s?38\.3\b",),
    "ul_certification": (
        r"(?-i:\bUL\b)(?:[ \t]+\d{2,4})?[ \t]+(?:certificat(?:es?|ions?)|listings?|reports?)\b",
    ),
    "epa_registration": (
        r"(?-i:\bEPA\b)\s+(?:establishment\s+)?(?:registrations?|reg\.)"
        r"(?:\s+(?:numbers?|no\.|certificates?))?",
    ),
    "fda_registration": (
        r"(?-i:\bFDA\b)\s+(?:food\s+)?(?:facility\s+)?registrations?(?:\s+(?:numbers?|certificates?))?\b",
        r"\bfood\s+facility\s+registrations?\b",
    ),
}
_DOCUMENT_RES = [
    (kind, re.compile(p, re.IGNORECASE)) for kind, ps in _DOCUMENT_WORDS.items() for p in ps
]
if set(_DOCUMENT_WORDS) != set(REQUESTABLE):  # pragma: no cover - caught by any test run
    raise RuntimeError("every requestable document needs its wording here")
#: Words that ask the seller for something: "please provide", "send us", "include the
#: following", "we require". A bare verb counts at the start of a clause ("If you are the
#: brand owner, provide ..."), not after "you can" (an invoice defect notice's "you can
#: upload your own invoices" asks Amazon for nothing).
_REQUEST = re.compile(
    r"(?:^|[,:;(*•-]|\bplease|\band|\bthen|\balso)[ \t]*"
    r"(?:provide|send|submit|upload|attach|include|enclose|share)\b"
    r"|\b(?:provide|send|submit|upload|attach|include|enclose)[ \t]+(?:to[ \t]+)?us\b"
    r"|\b(?:provide|send|submit|upload|attach|include)[ \t]+the[ \t]+following\b"
    r"|\bwe[ \t]+(?:require|need|request|ask[ \t]+for)\b"
    r"|\b(?:must|should|need[ \t]+to)[ \t]+(?:provide|submit|send|include|upload|attach)\b"
    r"|\brequired[ \t]+documents?\b|\bdocuments?[ \t]+(?:are[ \t]+|is[ \t]+)?required\b"
    r"|\bfollowing[ \t]+(?:documents|information)\b",
    re.IGNORECASE | re.MULTILINE,
)
#: Words for documents in general: a requested item with one of these and no kind above
#: is reported as a document the tool does not know ("a business licence").
#: ("the documents" alone names none: it refers to what the notice asked for already.)
_DOCUMENT_NOUN = re.compile(
    r"\b(?:cop(?:y|ies)|certificates?|certifications?|licen[cs]es?|proof|letters?"
    r"|registrations?|reports?|photos?|images?|pictures?|invoices?|receipts?|statements?"
    r"|identification|declarations?|sheets?|records?)\b",
    re.IGNORECASE,
)
#: What separates the things a clause asks for: "tracking details and proof of delivery".
_PHRASE_JOIN = re.compile(r",\s+|(?<!\s)\s+(?:and|with|including|plus)\s+|:\s*", re.IGNORECASE)
#: A list item's marker: "- ", "* ", "• ", "-- ", "1. ", "a) ".
_BULLET = re.compile(r"[ \t>]*(?:[-*•–—·]+|\d{1,2}[.)]|\(?[a-z]\))[ \t]+")
#: Where a request's sentence splits into the things it asks for: at ';', at ':' (not a
#: time's or a link's) and before each list item.
_SEGMENT_CUT = re.compile(r";|:(?![\d/])|\n(?=[ \t>]*(?:[-*•–—·]+|\d{1,2}[.)]|\(?[a-z]\))[ \t])")
#: Words that open a requested document's phrase and belong to it ("a", "copies of").
_LEADING = re.compile(
    r"(?:\b(?:a|an|the|your|any|all|valid|current|copies\s+of|a\s+copy\s+of|copy\s+of)\s+)$",
    re.IGNORECASE,
)
#: How old a document may be: "issued within the last 12 months", "in the last 365 days",
#: "no older than 180 days", "within the last year".
_AGE = re.compile(
    r"\b(?:last|past|previous|preceding|within(?:\s+the)?|than)\s+"
    r"(?P<n>\d{1,4}|(?!(?:last|past)\b)[a-z]+(?:-[a-z]+)?)\s+(?P<unit>days?|weeks?|months?|years?)\b"
    r"|\b(?:last|past)\s+(?P<one>year|month|week)\b",
    re.IGNORECASE,
)
#: Who issued a document: "from an ISO/IEC 17025 accredited laboratory", "from the brand
#: owner", "issued by the manufacturer or authorized distributor".
_ISSUER = re.compile(
    r"\b(?:from|(?:issued|signed|provided|prepared)\s+by)\s+(?:an?\s+|the\s+|your\s+|its\s+)?"
    r"(?P<who>[^,;.()\n]+)",
    re.IGNORECASE,
)
_ISSUER_END = re.compile(
    r"(?<!\s)\s+(?:issued|dated|within|in|showing|covering|that|which|for|with|who|listing|confirming"
    r"|stating|including|where|when|on|at|reflecting|of)\b",
    re.IGNORECASE,
)
#: The words for a party that issues documents: what follows "from" must name one.
_ISSUER_NOUN = re.compile(
    r"\b(?:laborator(?:y|ies)|labs?|owners?|manufacturers?|distributors?|suppliers?|brands?"
    r"|authorit(?:y|ies)|bod(?:y|ies)|agenc(?:y|ies)|compan(?:y|ies)|importers?|holders?"
    r"|wholesalers?|vendors?|representatives?|houses?|third[- ]part(?:y|ies)|certifiers?)\b",
    re.IGNORECASE,
)


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
        #: Where each sentence ends (its full stop, or the blank line after it).
        self._ends = [m.start() for m in _SENTENCE_END.finditer(text)]
        self._lines = text.split("\n")
        self._line_starts = [0]
        for line in self._lines:
            self._line_starts.append(self._line_starts[-1] + len(line) + 1)
        #: (start, end, type) of each wording that names a violation type.
        self._violation_hits: list[tuple[int, int, str]] = []
        self._violation: str | None = None
        #: The rate the notice states, as written, and where.
        self._rate: tuple[Decimal, int] | None = None
        #: (start, end, kind) of each document the text names.
        self._document_names = _document_hits(text)

    def read(self, given: str | None) -> Notice:
        headers = self._headers()
        violation, others = self._violations(headers)
        marketplace = self._marketplace(given)
        dates = self._dates(marketplace, headers)
        # the period a rate is measured over is neither the notice's date nor a deadline
        period = self._period(dates)
        if period:
            dates = [d for d in dates if d not in period[:2]]
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
        channel = self._channel(headers)
        rate, target = self._rate_and_target()
        defects, orders = self._counts()
        window_days = self._window(period)
        documents = self._documents()
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
            channel=channel,
            rate=rate,
            target=target,
            defects=defects,
            orders=orders,
            window_days=window_days,
            period_start=period[0].value.date() if period else None,
            period_end=period[1].value.date() if period else None,
            documents=documents,
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
        """The violation named in the subject, else where the notice states the type
        ("Complaint type: ..."), else the one named first; the others it names, in order."""
        subjects = [h.subject_span for h in headers if h.subject_span]
        labels = [m.span("value") for m in _TYPE_LABEL.finditer(self.text)]

        def rank(at: int) -> int:
            if any(a <= at < b for a, b in subjects):
                return 0
            return 1 if any(a <= at < b for a, b in labels) else 2

        found: list[tuple[int, int, str, str, int]] = []  # (rank, start, type, words, end)
        # a document's name ("a copy of your trademark registration") names no violation
        documents = self._document_names
        for name, patterns in _VIOLATION_RES.items():
            for pattern in patterns:
                for match in pattern.finditer(self.text):
                    at = match.start()
                    if not any(start <= at < end for start, end, _ in documents):
                        found.append((rank(at), at, name, match[0], match.end()))
        shared_lines = self._shared_labels(found, rank)
        self._violation_hits = sorted((start, end, name) for _, start, name, _, end in found)
        if not found:
            self.problems.append(
                "No violation type recognised in the notice's wording (such as 'Order Defect "
                "Rate', 'restricted product' or 'intellectual property'); name it with "
                "--violation."
            )
            return None, ()
        found.sort()
        place, _, violation, words, _ = found[0]
        where = ("in the subject", "where the notice states the type", "named first in the text")
        self.understood.append(f"Violation: {violation} ('{words}', {where[place]})")
        self.understood.extend(shared_lines)
        others: list[str] = []
        for _, _, name, words, _ in found:
            if name != violation and name not in others:
                others.append(name)
                self.understood.append(f"The notice also names {name} ('{words}')")
        self._violation = violation
        return violation, tuple(others)

    def _shared_labels(
        self, found: list[tuple[int, int, str, str, int]], rank: Callable[[int], int]
    ) -> list[str]:
        """Read wording that names two types ("food and product safety") as the one the rest
        of the text speaks of; add it to `found` and return the line that says why."""
        lines = []
        for label in _SHARED_LABELS:
            matches = list(label.words.finditer(self.text))
            if not matches:
                continue
            cue = label.cue.search(label.words.sub(" ", self.text))
            name = label.if_cue if cue else label.otherwise
            found.extend((rank(m.start()), m.start(), name, m[0], m.end()) for m in matches)
            said = (
                f"'{matches[0][0]}' is Amazon's label for both {label.if_cue} and {label.otherwise}"
            )
            if cue:
                lines.append(f"{said}; read as {name}, as the text speaks of '{cue[0]}'.")
            else:
                self.problems.append(
                    f"{said}; read as {name}, as the text names nothing such as "
                    f"{label.cue_examples}. Name the type with --violation if that is wrong."
                )
        return lines

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
        no_plan = None if windows else _NO_PLAN.search(self.text)
        if no_plan:
            self.understood.append(
                f"Deadline: none, the notice asks for no plan of action ('{no_plan[0]}')"
            )
            return None, NO_PLAN, False, None
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

    # --- sentences and list items ---

    def _sentence_span(self, start: int, end: int | None = None) -> tuple[int, int]:
        """Where the sentence holding text[start:end] starts and ends."""
        before = bisect_left(self._ends, start)
        after = bisect_left(self._ends, start if end is None else end)
        left = self._ends[before - 1] + 1 if before else 0
        right = self._ends[after] if after < len(self._ends) else len(self.text)
        return left, right

    def _names_in(self, start: int, end: int) -> set[str]:
        """The violation types whose wording is in text[start:end]."""
        return {name for at, _, name in self._violation_hits if start <= at < end}

    def _list_intro(self, position: int) -> str | None:
        """The line that opens the list the line at `position` is an item of ("Please send
        us:"), when that line is a list item; else None."""
        index = bisect_left(self._line_starts, position + 1) - 1
        if not _BULLET.match(self._lines[index]):
            return None
        for line in reversed(self._lines[max(0, index - 30) : index]):
            if line.strip() and not _BULLET.match(line):
                return line
        return None

    def _quote(self, start: int, end: int, limit: int) -> str:
        """The words up to text[start:end], for a line that shows what was read."""
        words = self.text[max(limit, start - 60) : start].split()[-6:]
        return " ".join([*words, *self.text[start:end].split()])

    # --- channel ---

    def _channel(self, headers: list[_Header]) -> str | None:
        """The channel named in the subject; else in the sentences that name the violation;
        else in the text. Where each level that names one names both, none is chosen."""
        own = [(a, b) for a, b, name in self._violation_hits if name == self._violation]
        levels = (
            ("in the subject", [h.subject_span for h in headers if h.subject_span]),
            ("in the sentence naming the violation", [self._sentence_span(a, b) for a, b in own]),
            ("in the text", [(0, len(self.text))]),
        )
        both: dict[str, str] = {}
        for where, spans in levels:
            named: dict[str, str] = {}
            for start, end in spans:
                for channel, pattern in _CHANNELS.items():
                    match = pattern.search(self.text, start, end)
                    if match:
                        named.setdefault(channel, match[0])
            if len(named) == 1:
                [(channel, words)] = named.items()
                self.understood.append(
                    f"Channel: {_CHANNEL_NAMES[channel]}, named {where} ('{words}')"
                )
                return channel
            both = both or named
        if both:
            self.problems.append(
                f"The notice names both seller-fulfilled ('{both['mfn']}') and FBA "
                f"('{both['afn']}') orders without making clear which the violation is about; "
                "the channel is left open (Account Health shows each channel's figures)."
            )
        return None

    # --- rate and target ---

    def _rate_and_target(self) -> tuple[float | None, float | None]:
        """The violation's own rate and Amazon's target, each a percentage in a sentence
        that names the violation: a target is introduced by target wording ("target of",
        "under", "at least", "exceeds"), the rate by what states a value ("is", "of",
        "currently"), after the violation's words. Other percentages ("refund 100%") are not
        the notice's figures."""
        rates: list[tuple[Decimal, int, str]] = []
        targets: list[tuple[Decimal, int, str]] = []
        for match in _PERCENT.finditer(self.text):
            value = Decimal(match["value"].replace(",", "."))
            if value > 100:
                continue
            start, end = self._sentence_span(match.start(), match.end())
            before = [
                t.lower()
                for t in _TOKEN.findall(self.text[max(start, match.start() - 80) : match.start()])
            ]
            decisive = next((t for t in reversed(before) if t not in _FILLERS), None)
            named = self._names_in(start, end)
            quote = self._quote(match.start(), match.end(), start)
            explicit = decisive in _TARGET_NOUNS or bool(
                _TARGET_AFTER.match(self.text, match.end())
            )
            if explicit or decisive in _TARGET_WORDS:
                if self._violation in named or (explicit and not named):
                    targets.append((value, match.start(), quote))
                continue
            if self._violation in named and (
                self._states_value(start, match.start(), before)
                or _SHARE_AFTER.match(self.text, match.end())
            ):
                rates.append((value, match.start(), quote))
        rate = self._first("rate", rates)
        if rate is not None:
            self._rate = (rate, next(at for value, at, _ in rates if value == rate))
        target = self._first("target", targets)
        return _fraction(rate), _fraction(target)

    def _states_value(self, sentence: int, at: int, before: list[str]) -> bool:
        """Whether the percentage at `at` is stated as the violation's value: after the
        violation's words, by "is", "at", "currently", ":"..., or "of" right after them
        ("rate of 5.4%", not "a refund of 100%")."""
        own = [
            e
            for a, e, name in self._violation_hits
            if name == self._violation and sentence <= a < at
        ]
        if not own or not before or before[-1] not in _VALUE_WORDS:
            return False
        return before[-1] != "of" or bool(_OF_RIGHT_AFTER.fullmatch(self.text, own[-1], at))

    def _first(self, what: str, found: list[tuple[Decimal, int, str]]) -> Decimal | None:
        """The first value found, with a line; a problem line where the notice states others."""
        if not found:
            return None
        value, _, quote = found[0]
        self.understood.append(f"{what.capitalize()}: {_percent(value)} ('{quote}')")
        others = _distinct(v for v, _, _ in found)
        if len(others) > 1:
            listed = ", ".join(_percent(v) for v in others)
            self.problems.append(
                f"The notice states several values that read as its {what} ({listed}); "
                f"using the first, {_percent(value)}."
            )
        return value

    # --- counts ---

    def _counts(self) -> tuple[int | None, int | None]:
        """The defective orders and all orders the notice counts ("5 of 400 orders"),
        checked against the rate it states."""
        found: list[tuple[int, int, str]] = []
        for match in _COUNTS.finditer(self.text):
            defects = _whole(match["d1"] or match["d2"])
            orders = _whole(match["n1"] or match["n2"])
            written = " ".join(match[0].split())
            if defects > orders:
                self.problems.append(
                    f"'{written}' counts more than its whole ({defects:,} of {orders:,}); "
                    "not read as the notice's counts."
                )
                continue
            found.append((defects, orders, written))
        if not found:
            return None, None
        defects, orders, written = found[0]
        self.understood.append(f"Counts: {defects:,} of {orders:,} ('{written}')")
        if len({(d, n) for d, n, _ in found}) > 1:
            listed = ", ".join(f"'{w}'" for _, _, w in found)
            self.problems.append(
                f"The notice gives several counts ({listed}); using the first, '{written}'."
            )
        if self._rate is not None and orders:
            stated = self._rate[0]
            # the rate is rounded to the digits written: 5.4% stands for 5.35% to 5.45%
            tolerance = Decimal(5).scaleb(_exponent(stated) - 1)
            counted = Decimal(defects) * 100 / Decimal(orders)
            if abs(counted - stated) > tolerance:
                self.problems.append(
                    f"The notice's rate, {_percent(stated)}, does not match its counts, "
                    f"{defects:,} of {orders:,} ({counted:.2f}%); both are kept as stated: "
                    "check them on the Account Health page."
                )
        return defects, orders

    # --- window and period ---

    def _about_metric(self, start: int, end: int) -> bool:
        """Whether text[start:end] speaks of the violation's figures, not of documents
        ("invoices issued in the last 365 days" is no measuring window)."""
        sentence = self.text[start:end]
        if re.search(r"\b(?:issued|dated)\b", sentence, re.IGNORECASE) or any(
            start <= at < end for at, _, _ in self._document_names
        ):
            return False
        return self._violation in self._names_in(start, end) or bool(
            _METRIC_SENTENCE.search(sentence)
        )

    def _period(self, dates: list[_Date]) -> tuple[_Date, _Date, str] | None:
        """Two dates the notice joins as a period ("between Sep 14, 2026 and Nov 12, 2026",
        "from 2026-09-14 to 2026-11-12") in a sentence about its figures."""
        periods: list[tuple[_Date, _Date, str]] = []
        for first, last in pairwise(dates):
            gap = self.text[first.end : last.start]
            join = _RANGE_JOIN.fullmatch(gap) if len(gap) <= 20 else None
            if join is None:
                continue
            lead = re.search(
                r"\b(?:between|from)\s*$", self.text[max(0, first.start - 12) : first.start], re.I
            )
            if join[0].strip().lower() == "and" and not (
                lead and lead[0].lower().startswith("between")
            ):
                continue
            if not self._about_metric(*self._sentence_span(first.start, last.end)):
                continue
            written = " ".join(
                ((lead[0] if lead else "") + self.text[first.start : last.end]).split()
            )
            if first.value.date() > last.value.date():
                self.problems.append(
                    f"The period '{written}' ends before it starts; not read as the period the "
                    "notice measures."
                )
                continue
            periods.append((first, last, written))
        if not periods:
            return None
        if len({(a.value.date(), b.value.date()) for a, b, _ in periods}) > 1:
            listed = ", ".join(f"'{w}'" for _, _, w in periods)
            self.problems.append(
                f"The notice states several periods ({listed}); using the first, '{periods[0][2]}'."
            )
        return periods[0]

    def _window(self, period: tuple[_Date, _Date, str] | None) -> int | None:
        """The days the notice measures its figures over: "in the last 60 days" (the one in
        the rate's sentence first), else the days of the period it states."""
        found: list[tuple[bool, int, int, str]] = []  # (not by the rate, at, days, written)
        rate_sentence = self._sentence_span(self._rate[1]) if self._rate else None
        for match in _METRIC_WINDOW.finditer(self.text):
            sentence = self._sentence_span(match.start(), match.end())
            if not self._about_metric(*sentence):
                continue
            days = int(match["n1"] or match["n2"])
            found.append(
                (sentence != rate_sentence, match.start(), days, " ".join(match[0].split()))
            )
        found.sort()
        if period:
            start, end = period[0].value.date(), period[1].value.date()
            self.understood.append(f"Period: {start} to {end} ('{period[2]}')")
        if not found:
            if period is None:
                return None
            days = (end - start).days + 1
            self.understood.append(
                f"Window: {days} days, the days of the period, its first and last included"
            )
            return days
        _, _, days, written = found[0]
        self.understood.append(f"Window: {days} days ('{written}')")
        if len({d for _, _, d, _ in found}) > 1:
            listed = ", ".join(f"'{w}'" for _, _, _, w in found)
            self.problems.append(
                f"The notice states several windows ({listed}); using '{written}'"
                + (", the one stated with the rate." if not found[0][0] else ", the first.")
            )
        if period and days not in ((end - start).days, (end - start).days + 1):
            self.problems.append(
                f"The notice's window, {days} days, does not match its period, {start} to "
                f"{end} ({(end - start).days + 1} days); both are kept as stated."
            )
        return days

    # --- documents requested ---

    def _documents(self) -> tuple[RequestedDocument, ...]:
        """Each document the notice asks for, once per kind, in order: from the phrase that
        names it (a list item, or the clause up to the next document or ';') its words, the
        oldest it may be and who must issue it."""
        hits = self._document_names
        requested: dict[str, RequestedDocument] = {}
        for start, end, intro in self._request_segments():
            here = [h for h in hits if start <= h[0] < end]
            if not here:
                if not intro and _DOCUMENT_NOUN.search(self.text, start, end):
                    self._unknown_document(start, end)
                continue
            seen: set[str] = set()
            for index, (at, _, kind) in enumerate(here):
                if kind in seen:
                    continue
                seen.add(kind)
                stop = next((h[0] for h in here[index + 1 :] if h[2] != kind), end)
                asking = _REQUEST.search(self.text, at, stop)
                stop = asking.start() if asking else stop
                document = _requested(kind, _clean(self.text[self._leading(at) : stop]))
                requested[kind] = self._merge(requested.get(kind), document)
        for document in requested.values():
            line = (
                f"Document requested: {REQUESTABLE[document.kind].label.en} ('{document.written}')"
            )
            if document.max_age_days is not None:
                line += f"; at most {document.max_age_days} days old"
            if document.issuer:
                line += f"; from {document.issuer}"
            self.understood.append(line)
        return tuple(requested.values())

    def _request_segments(self) -> Iterable[tuple[int, int, bool]]:
        """(start, end, whether it opens a list) of each clause or list item that asks the
        seller for something: sentences with request wording, split at ';', ':' and list
        items; and list items under a line with request wording."""
        starts = [0, *(e + 1 for e in self._ends)]
        ends = [*self._ends, len(self.text)]
        for first, last in zip(starts, ends, strict=True):
            asks = bool(_REQUEST.search(self.text, first, last))
            cuts = [first]
            for cut in _SEGMENT_CUT.finditer(self.text, first, last):
                cuts.append(cut.start() + 1 if cut[0] == "\n" else cut.end())
            cuts.append(last)
            for start, end in pairwise(cuts):
                if start >= end:
                    continue
                intro = self.text[end - 1 : end] == ":"
                if asks or _REQUEST.search(self._list_intro(start) or ""):
                    yield start, end, intro

    def _leading(self, at: int) -> int:
        """Where a document's phrase starts: with its article ("a Certificate of Analysis",
        "copies of invoices")."""
        for _ in range(3):
            match = _LEADING.search(self.text, max(0, at - 20), at)
            if match is None:
                break
            at = match.start()
        return at

    def _merge(self, known: RequestedDocument | None, new: RequestedDocument) -> RequestedDocument:
        """The first phrase asking for a kind, with what a later one adds (its age, its
        issuer); a later one that contradicts it is reported."""
        if known is None:
            return new
        if known.max_age_days is None:
            known = replace(known, max_age_days=new.max_age_days)
        elif new.max_age_days not in (None, known.max_age_days):
            self.problems.append(
                f"The notice asks for '{known.written}' ({known.max_age_days} days) and for "
                f"'{new.written}' ({new.max_age_days} days); using the first."
            )
        return known if known.issuer else replace(known, issuer=new.issuer)

    def _unknown_document(self, start: int, end: int) -> None:
        """Report the document a request names that is none of the kinds this tool knows
        ("proof of delivery", "a business licence"): the phrase around its noun."""
        noun = _DOCUMENT_NOUN.search(self.text, start, end)
        if noun is None:
            return
        joins = list(_PHRASE_JOIN.finditer(self.text, start, noun.start()))
        after = _PHRASE_JOIN.search(self.text, noun.end(), end)
        phrase = self.text[joins[-1].end() if joins else start : after.start() if after else end]
        written = _clean(phrase)
        bullet = _BULLET.match(written)
        written = written[bullet.end() :] if bullet else written
        if len(written) > 120:
            written = written[:117].rstrip() + "..."
        self.problems.append(
            f"The notice asks for '{written}', which is not a document this tool knows: "
            "gather it yourself and attach it."
        )


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


def _fraction(percent: Decimal | None) -> float | None:
    """1.25 (per cent) as 0.0125, exactly as that decimal reads."""
    return None if percent is None else float(percent / 100)


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}%"


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _whole(written: str) -> int:
    """A count written with thousands separators ("1,840", "1.840")."""
    return int(re.sub(r"[,.]", "", written))


def _clean(words: str) -> str:
    """A phrase of the notice on one line, without the punctuation and "and" that join it to
    the next."""
    phrase = " ".join(words.split()).strip(" ,;:.")
    while True:
        trimmed = re.sub(r"(?:,|(?<!\s)\s+(?:and|or|as well as))$", "", phrase, flags=re.I)
        if trimmed == phrase:
            return phrase.strip(" ,;:.")
        phrase = trimmed.strip(" ,;:.")


def _document_hits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each document named in `text`, in order; where two names
    overlap ("UL test report"), the one that starts first, then the longer."""
    found = sorted(
        (
            (m.start(), -m.end(), kind)
            for kind, pattern in _DOCUMENT_RES
            for m in pattern.finditer(text)
        ),
    )
    hits: list[tuple[int, int, str]] = []
    for start, negative_end, kind in found:
        if hits and start < hits[-1][1]:
            continue
        hits.append((start, -negative_end, kind))
    return hits


def _requested(kind: str, written: str) -> RequestedDocument:
    """The document of `kind` the phrase `written` asks for, with how old it may be and who
    must issue it, where the phrase says."""
    return RequestedDocument(kind, written, _max_age_days(written), _issuer(written))


def _max_age_days(written: str) -> int | None:
    """ "Issued within the last 12 months" as 365 days. A month counts as a twelfth of 365
    days, rounded down (6 months: 182 days): calendar months vary by a day or two, so a
    document that close to the limit is worth checking against the notice's own dates."""
    for match in _AGE.finditer(written):
        if match["one"]:
            amount, unit = 1, match["one"].lower()
        else:
            raw = match["n"].lower()
            amount = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 0)
            unit = match["unit"].lower().rstrip("s")
        if amount:
            return _days(amount, unit)
    return None


def _days(amount: int, unit: str) -> int:
    """A number of days, weeks, months (a twelfth of 365 days, rounded down) or years."""
    per_unit = {"day": 1, "week": 7, "year": 365}
    return amount * 365 // 12 if unit == "month" else amount * per_unit[unit]


def _issuer(written: str) -> str | None:
    """Who must issue the document: the words after "from" or "issued by" that name a party
    (a laboratory, the brand owner, a manufacturer...), up to what says more of the document."""
    for match in _ISSUER.finditer(written):
        who = match["who"]
        end = _ISSUER_END.search(who)
        who = _clean(who[: end.start()] if end else who)
        if _ISSUER_NOUN.search(who):
            return who
    return None
