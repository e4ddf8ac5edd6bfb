"""Checks on the content of text fields: characters, patterns, terms, repetition."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from typing import Annotated, Any, ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import BeforeValidator, Field, WithJsonSchema, field_validator, model_validator

from auditor.engine.patterns import BUDGET_SECONDS, PackPattern
from auditor.engine.registry import check
from auditor.engine.terms import Terms, occurrences
from auditor.engine.verdicts import (
    PASS,
    UNKNOWN,
    EvalContext,
    Verdicts,
    cells,
    pattern_found,
    searchable,
    text_column,
)
from auditor.frames import per_distinct
from auditor.model.common import Strict
from auditor.model.rules import CheckParams, FieldNames, pattern_error
from auditor.model.tables import TABLES

#: Emoji and pictographs (the blocks Amazon's bullet-point rules name as prohibited).
EMOJI_CLASS = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f"

#: Words exempt from repetition limits: articles, prepositions, conjunctions (Amazon title rules).
DEFAULT_STOP_WORDS = [
    "a",
    "an",
    "the",
    "and",
    "or",
    "nor",
    "but",
    "so",
    "yet",
    "for",
    "of",
    "in",
    "on",
    "at",
    "to",
    "by",
    "with",
    "from",
    "into",
    "onto",
    "over",
    "under",
    "per",
    "via",
    "as",
    "up",
    "down",
    "off",
    "out",
    "than",
]


class _TextParams(CheckParams):
    fields: FieldNames
    blank: Literal["unknown", "pass"] = Field(
        "unknown", description="Outcome of a blank field (pass for optional ones)."
    )
    outcome: Literal["fail", "warn"] = Field(
        "fail", description="What a hit gives: fail, or warn for advice (a placeholder to fill in)."
    )
    field_params: ClassVar[tuple[str, ...]] = ("fields",)
    placeholders: ClassVar[tuple[str, ...]] = ("found",)


def _outcome(
    params: _TextParams, text: pd.Series, fails: pd.Series, undecided: pd.Series | None = None
) -> pd.Series:
    """The params' outcome where `fails`, their blank outcome where the text is blank,
    unknown where `undecided` holds a reason, else pass."""
    outcome = pd.Series(PASS, index=text.index, dtype=object)
    outcome[fails.fillna(False).to_numpy(dtype=bool)] = params.outcome
    outcome[text.isna().to_numpy(dtype=bool)] = params.blank_outcome()
    if undecided is not None:
        outcome[undecided.notna().to_numpy(dtype=bool)] = UNKNOWN
    return outcome


@dataclass
class _Search:
    """What a search of one field found per row, and why a row was not decided."""

    found: pd.Series  # the matches as text; NA: none
    #: Per row: `too_long` or `pattern_budget` where the value was not (fully) searched.
    reason: pd.Series = field(default_factory=lambda: pd.Series(dtype="string"))
    #: Per row: the length of a value too long to search.
    length: pd.Series | None = None

    def evidence(self, field_name: str, ctx: EvalContext) -> dict[str, pd.Series | Any]:
        """The evidence that words an undecided row's message (engine.reasons)."""
        if not self.reason.notna().any():
            return {}
        evidence: dict[str, pd.Series | Any] = {"reason": self.reason}
        if self.length is not None and self.length.notna().any():
            evidence["length"] = self.length
            evidence["max_length"] = pd.Series(
                ctx.max_length(field_name), index=self.length.index
            ).where(self.length.notna())
        budget = self.reason.eq("pattern_budget").fillna(False)
        if budget.any():
            evidence["budget_ms"] = pd.Series(
                round(BUDGET_SECONDS * 1000), index=self.reason.index
            ).where(budget)
        return evidence


def _per_field(
    params: _TextParams,
    frame: pd.DataFrame,
    searches: dict[str, _Search],
    ctx: EvalContext,
    fail_when_found: bool = True,
) -> list[Verdicts]:
    """One Verdicts per field from what its search found (NA: nothing found)."""
    results = []
    for name in params.fields:
        text, search = text_column(frame, name), searches[name]
        hits = search.found
        hit = hits.notna() if fail_when_found else hits.isna()
        undecided = search.reason.reindex(text.index)
        outcome = _outcome(params, text, hit, undecided)
        evidence = {"found": hits} if fail_when_found else {}
        results.append(
            Verdicts(
                outcome=outcome,
                observed=hits if fail_when_found else text,
                detail=name if len(params.fields) > 1 else None,
                missing=[name],
                evidence=evidence | search.evidence(name, ctx),
            )
        )
    return results


def _pattern_search(
    frame: pd.DataFrame,
    name: str,
    pattern: PackPattern,
    ctx: EvalContext,
    how: Literal["first", "joined", "each"] = "joined",
    limit_length: bool = True,
) -> _Search:
    """Search one field for a pack pattern, each distinct value once (variations of a
    product share their bullets and descriptions). With `limit_length`, a value longer
    than the field's limit is searched up to it: a match there decides, none leaves the
    row undecided (`too_long`). A search over its time budget is `pattern_budget`
    (engine.patterns)."""
    if limit_length:
        text, length = searchable(frame, name, ctx)
    else:
        text, length = text_column(frame, name), None

    def search(distinct: pd.Series) -> pd.DataFrame:
        found, over = pattern_found(pattern, distinct, how)
        return pd.DataFrame({"found": found, "over": over}, index=distinct.index)

    result = per_distinct(text, search)
    reason = pd.Series(pd.NA, index=text.index, dtype="string")
    reason[result["over"].to_numpy(dtype=bool)] = "pattern_budget"
    if length is not None:  # only the start was searched: decided where a match is there
        cut_short = length.notna() & result["found"].isna()
        reason[cut_short.to_numpy(dtype=bool)] = "too_long"
    found = result["found"] if how == "each" else result["found"].astype("string")
    return _Search(found, reason, length)


#: Zero or more column names; one name may be written without a list.
ColumnNames = Annotated[
    list[str],
    BeforeValidator(lambda v: [v] if isinstance(v, str) else v),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]


class ForbiddenCharsParams(_TextParams):
    """None of `chars` (and, with `emoji`, no emoji) may appear, except inside the row's
    own value of an `allow_within` column (a title may carry its brand's `!`)."""

    kind: Literal["forbidden_chars"] = "forbidden_chars"
    chars: str = Field("", description="Every character here is forbidden, e.g. '!$?_{}^¬¦'.")
    emoji: bool = Field(False, description="Also forbid emoji and pictographs.")
    allow_within: ColumnNames = Field(
        default_factory=list,
        description="Columns whose value, where it occurs in the text, is not checked "
        "(e.g. brand: Amazon allows the characters when they are part of the brand name).",
    )
    placeholders: ClassVar[tuple[str, ...]] = ("found",)
    optional_field_params: ClassVar[tuple[str, ...]] = ("allow_within",)

    @model_validator(mode="after")
    def _forbids_something(self) -> ForbiddenCharsParams:
        if not self.chars and not self.emoji:
            raise ValueError("forbidden_chars needs chars, emoji: true, or both")
        return self

    def pattern(self) -> str:
        return f"[{re.escape(self.chars)}{EMOJI_CLASS if self.emoji else ''}]"


@check(ForbiddenCharsParams)
def forbidden_chars(
    params: ForbiddenCharsParams, frame: pd.DataFrame, ctx: EvalContext
) -> list[Verdicts]:
    """Characters Amazon bans (in titles `! $ ? _ { } ^ ¬ ¦`; emoji in bullets) must not appear."""
    pattern = ctx.pattern(params.pattern())
    if params.allow_within:
        frame = frame.assign(
            **{
                name: _without_values(text_column(frame, name), frame, params.allow_within)
                for name in params.fields
            }
        )
    searches = {
        name: _pattern_search(frame, name, pattern, ctx, limit_length=False)
        for name in params.fields
    }
    return _per_field(params, frame, searches, ctx)


def _without_values(text: pd.Series, frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """`text` with each occurrence of the row's own values of `columns` (any case) blanked
    out, so that what is part of a name (a brand written "Yahoo!") is not judged."""
    keyed = pd.DataFrame(
        {"text": text, **{c: text_column(frame, c) for c in columns if c in frame}}
    )
    masked = [
        _blank_out(cell, [v for v in values if isinstance(v, str) and v.strip()])
        if isinstance(cell, str)
        else cell
        for cell, *values in keyed.itertuples(index=False)
    ]
    return pd.Series(masked, index=text.index, dtype="string").where(text.notna())


def _blank_out(text: str, values: list[str]) -> str:
    for value in sorted(values, key=len, reverse=True):
        text = re.sub(re.escape(value.strip()), " ", text, flags=re.IGNORECASE)
    return text


class RegexParams(_TextParams):
    """A pattern that must not (`forbid`) or must (`require`) match."""

    kind: Literal["regex"] = "regex"
    pattern: str
    mode: Literal["forbid", "require"] = "forbid"
    ignore_case: bool = True
    each_match: bool = Field(
        False,
        description=(
            "forbid only: one finding per distinct match, the match as its detail "
            "(each placeholder of a letter), instead of one per field."
        ),
    )

    @model_validator(mode="after")
    def _each_match_forbids(self) -> RegexParams:
        if self.each_match and self.mode != "forbid":
            raise ValueError("each_match needs mode: forbid (a missing match has no text)")
        return self

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        error = pattern_error(pattern)
        if error:
            raise ValueError(f"invalid regex: {error}")
        return pattern


@check(RegexParams)
def regex(params: RegexParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """A forbidden pattern (an ASIN, a URL, HTML) must not match; a required one must.

    A value longer than its field accepts is not searched, and a search over its time
    budget is stopped: both `unknown`, with the reason (engine.patterns)."""
    pattern = ctx.pattern(params.pattern, params.ignore_case)
    if params.each_match:
        return [v for name in params.fields for v in _each_match(params, frame, name, ctx)]
    searches = {
        name: _pattern_search(frame, name, pattern, ctx, how="first") for name in params.fields
    }
    return _per_field(params, frame, searches, ctx, fail_when_found=params.mode == "forbid")


def _each_match(
    params: RegexParams, frame: pd.DataFrame, name: str, ctx: EvalContext
) -> list[Verdicts]:
    """Verdicts n holds each row's n-th distinct match: one finding per match, while a row
    without any still passes (in the first), as does an undecided row (unknown)."""
    text = text_column(frame, name)
    pattern = ctx.pattern(params.pattern, params.ignore_case)
    search = _pattern_search(frame, name, pattern, ctx, how="each")
    matches = search.found
    most = int(matches.dropna().map(len).max()) if matches.notna().any() else 0
    results = []
    for n in range(max(most, 1)):
        nth = matches.map(
            lambda found, n=n: found[n] if len(found) > n else pd.NA, na_action="ignore"
        )
        nth = nth.astype("string")
        label = nth if len(params.fields) == 1 else name + ": " + nth
        evidence: dict[str, pd.Series | Any] = {"found": nth}
        if n:  # later verdicts hold only the rows with that many matches
            keep = nth.notna().to_numpy(dtype=bool)
            outcome = _outcome(params, text, nth.notna())[keep]
            nth, label, evidence = nth[keep], label[keep], {"found": nth[keep]}
        else:
            outcome = _outcome(params, text, nth.notna(), search.reason)
            evidence |= search.evidence(name, ctx)
        results.append(
            Verdicts(outcome=outcome, observed=nth, detail=label, missing=[name], evidence=evidence)
        )
    return results


class TableTerms(Strict):
    """Every distinct value of a column of a canonical table, e.g. all brands in the listings."""

    table: str
    field: str

    @model_validator(mode="after")
    def _known_column(self) -> TableTerms:
        if self.table not in TABLES:
            raise ValueError(f"unknown table {self.table!r}; known: {sorted(TABLES)}")
        if self.field not in TABLES[self.table].columns:
            raise ValueError(f"the {self.table} table has no column {self.field!r}")
        return self


class ForbiddenTermsParams(_TextParams):
    """None of the terms may appear as a whole word or phrase, whatever the case.

    Terms are `terms` and `extra_terms` (a fixed list; `extra_terms` is there for a
    configuration override to add to the list rather than replace it), the row's own
    values of `row_terms` columns (its brand), and every value of a column of a table
    (`table_terms`: the brands of all audited listings); `exclude` are never forbidden.
    """

    kind: Literal["forbidden_terms"] = "forbidden_terms"
    terms: list[str] = Field(default_factory=list, description="Forbidden words and phrases.")
    extra_terms: list[str] = Field(
        default_factory=list, description="More terms, e.g. competitor brands from a config."
    )
    row_terms: ColumnNames = Field(
        default_factory=list,
        description="Columns whose value in the same row is forbidden (e.g. brand).",
    )
    table_terms: list[TableTerms] = Field(
        default_factory=list,
        description="Columns of a table whose every value is forbidden (e.g. listings.brand).",
    )
    exclude: list[str] = Field(
        default_factory=list, description="Values never forbidden (e.g. the brand 'Generic')."
    )
    except_row: ColumnNames = Field(
        default_factory=list,
        description="Columns whose value in the same row is not reported by this check "
        "(the catalogue's brands, less the listing's own, which another part judges).",
    )
    optional_field_params: ClassVar[tuple[str, ...]] = ("row_terms", "except_row")

    @model_validator(mode="after")
    def _forbids_something(self) -> ForbiddenTermsParams:
        if not (self.terms or self.extra_terms or self.row_terms or self.table_terms):
            raise ValueError("forbidden_terms needs terms, extra_terms, row_terms or table_terms")
        return self


def _join_found(parts: list[pd.Series]) -> pd.Series:
    """Several columns of found terms as one: distinct terms joined in order, NA where none."""
    if len(parts) == 1:
        return parts[0]
    joined = [
        ", ".join(dict.fromkeys(t for cell in row if cell is not None for t in cell.split(", ")))
        or None
        for row in zip(*(cells(part) for part in parts), strict=True)
    ]
    return pd.Series(joined, index=parts[0].index, dtype="string")


def _row_term_matches(text: pd.Series, terms: pd.Series, exclude: set[str]) -> pd.Series:
    """Per row, whether its own term (its brand) occurs in its text as a whole word: the
    term, lower-cased, where it does; NA where not."""
    keyed = pd.DataFrame({"text": text, "term": terms}).dropna()
    found = [
        term.strip().lower()
        if term.strip().lower() not in exclude and occurrences(cell, term)
        else None
        for cell, term in zip(keyed["text"], keyed["term"].astype(str), strict=True)
    ]
    return pd.Series(found, index=keyed.index, dtype="string").reindex(text.index)


@check(ForbiddenTermsParams)
def forbidden_terms(
    params: ForbiddenTermsParams, frame: pd.DataFrame, ctx: EvalContext
) -> list[Verdicts]:
    """Promotional, prohibited or restricted terms; 'sale' does not match 'wholesale'.

    Fixed terms and those taken from a whole table (every brand of the catalogue) are
    found in one pass over each distinct text (engine.terms); a row's own terms (its
    brand) by a substring search in its own text.
    """
    exclude = {t.strip().lower() for t in params.exclude}
    fixed = [*params.terms, *params.extra_terms]
    for source in params.table_terms:
        values = ctx.tables.get(source.table, pd.DataFrame()).get(source.field)
        if values is not None:
            fixed.extend(str(v) for v in values.dropna().unique())
    terms = Terms(t for t in fixed if t.strip().lower() not in exclude)
    searches = {}
    for name in params.fields:
        text = text_column(frame, name)
        parts = [] if terms.empty else [per_distinct(text, partial(_terms_found, terms))]
        for column in params.row_terms:
            parts.append(_row_term_matches(text, text_column(frame, column), exclude))
        if not parts:
            parts = [pd.Series(pd.NA, index=text.index, dtype="string")]
        found = _join_found(parts)
        if params.except_row:
            found = _without_own(found, frame, params.except_row)
        searches[name] = _Search(found)
    return _per_field(params, frame, searches, ctx)


def _without_own(found: pd.Series, frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Found terms less the row's own values of `columns` (any case); NA where none is left."""
    own = [text_column(frame, c).str.strip().str.lower() for c in columns if c in frame]
    kept = [
        ", ".join(t for t in cell.split(", ") if t not in {m for m in mine if isinstance(m, str)})
        or None
        if isinstance(cell, str)
        else None
        for cell, *mine in zip(found, *own, strict=True)
    ]
    return pd.Series(kept, index=found.index, dtype="string")


def _terms_found(terms: Terms, text: pd.Series) -> pd.Series:
    """The terms found in each distinct text, joined by ', '; NA where none."""
    found = [None if cell is None else ", ".join(terms.find(cell)) or None for cell in cells(text)]
    return pd.Series(found, index=text.index, dtype="string")


#: A word: letters and digits, with inner apostrophes or hyphens (don't, 2-in-1).
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def _repeats_words(text: pd.Series, times: int) -> np.ndarray:
    """Rows where some word may occur more than `times` times (stop-words not yet exempt).

    A word written n+1 times repeats n times, so text with fewer than `times`
    repetitions in all cannot fail; most titles are discarded by this one cheap pass.
    """
    texts = text.to_numpy(dtype=object, na_value="")
    return np.array(
        [len(w) - len(set(w)) >= times for w in (WORD.findall(t.lower()) for t in texts)],
        dtype=bool,
    )


def _repetitions(stop: set[str], most: int, text: pd.Series) -> pd.DataFrame:
    """Per text: the highest count of a word over `most` (NA: none) and the words as 'deal ×3'."""
    candidates = text[_repeats_words(text, most)]
    words = candidates.str.lower().str.findall(WORD.pattern).explode().dropna()
    words = words[~words.isin(stop)]
    counts = words.groupby([words.index, words.to_numpy()]).size()
    over = counts[counts > most]
    rows = over.index.get_level_values(0)
    labels = (
        pd.Series(over.index.get_level_values(1), index=rows) + " ×" + over.astype(str).to_numpy()
    )
    return pd.DataFrame(
        {
            "top": over.groupby(rows).max().reindex(text.index).astype("Float64"),
            "found": labels.groupby(level=0).agg(", ".join).reindex(text.index).astype("string"),
        },
        index=text.index,
    )


class WordRepetitionParams(_TextParams):
    """No word may appear more than `max` times (stop-words exempt, case-insensitive)."""

    kind: Literal["word_repetition"] = "word_repetition"
    max: int = Field(2, ge=1)
    stop_words: list[str] = Field(default_factory=lambda: list(DEFAULT_STOP_WORDS))
    placeholders: ClassVar[tuple[str, ...]] = ("found",)


@check(WordRepetitionParams)
def word_repetition(
    params: WordRepetitionParams, frame: pd.DataFrame, ctx: EvalContext
) -> list[Verdicts]:
    """Keyword stuffing: the same word more than twice in a title.

    Each distinct text is counted once, with explode/groupby over the texts that can
    fail at all: a quick pass first keeps only text with at least `max` repeated words.
    """
    stop = {w.lower() for w in params.stop_words}
    results = []
    for name in params.fields:
        text = text_column(frame, name)
        stats = per_distinct(text, partial(_repetitions, stop, params.max))
        top, found = stats["top"], stats["found"]
        outcome = _outcome(params, text, top.notna())
        results.append(
            Verdicts(
                outcome=outcome,
                observed=top.astype("Float64"),
                limit=params.max,
                detail=name if len(params.fields) > 1 else None,
                missing=[name],
                evidence={"found": found},
            )
        )
    return results


class LetterCaseParams(_TextParams):
    """Text written (almost) wholly in one case: ALL CAPS titles, or all lower case.

    Only words that can show case count: tokens of `min_letters` letters or more with no
    digit. Units, sizes and model numbers (20W, XL, USB, B0-7X) are neither evidence for
    nor against, so a title like 'Voltix USB-C Charger 20W' is judged on 'Voltix' and
    'Charger' alone. Text with fewer than `min_words` such words is not judged.
    """

    kind: Literal["letter_case"] = "letter_case"
    case: Literal["upper", "lower"] = "upper"
    share: float = Field(
        1.0, gt=0, le=1, description="Fail when at least this share of the words is in `case`."
    )
    min_letters: int = Field(4, ge=1, description="Shorter words (units, acronyms) are ignored.")
    min_words: int = Field(2, ge=1, description="Fewer countable words: not judged (pass).")
    placeholders: ClassVar[tuple[str, ...]] = ("found", "words")


#: A word that can show case: letters only (inner apostrophes and hyphens allowed).
LETTERS = re.compile(r"(?<![\w-])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w-])")


@check(LetterCaseParams)
def letter_case(params: LetterCaseParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """A title shouted in capitals (Amazon's style rules: no ALL CAPS) or whispered in lower case.

    Each distinct text's words are exploded into one long column once; counting and the
    share are groupby aggregates, not a loop over rows.
    """
    results = []
    for name in params.fields:
        text = text_column(frame, name)
        stats = per_distinct(text, partial(_case_stats, params))
        judged = stats["counted"] >= params.min_words
        hit = judged & stats["share"].ge(params.share - 1e-9).fillna(False)
        outcome = _outcome(params, text, hit)
        results.append(
            Verdicts(
                outcome=outcome,
                observed=stats["share"].round(2).where(judged),
                limit=params.share,
                detail=name if len(params.fields) > 1 else None,
                missing=[name],
                evidence={
                    "found": stats["sample"].where(hit),
                    "words": stats["counted"].astype("Float64").where(hit),
                },
            )
        )
    return results


#: Four letters in a row none of which is in the other case (ASCII), inner ' or - allowed:
#: every word of 4+ letters wholly in `case` contains such a run, so text without one
#: cannot fail and is not split into words at all.
_CASE_RUN = {
    "upper": re.compile(r"[^\W\d_a-z](?:['’-]?[^\W\d_a-z]){3}"),
    "lower": re.compile(r"[^\W\d_A-Z](?:['’-]?[^\W\d_A-Z]){3}"),
}


def _case_stats(params: LetterCaseParams, text: pd.Series) -> pd.DataFrame:
    """Per text: how many words can show case, the share in `params.case`, and a sample.

    One findall per text and plain string methods per word: on long titles this is
    about twice as fast as exploding every word into a column of its own.
    """
    find, in_case = LETTERS.findall, str.isupper if params.case == "upper" else str.islower
    may_fail = _CASE_RUN[params.case].search
    counted: list[int] = []
    share: list[float | None] = []
    sample: list[str | None] = []
    for cell in text.to_numpy(object, na_value=""):
        if params.min_letters >= 4 and not may_fail(cell):  # no word of 4 letters in `case`
            counted.append(0)
            share.append(None)
            sample.append(None)
            continue
        words = [
            w
            for w in find(cell)
            if w.upper() != w.lower()
            and len(w) - w.count("'") - w.count("’") - w.count("-") >= params.min_letters
        ]
        matching = [w for w in words if in_case(w)]
        counted.append(len(words))
        share.append(len(matching) / len(words) if words else None)
        sample.append(" ".join(matching[:4]) or None)
    return pd.DataFrame(
        {
            "counted": pd.Series(counted, index=text.index, dtype="int64"),
            "share": pd.Series(share, index=text.index, dtype="Float64"),
            "sample": pd.Series(sample, index=text.index, dtype="string"),
        }
    )
