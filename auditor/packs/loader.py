"""Load rule packs: every problem in every pack is collected and shown together.

Each problem names the file, the line and the rule id. Validation runs in two
passes: the generated JSON Schema (structure, unknown keys, enums), then the models
and what only they know (columns of the rule's table, message placeholders, ids
unique across packs).
"""

from __future__ import annotations

import hashlib
import string
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

if TYPE_CHECKING:
    import jsonschema

from auditor.engine.registry import check_kinds
from auditor.engine.schedule import check_on
from auditor.errors import AuditorError, Problem
from auditor.model.rules import LoadedPack, Pack, Rule, condition_fields, example_rows
from auditor.model.tables import TABLES
from auditor.packs.schema import pack_schema
from auditor.packs.yaml_source import Path_, YamlProblem, line_of, load_yaml

COMMON_PLACEHOLDERS = ("value", "limit", "detail", "field", "source")


def pack_files(paths: Iterable[Path]) -> list[Path]:
    """YAML files under each path (a file or a folder), in a stable order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
            )
        else:
            files.append(path)
    return files


def load_packs(paths: Iterable[Path]) -> list[LoadedPack]:
    """Load and validate every pack under `paths`; raise one error listing all problems."""
    packs: list[LoadedPack] = []
    problems: list[Problem] = []
    for file in pack_files(paths):
        pack, found = load_pack_file(file)
        problems.extend(found)
        if pack is not None:
            packs.append(pack)
    problems.extend(_duplicate_ids(packs))
    if problems:
        raise AuditorError(f"{len(problems)} problem(s) in the rule packs", problems)
    return packs


def load_pack_file(file: Path) -> tuple[LoadedPack | None, list[Problem]]:
    name = file.as_posix()
    try:
        raw = file.read_bytes()
    except OSError as error:
        return None, [Problem(name, f"cannot read: {error}")]
    pack, problems = _load_pack(name, raw)
    return pack, list(problems)


@lru_cache(maxsize=64)
def _load_pack(name: str, raw: bytes) -> tuple[LoadedPack | None, tuple[Problem, ...]]:
    """The pack a file's bytes hold, parsed and validated once per process: a process
    that audits store after store (a fleet's worker, a notebook, the tests) reads the
    same packs each time. Keyed by the bytes themselves, so an edited pack is read
    again; what is kept is frozen models (Strict) and problems, never changed later."""
    pack, problems = _parse_pack(name, raw)
    return pack, tuple(problems)


def _parse_pack(name: str, raw: bytes) -> tuple[LoadedPack | None, list[Problem]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [Problem(name, f"cannot read: {error}")]
    try:
        data, positions = load_yaml(text, name)
    except YamlProblem as problem:
        return None, [problem.problem]
    # Valid packs, the usual case, are built straight away; the JSON Schema (slower to
    # build) is consulted only for a pack that fails, because its messages locate
    # structural mistakes best.
    try:
        pack, problems = _build(data, positions, name)
    except (KeyError, IndexError, TypeError, AttributeError):  # a shape the schema rejects
        pack, problems = None, []
    if pack is None:
        schema_problems = _schema_problems(data, positions, name)
        return None, schema_problems or problems or [Problem(name, "not a valid rule pack")]
    rule_lines = {
        rule.id: line_of(positions, ("rules", i)) or 0 for i, rule in enumerate(pack.rules)
    }
    loaded = LoadedPack(
        pack=pack, path=name, sha256=hashlib.sha256(raw).hexdigest(), rule_lines=rule_lines
    )
    return loaded, problems


def _rule_id(data: Any, path: Path_) -> str | None:
    if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
        try:
            rule = data["rules"][path[1]]
        except (KeyError, IndexError, TypeError):
            return None
        return rule.get("id") if isinstance(rule, dict) else None
    return None


@cache
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # only a failing pack is shown against the schema: not paid at start

    return jsonschema.Draft202012Validator(pack_schema())


def _schema_problems(data: Any, positions: dict[Path_, int], file: str) -> list[Problem]:
    validator = _validator()
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        for leaf in _leaves(error):
            path = tuple(leaf.absolute_path)
            where = ".".join(map(str, path)) or "(top)"
            problems.append(
                Problem(
                    file, f"{where}: {_say(leaf)}", line_of(positions, path), _rule_id(data, path)
                )
            )
    return problems


def _leaves(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    """The errors of the anyOf/oneOf branch the author most likely meant.

    That is the branch with the fewest errors, among those that did not fail on their
    type alone (a `when` mapping is not meant to be `null`).
    """
    if not error.context:
        return [error]
    branches: dict[Any, list[jsonschema.ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    meant = [b for b in branches.values() if any(e.validator != "type" for e in b)] or list(
        branches.values()
    )
    return [leaf for sub in min(meant, key=len) for leaf in _leaves(sub)]


def _say(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        return f"unknown key(s): {error.message.split('(')[-1].rstrip(')')}"
    return error.message


def _build(
    data: dict[str, Any], positions: dict[Path_, int], file: str
) -> tuple[Pack | None, list[Problem]]:
    problems: list[Problem] = []
    rules: list[Rule] = []
    kinds = check_kinds()
    for i, raw_rule in enumerate(data["rules"]):
        rid = raw_rule.get("id")
        located = _Located(problems, positions, file, rid)
        try:
            params = kinds[raw_rule["check"]["kind"]].params.model_validate(raw_rule["check"])
        except ValidationError as error:
            located.add(error, ("rules", i, "check"))
            continue
        try:
            rule = Rule.model_validate({**raw_rule, "check": params})
        except ValidationError as error:
            located.add(error, ("rules", i))
            continue
        for j, entry in enumerate(rule.schedule):
            try:
                check_on(rule, entry.effective_from)
            except ValidationError as error:
                located.add(error, ("rules", i, "schedule", j, "check"))
        for message, sub in _semantic_problems(rule):
            problems.append(Problem(file, message, line_of(positions, ("rules", i, *sub)), rid))
        rules.append(rule)
    if problems:
        return None, problems
    try:
        return Pack.model_validate({**data, "rules": rules}), []
    except ValidationError as error:
        return None, [
            Problem(
                file,
                f"{'.'.join(map(str, e['loc']))}: {e['msg']}",
                line_of(positions, tuple(e["loc"])),
            )
            for e in error.errors()
        ]


class _Located:
    """Turns pydantic errors into Problems at the line of the value they are about."""

    def __init__(
        self, problems: list[Problem], positions: dict[Path_, int], file: str, rule_id: str | None
    ) -> None:
        self.problems, self.positions, self.file, self.rule_id = problems, positions, file, rule_id

    def add(self, error: ValidationError, prefix: Path_) -> None:
        for item in error.errors():
            loc = (*prefix, *item["loc"])
            where = ".".join(map(str, loc[2:])) or "rule"
            self.problems.append(
                Problem(
                    self.file, f"{where}: {item['msg']}", line_of(self.positions, loc), self.rule_id
                )
            )


def _semantic_problems(rule: Rule) -> list[tuple[str, tuple[str | int, ...]]]:
    spec = TABLES[rule.applies_to]
    columns = set(spec.columns)
    problems: list[tuple[str, tuple[str | int, ...]]] = []
    for name in rule.check.columns(include_optional=True):
        if name not in columns:
            problems.append(
                (f"check reads '{name}', which the {spec.name} table does not have", ("check",))
            )
    for name in condition_fields(rule.when):
        if name not in columns:
            problems.append(
                (f"when reads '{name}', which the {spec.name} table does not have", ("when",))
            )
    allowed = {
        *COMMON_PLACEHOLDERS,
        *spec.entity_fields,
        *spec.evidence_fields,
        *rule.check.message_placeholders(),
    }
    texts = {"message": rule.message} | ({"statement": rule.statement} if rule.statement else {})
    for key, text in texts.items():
        for lang in ("en", "zh"):
            for name in _placeholders(getattr(text, lang)):
                if name not in allowed:
                    problems.append(
                        (
                            f"{key}.{lang} uses {{{name}}}; allowed: {', '.join(sorted(allowed))}",
                            (key, lang),
                        )
                    )
    for outcome, records in rule.examples.by_outcome().items():
        for j, example in enumerate(records):
            unknown = sorted({f for record in example_rows(example) for f in record} - columns)
            if unknown:
                problems.append(
                    (
                        f"examples.{outcome}[{j}] has fields {unknown} not in {spec.name}",
                        ("examples", outcome, j),
                    )
                )
    return problems


def _placeholders(template: str) -> list[str]:
    try:
        return [
            name.split(".")[0].split("[")[0]
            for _, name, _, _ in string.Formatter().parse(template)
            if name
        ]
    except ValueError:
        return ["<unbalanced braces>"]


def _duplicate_ids(packs: list[LoadedPack]) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for loaded in packs:
        for rule in loaded.pack.rules:
            if rule.id in seen:
                line = loaded.rule_lines.get(rule.id)
                problems.append(
                    Problem(loaded.path, f"rule id also defined in {seen[rule.id]}", line, rule.id)
                )
            else:
                seen[rule.id] = loaded.path
    return problems
