"""Checks that measure a number per row and hold it against fail/warn bands."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

import pandas as pd
from pydantic import Field, WithJsonSchema, field_validator, model_validator

from auditor.engine.headroom import headroom_objects
from auditor.engine.registry import check
from auditor.engine.verdicts import EvalContext, Verdicts, banded, text_column
from auditor.model.common import MARKETPLACES
from auditor.model.rules import Band, CheckParams, Compare, Condition, FieldNames, Limit
from auditor.model.vocab import METRICS

Bands = Band | list[Band]

#: One numeric column, or several reduced to one number per row (`reduce`).
NumericFields = str | Annotated[list[str], Field(min_length=1)]


def _reduced(frame: pd.DataFrame, field: NumericFields, reduce: str) -> pd.Series:
    """The value a numeric check holds against its bands: the column itself, or for several
    columns their row-wise max or min (an image's longest side is max(width, height)).

    A row with any of the columns blank is blank, so it is `unknown`, never judged on half
    of its facts.
    """
    if isinstance(field, str):
        return frame[field].astype("Float64")
    values = frame[field].astype("Float64")
    result = values.max(axis=1) if reduce == "max" else values.min(axis=1)
    return result.astype("Float64").mask(values.isna().any(axis=1))


def _field_list(field: NumericFields) -> list[str]:
    return [field] if isinstance(field, str) else list(field)


#: A metric of the account-metrics vocabulary (published as an enum in the rules schema).
MetricName = Annotated[str, WithJsonSchema({"type": "string", "enum": list(METRICS)})]


#: Amazon's own verdict on an account metric (the report's `status`) -> our outcome.
AMAZON_VERDICT = {"GOOD": "pass", "BAD": "fail"}


class ThresholdParams(CheckParams):
    """A numeric value against a `fail` band and an optional earlier `warn` band.

    A rule that only advises (a target Amazon sets without a penalty) has a `warn` band
    and no `fail`.
    """

    kind: Literal["threshold"] = "threshold"
    field: NumericFields = Field(
        "value", description="Numeric column to test, or several reduced by `reduce`."
    )
    reduce: Literal["max", "min"] = Field(
        "max", description="With several fields: test their largest or smallest value per row."
    )
    metric: MetricName | list[MetricName] | None = Field(
        None,
        description=(
            "On account_metrics: only rows of this metric are evaluated; a list when one "
            "limit covers several metrics (product and food safety complaints)."
        ),
    )
    fail: Bands | None = None
    warn: Bands | None = None
    enforced_in: list[str] | None = Field(
        None,
        description=(
            "Marketplaces where Amazon enforces the fail band; elsewhere a value in it is a "
            "warning (Amazon recommends the limit there but states no penalty)."
        ),
    )
    amazon_status_decides: bool = Field(
        False,
        description=(
            "On account_metrics: where a row carries Amazon's own status, GOOD passes and BAD "
            "fails whatever the number (a count that still holds resolved cases); the bands "
            "judge only rows without one (NONE or blank)."
        ),
    )
    field_params: ClassVar[tuple[str, ...]] = ("field",)
    placeholders: ClassVar[tuple[str, ...]] = (
        "warn_limit",
        "metric",
        "window_days",
        "numerator",
        "denominator",
    )

    @model_validator(mode="after")
    def _has_a_band(self) -> ThresholdParams:
        if self.fail is None and self.warn is None:
            raise ValueError("threshold needs a fail band, a warn band, or both")
        if self.enforced_in is not None and self.fail is None:
            raise ValueError("enforced_in needs a fail band to enforce")
        return self

    @field_validator("enforced_in")
    @classmethod
    def _known_marketplaces(cls, codes: list[str] | None) -> list[str] | None:
        unknown = sorted(c for c in codes or [] if c not in MARKETPLACES)
        if unknown:
            raise ValueError(f"unknown marketplace code(s) {unknown}; use {list(MARKETPLACES)}")
        return codes

    def implied_condition(self) -> Condition | None:
        if isinstance(self.metric, list):
            return Compare.model_validate({"field": "metric", "in": self.metric})
        return Compare(field="metric", eq=self.metric) if self.metric else None

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, metric: str | list[str] | None) -> str | list[str] | None:
        names = metric if isinstance(metric, list) else [] if metric is None else [metric]
        unknown = [m for m in names if m not in METRICS]
        if unknown:
            raise ValueError(f"unknown metric(s) {unknown}; known: {sorted(METRICS)}")
        if isinstance(metric, list) and not metric:
            raise ValueError("a list of metrics needs at least one")
        return metric


@check(ThresholdParams)
def threshold(params: ThresholdParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """A number (a metric's value, a price) must stay inside its limit; warn bands show drift first.

    On the account-metrics table each metric row is its own evaluation, its window
    the finding's detail; Amazon's own target, where the input carries it, is kept as
    evidence and flagged when it differs from the rule's limit. A rate metric with its
    counts also gets its headroom (engine.headroom): how many more bad events its window
    absorbs before the fail band, or how many fewer it needs.
    """
    value = _reduced(frame, params.field, params.reduce)
    verdicts = banded(value, frame, params.fail, params.warn)
    verdicts.missing = _field_list(params.field)
    # Headroom measures the distance to the band itself, whether Amazon enforces it here or
    # only recommends it, so it is computed on the bands' outcome; a warn-only rule's band
    # is its warn band, which a warning has crossed.
    by_band = (
        verdicts.outcome if params.fail is not None else verdicts.outcome.replace("warn", "fail")
    )
    band = params.fail if params.fail is not None else params.warn
    if params.enforced_in is not None:
        verdicts.outcome = _advised_outside(verdicts.outcome, frame, params.enforced_in)
    if params.amazon_status_decides and "amazon_status" in frame:
        verdicts.outcome = _amazons_verdict(verdicts.outcome, frame["amazon_status"])
    if "window_days" in frame:
        verdicts.detail = frame["window_days"].astype("string") + "d"
    if "target_value" in frame:
        target = frame["target_value"]
        differs = target.notna() & (target.astype("Float64") - verdicts.limit).abs().gt(1e-12)
        verdicts.evidence["target_differs"] = differs.fillna(False).where(target.notna())
    if params.metric and isinstance(band, Band) and {"numerator", "denominator"} <= set(frame):
        verdicts.headroom = headroom_objects(
            band.op,
            frame["metric"],
            verdicts.limit,
            frame["numerator"],
            frame["denominator"],
            by_band,
        )
    return [verdicts]


def _advised_outside(outcome: pd.Series, frame: pd.DataFrame, enforced_in: list[str]) -> pd.Series:
    """A fail outside the marketplaces that enforce the limit is a warning: there Amazon
    only recommends it, and a seller must not read a recommendation as a deactivation."""
    if "marketplace" not in frame:
        return outcome
    advised = ~frame["marketplace"].astype("string").isin(enforced_in).fillna(False)
    return outcome.mask(
        advised.to_numpy(dtype=bool) & outcome.eq("fail").to_numpy(dtype=bool), "warn"
    )


def _amazons_verdict(outcome: pd.Series, status: pd.Series) -> pd.Series:
    """Amazon's GOOD or BAD where the row has one: the report's counts cover its whole
    window and may hold cases already resolved, which Amazon's status no longer counts."""
    verdict = status.astype("string").str.strip().str.upper().map(AMAZON_VERDICT)
    known = verdict.notna().to_numpy(dtype=bool)
    return outcome.mask(known, verdict)


class RangeParams(CheckParams):
    """A numeric column must lie between `min` and `max` (either may be left out)."""

    kind: Literal["range"] = "range"
    field: NumericFields = Field(description="Numeric column, or several reduced by `reduce`.")
    reduce: Literal["max", "min"] = Field(
        "max", description="With several fields: test their largest or smallest value per row."
    )
    min: Limit | None = None
    max: Limit | None = None
    field_params: ClassVar[tuple[str, ...]] = ("field",)

    @model_validator(mode="after")
    def _has_bound(self) -> RangeParams:
        if self.min is None and self.max is None:
            raise ValueError("a range needs min, max or both")
        return self

    def bands(self) -> list[Band]:
        bands = []
        if self.min is not None:
            bands.append(Band(lt=self.min))
        if self.max is not None:
            bands.append(Band(gt=self.max))
        return bands


@check(RangeParams)
def numeric_range(params: RangeParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """A number must lie in [min, max]: a price above zero, an age between 0 and 18."""
    value = _reduced(frame, params.field, params.reduce)
    verdicts = banded(value, frame, params.bands(), None)
    verdicts.missing = _field_list(params.field)
    return [verdicts]


class LengthParams(CheckParams):
    """Length of each text field, in characters, UTF-8 bytes or words.

    A rule that only advises (a plan of action's length) has a `warn` band and no `fail`.
    """

    kind: Literal["length"] = "length"
    fields: FieldNames
    unit: Literal["chars", "bytes", "words"] = "chars"
    blank: Literal["unknown", "pass"] = Field(
        "unknown", description="Outcome of a blank field (pass for optional ones)."
    )
    fail: Bands | None = None
    warn: Bands | None = None
    field_params: ClassVar[tuple[str, ...]] = ("fields",)
    placeholders: ClassVar[tuple[str, ...]] = ("unit", "warn_limit")

    @model_validator(mode="after")
    def _has_a_band(self) -> LengthParams:
        if self.fail is None and self.warn is None:
            raise ValueError("length needs a fail band, a warn band, or both")
        return self


@check(LengthParams)
def length(params: LengthParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """Text must fit Amazon's limit: titles in characters, search terms in bytes."""
    results = []
    for name in params.fields:
        text = text_column(frame, name)
        size = _SIZE[params.unit](text)
        verdicts = banded(size.astype("Float64"), frame, params.fail, params.warn)
        if params.blank_outcome() == "pass":
            verdicts.outcome = verdicts.outcome.mask(text.isna().to_numpy(dtype=bool), "pass")
        verdicts.detail = name if len(params.fields) > 1 else None
        verdicts.missing = [name]
        verdicts.evidence["unit"] = params.unit
        results.append(verdicts)
    return results


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


_SIZE = {
    "chars": lambda text: text.str.len(),
    "bytes": lambda text: text.map(_utf8_len, na_action="ignore"),
    "words": lambda text: text.str.count(r"\S+"),
}


class FieldCountParams(CheckParams):
    """How many fields of a group have a value (bullet_point1..5)."""

    kind: Literal["field_count"] = "field_count"
    fields: FieldNames
    fail: Bands | None = None
    warn: Bands | None = None
    field_params: ClassVar[tuple[str, ...]] = ("fields",)
    placeholders: ClassVar[tuple[str, ...]] = ("warn_limit",)

    @model_validator(mode="after")
    def _has_a_band(self) -> FieldCountParams:
        # A count resting on a third-party copy of Amazon's rule only warns (LST-007).
        if self.fail is None and self.warn is None:
            raise ValueError("field_count needs a fail band, a warn band, or both")
        return self


@check(FieldCountParams)
def field_count(params: FieldCountParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """Count the non-empty fields of a group: fewer than three bullets fails, fewer than five warns.

    Empty fields are what is being counted, so this check is never `unknown`.
    """
    count = frame[params.fields].notna().sum(axis=1).astype("Float64")
    return [banded(count, frame, params.fail, params.warn)]
