"""Checks on the content of text fields: characters, patterns, terms, repetition."""

from __future__ import annotations

import re
from typing import ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import Field, field_validator, model_validator

from auditor.engine.registry import check
from auditor.engine.verdicts import FAIL, PASS, EvalContext, Verdicts, text_column, word_pattern
from auditor.model.rules import CheckParams, FieldNames

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
    field_params: ClassVar[tuple[str, ...]] = ("fields",)
    placeholders: ClassVar[tuple[str, ...]] = ("found",)


def _per_field(
    params: _TextParams,
    frame: pd.DataFrame,
    found: dict[str, pd.Series],
    fail_when_found: bool = True,
) -> list[Verdicts]:
    """One Verdicts per field from a column of what was found (NA: nothing found)."""
    results = []
    for name in params.fields:
        text = text_column(frame, name)
        hits = found[name]
        hit = hits.notna() if fail_when_found else hits.isna()
        outcome = pd.Series(PASS, index=frame.index, dtype=object)
        outcome[hit.to_numpy(dtype=bool)] = FAIL
        outcome[text.isna().to_numpy(dtype=bool)] = params.blank_outcome()
        results.append(
            Verdicts(
                outcome=outcome,
                observed=hits if fail_when_found else text,
                detail=name if len(params.fields) > 1 else None,
                missing=[name],
                evidence={"found": hits} if fail_when_found else {},
            )
        )
    return results


def _matches(text: pd.Series, pattern: re.Pattern[str], first: bool = False) -> pd.Series:
    """What `pattern` found in each row: the first match, or the distinct matches joined in
    order of appearance (lower-cased for a case-insensitive pattern); NA where none.

    One fast search over the column finds the rows that match; only those are searched
    again for what matched.
    """
    search = pattern.search
    hit = np.array([search(c) is not None for c in text.to_numpy(object, na_value="")], dtype=bool)
    fold = str.lower if pattern.flags & re.IGNORECASE else str

    def found(cell: str) -> str:
        if first:
            match = pattern.search(cell)
            return match.group(0) if match else ""
        return ", ".join(dict.fromkeys(fold(m) for m in pattern.findall(cell)))

    return text[hit].map(found).reindex(text.index).astype("string")


class ForbiddenCharsParams(_TextParams):
    """None of `chars` (and, with `emoji`, no emoji) may appear."""

    kind: Literal["forbidden_chars"] = "forbidden_chars"
    chars: str = Field("", description="Every character here is forbidden, e.g. '!$?_{}^¬¦'.")
    emoji: bool = Field(False, description="Also forbid emoji and pictographs.")
    placeholders: ClassVar[tuple[str, ...]] = ("found",)

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
    pattern = re.compile(params.pattern())
    found = {name: _matches(text_column(frame, name), pattern) for name in params.fields}
    return _per_field(params, frame, found)


class RegexParams(_TextParams):
    """A pattern that must not (`forbid`) or must (`require`) match."""

    kind: Literal["regex"] = "regex"
    pattern: str
    mode: Literal["forbid", "require"] = "forbid"
    ignore_case: bool = True

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as error:
            raise ValueError(f"invalid regex: {error}") from None
        return pattern


@check(RegexParams)
def regex(params: RegexParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """A forbidden pattern (an ASIN, a URL, HTML) must not match; a required one must."""
    pattern = re.compile(params.pattern, re.IGNORECASE if params.ignore_case else 0)
    found = {
        name: _matches(text_column(frame, name), pattern, first=True) for name in params.fields
    }
    return _per_field(params, frame, found, fail_when_found=params.mode == "forbid")


class ForbiddenTermsParams(_TextParams):
    """None of `terms` may appear as a whole word or phrase, whatever the case."""

    kind: Literal["forbidden_terms"] = "forbidden_terms"
    terms: list[str] = Field(min_length=1)


@check(ForbiddenTermsParams)
def forbidden_terms(
    params: ForbiddenTermsParams, frame: pd.DataFrame, ctx: EvalContext
) -> list[Verdicts]:
    """Promotional, prohibited or restricted terms; 'sale' does not match 'wholesale'."""
    pattern = re.compile(word_pattern(params.terms), re.IGNORECASE)
    found = {name: _matches(text_column(frame, name), pattern) for name in params.fields}
    return _per_field(params, frame, found)


#: A word: letters and digits, with inner apostrophes or hyphens (don't, 2-in-1).
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def _repeats_words(text: pd.Series, times: int) -> np.ndarray:
    """Rows where some word may occur more than `times` times (stop-words not yet exempt).

    A word written n+1 times repeats n times, so text with fewer than `times`
    repetitions in all cannot fail; most titles are discarded by this one cheap pass.
    """
    cells = text.to_numpy(dtype=object, na_value="")
    return np.array(
        [len(w) - len(set(w)) >= times for w in (WORD.findall(t.lower()) for t in cells)],
        dtype=bool,
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

    Words are counted with explode/groupby, over the rows that can fail at all: a
    quick pass first keeps only text with at least `max` repeated words.
    """
    stop = {w.lower() for w in params.stop_words}
    results = []
    for name in params.fields:
        text = text_column(frame, name)
        candidates = text[_repeats_words(text, params.max)]
        words = candidates.str.lower().str.findall(WORD.pattern).explode().dropna()
        words = words[~words.isin(stop)]
        counts = words.groupby([words.index, words.to_numpy()]).size()
        over = counts[counts > params.max]
        rows = over.index.get_level_values(0)
        top = over.groupby(rows).max().reindex(frame.index)
        labels = (
            pd.Series(over.index.get_level_values(1), index=rows)
            + " ×"
            + over.astype(str).to_numpy()
        )
        found = labels.groupby(level=0).agg(", ".join).reindex(frame.index).astype("string")
        outcome = pd.Series(PASS, index=frame.index, dtype=object)
        outcome[top.notna().to_numpy()] = FAIL
        outcome[text.isna().to_numpy(dtype=bool)] = params.blank_outcome()
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
