"""Rule packs and auditor.yaml are read by a safe YAML loader that remembers lines."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from auditor.packs.yaml_source import MAX_NODES, YamlProblem, line_of, load_yaml

BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def _evil(marker: Path) -> str:
    return f"name: health\nrules: !!python/object/apply:os.system ['touch {marker}']\n"


def _is_plain(value: object) -> bool:
    if isinstance(value, dict):
        return all(_is_plain(k) and _is_plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_is_plain(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


def test_a_python_tag_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    # The payload is real: an unsafe loader runs the command.
    yaml.unsafe_load(_evil(marker))
    assert marker.exists()
    marker.unlink()

    try:
        data, _ = load_yaml(_evil(marker), "rules/health.yaml")
    except Exception:  # refusing is fine; running the command is not
        data = None
    assert not marker.exists()
    assert _is_plain(data)


def test_a_python_tag_on_a_sequence_is_refused_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(YamlProblem) as caught:
        load_yaml(_evil(tmp_path / "pwned"), "rules/health.yaml")
    assert caught.value.problem.file == "rules/health.yaml"
    assert caught.value.problem.line == 2


def test_a_python_tag_on_a_scalar_is_refused_with_its_line() -> None:
    text = "name: health\nversion: !!python/object/apply:os.system 'echo hi'\n"
    with pytest.raises(YamlProblem) as caught:
        load_yaml(text, "rules/health.yaml")
    assert caught.value.problem.line == 2


def test_every_key_is_recorded_with_its_line() -> None:
    text = """\
name: listing
version: "1.0"
rules:
  - id: LST-001
    check:
      kind: length
      fail: {gt: 200}
  - id: LST-002
    severity: low
"""
    data, lines = load_yaml(text, "rules/listing.yaml")

    assert data["rules"][1] == {"id": "LST-002", "severity": "low"}
    assert lines[("name",)] == 1
    assert lines[("rules",)] == 3
    assert lines[("rules", 0)] == 4
    assert lines[("rules", 0, "check", "kind")] == 6
    assert lines[("rules", 0, "check", "fail", "gt")] == 7
    assert lines[("rules", 1, "severity")] == 9


def test_line_of_falls_back_to_the_deepest_known_parent() -> None:
    _, lines = load_yaml("rules:\n  - id: LST-001\n    check:\n      kind: length\n", "p.yaml")

    assert line_of(lines, ("rules", 0, "check", "fields", 2)) == 3
    assert line_of(lines, ("rules", 0, "id")) == 2
    assert line_of(lines, ("nowhere",)) == 1


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("name: listing\nversion: '1.0'\nname: health\n", 3),
        ("rules:\n  - id: LST-001\n    severity: high\n    severity: low\n", 4),
        ("check: {kind: length, fail: {gt: 200}, kind: range}\n", 1),
    ],
)
def test_duplicate_keys_are_rejected_with_their_line(text: str, line: int) -> None:
    with pytest.raises(YamlProblem) as caught:
        load_yaml(text, "rules/listing.yaml")

    problem = caught.value.problem
    assert "duplicate key" in problem.message
    assert (problem.file, problem.line) == ("rules/listing.yaml", line)


def test_a_billion_laughs_document_is_refused_quickly() -> None:
    started = time.monotonic()
    with pytest.raises(YamlProblem) as caught:
        load_yaml(BILLION_LAUGHS, "bomb.yaml")

    assert time.monotonic() - started < 5
    assert "alias bomb" in caught.value.problem.message
    assert str(MAX_NODES) in caught.value.problem.message


def test_small_aliases_are_still_allowed() -> None:
    text = "source: &gs1 {url: 'https://www.gs1.org', confidence: official}\nagain: *gs1\n"
    data, _ = load_yaml(text, "p.yaml")

    assert (
        data["again"] == data["source"] == {"url": "https://www.gs1.org", "confidence": "official"}
    )


def test_dates_stay_strings_and_other_scalars_keep_their_type() -> None:
    text = """\
checked: 2026-11-27
effective_from: 2026-07-27
stamp: 2026-11-27 08:30:00
version: "1.0"
limit: 0.0075
count: 3
blank: pass
enabled: true
note: null
"""
    data, _ = load_yaml(text, "p.yaml")

    assert data == {
        "checked": "2026-11-27",
        "effective_from": "2026-07-27",
        "stamp": "2026-11-27 08:30:00",
        "version": "1.0",
        "limit": 0.0075,
        "count": 3,
        "blank": "pass",
        "enabled": True,
        "note": None,
    }


def test_malformed_yaml_names_the_file_and_line() -> None:
    text = "name: listing\nrules:\n  - id: LST-001\n    check: {kind: length\n"
    with pytest.raises(YamlProblem) as caught:
        load_yaml(text, "rules/listing.yaml")

    problem = caught.value.problem
    assert problem.file == "rules/listing.yaml"
    assert problem.message.startswith("not valid YAML")
    assert problem.line is not None and problem.line >= 4


def test_an_empty_document_is_none() -> None:
    assert load_yaml("# nothing yet\n", "auditor.yaml") == (None, {})


@pytest.mark.parametrize(
    ("text", "line"),
    [("a: &a [*a]\n", 1), ("x: 1\nb: &b\n  c: *b\n", 2), ("a:\n  - &s [1, [*s]]\n", 2)],
    ids=["sequence", "mapping", "nested"],
)
def test_a_value_that_contains_itself_is_a_located_problem(text: str, line: int) -> None:
    """Issue 16, item 3: `a: &a [*a]` was followed for ever (RecursionError, exit 1)."""
    with pytest.raises(YamlProblem) as caught:
        load_yaml(text, "pack.yaml")

    assert caught.value.problem.line == line
    assert "recursive anchor" in caught.value.problem.message


def test_an_anchor_used_twice_beside_itself_is_not_recursive() -> None:
    data, _ = load_yaml("a: &a [1]\nb: [*a, *a]\n", "pack.yaml")

    assert data == {"a": [1], "b": [[1], [1]]}


def test_nesting_deeper_than_python_can_follow_is_a_problem_not_a_crash() -> None:
    with pytest.raises(YamlProblem) as caught:
        load_yaml("[" * 100_000 + "]" * 100_000, "pack.yaml")

    assert "nest" in caught.value.problem.message


def test_a_large_document_without_aliases_is_not_an_alias_bomb():
    # About 5,000 rules of 50 values each: 250,000 values, none repeated by an alias.
    rule = (
        "- id: R-{n}\n  check: {{kind: length, fields: [title, {n}], fail: {{gt: 200}}}}\n"
        + "".join(f"  field_{i}: {i}\n" for i in range(44))
    )
    text = "".join(rule.format(n=n) for n in range(5_000))

    data, _ = load_yaml(text, "big.yaml")

    assert len(data) == 5_000 and data[-1]["id"] == "R-4999"
