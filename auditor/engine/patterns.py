"""Patterns from rule packs, searched within a time budget per value.

The bundled packs' patterns are written to run in linear time, and
tests/engine/test_patterns.py runs each of them on hostile text to keep it so. A
pattern from a seller's own pack or configuration may not be: `(a|aa)+$` backtracks
for ever on a long run of `a`. So every pack pattern is run by the `regex` module,
which can stop a search after a timeout (Python's `re` cannot be interrupted):

- a value whose search runs over `BUDGET_SECONDS` is undecided (`OVER_BUDGET`): the
  check reports it `unknown` with the reason code `pattern_budget`, never a pass;
- after `GIVE_UP_AFTER` such values, the pattern is not run again in this audit: every
  value it has not decided yet is undecided at once, so one bad pattern costs about a
  second, not an hour on a large catalogue.

`regex` reads the patterns `re` reads (its version 0 behaviour is `re`'s), at the
same speed on the bundled packs (benchmarks/bench_audit.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final, TypeVar

import regex

from auditor.model.tables import PATTERN_BUDGET_SECONDS

_T = TypeVar("_T")

#: Longest time one search of one value may take.
BUDGET_SECONDS: Final = PATTERN_BUDGET_SECONDS
#: Values over budget after which a pattern is not run again in the same audit.
GIVE_UP_AFTER: Final = 4


class _OverBudget:
    """What a search returns when it was stopped (or not started) for its budget."""

    def __repr__(self) -> str:
        return "OVER_BUDGET"


OVER_BUDGET: Final = _OverBudget()


@dataclass(eq=False)
class PackPattern:
    """One pack pattern, compiled once, with what it has cost so far in this audit."""

    source: str
    ignore_case: bool = False
    timeouts: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        flags = regex.V0 | (regex.IGNORECASE if self.ignore_case else 0)
        self.compiled = regex.compile(self.source, flags)

    @property
    def given_up(self) -> bool:
        return self.timeouts >= GIVE_UP_AFTER

    def search(self, text: str) -> regex.Match[str] | _OverBudget | None:
        return self._run(self.compiled.search, text)

    def fullmatch(self, text: str) -> regex.Match[str] | _OverBudget | None:
        return self._run(self.compiled.fullmatch, text)

    def matches(self, text: str) -> list[str] | _OverBudget:
        """Every match's text, in order (what `findall` gives for a pattern without groups)."""

        def all_of(text: str, timeout: float) -> list[str]:
            return [m.group(0) for m in self.compiled.finditer(text, timeout=timeout)]

        return self._run(all_of, text)

    def _run(self, method: Callable[..., _T], text: str) -> _T | _OverBudget:
        if self.given_up:
            return OVER_BUDGET
        try:
            return method(text, timeout=BUDGET_SECONDS)
        except TimeoutError:
            self.timeouts += 1
            return OVER_BUDGET
