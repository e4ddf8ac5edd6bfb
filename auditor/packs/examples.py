"""Run every rule's own examples: a rule whose `fail` example passes is broken.

Examples are partial records of the rule's table; they go through the same
coercion as real input (so `"0.9%"` and `"yes"` mean what they mean in a CSV), and
are evaluated by the same engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from auditor.engine.evaluate import evaluate_rule
from auditor.engine.verdicts import EvalContext
from auditor.ingest.records import table_from_records
from auditor.model.rules import Example, PackedRule, example_records
from auditor.model.tables import TABLES, CanonicalTable

EXAMPLE_MARKETPLACE = "US"


@dataclass(frozen=True)
class ExampleFailure:
    rule_id: str
    expected: str
    got: str
    record: Example

    def __str__(self) -> str:
        return f"{self.rule_id}: example expected {self.expected}, got {self.got}: {self.record}"


#: What a required column an example leaves out holds, by column type (text: EXAMPLE-n).
_PLACEHOLDERS = {"number": 0, "integer": 0, "boolean": False, "date": "2000-01-01"}


def _table(name: str, records: list[dict[str, Any]]) -> CanonicalTable:
    spec = TABLES[name]
    types = spec.column_types()
    filled = [
        {
            **{c: _PLACEHOLDERS.get(types[c], f"EXAMPLE-{i + 1}") for c in spec.required_columns},
            **record,
        }
        for i, record in enumerate(records)
    ]
    table, rejected = table_from_records(name, filled, EXAMPLE_MARKETPLACE, source="<example>")
    if rejected:
        raise ValueError(f"invalid example rows in {name}: {[r.reason for r in rejected]}")
    return table


def run_examples(packed: PackedRule, as_of: dt.date) -> list[ExampleFailure]:
    """Evaluate each example; `as_of` applies unless the examples name their own date."""
    rule = packed.rule
    as_of = rule.examples.as_of or as_of
    if not rule.in_effect(as_of):  # examples show what the rule does while it is in effect
        as_of = rule.effective_from or rule.effective_until or as_of
    context: dict[str, CanonicalTable] = {
        name: _table(name, rows) for name, rows in rule.examples.context.items()
    }
    for lookup in rule.check.lookup_tables:
        context.setdefault(lookup, _table(lookup, []))
    metric = getattr(rule.check, "metric", None)
    implied = {"metric": metric} if metric else {}
    failures = []
    for expected, examples in rule.examples.by_outcome().items():
        for record in examples:
            rows = [{**implied, **row} for row in example_records(record)]
            tables = {**context, rule.applies_to: _table(rule.applies_to, rows)}
            ctx = EvalContext(as_of=as_of, tables={n: t.frame for n, t in tables.items()})
            run = evaluate_rule(packed, tables, ctx)
            got = (run.not_applicable and "not applicable") or next(
                k for k, v in run.counts.items() if v
            )
            if got != expected:
                failures.append(ExampleFailure(rule.id, expected, str(got), record))
    return failures
