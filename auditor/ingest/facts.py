"""Product facts a listing file already states, and how they meet the products register.

Sellers should not retype in `products.csv` what their listing file says. Readers of
Amazon's listing formats (inventory flat file, Category Listing Report, Listings Items
API) hand their raw fact columns to `listing_facts`, which turns them into the
listings table's columns:

- ages: `minimum_age_months` / `maximum_age_months` from `manufacturer_minimum_age`
  and `manufacturer_maximum_age` (Amazon's attributes are in months unless a `unit`
  says years) or a flat file's `mfg_minimum` / `mfg_maximum` with their
  `..._unit_of_measure` (no unit there: the age is left blank rather than guessed);
- `contains_batteries`: yes when batteries are required or included;
- `battery_type`: the cell composition, lower case with `_` (`lithium_ion`);
- `materials`: material, material type, composition and fabric type, ';'-joined;
- `target_audience`: the target audience keywords, ';'-joined.

At assembly, `join_products` derives `for_children` from the listing's own facts
(`children_from_facts`) and joins the products register by SKU:

**Precedence.** The products register is the seller's deliberate statement about a
product, kept for compliance; a listing's attributes are often copied from a template
or a supplier. So the register's value wins wherever it states one, and the listing's
facts fill what the register leaves blank (or every fact, for a SKU without a register
row). Where both state a fact and disagree, `facts_disagreement` says so, one clause
per fact ("for_children: products register no, listing yes (product type TOYS)"), and
rule CMP-028 warns about it. Compared: for_children, contains_batteries, battery_type,
country_of_origin, the minimum age, is_electrical and has_radio.
"""

from __future__ import annotations

import re

import pandas as pd

from auditor.frames import per_distinct
from auditor.ingest.provenance import Sources
from auditor.model.tables import PRODUCT_COLUMNS, CanonicalTable
from auditor.model.vocab import (
    CHILDREN_AUDIENCES,
    CHILDREN_MAX_AGE_MONTHS,
    CHILDREN_PRODUCT_TYPES,
    NOT_CHILDREN_AUDIENCES,
    NOT_CHILDREN_MIN_AGE_MONTHS,
)

#: Raw columns a reader may fill for `listing_facts` (they never reach the table).
MINIMUM_AGE, MINIMUM_AGE_UNIT = "_minimum_age", "_minimum_age_unit"
MAXIMUM_AGE, MAXIMUM_AGE_UNIT = "_maximum_age", "_maximum_age_unit"
BATTERIES_REQUIRED, BATTERIES_INCLUDED = "_batteries_required", "_batteries_included"
#: Prefixes of raw columns joined into `materials` and `target_audience`.
MATERIAL_PREFIX, AUDIENCE_PREFIX = "_material", "_audience"

#: Age units as Amazon's templates write them in their languages -> months per unit.
AGE_UNITS: dict[str, int] = {
    **dict.fromkeys(
        ("month", "months", "mois", "monat", "monate", "mes", "meses", "mese", "mesi"), 1
    ),
    **dict.fromkeys(("maand", "maanden", "miesiące", "miesięcy", "månader", "månad"), 1),
    **dict.fromkeys(("か月", "ヶ月", "カ月", "ヵ月", "个月", "月"), 1),
    **dict.fromkeys(("year", "years", "an", "ans", "jahr", "jahre", "año", "años"), 12),
    **dict.fromkeys(("anno", "anni", "jaar", "jaren", "lat", "rok", "år", "歳", "岁", "年"), 12),
}

_TRUE = {"true", "yes", "y", "1", "t"}
_SEPARATORS = re.compile(r"[,;/|]")
_NOT_ALNUM = re.compile(r"[^A-Z0-9]")
_CHILDREN_TYPES = frozenset(_NOT_ALNUM.sub("", t.upper()) for t in CHILDREN_PRODUCT_TYPES)

#: Facts compared between the register and the listing, in the order they are reported.
COMPARED = (
    "for_children",
    "contains_batteries",
    "battery_type",
    "country_of_origin",
    "minimum_age",
    "is_electrical",
    "has_radio",
)


# --- readers: raw fact columns -> listings columns ----------------------------------------


def _blank(column: pd.Series) -> pd.Series:
    """Text, stripped, blank cells NA."""
    text = column.astype("string").str.strip()
    return text.mask(text == "")


def _joined(columns: list[pd.Series], separator: str) -> pd.Series:
    """The non-blank values of each row, in column order, joined; a value a previous column
    of the row already gave (whatever its case) is not repeated."""
    result: pd.Series = pd.Series(pd.NA, index=columns[0].index, dtype="string")
    seen: list[pd.Series] = []
    for column in columns:
        text = _blank(column)
        lowered = text.str.lower()
        new = text.notna()
        for earlier in seen:
            new &= (lowered != earlier).fillna(True)
        seen.append(lowered)
        text = text.where(new)
        result = result.mask(text.notna() & result.notna(), result + separator + text)
        result = result.fillna(text)
    return result


def age_months(value: pd.Series, unit: pd.Series | None, default_unit: str | None) -> pd.Series:
    """An age in months as text: the value times its unit's months (a blank unit is
    `default_unit`). A value that is not a number stays as written, for the common coercion
    to reject; one in a unit that is not known is left blank."""
    text = _blank(value)
    number = pd.to_numeric(text, errors="coerce")
    if unit is None:
        unit = pd.Series(pd.NA, index=text.index, dtype="string")
    units = _blank(unit).str.lower().fillna(default_unit or "")
    factor = per_distinct(units, lambda u: u.map(AGE_UNITS).astype("Float64"))
    months = (number * factor).round().astype("Int64").astype("string")
    return months.where(number.notna(), text.where(number.isna()))


def _battery_type(column: pd.Series) -> pd.Series:
    return per_distinct(
        _blank(column),
        lambda v: v.str.lower().str.replace(r"[\s\-]+", "_", regex=True).astype("string"),
    )


def listing_facts(raw: pd.DataFrame, default_age_unit: str | None = "months") -> pd.DataFrame:
    """Replace a reader's raw fact columns (the names above) by the listings columns."""
    raw = raw.copy()
    for bound, value, unit in (
        ("minimum", MINIMUM_AGE, MINIMUM_AGE_UNIT),
        ("maximum", MAXIMUM_AGE, MAXIMUM_AGE_UNIT),
    ):
        units = raw.pop(unit) if unit in raw else None
        if value in raw:
            raw[f"{bound}_age_months"] = age_months(raw.pop(value), units, default_age_unit)
    required = raw.pop(BATTERIES_REQUIRED) if BATTERIES_REQUIRED in raw else None
    included = raw.pop(BATTERIES_INCLUDED) if BATTERIES_INCLUDED in raw else None
    if required is not None or included is not None:
        said = _blank(required if required is not None else included)  # type: ignore[arg-type]
        if required is not None and included is not None:
            # Batteries inside or in the box: the product contains batteries.
            yes = _blank(included).str.lower().isin(_TRUE).fillna(False)
            said = said.fillna(_blank(included)).mask(yes, "true")
        raw["contains_batteries"] = said
    for prefix, target in ((MATERIAL_PREFIX, "materials"), (AUDIENCE_PREFIX, "target_audience")):
        parts = [c for c in raw.columns if str(c).startswith(prefix)]
        if parts:
            own = [raw[target]] if target in raw else []
            raw[target] = _joined([*own, *(raw[c] for c in parts)], ";")
            raw = raw.drop(columns=parts)
    if "battery_type" in raw:
        raw["battery_type"] = _battery_type(raw["battery_type"])
    return raw


# --- assembly: for_children, and the products register -----------------------------------


def _audience_verdict(text: pd.Series) -> pd.Series:
    """Per distinct audience: True (a children's word), False (only words past 12), NA."""

    def verdict(value: object) -> object:
        if not isinstance(value, str):
            return pd.NA
        words = {w.strip().lower() for w in _SEPARATORS.split(value) if w.strip()}
        if words & set(CHILDREN_AUDIENCES):
            return True
        if words and words <= set(NOT_CHILDREN_AUDIENCES):
            return False
        return pd.NA

    return text.map(verdict).astype("boolean")


def _children_type(text: pd.Series) -> pd.Series:
    normalised = text.str.upper().str.replace(r"[^A-Z0-9]", "", regex=True)
    return normalised.isin(_CHILDREN_TYPES).astype("boolean").mask(text.isna())


def children_from_facts(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Whether each listing is a children's product by its own facts, and why.

    CPSIA: a product designed or intended primarily for children 12 or younger. Decided
    by the first that applies: a maximum age of at most 144 months (yes); a minimum age of
    156 months (13 years) or more (no); a children's target audience (yes), or one of only
    older people (no); a children's product type (yes; `CHILDREN_PRODUCT_TYPES`). A
    minimum age alone below 13 years decides nothing: NA, unknown.
    """
    maximum = frame["maximum_age_months"].astype("Float64")
    minimum = frame["minimum_age_months"].astype("Float64")
    audience = per_distinct(frame["target_audience"].astype("string"), _audience_verdict)
    kind = per_distinct(frame["product_type"].astype("string"), _children_type)
    audience_text = "target audience " + frame["target_audience"].astype("string")
    facts = [  # (applies, verdict, reason), the first that applies deciding
        (maximum <= CHILDREN_MAX_AGE_MONTHS, True, "maximum age", maximum),
        (minimum >= NOT_CHILDREN_MIN_AGE_MONTHS, False, "minimum age", minimum),
        (audience, True, None, audience_text),
        (~audience, False, None, audience_text),
        (kind, True, None, "product type " + frame["product_type"].astype("string")),
    ]
    verdict = pd.Series(pd.NA, index=frame.index, dtype="boolean")
    reason = pd.Series(pd.NA, index=frame.index, dtype="string")
    for applies, value, age, text in reversed(facts):
        if age is not None:
            text = age + " " + text.astype("Int64").astype("string") + " months"
        hit = applies.fillna(False).to_numpy(bool)
        verdict = verdict.mask(hit, value)
        reason = reason.mask(hit, text)
    return verdict, reason


def _shown(values: pd.Series, column: str) -> pd.Series:
    """A fact as the disagreement names it: yes/no, an age in years or months, or the text."""
    if column == "minimum_age":
        return values.astype("Int64").astype("string") + " months"
    if isinstance(values.dtype, pd.BooleanDtype):
        return values.map({True: "yes", False: "no"}, na_action="ignore").astype("string")
    return values.astype("string")


def _same(left: pd.Series, right: pd.Series, column: str) -> pd.Series:
    if column in ("battery_type", "country_of_origin"):
        return left.astype("string").str.lower() == right.astype("string").str.lower()
    return left == right


def _disagreements(
    own: dict[str, pd.Series], register: dict[str, pd.Series], reason: pd.Series
) -> pd.Series:
    """One clause per fact the register and the listing both state differently, '; '-joined."""
    index = reason.index
    text = pd.Series(pd.NA, index=index, dtype="string")
    for column in COMPARED:
        mine, theirs = own[column], register[column]
        same = _same(mine, theirs, column).fillna(True).to_numpy(bool)
        differ = (mine.notna() & theirs.notna()).to_numpy(bool) & ~same
        if not differ.any():
            continue
        name = "minimum age" if column == "minimum_age" else column
        clause = (
            name
            + ": products register "
            + _shown(theirs, column)
            + ", listing "
            + _shown(mine, column)
        )
        if column == "for_children":
            clause = clause + (" (" + reason + ")").fillna("")
        clause = clause.where(differ)
        text = text.mask(text.notna() & clause.notna(), text + "; " + clause).fillna(clause)
    return text


def join_products(listings: CanonicalTable, products: CanonicalTable | None) -> CanonicalTable:
    """Listings with `for_children` from their own facts and the products register joined
    by SKU, the register's value winning where it states one (see the module docstring)."""
    frame = listings.frame.copy()
    provided = set(listings.provided)
    derived, reason = children_from_facts(frame)
    stated = frame["for_children"].notna()
    reason = reason.mask(stated, "listing says so")
    frame["for_children"] = frame["for_children"].fillna(derived)
    # A listing that names its battery cell composition contains batteries.
    frame["contains_batteries"] = frame["contains_batteries"].fillna(
        pd.Series(True, index=frame.index, dtype="boolean").where(frame["battery_type"].notna())
    )
    deciding = {"minimum_age_months", "maximum_age_months", "target_audience"}
    if deciding & provided or frame["for_children"].notna().any():
        provided.add("for_children")
    if "battery_type" in provided:
        provided.add("contains_batteries")
    own_months = frame["minimum_age_months"]
    if products is not None:
        register = products.frame.set_index("sku")[list(PRODUCT_COLUMNS)]
        joined = register.reindex(frame["sku"]).set_axis(frame.index)
        register_months = joined["minimum_age"].astype("Int64") * 12
        own = {c: frame[c] for c in COMPARED if c != "minimum_age"}
        theirs = {c: joined[c] for c in COMPARED if c != "minimum_age"}
        own["minimum_age"], theirs["minimum_age"] = own_months, register_months
        frame["facts_disagreement"] = _disagreements(own, theirs, reason)
        for column in PRODUCT_COLUMNS:
            frame[column] = joined[column].astype(frame[column].dtype).fillna(frame[column])
        frame["minimum_age_months"] = register_months.fillna(own_months)
        provided |= set(products.provided) | {"facts_disagreement"}
    frame["minimum_age"] = frame["minimum_age"].fillna(frame["minimum_age_months"] // 12)
    if {"minimum_age", "minimum_age_months"} & provided:
        provided |= {"minimum_age", "minimum_age_months"}
    # facts_disagreement is decided for every listing: blank where nothing disagrees,
    # which is every listing when there is no register to disagree with.
    provided.add("facts_disagreement")
    sources = Sources(tuple(_with_derived(s, deciding) for s in listings.sources))
    if products is not None:
        # A listing whose SKU the register holds carries the register's columns too.
        register = products.frame.set_index("sku")["_src"]
        theirs = register.reindex(frame["sku"]).set_axis(frame.index)
        more = [s | {"facts_disagreement"} for s in products.sources]
        frame["_src"] = sources.union(frame["_src"], theirs, more).to_numpy()
    joined = frozenset({"products"}) if products is not None else frozenset()
    return CanonicalTable(
        listings.name, frame, frozenset(provided), tuple(sources.sets), listings.joined | joined
    )


def _with_derived(columns: frozenset[str], deciding: set[str]) -> frozenset[str]:
    """A listing input's columns with those derived from them (for_children from ages or
    audience, contains_batteries from a cell composition, ages in either unit)."""
    extra = set()
    if deciding & columns:
        extra.add("for_children")
    if "battery_type" in columns:
        extra.add("contains_batteries")
    if {"minimum_age", "minimum_age_months"} & columns:
        extra |= {"minimum_age", "minimum_age_months"}
    return columns | extra | {"facts_disagreement"}
