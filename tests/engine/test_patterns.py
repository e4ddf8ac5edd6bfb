"""Pack patterns run within a time budget, and bundled ones run in linear time.

A seller's own pattern may backtrack for ever; a value it cannot search in time is
`unknown` with the reason, never a pass, and a pattern that keeps running over its
budget is given up for the rest of the rule. A value longer than Amazon accepts in
its field is not searched at all: its length rule fails it.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
import yaml
from conftest import REPO, make_rule, outcomes, run, table

from auditor.engine.patterns import BUDGET_SECONDS, GIVE_UP_AFTER, OVER_BUDGET, PackPattern
from auditor.model.tables import MAX_SEARCHED_CHARS
from auditor.model.vocab import DOCUMENT_TYPES

#: Backtracks exponentially on a run of `a` not followed by `b`.
BACKTRACKING = r"(?:a|aa)+b"


def listing(sku: str, **fields: Any) -> dict[str, Any]:
    return {"sku": sku, "asin": "B0CXV1BTL1", "brand": "Aquaro", **fields}


def test_a_search_over_its_budget_is_stopped_and_said_so():
    pattern = PackPattern(BACKTRACKING)

    started = time.perf_counter()
    assert pattern.search("a" * 40 + "c") is OVER_BUDGET
    assert time.perf_counter() - started < BUDGET_SECONDS * 4
    assert pattern.search("aab") is not None  # short text: decided as usual


def test_a_pattern_over_budget_too_often_is_given_up():
    pattern = PackPattern(BACKTRACKING)
    for _ in range(GIVE_UP_AFTER):
        assert pattern.search("a" * 40 + "c") is OVER_BUDGET

    assert pattern.given_up
    started = time.perf_counter()
    assert pattern.search("aab") is OVER_BUDGET  # not even tried
    assert time.perf_counter() - started < 0.01


def test_a_seller_pattern_that_backtracks_leaves_those_listings_unknown_never_passed():
    rule = make_rule({"kind": "regex", "fields": "title", "pattern": BACKTRACKING})
    listings = table(
        "listings",
        listing("AQ-BTL-01", title="Aquaro Steel Water Bottle 750 ml"),
        listing("AQ-BTL-02", title="a" * 40 + "c"),
        listing("AQ-BTL-03", title="aab water bottle"),
    )

    result = run(rule, listings)

    assert outcomes(result) == [("AQ-BTL-02", None, "unknown"), ("AQ-BTL-03", None, "fail")]
    unknown = result.findings[0]
    assert unknown["evidence"]["reason"] == "pattern_budget"
    assert unknown["missing"] == []
    assert unknown["message"] == (
        "Cannot decide: the rule's pattern ran over its time budget of 250 ms on title"
        " (a pattern that backtracks: check the rule's pattern)."
    )


def test_one_bad_pattern_costs_about_a_second_on_a_whole_catalogue():
    rule = make_rule({"kind": "regex", "fields": "title", "pattern": BACKTRACKING})
    # 200 values over budget would take 50 s one by one; given up after four, about one.
    hostile = [listing(f"AQ-BTL-{n:03d}", title="a" * (40 + n % 100) + "c") for n in range(200)]

    started = time.perf_counter()
    result = run(rule, table("listings", *hostile))

    assert time.perf_counter() - started < 200 * BUDGET_SECONDS / 2
    assert result.counts["unknown"] == 200


def test_a_description_a_little_over_amazons_limit_is_still_searched_whole():
    description = "Keeps drinks cold for 24 hours. " * 70 + "<b>BPA free</b>"  # 2,254 characters
    result = run(
        make_rule(LST_013, message={"en": "{detail}: {value}", "zh": "{detail}：{value}"}),
        table("listings", listing("AQ-BTL-01", description=description)),
    )

    assert outcomes(result) == [("AQ-BTL-01", "length", "fail"), ("AQ-BTL-01", "html", "fail")]


def test_a_value_over_twice_the_limit_is_searched_up_to_it_and_undecided_beyond():
    # A 50 KB description: markup in the first 4,000 characters decides; none there
    # leaves the rest unsearched, an unknown that says so, never a pass.
    clean_start = "Keeps drinks cold for 24 hours. " * 1_600 + "<b>BPA free</b>"
    tag_first = "<b>BPA free</b> " + clean_start
    result = run(
        make_rule(LST_013, message={"en": "{detail}: {value}", "zh": "{detail}：{value}"}),
        table(
            "listings",
            listing("AQ-BTL-01", description=clean_start),
            listing("AQ-BTL-02", description=tag_first),
        ),
    )

    assert outcomes(result) == [
        ("AQ-BTL-01", "length", "fail"),
        ("AQ-BTL-02", "length", "fail"),
        ("AQ-BTL-01", "html", "unknown"),
        ("AQ-BTL-02", "html", "fail"),
    ]
    html = result.findings[2]
    assert html["evidence"] | {"source": None} == {
        "reason": "too_long",
        "length": 51_215,
        "max_length": 4_000,
        "source": None,
    }
    assert html["message"] == (
        "Cannot decide: description has 51,215 characters; the rule's pattern is not in the"
        " first 4,000 (twice what Amazon accepts), and the rest was not searched"
        " (shorten it first)."
    )


def test_the_unknown_is_worded_in_chinese_too():
    description = "保温杯，" * 1_500 + "<b>保温杯</b>"
    result = run(
        make_rule(LST_013),
        table("listings", listing("AQ-BTL-01", description=description)),
        language="zh",
    )

    assert result.findings[1]["message"] == (
        "无法判定：description 共 6,010 个字符；前 4,000 个字符（亚马逊上限的两倍）中未发现规则所查内容，"
        "其余部分未检查（请先缩短）。"
    )


def test_a_condition_on_a_value_too_long_to_search_is_undecided_naming_why():
    pesticidal = make_rule(
        {"kind": "required", "fields": "sku"},
        when={"field": "description", "regex": "(?i)anti-?bacterial"},
    )
    late_claim = "Double-walled steel keeps drinks cold. " * 120 + "Antibacterial lid."
    early_claim = "Antibacterial lid. " + "Double-walled steel keeps drinks cold. " * 120

    result = run(
        pesticidal,
        table(
            "listings",
            listing("AQ-BTL-01", description=late_claim),
            listing("AQ-BTL-02", description=early_claim),
        ),
    )

    [finding] = result.findings
    assert finding["outcome"] == "unknown"
    assert finding["message"] == (
        "Cannot decide: description has 4,698 characters; the rule's pattern is not in the"
        " first 4,000 (twice what Amazon accepts), and the rest was not searched"
        " (shorten it first)."
    )


# --- every bundled pattern runs in linear time --------------------------------------------

LST_013 = next(
    r["check"]
    for r in yaml.safe_load((REPO / "rules" / "listing.yaml").read_text(encoding="utf-8"))["rules"]
    if r["id"] == "LST-013"
)


def _bundled_patterns() -> list[tuple[str, str, bool]]:
    """(where, pattern, ignore_case) of every pattern in the bundled packs and formats."""
    found: list[tuple[str, str, bool]] = []

    def walk(node: Any, where: str, ignore_case: bool = True) -> None:
        if isinstance(node, dict):
            if node.get("kind") == "regex" and "pattern" in node:
                found.append((where, node["pattern"], node.get("ignore_case", True)))
            if isinstance(node.get("regex"), str):
                found.append((where, node["regex"], False))
            if isinstance(node.get("identifier_pattern"), str):
                found.append((where, node["identifier_pattern"], False))
            for value in node.values():
                walk(value, where)
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    for pack in sorted((REPO / "rules").glob("*.yaml")):
        for rule in yaml.safe_load(pack.read_text(encoding="utf-8"))["rules"]:
            walk(rule, f"{pack.name}:{rule['id']}")
    for name, spec in DOCUMENT_TYPES.items():
        if spec.pattern:
            found.append((f"document type {name}", spec.pattern, False))
    return found


#: Text that makes a careless pattern backtrack: long runs of what its quantifiers take.
HOSTILE = [
    "1-",
    "a.",
    "<a",
    "< ",
    " ",
    "a@",
    "+1 ",
    "(1",
    "a",
    "1",
    "&a",
    "[insert ",
    "{{",
    "www.",
    "x ",
    "anti-",
    "N/A ",
    "B0",
]


#: One opening, then a long run: '<' and 256,000 spaces took an HTML pattern 265 s.
OPENED = [("<", " "), ("<a", " "), ("&", "a"), ("+1", " "), ("www.", "a"), ("B0", "A")]


def _long(opening: str, unit: str) -> str:
    run_length = MAX_SEARCHED_CHARS - len(opening)
    return opening + (unit * (run_length // len(unit) + 1))[:run_length] + "!"


@pytest.mark.parametrize(("where", "source", "ignore_case"), _bundled_patterns())
def test_every_bundled_pattern_searches_the_longest_text_in_its_budget(where, source, ignore_case):
    pattern = PackPattern(source, ignore_case)
    for unit in HOSTILE:
        text = _long("", unit)
        assert pattern.search(text) is not OVER_BUDGET, (where, unit)
        assert pattern.fullmatch(text) is not OVER_BUDGET, (where, unit)
    for opening, unit in OPENED:
        assert pattern.search(_long(opening, unit)) is not OVER_BUDGET, (where, opening, unit)


def test_the_bundled_patterns_are_all_found():
    # A pack that moved its patterns elsewhere would make the test above check nothing.
    wheres = {where.split(":")[0] for where, _, _ in _bundled_patterns()}
    assert {"listing.yaml", "compliance.yaml", "poa.yaml"} <= wheres
    assert len(_bundled_patterns()) >= 15
