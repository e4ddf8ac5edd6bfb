"""Evaluate rules over canonical tables and turn non-passing outcomes into findings.

For each rule: pick its table, decide applicability (table and columns present,
rule in effect), mask rows with its `when` condition (three-valued), run its check
column-wise, then build findings only for the rows that did not pass.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from auditor.engine.conditions import Rows, condition_mask, undecided
from auditor.engine.reasons import UNSEARCHED_REASONS
from auditor.engine.registry import entity_rows, run_check
from auditor.engine.schedule import rule_on
from auditor.engine.verdicts import PASS, UNKNOWN, EvalContext, Verdicts, cells
from auditor.model.common import OUTCOME_PRIORITY
from auditor.model.rules import All, PackedRule, condition_fields
from auditor.model.tables import PRODUCT_COLUMNS, TABLES, CanonicalTable, TableSpec

#: Where a row came from; `_merged` lists other files that filled some of its fields.
SOURCE_COLUMNS = ("_file", "_row", "_merged")


@dataclass
class RuleRun:
    """What one rule did: counts of entity outcomes, its findings, or why it did not apply."""

    packed: PackedRule
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("pass", "fail", "warn", "unknown"), 0)
    )
    findings: list[dict[str, Any]] = field(default_factory=list)
    #: Why the rule did not apply, as a code and its values (`code`: not_in_effect,
    #: no_table or no_matching_rows), worded at the edge; None when it applied.
    not_applicable: dict[str, str] | None = None
    #: Rate metrics with counts, passing ones too: entity, outcome, value, limit, headroom.
    headroom: list[dict[str, Any]] = field(default_factory=list)
    #: The frame row of each finding, in the order of `findings`: which findings are one
    #: entity's details, so that a suppression can recount that entity (engine.suppress).
    rows: list[Any] = field(default_factory=list)
    #: Entities in scope whose input has no column the check reads (the All Listings
    #: report has no bullet points): one note per input and fields, never a finding per row.
    not_checked: list[dict[str, Any]] = field(default_factory=list)


def evaluate(
    rules: list[PackedRule], tables: Mapping[str, CanonicalTable], as_of: dt.date
) -> list[RuleRun]:
    """Every rule over the tables: findings as codes and values, in no language."""
    ctx = EvalContext(as_of=as_of, tables={name: t.frame for name, t in tables.items()})
    return [evaluate_rule(packed, tables, ctx) for packed in rules]


def evaluate_rule(
    packed: PackedRule, tables: Mapping[str, CanonicalTable], ctx: EvalContext
) -> RuleRun:
    if packed.rule.schedule:  # judged by the schedule in force on the audit date
        packed = packed.model_copy(update={"rule": rule_on(packed.rule, ctx.as_of)})
    rule, run = packed.rule, RuleRun(packed)
    reason = _not_applicable(packed, tables, ctx.as_of)
    if reason:
        run.not_applicable = reason
        return run
    table = tables[rule.applies_to]
    frame = table.frame
    spec = TABLES[rule.applies_to]
    ctx = replace(
        ctx,
        provided=table.provided,
        sources=table.sources,
        blank_means_none=frozenset(spec.blank_means_none),
        max_length=spec.max_length,
        patterns={},
        whole=frame,
    )
    frame = entity_rows(rule.check, frame, ctx)
    rows = Rows.of(frame, ctx)
    implied = rule.check.implied_condition()
    condition = All(all=[implied, rule.when]) if implied and rule.when else implied or rule.when
    scope = condition_mask(condition, rows)
    in_scope = frame[scope.fillna(False).to_numpy(dtype=bool)]
    undecided_rows = scope.isna().to_numpy(dtype=bool).copy()
    if in_scope.empty and not undecided_rows.any():
        run.not_applicable = {"code": "no_matching_rows", "table": rule.applies_to}
        return run
    registers = [t for t in rule.check.lookup_tables if t not in tables]
    if in_scope.empty:
        verdicts = []
    elif registers:  # nothing to look the entities up in: undecided, naming the register
        verdicts = [_unknown(in_scope, [f"{t} register" for t in registers])]
    else:
        verdicts = run_check(rule.check, in_scope, ctx)
        verdicts = [
            _checked(v, rule.check.columns(), Rows.of(in_scope, ctx), run) for v in verdicts
        ]
    # Fields only the check reads (not those deciding the scope: one missing fact that
    # decides both is an unknown naming it, as for a gated category).
    checked = [c for c in rule.check.columns() if c not in condition_fields(condition)]
    unscoped = RuleRun(packed)  # entities not in scope: their notes add to those in scope
    if undecided_rows.any() and checked:
        # An entity whose input carries none of the fields the check reads could not be
        # checked whatever its scope: a not-checked note, not an unknown per entity.
        uncheckable = np.logical_and.reduce([~rows.carried(c) for c in checked])
        _note_not_checked(frame[undecided_rows & uncheckable], checked, unscoped)
        undecided_rows &= ~uncheckable
    if undecided_rows.any():
        why = undecided(condition, Rows.of(frame[undecided_rows], ctx))
        registered = frozenset(PRODUCT_COLUMNS) if "products" in table.joined else frozenset()
        verdicts.append(
            _unknown(frame[undecided_rows], why.missing, why.absent, registered, why.unsearched)
        )
    _count(run, verdicts)
    for v in verdicts:
        run.findings.extend(_findings(packed, spec, frame, v))
        run.rows.extend(v.outcome.index[v.outcome != PASS].tolist())
        if v.headroom is not None:
            run.headroom.extend(_headroom(packed, spec, frame, v))
    run.not_checked = _group_not_checked(run.not_checked, unscoped.not_checked)
    return run


def _not_applicable(
    packed: PackedRule, tables: Mapping[str, CanonicalTable], as_of: dt.date
) -> dict[str, str] | None:
    """Why the rule has nothing to judge in this run: not in effect, or its table is not
    among the inputs (no account metrics in a catalogue-only audit). A column the inputs
    lack is never a reason: scope on it is unknown, a check of it is "not checked"."""
    rule = packed.rule
    if not rule.in_effect(as_of):
        window = {"effective_from": rule.effective_from, "effective_until": rule.effective_until}
        return {"code": "not_in_effect"} | {k: d.isoformat() for k, d in window.items() if d}
    table = tables.get(rule.applies_to)
    if table is None or table.frame.empty:
        return {"code": "no_table", "table": rule.applies_to}
    return None


def _unknown(
    frame: pd.DataFrame,
    missing: pd.Series | list[str],
    absent: pd.Series | None = None,
    registered: frozenset[str] = frozenset(),
    unsearched: pd.Series | None = None,
) -> Verdicts:
    """Rows that cannot be decided: unknown, naming per row what would decide them.

    Of those fields, `_absent` holds the ones no input of the row carries, and
    `_unlisted` those a register among the inputs would give (`registered`), but which
    has no row for this entity (a SKU missing from the products register)."""
    outcome = pd.Series(UNKNOWN, index=frame.index, dtype=object)
    if isinstance(missing, list):
        return Verdicts(outcome=outcome, missing=missing)
    evidence: dict[str, Any] = {"_missing": missing}
    if absent is not None:
        split: dict[tuple[str, ...], tuple[list[str], list[str]]] = {}
        for fields in map(tuple, absent):
            if fields not in split:
                split[fields] = (
                    [f for f in fields if f not in registered],
                    [f for f in fields if f in registered],
                )
        evidence["_absent"] = absent.map(lambda f: split[tuple(f)][0])
        evidence["_unlisted"] = absent.map(lambda f: split[tuple(f)][1])
    if unsearched is not None:
        evidence["_unsearched"] = unsearched
    return Verdicts(outcome=outcome, evidence=evidence)


def _checked(verdict: Verdicts, columns: list[str], rows: Rows, run: RuleRun) -> Verdicts:
    """The verdict without the rows whose input has none of the fields it is about.

    A check over several fields reports each field apart (`detail` names it, or for a
    part of a composite check, its `missing`: LST-018's GS1 part needs the seller's
    prefixes); a row is not checked for a field its input cannot carry. The rows dropped are noted in
    `run.not_checked` (by input file and fields), not turned into findings."""
    detail = verdict.detail
    if isinstance(detail, str) and detail in columns:
        fields = [detail]
    elif verdict.missing:
        fields = verdict.missing  # a part of a composite check, about the fields it names
    else:
        fields = columns
    if not fields:
        return verdict
    index = verdict.outcome.index
    every = np.logical_and.reduce([~rows.carried(f) for f in fields])
    absent = pd.Series(every, index=rows.frame.index).reindex(index).to_numpy(dtype=bool)
    if not absent.any():
        return verdict
    part = rows.frame.loc[index]
    _note_not_checked(part[absent], fields, run)
    keep = ~absent
    return Verdicts(
        outcome=verdict.outcome[keep],
        observed=_part(verdict.observed, keep),
        limit=_part(verdict.limit, keep),
        detail=_part(verdict.detail, keep),
        missing=verdict.missing,
        evidence={k: _part(v, keep) for k, v in verdict.evidence.items()},
        headroom=_part(verdict.headroom, keep),
    )


def _note_not_checked(rows: pd.DataFrame, fields: list[str], run: RuleRun) -> None:
    """Count `rows` as not checked for `fields`, by the input file they came from; for
    fields only another input gives (a product type definition, a local image: the
    table's `companion_columns`), as one note over every input, as no file lacks them
    more than another."""
    if rows.empty:
        return
    companions = TABLES[run.packed.rule.applies_to].companion_columns
    if all(f in companions for f in fields):
        run.not_checked.append({"input": "", "fields": list(fields), "entities": len(rows)})
        return
    files = rows["_file"] if "_file" in rows else pd.Series("", index=rows.index)
    for file, count in files.value_counts(sort=False).items():
        run.not_checked.append({"input": str(file), "fields": list(fields), "entities": int(count)})


def _part(value: Any, keep: np.ndarray) -> Any:
    return value[keep] if isinstance(value, pd.Series) else value


def _group_not_checked(
    in_scope: list[dict[str, Any]], undecided: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """One note per input and fields. Entities in scope are counted once (at the rule's
    widest part: each field of a check is a verdict over the same entities); those
    whose scope was undecided are other entities, added."""
    grouped: dict[tuple[str, tuple[str, ...]], int] = {}
    for note in in_scope:
        key = (note["input"], tuple(note["fields"]))
        grouped[key] = max(grouped.get(key, 0), note["entities"])
    for note in undecided:
        key = (note["input"], tuple(note["fields"]))
        grouped[key] = grouped.get(key, 0) + note["entities"]
    return [
        {"input": file, "fields": list(fields), "entities": count}
        for (file, fields), count in sorted(grouped.items())
    ]


def _count(run: RuleRun, verdicts: list[Verdicts]) -> None:
    """One evaluation per entity, counted at its worst outcome over all details."""
    if not verdicts:
        return
    priority = {str(k): v for k, v in OUTCOME_PRIORITY.items()}
    by_rank = {v: k for k, v in priority.items()}
    if len(verdicts) == 1 and verdicts[0].outcome.index.is_unique:
        # One outcome per entity already (most rules): no worst to find among details.
        only = verdicts[0].outcome
        worst = only[only.isin(list(priority))].value_counts()
    else:
        ranks = pd.concat([v.outcome.map(priority) for v in verdicts])
        worst = ranks.groupby(level=0).max().map(by_rank).value_counts()
    for outcome, n in worst.items():
        run.counts[str(outcome)] = int(n)


def _column(value: pd.Series | Any, index: pd.Index) -> pd.Series:
    if isinstance(value, pd.Series):
        return value.reindex(index)
    return pd.Series([value] * len(index), index=index, dtype=object)


def _findings(
    packed: PackedRule, spec: TableSpec, frame: pd.DataFrame, v: Verdicts
) -> list[dict[str, Any]]:
    """One finding per row that did not pass, as codes and values (no sentence: those are
    worded at the edge). Built from whole columns turned into plain lists once: a rule may
    fail on every listing of a large catalogue."""
    keep = v.outcome[v.outcome != PASS]
    if keep.empty:
        return []
    index = keep.index
    wanted = dict.fromkeys(
        [*spec.key_fields, *spec.entity_fields, *spec.evidence_fields, *SOURCE_COLUMNS]
    )
    # columns[name][i]: the value of column `name` for the i-th finding, as plain data.
    # Column by column: reindexing the whole frame (a listing has fifty columns of many
    # dtypes) cost more than the rest of the findings on a small store.
    columns: dict[str, list[Any]] = {
        str(c): native_list(frame[c].reindex(index)) if c in frame else [None] * len(index)
        for c in wanted  # `_merged` exists only after a merge
    }
    columns["outcome"] = keep.tolist()
    for name, value in (("observed", v.observed), ("limit", v.limit), ("detail", v.detail)):
        columns[name] = native_list(_column(value, index))
    evidence_names = [k for k in v.evidence if not k.startswith("_")]
    for k in v.evidence:
        columns[f"ev:{k}"] = native_list(_column(v.evidence[k], index))
    if v.headroom is not None:
        columns["headroom"] = native_list(v.headroom.reindex(index))
    rule = packed.rule
    single_field = rule.check.columns()[0] if len(rule.check.columns()) == 1 else None
    area = packed.area.value  # once, not per finding
    # A severity per marketplace (rules.Rule.severity_for), looked up once per marketplace.
    severity_of = {m: rule.severity_for(m).value for m in set(columns.get("marketplace") or [None])}
    marketplaces = columns.get("marketplace") or [None] * len(index)
    missing_of, merged_of, headroom_of = (
        columns.get(c) for c in ("ev:_missing", "_merged", "headroom")
    )
    absent_of, unlisted_of = columns.get("ev:_absent"), columns.get("ev:_unlisted")
    unsearched_of = columns.get("ev:_unsearched")
    # Evidence columns without a value in any finding are left out once, not per finding.
    evidence_columns = [(k, columns[k]) for k in spec.evidence_fields]
    evidence_columns += [(k, columns[f"ev:{k}"]) for k in evidence_names]
    evidence_columns = [(k, c) for k, c in evidence_columns if any(x is not None for x in c)]
    entities = _records(
        ["type", *spec.entity_fields],
        [[spec.entity_type] * len(index), *(columns[k] for k in spec.entity_fields)],
    )
    outcomes, details = columns["outcome"], columns["detail"]
    n = len(index)
    evidence = _evidence(
        evidence_columns, _records(["file", "row"], [columns["_file"], columns["_row"]])
    )
    if merged_of:
        for item, merged in zip(evidence, merged_of, strict=True):
            if merged:
                item["source"]["merged"] = merged
    missing = [
        list(found) if found else list(v.missing) if outcome == UNKNOWN else []
        for found, outcome in zip(missing_of or [None] * n, outcomes, strict=True)
    ]
    # What an unknown's message will name, as codes: a report renders in any language.
    undecided: dict[int, dict[str, list[Any]]] = {}
    for i in (i for i, outcome in enumerate(outcomes) if outcome == UNKNOWN):
        if evidence[i].get("reason") in UNSEARCHED_REASONS:
            # a value that is there, but too long to search or over the pattern's budget
            missing[i] = []
            field = v.missing[0] if len(v.missing) == 1 else details[i] or single_field
            reason = evidence[i]
            undecided[i] = {
                "unsearched": [
                    [
                        str(field),
                        str(reason["reason"]),
                        int(reason.get("length") or 0),
                        int(reason.get("max_length") or 0),
                    ]
                ]
            }
            continue
        codes = {
            name: list(found[i])
            for name, found in (("absent", absent_of), ("unlisted", unlisted_of))
            if found and found[i]
        }
        if unsearched_of and unsearched_of[i]:
            codes["unsearched"] = [list(u) for u in unsearched_of[i]]
        if codes:
            undecided[i] = codes
    result = _records(
        list(FINDING_KEYS),
        [
            fingerprints(rule.id, [columns[k] for k in spec.key_fields], details),
            [rule.id] * n,
            [rule.name] * n,
            [severity_of[m] for m in marketplaces],
            outcomes,
            [area] * n,
            entities,
            details,
            columns["observed"],
            columns["limit"],
            evidence,
            missing,
            # Worded at the edge (auditor.outputs.wording), in the report's language, from
            # the codes and values above; the key keeps its place in the JSON.
            [None] * n,
        ],
    )
    for i, codes in undecided.items():
        result[i]["undecided"] = codes
    for finding, headroom in zip(result, headroom_of or [], strict=False):
        if headroom:
            finding["headroom"] = headroom
    return result


#: A finding's keys, in the order the JSON report writes them (then `undecided` and
#: `headroom` where a finding has them).
FINDING_KEYS = (
    "fingerprint",
    "rule_id",
    "rule_name",
    "severity",
    "outcome",
    "area",
    "entity",
    "detail",
    "observed",
    "limit",
    "evidence",
    "missing",
    "message",
)


def _evidence(
    columns: list[tuple[str, list[Any]]], sources: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Each finding's evidence: the evidence columns where it has a value, then its source."""
    names = [name for name, _ in columns]
    values = [column for _, column in columns]
    if all(x is not None for column in values for x in column):  # every finding has them all
        return _records([*names, "source"], [*values, sources])
    result = []
    for *row, source in zip(*values, sources, strict=True):
        item = {k: x for k, x in zip(names, row, strict=True) if x is not None}
        item["source"] = source
        result.append(item)
    return result


def _headroom(
    packed: PackedRule, spec: TableSpec, frame: pd.DataFrame, v: Verdicts
) -> list[dict[str, Any]]:
    """Every row of a rate metric that has a headroom, whatever its outcome (the summary lists them)."""
    assert v.headroom is not None
    rows = v.headroom[v.headroom.notna()]
    if rows.empty:
        return []
    index = rows.index
    data = frame.reindex(index=index, columns=list(dict.fromkeys([*spec.entity_fields, "metric"])))
    outcome = v.outcome.reindex(index).tolist()
    observed = native_list(_column(v.observed, index))
    limit = native_list(_column(v.limit, index))
    detail = native_list(_column(v.detail, index))
    entities = [
        {"type": spec.entity_type} | {k: native(r[k]) for k in spec.entity_fields}
        for r in data.to_dict("records")
    ]
    metrics = (
        [native(m) for m in data["metric"].tolist()] if "metric" in data else [None] * len(index)
    )
    return [
        {
            "rule_id": packed.rule.id,
            "area": packed.area.value,
            "severity": packed.rule.severity_for(entity.get("marketplace")).value,
            "metric": metric,
            "entity": entity,
            "detail": det,
            "outcome": out,
            "observed": obs,
            "limit": lim,
            "headroom": head,
        }
        for entity, metric, det, out, obs, lim, head in zip(
            entities, metrics, detail, outcome, observed, limit, rows.tolist(), strict=True
        )
    ]


def _records(names: list[str], columns: list[list[Any]]) -> list[dict[str, Any]]:
    """Row i of `columns` as a dict of `names`: built by C loops (dict, zip), not per cell."""
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def fingerprint(rule_id: str, key: list[Any], detail: str | None) -> str:
    """Stable identity of a finding: rule, entity key and detail; never message or position."""
    parts = [rule_id, *("" if k is None else str(k) for k in key), detail or ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def fingerprints(rule_id: str, keys: list[list[Any]], details: list[Any]) -> list[str]:
    """`fingerprint` of every finding of a rule at once: its key columns and details."""
    sha = hashlib.sha256
    parts = [[rule_id] * len(details)]  # each part as text, a column at a time
    parts += [["" if k is None else str(k) for k in column] for column in keys]
    parts.append([detail or "" for detail in details])
    texts = map("\x1f".join, zip(*parts, strict=True))
    return [sha(text.encode("utf-8")).hexdigest()[:16] for text in texts]


def native(value: Any) -> Any:
    """A cell as plain JSON data: NA to None, numpy to Python, whole floats to int, dates to ISO."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, list | dict):
        return value
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def native_list(column: pd.Series) -> list[Any]:
    """A column as plain JSON values, converted column-wise where the dtype allows."""
    if pd.api.types.is_float_dtype(column.dtype):
        floats = column.to_numpy(dtype="float64", na_value=np.nan).tolist()
        return [
            None if x != x else int(x) if x.is_integer() and abs(x) < 2**53 else x for x in floats
        ]
    if pd.api.types.is_integer_dtype(column.dtype) and not column.hasnans:
        return column.to_numpy(dtype="int64").tolist()
    if isinstance(column.dtype, pd.StringDtype):
        return cells(column)
    if pd.api.types.infer_dtype(column, skipna=True) in _PLAIN:  # no cell needs converting
        values = column.to_numpy(dtype=object, copy=True)
        values[column.isna().to_numpy(dtype=bool)] = None
        return values.tolist()
    return [native(x) for x in column.tolist()]


#: Inferred types of object columns whose cells are JSON data as they are, but for NA.
_PLAIN = frozenset({"string", "empty", "boolean"})
