"""Every rule carries examples; running them catches a rule that does not do what it says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import AS_OF

from auditor import api
from auditor.api import Options
from auditor.packs.examples import ExampleFailure, run_examples
from auditor.packs.loader import load_packs
from auditor.packs.selection import select_rules
from auditor.resources import rules_dir

PACK = """\
name: shop-listing
version: "1.0"
area: listing
rules:
  - id: SHP-001
    name: title-max-length
    severity: high
    applies_to: listings
    check:
      kind: length
      fields: title
      fail: {gt: 80}
    message:
      en: "Title has {value} characters; the limit is {limit}."
      zh: "标题有 {value} 个字符，上限为 {limit} 个字符。"
    why: {en: "Short titles read well on phones.", zh: "短标题在手机上更易读。"}
    fix: {en: "Shorten the title.", zh: "缩短标题。"}
    source:
      url: https://sellercentral.amazon.com/help/hub/reference/external/201100890
      checked: 2026-11-27
      confidence: best-practice
    examples:
      pass:
        - {title: "Soundwave Mini Bluetooth Speaker, Black"}
      fail:
        - {title: "FAIL_TITLE"}
"""
LONG = "Soundwave Mini Bluetooth Speaker, 10W Stereo, IPX5 Waterproof, 24-Hour Playtime, Black"


def run_pack(folder: Path, text: str) -> list[ExampleFailure]:
    (folder / "shop.yaml").write_text(text, encoding="utf-8")
    rules = select_rules(load_packs([folder]), [], [], {})
    return [failure for packed in rules for failure in run_examples(packed, AS_OF)]


def test_every_bundled_example_passes() -> None:
    count, failures = api.test_rules(Options(), AS_OF)

    assert failures == []
    bundled = load_packs([rules_dir()])
    expected = sum(
        len(v) for p in bundled for r in p.pack.rules for v in r.examples.by_outcome().values()
    )
    assert count == expected
    assert count >= 2 * sum(len(p.pack.rules) for p in bundled)  # a pass and a fail each


def test_a_selection_runs_only_the_selected_rules_examples() -> None:
    count, failures = api.test_rules(Options(select=["HLT-001"]), AS_OF)

    assert failures == []
    assert count == 5  # HLT-001 has 1 pass, 1 warn, 2 fail and 1 unknown example


def test_a_correct_pack_has_no_failures(tmp_path: Path) -> None:
    assert len(LONG) > 80
    assert run_pack(tmp_path, PACK.replace("FAIL_TITLE", LONG)) == []


def test_a_fail_example_that_passes_is_reported(tmp_path: Path) -> None:
    short = "Soundwave Speaker"

    failures = run_pack(tmp_path, PACK.replace("FAIL_TITLE", short))

    assert failures == [ExampleFailure("SHP-001", "fail", "pass", {"title": short})]
    assert str(failures[0]).startswith("SHP-001: example expected fail, got pass")


def test_a_pass_example_that_fails_is_reported(tmp_path: Path) -> None:
    text = PACK.replace("FAIL_TITLE", LONG).replace(
        '{title: "Soundwave Mini Bluetooth Speaker, Black"}', f'{{title: "{LONG}!"}}'
    )

    [failure] = run_pack(tmp_path, text)

    assert (failure.rule_id, failure.expected, failure.got) == ("SHP-001", "pass", "fail")


def test_an_example_the_when_condition_excludes_is_reported(tmp_path: Path) -> None:
    text = PACK.replace("FAIL_TITLE", LONG).replace(
        "    check:\n", "    when: {field: marketplace, in: [DE, FR]}\n    check:\n"
    )
    text = text.replace(f'{{title: "{LONG}"}}', f'{{marketplace: DE, title: "{LONG}"}}')

    [failure] = run_pack(tmp_path, text)

    assert failure.expected == "pass"
    assert failure.got == "not applicable"  # examples default to the US marketplace


def test_examples_go_through_the_same_coercion_as_a_csv(tmp_path: Path) -> None:
    text = PACK.replace(
        "fields: title\n      fail: {gt: 80}", "fields: quantity\n      fail: {lt: 1}"
    )
    text = text.replace("kind: length", "kind: threshold").replace(
        "fields: quantity", "field: quantity"
    )
    text = text.replace('{title: "Soundwave Mini Bluetooth Speaker, Black"}', '{quantity: "12"}')
    text = text.replace('{title: "FAIL_TITLE"}', '{quantity: "0"}')

    assert run_pack(tmp_path, text) == []


def test_bundled_examples_do_not_depend_on_the_day_they_are_run() -> None:
    # LST-002 (titles of at most 75 characters) takes effect on 2026-07-27.
    count, failures = api.test_rules(Options(select=["LST-002"]), dt.date(2026, 6, 15))

    assert count == 2
    assert failures == []


def test_an_example_may_be_one_product_s_history(tmp_path: Path) -> None:
    """A list of records is one entity's rows: a series check judges its latest row."""
    text = PACK.replace("applies_to: listings", "applies_to: prices").replace(
        "      kind: length\n      fields: title\n      fail: {gt: 80}",
        "      kind: series_reference\n      field: price\n      fail: {gt: 1.5}",
    )
    text = text.replace(
        '        - {title: "Soundwave Mini Bluetooth Speaker, Black"}',
        "        - - {sku: A, date: 2026-11-01, price: 10}\n"
        "          - {sku: A, date: 2026-11-10, price: 10}\n"
        "          - {sku: A, date: 2026-11-20, price: 10}\n"
        "          - {sku: A, date: 2026-11-26, price: 11}",
    )
    spike = [
        {"sku": "A", "date": f"2026-11-{day}", "price": price}
        for day, price in (("01", 10), ("10", 10), ("20", 10), ("26", 30))
    ]
    text = text.replace(
        '        - {title: "FAIL_TITLE"}',
        "        - - "
        + "\n          - ".join(
            f"{{sku: A, date: {r['date']}, price: {r['price']}}}" for r in spike
        ),
    )
    assert run_pack(tmp_path, text) == []

    failures = run_pack(tmp_path, text.replace("price: 30}", "price: 12}"))
    assert [(f.expected, f.got, len(f.record)) for f in failures] == [("fail", "pass", 4)]
