"""Safe YAML that remembers where every value came from.

PyYAML's composer builds a node graph without constructing any Python object from
tags (no `!!python/object`); we walk the nodes ourselves, so we can record the line
of every key and refuse documents that expand into too many nodes (alias bombs).
Dates stay strings: pydantic parses them, and JSON Schema sees what the author wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from auditor.errors import AuditorError, Problem

M = TypeVar("M", bound=BaseModel)

#: Values an alias may add by repeating what an anchor holds: a billion-laughs document
#: expands into far more, while a pack of thousands of rules uses aliases for a few
#: shared lists. The document's own values are not counted: its size bounds them.
MAX_NODES = 200_000
#: A pack nests a dozen levels; far deeper nesting would exhaust Python's stack.
MAX_DEPTH = 200

Path_ = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
#: Plain data only: a tag that asks for an object (python/*, set, omap) is refused.
ALLOWED_TAGS = {
    _CORE + t for t in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
}
MERGE_TAG = _CORE + "merge"


class YamlProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def load_yaml(text: str, file: str) -> tuple[Any, dict[Path_, int]]:
    """Parse `text`; return the data and a map from each value's path to its 1-based line."""
    try:
        root = yaml.compose(text, Loader=_COMPOSER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        raise YamlProblem(
            Problem(file, f"not valid YAML: {error.problem}", mark.line + 1 if mark else None)
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(Problem(file, f"not valid YAML: {error}")) from None
    except RecursionError:  # PyYAML's own composer, on nesting thousands deep
        raise YamlProblem(Problem(file, f"nested more than {MAX_DEPTH} levels deep")) from None
    positions: dict[Path_, int] = {}
    if root is None:
        return None, positions
    budget = _Budget(MAX_NODES)
    return _convert(root, (), positions, budget, file, set()), positions


class _Budget:
    """What aliases may still add: a node met a second time (through an alias) costs
    one value; the first meeting of each node is the document itself and is free."""

    def __init__(self, left: int) -> None:
        self.left = left
        self.seen: set[int] = set()

    def spend(self, node: yaml.Node) -> bool:
        """Count `node`; False once aliases have added more than the budget allows."""
        if id(node) in self.seen:
            self.left -= 1
        else:
            self.seen.add(id(node))
        return self.left >= 0


def load_model(path: Path, model: type[M], what: str) -> M:
    """A YAML file (auditor.yaml, a facts file) validated into `model`; every mistake is
    reported with its file and line, never as a traceback."""
    return load_located(path, model, what)[0]


def load_located(
    path: Path,
    model: type[M],
    what: str,
    explain: Callable[[ErrorDetails], str | None] | None = None,
) -> tuple[M, dict[Path_, int]]:
    """`load_model`, also returning each value's line (so a caller can say where an entry
    of the file stands); `explain` may word a validation error better than pydantic."""
    name = path.as_posix()
    try:
        data, positions = load_yaml(path.read_text(encoding="utf-8-sig"), name)
    except YamlProblem as problem:
        raise AuditorError(f"invalid {what}", [problem.problem]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise AuditorError(f"cannot read {what} {name}: {error}") from None
    try:
        return model.model_validate(data or {}), positions
    except ValidationError as error:
        problems = [
            Problem(
                name,
                f"{'.'.join(map(str, e['loc'])) or what}: "
                f"{(explain(e) if explain else None) or e['msg']}",
                line_of(positions, tuple(e["loc"])),
            )
            for e in error.errors()
        ]
        raise AuditorError(f"invalid {what}", problems) from None


_SCALARS = yaml.SafeLoader("")
#: libyaml's composer where PyYAML was built with it: the same nodes and marks, faster.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _convert(
    node: yaml.Node,
    path: Path_,
    positions: dict[Path_, int],
    budget: _Budget,
    file: str,
    within: set[int],
) -> Any:
    """The node as plain data; `within` holds the nodes being converted above this one,
    so an alias to one of them (`a: &a [*a]`, a value that contains itself) is refused
    rather than followed for ever."""
    line = node.start_mark.line + 1
    if not budget.spend(node):
        raise YamlProblem(
            Problem(
                file, f"aliases expand the document by more than {MAX_NODES} values (alias bomb?)"
            )
        )
    if id(node) in within:
        raise YamlProblem(
            Problem(
                file,
                "the anchor on this line is used inside its own value (recursive anchor)",
                line,
            )
        )
    if len(within) >= MAX_DEPTH:
        raise YamlProblem(Problem(file, f"nested more than {MAX_DEPTH} levels deep", line))
    positions.setdefault(path, line)
    if node.tag not in ALLOWED_TAGS:
        what = "merge keys (<<) are" if node.tag == MERGE_TAG else f"the tag {node.tag} is"
        raise YamlProblem(Problem(file, f"{what} not allowed in rule packs", line))
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        within.add(id(node))
        try:
            return _collection(node, path, positions, budget, file, within)
        finally:
            within.discard(id(node))
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value
    return _SCALARS.construct_object(node)


def _collection(
    node: yaml.MappingNode | yaml.SequenceNode,
    path: Path_,
    positions: dict[Path_, int],
    budget: _Budget,
    file: str,
    within: set[int],
) -> Any:
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, (*path, i), positions, budget, file, within)
            for i, item in enumerate(node.value)
        ]
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = _convert(key_node, path, {}, budget, file, within)
        if not isinstance(key, str | int | float | bool):
            raise YamlProblem(
                Problem(file, "mapping keys must be plain values", key_node.start_mark.line + 1)
            )
        if key in result:
            raise YamlProblem(Problem(file, f"duplicate key {key!r}", key_node.start_mark.line + 1))
        child = (*path, str(key))
        positions[child] = key_node.start_mark.line + 1
        result[key] = _convert(value_node, child, positions, budget, file, within)
    return result


def line_of(positions: dict[Path_, int], path: Path_) -> int | None:
    """The line of the deepest known prefix of `path`."""
    for end in range(len(path), -1, -1):
        line = positions.get(tuple(str(p) if isinstance(p, str) else p for p in path[:end]))
        if line is not None:
            return line
    return None
