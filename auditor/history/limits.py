"""The limit a metric is held to, as history needs it: to draw it, to project towards it,
and to tell "worse" from "better".

The numbers are not restated here: `auditor.api.metric_limits` reads them from the
rules in effect (a threshold rule's fail band on its metric), so an override in
auditor.yaml moves the chart's line and the projection with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Op = Literal["gt", "ge", "lt", "le"]


@dataclass(frozen=True)
class MetricLimit:
    metric: str
    #: The rule the limit comes from ("score" for the score's at-risk band).
    rule_id: str
    #: How a value fails: `ge` 0.01 is "fails at 1% or more" (lower is better).
    op: Op
    value: float | dict[str, float]
    warn: float | dict[str, float] | None = None

    @property
    def higher_is_better(self) -> bool:
        return self.op in ("lt", "le")

    def at(self, marketplace: str | None) -> float:
        """The limit in `marketplace` (a per-marketplace limit's own value, else its default)."""
        return _pick(self.value, marketplace)

    def warn_at(self, marketplace: str | None) -> float | None:
        return None if self.warn is None else _pick(self.warn, marketplace)

    def fails(self, value: float, marketplace: str | None) -> bool:
        limit = self.at(marketplace)
        return {
            "gt": value > limit,
            "ge": value >= limit,
            "lt": value < limit,
            "le": value <= limit,
        }[self.op]

    def change(self, before: float, after: float) -> Literal["worse", "better", "same"]:
        """worse, better or same: the direction a move from `before` to `after` goes."""
        if after == before:
            return "same"
        return "better" if (after > before) == self.higher_is_better else "worse"


def _pick(value: float | dict[str, float], marketplace: str | None) -> float:
    if isinstance(value, dict):
        return value.get(marketplace or "", value["default"])
    return value
