"""The registry of check kinds (after Cloud Custodian's filter registry).

Each kind is one pydantic parameter model plus one column-wise function. The pack
schema, the validator and `auditor rules docs` are all built from this registry, so
documentation and code cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import pandas as pd

from auditor.engine.verdicts import EvalContext, Verdicts
from auditor.model.rules import CheckParams

P = TypeVar("P", bound=CheckParams)
CheckFunction = Callable[[P, pd.DataFrame, EvalContext], list[Verdicts]]
#: The rows that stand for the entities a kind judges, where that is not every row: the
#: latest row of each product's price history (engine.checks.series).
EntityRows = Callable[[P, pd.DataFrame, EvalContext], pd.Index]


@dataclass(frozen=True)
class CheckKind(Generic[P]):
    name: str
    params: type[P]
    function: CheckFunction[P]
    entities: EntityRows[P] | None = None

    @property
    def doc(self) -> str:
        return (self.function.__doc__ or "").strip().split("\n\n")[0]


REGISTRY: dict[str, CheckKind[CheckParams]] = {}


def check(
    params: type[P], entities: EntityRows[P] | None = None
) -> Callable[[CheckFunction[P]], CheckFunction[P]]:
    """Register `function` as the evaluator of the kind named by `params.kind`; `entities`,
    where given, picks the rows that are the entities (the others are their history:
    the rule's scope is decided on the entity rows only, the check reads the rest)."""
    kind = params.model_fields["kind"].default
    if not isinstance(kind, str):
        raise TypeError(f"{params.__name__}.kind needs a literal default")

    def register(function: CheckFunction[P]) -> CheckFunction[P]:
        if kind in REGISTRY:
            raise ValueError(f"check kind {kind!r} registered twice")
        REGISTRY[kind] = CheckKind(kind, params, function, entities)  # type: ignore[arg-type]
        return function

    return register


def check_kinds() -> dict[str, CheckKind[CheckParams]]:
    """All registered kinds (importing the checks package registers them)."""
    import auditor.engine.checks  # noqa: F401

    return REGISTRY


def entity_rows(params: CheckParams, frame: pd.DataFrame, ctx: EvalContext) -> pd.DataFrame:
    """The rows of `frame` that are the entities `params`' kind judges (all, for most)."""
    entities = check_kinds()[params.kind].entities
    return frame if entities is None else frame.loc[entities(params, frame, ctx)]


def run_check(params: CheckParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    return check_kinds()[params.kind].function(params, frame, ctx)
