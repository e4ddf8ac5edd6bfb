"""Loading rule packs: the bundled ones load, and every mistake is located and shown at once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.errors import AuditorError, Problem
from auditor.packs.loader import load_packs
from auditor.resources import rules_dir

RULE = """\
  - id: {rule_id}
    name: title-max-length
    severity: high
    applies_to: listings
    check:
      kind: length
      fields: title
      fail: {{gt: 150}}
    message:
      en: "Title has {{value}} characters; the limit is {{limit}}."
      zh: "标题有 {{value}} 个字符，上限为 {{limit}} 个字符。"
    why:
      en: "Long titles are suppressed from search."
      zh: "标题过长会被搜索屏蔽。"
    fix:
      en: "Cut the title to brand, product type and key attributes."
      zh: "标题只保留品牌、商品类型和关键属性。"
    source:
      url: https://sellercentral.amazon.com/help/hub/reference/external/201100890
      checked: 2026-11-27
      confidence: amazon
    examples:
      pass:
        - {{title: "Soundwave Mini Bluetooth Speaker, 10W, IPX5 Waterproof, Black"}}
      fail:
        - {{title: "{long_title}"}}
"""

LONG_TITLE = "Soundwave Mini Bluetooth Speaker " + "Portable Wireless Loud Bass " * 5


def pack_text(*rule_ids: str, name: str = "shop-listing", area: str = "listing") -> str:
    rules = "".join(RULE.format(rule_id=r, long_title=LONG_TITLE) for r in rule_ids)
    return f'name: {name}\nversion: "1.0"\narea: {area}\nrules:\n{rules}'


def write(folder: Path, file: str, text: str) -> Path:
    path = folder / file
    path.write_text(text, encoding="utf-8")
    return path


def line_number(text: str, snippet: str) -> int:
    """The 1-based line of the first line holding `snippet`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if snippet in line)


def load_errors(*paths: Path) -> list[Problem]:
    with pytest.raises(AuditorError) as caught:
        load_packs(list(paths))
    assert "Traceback" not in str(caught.value)
    assert caught.value.problems
    return caught.value.problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


# --- what loads ------------------------------------------------------------------------


def test_the_bundled_packs_load() -> None:
    packs = load_packs([rules_dir()])

    by_name = {p.pack.name: p for p in packs}
    assert set(by_name) == {
        "listing",
        "health",
        "compliance",
        "inventory",
        "advertising",
        "sales",
        "customer",
        "pricing",
        "account",
        "poa",
    }
    ids = [r.id for p in packs for r in p.pack.rules]
    assert len(ids) == len(set(ids))
    assert {"LST-001", "HLT-001", "CMP-001"} <= set(ids)
    health = by_name["health"]
    assert health.path.endswith("health.yaml")
    assert len(health.sha256) == 64
    hlt001 = next(r for r in health.pack.rules if r.id == "HLT-001")
    assert hlt001.check.kind == "threshold"
    assert hlt001.check.fail.ge == 0.01


def test_a_valid_pack_written_by_a_seller_loads(tmp_path: Path) -> None:
    write(tmp_path, "shop.yaml", pack_text("SHP-001", "SHP-002"))

    [loaded] = load_packs([tmp_path])

    assert loaded.pack.name == "shop-listing"
    assert [r.id for r in loaded.pack.rules] == ["SHP-001", "SHP-002"]
    assert loaded.pack.rules[0].source.checked.isoformat() == "2026-11-27"


def test_a_pack_is_parsed_once_per_process_and_again_once_edited(tmp_path: Path) -> None:
    """A fleet's worker audits store after store with the same packs: the second load
    is the first's pack, and an edited file is read anew."""
    pack = write(tmp_path, "shop.yaml", pack_text("SHP-001"))
    [first] = load_packs([tmp_path])
    [again] = load_packs([tmp_path])
    assert again is first

    write(tmp_path, "shop.yaml", pack_text("SHP-001", "SHP-002"))
    [edited] = load_packs([pack])
    assert [r.id for r in edited.pack.rules] == ["SHP-001", "SHP-002"]
    assert edited.sha256 != first.sha256


def test_a_folder_is_searched_for_yaml_and_yml_files_only(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    write(tmp_path, "a.yaml", pack_text("SHP-001", name="a"))
    write(tmp_path / "team", "b.yml", pack_text("SHP-002", name="b"))
    write(tmp_path, "README.md", "# our rules\n: not yaml {")

    packs = load_packs([tmp_path])

    assert [p.pack.name for p in packs] == ["a", "b"]


# --- located errors --------------------------------------------------------------------


def test_malformed_yaml_names_file_and_line(tmp_path: Path) -> None:
    text = pack_text("SHP-001").replace("fail: {gt: 150}", "fail: {gt: 150")
    path = write(tmp_path, "shop.yaml", text)

    problem = only(load_errors(path))

    assert problem.file == path.as_posix()
    assert "not valid YAML" in problem.message
    assert problem.line is not None
    assert problem.line >= line_number(text, "fail: {gt: 150")


def test_an_unknown_key_in_a_rule_names_file_line_and_rule(tmp_path: Path) -> None:
    text = pack_text("SHP-001").replace(
        "    severity: high\n", "    severity: high\n    colour: red\n"
    )
    path = write(tmp_path, "shop.yaml", text)

    problem = only(load_errors(path))

    assert problem.file == path.as_posix()
    assert problem.rule_id == "SHP-001"
    assert "colour" in problem.message
    assert line_number(text, "- id: SHP-001") <= problem.line <= line_number(text, "colour")


def test_an_unknown_check_kind_is_named_with_the_kinds_there_are(tmp_path: Path) -> None:
    text = pack_text("SHP-001").replace("kind: length", "kind: lenght")
    path = write(tmp_path, "shop.yaml", text)

    problem = only(load_errors(path))

    assert problem.rule_id == "SHP-001"
    assert problem.line == line_number(text, "kind: lenght")
    assert "'lenght'" in problem.message
    assert "length" in problem.message.replace("'lenght'", "")


def test_a_bad_severity_is_located(tmp_path: Path) -> None:
    text = pack_text("SHP-001").replace("severity: high", "severity: severe")
    path = write(tmp_path, "shop.yaml", text)

    problem = only(load_errors(path))

    assert (problem.file, problem.line, problem.rule_id) == (
        path.as_posix(),
        line_number(text, "severity: severe"),
        "SHP-001",
    )
    assert "'severe'" in problem.message
    assert "critical" in problem.message


def test_a_column_the_table_does_not_have_is_rejected(tmp_path: Path) -> None:
    text = pack_text("SHP-001").replace("fields: title", "fields: bullet_points")
    path = write(tmp_path, "shop.yaml", text)

    problem = only(load_errors(path))

    assert problem.rule_id == "SHP-001"
    assert "'bullet_points'" in problem.message
    assert "listings" in problem.message
    assert line_number(text, "check:") <= problem.line <= line_number(text, "bullet_points")


def test_a_when_condition_on_a_missing_column_is_rejected(tmp_path: Path) -> None:
    text = pack_text("SHP-001").replace(
        "    check:\n", "    when: {field: seller_rating, ge: 4}\n    check:\n"
    )
    path = write(tmp_path, "shop.yaml", text)

    problem = only(load_errors(path))

    assert problem.rule_id == "SHP-001"
    assert "'seller_rating'" in problem.message
    assert problem.line == line_number(text, "when:")


def test_a_message_placeholder_that_is_not_allowed_is_rejected(tmp_path: Path) -> None:
    text = pack_text("SHP-001").replace(
        "the limit is {limit}.", "the limit is {limit} for {seller_name}."
    )
    path = write(tmp_path, "shop.yaml", text)

    problem = only(load_errors(path))

    assert problem.rule_id == "SHP-001"
    assert problem.line == line_number(text, "{seller_name}")
    assert "message.en" in problem.message
    assert "{seller_name}" in problem.message
    assert "value" in problem.message  # the placeholders that are allowed are listed


def test_a_when_condition_with_two_operators_is_located(tmp_path: Path) -> None:
    text = pack_text("SHP-001").replace(
        "    check:\n", "    when: {field: marketplace, eq: DE, ne: FR}\n    check:\n"
    )
    path = write(tmp_path, "shop.yaml", text)

    problem = only(load_errors(path))

    assert (problem.file, problem.line, problem.rule_id) == (
        path.as_posix(),
        line_number(text, "when:"),
        "SHP-001",
    )
    assert "when" in problem.message


def test_a_when_condition_with_two_operators_says_what_is_wrong(tmp_path: Path) -> None:
    text = pack_text("SHP-001").replace(
        "    check:\n", "    when: {field: marketplace, eq: DE, ne: FR}\n    check:\n"
    )
    problem = only(load_errors(write(tmp_path, "shop.yaml", text)))

    assert "null" not in problem.message
    assert "operator" in problem.message or "too many properties" in problem.message


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        ("{US: 150, JP: 250}", "'default'"),
        ("{default: 150, XX: 100}", "'XX'"),
    ],
    ids=["no-default", "unknown-marketplace"],
)
def test_a_per_marketplace_limit_is_checked(tmp_path: Path, limit: str, expected: str) -> None:
    text = pack_text("SHP-001").replace("fail: {gt: 150}", f"fail: {{gt: {limit}}}")
    path = write(tmp_path, "shop.yaml", text)

    problems = load_errors(path)

    assert all(p.rule_id == "SHP-001" for p in problems)
    assert all(p.line == line_number(text, "fail:") for p in problems)
    assert any(expected in p.message for p in problems)


def test_a_per_marketplace_limit_with_default_and_known_codes_loads(tmp_path: Path) -> None:
    text = pack_text("SHP-001").replace("fail: {gt: 150}", "fail: {gt: {default: 150, JP: 250}}")

    [loaded] = load_packs([write(tmp_path, "shop.yaml", text)])

    assert loaded.pack.rules[0].check.fail.gt == {"default": 150, "JP": 250}


def test_a_rule_id_defined_in_two_packs_is_rejected(tmp_path: Path) -> None:
    first = write(tmp_path, "a-listing.yaml", pack_text("SHP-001", "SHP-002", name="a-listing"))
    second = write(tmp_path, "b-extra.yaml", pack_text("SHP-002", name="b-extra"))

    problem = only(load_errors(tmp_path))

    assert problem.rule_id == "SHP-002"
    assert problem.file == second.as_posix()
    assert first.as_posix() in problem.message


def test_a_duplicate_rule_id_names_the_line_of_the_second_definition(tmp_path: Path) -> None:
    write(tmp_path, "a-listing.yaml", pack_text("SHP-001", "SHP-002", name="a-listing"))
    text = pack_text("SHP-002", name="b-extra")
    write(tmp_path, "b-extra.yaml", text)

    problem = only(load_errors(tmp_path))

    assert problem.line == line_number(text, "- id: SHP-002")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "    check:\n",
            "    when: {field: title, regex: '(Bluetooth|Wireless'}\n    check:\n",
        ),
        (
            "      kind: length\n      fields: title\n      fail: {gt: 150}\n",
            "      kind: regex\n      fields: title\n      pattern: '[A-Z'\n",
        ),
    ],
    ids=["in-when", "in-check"],
)
def test_an_invalid_regex_is_rejected(tmp_path: Path, old: str, new: str) -> None:
    text = pack_text("SHP-001").replace(old, new)
    assert text != pack_text("SHP-001")
    path = write(tmp_path, "shop.yaml", text)

    problems = load_errors(path)

    regex_problems = [p for p in problems if "invalid regex" in p.message]
    assert regex_problems
    assert all(p.rule_id == "SHP-001" and p.file == path.as_posix() for p in regex_problems)
    assert all(p.line is not None for p in regex_problems)


def test_all_problems_in_all_packs_are_reported_together(tmp_path: Path) -> None:
    listing = pack_text("SHP-001", "SHP-002").replace("severity: high", "severity: urgent", 1)
    listing = listing.replace("applies_to: listings", "applies_to: listing", 2)
    health = pack_text("SHP-101", "SHP-102", name="shop-health", area="health")
    health = health.replace("fields: title", "fields: bullet_points", 1)
    health = health.replace("the limit is {limit}.", "the limit is {limit}, see {url}.")
    write(tmp_path, "listing.yaml", listing)
    write(tmp_path, "health.yaml", health)
    write(tmp_path, "broken.yaml", "name: broken\nrules:\n  - id: SHP-201\n    name: [oops\n")

    with pytest.raises(AuditorError) as caught:
        load_packs([tmp_path])

    error = caught.value
    located = {(Path(p.file).name, p.rule_id) for p in error.problems}
    assert ("listing.yaml", "SHP-001") in located  # severity and applies_to
    assert ("listing.yaml", "SHP-002") in located  # applies_to
    assert ("health.yaml", "SHP-101") in located  # column and placeholder
    assert ("health.yaml", "SHP-102") in located  # placeholder
    assert ("broken.yaml", None) in located  # not YAML at all
    assert str(len(error.problems)) in error.summary
    text = str(error)
    assert "Traceback" not in text
    for file in ("listing.yaml", "health.yaml", "broken.yaml"):
        assert file in text
    assert "urgent" in text and "bullet_points" in text and "{url}" in text


def test_a_pack_that_is_not_utf8_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(
        pack_text("SHP-001").replace("Long titles", "Très longs").encode("latin-1", "replace")
    )

    problem = only(load_errors(path))

    assert problem.file == path.as_posix()
    assert "cannot read" in problem.message


def test_an_empty_pack_file_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.yaml", "# TODO: write rules\n")

    problems = load_errors(path)

    assert all(p.file == path.as_posix() for p in problems)


def test_a_python_tag_in_a_pack_is_a_located_auditor_error(tmp_path: Path) -> None:
    text = pack_text("SHP-001").replace(
        'version: "1.0"', "version: !!python/object/apply:os.system 'echo hi'"
    )
    path = write(tmp_path, "shop.yaml", text)

    problem = only(load_errors(path))

    assert problem.line == 2


def test_a_merge_key_loads_or_is_a_located_auditor_error(tmp_path: Path) -> None:
    # Two rules sharing one source block through an anchor and a merge key.
    text = pack_text("SHP-001", "SHP-002").replace("    source:\n", "    source: &amazon\n", 1)
    first, second = text.split("  - id: SHP-002\n")
    second = re.sub(r"    source:\n(      .*\n)+", "    source: {<<: *amazon}\n", second)
    text = f"{first}  - id: SHP-002\n{second}"
    assert "<<: *amazon" in text
    path = write(tmp_path, "shop.yaml", text)

    try:
        packs = load_packs([path])
    except AuditorError as error:
        assert "Traceback" not in str(error)
        assert all(p.file == path.as_posix() for p in error.problems)
    else:
        assert packs[0].pack.rules[1].source.url.startswith("https://sellercentral")
