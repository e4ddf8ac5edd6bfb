"""Checks made of other checks: one rule, several conditions, one finding per part."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import pandas as pd
from pydantic import Field, SerializeAsAny, field_validator, model_validator

from auditor.engine.registry import check, check_kinds, run_check
from auditor.engine.verdicts import EvalContext, Verdicts
from auditor.model.common import Strict
from auditor.model.rules import RULE_NAME_PATTERN, CheckParams


class Part(Strict):
    """One condition of a composite check, named by `detail` in its findings."""

    detail: str = Field(
        pattern=RULE_NAME_PATTERN,
        description="Label of this part's findings (kebab-case), e.g. length or html.",
    )
    check: SerializeAsAny[CheckParams]

    @field_validator("check", mode="before")
    @classmethod
    def _registered_kind(cls, value: Any) -> Any:
        if isinstance(value, dict):
            kinds = check_kinds()
            kind = value.get("kind")
            if kind not in kinds:
                raise ValueError(f"unknown check kind {kind!r}; known: {sorted(kinds)}")
            if kind == "all_of":
                raise ValueError("all_of parts cannot be all_of themselves")
            return kinds[kind].params.model_validate(value)
        return value

    @model_validator(mode="after")
    def _self_contained(self) -> Part:
        if self.check.lookup_tables or self.check.implied_condition() is not None:
            raise ValueError(
                f"a {self.check.kind} check reads other tables or implies a condition; "
                "give it a rule of its own"
            )
        return self


class AllOfParams(CheckParams):
    """Every part must hold; each part's findings carry its `detail` label."""

    kind: Literal["all_of"] = "all_of"
    checks: list[Part] = Field(min_length=2)

    @model_validator(mode="after")
    def _distinct_labels(self) -> AllOfParams:
        labels = [p.detail for p in self.checks]
        if len(set(labels)) != len(labels):
            raise ValueError(f"the parts' detail labels repeat: {labels}")
        return self

    def columns(self, include_optional: bool = False) -> list[str]:
        names = [c for p in self.checks for c in p.check.columns(include_optional)]
        return list(dict.fromkeys(names))

    #: What the text and measure kinds a part may be add to messages.
    placeholders: ClassVar[tuple[str, ...]] = ("found", "unit", "warn_limit", "words")

    def message_placeholders(self) -> tuple[str, ...]:
        """The parts' own placeholders too: a GTIN part's {reason} words its findings."""
        names = [
            *self.placeholders,
            *(n for p in self.checks for n in p.check.message_placeholders()),
        ]
        return tuple(dict.fromkeys(names))


def _label(part: str, inner: pd.Series | str | None) -> pd.Series | str:
    """`field:part` when the part reports per field (bullet_point2:html), else the part."""
    if inner is None:
        return part
    if isinstance(inner, pd.Series):
        return inner.astype("string") + ":" + part
    return f"{inner}:{part}"


@check(AllOfParams)
def all_of(params: AllOfParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """Two or more conditions in one rule (a description's length and its markup).

    Each part runs as its own check over the same rows; its findings are told apart
    by `detail` (the part's label, after the field for parts over several fields), so
    a row failing two parts has two findings and counts once, at its worst.
    """
    results = []
    for part in params.checks:
        for verdicts in run_check(part.check, frame, ctx):
            verdicts.detail = _label(part.detail, verdicts.detail)
            results.append(verdicts)
    return results
